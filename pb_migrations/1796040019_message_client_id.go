package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// messages.client_id: made on the phone, like a question's, so that a
// follow-up resent after a lost reply or a crash is the same message, never
// a second one. Optional (counsellors' inbox messages need none).
func init() {
	m.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("messages")
		if err != nil {
			return err
		}
		c.Fields.Add(&core.TextField{Name: "client_id", Max: 64, Pattern: `^[A-Za-z0-9_-]*$`,
			Help: "made on the device; a resend with the same id returns the same message"})
		c.AddIndex("idx_messages_question_client_id", true, "question, client_id", "client_id != ''")
		return app.Save(c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("messages")
		if err != nil {
			return err
		}
		c.RemoveIndex("idx_messages_question_client_id")
		c.Fields.RemoveByName("client_id")
		return app.Save(c)
	})
}
