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

// An answer carries its counsellor's first name, set by the server; nobody
// may send one.
func TestAnAnswerCarriesTheCounsellorsFirstName(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	cA := testapp.Record(t, app, "counsellors", "cA")
	cA.Set("name", "Salma Ben Ali")
	if err := app.Save(cA); err != nil {
		t.Fatal(err)
	}
	h := testapp.Handler(t, app)
	post := func(role, body string) (int, string) {
		res := testapp.ServeBody(t, h, "POST", "/api/collections/messages/records", body,
			map[string]string{"Authorization": f.Tokens[role], "Content-Type": "application/json"})
		return res.StatusCode, testapp.ReadAll(t, res)
	}
	if status, body := post(testapp.Counsellor, `{"question":"`+f.IDs["q1"]+`","text":"an answer"}`); status != 200 || !strings.Contains(body, `"author_name":"Salma"`) {
		t.Errorf("the answer = %d %s, want author_name Salma", status, body)
	}
	for _, role := range []string{testapp.Counsellor, testapp.Worker} {
		if status, _ := post(role, `{"question":"`+f.IDs["q1"]+`","text":"x","author_name":"Someone else"}`); status != 400 {
			t.Errorf("%s sending an author_name = %d, want 400", role, status)
		}
	}
}
