package pb_migrations

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// questions.snoozed_until: a counsellor puts a case aside until a date
// (waiting for an inspector's answer, a payday) with
// POST /api/amem/questions/{id}/snooze, which also moves the answer's
// deadline past it. Only that route sets it: nobody sends it through the
// records API (superusers aside, in the dashboard).
var snoozeServerOnly = notSent("snoozed_until") + " && "

func init() {
	m.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("questions")
		if err != nil {
			return err
		}
		c.Fields.Add(&core.DateField{Name: "snoozed_until", Help: "put aside by its counsellor until then; a message from the worker wakes it"})
		c.CreateRule = rule(snoozeServerOnly + *c.CreateRule)
		c.UpdateRule = rule(snoozeServerOnly + *c.UpdateRule)
		return app.Save(c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("questions")
		if err != nil {
			return err
		}
		c.CreateRule = rule(strings.TrimPrefix(*c.CreateRule, snoozeServerOnly))
		c.UpdateRule = rule(strings.TrimPrefix(*c.UpdateRule, snoozeServerOnly))
		c.Fields.RemoveByName("snoozed_until")
		return app.Save(c)
	})
}
