package helpline

import (
	"github.com/pocketbase/pocketbase/core"

	"amem/internal/plaintext"
)

// writtenTextCollections hold what workers and counsellors write.
var writtenTextCollections = []string{"questions", "messages"}

// bindPlainText neutralises, in every text field of what people write,
// the invisible characters that make text show differently from what it
// says (a reversed phone number, a hidden word; see internal/plaintext).
// It runs on the model, so the API, the dashboard and our own code are
// all covered.
func bindPlainText(app core.App) {
	neutralise := func(e *core.RecordEvent) error {
		for _, field := range e.Record.Collection().Fields {
			if field.Type() == core.FieldTypeText || field.Type() == core.FieldTypeEditor {
				name := field.GetName()
				if s := e.Record.GetString(name); s != "" {
					e.Record.Set(name, plaintext.Neutralise(s))
				}
			}
		}
		return e.Next()
	}
	app.OnRecordCreate(writtenTextCollections...).BindFunc(neutralise)
	app.OnRecordUpdate(writtenTextCollections...).BindFunc(neutralise)
}
