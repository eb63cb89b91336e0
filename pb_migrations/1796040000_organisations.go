package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// organisations: the unions and institutions whose counsellors answer workers.
// Public to read (a worker is told which union has their case); managed by superusers.
func init() {
	m.Register(func(app core.App) error {
		c := core.NewBaseCollection("organisations")
		c.ListRule = public
		c.ViewRule = public
		c.Fields.Add(
			&core.TextField{Name: "name", Required: true, Max: 200, Presentable: true},
			&core.TextField{Name: "short", Max: 30, Help: "acronym, e.g. UGTT"},
			&core.SelectField{Name: "kind", Values: []string{"union", "institution", "ngo"}, MaxSelect: 1, Required: true},
			&core.JSONField{Name: "countries", MaxSize: 2000, Help: "ISO country codes the organisation covers"},
			&core.URLField{Name: "url", OnlyDomains: nil},
			&core.BoolField{Name: "active"},
		)
		addTimestamps(c)
		c.AddIndex("idx_organisations_name", true, "name", "")
		return app.Save(c)
	}, func(app core.App) error {
		return deleteCollection(app, "organisations")
	})
}

// deleteCollection removes a collection if it exists (down migrations).
func deleteCollection(app core.App, name string) error {
	c, err := app.FindCollectionByNameOrId(name)
	if err != nil {
		return nil
	}
	return app.Delete(c)
}
