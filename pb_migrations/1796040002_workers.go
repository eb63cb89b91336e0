package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// workers: anonymous device accounts. No name, phone or e-mail is asked.
// They are made and recovered only through /api/amem/workers (rate limited,
// issuing a recovery code), so password sign-in is off and the create rule
// is superusers-only. A worker reads and updates only their own profile
// (language, where they are and where they go), never the recovery hash.
func init() {
	m.Register(func(app core.App) error {
		c := core.NewAuthCollection("workers")
		self := `@request.auth.collectionName = "workers" && id = @request.auth.id`
		c.ListRule = rule(self)
		c.ViewRule = rule(self)
		c.UpdateRule = rule(self +
			` && @request.body.email:isset = false` +
			` && @request.body.password:isset = false && @request.body.verified:isset = false`)
		// recovery_hash is a hidden field: PocketBase drops it from the bodies
		// of everyone but superusers, so no rule is needed to protect it.
		// Anonymous: the e-mail that auth collections require by default is optional here.
		c.Fields.GetByName("email").(*core.EmailField).Required = false
		c.PasswordAuth.Enabled = false
		// No e-mails are ever sent to workers (there are none to send to).
		c.AuthAlert.Enabled = false
		// A phone may stay offline for weeks: keep the token for 90 days.
		c.AuthToken.Duration = 90 * 24 * 3600
		c.Fields.Add(
			&core.TextField{Name: "lang", Max: 3, Pattern: langPattern},
			&core.TextField{Name: "country", Max: 2, Pattern: countryPattern, Help: "where the worker is"},
			&core.TextField{Name: "destination", Max: 2, Pattern: countryPattern, Help: "where the worker is going"},
			&core.SelectField{Name: "phase", Values: phases, MaxSelect: 1},
			// sha256 of the recovery code; the code itself is shown once and never stored.
			&core.TextField{Name: "recovery_hash", Hidden: true, Max: 64},
		)
		addTimestamps(c)
		c.AddIndex("idx_workers_recovery_hash", true, "recovery_hash", "recovery_hash != ''")
		return app.Save(c)
	}, func(app core.App) error {
		return deleteCollection(app, "workers")
	})
}
