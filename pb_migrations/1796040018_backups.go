package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Daily backups with PocketBase's own backup system (a zip of pb_data in
// pb_data/backups, or on S3 when configured in the dashboard), a week kept.
// Workers' questions exist nowhere else: losing the disk must not lose them.
func init() {
	m.Register(func(app core.App) error {
		s := app.Settings()
		if s.Backups.Cron == "" {
			s.Backups.Cron = "30 2 * * *" // 02:30 UTC, a quiet hour across the region
			s.Backups.CronMaxKeep = 7
		}
		return app.Save(s)
	}, nil)
}
