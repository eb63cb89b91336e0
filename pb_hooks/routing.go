package pb_hooks

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"amem/internal/push"
	"amem/internal/routing"
)

// openStatuses are the statuses of a question that still needs a counsellor.
var openStatuses = []any{"new", "assigned", "escalated"}

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
	err = app.DB().Select("counsellor", "SUM(CASE WHEN status IN ('new','assigned','escalated') THEN 1 ELSE 0 END) AS open", "MAX(created) AS last").
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
	q.Set("routing_note", truncate(d.Reason, 1000))
}

// recordCaseEvent appends to a case's audit trail.
func recordCaseEvent(app core.App, question *core.Record, kind string, from, to [2]string, actor, note string) error {
	collection, err := app.FindCachedCollectionByNameOrId("case_events")
	if err != nil {
		return err
	}
	ev := core.NewRecord(collection)
	ev.Set("question", question.Id)
	ev.Set("kind", kind)
	ev.Set("from_counsellor", from[0])
	ev.Set("from_organisation", from[1])
	ev.Set("to_counsellor", to[0])
	ev.Set("to_organisation", to[1])
	ev.Set("actor", actor)
	ev.Set("note", truncate(note, 4000))
	return app.Save(ev)
}

// holder is who has a question: counsellor and organisation ids.
func holder(q *core.Record) [2]string {
	return [2]string{q.GetString("counsellor"), q.GetString("organisation")}
}

// bindOverdueQuestions re-routes or escalates, every five minutes, the
// questions whose answer is overdue, and records why on each case. Cron runs
// only under `serve`.
func bindOverdueQuestions(app core.App) {
	app.Cron().MustAdd("amemOverdueQuestions", "*/5 * * * *", func() {
		if n, err := EscalateOverdue(app, time.Now()); err != nil {
			app.Logger().Error("overdue questions: escalation failed", "error", err)
		} else if n > 0 {
			app.Logger().Info("overdue questions: re-routed", "count", n)
		}
	})
}

// EscalateOverdue re-routes every open question whose due time has passed,
// each in its own transaction, and returns how many it moved.
func EscalateOverdue(app core.App, now time.Time) (int, error) {
	overdue, err := app.FindAllRecords("questions",
		dbx.In("status", openStatuses...), dbx.NewExp("due != '' AND due < {:now}", dbx.Params{"now": types.NowDateTime().String()}))
	if err != nil {
		return 0, err
	}
	moved := 0
	for _, q := range overdue {
		if !routing.Overdue(q.GetDateTime("due").Time(), now) {
			continue
		}
		err := app.RunInTransaction(func(txApp core.App) error {
			orgs, counsellors, err := routingPool(txApp)
			if err != nil {
				return err
			}
			from := holder(q)
			d := routing.Escalate(routingQuestion(q), q.GetString("counsellor"), orgs, counsellors, now)
			applyDecision(q, d)
			if err := txApp.Save(q); err != nil {
				return err
			}
			// The counsellor who let it pass is told; the new holder gets the
			// assignment notification (push_triggers.go).
			if previous, err := txApp.FindRecordById("counsellors", from[0]); err == nil {
				if err := Notify(txApp, previous, push.KindOverdue, NotifyData{Question: q.Id, Count: 1}); err != nil {
					return err
				}
			}
			return recordCaseEvent(txApp, q, "overdue", from, holder(q), "", d.Reason)
		})
		if err != nil {
			return moved, err
		}
		moved++
	}
	return moved, nil
}

func truncate(s string, max int) string {
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max-1]) + "…"
}
