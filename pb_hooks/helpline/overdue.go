package helpline

import (
	"amem/internal/cases"
	"amem/internal/routing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// bindOverdueQuestions re-routes or escalates, every five minutes, the
// questions whose answer is overdue, and records why on each case. Cron runs
// only under `serve`.
func bindOverdueQuestions(app core.App) {
	app.Cron().MustAdd("amemOverdueQuestions", "*/5 * * * *", func() {
		if n, err := escalateOverdue(app, time.Now()); err != nil {
			app.Logger().Error("overdue questions: escalation failed", "error", err)
		} else if n > 0 {
			app.Logger().Info("overdue questions: re-routed", "count", n)
		}
	})
}

// escalateOverdue re-routes every open question whose due time has passed,
// each in its own transaction, and returns how many it moved.
func escalateOverdue(app core.App, now time.Time) (int, error) {
	overdue, err := app.FindAllRecords("questions",
		dbx.In("status", statusArgs(cases.ClockStatuses)...), dbx.NewExp("due != '' AND due < {:now}", dbx.Params{"now": types.NowDateTime().String()}))
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
			d := routing.Escalate(routingQuestion(q), q.GetString("counsellor"), q.GetString("organisation"), orgs, counsellors, now)
			applyDecision(q, d)
			if err := txApp.Save(q); err != nil {
				return err
			}
			// The "overdue" event tells the counsellor who let it pass, and the
			// new holder gets the assignment notification (both in notify).
			return recordCaseEvent(txApp, q, "overdue", from, holder(q), "", "", d.Why)
		})
		if err != nil {
			return moved, err
		}
		moved++
	}
	return moved, nil
}
