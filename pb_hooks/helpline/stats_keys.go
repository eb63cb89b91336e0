package helpline

import (
	"github.com/pocketbase/pocketbase/core"

	"amem/internal/disclosure"
)

// bindStatsKeys gives every question its secret record key for the
// statistics' cell-key perturbation (internal/disclosure) when it is made,
// whoever makes it, and keeps it unchanged on every later save: a key that
// a caller could choose or rewrite would let them cancel the noise.
func bindStatsKeys(app core.App) {
	app.OnRecordCreate("questions").BindFunc(func(e *core.RecordEvent) error {
		e.Record.Set("stats_key", uint32(disclosure.NewKey()))
		return e.Next()
	})
	app.OnRecordUpdate("questions").BindFunc(func(e *core.RecordEvent) error {
		if original := e.Record.Original(); original != nil {
			e.Record.Set("stats_key", original.Get("stats_key"))
		}
		return e.Next()
	})
}
