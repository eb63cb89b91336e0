package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Application settings that follow from our principles: nothing personal is
// logged (no client IPs), and creating workers and questions is rate limited
// so that one abuser cannot flood the counsellors.
func init() {
	m.Register(func(app core.App) error {
		s := app.Settings()
		s.Meta.AppName = "AMEM"
		s.Logs.LogIP = false
		s.RateLimits.Enabled = true
		s.RateLimits.Rules = append(s.RateLimits.Rules,
			core.RateLimitRule{Label: "POST /api/amem/workers", MaxRequests: 30, Duration: 3600},
			core.RateLimitRule{Label: "POST /api/amem/workers/recover", MaxRequests: 10, Duration: 3600},
			core.RateLimitRule{Label: "questions:create", MaxRequests: 20, Duration: 3600},
			core.RateLimitRule{Label: "messages:create", MaxRequests: 60, Duration: 600},
		)
		return app.Save(s)
	}, nil)
}
