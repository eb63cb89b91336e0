package helpline

import (
	"amem/internal/cases"
	"amem/internal/routing"
	"amem/pb_hooks/records"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// bindMessages records who wrote a message, from the caller's token, and
// moves the question along in the same transaction, as the lifecycle says
// (internal/cases): a counsellor's answer makes it answered; a worker's
// follow-up on an answered or closed question gives it back to its
// counsellor.
func bindMessages(app core.App) {
	app.OnRecordCreateExecute("messages").BindFunc(func(e *core.RecordEvent) error {
		return records.InTransaction(e, func(e *core.RecordEvent) error {
			if err := setAuthorOrganisation(e.App, e.Record); err != nil {
				return err
			}
			if err := e.Next(); err != nil {
				return err
			}
			q, err := e.App.FindRecordById("questions", e.Record.GetString("question"))
			if err != nil {
				return err
			}
			status := cases.Status(q.GetString("status"))
			next := status
			switch {
			case e.Record.GetString("counsellor") != "" && !e.Record.GetBool("internal"):
				next = cases.AfterCounsellorAnswer(status)
			case e.Record.GetString("worker") != "":
				next = cases.AfterWorkerMessage(status)
			}
			// The worker wrote: a case put aside comes back at once.
			woke := e.Record.GetString("worker") != "" && !q.GetDateTime("snoozed_until").IsZero()
			if woke {
				q.Set("snoozed_until", "")
			}
			if next == status {
				if woke {
					return e.App.Save(q)
				}
				return nil
			}
			q.Set("status", string(next))
			if cases.Reopens(status) && next == cases.Assigned {
				// The worker wrote again: the counsellor who has the case
				// gets a fresh deadline for it, never the one that passed
				// while the worker had nothing to ask.
				q.Set("due", routing.DueFor(q.GetBool("urgent"), routing.LevelCounsellor, time.Now()))
			}
			if status == cases.Closed && next == cases.Assigned {
				if err := recordCaseEvent(e.App, q, "reopened", holder(q), holder(q), "", "", routing.Reasons{routing.Because(reasonWorkerWroteAgain)}); err != nil {
					return err
				}
			}
			return e.App.Save(q)
		})
	})

	app.OnRecordCreateRequest("messages").BindFunc(func(e *core.RecordRequestEvent) error {
		if err := stripPhotos(e); err != nil {
			return err
		}
		if e.Auth != nil {
			switch e.Auth.Collection().Name {
			case "workers":
				e.Record.Set("worker", e.Auth.Id)
				e.Record.Set("internal", false)
				e.Record.Set("organisation", "")
			case "counsellors":
				e.Record.Set("counsellor", e.Auth.Id)
				e.Record.Set("organisation", e.Auth.GetString("organisation"))
				// The worker sees who answers by first name only.
				e.Record.Set("author_name", records.Truncate(firstName(e.Auth.GetString("name")), 60))
			}
		}
		// A resend of the same message (same question, same client_id): the
		// create rule already checked that the caller may write there.
		// The lookup is scoped by author too: a client_id that collides with
		// another author's (a guess, or chance) must not return their message,
		// an internal note perhaps; the unique index refuses the new one.
		question, clientID := e.Record.GetString("question"), e.Record.GetString("client_id")
		find := func() *core.Record {
			existing := records.FindByClientID(e.App, "messages", "question", question, clientID)
			if existing == nil || existing.GetString("worker") != e.Record.GetString("worker") ||
				existing.GetString("counsellor") != e.Record.GetString("counsellor") {
				return nil
			}
			return existing
		}
		if existing := find(); existing != nil {
			return records.ReturnExisting(e, existing)
		}
		if limit := messageLimit(e.Auth); limit != "" && !Allow(e.RequestEvent, limit) {
			return e.TooManyRequestsError("", nil)
		}
		err := e.Next()
		if err != nil {
			if existing := find(); existing != nil {
				return records.ReturnExisting(e, existing) // two sends raced; the unique index let one through
			}
		}
		return err
	})
}

// setAuthorOrganisation records the organisation of the counsellor who
// wrote a message: its internal notes stay readable by that organisation
// only, even after the case moves to another union.
func setAuthorOrganisation(app core.App, m *core.Record) error {
	id := m.GetString("counsellor")
	if id == "" {
		m.Set("organisation", "")
		return nil
	}
	if m.GetString("organisation") != "" {
		return nil // set from the caller's token
	}
	c, err := app.FindRecordById("counsellors", id)
	if err != nil {
		return err
	}
	m.Set("organisation", c.GetString("organisation"))
	return nil
}

// messageLimit names the limit a new message counts against: the worker's,
// or the counsellor's, per account (see limits).
func messageLimit(auth *core.Record) string {
	switch {
	case auth == nil:
		return ""
	case auth.Collection().Name == "workers":
		return "messages"
	case auth.Collection().Name == "counsellors":
		return "counsellors.messages"
	}
	return ""
}

// firstName is the first word of a name ("Salma B." → "Salma").
func firstName(name string) string {
	if fields := strings.Fields(name); len(fields) > 0 {
		return fields[0]
	}
	return ""
}
