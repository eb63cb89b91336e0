package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// contacts.origin and contacts.hash, as guides have them: a contact edited in
// the dashboard ("edited") is never overwritten by content/contacts.yaml.
func init() {
	m.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("contacts")
		if err != nil {
			return err
		}
		c.Fields.Add(
			&core.SelectField{Name: "origin", Values: []string{"file", "edited"}, MaxSelect: 1},
			&core.TextField{Name: "hash", Max: 64, Help: "sha256 of the shipped entry last imported"},
		)
		return app.Save(c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("contacts")
		if err != nil {
			return err
		}
		c.Fields.RemoveByName("origin")
		c.Fields.RemoveByName("hash")
		return app.Save(c)
	})
}
