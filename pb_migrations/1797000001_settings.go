package pb_migrations

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// rateLimits: the rate limiter is on, and these routes have their own limits
// (keyed by client IP; behind a proxy see TrustedProxy in docs/operations.md):
//   - making and recovering worker accounts, so that one abuser cannot make
//     accounts by the thousand or guess recovery codes;
//   - questions and messages, so that one abuser cannot flood the counsellors;
//   - push subscriptions: the app renews its subscription when it opens, a few
//     times a day; far more from one address is a script making accounts post
//     to URLs of its choosing.
var rateLimits = []core.RateLimitRule{
	{Label: "POST /api/amem/workers", MaxRequests: 30, Duration: 3600},
	{Label: "POST /api/amem/workers/recover", MaxRequests: 10, Duration: 3600},
	{Label: "questions:create", MaxRequests: 20, Duration: 3600},
	{Label: "messages:create", MaxRequests: 60, Duration: 600},
	{Label: "POST /api/amem/push/subscriptions", MaxRequests: 60, Duration: 3600},
}

// logDays is how long request logs are kept: long enough to look into an
// incident reported the next morning.
const logDays = 2

// Application settings that follow from our principles:
//   - nothing personal is logged: no client IPs (and pb_hooks/guard drops
//     user agents, referers and query strings from every request log), and
//     the request logs are kept two days, not PocketBase's five;
//   - abuse is rate limited (rateLimits above, after PocketBase's defaults);
//   - daily backups with PocketBase's own backup system (a zip of pb_data in
//     pb_data/backups, or on S3 when configured in the dashboard), a week
//     kept: workers' questions exist nowhere else, and losing the disk must
//     not lose them.
//
// Down removes our rate limits and the backup schedule; it leaves the app
// name, IP logging off and the limiter on, which are safe either way.
func init() {
	m.Register(func(app core.App) error {
		s := app.Settings()
		s.Meta.AppName = "AMEM"
		s.Logs.LogIP = false
		s.Logs.LogAuthId = false
		s.Logs.MaxDays = logDays
		s.RateLimits.Enabled = true
		for _, r := range rateLimits {
			if !slices.ContainsFunc(s.RateLimits.Rules, func(have core.RateLimitRule) bool { return have.Label == r.Label }) {
				s.RateLimits.Rules = append(s.RateLimits.Rules, r)
			}
		}
		s.Backups.Cron = "30 2 * * *" // 02:30 UTC, a quiet hour across the region
		s.Backups.CronMaxKeep = 7
		return app.Save(s)
	}, func(app core.App) error {
		s := app.Settings()
		s.RateLimits.Rules = slices.DeleteFunc(s.RateLimits.Rules, func(have core.RateLimitRule) bool {
			return slices.ContainsFunc(rateLimits, func(r core.RateLimitRule) bool { return r.Label == have.Label })
		})
		s.Backups.Cron = ""
		return app.Save(s)
	})
}
