package notify

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"amem/internal/push"
	"amem/internal/vocab"
	"amem/pb_hooks/apierrors"
)

// maxAlertCountries bounds the countries a subscriber follows.
const maxAlertCountries = 20

// maxSubscriptionsPerOwner bounds the browsers one account receives
// notifications on: a person has a phone or two. Subscribing another one
// drops the least recently renewed. Without a bound, one account could make
// the server post every alert to thousands of URLs of its choosing.
const maxSubscriptionsPerOwner = 5

// subscriptionRequest is the browser's PushSubscription.toJSON() plus what
// the notifications need: the language to write them in, the countries
// whose alerts to receive (optional; a worker's profile countries, or a
// counsellor's, by default), and discreet (the app's discreet mode: neutral
// words only).
type subscriptionRequest struct {
	push.Subscription
	Lang      string   `json:"lang"`
	Countries []string `json:"countries"`
	Discreet  bool     `json:"discreet"`
}

// subscribe answers POST /api/amem/push/subscriptions: 201 with the stored
// subscription, or 200 when the endpoint was known. An endpoint belongs to a
// browser, not a person: whoever subscribes on it last owns it, and
// notifications still queued for the previous owner are dropped.
// Subscribe serves POST /api/amem/push/subscriptions (a worker or a
// counsellor): the browser's PushSubscription JSON, lang and countries.
func (svc *Service) Subscribe(e *core.RequestEvent) error {
	var req subscriptionRequest
	if err := e.BindBody(&req); err != nil {
		return e.BadRequestError("", err)
	}
	req.Lang = strings.ToLower(strings.TrimSpace(req.Lang))
	if problems := svc.checkSubscription(&req); len(problems) > 0 {
		return e.BadRequestError("", problems)
	}
	if req.Countries == nil {
		req.Countries = profileCountries(e.Auth)
	}
	owner := ownerField(e.Auth)
	status := http.StatusOK
	err := e.App.RunInTransaction(func(txApp core.App) error {
		record, err := txApp.FindFirstRecordByData("push_subscriptions", "endpoint", req.Endpoint)
		if err != nil {
			collection, err := txApp.FindCachedCollectionByNameOrId("push_subscriptions")
			if err != nil {
				return err
			}
			record = core.NewRecord(collection)
			record.Set("endpoint", req.Endpoint)
			status = http.StatusCreated
		} else if record.GetString(owner) != e.Auth.Id {
			// A new person on this browser: what was meant for the last one stays unsent.
			if _, err := txApp.NonconcurrentDB().Delete("push_outbox", dbx.HashExp{"subscription": record.Id}).Execute(); err != nil {
				return err
			}
		}
		record.Set("worker", "")
		record.Set("counsellor", "")
		record.Set(owner, e.Auth.Id)
		record.Set("p256dh", canonicalKey(req.Keys.P256dh))
		record.Set("auth", canonicalKey(req.Keys.Auth))
		record.Set("lang", req.Lang)
		record.Set("countries", req.Countries)
		record.Set("discreet", req.Discreet)
		if err := txApp.Save(record); err != nil {
			return err
		}
		return dropOldSubscriptions(txApp, owner, e.Auth.Id)
	})
	if err != nil {
		return e.BadRequestError("", err)
	}
	return e.JSON(status, map[string]any{"endpoint": req.Endpoint, "lang": req.Lang, "countries": req.Countries, "discreet": req.Discreet})
}

// unsubscribe answers DELETE /api/amem/push/subscriptions {"endpoint"} (or
// ?endpoint=, for clients that cannot send a body with DELETE): 204 when the
// caller's subscription was removed, 404 when the caller has none there.
// Unsubscribe serves DELETE /api/amem/push/subscriptions {"endpoint"}.
func (svc *Service) Unsubscribe(e *core.RequestEvent) error {
	var req struct {
		Endpoint string `json:"endpoint"`
	}
	if e.Request.ContentLength != 0 {
		if err := e.BindBody(&req); err != nil {
			return e.BadRequestError("", err)
		}
	}
	if req.Endpoint == "" {
		req.Endpoint = e.Request.URL.Query().Get("endpoint")
	}
	if req.Endpoint == "" {
		return e.BadRequestError("", apierrors.Field("endpoint", "validation_required"))
	}
	record, err := e.App.FindFirstRecordByData("push_subscriptions", "endpoint", req.Endpoint)
	if err != nil || record.GetString(ownerField(e.Auth)) != e.Auth.Id {
		return e.NotFoundError("", nil) // someone else's is none of the caller's business
	}
	if err := e.App.Delete(record); err != nil { // its queued notifications go with it (cascade)
		return e.InternalServerError("", err)
	}
	return e.NoContent(http.StatusNoContent)
}

// dropOldSubscriptions keeps an owner's maxSubscriptionsPerOwner most
// recently renewed subscriptions and deletes the others (and, by cascade,
// what is queued for them).
func dropOldSubscriptions(app core.App, owner, ownerID string) error {
	old, err := app.FindRecordsByFilter("push_subscriptions", owner+" = {:id}", "-updated,-id",
		0, maxSubscriptionsPerOwner, dbx.Params{"id": ownerID})
	if err != nil {
		return err
	}
	for _, r := range old {
		if err := app.Delete(r); err != nil {
			return err
		}
	}
	return nil
}

// checkSubscription returns the invalid fields of req, normalising countries.
func (svc *Service) checkSubscription(req *subscriptionRequest) map[string]any {
	problems := map[string]any{}
	switch {
	case req.Endpoint == "":
		problems["endpoint"] = apierrors.Field("endpoint", "validation_required")["endpoint"]
	case push.CheckEndpoint(req.Endpoint) != nil:
		problems["endpoint"] = apierrors.Field("endpoint", "amem_push_endpoint")["endpoint"]
	}
	keys := map[string]any{}
	for name, value := range map[string]string{"p256dh": req.Keys.P256dh, "auth": req.Keys.Auth} {
		if value == "" {
			keys[name] = apierrors.Field(name, "validation_required")[name]
		}
	}
	if len(keys) == 0 {
		switch err := req.Subscription.CheckKeys(); err {
		case push.ErrP256dh:
			keys["p256dh"] = apierrors.Field("p256dh", "amem_push_key")["p256dh"]
		case push.ErrAuth:
			keys["auth"] = apierrors.Field("auth", "amem_push_key")["auth"]
		}
	}
	if len(keys) > 0 {
		problems["keys"] = keys
	}
	switch {
	case req.Lang == "":
		problems["lang"] = apierrors.Field("lang", "validation_required")["lang"]
	case !svc.catalog.Has(req.Lang):
		problems["lang"] = apierrors.Field("lang", "amem_unknown_language")["lang"]
	}
	if req.Countries != nil {
		countries := []string{}
		for _, c := range req.Countries {
			c = strings.ToUpper(strings.TrimSpace(c))
			if !vocab.IsCountryCode(c) {
				problems["countries"] = apierrors.Field("countries", "validation_invalid_value")["countries"]
				break
			}
			if !slices.Contains(countries, c) {
				countries = append(countries, c)
			}
		}
		if len(countries) > maxAlertCountries {
			problems["countries"] = apierrors.Field("countries", "validation_too_many_values")["countries"]
		}
		req.Countries = countries
	}
	return problems
}

// profileCountries are the countries whose alerts a subscriber gets when the
// app does not say: where a worker is and is going; a counsellor's countries.
func profileCountries(auth *core.Record) []string {
	var countries []string
	if auth.Collection().Name == "counsellors" {
		raw, _ := json.Marshal(auth.Get("countries"))
		json.Unmarshal(raw, &countries)
	} else {
		for _, field := range []string{"country", "destination"} {
			if c := auth.GetString(field); c != "" && !slices.Contains(countries, c) {
				countries = append(countries, c)
			}
		}
	}
	if countries == nil {
		countries = []string{}
	}
	return countries
}

// ownerField is the push_subscriptions field that points at an auth record.
func ownerField(auth *core.Record) string {
	if auth.Collection().Name == "counsellors" {
		return "counsellor"
	}
	return "worker"
}

// canonicalKey stores a key as URL-safe base64 without padding, whatever
// variant the client sent (CheckKeys accepted it).
func canonicalKey(s string) string {
	s = strings.TrimRight(s, "=")
	return strings.NewReplacer("+", "-", "/", "_").Replace(s)
}
