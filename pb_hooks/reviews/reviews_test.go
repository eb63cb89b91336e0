package reviews_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"amem/pb_hooks/reviews"
	"amem/pb_hooks/testapp"
)

const reviewsURL = "/api/collections/agency_reviews/records"

// reviewing is a test app with an HTTP handler and a way to send as a role.
type reviewing struct {
	f    *testapp.Fixture
	h    http.Handler
	send func(role, method, url, body string) (int, string)
}

func newReviewing(t *testing.T) (*reviewing, *testapp.Fixture, func() int) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	t.Cleanup(app.Cleanup)
	r := &reviewing{f: f, h: testapp.Handler(t, app)}
	r.send = func(role, method, url, body string) (int, string) {
		t.Helper()
		headers := f.Headers(role)
		headers["Content-Type"] = "application/json"
		res := testapp.ServeBody(t, r.h, method, url, f.Fill(body), headers)
		return res.StatusCode, testapp.ReadAll(t, res)
	}
	count := func() int {
		n, err := app.CountRecords(reviews.Collection)
		if err != nil {
			t.Fatal(err)
		}
		return int(n)
	}
	return r, f, count
}

// The outbox resends a review until it hears back: the second send gets the
// first review, and only one is stored.
func TestAResentReviewIsStoredOnce(t *testing.T) {
	r, _, count := newReviewing(t)
	before := count()
	body := `{"agency":"{{agency2}}","client_id":"outbox-review-1","contract":"partly","treatment":3,"fees_amount":2000,"fees_currency":"MAD"}`
	status, first := r.send(testapp.Worker, "POST", reviewsURL, body)
	if status != 200 {
		t.Fatalf("first send = %d %s", status, first)
	}
	status, second := r.send(testapp.Worker, "POST", reviewsURL, body)
	if status != 200 || idOf(t, second) != idOf(t, first) {
		t.Fatalf("the resend = %d %s, want the first review %s", status, second, idOf(t, first))
	}
	if got := count(); got != before+1 {
		t.Errorf("%d reviews stored, want %d", got, before+1)
	}
	if !strings.Contains(first, `"status":"pending"`) || !strings.Contains(first, `"country":"TN"`) {
		t.Errorf("a new review waits for moderation in the agency's country: %s", first)
	}
}

// One review per worker and agency: a second one is refused, in words.
func TestASecondReviewOfTheSameAgencyIsRefused(t *testing.T) {
	r, _, count := newReviewing(t)
	before := count()
	status, body := r.send(testapp.Worker, "POST", reviewsURL+"?lang=fr",
		`{"agency":"{{agency1}}","client_id":"another-review","contract":"yes","treatment":5}`)
	if status != 400 || !strings.Contains(body, `"amem_already_reviewed"`) || !strings.Contains(body, "déjà noté cette agence") {
		t.Errorf("a second review of agency one = %d %s", status, body)
	}
	if got := count(); got != before {
		t.Errorf("%d reviews stored, want %d", got, before)
	}
}

// Everyone reads a published comment: no way to reach a person in it.
func TestACommentWithContactDetailsIsRefused(t *testing.T) {
	r, _, count := newReviewing(t)
	before := count()
	for _, comment := range []string{
		"Call Samir on 0612 34 56 78",
		"اتصل بالرقم ٠٦١٢٣٤٥٦٧٨",
		"write to agent@example.com",
		"see www.jobs-abroad.ma",
		"https://wa.me/212612345678",
	} {
		body, _ := json.Marshal(map[string]any{"agency": r.f.IDs["agency2"], "client_id": "contact-review", "contract": "no", "treatment": 2, "comment": comment})
		status, res := r.send(testapp.Worker, "POST", reviewsURL+"?lang=ar", string(body))
		if status != 400 || !strings.Contains(res, `"amem_review_contact"`) || !strings.Contains(res, "رقم هاتف") {
			t.Errorf("comment %q = %d %s", comment, status, res)
		}
	}
	if got := count(); got != before {
		t.Errorf("%d reviews stored, want %d", got, before)
	}
}

func TestContainsContactLeavesFeesAndDatesAlone(t *testing.T) {
	for _, text := range []string{
		"They asked 25 000 MAD, then 3,500 more",
		"I left on 12/03/2026 and waited 40 days",
		"Mr. Karim was polite. The office is in Sfax.",
		"دفعت ٢٥٠٠٠ درهم",
	} {
		if reviews.ContainsContact(text) {
			t.Errorf("%q taken for contact details", text)
		}
	}
}

// A counsellor of a union covering the agency's country publishes a review:
// the server records who and when, and the counsellor cannot change what the
// worker said.
func TestACounsellorModeratesOnlyTheStatus(t *testing.T) {
	r, f, _ := newReviewing(t)
	status, body := r.send(testapp.Counsellor, "PATCH", reviewsURL+"/"+f.IDs["review2"], `{"status":"published","comment":"nicer words"}`)
	if status == 200 {
		t.Fatalf("a counsellor changed the comment: %s", body)
	}
	status, body = r.send(testapp.Counsellor, "PATCH", reviewsURL+"/"+f.IDs["review2"], `{"status":"published"}`)
	if status != 200 || !strings.Contains(body, `"moderated_by":"`+f.IDs["cA"]+`"`) || strings.Contains(body, `"moderated_at":""`) {
		t.Errorf("publishing = %d %s, want moderated_by cA and a moderated_at", status, body)
	}
}

func idOf(t *testing.T, body string) string {
	t.Helper()
	var r struct{ ID string }
	if err := json.Unmarshal([]byte(body), &r); err != nil || r.ID == "" {
		t.Fatalf("no id in %s", body)
	}
	return r.ID
}
