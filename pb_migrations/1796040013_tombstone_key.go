package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// tombstones.key: the natural key of what was deleted (a guide's slug), so
// that a delta sync can send the phone the guide's remaining translation in
// its place (a reader whose language was deleted falls back to another).
func init() {
	m.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("tombstones")
		if err != nil {
			return err
		}
		c.Fields.Add(&core.TextField{Name: "key", Max: 100})
		return app.Save(c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("tombstones")
		if err != nil {
			return err
		}
		c.Fields.RemoveByName("key")
		return app.Save(c)
	})
}
