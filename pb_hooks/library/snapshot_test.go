package library

import (
	"encoding/json"
	"net/http"
	"testing"

	"amem/internal/httpcache"
	"amem/pb_hooks/testapp"
)

// A full sync is a redirect to the snapshot of the current revision, at a URL
// whose content never changes, so that HTTP caches may keep it for a year.
func TestFullSyncRedirectsToImmutableSnapshot(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)
	rev, err := CurrentRevision(app)
	if err != nil {
		t.Fatal(err)
	}
	snapshot := SnapshotPath("en", rev)

	// Without a cursor, with one we did not make, or with one from the future.
	for _, url := range []string{"/api/amem/sync?lang=en", "/api/amem/sync?lang=en&since=2026-11-30T10:00:00Z", "/api/amem/sync?lang=en&since=1.zzzz"} {
		res := testapp.Serve(t, handler, "GET", url, nil)
		if res.StatusCode != http.StatusFound || res.Header.Get("Location") != snapshot || res.Header.Get("Cache-Control") != httpcache.Revalidate {
			t.Fatalf("%s: %d Location %q Cache-Control %q, want 302 to %s, no-cache", url, res.StatusCode, res.Header.Get("Location"), res.Header.Get("Cache-Control"), snapshot)
		}
	}

	res := testapp.Serve(t, handler, "GET", snapshot, nil)
	var full syncResponse
	if err := json.Unmarshal([]byte(testapp.ReadAll(t, res)), &full); err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 200 || res.Header.Get("Cache-Control") != httpcache.Immutable || !full.Full || full.Cursor != formatCursor(rev) || len(full.Guides) == 0 {
		t.Fatalf("snapshot: %d Cache-Control %q full=%v cursor %q (want %q), %d guides", res.StatusCode, res.Header.Get("Cache-Control"), full.Full, full.Cursor, formatCursor(rev), len(full.Guides))
	}

	// A change: the old snapshot's URL sends to the new one, which has it.
	testapp.PutGuide(t, app, "guide-one", "en", "Retitled")
	next := SnapshotPath("en", rev+1)
	if res := testapp.Serve(t, handler, "GET", snapshot, nil); res.StatusCode != http.StatusFound || res.Header.Get("Location") != next {
		t.Fatalf("old snapshot: %d Location %q, want 302 to %s", res.StatusCode, res.Header.Get("Location"), next)
	}
	res = testapp.Serve(t, handler, "GET", next, nil)
	full = syncResponse{}
	if err := json.Unmarshal([]byte(testapp.ReadAll(t, res)), &full); err != nil {
		t.Fatal(err)
	}
	if len(full.Guides) == 0 || full.Guides[0].Title != "Retitled" {
		t.Fatalf("new snapshot guides: %+v", full.Guides)
	}

	// A revision not made yet, a cursor spelt otherwise, a language we lack.
	for url, status := range map[string]int{SnapshotPath("en", rev+2): 404, "/api/amem/sync/snapshot/en/1.A": 404, SnapshotPath("xx", rev+1): 400} {
		if res := testapp.Serve(t, handler, "GET", url, nil); res.StatusCode != status {
			t.Errorf("%s: %d, want %d", url, res.StatusCode, status)
		}
	}
}
