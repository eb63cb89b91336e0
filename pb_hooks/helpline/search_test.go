package helpline

import (
	"net/url"
	"strings"
	"testing"

	"amem/pb_hooks/testapp"
)

// A search finds a case by any word of its thread that the counsellor may
// read, and never by another union's internal note: that would tell what
// the note says.
func TestSearchFindsCasesByTheirWholeThread(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	h := testapp.Handler(t, app)
	search := func(role, q string) (int, string) {
		res := testapp.Serve(t, h, "GET", "/api/amem/questions/search?q="+url.QueryEscape(q), f.Headers(role))
		return res.StatusCode, testapp.ReadAll(t, res)
	}
	q1 := `"` + f.IDs["q1"] + `"`
	scenarios := []struct {
		role, q   string
		wantFound bool
	}{
		{testapp.Counsellor, "question one", true},    // the question
		{testapp.Counsellor, "WORKER FOLLOW", true},   // the worker's message, any case
		{testapp.Counsellor, "the answer", true},      // an answer
		{testapp.Coordinator, "internal note", true},  // their own union's note
		{testapp.Counsellor, "union B's note", false}, // another union's note
		{testapp.OtherOrg, "the answer", false},       // another union's case
		{testapp.Counsellor, "%%", false},             // % is a character, not a wildcard
	}
	for _, s := range scenarios {
		status, body := search(s.role, s.q)
		if status != 200 || strings.Contains(body, q1) != s.wantFound {
			t.Errorf("%s searching %q = %d %s; want q1 found: %v", s.role, s.q, status, body, s.wantFound)
		}
	}
	for role, want := range map[string]int{testapp.Worker: 403, testapp.Anonymous: 401} {
		if status, _ := search(role, "question"); status != want {
			t.Errorf("%s searching = %d, want %d", role, status, want)
		}
	}
	if status, _ := search(testapp.Counsellor, "q"); status != 400 {
		t.Errorf("a one-letter search = %d, want 400", status)
	}
}
