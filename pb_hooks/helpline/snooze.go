package helpline

import (
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"amem/internal/cases"
	"amem/pb_hooks/apierrors"
)

// MaxSnooze is how far ahead a case may be put aside.
const MaxSnooze = 30 * 24 * time.Hour

// Snooze serves POST /api/amem/questions/{id}/snooze (a counsellor of the
// case's organisation): {"until": "<RFC 3339>"} puts an open case aside
// until then (it leaves the queue's lists of active cases), or
// {"until": ""} wakes it. The answer's deadline moves with it: the time
// that was left (at least an hour) starts again at until, so that the
// overdue job never takes a case its counsellor chose to wait on. A message
// from the worker wakes it at once (messages.go).
func Snooze(e *core.RequestEvent) error {
	var req struct {
		Until *string `json:"until"`
	}
	if err := e.BindBody(&req); err != nil || req.Until == nil {
		return e.BadRequestError("", apierrors.Field("until", "validation_required"))
	}
	q, ok := heldCase(e)
	if !ok {
		return e.NotFoundError("", nil) // never confirm that another organisation's case exists
	}
	if !cases.Status(q.GetString("status")).Open() {
		return e.BadRequestError("", apierrors.Field("status", "validation_in_invalid"))
	}
	now := time.Now()
	if *req.Until == "" {
		q.Set("snoozed_until", "")
	} else {
		until, err := time.Parse(time.RFC3339, *req.Until)
		if err != nil || !until.After(now) || until.Sub(now) > MaxSnooze {
			return e.BadRequestError("", apierrors.Field("until", "validation_invalid_datetime"))
		}
		q.Set("snoozed_until", until)
		if due := q.GetDateTime("due").Time(); !due.IsZero() {
			left := max(due.Sub(now), time.Hour)
			q.Set("due", types.NowDateTime().Add(until.Sub(now)+left))
		}
	}
	if err := e.App.Save(q); err != nil {
		return e.InternalServerError("", err)
	}
	if err := apis.EnrichRecord(e, q); err != nil {
		return err
	}
	return e.JSON(http.StatusOK, q)
}
