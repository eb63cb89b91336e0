package pb_hooks

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"amem/pb_hooks/testapp"
)

// TestSuperusersNeedACodeAfterTheirPassword: the dashboard's password alone
// gives no token, only the start of a sign-in that needs a code by e-mail.
func TestSuperusersNeedACodeAfterTheirPassword(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	c, err := app.FindCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		t.Fatal(err)
	}
	admin := core.NewRecord(c)
	admin.SetEmail("admin@amem.example")
	admin.SetPassword("a long passphrase for the test")
	if err := app.Save(admin); err != nil {
		t.Fatal(err)
	}
	res := testapp.ServeBody(t, testapp.Handler(t, app), "POST", "/api/collections/_superusers/auth-with-password",
		`{"identity":"admin@amem.example","password":"a long passphrase for the test"}`, map[string]string{"Content-Type": "application/json"})
	body := testapp.ReadAll(t, res)
	if res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, `"mfaId"`) {
		t.Fatalf("password alone = %d %s, want 401 with an mfaId", res.StatusCode, body)
	}
}

// TestSuperusersGetTenGuessesAnHour: the rule that applies to a superuser's
// sign-in allows at most ten attempts an hour per address.
func TestSuperusersGetTenGuessesAnHour(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	labels := []string{core.CollectionNameSuperusers + ":auth", "*:auth", "POST /api/collections/_superusers/auth-with-password", "/api/collections/_superusers/auth-with-password"}
	rule, ok := app.Settings().RateLimits.FindRateLimitRule(labels, core.RateLimitRuleAudienceAll, core.RateLimitRuleAudienceGuest)
	if !ok {
		t.Fatal("no rate limit applies to the superusers' sign-in")
	}
	if perHour := float64(rule.MaxRequests) * 3600 / float64(rule.Duration); perHour > 10 {
		t.Fatalf("rule %s allows %.0f guesses an hour, want at most 10", rule.Label, perHour)
	}
}
