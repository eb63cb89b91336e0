package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// questions.helpful becomes "yes", "no" or empty: as a true/false field,
// a question nobody rated counted as "did not help" in the statistics that
// go to the tripartite committees. Same name, so rules and clients keep it.
func init() {
	m.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("questions")
		if err != nil {
			return err
		}
		c.Fields.Add(&core.SelectField{Name: "helpful_answer", Values: []string{"yes", "no"}, MaxSelect: 1,
			Help: "the worker's answer to 'did this help?'; empty when not answered"})
		if err := app.Save(c); err != nil {
			return err
		}
		// Only "yes" is known for sure: false also meant "not answered".
		if _, err := app.DB().NewQuery("UPDATE questions SET helpful_answer = 'yes' WHERE helpful = 1 OR helpful = 'true'").Execute(); err != nil {
			return err
		}
		if c, err = app.FindCollectionByNameOrId("questions"); err != nil {
			return err
		}
		c.Fields.RemoveByName("helpful")
		if err := app.Save(c); err != nil {
			return err
		}
		if c, err = app.FindCollectionByNameOrId("questions"); err != nil {
			return err
		}
		c.Fields.GetByName("helpful_answer").SetName("helpful")
		return app.Save(c)
	}, nil)
}
