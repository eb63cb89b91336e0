package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// tombstones: what was deleted from a synced collection, and at which
// revision, so that phones delete it on their next delta sync. Internal.
func init() {
	m.Register(func(app core.App) error {
		c := core.NewBaseCollection("tombstones")
		c.Fields.Add(
			&core.TextField{Name: "collection", Required: true, Max: 50},
			&core.TextField{Name: "record", Required: true, Max: 15, Help: "id of the deleted record"},
		)
		addRev(c)
		addTimestamps(c)
		return app.Save(c)
	}, func(app core.App) error {
		return deleteCollection(app, "tombstones")
	})
}
