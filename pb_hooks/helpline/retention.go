package helpline

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"amem/internal/cases"
	"amem/internal/retention"
)

// bindRetention erases, every night at 03:15 UTC (after the 02:30 backup),
// the closed questions untouched for the retention period set in the
// dashboard (app_settings), with their messages, voice notes and photos.
// Cron runs only under `serve`.
func bindRetention(app core.App) {
	app.Cron().MustAdd("amemRetention", "15 3 * * *", func() {
		if n, err := eraseExpired(app, time.Now()); err != nil {
			app.Logger().Error("retention: erasing closed questions failed", "error", err)
		} else if n > 0 {
			app.Logger().Info("retention: closed questions erased", "count", n)
		}
	})
}

// retentionDays is the period set in the dashboard, or the default when the
// settings record is missing (retention.Cutoff handles a value below the
// minimum).
func retentionDays(app core.App) int {
	r, err := app.FindRecordById(retention.Collection, retention.SettingsID)
	if err != nil {
		return retention.DefaultDays
	}
	return r.GetInt(retention.Field)
}

// eraseExpired erases every closed question last changed before the
// retention period, each on its own (see erase), and returns how many went.
// A question reopened or still open is never touched.
func eraseExpired(app core.App, now time.Time) (int, error) {
	cutoff, err := types.ParseDateTime(retention.Cutoff(now, retentionDays(app)))
	if err != nil {
		return 0, err
	}
	expired, err := app.FindAllRecords("questions",
		dbx.HashExp{"status": string(cases.Closed)},
		dbx.NewExp("updated < {:cutoff}", dbx.Params{"cutoff": cutoff.String()}))
	if err != nil {
		return 0, err
	}
	erased := 0
	for _, q := range expired {
		if err := erase(app, q); err != nil {
			return erased, err
		}
		erased++
	}
	return erased, nil
}
