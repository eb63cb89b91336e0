package pb_hooks

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
)

func TestStatisticsSuppressSmallCells(t *testing.T) {
	f := getFixture(t)
	app := newTestApp(t)
	defer app.Cleanup()
	handler := serveHandler(t, app)

	// Union A: 6 wage questions from Tunisia, 2 about fees (q1 has no topic).
	collection, _ := app.FindCollectionByNameOrId("questions")
	for i := 0; i < 8; i++ {
		q := core.NewRecord(collection)
		topic := "wages"
		if i >= 6 {
			topic = "fees"
		}
		q.Set("worker", f.ids["w1"])
		q.Set("client_id", fmt.Sprintf("stats-question-%d", i))
		q.Set("lang", "ar")
		q.Set("country", "TN")
		q.Set("topic", topic)
		q.Set("status", "assigned")
		q.Set("organisation", f.ids["orgA"])
		if err := app.Save(q); err != nil {
			t.Fatal(err)
		}
	}

	get := func(role, url string) (int, string) {
		res := serveRequest(t, handler, "GET", url, "", f.headers(role))
		return res.StatusCode, readAll(t, res)
	}
	for role, want := range map[string]int{roleAnonymous: 401, roleWorker: 403, roleCounsellor: 403, roleOtherOrg: 403} {
		if status, _ := get(role, "/api/amem/stats?by=topic"); status != want {
			t.Errorf("stats as %s = %d, want %d", role, status, want)
		}
	}

	status, body := get(roleCoordinator, "/api/amem/stats?by=country,topic")
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
	if _, body := get(roleSuperuser, "/api/amem/stats?by=organisation"); !strings.Contains(body, `"organisation":"`+f.ids["orgA"]+`","questions":9`) {
		t.Errorf("superuser stats: %s", body)
	}

	// Unrated questions are not "did not help": helpful is "yes", "no" or empty.
	if _, body := get(roleCoordinator, "/api/amem/stats?by=helpful"); !strings.Contains(body, `{"helpful":"","questions":9}`) {
		t.Errorf("stats by helpful: %s", body)
	}

	res := serveRequest(t, handler, "GET", "/api/amem/stats?by=topic&format=csv", "", f.headers(roleCoordinator))
	csvBody := readAll(t, res)
	if res.Header.Get("Content-Type") != "text/csv; charset=utf-8" || !strings.Contains(csvBody, "topic,questions\n") || !strings.Contains(csvBody, "wages,6\n") || !strings.Contains(csvBody, "fees,\n") {
		t.Errorf("csv = %q", csvBody)
	}

	for _, bad := range []string{"/api/amem/stats?by=worker", "/api/amem/stats?by=topic,topic", "/api/amem/stats?from=yesterday", "/api/amem/stats?from=2026-12-01&to=2026-01-01"} {
		if status, _ := get(roleCoordinator, bad); status != http.StatusBadRequest {
			t.Errorf("%s = %d, want 400", bad, status)
		}
	}
}
