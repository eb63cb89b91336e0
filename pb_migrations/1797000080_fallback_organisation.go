package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// organisations.fallback: the one organisation whose counsellors take the
// questions no other union covers (no country given, or a country nobody
// covers), so that every question lands in somebody's inbox queue
// (`amem org add --fallback`). A partial unique index keeps it to one.
func init() {
	m.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("organisations")
		if err != nil {
			return err
		}
		c.Fields.Add(&core.BoolField{Name: "fallback",
			Help: "takes the questions no other organisation covers (at most one)"})
		c.AddIndex("idx_organisations_fallback", true, "fallback", "fallback = TRUE")
		return app.Save(c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("organisations")
		if err != nil {
			return err
		}
		c.RemoveIndex("idx_organisations_fallback")
		c.Fields.RemoveByName("fallback")
		return app.Save(c)
	})
}
