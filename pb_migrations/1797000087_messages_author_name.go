package pb_migrations

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// messages.author_name: the first name of the counsellor who wrote an
// answer, copied by the server when it is written, so that the worker sees
// who answers ("Salma, UGTT") without reading the counsellors collection
// (which stays closed to workers). Nobody sends it. The create rule is an
// "or" of the worker's and the counsellor's writes: the term goes before
// it, in parentheses.
var authorNameServerOnly = notSent("author_name") + " && ("

func init() {
	m.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("messages")
		if err != nil {
			return err
		}
		c.Fields.Add(&core.TextField{Name: "author_name", Max: 60, Help: "the writing counsellor's first name, set by the server"})
		c.CreateRule = rule(authorNameServerOnly + *c.CreateRule + ")")
		return app.Save(c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("messages")
		if err != nil {
			return err
		}
		c.CreateRule = rule(strings.TrimSuffix(strings.TrimPrefix(*c.CreateRule, authorNameServerOnly), ")"))
		c.Fields.RemoveByName("author_name")
		return app.Save(c)
	})
}
