package helpline_test

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"

	"amem/internal/cases"
	"amem/internal/vocab"
	"amem/pb_hooks/testapp"
)

var countryPattern = regexp.MustCompile(vocab.CountryPattern)

// FuzzQuestionPayload: a worker's question create answers 200 or 400, never
// a server error (a panic is one); a refused payload stores nothing; an
// accepted one is stored with text, a country code or none, and a lifecycle status, and resending it returns the
// same question.
func FuzzQuestionPayload(f *testing.F) {
	f.Add("fuzz-client-0001", "My employer keeps my passport", "en", "TN", "documents")
	f.Add("fuzz-client-0002", "متى يجب أن يدفع لي الأجر؟", "ar", "TN", "wages")
	f.Add("fuzz-client-0003", "", "fr", "MA", "")
	f.Add("", "no client id", "en", "TN", "")
	f.Add("fuzz-client-0004", "text", "xx", "ZZ", "nope")
	f.Add("fuzz-client-0005", "\x00\u202e\u200b", "en", "TN", "wages")
	f.Add("fuzz client 0006 with spaces and far too long to be a client id at all", "text", "en", "TN", "wages")

	fixture := testapp.Seeded(f)
	app := testapp.New(f)
	defer app.Cleanup()
	app.Settings().RateLimits.Enabled = false // the fuzzer asks far more than 20 an hour
	handler := testapp.Handler(f, app)
	worker := fixture.IDs["w1"]
	headers := map[string]string{"Authorization": fixture.Tokens[testapp.Worker], "Content-Type": "application/json"}
	countQuestions := func(t *testing.T) int64 {
		n, err := app.CountRecords("questions", dbx.HashExp{"worker": worker})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}

	f.Fuzz(func(t *testing.T, clientID, text, lang, country, topic string) {
		body, err := json.Marshal(map[string]string{"client_id": clientID, "text": text, "lang": lang, "country": country, "topic": topic})
		if err != nil {
			t.Fatal(err)
		}
		before := countQuestions(t)
		ask := func() (int, string) {
			res := testapp.ServeBody(t, handler, "POST", "/api/collections/questions/records", string(body), headers)
			return res.StatusCode, testapp.ReadAll(t, res)
		}
		status, res := ask()
		switch status {
		case 400:
			if after := countQuestions(t); after != before {
				t.Fatalf("refused %s (%s) but %d questions were stored", body, res, after-before)
			}
			return
		case 200:
		default:
			t.Fatalf("POST %s = %d %s, want 200 or 400", body, status, res)
		}
		var out struct{ ID string }
		if err := json.Unmarshal([]byte(res), &out); err != nil || out.ID == "" {
			t.Fatalf("accepted %s without an id: %s", body, res)
		}
		q, err := app.FindRecordById("questions", out.ID)
		if err != nil {
			t.Fatalf("accepted %s, not stored: %v", body, err)
		}
		if country := q.GetString("country"); q.GetString("worker") != worker || strings.TrimSpace(q.GetString("text")) == "" ||
			(country != "" && !countryPattern.MatchString(country)) || !slices.Contains(cases.Strings(cases.Statuses), q.GetString("status")) {
			t.Fatalf("accepted %s stored as worker %q, text %q, country %q", body, q.GetString("worker"), q.GetString("text"), q.GetString("country"))
		}
		if status, again := ask(); status != 200 || !json.Valid([]byte(again)) {
			t.Fatalf("resend of %s = %d %s", body, status, again)
		} else if err := json.Unmarshal([]byte(again), &out); err != nil || out.ID != q.Id {
			t.Fatalf("resend of %s returned %s, want question %s", body, again, q.Id)
		}
	})
}
