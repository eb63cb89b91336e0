package pb_migrations

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// rateLimits: the rate limiter is on (PocketBase's defaults per address,
// loose enough for a town behind one carrier NAT). The limits that matter
// for workers count per account, not per address, and are in
// pb_hooks/helpline/worker_limits.go; rateLimits holds the ceilings per
// address that PocketBase's own limiter keeps, and the superusers' sign-in.
var rateLimits = []core.RateLimitRule{
	// Questions and messages: only a ceiling per address (a whole town may
	// share one), above PocketBase's 20 every five seconds, which resends
	// after a dead zone use up; each worker's own limit is per account.
	{Label: "questions:create", MaxRequests: 300, Duration: 60},
	{Label: "messages:create", MaxRequests: 300, Duration: 60},
	// The dashboard: ten password (or code) attempts an hour per address,
	// not PocketBase's two every three seconds (2,400 an hour).
	{Label: core.CollectionNameSuperusers + ":auth", MaxRequests: 10, Duration: 3600},
	{Label: core.CollectionNameSuperusers + ":requestOTP", MaxRequests: 10, Duration: 3600},
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
		if err := app.Save(s); err != nil {
			return err
		}
		return superusersMFA(app, true)
	}, func(app core.App) error {
		if err := superusersMFA(app, false); err != nil {
			return err
		}
		s := app.Settings()
		s.RateLimits.Rules = slices.DeleteFunc(s.RateLimits.Rules, func(have core.RateLimitRule) bool {
			return slices.ContainsFunc(rateLimits, func(r core.RateLimitRule) bool { return r.Label == have.Label })
		})
		s.Backups.Cron = ""
		return app.Save(s)
	})
}

// superusersMFA turns on (or off) the second factor for the dashboard: after
// the password, a one-time code sent by e-mail (so SMTP must be set up before
// a superuser can sign in; `amem superuser upsert` still works from the
// machine itself).
func superusersMFA(app core.App, on bool) error {
	c, err := app.FindCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		return err
	}
	c.MFA.Enabled = on
	c.OTP.Enabled = on
	if on {
		c.MFA.Duration = 600
		c.OTP.Duration = 300
		c.OTP.Length = 8
	}
	return app.Save(c)
}
