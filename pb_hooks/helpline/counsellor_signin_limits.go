package helpline

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"amem/internal/ratelimit"
)

// bindCounsellorSignInLimits counts counsellors' password attempts against
// the account signed into, not the office's address (see limits).
// PocketBase's own per-address rule for counsellors' sign-ins is only a
// ceiling (pb_migrations/1797000082_counsellor_limits.go).
func bindCounsellorSignInLimits(app core.App) {
	app.OnRecordAuthWithPasswordRequest("counsellors").BindFunc(func(e *core.RecordAuthWithPasswordRequestEvent) error {
		key := ratelimit.AccountKey("counsellors", strings.ToLower(strings.TrimSpace(e.Identity)))
		if !AllowFor(e.RequestEvent, "counsellors.signin", key) {
			return e.TooManyRequestsError("", nil)
		}
		return e.Next()
	})
}
