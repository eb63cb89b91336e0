package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// messages: the thread under a question. The worker writes under their own
// questions and reads everything but internal notes; counsellors of the
// question's organisation read all and write answers or internal notes. The
// author field matching the caller is filled in by the server. Messages are
// never edited or deleted through the API: the thread is the case's record.
func init() {
	m.Register(func(app core.App) error {
		questions, err := app.FindCollectionByNameOrId("questions")
		if err != nil {
			return err
		}
		workers, err := app.FindCollectionByNameOrId("workers")
		if err != nil {
			return err
		}
		counsellors, err := app.FindCollectionByNameOrId("counsellors")
		if err != nil {
			return err
		}

		c := core.NewBaseCollection("messages")
		workerReads := `(@request.auth.collectionName = "workers" && question.worker = @request.auth.id && internal = false)`
		counsellorReads := `(@request.auth.collectionName = "counsellors" && question.organisation = @request.auth.organisation)`
		c.ListRule = rule(workerReads + " || " + counsellorReads)
		c.ViewRule = rule(workerReads + " || " + counsellorReads)
		c.CreateRule = rule(`(@request.auth.collectionName = "workers" && @request.body.question.worker = @request.auth.id` +
			` && @request.body.internal:isset = false && @request.body.counsellor:isset = false` +
			` && (@request.body.worker:isset = false || @request.body.worker = @request.auth.id))` +
			` || (@request.auth.collectionName = "counsellors" && @request.body.question.organisation = @request.auth.organisation` +
			` && @request.body.worker:isset = false` +
			` && (@request.body.counsellor:isset = false || @request.body.counsellor = @request.auth.id))`)
		c.Fields.Add(
			&core.RelationField{Name: "question", CollectionId: questions.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.RelationField{Name: "worker", CollectionId: workers.Id, MaxSelect: 1, Help: "set when the worker wrote it"},
			&core.RelationField{Name: "counsellor", CollectionId: counsellors.Id, MaxSelect: 1, Help: "set when a counsellor wrote it"},
			&core.TextField{Name: "text", Max: 4000},
			&core.FileField{Name: "audio", MaxSelect: 1, MaxSize: 5 << 20, MimeTypes: voiceNoteTypes, Protected: true},
			&core.BoolField{Name: "internal", Help: "a note between counsellors; the worker never sees it"},
		)
		addTimestamps(c)
		c.AddIndex("idx_messages_question", false, "question, created", "")
		return app.Save(c)
	}, func(app core.App) error {
		return deleteCollection(app, "messages")
	})
}
