package notify

import (
	"github.com/pocketbase/pocketbase/core"

	"amem/internal/push"
	"amem/pb_hooks/records"
)

// bindPushTriggers queues the notifications that follow from records:
//
//   - a counsellor's message (not an internal note) → "answer" to the worker;
//   - a question given to a new counsellor (routing, transfer, escalation) →
//     "assignment" to that counsellor;
//   - an alert becoming published → "alert" to the subscribers of its
//     country and language;
//   - a case event "overdue" → "overdue" to the counsellor who let it pass;
//     "consent_asked" → "transfer" to the worker, who is asked to agree.
//
// Each is queued in the transaction that writes the record (Execute hooks,
// after e.Next()): the notification commits with what it announces or not at
// all, and a restart cannot lose it in between. Queuing is only a database
// insert; sending happens after the commit, in the dispatcher. A failure to
// queue is logged and does not undo the answer.
func bindPushTriggers(app core.App) {
	app.OnRecordCreateExecute("messages").BindFunc(func(e *core.RecordEvent) error {
		return records.InTransaction(e, func(e *core.RecordEvent) error {
			if err := e.Next(); err != nil {
				return err
			}
			if e.Record.GetString("counsellor") == "" || e.Record.GetBool("internal") {
				return nil
			}
			q, err := e.App.FindRecordById("questions", e.Record.GetString("question"))
			if err == nil {
				var worker *core.Record
				if worker, err = e.App.FindRecordById("workers", q.GetString("worker")); err == nil {
					err = notifyRecipient(e.App, worker, push.KindAnswer, notifyData{Question: q.Id})
				}
			}
			logQueueError(e.App, push.KindAnswer, err)
			return nil
		})
	})

	assignment := func(e *core.RecordEvent) error {
		return records.InTransaction(e, func(e *core.RecordEvent) error {
			before := storedVersion(e)
			if err := e.Next(); err != nil {
				return err
			}
			counsellorID := e.Record.GetString("counsellor")
			if counsellorID == "" || (before != nil && counsellorID == before.GetString("counsellor")) {
				return nil
			}
			// notifyRecipient reads only the recipient's collection and id, and
			// the counsellor was checked by the question's own validation:
			// no need to load them.
			counsellors, err := e.App.FindCachedCollectionByNameOrId("counsellors")
			if err == nil {
				counsellor := core.NewRecord(counsellors)
				counsellor.Id = counsellorID
				err = notifyRecipient(e.App, counsellor, push.KindAssignment, notifyData{Question: e.Record.Id})
			}
			logQueueError(e.App, push.KindAssignment, err)
			return nil
		})
	}
	app.OnRecordCreateExecute("questions").BindFunc(assignment)
	app.OnRecordUpdateExecute("questions").BindFunc(assignment)

	published := func(e *core.RecordEvent) error {
		return records.InTransaction(e, func(e *core.RecordEvent) error {
			before := storedVersion(e)
			if err := e.Next(); err != nil {
				return err
			}
			if !e.Record.GetBool("published") || (before != nil && before.GetBool("published")) {
				return nil
			}
			logQueueError(e.App, push.KindAlert, notifyAlert(e.App, e.Record))
			return nil
		})
	}
	app.OnRecordCreateExecute("alerts").BindFunc(published)
	app.OnRecordUpdateExecute("alerts").BindFunc(published)

	// The audit trail says what happened to a case; some of it is news.
	app.OnRecordCreateExecute("case_events").BindFunc(func(e *core.RecordEvent) error {
		return records.InTransaction(e, func(e *core.RecordEvent) error {
			if err := e.Next(); err != nil {
				return err
			}
			var recipient *core.Record
			var kind push.Kind
			var err error
			data := notifyData{Question: e.Record.GetString("question")}
			switch e.Record.GetString("kind") {
			case "overdue":
				kind, data.Count = push.KindOverdue, 1
				if from := e.Record.GetString("from_counsellor"); from != "" {
					recipient, err = e.App.FindRecordById("counsellors", from)
				}
			case "consent_asked":
				kind = push.KindTransfer
				var q *core.Record
				if q, err = e.App.FindRecordById("questions", e.Record.GetString("question")); err == nil {
					recipient, err = e.App.FindRecordById("workers", q.GetString("worker"))
				}
			default:
				return nil
			}
			if err == nil && recipient != nil {
				err = notifyRecipient(e.App, recipient, kind, data)
			}
			logQueueError(e.App, kind, err)
			return nil
		})
	})
}

// storedVersion returns the record being saved as the database holds it
// before this save (nil for a new record). Record.Original is not enough: it
// is not refreshed by a save, so a record saved twice would look changed twice.
func storedVersion(e *core.RecordEvent) *core.Record {
	if e.Record.IsNew() {
		return nil
	}
	stored, err := e.App.FindRecordById(e.Record.Collection().Id, e.Record.Id)
	if err != nil {
		return nil
	}
	return stored
}

func logQueueError(app core.App, kind push.Kind, err error) {
	if err != nil {
		app.Logger().Error("push: could not queue a notification", "kind", string(kind), "error", err)
	}
}
