package helpline

import (
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/list"
	"github.com/pocketbase/pocketbase/tools/types"

	"amem/internal/cases"
	"amem/internal/routing"
)

// routingPool loads what routing decides among: the organisations and the
// counsellors, with how many open cases each carries and when each was last
// given one. It is read on every question, so it reads only the columns
// routing needs, in two queries whose cost does not grow with the questions
// stored (see loadsQuery).
func routingPool(app core.App) ([]routing.Organisation, []routing.Counsellor, error) {
	var orgRows []struct {
		ID        string        `db:"id"`
		Countries types.JSONRaw `db:"countries"`
		Active    bool          `db:"active"`
		Fallback  bool          `db:"fallback"`
	}
	if err := app.DB().NewQuery("SELECT id, countries, active, fallback FROM organisations").All(&orgRows); err != nil {
		return nil, nil, err
	}
	orgs := make([]routing.Organisation, 0, len(orgRows))
	for _, o := range orgRows {
		orgs = append(orgs, routing.Organisation{ID: o.ID, Countries: list.ToUniqueStringSlice(o.Countries), Active: o.Active, Fallback: o.Fallback})
	}

	var rows []struct {
		ID           string        `db:"id"`
		Organisation string        `db:"organisation"`
		Countries    types.JSONRaw `db:"countries"`
		Languages    types.JSONRaw `db:"languages"`
		Topics       types.JSONRaw `db:"topics"`
		Capacity     float64       `db:"capacity"`
		Active       bool          `db:"active"`
		Coordinator  bool          `db:"coordinator"`
		Open         int           `db:"open"`
		Last         string        `db:"last"`
	}
	if err := loadsQuery(app).All(&rows); err != nil {
		return nil, nil, err
	}
	counsellors := make([]routing.Counsellor, 0, len(rows))
	for _, c := range rows {
		var last time.Time
		if dt, err := types.ParseDateTime(c.Last); err == nil {
			last = dt.Time()
		}
		counsellors = append(counsellors, routing.Counsellor{
			ID: c.ID, Organisation: c.Organisation,
			Countries: list.ToUniqueStringSlice(c.Countries), Languages: list.ToUniqueStringSlice(c.Languages), Topics: list.ToUniqueStringSlice(c.Topics),
			Capacity: int(c.Capacity), Open: c.Open, Active: c.Active, Coordinator: c.Coordinator,
			LastAssigned: last,
		})
	}
	return orgs, counsellors, nil
}

func routingQuestion(q *core.Record) routing.Question {
	return routing.Question{
		Country: q.GetString("country"), Destination: q.GetString("destination"), Lang: q.GetString("lang"),
		Topic: q.GetString("topic"), Phase: q.GetString("phase"), Text: q.GetString("text"),
	}
}

// applyDecision sets the server-owned fields of a question.
func applyDecision(q *core.Record, d routing.Decision) {
	q.Set("counsellor", d.Counsellor)
	q.Set("organisation", d.Organisation)
	q.Set("status", d.Status)
	q.Set("urgent", d.Urgent)
	q.Set("due", d.Due)
	q.Set("routing_note", d.Why.JSON()) // a few hundred bytes: within the field's limit
}

// loadsQuery reads the counsellors with, for each, the open cases they hold and when
// they were last given a question. Each count is an index search
// (idx_questions_counsellor_status: the counsellor's open cases only; and
// idx_questions_counsellor_created: their latest question), never a pass over
// every question ever asked, so routing costs the same at 100 or 100,000
// stored questions. The questions table is named, not aliased, so that the
// query-plan test sees it.
func loadsQuery(app core.App) *dbx.Query {
	return app.DB().NewQuery(`SELECT counsellors.id, counsellors.organisation, counsellors.countries, counsellors.languages,
		counsellors.topics, counsellors.capacity, counsellors.active, counsellors.coordinator,
		(SELECT COUNT(*) FROM questions WHERE questions.counsellor = counsellors.id AND questions.status IN (` + openStatusesSQL + `)) AS open,
		IFNULL((SELECT MAX(questions.created) FROM questions WHERE questions.counsellor = counsellors.id), '') AS last
		FROM counsellors`)
}

// openStatusesSQL lists the open statuses as SQL literals, for the loads.
var openStatusesSQL = "'" + strings.Join(cases.Strings(cases.OpenStatuses), "','") + "'"

// statusArgs turns statuses into dbx.In arguments.
func statusArgs(statuses []cases.Status) []any {
	out := make([]any, len(statuses))
	for i, s := range statuses {
		out[i] = string(s)
	}
	return out
}
