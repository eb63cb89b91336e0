package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// questionTopics are the topics a worker may pick when asking (those of the
// guides, plus "other").
var questionTopics = []string{
	"recruitment", "fees", "fraud", "contract", "documents", "wages", "working_time",
	"social_security", "health", "housing", "domestic_work", "discrimination",
	"trafficking", "forced_labour", "violence", "complaints", "unions", "residence",
	"seasonal_work", "remittances", "return", "other",
}

// voiceNoteTypes are the containers browsers record voice notes in
// (MediaRecorder: Opus in WebM or Ogg, AAC in MP4 on Safari). A WebM with
// only audio is often sniffed as video/webm, so that is accepted too.
var voiceNoteTypes = []string{"audio/webm", "video/webm", "audio/ogg", "audio/mp4", "video/mp4", "audio/x-m4a", "audio/aac", "audio/mpeg"}

// questions: what a worker asks. The worker sees only their own; counsellors
// see those routed to their organisation. Routing fields (counsellor,
// organisation, status, due, urgent) are set by the server only: a worker may
// only close their question and say whether the answer helped, and a counsellor
// changes the routing only through /api/amem/questions/{id}/transfer.
func init() {
	m.Register(func(app core.App) error {
		workers, err := app.FindCollectionByNameOrId("workers")
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

		c := core.NewBaseCollection("questions")
		owner := `(@request.auth.collectionName = "workers" && worker = @request.auth.id)`
		ownOrg := `(@request.auth.collectionName = "counsellors" && organisation = @request.auth.organisation)`
		serverFieldsUntouched := `@request.body.counsellor:isset = false && @request.body.organisation:isset = false` +
			` && @request.body.due:isset = false && @request.body.urgent:isset = false && @request.body.routing_note:isset = false`
		c.ListRule = rule(owner + " || " + ownOrg)
		c.ViewRule = rule(owner + " || " + ownOrg)
		c.CreateRule = rule(`@request.auth.collectionName = "workers"` +
			` && (@request.body.worker:isset = false || @request.body.worker = @request.auth.id)` +
			` && @request.body.status:isset = false && ` + serverFieldsUntouched)
		c.UpdateRule = rule(`(` + owner +
			` && @request.body.worker:changed = false && @request.body.client_id:changed = false` +
			` && @request.body.text:changed = false && @request.body.audio:isset = false` +
			` && (@request.body.status:isset = false || @request.body.status = "closed")` +
			` && ` + serverFieldsUntouched + `) || (` + ownOrg +
			` && @request.body.worker:changed = false && @request.body.client_id:changed = false` +
			` && @request.body.text:changed = false && @request.body.audio:isset = false` +
			` && @request.body.helpful:isset = false && ` + serverFieldsUntouched + `)`)
		c.Fields.Add(
			&core.RelationField{Name: "worker", CollectionId: workers.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.TextField{Name: "client_id", Required: true, Min: 8, Max: 64, Pattern: `^[A-Za-z0-9_-]+$`, Help: "made on the phone; a resend with the same id returns the same question"},
			&core.TextField{Name: "text", Max: 4000},
			&core.FileField{Name: "audio", MaxSelect: 1, MaxSize: 5 << 20, MimeTypes: voiceNoteTypes, Protected: true},
			&core.TextField{Name: "lang", Required: true, Max: 3, Pattern: langPattern},
			&core.TextField{Name: "country", Max: 2, Pattern: countryPattern, Help: "where the worker is"},
			&core.TextField{Name: "destination", Max: 2, Pattern: countryPattern, Help: "where the worker is going"},
			&core.SelectField{Name: "phase", Values: phases, MaxSelect: 1},
			&core.SelectField{Name: "topic", Values: questionTopics, MaxSelect: 1},
			&core.SelectField{Name: "status", Values: []string{"new", "assigned", "answered", "closed", "escalated"}, MaxSelect: 1},
			&core.BoolField{Name: "urgent"},
			&core.RelationField{Name: "counsellor", CollectionId: counsellors.Id, MaxSelect: 1},
			&core.RelationField{Name: "organisation", CollectionId: orgs.Id, MaxSelect: 1},
			&core.DateField{Name: "due"},
			&core.TextField{Name: "routing_note", Max: 1000, Help: "why the question went where it is"},
			&core.BoolField{Name: "helpful", Help: "the worker's answer to 'did this help?'"},
		)
		addTimestamps(c)
		c.AddIndex("idx_questions_worker_client_id", true, "worker, client_id", "")
		c.AddIndex("idx_questions_organisation_status", false, "organisation, status", "")
		c.AddIndex("idx_questions_counsellor_status", false, "counsellor, status", "")
		c.AddIndex("idx_questions_status_due", false, "status, due", "")
		return app.Save(c)
	}, func(app core.App) error {
		return deleteCollection(app, "questions")
	})
}
