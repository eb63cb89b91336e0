package helpline

import (
	"database/sql"
	"errors"
	"net/http"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// MarkSeen serves POST /api/amem/questions/{id}/seen (a counsellor of the
// case's organisation, whose inbox shows the thread): the worker's app then
// says "seen by a counsellor" on what they sent until then. The mark moves
// only when the worker sent something after it, so that a counsellor
// reading an old thread again changes nothing (and wakes no phone).
func MarkSeen(e *core.RequestEvent) error {
	q, ok := heldCase(e)
	if !ok {
		return e.NotFoundError("", nil) // never confirm that another organisation's case exists
	}
	latest, err := latestFromWorker(e.App, q)
	if err != nil {
		return e.InternalServerError("", err)
	}
	if seen := q.GetDateTime("seen_at"); seen.IsZero() || seen.Before(latest) {
		q.Set("seen_at", types.NowDateTime())
		if err := e.App.Save(q); err != nil {
			return e.InternalServerError("", err)
		}
	}
	return e.JSON(http.StatusOK, map[string]string{"seen_at": q.GetDateTime("seen_at").String()})
}

// latestFromWorker is when the worker last wrote in the case: the question,
// or their last follow-up.
func latestFromWorker(app core.App, q *core.Record) (types.DateTime, error) {
	latest := q.GetDateTime("created")
	var row struct {
		Created types.DateTime `db:"created"`
	}
	err := app.RecordQuery("messages").Select("created").
		AndWhere(dbx.HashExp{"question": q.Id}).AndWhere(dbx.NewExp("worker != ''")).
		OrderBy("created DESC").Limit(1).One(&row)
	if errors.Is(err, sql.ErrNoRows) {
		return latest, nil
	}
	if err == nil && row.Created.After(latest) {
		latest = row.Created
	}
	return latest, err
}
