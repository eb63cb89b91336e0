package helpline

import (
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"amem/internal/cases"
	"amem/internal/routing"
	"amem/pb_hooks/records"
)

// routingPool loads what routing decides among: the organisations and the
// counsellors, with how many open cases each carries and when each was last
// given one.
func routingPool(app core.App) ([]routing.Organisation, []routing.Counsellor, error) {
	orgRecords, err := app.FindAllRecords("organisations")
	if err != nil {
		return nil, nil, err
	}
	orgs := make([]routing.Organisation, 0, len(orgRecords))
	for _, o := range orgRecords {
		orgs = append(orgs, routing.Organisation{ID: o.Id, Countries: o.GetStringSlice("countries"), Active: o.GetBool("active")})
	}

	var loads []struct {
		Counsellor string `db:"counsellor"`
		Open       int    `db:"open"`
		Last       string `db:"last"`
	}
	err = app.DB().Select("counsellor", "SUM(CASE WHEN status IN ("+openStatusesSQL+") THEN 1 ELSE 0 END) AS open", "MAX(created) AS last").
		From("questions").Where(dbx.NewExp("counsellor != ''")).GroupBy("counsellor").All(&loads)
	if err != nil {
		return nil, nil, err
	}
	open, last := map[string]int{}, map[string]time.Time{}
	for _, l := range loads {
		open[l.Counsellor] = l.Open
		if dt, err := types.ParseDateTime(l.Last); err == nil {
			last[l.Counsellor] = dt.Time()
		}
	}

	records, err := app.FindAllRecords("counsellors")
	if err != nil {
		return nil, nil, err
	}
	counsellors := make([]routing.Counsellor, 0, len(records))
	for _, c := range records {
		counsellors = append(counsellors, routing.Counsellor{
			ID: c.Id, Organisation: c.GetString("organisation"),
			Countries: c.GetStringSlice("countries"), Languages: c.GetStringSlice("languages"), Topics: c.GetStringSlice("topics"),
			Capacity: c.GetInt("capacity"), Open: open[c.Id], Active: c.GetBool("active"), Coordinator: c.GetBool("coordinator"),
			LastAssigned: last[c.Id],
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
	q.Set("routing_note", records.Truncate(d.Reason, 1000))
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
