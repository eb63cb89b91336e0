package pb_migrations

// Small builders shared by the migrations. A landed migration must keep doing
// what it did, so change these only by adding new helpers, never by editing one.

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Codes of the country fields: ISO 3166-1 alpha-2, upper case.
const countryPattern = `^[A-Z]{2}$`

// Codes of the language fields: BCP 47 primary language subtags ("ar", "fr", "en", …).
const langPattern = `^[a-z]{2,3}$`

// addTimestamps adds the created/updated autodate fields that
// core.NewBaseCollection does not add by itself.
func addTimestamps(c *core.Collection) {
	c.Fields.Add(
		&core.AutodateField{Name: "created", OnCreate: true},
		&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
	)
}

// addRev adds the sync revision: a number that the server raises on every
// change (see pb_hooks/revisions.go), so that phones can ask "what changed
// after revision N" without trusting clocks.
func addRev(c *core.Collection) {
	c.Fields.Add(&core.NumberField{Name: "rev", OnlyInt: true})
	c.AddIndex("idx_"+c.Name+"_rev", false, "rev", "")
}

// rule turns a filter expression into an API rule.
func rule(expr string) *string { return types.Pointer(expr) }

// public is the rule that lets anyone read.
var public = rule("")

// minmax returns a pointer to a number, for NumberField limits.
func minmax(v float64) *float64 { return &v }

// deleteCollection removes a collection if it exists (down migrations).
func deleteCollection(app core.App, name string) error {
	c, err := app.FindCollectionByNameOrId(name)
	if err != nil {
		return nil
	}
	return app.Delete(c)
}
