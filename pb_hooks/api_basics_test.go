package pb_hooks

import (
	"encoding/json"

	"amem/pb_hooks/library"
	"amem/pb_hooks/testapp"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

func TestI18nEndpoint(t *testing.T) {
	factory := func(t testing.TB) *tests.TestApp { return testapp.New(t) }
	scenarios := []tests.ApiScenario{
		{
			Name: "arabic is right-to-left with six plural forms", Method: http.MethodGet, URL: "/api/amem/i18n/ar",
			ExpectedStatus:  200,
			ExpectedContent: []string{`"lang":"ar"`, `"dir":"rtl"`, `"guides.count":{`, `"zero":`, `"two":`, `"few":`, `"many":`},
			TestAppFactory:  factory,
		},
		{
			Name: "french is left-to-right", Method: http.MethodGet, URL: "/api/amem/i18n/fr",
			ExpectedStatus: 200, ExpectedContent: []string{`"dir":"ltr"`, `"phase.on_arrival":"À l'arrivée"`},
			TestAppFactory: factory,
		},
		{
			Name: "unknown language", Method: http.MethodGet, URL: "/api/amem/i18n/xx",
			ExpectedStatus: 404, ExpectedContent: []string{`"status":404`}, TestAppFactory: factory,
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

// TestErrorsSpeakTheCallersLanguage: a refused request gets PocketBase's
// error shape with the message in the caller's language.
func TestErrorsSpeakTheCallersLanguage(t *testing.T) {
	f := testapp.Seeded(t)
	factory := func(t testing.TB) *tests.TestApp { return testapp.New(t) }
	worker := func(lang string) map[string]string {
		return map[string]string{"Authorization": f.Tokens[testapp.Worker], "Content-Type": "application/json", "Accept-Language": lang}
	}
	scenarios := []tests.ApiScenario{
		{
			Name: "arabic, a field too long", Method: http.MethodPost, URL: "/api/collections/questions/records",
			Body:           strings.NewReader(`{"client_id":"too-long-0001","lang":"ar","text":"` + strings.Repeat("x", 4001) + `"}`),
			Headers:        worker("ar-MA,ar;q=0.9"),
			ExpectedStatus: 400,
			ExpectedContent: []string{`"message":"هناك خطأ في طلبك. يرجى التحقق منه والمحاولة مرة أخرى."`,
				`"text":{"code":"validation_max_text_constraint","message":"هذا النص طويل جدًا."`},
			TestAppFactory: factory,
		},
		{
			Name: "french via ?lang=, a missing field", Method: http.MethodPost, URL: "/api/collections/questions/records?lang=fr",
			Body:            strings.NewReader(`{"client_id":"missing-lang-1","text":"Bonjour"}`),
			Headers:         worker("en"),
			ExpectedStatus:  400,
			ExpectedContent: []string{`"lang":{"code":"validation_required","message":"Ce champ ne peut pas être vide."`},
			TestAppFactory:  factory,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if n, _ := app.CountRecords("questions"); n != 2 {
					t.Errorf("a refused question changed the questions: %d", n)
				}
			},
		},
		{
			Name: "english not found", Method: http.MethodGet, URL: "/api/collections/questions/records/nonexistent12345",
			Headers:         map[string]string{"Authorization": f.Tokens[testapp.Worker]},
			ExpectedStatus:  404,
			ExpectedContent: []string{`"message":"We could not find what you asked for."`},
			TestAppFactory:  factory,
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

// TestResendingAQuestionNeverDuplicatesIt: the phone retries with the same
// client_id (after a timeout, offline, or a crash) and gets the first question.
func TestResendingAQuestionNeverDuplicatesIt(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)
	send := func(body string) *http.Response {
		return testapp.ServeBody(t, handler, http.MethodPost, "/api/collections/questions/records", body,
			map[string]string{"Authorization": f.Tokens[testapp.Worker], "Content-Type": "application/json"})
	}
	first := send(`{"client_id":"device-made-0042","text":"Is this fee legal?","lang":"ar","country":"TN"}`)
	firstBody := testapp.ReadAll(t, first)
	if first.StatusCode != 200 || !strings.Contains(firstBody, `"status":"assigned"`) || !strings.Contains(firstBody, `"worker":"`+f.IDs["w1"]+`"`) {
		t.Fatalf("first send = %d %s", first.StatusCode, firstBody)
	}
	second := send(`{"client_id":"device-made-0042","text":"Is this fee legal?","lang":"ar","country":"TN"}`)
	secondBody := testapp.ReadAll(t, second)
	if second.StatusCode != 200 || secondBody != firstBody {
		t.Fatalf("resend = %d %s, want the first question again: %s", second.StatusCode, secondBody, firstBody)
	}
	n, _ := app.CountRecords("questions", nil)
	if n != 3 { // q1, q2 and this one
		t.Fatalf("questions = %d, want 3", n)
	}
	// Another worker may use the same client_id: ids are per device.
	other := testapp.ServeBody(t, handler, http.MethodPost, "/api/collections/questions/records",
		`{"client_id":"device-made-0042","text":"Other","lang":"fr"}`,
		map[string]string{"Authorization": f.Tokens[testapp.OtherWorker], "Content-Type": "application/json"})
	if other.StatusCode != 200 || strings.Contains(testapp.ReadAll(t, other), "Is this fee legal?") {
		t.Fatal("another worker's question with the same client_id must be its own")
	}
}

// TestSyncedCollectionsGetRevisionsAndTombstones: every change gets the next
// revision; a deletion leaves a tombstone with its own.
func TestSyncedCollectionsGetRevisionsAndTombstones(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()

	start, err := library.CurrentRevision(app)
	if err != nil {
		t.Fatal(err)
	}
	guide, _ := app.FindRecordById("guides", f.IDs["g1"])
	guide.Set("title", "Changed")
	if err := app.Save(guide); err != nil {
		t.Fatal(err)
	}
	if guide.GetInt("rev") != int(start)+1 {
		t.Fatalf("updated guide rev = %d, want %d", guide.GetInt("rev"), start+1)
	}
	contact, _ := app.FindRecordById("contacts", f.IDs["contact1"])
	if err := app.Delete(contact); err != nil {
		t.Fatal(err)
	}
	tomb, err := app.FindFirstRecordByData("tombstones", "record", contact.Id)
	if err != nil {
		t.Fatal("no tombstone for the deleted contact")
	}
	if tomb.GetString("collection") != "contacts" || tomb.GetInt("rev") != int(start)+2 {
		t.Fatalf("tombstone %v", tomb.FieldsData())
	}
	// Other collections are not numbered.
	q, _ := app.FindRecordById("questions", f.IDs["q1"])
	q.Set("text", "x")
	app.Save(q)
	if now, _ := library.CurrentRevision(app); now != start+2 {
		t.Fatalf("revision moved to %d on a question change", now)
	}
	_ = core.FieldNameId
}

// TestResendingAMessageNeverDuplicatesIt: a follow-up resent with the same
// client_id (after a lost reply or a crash) is the same message.
func TestResendingAMessageNeverDuplicatesIt(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)
	send := func(role, body string) (int, string) {
		res := testapp.ServeBody(t, handler, "POST", "/api/collections/messages/records", f.Fill(body),
			map[string]string{"Authorization": f.Tokens[role], "Content-Type": "application/json"})
		return res.StatusCode, testapp.ReadAll(t, res)
	}
	body := `{"question":"{{q1}}","text":"I forgot: the contract is in Arabic","client_id":"phone-made-msg-01"}`
	s1, b1 := send(testapp.Worker, body)
	s2, b2 := send(testapp.Worker, body)
	if s1 != 200 || s2 != 200 || b1 != b2 {
		t.Fatalf("resend = %d %s / %d %s", s1, b1, s2, b2)
	}
	if n, _ := app.CountRecords("messages", dbx.HashExp{"client_id": "phone-made-msg-01"}); n != 1 {
		t.Fatalf("%d copies", n)
	}
	// Another worker cannot use someone else's client_id to read their message.
	if s, b := send(testapp.OtherWorker, body); s != 400 || strings.Contains(b, "contract is in Arabic") {
		t.Fatalf("another worker = %d %s", s, b)
	}
}

func TestRoutingNoteIsForCounsellors(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	q, _ := app.FindRecordById("questions", f.IDs["q1"])
	q.Set("routing_note", "assigned to cA (load 3/10)")
	app.Save(q)
	handler := testapp.Handler(t, app)
	get := func(role string) string {
		return testapp.ReadAll(t, testapp.ServeBody(t, handler, "GET", "/api/collections/questions/records/"+f.IDs["q1"], "", f.Headers(role)))
	}
	if body := get(testapp.Worker); strings.Contains(body, "routing_note") || strings.Contains(body, "load 3/10") {
		t.Errorf("the worker sees the routing note: %s", body)
	}
	if body := get(testapp.Counsellor); !strings.Contains(body, "load 3/10") {
		t.Errorf("the counsellor does not: %s", body)
	}
}

// TestInvisibleCharactersAreNeutralised: a question or a message with a
// right-to-left override (which shows a phone number reversed), a NUL or a
// zero-width space is stored without them, whoever writes it.
func TestInvisibleCharactersAreNeutralised(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)
	for _, tc := range []struct{ role, path, body string }{
		{testapp.Worker, "/api/collections/questions/records", `{"client_id":"bidi-0001","text":"call \u202e0617 555\u202c now\u0000 pa\u200bssport","lang":"ar","country":"TN"}`},
		{testapp.Counsellor, "/api/collections/messages/records", `{"question":"{{q1}}","client_id":"bidi-0002","text":"call \u202e0617 555\u202c now\u0000 pa\u200bssport"}`},
	} {
		headers := f.Headers(tc.role)
		headers["Content-Type"] = "application/json"
		res := testapp.ServeBody(t, handler, http.MethodPost, tc.path, f.Fill(tc.body), headers)
		body := testapp.ReadAll(t, res)
		if res.StatusCode != 200 {
			t.Fatalf("%s: %d %s", tc.role, res.StatusCode, body)
		}
		var got struct{ ID, Text string }
		json.Unmarshal([]byte(body), &got)
		collection := strings.Split(tc.path, "/")[3]
		stored, err := app.FindRecordById(collection, got.ID)
		if err != nil {
			t.Fatal(err)
		}
		if s := stored.GetString("text"); s != "call 0617 555 now passport" {
			t.Errorf("%s stored %q", collection, s)
		}
	}
}
