package pb_migrations

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// counsellorLimits: a union office signs in from one address. PocketBase's
// default for every sign-in ("*:auth", two every three seconds per address)
// refused the third counsellor who arrived at nine. Counsellors' password
// attempts count per account (pb_hooks/helpline/counsellor_signin_limits.go);
// this per-address rule is only a ceiling, for an office of dozens.
var counsellorLimits = []core.RateLimitRule{
	{Label: "counsellors:auth", MaxRequests: 60, Duration: 60},
}

func init() {
	m.Register(func(app core.App) error {
		s := app.Settings()
		for _, r := range counsellorLimits {
			if !slices.ContainsFunc(s.RateLimits.Rules, func(have core.RateLimitRule) bool { return have.Label == r.Label }) {
				s.RateLimits.Rules = append(s.RateLimits.Rules, r)
			}
		}
		return app.Save(s)
	}, func(app core.App) error {
		s := app.Settings()
		s.RateLimits.Rules = slices.DeleteFunc(s.RateLimits.Rules, func(have core.RateLimitRule) bool {
			return slices.ContainsFunc(counsellorLimits, func(r core.RateLimitRule) bool { return r.Label == have.Label })
		})
		return app.Save(s)
	})
}
