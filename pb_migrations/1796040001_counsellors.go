package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// counsellors: union counsellors who answer questions. A counsellor sees the
// colleagues of their own organisation; a coordinator may change their
// colleagues' capacity, languages, countries, topics and active flag; nobody
// but a superuser moves a counsellor to another organisation or makes a coordinator.
func init() {
	m.Register(func(app core.App) error {
		orgs, err := app.FindCollectionByNameOrId("organisations")
		if err != nil {
			return err
		}
		c := core.NewAuthCollection("counsellors")
		sameOrg := `@request.auth.collectionName = "counsellors" && organisation = @request.auth.organisation`
		c.ListRule = rule(sameOrg)
		c.ViewRule = rule(sameOrg)
		c.UpdateRule = rule(sameOrg +
			` && @request.body.organisation:changed = false && @request.body.coordinator:changed = false` +
			` && (@request.auth.coordinator = true || (@request.auth.id = id` +
			` && @request.body.capacity:changed = false && @request.body.active:changed = false` +
			` && @request.body.countries:changed = false && @request.body.languages:changed = false` +
			` && @request.body.topics:changed = false))`)
		// A deactivated counsellor can no longer sign in.
		c.AuthRule = rule("active = true")
		c.Fields.Add(
			&core.TextField{Name: "name", Required: true, Max: 120, Presentable: true},
			&core.RelationField{Name: "organisation", CollectionId: orgs.Id, MaxSelect: 1, Required: true},
			&core.JSONField{Name: "countries", MaxSize: 2000, Help: "ISO country codes this counsellor covers"},
			&core.JSONField{Name: "languages", MaxSize: 2000, Help: "language codes this counsellor answers in"},
			&core.JSONField{Name: "topics", MaxSize: 4000, Help: "topics; empty means all"},
			&core.NumberField{Name: "capacity", OnlyInt: true, Min: minmax(1), Max: minmax(500), Required: true, Help: "open cases this counsellor can carry"},
			&core.BoolField{Name: "active"},
			&core.BoolField{Name: "coordinator"},
		)
		addTimestamps(c)
		c.AddIndex("idx_counsellors_organisation", false, "organisation", "")
		return app.Save(c)
	}, func(app core.App) error {
		return deleteCollection(app, "counsellors")
	})
}
