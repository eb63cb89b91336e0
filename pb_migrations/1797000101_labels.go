package pb_migrations

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	"amem/internal/vocab"
)

// labels: an organisation's own tags for its cases ("wages claim",
// "waiting for inspector"), and questions.labels, the labels of a case.
//
//	read:  the counsellors of that organisation
//	create, update, delete: its coordinators (never for, or into, another organisation)
//
// On a question, only counsellors send labels (the records API's update
// rule already limits them to the holding organisation's counsellors);
// the helpline hooks check that each label is the holding organisation's,
// and drop them when the case moves to another union. Workers never see
// them (hidden on read).
var labelsByCounsellors = `(@request.body.labels:isset = false || ` + isCounsellor + `) && `

func init() {
	m.Register(func(app core.App) error {
		orgs, err := app.FindCollectionByNameOrId("organisations")
		if err != nil {
			return err
		}
		labels := core.NewBaseCollection("labels")
		coordinatorOfOrg := all(counsellorOfOrg, `@request.auth.coordinator = true`)
		labels.ListRule = rule(counsellorOfOrg)
		labels.ViewRule = rule(counsellorOfOrg)
		labels.CreateRule = rule(all(isCounsellor, `@request.auth.coordinator = true`, `@request.body.organisation = @request.auth.organisation`))
		labels.UpdateRule = rule(all(coordinatorOfOrg, unchanged("organisation")))
		labels.DeleteRule = rule(coordinatorOfOrg)
		labels.Fields.Add(
			&core.RelationField{Name: "organisation", CollectionId: orgs.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.TextField{Name: "name", Required: true, Max: 40, Presentable: true},
			&core.SelectField{Name: "colour", MaxSelect: 1, Values: vocab.LabelColours},
		)
		addTimestamps(labels)
		labels.AddIndex("idx_labels_organisation_name", true, "organisation, name COLLATE NOCASE", "")
		if err := app.Save(labels); err != nil {
			return err
		}

		q, err := app.FindCollectionByNameOrId("questions")
		if err != nil {
			return err
		}
		q.Fields.Add(&core.RelationField{Name: "labels", CollectionId: labels.Id, MaxSelect: 20, Help: "the holding organisation's labels on the case"})
		q.CreateRule = rule(notSent("labels") + " && " + *q.CreateRule)
		q.UpdateRule = rule(labelsByCounsellors + *q.UpdateRule)
		return app.Save(q)
	}, func(app core.App) error {
		q, err := app.FindCollectionByNameOrId("questions")
		if err != nil {
			return err
		}
		q.Fields.RemoveByName("labels")
		q.CreateRule = rule(strings.TrimPrefix(*q.CreateRule, notSent("labels")+" && "))
		q.UpdateRule = rule(strings.TrimPrefix(*q.UpdateRule, labelsByCounsellors))
		if err := app.Save(q); err != nil {
			return err
		}
		labels, err := app.FindCollectionByNameOrId("labels")
		if err != nil {
			return err
		}
		return app.Delete(labels)
	})
}
