package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// What the counsellors' inbox needs:
//   - counsellors sign in with a password and a one-time code sent by e-mail
//     (PocketBase's OTP as the second factor), and sessions last a working day;
//   - a question can wait for the worker's consent to a transfer
//     ("awaiting_consent", with the pending destination kept on the question);
//   - canned answers that an organisation maintains per language and topic.
func init() {
	m.Register(func(app core.App) error {
		counsellors, err := app.FindCollectionByNameOrId("counsellors")
		if err != nil {
			return err
		}
		counsellors.OTP.Enabled = true
		counsellors.OTP.Duration = 300
		counsellors.OTP.Length = 6
		counsellors.MFA.Enabled = true
		counsellors.MFA.Duration = 600
		counsellors.AuthToken.Duration = 10 * 3600
		if err := app.Save(counsellors); err != nil {
			return err
		}

		questions, err := app.FindCollectionByNameOrId("questions")
		if err != nil {
			return err
		}
		orgs, err := app.FindCollectionByNameOrId("organisations")
		if err != nil {
			return err
		}
		status := questions.Fields.GetByName("status").(*core.SelectField)
		status.Values = append(status.Values, "awaiting_consent")
		questions.Fields.Add(
			&core.RelationField{Name: "pending_organisation", CollectionId: orgs.Id, MaxSelect: 1, Help: "where a transfer waits for the worker's consent"},
			&core.RelationField{Name: "pending_counsellor", CollectionId: counsellors.Id, MaxSelect: 1},
			&core.TextField{Name: "pending_country", Max: 2, Pattern: countryPattern},
		)
		// The pending transfer is set by the server only, like the routing.
		owner := `(@request.auth.collectionName = "workers" && worker = @request.auth.id)`
		ownOrg := `(@request.auth.collectionName = "counsellors" && organisation = @request.auth.organisation)`
		serverFieldsUntouched := `@request.body.counsellor:isset = false && @request.body.organisation:isset = false` +
			` && @request.body.due:isset = false && @request.body.urgent:isset = false && @request.body.routing_note:isset = false` +
			` && @request.body.pending_organisation:isset = false && @request.body.pending_counsellor:isset = false` +
			` && @request.body.pending_country:isset = false`
		questions.CreateRule = rule(`@request.auth.collectionName = "workers"` +
			` && (@request.body.worker:isset = false || @request.body.worker = @request.auth.id)` +
			` && @request.body.status:isset = false && ` + serverFieldsUntouched)
		questions.UpdateRule = rule(`(` + owner +
			` && @request.body.worker:changed = false && @request.body.client_id:changed = false` +
			` && @request.body.text:changed = false && @request.body.audio:isset = false` +
			` && (@request.body.status:isset = false || @request.body.status = "closed")` +
			` && ` + serverFieldsUntouched + `) || (` + ownOrg +
			` && @request.body.worker:changed = false && @request.body.client_id:changed = false` +
			` && @request.body.text:changed = false && @request.body.audio:isset = false` +
			` && @request.body.helpful:isset = false` +
			` && (@request.body.status:isset = false || @request.body.status = "closed" || @request.body.status = "assigned")` +
			` && ` + serverFieldsUntouched + `)`)
		if err := app.Save(questions); err != nil {
			return err
		}

		canned := core.NewBaseCollection("canned_answers")
		sameOrg := `@request.auth.collectionName = "counsellors" && organisation = @request.auth.organisation`
		coordinator := sameOrg + ` && @request.auth.coordinator = true`
		canned.ListRule = rule(sameOrg)
		canned.ViewRule = rule(sameOrg)
		canned.CreateRule = rule(`@request.auth.collectionName = "counsellors" && @request.auth.coordinator = true && @request.body.organisation = @request.auth.organisation`)
		canned.UpdateRule = rule(coordinator + ` && @request.body.organisation:changed = false`)
		canned.DeleteRule = rule(coordinator)
		canned.Fields.Add(
			&core.RelationField{Name: "organisation", CollectionId: orgs.Id, MaxSelect: 1, Required: true},
			&core.TextField{Name: "lang", Required: true, Max: 3, Pattern: langPattern},
			&core.SelectField{Name: "topic", Values: questionTopics, MaxSelect: 1},
			&core.TextField{Name: "title", Required: true, Max: 120, Presentable: true},
			&core.TextField{Name: "body", Required: true, Max: 4000},
		)
		addTimestamps(canned)
		canned.AddIndex("idx_canned_answers_org_lang", false, "organisation, lang, topic", "")
		return app.Save(canned)
	}, func(app core.App) error {
		return deleteCollection(app, "canned_answers")
	})
}
