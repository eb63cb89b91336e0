package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// push_subscriptions.discreet: the worker's discreet mode (a setting of the
// app): notifications to this browser say "New message" in its language and
// nothing about AMEM or what happened (pb_hooks/notify). The rules stay
// superusers only; the field is set through /api/amem/push/subscriptions.
func init() {
	m.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("push_subscriptions")
		if err != nil {
			return err
		}
		c.Fields.Add(&core.BoolField{Name: "discreet",
			Help: "notifications with neutral words only (the app's discreet mode)"})
		return app.Save(c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("push_subscriptions")
		if err != nil {
			return err
		}
		c.Fields.RemoveByName("discreet")
		return app.Save(c)
	})
}
