package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// agencies: licensed private recruitment agencies, from the official lists an
// admin imports. Public to read, so a worker can check a recruiter offline.
func init() {
	m.Register(func(app core.App) error {
		c := core.NewBaseCollection("agencies")
		c.ListRule = public
		c.ViewRule = public
		c.Fields.Add(
			&core.TextField{Name: "name", Required: true, Max: 300, Presentable: true},
			&core.TextField{Name: "licence", Max: 100, Help: "licence number as published"},
			&core.TextField{Name: "country", Required: true, Max: 2, Pattern: countryPattern},
			&core.SelectField{Name: "status", Values: []string{"licensed", "suspended", "revoked"}, MaxSelect: 1, Required: true},
			&core.TextField{Name: "source", Required: true, Max: 500, Help: "the official list it comes from"},
			&core.DateField{Name: "as_of", Required: true, Help: "date of that list"},
		)
		addRev(c)
		addTimestamps(c)
		c.AddIndex("idx_agencies_country_licence", true, "country, licence", "licence != ''")
		return app.Save(c)
	}, func(app core.App) error {
		return deleteCollection(app, "agencies")
	})
}
