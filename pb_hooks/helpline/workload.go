package helpline

import (
	"amem/internal/cases"
	"net/http"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

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

// Workload serves GET /api/amem/workload (coordinators): the load of each
// counsellor of their organisation.
func Workload(e *core.RequestEvent) error {
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
		LEFT JOIN questions q ON q.counsellor = c.id AND q.status IN (` + openStatusesSQL + `)
		WHERE c.organisation = {:org}
		GROUP BY c.id ORDER BY c.name`).
		Bind(dbx.Params{"org": org, "now": time.Now().UTC().Format("2006-01-02 15:04:05.000Z")}).All(&rows)
	if err != nil {
		return e.InternalServerError("", err)
	}
	var unassigned int
	e.App.DB().Select("COUNT(*)").From("questions").
		Where(dbx.HashExp{"organisation": org, "counsellor": ""}).
		AndWhere(dbx.In("status", statusArgs(cases.OpenStatuses)...)).Row(&unassigned)
	return e.JSON(http.StatusOK, map[string]any{"counsellors": rows, "unassigned": unassigned})
}

// CountOpenCases counts the open cases a counsellor holds (what a
// coordinator must hand over before the counsellor leaves).
func CountOpenCases(app core.App, counsellorID string) (int64, error) {
	var n int64
	err := app.DB().Select("COUNT(*)").From("questions").
		Where(dbx.HashExp{"counsellor": counsellorID}).
		AndWhere(dbx.In("status", statusArgs(cases.OpenStatuses)...)).Row(&n)
	return n, err
}
