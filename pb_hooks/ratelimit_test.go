package pb_hooks

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"amem/pb_hooks/testapp"
)

// TestRateLimitIsInTheCallersLanguage: the error localiser runs outside
// PocketBase's rate limiter, so a 429 speaks French to a French phone.
func TestRateLimitIsInTheCallersLanguage(t *testing.T) {
	want := testapp.Catalog(t).T("fr", "error.too_many_requests", nil, nil)
	s := tests.ApiScenario{
		Method:          http.MethodGet,
		URL:             "/api/health?lang=fr",
		ExpectedStatus:  http.StatusTooManyRequests,
		ExpectedContent: []string{`"message":"` + want + `"`},
		TestAppFactory: func(t testing.TB) *tests.TestApp {
			app := testapp.New(t)
			app.Settings().RateLimits.Enabled = true
			app.Settings().RateLimits.Rules = []core.RateLimitRule{{Label: "/api/health", MaxRequests: 1, Duration: 3600}}
			return app
		},
		BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
			// Use up the one request the rule allows.
			mux, err := e.Router.BuildMux()
			if err != nil {
				t.Fatal(err)
			}
			res := testapp.Serve(t, mux, "GET", "/api/health", nil)
			if res.StatusCode != http.StatusOK || strings.Contains(testapp.ReadAll(t, res), "Trop") {
				t.Fatalf("first request = %d", res.StatusCode)
			}
		},
	}
	s.Test(t)
}
