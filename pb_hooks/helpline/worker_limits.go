package helpline

import (
	"time"

	"github.com/pocketbase/pocketbase/core"

	"amem/internal/ratelimit"
)

// The limits on workers, counsellors and anonymous callers, in place of
// PocketBase's per-address rules, which stay only as ceilings per address:
//
//   - a signed-in worker's new questions, messages and push subscriptions
//     count against the worker's account, never against the address it comes
//     from: behind a carrier's NAT a whole town shares one address;
//   - a resend of what the server already has (a known client_id, the app's
//     offline retries) is answered without counting;
//   - anonymous calls (a new account, a recovery attempt) count per address,
//     an IPv6 address by its /64;
//   - counsellors count per account too: a union office shares one address,
//     and neither its sign-ins nor one busy counsellor's answers may lock out
//     a colleague. Password attempts count against the account signed into
//     (its e-mail as typed, known or not), so guessing one counsellor's
//     password never slows the others.
var limits = map[string]limit{
	"questions":          {20, time.Hour},
	"messages":           {60, 10 * time.Minute},
	"push_subscriptions": {60, time.Hour},
	"agency_reviews":     {20, time.Hour},
	"workers.create":     {120, time.Hour},
	"workers.recover":    {10, time.Hour},

	"counsellors.messages": {300, 10 * time.Minute},
	"counsellors.signin":   {10, 15 * time.Minute},
}

// limit is max requests per window.
type limit struct {
	max    int
	window time.Duration
}

// limitKey is who a request counts against: the worker's account, or the
// caller's address.
func limitKey(e *core.RequestEvent) string {
	if e.Auth != nil {
		return ratelimit.AccountKey(e.Auth.Collection().Name, e.Auth.Id)
	}
	return ratelimit.AddressKey(e.RealIP())
}

// Allow takes one request of the named limit (a key of limits) from
// the caller, and reports whether the caller still had one. Limits are off
// when the rate limiter is off in the settings, and for superusers.
func Allow(e *core.RequestEvent, name string) bool {
	return AllowFor(e, name, limitKey(e))
}

// AllowFor is Allow counting against key instead of the caller.
func AllowFor(e *core.RequestEvent, name, key string) bool {
	if !e.App.Settings().RateLimits.Enabled || e.HasSuperuserAuth() {
		return true
	}
	rule, ok := limits[name]
	if !ok {
		panic("helpline: no limit named " + name)
	}
	return limiterOf(e.App, name, rule).Allow(key)
}

func limiterOf(app core.App, name string, rule limit) *ratelimit.Limiter {
	return app.Store().GetOrSet("amem.limit."+name, func() any {
		return ratelimit.New(rule.max, rule.window)
	}).(*ratelimit.Limiter)
}

// Refund gives back to the caller the request Allow counted under name.
func Refund(e *core.RequestEvent, name string) {
	if !e.App.Settings().RateLimits.Enabled || e.HasSuperuserAuth() {
		return
	}
	if rule, ok := limits[name]; ok {
		limiterOf(e.App, name, rule).Refund(limitKey(e))
	}
}

// Limit is a route middleware that answers 429 when the caller has used up
// the named limit (a key of limits).
func Limit(name string) func(e *core.RequestEvent) error {
	return func(e *core.RequestEvent) error {
		if !Allow(e, name) {
			return e.TooManyRequestsError("", nil)
		}
		return e.Next()
	}
}
