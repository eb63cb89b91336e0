package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	"amem/internal/retention"
)

// app_settings: AMEM's own settings, edited in the dashboard (Collections →
// app_settings, its one record), beside PocketBase's own (Settings), which
// 1797000001_settings.go sets.
//
//	retention_days: closed questions untouched this many days are erased,
//	                with their messages, voice notes and photos, every night
//	                (pb_hooks/helpline/retention.go); default a year
//	                (internal/retention)
//
//	every rule: superusers only (the dashboard)
func appSettingsCollection() *core.Collection {
	c := core.NewBaseCollection(retention.Collection)
	c.Fields.Add(
		&core.NumberField{Name: retention.Field, Required: true, OnlyInt: true,
			Min: minmax(retention.MinDays), Max: minmax(retention.MaxDays),
			Help: "closed questions untouched this many days are erased every night, with their messages, voice notes and photos"},
	)
	addTimestamps(c)
	return c
}

func init() {
	m.Register(func(app core.App) error {
		c := appSettingsCollection()
		if err := app.Save(c); err != nil {
			return err
		}
		r := core.NewRecord(c)
		r.Id = retention.SettingsID
		r.Set(retention.Field, retention.DefaultDays)
		return app.Save(r)
	}, func(app core.App) error {
		return deleteCollection(app, retention.Collection)
	})
}
