// Package retention is how long the server keeps closed questions: the
// default, where the setting lives, and the cut-off it gives. The nightly
// job that applies it is in pb_hooks/helpline/retention.go.
package retention

import "time"

// DefaultDays is how long a closed question is kept after its last change
// (its closing, or the worker's "did this help?"): a year, long enough for a
// worker to come back to the same matter and for the yearly statistics.
// It is AMEM's choice, not a legal period; change it in the dashboard.
const DefaultDays = 365

// MinDays and MaxDays bound the setting.
const (
	MinDays = 1
	MaxDays = 3650
)

// Collection and SettingsID name the one record holding the setting
// (dashboard: Collections → app_settings); without it DefaultDays applies.
const (
	Collection = "app_settings"
	SettingsID = "amemsettings001"
	Field      = "retention_days"
)

// Cutoff is the last-change time before which a closed question is erased,
// days after now.
func Cutoff(now time.Time, days int) time.Time {
	if days < MinDays {
		days = DefaultDays
	}
	return now.AddDate(0, 0, -days)
}
