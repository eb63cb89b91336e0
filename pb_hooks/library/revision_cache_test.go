package library

import (
	"testing"
	"time"

	"amem/pb_hooks/testapp"
)

// The revision kept in memory follows every change committed through this
// process at once, and one made behind its back (another process on the
// same database) once it is older than revisionMaxAge.
func TestRevisionCacheFollowsChanges(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	clock := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	cache := newRevisionCache(app)
	cache.now = func() time.Time { return clock }
	current := func() int64 {
		t.Helper()
		rev, err := cache.current(app)
		if err != nil {
			t.Fatal(err)
		}
		return rev
	}
	start := current()

	testapp.PutGuide(t, app, "guide-one", "en", "Retitled")
	if got := current(); got != start+1 {
		t.Fatalf("after a change through the app: revision %d, want %d", got, start+1)
	}

	// Another process raises a revision: no hook here sees it.
	if _, err := app.DB().NewQuery("UPDATE guides SET rev = {:rev} WHERE slug = 'guide-one'").Bind(map[string]any{"rev": start + 5}).Execute(); err != nil {
		t.Fatal(err)
	}
	if got := current(); got != start+1 {
		t.Fatalf("within revisionMaxAge the kept revision is %d, want %d", got, start+1)
	}
	clock = clock.Add(revisionMaxAge)
	if got := current(); got != start+5 {
		t.Fatalf("after revisionMaxAge: revision %d, want the database's %d", got, start+5)
	}
}
