package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// case_events.reasons: why the server moved a case, as codes with
// parameters (internal/routing.Reason), which the inbox says in the
// counsellor's language with names instead of record ids. `note` keeps only
// what people write (a hand-over note for the receiving union).
func init() {
	m.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("case_events")
		if err != nil {
			return err
		}
		c.Fields.Add(&core.JSONField{Name: "reasons", MaxSize: 8000,
			Help: `why the server moved the case: [{"code", "params"}], see internal/routing/reason.go`})
		return app.Save(c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("case_events")
		if err != nil {
			return err
		}
		c.Fields.RemoveByName("reasons")
		return app.Save(c)
	})
}
