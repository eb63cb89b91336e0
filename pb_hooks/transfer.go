package pb_hooks

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"amem/internal/push"
	"amem/internal/routing"
)

// bindTransfers serves the hand-over of cases:
//
//	POST /api/amem/questions/{id}/transfer  (counsellor of the case's organisation)
//	     {"counsellor"|"organisation"|"country": "...", "note": "..."}
//	POST /api/amem/questions/{id}/consent   (the worker) {"accept": true|false}
//
// A transfer to a colleague of the same organisation happens at once. A
// transfer to another organisation or country first asks the worker: the
// case stays where it is, "awaiting_consent", until they accept (it moves,
// whole thread included) or refuse (it stays). Every step is written to the
// case's audit trail (case_events).
func bindTransfers(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.POST("/api/amem/questions/{id}/transfer", transferQuestion).Bind(apis.RequireAuth("counsellors"))
		se.Router.POST("/api/amem/questions/{id}/consent", answerTransferConsent).Bind(apis.RequireAuth("workers"))
		return se.Next()
	})
}

type transferRequest struct {
	Counsellor   string `json:"counsellor"`
	Organisation string `json:"organisation"`
	Country      string `json:"country"`
	Note         string `json:"note"`
}

func transferQuestion(e *core.RequestEvent) error {
	var req transferRequest
	if err := e.BindBody(&req); err != nil {
		return e.BadRequestError("", err)
	}
	req.Country = strings.ToUpper(strings.TrimSpace(req.Country))
	targets := 0
	for _, v := range []string{req.Counsellor, req.Organisation, req.Country} {
		if v != "" {
			targets++
		}
	}
	if targets != 1 {
		return e.BadRequestError("", fieldError("counsellor", "amem_one_target"))
	}
	if len([]rune(req.Note)) > 2000 {
		return e.BadRequestError("", fieldError("note", "validation_max_text_constraint"))
	}

	q, err := e.App.FindRecordById("questions", e.Request.PathValue("id"))
	if err != nil || q.GetString("organisation") != e.Auth.GetString("organisation") {
		return e.NotFoundError("", nil) // never confirm that another organisation's case exists
	}
	if q.GetString("status") == "awaiting_consent" {
		return e.BadRequestError("", fieldError("status", "amem_consent_pending"))
	}

	decision, err := transferDecision(e.App, q, req)
	if err != nil {
		return err
	}
	actor := e.Auth.Id
	from := holder(q)
	err = e.App.RunInTransaction(func(txApp core.App) error {
		if decision.Organisation == q.GetString("organisation") {
			// Within the organisation: no personal data leaves it, no consent needed.
			q.Set("counsellor", decision.Counsellor)
			q.Set("status", "assigned")
			q.Set("due", routing.DueFor(q.GetBool("urgent"), routing.LevelCounsellor, time.Now()))
			if err := txApp.Save(q); err != nil {
				return err
			}
			return recordCaseEvent(txApp, q, "transferred", from, holder(q), actor, req.Note)
		}
		q.Set("status", "awaiting_consent")
		q.Set("pending_organisation", decision.Organisation)
		q.Set("pending_counsellor", decision.Counsellor)
		q.Set("pending_country", req.Country)
		if err := txApp.Save(q); err != nil {
			return err
		}
		if err := notifyWorkerOf(txApp, q, push.KindTransfer); err != nil {
			return err
		}
		return recordCaseEvent(txApp, q, "consent_asked", from, [2]string{decision.Counsellor, decision.Organisation}, actor, req.Note)
	})
	if err != nil {
		return e.InternalServerError("", err)
	}
	if err := apis.EnrichRecord(e, q); err != nil {
		return err
	}
	return e.JSON(http.StatusOK, q)
}

// transferDecision works out who receives the case.
func transferDecision(app core.App, q *core.Record, req transferRequest) (routing.Decision, error) {
	orgs, counsellors, err := routingPool(app)
	if err != nil {
		return routing.Decision{}, apis.NewInternalServerError("", err)
	}
	switch {
	case req.Counsellor != "":
		for _, c := range counsellors {
			if c.ID == req.Counsellor && c.Active && c.ID != q.GetString("counsellor") {
				return routing.Decision{Counsellor: c.ID, Organisation: c.Organisation}, nil
			}
		}
		return routing.Decision{}, apis.NewBadRequestError("", fieldError("counsellor", "amem_not_available"))

	case req.Organisation != "":
		for _, o := range orgs {
			if o.ID == req.Organisation && o.Active {
				return routeWithin(q, []routing.Organisation{o}, counsellors, preferredCountry(q, o.Countries)), nil
			}
		}
		return routing.Decision{}, apis.NewBadRequestError("", fieldError("organisation", "amem_not_available"))

	default:
		covering := []routing.Organisation{}
		for _, o := range orgs {
			if o.Active && slices.Contains(o.Countries, req.Country) {
				covering = append(covering, o)
			}
		}
		if len(covering) == 0 {
			return routing.Decision{}, apis.NewBadRequestError("", fieldError("country", "amem_no_partner"))
		}
		return routeWithin(q, covering, counsellors, req.Country), nil
	}
}

// routeWithin routes the question among the given organisations, as if the
// worker were in country. When none of their counsellors fits, the case goes
// to the first organisation without a named counsellor.
func routeWithin(q *core.Record, orgs []routing.Organisation, counsellors []routing.Counsellor, country string) routing.Decision {
	rq := routingQuestion(q)
	rq.Country = country
	d := routing.Route(rq, orgs, counsellors, time.Now())
	if d.Organisation == "" {
		d.Organisation = orgs[0].ID
	}
	return d
}

// preferredCountry is where the worker is going when the organisation covers
// it (the protection continuum), else where they are, else the
// organisation's first country.
func preferredCountry(q *core.Record, covered []string) string {
	for _, c := range []string{q.GetString("destination"), q.GetString("country")} {
		if c != "" && slices.Contains(covered, c) {
			return c
		}
	}
	if len(covered) > 0 {
		return covered[0]
	}
	return q.GetString("country")
}

func answerTransferConsent(e *core.RequestEvent) error {
	var req struct {
		Accept *bool `json:"accept"`
	}
	if err := e.BindBody(&req); err != nil || req.Accept == nil {
		return e.BadRequestError("", fieldError("accept", "validation_required"))
	}
	q, err := e.App.FindRecordById("questions", e.Request.PathValue("id"))
	if err != nil || q.GetString("worker") != e.Auth.Id {
		return e.NotFoundError("", nil)
	}
	if q.GetString("status") != "awaiting_consent" {
		return e.BadRequestError("", fieldError("status", "amem_no_consent_pending"))
	}
	from := holder(q)
	to := [2]string{q.GetString("pending_counsellor"), q.GetString("pending_organisation")}
	err = e.App.RunInTransaction(func(txApp core.App) error {
		if *req.Accept {
			q.Set("counsellor", to[0])
			q.Set("organisation", to[1])
			q.Set("status", "assigned")
			if to[0] == "" {
				q.Set("status", "new")
			}
			q.Set("due", routing.DueFor(q.GetBool("urgent"), routing.LevelCounsellor, time.Now()))
		} else {
			q.Set("status", "assigned")
		}
		q.Set("pending_organisation", "")
		q.Set("pending_counsellor", "")
		q.Set("pending_country", "")
		if err := txApp.Save(q); err != nil {
			return err
		}
		if !*req.Accept {
			return recordCaseEvent(txApp, q, "consent_refused", from, from, "", "the worker refused the transfer")
		}
		if err := recordCaseEvent(txApp, q, "consent_given", from, to, "", "the worker accepted the transfer"); err != nil {
			return err
		}
		return recordCaseEvent(txApp, q, "transferred", from, to, "", "moved with its whole thread after the worker's consent")
	})
	if err != nil {
		return e.InternalServerError("", err)
	}
	if *req.Accept {
		// The first organisation can no longer read the case, so realtime
		// no longer tells its inbox: say it on the case's presence topic.
		broadcastPresence(e.App, presence{Question: q.Id, State: "moved", At: time.Now().UTC().Format(time.RFC3339)})
	}
	if err := apis.EnrichRecord(e, q); err != nil {
		return err
	}
	return e.JSON(http.StatusOK, q)
}

// notifyWorkerOf queues a push notification to the worker who asked q (in
// the caller's transaction: it is sent after commit, and only then).
func notifyWorkerOf(txApp core.App, q *core.Record, kind push.Kind) error {
	worker, err := txApp.FindRecordById("workers", q.GetString("worker"))
	if err != nil {
		return err
	}
	return Notify(txApp, worker, kind, NotifyData{Question: q.Id})
}
