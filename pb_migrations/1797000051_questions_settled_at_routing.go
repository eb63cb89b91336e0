package pb_migrations

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// What a question is about (where the worker is or goes, the language, the
// phase, the topic) decided where it was routed. A worker may not change it
// afterwards: that would move the case around the union that holds it, or
// skew the statistics. Counsellors may still classify it.
var settledAtRouting = `(@request.auth.collectionName != "workers" || (` +
	unchanged("country", "destination", "lang", "phase", "topic") + `)) && `

func init() {
	m.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("questions")
		if err != nil {
			return err
		}
		c.UpdateRule = rule(settledAtRouting + *c.UpdateRule)
		return app.Save(c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("questions")
		if err != nil {
			return err
		}
		c.UpdateRule = rule(strings.TrimPrefix(*c.UpdateRule, settledAtRouting))
		return app.Save(c)
	})
}
