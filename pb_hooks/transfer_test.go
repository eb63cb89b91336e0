package pb_hooks

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"amem/internal/push"
	"amem/internal/push/pushtest"
)

func TestTransfers(t *testing.T) {
	f := getFixture(t)
	app := newTestApp(t)
	defer app.Cleanup()
	handler := serveHandler(t, app)
	as := func(role, method, url, body string) (int, string) {
		t.Helper()
		res := serveRequest(t, handler, method, url, f.fill(body),
			map[string]string{"Authorization": f.tokens[role], "Content-Type": "application/json", "Accept-Language": "fr"})
		return res.StatusCode, readAll(t, res)
	}
	q1 := func() *core.Record {
		q, _ := app.FindRecordById("questions", f.ids["q1"])
		return q
	}
	transfer := "/api/amem/questions/" + f.ids["q1"] + "/transfer"
	consent := "/api/amem/questions/" + f.ids["q1"] + "/consent"

	// Only the case's organisation can hand it over; others do not learn it exists.
	if status, _ := as(roleOtherOrg, "POST", transfer, `{"organisation":"{{orgB}}"}`); status != 404 {
		t.Fatalf("another organisation's counsellor: %d", status)
	}
	if status, _ := as(roleWorker, "POST", transfer, `{"organisation":"{{orgB}}"}`); status != 401 && status != 403 {
		t.Fatalf("a worker: %d", status)
	}
	if status, body := as(roleCounsellor, "POST", transfer, `{"organisation":"{{orgB}}","country":"MA"}`); status != 400 ||
		!strings.Contains(body, "Choisissez une seule destination") {
		t.Fatalf("two targets: %d %s", status, body)
	}
	if status, body := as(roleCounsellor, "POST", transfer, `{"country":"QA"}`); status != 400 || !strings.Contains(body, "Aucune organisation partenaire") {
		t.Fatalf("no partner: %d %s", status, body)
	}

	// To a colleague: at once.
	if status, body := as(roleCounsellor, "POST", transfer, `{"counsellor":"{{coordA}}","note":"She speaks Darija"}`); status != 200 {
		t.Fatalf("to a colleague: %d %s", status, body)
	}
	if q := q1(); q.GetString("counsellor") != f.ids["coordA"] || q.GetString("status") != "assigned" {
		t.Fatalf("after the hand-over: %v", q.FieldsData())
	}

	// To the partner union in Morocco, where the worker is going: the worker is asked first.
	q := q1()
	q.Set("destination", "MA")
	app.Save(q)
	if status, body := as(roleCoordinator, "POST", transfer, `{"country":"MA","note":"Follows the worker to Morocco"}`); status != 200 ||
		!strings.Contains(body, `"status":"awaiting_consent"`) {
		t.Fatalf("to another country: %d %s", status, body)
	}
	if q := q1(); q.GetString("organisation") != f.ids["orgA"] || q.GetString("pending_organisation") != f.ids["orgB"] {
		t.Fatalf("the case must stay until the worker consents: %v", q.FieldsData())
	}

	if status, _ := as(roleOtherOrg, "GET", "/api/collections/questions/records/"+f.ids["q1"], ""); status != 404 {
		t.Fatal("the receiving union must not see the case before the worker consents")
	}
	if status, _ := as(roleCoordinator, "POST", transfer, `{"counsellor":"{{cA}}"}`); status != 400 {
		t.Fatal("a second transfer while one waits for consent")
	}
	if status, _ := as(roleOtherWorker, "POST", consent, `{"accept":true}`); status != 404 {
		t.Fatal("only the worker who asked can consent")
	}

	// The worker accepts: the whole thread moves.
	if status, body := as(roleWorker, "POST", consent, `{"accept":true}`); status != 200 {
		t.Fatalf("consent: %d %s", status, body)
	}
	if q := q1(); q.GetString("organisation") != f.ids["orgB"] || q.GetString("counsellor") == "" || q.GetString("pending_organisation") != "" {
		t.Fatalf("after consent: %v", q.FieldsData())
	}
	status, body := as(roleOtherOrg, "GET", "/api/collections/messages/records?filter=question='"+f.ids["q1"]+"'", "")
	if status != 200 || !strings.Contains(body, "worker follow-up") || !strings.Contains(body, "the answer") {
		t.Fatalf("the receiving union sees the thread: %d %s", status, body)
	}
	if status, body := as(roleCounsellor, "GET", "/api/collections/questions/records/"+f.ids["q1"], ""); status != 404 {
		t.Fatalf("the first union no longer sees it: %d %s", status, body)
	}
	if status, _ := as(roleWorker, "POST", consent, `{"accept":true}`); status != 400 {
		t.Fatal("consent twice")
	}

	// The audit trail, in order.
	events, _ := app.FindRecordsByFilter("case_events", "question = {:q}", "created", 0, 0, map[string]any{"q": f.ids["q1"]})
	var kinds []string
	for _, ev := range events {
		kinds = append(kinds, ev.GetString("kind"))
	}
	if got := strings.Join(kinds, ","); got != "routed,transferred,consent_asked,consent_given,transferred" {
		t.Fatalf("audit trail = %s", got)
	}
}

func TestRefusedTransferKeepsTheCase(t *testing.T) {
	f := getFixture(t)
	app := newTestApp(t)
	defer app.Cleanup()
	handler := serveHandler(t, app)
	post := func(role, url, body string) int {
		res := serveRequest(t, handler, "POST", url, f.fill(body), map[string]string{"Authorization": f.tokens[role], "Content-Type": "application/json"})
		return res.StatusCode
	}
	if s := post(roleCounsellor, "/api/amem/questions/"+f.ids["q1"]+"/transfer", `{"organisation":"{{orgB}}"}`); s != 200 {
		t.Fatal(s)
	}
	if s := post(roleWorker, "/api/amem/questions/"+f.ids["q1"]+"/consent", `{"accept":false}`); s != 200 {
		t.Fatal(s)
	}
	q, _ := app.FindRecordById("questions", f.ids["q1"])
	if q.GetString("organisation") != f.ids["orgA"] || q.GetString("counsellor") != f.ids["cA"] || q.GetString("status") != "assigned" {
		t.Fatalf("after refusal: %v", q.FieldsData())
	}
	if _, err := app.FindFirstRecordByFilter("case_events", "question = {:q} && kind = 'consent_refused'", map[string]any{"q": q.Id}); err != nil {
		t.Fatal("refusal not in the audit trail")
	}
}

func TestWorkloadAndSignOutEverywhere(t *testing.T) {
	f := getFixture(t)
	app := newTestApp(t)
	defer app.Cleanup()
	handler := serveHandler(t, app)

	res := serveRequest(t, handler, "GET", "/api/amem/workload", "", map[string]string{"Authorization": f.tokens[roleCounsellor]})
	if res.StatusCode != http.StatusForbidden {
		t.Fatalf("workload as a counsellor = %d", res.StatusCode)
	}
	res = serveRequest(t, handler, "GET", "/api/amem/workload", "", map[string]string{"Authorization": f.tokens[roleCoordinator]})
	body := readAll(t, res)
	if res.StatusCode != 200 || !strings.Contains(body, `"counsellor":"`+f.ids["cA"]+`"`) || !strings.Contains(body, `"open":1`) ||
		strings.Contains(body, f.ids["cB"]) {
		t.Fatalf("workload = %d %s", res.StatusCode, body)
	}

	res = serveRequest(t, handler, "POST", "/api/amem/counsellors/signout-everywhere", "", map[string]string{"Authorization": f.tokens[roleCounsellor]})
	if res.StatusCode != http.StatusNoContent {
		t.Fatalf("sign out everywhere = %d", res.StatusCode)
	}
	res = serveRequest(t, handler, "GET", "/api/collections/questions/records/"+f.ids["q1"], "", map[string]string{"Authorization": f.tokens[roleCounsellor]})
	if res.StatusCode == 200 {
		t.Fatal("the old token still works")
	}
}

func TestCounsellorsSignInWithAOneTimeCode(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	handler := serveHandler(t, app)

	res := serveRequest(t, handler, "POST", "/api/collections/counsellors/auth-with-password",
		`{"identity":"cA@example.org","password":"correct horse battery"}`, map[string]string{"Content-Type": "application/json"})
	body := readAll(t, res)
	if res.StatusCode != 401 || !strings.Contains(body, "mfaId") {
		t.Fatalf("password alone = %d %s; want a second factor", res.StatusCode, body)
	}
	mfaID := between(body, `"mfaId":"`, `"`)

	res = serveRequest(t, handler, "POST", "/api/collections/counsellors/request-otp", `{"email":"cA@example.org"}`,
		map[string]string{"Content-Type": "application/json"})
	body = readAll(t, res)
	// PocketBase sends the code in the background (no timing oracle).
	if res.StatusCode != 200 || !eventually(func() bool { return app.TestMailer.TotalSend() == 1 }) {
		t.Fatalf("request-otp = %d %s, %d mails", res.StatusCode, body, app.TestMailer.TotalSend())
	}
	otpID := between(body, `"otpId":"`, `"`)
	last := app.TestMailer.LastMessage()
	mail := last.HTML
	code := between(mail, "<strong>", "</strong>")
	// In the counsellor's first language (cA answers in Arabic, then French).
	if last.Subject != "AMEM: رمز الدخول الخاص بك" || !strings.Contains(mail, `dir="rtl"`) || len(code) != 6 {
		t.Fatalf("sign-in code e-mail: %q %s", last.Subject, mail)
	}

	res = serveRequest(t, handler, "POST", "/api/collections/counsellors/auth-with-otp",
		`{"otpId":"`+otpID+`","password":"`+code+`","mfaId":"`+mfaID+`"}`, map[string]string{"Content-Type": "application/json"})
	body = readAll(t, res)
	if res.StatusCode != 200 || !strings.Contains(body, `"token"`) {
		t.Fatalf("with the code = %d %s", res.StatusCode, body)
	}
	// Deactivated counsellors cannot sign in at all.
	c, _ := app.FindAuthRecordByEmail("counsellors", "cB@example.org")
	c.Set("active", false)
	app.Save(c)
	res = serveRequest(t, handler, "POST", "/api/collections/counsellors/auth-with-password",
		`{"identity":"cB@example.org","password":"correct horse battery"}`, map[string]string{"Content-Type": "application/json"})
	if body := readAll(t, res); strings.Contains(body, "mfaId") || res.StatusCode < 400 {
		t.Fatalf("a deactivated counsellor = %d %s", res.StatusCode, body)
	}
}

func between(s, start, end string) string {
	_, after, ok := strings.Cut(s, start)
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(after, end)
	return v
}

// TestTransferAsksTheWorkerByPush: the worker's phone is told that their case
// waits for their consent, without a word of the question.
func TestTransferAsksTheWorkerByPush(t *testing.T) {
	app := newPushApp(t)
	defer app.Cleanup()
	handler := serveHandler(t, app)
	f := getFixture(t)
	service := pushtest.NewServer(t)
	sub := service.Subscribe()
	if status := subscribeThroughAPI(t, handler, f.tokens[roleWorker], sub, "ar"); status != http.StatusCreated {
		t.Fatalf("subscribe = %d", status)
	}
	res := serveRequest(t, handler, "POST", "/api/amem/questions/"+f.ids["q1"]+"/transfer", `{"organisation":"`+f.ids["orgB"]+`"}`,
		map[string]string{"Authorization": f.tokens[roleCounsellor], "Content-Type": "application/json"})
	if res.StatusCode != 200 {
		t.Fatalf("transfer = %d %s", res.StatusCode, readAll(t, res))
	}
	service.WaitForMessages(t, 1, 10*time.Second)
	got := service.MessagesTo(sub.Endpoint)
	if len(got) != 1 {
		t.Fatalf("%d notifications, want 1", len(got))
	}
	p := payloadOf(t, got[0].Payload)
	if p.Kind != push.KindTransfer || p.URL != "/#/questions/"+f.ids["q1"] || p.Title == "" {
		t.Fatalf("notification %+v", p)
	}
	if strings.Contains(string(got[0].Payload), "question one") {
		t.Fatal("the notification contains the question")
	}
}
