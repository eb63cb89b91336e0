package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// photos: up to three photos of documents (a contract, a payslip, a
// recruiter's receipt) on a question or a message. Resized and re-encoded on
// the phone; the server also strips their metadata (pb_hooks/photos.go).
// Protected: only those who may read the record may fetch them, with a
// file token. A question's photos are sent with it, never changed later.
func init() {
	m.Register(func(app core.App) error {
		for _, name := range []string{"questions", "messages"} {
			c, err := app.FindCollectionByNameOrId(name)
			if err != nil {
				return err
			}
			c.Fields.Add(&core.FileField{Name: "photos", MaxSelect: 3, MaxSize: 4 << 20,
				MimeTypes: []string{"image/jpeg", "image/png"}, Protected: true})
			if name == "questions" {
				c.UpdateRule = rule("(" + *c.UpdateRule + ") && @request.body.photos:isset = false")
			}
			if err := app.Save(c); err != nil {
				return err
			}
		}
		return nil
	}, func(app core.App) error {
		for _, name := range []string{"questions", "messages"} {
			c, err := app.FindCollectionByNameOrId(name)
			if err != nil {
				return err
			}
			c.Fields.RemoveByName("photos")
			if err := app.Save(c); err != nil {
				return err
			}
		}
		return nil
	})
}
