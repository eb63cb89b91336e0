package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// contacts: the help directory (unions, hotlines, ministries, agencies,
// embassies, NGOs), imported from content/contacts.yaml. Public to read.
func init() {
	m.Register(func(app core.App) error {
		c := core.NewBaseCollection("contacts")
		c.ListRule = public
		c.ViewRule = public
		c.Fields.Add(
			&core.TextField{Name: "key", Required: true, Max: 100, Pattern: `^[a-z0-9]+(-[a-z0-9]+)*$`},
			&core.TextField{Name: "name", Required: true, Max: 200, Presentable: true},
			&core.SelectField{Name: "kind", Values: []string{"union", "hotline", "ministry", "agency", "embassy", "ngo"}, MaxSelect: 1, Required: true},
			&core.TextField{Name: "country", Required: true, Max: 2, Pattern: countryPattern},
			&core.TextField{Name: "city", Max: 100},
			&core.TextField{Name: "phone", Max: 40},
			&core.TextField{Name: "whatsapp", Max: 40},
			&core.TextField{Name: "email", Max: 200},
			&core.TextField{Name: "url", Max: 500},
			&core.TextField{Name: "hours", Max: 200},
			&core.JSONField{Name: "languages", MaxSize: 500},
			&core.JSONField{Name: "about", MaxSize: 10000, Help: `{"ar": "...", "fr": "...", "en": "..."}`},
			&core.TextField{Name: "source", Required: true, Max: 500, Help: "where the details were confirmed"},
			&core.DateField{Name: "verified", Required: true},
		)
		addRev(c)
		addTimestamps(c)
		c.AddIndex("idx_contacts_key", true, "key", "")
		return app.Save(c)
	}, func(app core.App) error {
		return deleteCollection(app, "contacts")
	})
}
