package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// alerts: notices broadcast by country and language (e.g. a fraudulent
// recruiter). Published alerts are public; drafts are seen by the counsellors
// of the organisation that wrote them; coordinators write their organisation's.
func init() {
	m.Register(func(app core.App) error {
		orgs, err := app.FindCollectionByNameOrId("organisations")
		if err != nil {
			return err
		}
		c := core.NewBaseCollection("alerts")
		ownOrg := `(@request.auth.collectionName = "counsellors" && organisation = @request.auth.organisation)`
		coordinator := `@request.auth.collectionName = "counsellors" && @request.auth.coordinator = true`
		c.ListRule = rule("published = true || " + ownOrg)
		c.ViewRule = rule("published = true || " + ownOrg)
		c.CreateRule = rule(coordinator + ` && @request.body.organisation = @request.auth.organisation`)
		c.UpdateRule = rule(coordinator + ` && organisation = @request.auth.organisation && @request.body.organisation:changed = false`)
		c.DeleteRule = rule(coordinator + ` && organisation = @request.auth.organisation`)
		c.Fields.Add(
			&core.TextField{Name: "title", Required: true, Max: 200, Presentable: true},
			&core.TextField{Name: "body", Required: true, Max: 5000},
			&core.TextField{Name: "country", Required: true, Max: 2, Pattern: countryPattern},
			&core.TextField{Name: "lang", Required: true, Max: 3, Pattern: langPattern},
			&core.RelationField{Name: "organisation", CollectionId: orgs.Id, MaxSelect: 1},
			&core.BoolField{Name: "published"},
			&core.DateField{Name: "expires"},
		)
		addRev(c)
		addTimestamps(c)
		c.AddIndex("idx_alerts_country_lang", false, "country, lang", "")
		return app.Save(c)
	}, func(app core.App) error {
		return deleteCollection(app, "alerts")
	})
}
