package helpline

import (
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"amem/internal/cases"
	"amem/internal/routing"
	"amem/pb_hooks/apierrors"
)

// Codes of the urgency events' reasons.
const (
	reasonMarkedUrgent    = "marked_urgent"
	reasonMarkedNotUrgent = "marked_not_urgent"
)

// SetUrgency serves POST /api/amem/questions/{id}/urgency (a counsellor of
// the case's organisation): {"urgent": true|false}. Routing reads urgency
// from the words of a question; a counsellor knows better (a voice note is
// never detected as urgent). Marking it urgent brings the answer's deadline
// forward to the urgent one if that is sooner; unmarking gives it back the
// normal deadline from when it was asked, if that is later. Each change is
// a case event ("urgency").
func SetUrgency(e *core.RequestEvent) error {
	var req struct {
		Urgent *bool `json:"urgent"`
	}
	if err := e.BindBody(&req); err != nil || req.Urgent == nil {
		return e.BadRequestError("", apierrors.Field("urgent", "validation_required"))
	}
	q, ok := heldCase(e)
	if !ok {
		return e.NotFoundError("", nil) // never confirm that another organisation's case exists
	}
	status := cases.Status(q.GetString("status"))
	if q.GetBool("urgent") != *req.Urgent {
		if !status.Open() {
			return e.BadRequestError("", apierrors.Field("status", "validation_in_invalid"))
		}
		if status.ClockRuns() {
			q.Set("due", dueWithUrgency(q, *req.Urgent, time.Now()))
		}
		q.Set("urgent", *req.Urgent)
		code := reasonMarkedNotUrgent
		if *req.Urgent {
			code = reasonMarkedUrgent
		}
		err := e.App.RunInTransaction(func(tx core.App) error {
			if err := tx.Save(q); err != nil {
				return err
			}
			return recordCaseEvent(tx, q, "urgency", holder(q), holder(q), e.Auth.Id, "", routing.Reasons{routing.Because(code)})
		})
		if err != nil {
			return e.InternalServerError("", err)
		}
	}
	if err := apis.EnrichRecord(e, q); err != nil {
		return err
	}
	return e.JSON(http.StatusOK, q)
}

// dueWithUrgency is the answer's deadline once urgency changes: never later
// than the urgent deadline from now when marked, never sooner than the
// normal one from when it was asked when unmarked.
func dueWithUrgency(q *core.Record, urgent bool, now time.Time) time.Time {
	due := q.GetDateTime("due").Time()
	if urgent {
		if soon := routing.DueFor(true, routing.LevelCounsellor, now); due.IsZero() || soon.Before(due) {
			return soon
		}
		return due
	}
	if normal := routing.DueFor(false, routing.LevelCounsellor, q.GetDateTime("created").Time()); normal.After(due) {
		return normal
	}
	return due
}
