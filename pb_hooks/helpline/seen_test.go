package helpline

import (
	"testing"
	"time"

	"amem/pb_hooks/testapp"
)

// A counsellor of the holding union marks the thread seen; the mark moves
// again only after the worker writes, and nobody else may set it.
func TestACounsellorMarksAThreadSeen(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	h := testapp.Handler(t, app)
	send := func(role, method, url, body string) int {
		res := testapp.ServeBody(t, h, method, url, body, map[string]string{"Authorization": f.Tokens[role], "Content-Type": "application/json"})
		testapp.ReadAll(t, res)
		return res.StatusCode
	}
	seen := "/api/amem/questions/" + f.IDs["q1"] + "/seen"
	seenAt := func() time.Time { return testapp.Record(t, app, "questions", "q1").GetDateTime("seen_at").Time() }

	for role, want := range map[string]int{testapp.OtherOrg: 404, testapp.Worker: 403, testapp.Anonymous: 401} {
		if got := send(role, "POST", seen, `{}`); got != want {
			t.Errorf("%s marking seen = %d, want %d", role, got, want)
		}
	}
	if !seenAt().IsZero() {
		t.Fatal("a refused call marked the thread seen")
	}
	if got := send(testapp.Counsellor, "POST", seen, `{}`); got != 200 {
		t.Fatalf("marking seen = %d", got)
	}
	first := seenAt()
	if first.IsZero() {
		t.Fatal("the thread is not marked seen")
	}
	// Read again with nothing new: the mark stays (no write, no wake-up).
	time.Sleep(5 * time.Millisecond)
	if got := send(testapp.Counsellor, "POST", seen, `{}`); got != 200 || !seenAt().Equal(first) {
		t.Errorf("reading again (%d) moved the mark from %v to %v", got, first, seenAt())
	}
	// The worker writes: the next reading moves it.
	if got := send(testapp.Worker, "POST", "/api/collections/messages/records", `{"question":"`+f.IDs["q1"]+`","text":"any news?"}`); got != 200 {
		t.Fatalf("the worker's message = %d", got)
	}
	time.Sleep(5 * time.Millisecond)
	if got := send(testapp.Counsellor, "POST", seen, `{}`); got != 200 || !seenAt().After(first) {
		t.Errorf("after the worker's message, reading (%d) left the mark at %v", got, seenAt())
	}
}
