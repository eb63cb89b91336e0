package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// A contact in the reader's language, with where it was confirmed:
//   - names: the organisation's name per language ({"ar", "fr", "en"}, those it
//     has), and name_lang, the language of its original name, which readers
//     of a language without a name of its own see (marked with that language);
//   - address: the street address a public source gives;
//   - sources: the public pages that confirmed the details
//     ([{"title", "lang", "url", "date"}]); source keeps them as one line.
func init() {
	m.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("contacts")
		if err != nil {
			return err
		}
		c.Fields.Add(
			&core.JSONField{Name: "names", MaxSize: 2000, Help: `{"ar": "...", "fr": "...", "en": "..."}: the names the organisation has`},
			&core.TextField{Name: "name_lang", Max: 3, Pattern: langPattern, Help: "the language of the original name, shown where a language has no name of its own"},
			&core.TextField{Name: "address", Max: 300},
			&core.JSONField{Name: "sources", MaxSize: 10000, Help: `[{"title", "lang", "url", "date"}]: the public pages that confirmed the details`},
		)
		return app.Save(c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("contacts")
		if err != nil {
			return err
		}
		for _, name := range []string{"names", "name_lang", "address", "sources"} {
			c.Fields.RemoveByName(name)
		}
		return app.Save(c)
	})
}
