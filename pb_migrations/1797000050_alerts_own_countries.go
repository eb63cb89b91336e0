package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// A coordinator publishes alerts only for the countries their union covers:
// an alert speaks with the union's authority, and a union that has no
// presence in a country must not warn its workers in its name.
//
// The country is one of the organisation's (a JSON list of two-letter
// codes, so the two letters cannot match across two codes).
const alertCountryOfOwnOrg = `@request.auth.organisation.countries ~ @request.body.country`

func init() {
	m.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("alerts")
		if err != nil {
			return err
		}
		coordinator := all(isCounsellor, `@request.auth.coordinator = true`)
		c.CreateRule = rule(all(coordinator, `@request.body.organisation = @request.auth.organisation`, alertCountryOfOwnOrg))
		c.UpdateRule = rule(all(coordinator, `organisation = @request.auth.organisation`, unchanged("organisation"),
			`(@request.body.country:isset = false || `+alertCountryOfOwnOrg+`)`))
		return app.Save(c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("alerts")
		if err != nil {
			return err
		}
		coordinator := all(isCounsellor, `@request.auth.coordinator = true`)
		c.CreateRule = rule(all(coordinator, `@request.body.organisation = @request.auth.organisation`))
		c.UpdateRule = rule(all(coordinator, `organisation = @request.auth.organisation`, unchanged("organisation")))
		return app.Save(c)
	})
}
