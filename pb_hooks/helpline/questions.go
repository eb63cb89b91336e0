package helpline

import (
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"amem/internal/cases"
	"amem/internal/plaintext"
	"amem/internal/routing"
	"amem/pb_hooks/apierrors"
	"amem/pb_hooks/records"
)

// bindQuestions keeps the promises of POST /api/collections/questions/records:
// the question belongs to the worker who sends it, starts as "new", and a
// resend with the same client_id returns the first question (200) instead of
// making a second one, so offline retries never duplicate a question.
func bindQuestions(app core.App) {
	bindPoolCache(app)
	bindRoutedEvents(app)
	app.OnRecordCreateRequest("questions").BindFunc(func(e *core.RecordRequestEvent) error {
		if err := stripPhotos(e); err != nil {
			return err
		}
		if e.Auth == nil || e.Auth.Collection().Name != "workers" {
			return e.Next() // superusers (dashboard) create freely
		}
		e.Record.Set("worker", e.Auth.Id)
		e.Record.Set("status", string(cases.New))

		// A resend of a stored question (the app's offline retries) is
		// answered with it. The unique index on (worker, client_id) finds it
		// when the insert below fails, so a first send, the common case,
		// costs no lookup; only the refused paths look first.
		resent := func() *core.Record {
			return records.FindByClientID(e.App, "questions", "worker", e.Auth.Id, e.Record.GetString("client_id"))
		}
		if emptyQuestion(e.Record) {
			if existing := resent(); existing != nil {
				return records.ReturnExisting(e, existing)
			}
			return e.BadRequestError("", apierrors.Field("text", "validation_required"))
		}
		if !Allow(e.RequestEvent, "questions") {
			if existing := resent(); existing != nil {
				return records.ReturnExisting(e, existing)
			}
			return e.TooManyRequestsError("", nil)
		}
		orgs, counsellors, err := cachedRoutingPool(e.App)
		if err != nil {
			return e.InternalServerError("", err)
		}
		decision := routing.Route(routingQuestion(e.Record), orgs, counsellors, time.Now())
		applyDecision(e.Record, decision)
		err = e.Next()
		if err != nil {
			// A resend, or two sends of the same question that raced: the
			// unique index let one through; answer the other with it, and
			// do not count it against the worker.
			if existing := resent(); existing != nil {
				Refund(e.RequestEvent, "questions")
				return records.ReturnExisting(e, existing)
			}
		}
		return err
	})
}

// bindRoutedEvents starts the audit trail of a routed question with where
// it went and why, in the question's own transaction: a question never
// exists without it. Only the server routes (routing_note is the server's),
// so a question with a routing note is one that was just routed.
func bindRoutedEvents(app core.App) {
	app.OnRecordCreateExecute("questions").BindFunc(func(e *core.RecordEvent) error {
		return records.InTransaction(e, func(e *core.RecordEvent) error {
			if err := e.Next(); err != nil {
				return err
			}
			why := routing.ParseReasons(e.Record.GetString("routing_note"))
			if len(why) == 0 {
				return nil // made in the dashboard, not routed
			}
			ev, err := newCaseEvent(e.App, e.Record, "routed", [2]string{}, holder(e.Record), "", "", why)
			if err != nil {
				return err
			}
			// Everything in it was validated a moment ago in this same
			// transaction (the question just inserted, its holder, the
			// routing note the reasons come from): checking the three
			// relations again would cost three queries per question.
			return e.App.SaveNoValidate(ev)
		})
	})
}

// emptyQuestion reports whether a question carries nothing to answer: no
// text (blanks and invisible characters do not count), no voice note, no photo. The app refuses to
// send one (ask.empty); the server must too.
func emptyQuestion(q *core.Record) bool {
	return strings.TrimSpace(plaintext.Neutralise(q.GetString("text"))) == "" && q.GetString("audio") == "" &&
		len(q.GetUnsavedFiles("audio")) == 0 && len(q.GetUnsavedFiles("photos")) == 0
}

// bindQuestionVisibility hides from workers the routing note (it explains
// the routing to counsellors: loads, who was eligible) and the labels (the
// union's own notes on the case), on the records API and in realtime.
func bindQuestionVisibility(app core.App) {
	app.OnRecordEnrich("questions").BindFunc(func(e *core.RecordEnrichEvent) error {
		if auth := e.RequestInfo.Auth; auth == nil || auth.Collection().Name != "counsellors" {
			if !e.RequestInfo.HasSuperuserAuth() {
				e.Record.Hide("routing_note", "labels")
			}
		}
		return e.Next()
	})
}
