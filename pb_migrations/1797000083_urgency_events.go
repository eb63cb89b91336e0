package pb_migrations

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// case_events kind "urgency": a counsellor marked a case urgent, or not
// (POST /api/amem/questions/{id}/urgency).
func init() {
	kind := func(app core.App) (*core.Collection, *core.SelectField, error) {
		c, err := app.FindCollectionByNameOrId("case_events")
		if err != nil {
			return nil, nil, err
		}
		return c, c.Fields.GetByName("kind").(*core.SelectField), nil
	}
	m.Register(func(app core.App) error {
		c, f, err := kind(app)
		if err != nil {
			return err
		}
		f.Values = append(f.Values, "urgency")
		return app.Save(c)
	}, func(app core.App) error {
		c, f, err := kind(app)
		if err != nil {
			return err
		}
		if _, err := app.DB().NewQuery("DELETE FROM case_events WHERE kind = 'urgency'").Execute(); err != nil {
			return err
		}
		f.Values = slices.DeleteFunc(f.Values, func(v string) bool { return v == "urgency" })
		return app.Save(c)
	})
}
