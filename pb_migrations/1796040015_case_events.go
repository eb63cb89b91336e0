package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// case_events: the audit trail of a case — where the server routed it and
// why, re-routing when overdue, transfers, the worker's consent. Written only
// by the server; read by the counsellors of the question's organisation.
// Nothing personal: ids and reasons, never the worker's words.
func init() {
	m.Register(func(app core.App) error {
		questions, err := app.FindCollectionByNameOrId("questions")
		if err != nil {
			return err
		}
		counsellors, err := app.FindCollectionByNameOrId("counsellors")
		if err != nil {
			return err
		}
		orgs, err := app.FindCollectionByNameOrId("organisations")
		if err != nil {
			return err
		}
		c := core.NewBaseCollection("case_events")
		read := rule(`@request.auth.collectionName = "counsellors" && question.organisation = @request.auth.organisation`)
		c.ListRule = read
		c.ViewRule = read
		c.Fields.Add(
			&core.RelationField{Name: "question", CollectionId: questions.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.SelectField{Name: "kind", MaxSelect: 1, Required: true, Values: []string{
				"routed", "overdue", "transferred", "consent_asked", "consent_given", "consent_refused", "closed", "reopened",
			}},
			&core.RelationField{Name: "from_counsellor", CollectionId: counsellors.Id, MaxSelect: 1},
			&core.RelationField{Name: "to_counsellor", CollectionId: counsellors.Id, MaxSelect: 1},
			&core.RelationField{Name: "from_organisation", CollectionId: orgs.Id, MaxSelect: 1},
			&core.RelationField{Name: "to_organisation", CollectionId: orgs.Id, MaxSelect: 1},
			&core.RelationField{Name: "actor", CollectionId: counsellors.Id, MaxSelect: 1, Help: "the counsellor who acted; empty when the server did"},
			&core.TextField{Name: "note", Max: 4000},
		)
		addTimestamps(c)
		c.AddIndex("idx_case_events_question", false, "question, created", "")
		return app.Save(c)
	}, func(app core.App) error {
		return deleteCollection(app, "case_events")
	})
}
