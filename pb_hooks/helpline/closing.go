package helpline

import (
	"amem/internal/cases"
	"amem/internal/routing"

	"github.com/pocketbase/pocketbase/core"
)

// bindCaseClosing writes closing and reopening to the case's audit trail,
// whoever does it through the API (the worker marking it solved, or a
// counsellor).
func bindCaseClosing(app core.App) {
	app.OnRecordUpdateRequest("questions").BindFunc(func(e *core.RecordRequestEvent) error {
		before, after := e.Record.Original().GetString("status"), e.Record.GetString("status")
		if before == string(cases.Closed) && after != string(cases.Closed) {
			// A reopened case is not closed any more: its old outcome no longer holds.
			e.Record.Set("outcome", "")
			e.Record.Set("referred_to", "")
		}
		if err := e.Next(); err != nil || before == after {
			return err
		}
		actor, why := "", routing.Reasons{routing.Because(reasonWorkerSolved)}
		if e.Auth != nil && e.Auth.Collection().Name == "counsellors" {
			actor, why = e.Auth.Id, closeOutcome(e.Record)
		}
		kind := ""
		switch {
		case after == string(cases.Closed):
			kind = "closed"
		case before == string(cases.Closed):
			kind, why = "reopened", nil
		default:
			return nil
		}
		if err := recordCaseEvent(e.App, e.Record, kind, holder(e.Record), holder(e.Record), actor, "", why); err != nil {
			e.App.Logger().Error("questions: could not record closing", "question", e.Record.Id, "error", err)
		}
		return nil
	})
}

// closeOutcome is the counsellor's close outcome as a reason code
// ("outcome_referred_to" with the service when one is named); none when
// they closed without one.
func closeOutcome(q *core.Record) routing.Reasons {
	outcome := q.GetString("outcome")
	if outcome == "" {
		return nil
	}
	if to := q.GetString("referred_to"); outcome == "referred" && to != "" {
		return routing.Reasons{routing.Because("outcome_referred_to", "service", to)}
	}
	return routing.Reasons{routing.Because("outcome_" + outcome)}
}
