package helpline

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"amem/pb_hooks/testapp"
)

// officeAddress is the one address a union office's counsellors share.
const officeAddress = "203.0.113.7:5000"

// signIn tries a counsellor's password from the office.
func signIn(t *testing.T, h http.Handler, email, password string) (int, string) {
	t.Helper()
	req := httptest.NewRequest("POST", "/api/collections/counsellors/auth-with-password",
		strings.NewReader(`{"identity":"`+email+`","password":"`+password+`"}`))
	req.Header.Set("Content-Type", "application/json")
	req.RemoteAddr = officeAddress
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String()
}

// A morning at a union office: eight counsellors sign in from one address
// within a second, and each gets to the e-mailed code step.
func TestAnOfficeOfCounsellorsSignsInFromOneAddress(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	org := testapp.Record(t, app, "organisations", "orgA")
	collection, _ := app.FindCollectionByNameOrId("counsellors")
	emails := []string{"cA@example.org", "coordA@example.org", "cB@example.org"}
	for i := len(emails); i < 8; i++ {
		c := core.NewRecord(collection)
		c.SetEmail(fmt.Sprintf("office%d@example.org", i))
		c.SetPassword("correct horse battery")
		c.Set("name", fmt.Sprintf("Office %d", i))
		c.Set("organisation", org.Id)
		c.Set("languages", []string{"ar"})
		c.Set("capacity", 10)
		c.Set("active", true)
		if err := app.Save(c); err != nil {
			t.Fatal(err)
		}
		emails = append(emails, c.Email())
	}
	h := testapp.Handler(t, app)
	for _, email := range emails {
		if code, body := signIn(t, h, email, "correct horse battery"); !strings.Contains(body, `"mfaId"`) {
			t.Errorf("%s signing in from the office = %d %s, want the code step", email, code, body)
		}
	}
}

// Guessing one counsellor's password is stopped for that account alone: a
// colleague at the same address still signs in.
func TestPasswordGuessesCountPerCounsellor(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	h := testapp.Handler(t, app)
	allowed := limits["counsellors.signin"].max
	for i := 0; i < allowed; i++ {
		if code, body := signIn(t, h, "cA@example.org", fmt.Sprintf("wrong guess %d", i)); code != http.StatusBadRequest {
			t.Fatalf("guess %d = %d %s, want 400", i, code, body)
		}
		time.Sleep(time.Millisecond) // distinct attempts, as a person makes them
	}
	if code, _ := signIn(t, h, "CA@example.org ", "correct horse battery"); code != http.StatusTooManyRequests {
		t.Errorf("attempt %d on the same account (its e-mail in other case) = %d, want 429", allowed+1, code)
	}
	if code, body := signIn(t, h, "coordA@example.org", "correct horse battery"); !strings.Contains(body, `"mfaId"`) {
		t.Errorf("a colleague at the same address = %d %s, want the code step", code, body)
	}
}

// One busy counsellor's answers count against their own account, never
// against the office: when they reach their limit, a colleague still answers.
func TestCounsellorMessagesCountPerAccount(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	saved := limits["counsellors.messages"]
	limits["counsellors.messages"] = struct {
		max    int
		window time.Duration
	}{3, time.Hour}
	defer func() { limits["counsellors.messages"] = saved }()
	h := testapp.Handler(t, app)
	send := func(role, clientID string) int {
		req := httptest.NewRequest("POST", "/api/collections/messages/records",
			strings.NewReader(`{"question":"`+f.IDs["q1"]+`","text":"answer","client_id":"`+clientID+`"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", f.Tokens[role])
		req.RemoteAddr = officeAddress
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	for i := 0; i < 3; i++ {
		if code := send(testapp.Counsellor, fmt.Sprintf("busy-%02d", i)); code != 200 {
			t.Fatalf("message %d = %d", i, code)
		}
	}
	if code := send(testapp.Counsellor, "busy-03"); code != http.StatusTooManyRequests {
		t.Errorf("the busy counsellor's message over their limit = %d, want 429", code)
	}
	if code := send(testapp.Coordinator, "colleague-01"); code != 200 {
		t.Errorf("a colleague's answer from the same office = %d, want 200", code)
	}
}
