package helpline

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"amem/internal/cases"
	"amem/internal/routing"
)

// AdoptUnplaced moves into the fallback organisation orgID's unassigned
// queue the open questions that wait in the superusers' queue (no
// organisation), as routing would have placed them had the fallback existed
// when they were asked, each with its "routed" case event. It returns how
// many it moved. `amem org add --fallback` calls it.
func AdoptUnplaced(app core.App, orgID string) (int, error) {
	moved := 0
	err := app.RunInTransaction(func(tx core.App) error {
		waiting, err := tx.FindAllRecords("questions",
			dbx.HashExp{"organisation": ""}, dbx.In("status", statusArgs(cases.ClockStatuses)...))
		if err != nil {
			return err
		}
		for _, q := range waiting {
			from := holder(q)
			q.Set("organisation", orgID)
			q.Set("counsellor", "")
			q.Set("status", routing.StatusEscalated)
			if err := tx.Save(q); err != nil {
				return err
			}
			why := routing.Reasons{routing.Because(reasonWaitedUnplaced), routing.Because(routing.ReasonFallbackQueue, "org", orgID)}
			if err := recordCaseEvent(tx, q, "routed", from, holder(q), "", "", why); err != nil {
				return err
			}
			moved++
		}
		return nil
	})
	return moved, err
}
