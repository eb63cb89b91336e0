package pb_migrations

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// How a counsellor closed a case (internal/vocab.CloseOutcomes), and to whom
// a referred case went. Only a counsellor of the holding organisation sets
// them, and only together with closing; a worker never does (their "solved"
// is its own reason on the "closed" event).
var closeOutcomeTerm = `((@request.body.outcome:isset = false && @request.body.referred_to:isset = false) || ` +
	`(@request.auth.collectionName = "counsellors" && @request.body.status = "closed")) && `

func init() {
	m.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("questions")
		if err != nil {
			return err
		}
		c.Fields.Add(
			&core.SelectField{Name: "outcome", MaxSelect: 1, Values: []string{"answered", "referred", "no_reply", "out_of_scope"}},
			&core.TextField{Name: "referred_to", Max: 200, Help: "the service a referred case was sent to"},
		)
		c.UpdateRule = rule(closeOutcomeTerm + *c.UpdateRule)
		return app.Save(c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("questions")
		if err != nil {
			return err
		}
		c.Fields.RemoveByName("outcome")
		c.Fields.RemoveByName("referred_to")
		c.UpdateRule = rule(strings.TrimPrefix(*c.UpdateRule, closeOutcomeTerm))
		return app.Save(c)
	})
}
