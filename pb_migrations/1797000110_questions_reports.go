package pb_migrations

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	"amem/internal/vocab"
)

// Reports: a worker reports a recruiter or employer anonymously as a
// question of kind "report" (the same outbox, routing and inbox), with the
// fees they were asked and, if it is on the official lists, the agency. The
// fees and the agency come only with a report; what a report is and names
// is settled when it is sent (the statistics count reports by agency).
var (
	reportCreateTerm = `(@request.body.kind = "report" || (@request.body.agency:isset = false && @request.body.fees:isset = false)) && `
	reportUpdateTerm = unchanged("kind", "agency", "fees") + " && "
)

func init() {
	m.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("questions")
		if err != nil {
			return err
		}
		agencies, err := app.FindCollectionByNameOrId("agencies")
		if err != nil {
			return err
		}
		c.Fields.Add(
			&core.SelectField{Name: "kind", MaxSelect: 1, Values: vocab.QuestionKinds, Help: "empty: a question"},
			// An agency removed from the lists leaves the report without it.
			&core.RelationField{Name: "agency", CollectionId: agencies.Id, MaxSelect: 1, Help: "the reported agency, from the official lists"},
			&core.TextField{Name: "fees", Max: 200, Help: "the fees the worker was asked, as they wrote them"},
		)
		c.CreateRule = rule(reportCreateTerm + *c.CreateRule)
		c.UpdateRule = rule(reportUpdateTerm + *c.UpdateRule)
		return app.Save(c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("questions")
		if err != nil {
			return err
		}
		for _, name := range []string{"kind", "agency", "fees"} {
			c.Fields.RemoveByName(name)
		}
		c.CreateRule = rule(strings.TrimPrefix(*c.CreateRule, reportCreateTerm))
		c.UpdateRule = rule(strings.TrimPrefix(*c.UpdateRule, reportUpdateTerm))
		return app.Save(c)
	})
}
