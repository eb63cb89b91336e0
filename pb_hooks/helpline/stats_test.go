package helpline

import (
	"amem/pb_hooks/testapp"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
)

func TestStatisticsSuppressSmallCells(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)

	// Union A: 6 wage questions from Tunisia, 2 about fees (q1 has no topic).
	collection, _ := app.FindCollectionByNameOrId("questions")
	for i := 0; i < 8; i++ {
		q := core.NewRecord(collection)
		topic := "wages"
		if i >= 6 {
			topic = "fees"
		}
		q.Set("worker", f.IDs["w1"])
		q.Set("client_id", fmt.Sprintf("stats-question-%d", i))
		q.Set("lang", "ar")
		q.Set("country", "TN")
		q.Set("topic", topic)
		q.Set("status", "assigned")
		q.Set("organisation", f.IDs["orgA"])
		if err := app.Save(q); err != nil {
			t.Fatal(err)
		}
	}

	get := func(role, url string) (int, string) {
		res := testapp.ServeBody(t, handler, "GET", url, "", f.Headers(role))
		return res.StatusCode, testapp.ReadAll(t, res)
	}
	for role, want := range map[string]int{testapp.Anonymous: 401, testapp.Worker: 403, testapp.Counsellor: 403, testapp.OtherOrg: 403} {
		if status, _ := get(role, "/api/amem/stats?by=topic"); status != want {
			t.Errorf("stats as %s = %d, want %d", role, status, want)
		}
	}

	status, body := get(testapp.Coordinator, "/api/amem/stats?by=country,topic")
	if status != 200 {
		t.Fatalf("stats = %d %s", status, body)
	}
	for _, want := range []string{`{"country":"TN","questions":6,"topic":"wages"}`, `{"country":"TN","questions":null,"topic":"fees"}`, `"suppressed":2`} {
		if !strings.Contains(body, want) {
			t.Errorf("stats lack %s: %s", want, body)
		}
	}
	if strings.Contains(body, `"questions":2`) || strings.Contains(body, `"questions":1`) {
		t.Errorf("a small cell was shown: %s", body)
	}

	// A coordinator of Union B sees none of Union A's questions; a superuser sees all.
	if _, body := get(testapp.Superuser, "/api/amem/stats?by=organisation"); !strings.Contains(body, `"organisation":"`+f.IDs["orgA"]+`","questions":9`) {
		t.Errorf("superuser stats: %s", body)
	}

	// Unrated questions are not "did not help": helpful is "yes", "no" or empty.
	if _, body := get(testapp.Coordinator, "/api/amem/stats?by=helpful"); !strings.Contains(body, `{"helpful":"","questions":9}`) {
		t.Errorf("stats by helpful: %s", body)
	}

	res := testapp.ServeBody(t, handler, "GET", "/api/amem/stats?by=topic&format=csv", "", f.Headers(testapp.Coordinator))
	csvBody := testapp.ReadAll(t, res)
	if res.Header.Get("Content-Type") != "text/csv; charset=utf-8" || !strings.Contains(csvBody, "topic,questions\n") || !strings.Contains(csvBody, "wages,6\n") || !strings.Contains(csvBody, "fees,\n") {
		t.Errorf("csv = %q", csvBody)
	}

	for _, bad := range []string{"/api/amem/stats?by=worker", "/api/amem/stats?by=topic,topic", "/api/amem/stats?from=yesterday", "/api/amem/stats?from=2026-12-01&to=2026-01-01"} {
		if status, _ := get(testapp.Coordinator, bad); status != http.StatusBadRequest {
			t.Errorf("%s = %d, want 400", bad, status)
		}
	}
}
