package helpline

import (
	"amem/internal/cases"
	"amem/internal/routing"
	"amem/pb_hooks/apierrors"
	"net/http"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
)

// AnswerConsent serves POST /api/amem/questions/{id}/consent (the worker who
// asked): {"accept": true|false} to a hand-over waiting for their consent.
func AnswerConsent(e *core.RequestEvent) error {
	var req struct {
		Accept *bool `json:"accept"`
	}
	if err := e.BindBody(&req); err != nil || req.Accept == nil {
		return e.BadRequestError("", apierrors.Field("accept", "validation_required"))
	}
	q, err := e.App.FindRecordById("questions", e.Request.PathValue("id"))
	if err != nil || q.GetString("worker") != e.Auth.Id {
		return e.NotFoundError("", nil)
	}
	if cases.Status(q.GetString("status")) != cases.AwaitingConsent {
		return e.BadRequestError("", apierrors.Field("status", "amem_no_consent_pending"))
	}
	from := holder(q)
	to := [2]string{q.GetString("pending_counsellor"), q.GetString("pending_organisation")}
	err = e.App.RunInTransaction(func(txApp core.App) error {
		if *req.Accept {
			q.Set("counsellor", to[0])
			q.Set("organisation", to[1])
			q.Set("status", string(cases.Assigned))
			if to[0] == "" {
				q.Set("status", string(cases.New))
			}
			q.Set("due", routing.DueFor(q.GetBool("urgent"), routing.LevelCounsellor, time.Now()))
		} else {
			// A refusal puts the case back as it was (answered stays answered).
			before := cases.Status(q.GetString("status_before_consent"))
			if !before.Valid() || before == cases.AwaitingConsent {
				before = cases.Assigned
			}
			q.Set("status", string(before))
		}
		q.Set("status_before_consent", "")
		q.Set("pending_organisation", "")
		q.Set("pending_counsellor", "")
		q.Set("pending_country", "")
		if err := txApp.Save(q); err != nil {
			return err
		}
		if !*req.Accept {
			return recordCaseEvent(txApp, q, "consent_refused", from, from, "", "", nil)
		}
		if err := recordCaseEvent(txApp, q, "consent_given", from, to, "", "", nil); err != nil {
			return err
		}
		// The move carries the hand-over note the sender wrote for the
		// receiver: the receiver reads it with the case, and nothing else
		// of the sender's own trail.
		return recordCaseEvent(txApp, q, "transferred", from, to, "", handoverNote(txApp, q.Id), nil)
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

// handoverNote is the note of the latest request for consent on a case:
// what the sending counsellor wrote for the union receiving it.
func handoverNote(app core.App, question string) string {
	asked, err := app.FindRecordsByFilter("case_events", "question = {:q} && kind = 'consent_asked'", "-created", 1, 0,
		dbx.Params{"q": question})
	if err != nil || len(asked) == 0 {
		return ""
	}
	return asked[0].GetString("note")
}
