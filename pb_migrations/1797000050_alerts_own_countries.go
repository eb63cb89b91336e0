package pb_migrations

import (
	"strings"

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

// The rules gain a term each; down takes it off again.
const (
	alertCreateTerm = " && " + alertCountryOfOwnOrg
	alertUpdateTerm = " && (@request.body.country:isset = false || " + alertCountryOfOwnOrg + ")"
)

func init() {
	m.Register(func(app core.App) error {
		return changeAlertRules(app, func(rule, term string) string { return rule + term })
	}, func(app core.App) error {
		return changeAlertRules(app, strings.TrimSuffix)
	})
}

// changeAlertRules applies change to each alerts rule and its term.
func changeAlertRules(app core.App, change func(rule, term string) string) error {
	c, err := app.FindCollectionByNameOrId("alerts")
	if err != nil {
		return err
	}
	c.CreateRule = rule(change(*c.CreateRule, alertCreateTerm))
	c.UpdateRule = rule(change(*c.UpdateRule, alertUpdateTerm))
	return app.Save(c)
}
