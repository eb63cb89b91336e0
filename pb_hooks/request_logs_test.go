package pb_hooks

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/logger"

	"amem/pb_hooks/testapp"
)

// TestRequestLogsKeepNoUserAgentRefererOrQuery: a worker's search, the
// phone's user agent and the page it came from never reach the request log
// (which outlives an erasure); the path does.
func TestRequestLogsKeepNoUserAgentRefererOrQuery(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	app.Settings().Logs.MaxDays = 2 // test apps keep no logs
	h := testapp.Handler(t, app)
	headers := f.Headers(testapp.Worker)
	headers["User-Agent"] = "Mozilla/5.0 (Linux; Android 10; SM-A105F) Chrome/120"
	headers["Referer"] = "https://amem.example/?q=passport-taken"
	res := testapp.Serve(t, h, "GET", `/api/collections/questions/records?filter=text~"kafala"&token=filetoken123`, headers)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	var logs []*core.Log
	testapp.Eventually(func() bool {
		app.Logger().Handler().(*logger.BatchHandler).WriteAll(context.Background())
		logs = nil
		app.LogQuery().All(&logs)
		for _, l := range logs {
			if strings.Contains(l.Message, "/api/collections/questions/records") {
				return true
			}
		}
		return false
	})
	found := false
	for _, l := range logs {
		raw, _ := json.Marshal(l)
		if !strings.Contains(string(raw), "questions/records") {
			continue
		}
		found = true
		for _, leak := range []string{"SM-A105F", "passport-taken", "kafala", "filetoken123", "filter="} {
			if strings.Contains(string(raw), leak) {
				t.Errorf("the request log keeps %q: %s", leak, raw)
			}
		}
	}
	if !found {
		t.Fatal("the request was not logged at all")
	}
}
