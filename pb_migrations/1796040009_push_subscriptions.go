package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// push_subscriptions: Web Push endpoints of workers and counsellors. Managed
// only through /api/amem/push/subscriptions, so every record rule is
// superusers-only: an endpoint is a capability that must not leak.
func init() {
	m.Register(func(app core.App) error {
		workers, err := app.FindCollectionByNameOrId("workers")
		if err != nil {
			return err
		}
		counsellors, err := app.FindCollectionByNameOrId("counsellors")
		if err != nil {
			return err
		}
		c := core.NewBaseCollection("push_subscriptions")
		c.Fields.Add(
			&core.TextField{Name: "endpoint", Required: true, Max: 2000},
			&core.TextField{Name: "p256dh", Required: true, Max: 200},
			&core.TextField{Name: "auth", Required: true, Max: 100},
			&core.RelationField{Name: "worker", CollectionId: workers.Id, MaxSelect: 1, CascadeDelete: true},
			&core.RelationField{Name: "counsellor", CollectionId: counsellors.Id, MaxSelect: 1, CascadeDelete: true},
			&core.TextField{Name: "lang", Max: 3, Pattern: langPattern},
			&core.JSONField{Name: "countries", MaxSize: 2000, Help: "countries whose alerts this subscriber wants"},
		)
		addTimestamps(c)
		c.AddIndex("idx_push_subscriptions_endpoint", true, "endpoint", "")
		return app.Save(c)
	}, func(app core.App) error {
		return deleteCollection(app, "push_subscriptions")
	})
}
