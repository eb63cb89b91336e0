package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// guides: the rights guides, one record per guide and language. Imported
// from content/ (origin "file") or edited in the dashboard (origin "edited",
// which the import never overwrites). Public to read, written by superusers.
func init() {
	m.Register(func(app core.App) error {
		c := core.NewBaseCollection("guides")
		c.ListRule = public
		c.ViewRule = public
		c.Fields.Add(
			&core.TextField{Name: "slug", Required: true, Max: 100, Pattern: `^[a-z0-9]+(-[a-z0-9]+)*$`},
			&core.TextField{Name: "lang", Required: true, Max: 3, Pattern: langPattern},
			&core.TextField{Name: "title", Required: true, Max: 200, Presentable: true},
			&core.TextField{Name: "summary", Max: 500},
			&core.TextField{Name: "body", Required: true, Max: 200000, Help: "Markdown source"},
			&core.TextField{Name: "html", Max: 400000, Help: "rendered and sanitised from body by the server"},
			&core.SelectField{Name: "phase", Values: phases, MaxSelect: 1, Required: true},
			&core.JSONField{Name: "countries", MaxSize: 2000},
			&core.JSONField{Name: "topics", MaxSize: 2000},
			&core.JSONField{Name: "sources", MaxSize: 20000, Help: `[{"title": "...", "url": "https://..."}]`},
			&core.DateField{Name: "reviewed", Required: true},
			&core.SelectField{Name: "origin", Values: []string{"file", "edited"}, MaxSelect: 1},
			&core.TextField{Name: "hash", Max: 64, Help: "sha256 of the shipped file last imported"},
		)
		addRev(c)
		addTimestamps(c)
		c.AddIndex("idx_guides_slug_lang", true, "slug, lang", "")
		return app.Save(c)
	}, func(app core.App) error {
		return deleteCollection(app, "guides")
	})
}
