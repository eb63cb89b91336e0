package helpline

import (
	"amem/pb_hooks/apierrors"
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/subscriptions"
)

// presenceTopicPrefix names the realtime topics of who is looking at a case:
// "amem/presence/{question id}".
const presenceTopicPrefix = "amem/presence/"

// bindPresenceTopics lets only counsellors of a case's organisation
// subscribe to its presence topic: PocketBase lets any client subscribe to
// any custom topic, so the subscription request is checked here.
func bindPresenceTopics(app core.App) {
	app.OnRealtimeSubscribeRequest().BindFunc(func(e *core.RealtimeSubscribeRequestEvent) error {
		for _, topic := range e.Subscriptions {
			id, ok := strings.CutPrefix(topic, presenceTopicPrefix)
			if !ok {
				continue
			}
			if !counsellorOfCase(e.App, e.Auth, id) {
				return e.ForbiddenError("", nil)
			}
		}
		return e.Next()
	})
}

// heldCase finds the case {id} of the route if the caller is a counsellor
// of the organisation holding it (the case routes of the inbox).
func heldCase(e *core.RequestEvent) (*core.Record, bool) {
	q, err := e.App.FindRecordById("questions", e.Request.PathValue("id"))
	if err != nil || e.Auth == nil || q.GetString("organisation") != e.Auth.GetString("organisation") {
		return nil, false
	}
	return q, true
}

func counsellorOfCase(app core.App, auth *core.Record, questionID string) bool {
	if auth == nil || auth.Collection().Name != "counsellors" {
		return false
	}
	q, err := app.FindRecordById("questions", questionID)
	return err == nil && q.GetString("organisation") == auth.GetString("organisation")
}

// presence is what colleagues see: who, doing what, since when.
type presence struct {
	Question   string `json:"question"`
	Counsellor string `json:"counsellor,omitempty"`
	Name       string `json:"name,omitempty"`
	State      string `json:"state"` // viewing, typing, left; moved when the case left the organisation
	At         string `json:"at"`
}

// AnnouncePresence serves POST /api/amem/questions/{id}/presence (a
// counsellor of the case's organisation): {"state": "viewing"|"typing"|"left"},
// broadcast on the realtime topic amem/presence/{id}.
func AnnouncePresence(e *core.RequestEvent) error {
	var body struct {
		State string `json:"state"`
	}
	if err := e.BindBody(&body); err != nil {
		return e.BadRequestError("", err)
	}
	if body.State != "viewing" && body.State != "typing" && body.State != "left" {
		return e.BadRequestError("", apierrors.Field("state", "validation_in_invalid"))
	}
	id := e.Request.PathValue("id")
	if !counsellorOfCase(e.App, e.Auth, id) {
		return e.NotFoundError("", nil)
	}
	broadcastPresence(e.App, presence{Question: id, Counsellor: e.Auth.Id, Name: e.Auth.GetString("name"),
		State: body.State, At: time.Now().UTC().Format(time.RFC3339)})
	return e.NoContent(http.StatusNoContent)
}

// broadcastPresence sends p to the clients subscribed to the case's topic
// that may still see the case: a subscription outlives the access it was
// granted with (a sign-out everywhere unsets the client's auth; a hand-over
// moves the case to another union). Those that lost it are told only that
// the case moved, and are unsubscribed.
func broadcastPresence(app core.App, p presence) {
	data, _ := json.Marshal(p)
	topic := presenceTopicPrefix + p.Question
	message := subscriptions.Message{Name: topic, Data: data}
	org := ""
	if q, err := app.FindRecordById("questions", p.Question); err == nil {
		org = q.GetString("organisation")
	}
	for _, chunk := range app.SubscriptionsBroker().ChunkedClients(300) {
		for _, client := range chunk {
			if !client.HasSubscription(topic) {
				continue
			}
			auth, _ := client.Get(apis.RealtimeClientAuthKey).(*core.Record)
			allowed := auth != nil && auth.Collection().Name == "counsellors" && org != "" && auth.GetString("organisation") == org
			if allowed || (auth != nil && p.State == "moved") {
				client.Send(message)
			}
			if !allowed {
				client.Unsubscribe(topic)
			}
		}
	}
}
