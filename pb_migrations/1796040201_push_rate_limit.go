package pb_migrations

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// pushSubscribeLimit: the app renews its push subscription when it opens, a
// few times a day; far more from one address is a script making accounts
// post to URLs of its choosing.
var pushSubscribeLimit = core.RateLimitRule{Label: "POST /api/amem/push/subscriptions", MaxRequests: 60, Duration: 3600}

func init() {
	m.Register(func(app core.App) error {
		s := app.Settings()
		if slices.ContainsFunc(s.RateLimits.Rules, func(r core.RateLimitRule) bool { return r.Label == pushSubscribeLimit.Label }) {
			return nil
		}
		s.RateLimits.Rules = append(s.RateLimits.Rules, pushSubscribeLimit)
		return app.Save(s)
	}, func(app core.App) error {
		s := app.Settings()
		s.RateLimits.Rules = slices.DeleteFunc(s.RateLimits.Rules, func(r core.RateLimitRule) bool { return r.Label == pushSubscribeLimit.Label })
		return app.Save(s)
	})
}
