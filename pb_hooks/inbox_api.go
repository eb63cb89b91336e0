package pb_hooks

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/subscriptions"
)

// presenceTopicPrefix names the realtime topics of who is looking at a case:
// "amem/presence/{question id}".
const presenceTopicPrefix = "amem/presence/"

// bindInbox serves what the counsellors' inbox needs beyond the records API:
//
//	POST /api/amem/questions/{id}/presence  {"state": "viewing"|"typing"|"left"}
//	     → broadcast on the realtime topic amem/presence/{id}
//	GET  /api/amem/workload                 (coordinators) the organisation's load
//	POST /api/amem/counsellors/signout-everywhere
//
// Only counsellors of the case's organisation may subscribe to its presence
// topic: PocketBase lets any client subscribe to any custom topic, so the
// subscription request is checked here.
func bindInbox(app core.App) {
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

	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.POST("/api/amem/questions/{id}/presence", announcePresence).Bind(apis.RequireAuth("counsellors"))
		se.Router.GET("/api/amem/workload", organisationWorkload).Bind(apis.RequireAuth("counsellors"))
		se.Router.POST("/api/amem/counsellors/signout-everywhere", signOutEverywhere).Bind(apis.RequireAuth("counsellors"))
		return se.Next()
	})
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

func announcePresence(e *core.RequestEvent) error {
	var body struct {
		State string `json:"state"`
	}
	if err := e.BindBody(&body); err != nil {
		return e.BadRequestError("", err)
	}
	if body.State != "viewing" && body.State != "typing" && body.State != "left" {
		return e.BadRequestError("", fieldError("state", "validation_in_invalid"))
	}
	id := e.Request.PathValue("id")
	if !counsellorOfCase(e.App, e.Auth, id) {
		return e.NotFoundError("", nil)
	}
	broadcastPresence(e.App, presence{Question: id, Counsellor: e.Auth.Id, Name: e.Auth.GetString("name"),
		State: body.State, At: time.Now().UTC().Format(time.RFC3339)})
	return e.NoContent(http.StatusNoContent)
}

// broadcastPresence sends p to the clients subscribed to the case's topic.
func broadcastPresence(app core.App, p presence) {
	data, _ := json.Marshal(p)
	topic := presenceTopicPrefix + p.Question
	message := subscriptions.Message{Name: topic, Data: data}
	for _, chunk := range app.SubscriptionsBroker().ChunkedClients(300) {
		for _, client := range chunk {
			if client.HasSubscription(topic) {
				client.Send(message)
			}
		}
	}
}

// workloadRow is one counsellor's load, for the coordinator's view.
type workloadRow struct {
	Counsellor string `json:"counsellor" db:"id"`
	Name       string `json:"name" db:"name"`
	Active     bool   `json:"active" db:"active"`
	Capacity   int    `json:"capacity" db:"capacity"`
	Open       int    `json:"open" db:"open"`
	Urgent     int    `json:"urgent" db:"urgent"`
	Overdue    int    `json:"overdue" db:"overdue"`
}

func organisationWorkload(e *core.RequestEvent) error {
	if !e.Auth.GetBool("coordinator") {
		return e.ForbiddenError("", nil)
	}
	org := e.Auth.GetString("organisation")
	rows := []workloadRow{}
	err := e.App.DB().NewQuery(`
		SELECT c.id, c.name, c.active, c.capacity,
			COUNT(q.id) AS open,
			COALESCE(SUM(q.urgent), 0) AS urgent,
			COALESCE(SUM(CASE WHEN q.due != '' AND q.due < {:now} THEN 1 ELSE 0 END), 0) AS overdue
		FROM counsellors c
		LEFT JOIN questions q ON q.counsellor = c.id AND q.status IN ('new', 'assigned', 'escalated', 'awaiting_consent')
		WHERE c.organisation = {:org}
		GROUP BY c.id ORDER BY c.name`).
		Bind(dbx.Params{"org": org, "now": time.Now().UTC().Format("2006-01-02 15:04:05.000Z")}).All(&rows)
	if err != nil {
		return e.InternalServerError("", err)
	}
	var unassigned int
	e.App.DB().Select("COUNT(*)").From("questions").
		Where(dbx.HashExp{"organisation": org, "counsellor": ""}).
		AndWhere(dbx.In("status", openStatuses...)).Row(&unassigned)
	return e.JSON(http.StatusOK, map[string]any{"counsellors": rows, "unassigned": unassigned})
}

// signOutEverywhere invalidates every token of the counsellor (a lost
// laptop, a shared computer), this one included.
func signOutEverywhere(e *core.RequestEvent) error {
	e.Auth.RefreshTokenKey()
	if err := e.App.Save(e.Auth); err != nil {
		return e.InternalServerError("", err)
	}
	return e.NoContent(http.StatusNoContent)
}
