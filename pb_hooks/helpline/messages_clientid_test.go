package helpline

import (
	"net/http"
	"strings"
	"testing"

	"amem/pb_hooks/testapp"
)

// TestAClientIDOfAnotherAuthorReturnsNothingOfTheirs: a worker who sends the
// client_id of the counsellor's internal note does not get the note back.
func TestAClientIDOfAnotherAuthorReturnsNothingOfTheirs(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	h := testapp.Handler(t, app)
	as := func(role string) map[string]string {
		headers := f.Headers(role)
		headers["Content-Type"] = "application/json"
		return headers
	}
	note := testapp.ServeBody(t, h, "POST", "/api/collections/messages/records",
		f.Fill(`{"question":"{{q1}}","text":"Internal: employer known to us","internal":true,"client_id":"note-collide-1"}`), as(testapp.Counsellor))
	if note.StatusCode != http.StatusOK {
		t.Fatalf("internal note = %d %s", note.StatusCode, testapp.ReadAll(t, note))
	}
	res := testapp.ServeBody(t, h, "POST", "/api/collections/messages/records",
		f.Fill(`{"question":"{{q1}}","text":"hello","client_id":"note-collide-1"}`), as(testapp.Worker))
	if body := testapp.ReadAll(t, res); strings.Contains(body, "employer known to us") {
		t.Fatalf("the worker got the counsellor's internal note back: %d %s", res.StatusCode, body)
	}
}
