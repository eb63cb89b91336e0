package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// PocketBase starts every app with a "users" auth collection that anyone may
// sign up to. AMEM has workers and counsellors instead: remove it, so that
// no account can be made outside our rules.
func init() {
	m.Register(func(app core.App) error {
		return deleteCollection(app, "users")
	}, nil)
}
