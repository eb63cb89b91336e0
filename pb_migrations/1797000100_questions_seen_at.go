package pb_migrations

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// questions.seen_at: when a counsellor of the holding organisation last had
// the thread on screen after the worker wrote (POST
// /api/amem/questions/{id}/seen), so that the worker's app can say "seen by
// a counsellor". Only that route sets it: nobody sends it through the
// records API (superusers aside, in the dashboard).
var seenServerOnly = notSent("seen_at") + " && "

func init() {
	m.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("questions")
		if err != nil {
			return err
		}
		c.Fields.Add(&core.DateField{Name: "seen_at", Help: "a counsellor of the holding organisation read the thread after the worker last wrote"})
		c.CreateRule = rule(seenServerOnly + *c.CreateRule)
		c.UpdateRule = rule(seenServerOnly + *c.UpdateRule)
		return app.Save(c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("questions")
		if err != nil {
			return err
		}
		c.Fields.RemoveByName("seen_at")
		c.CreateRule = rule(strings.TrimPrefix(*c.CreateRule, seenServerOnly))
		c.UpdateRule = rule(strings.TrimPrefix(*c.UpdateRule, seenServerOnly))
		return app.Save(c)
	})
}
