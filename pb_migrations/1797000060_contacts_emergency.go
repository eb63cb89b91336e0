package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// contacts.emergency marks, per country, the sourced number that the app's
// emergency call (on every screen) dials; contacts.yaml sets it
// ("emergency: true"), so no number is ever typed into the app.
func init() {
	m.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("contacts")
		if err != nil {
			return err
		}
		c.Fields.Add(&core.BoolField{Name: "emergency",
			Help: "the number the app's emergency call dials in this country (one per country)"})
		return app.Save(c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("contacts")
		if err != nil {
			return err
		}
		c.Fields.RemoveByName("emergency")
		return app.Save(c)
	})
}
