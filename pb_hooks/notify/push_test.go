package notify

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"amem/internal/push"
	"amem/internal/push/pushtest"
	"amem/pb_hooks/testapp"
)

// fastDispatch keeps the dispatcher's waits short in tests.
var fastDispatch = dispatchSettings{
	batch: 100, concurrency: 4, maxAttempts: 3,
	lease: time.Hour, retryBase: time.Minute, retryMax: time.Hour, poll: 50 * time.Millisecond,
	sendTries: 2, sendBaseDelay: time.Millisecond, sendMaxDelay: time.Second,
}

// newPushApp is newTestApp with push bound (whether or not Bind does it
// already), fast dispatch settings, and push endpoints allowed on 127.0.0.1.
func newPushApp(t *testing.T) *tests.TestApp {
	t.Helper()
	t.Setenv(push.AllowLoopbackEnv, "1")
	return withPush(t, testapp.New(t))
}

func withPush(t *testing.T, app *tests.TestApp) *tests.TestApp {
	t.Helper()
	pushServiceOf(app).settings = fastDispatch
	return app
}

// subscribeThroughAPI posts the fake service's subscription as the phone
// does, with an auth token, and returns the status.
func subscribeThroughAPI(t *testing.T, handler http.Handler, token string, sub pushtest.Subscription, lang string) int {
	t.Helper()
	res := testapp.ServeBody(t, handler, "POST", "/api/amem/push/subscriptions",
		`{"endpoint":"`+sub.Endpoint+`","keys":{"p256dh":"`+sub.Keys.P256dh+`","auth":"`+sub.Keys.Auth+`"},"lang":"`+lang+`"}`,
		map[string]string{"Authorization": token, "Content-Type": "application/json"})
	return res.StatusCode
}

// subscribedWorker is a push app whose worker w1 subscribed, through the API,
// to the local fake push service in lang.
func subscribedWorker(t *testing.T, lang string) (*tests.TestApp, http.Handler, *pushtest.Server, pushtest.Subscription) {
	t.Helper()
	app := newPushApp(t)
	t.Cleanup(app.Cleanup)
	handler := testapp.Handler(t, app)
	service := pushtest.NewServer(t)
	sub := service.Subscribe()
	if status := subscribeThroughAPI(t, handler, testapp.Seeded(t).Tokens[testapp.Worker], sub, lang); status != http.StatusCreated {
		t.Fatalf("subscribe = %d", status)
	}
	return app, handler, service, sub
}

// addSubscription stores a subscription of the fake push service for owner.
func addSubscription(t *testing.T, app core.App, owner *core.Record, lang string, countries []string, sub pushtest.Subscription) *core.Record {
	t.Helper()
	c, err := app.FindCollectionByNameOrId("push_subscriptions")
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(c)
	r.Set("endpoint", sub.Endpoint)
	r.Set("p256dh", sub.Keys.P256dh)
	r.Set("auth", sub.Keys.Auth)
	r.Set(ownerField(owner), owner.Id)
	r.Set("lang", lang)
	if countries != nil {
		r.Set("countries", countries)
	}
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	return r
}

// drain runs dispatcher rounds, in the test's goroutine, until nothing is due.
func drain(t *testing.T, app core.App) {
	t.Helper()
	svc := pushServiceOf(app)
	if svc.keys == nil {
		keys, err := push.OpenKeyStore(app.DataDir())
		if err != nil {
			t.Fatal(err)
		}
		svc.keys = keys
	}
	d := newDispatcher(app, svc)
	for range 50 {
		n, err := d.round(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
	t.Fatal("the outbox never emptied")
}

func TestPushKeyIsMadeOnFirstServe(t *testing.T) {
	app := newPushApp(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)

	res := testapp.Serve(t, handler, "GET", "/api/amem/push/key", nil)
	var body struct{ PublicKey string }
	if err := json.Unmarshal([]byte(testapp.ReadAll(t, res)), &body); err != nil || res.StatusCode != 200 {
		t.Fatalf("GET /api/amem/push/key = %d (%v)", res.StatusCode, err)
	}
	keys, err := push.LoadKeys(app.DataDir())
	if err != nil {
		t.Fatal(err)
	}
	if body.PublicKey != keys.PublicKey || strings.ContainsAny(body.PublicKey, "+/=") || len(body.PublicKey) != 87 {
		t.Errorf("publicKey %q, want the URL-safe unpadded key of vapid.json", body.PublicKey)
	}
	if got := res.Header.Get("Cache-Control"); got != "no-cache" {
		t.Errorf("Cache-Control %q", got)
	}
	info, err := os.Stat(filepath.Join(app.DataDir(), push.KeyFileName))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("vapid.json: %v, mode %v; want 0600", err, info.Mode())
	}
}

func TestPushSubscriptionsEndpoint(t *testing.T) {
	t.Setenv(push.AllowLoopbackEnv, "1")
	f := testapp.Seeded(t)
	service := pushtest.NewServer(t)
	sub := service.Subscribe()
	body := func(endpoint, p256dh, auth, lang, extra string) string {
		return `{"endpoint":"` + endpoint + `","expirationTime":null,"keys":{"p256dh":"` + p256dh + `","auth":"` + auth + `"},"lang":"` + lang + `"` + extra + `}`
	}
	valid := body(sub.Endpoint, sub.Keys.P256dh, sub.Keys.Auth, "fr", "")
	headers := func(role string, more ...string) map[string]string {
		h := map[string]string{"Content-Type": "application/json"}
		for k, v := range f.Headers(role) {
			h[k] = v
		}
		for i := 0; i+1 < len(more); i += 2 {
			h[more[i]] = more[i+1]
		}
		return h
	}
	stored := func(owner string, countries string) func(testing.TB, *tests.TestApp, *http.Response) {
		return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			r, err := app.FindFirstRecordByData("push_subscriptions", "endpoint", sub.Endpoint)
			if owner == "" {
				if err == nil {
					t.Errorf("a subscription was stored: %v", r.FieldsData())
				}
				return
			}
			if err != nil {
				t.Fatal("nothing stored")
			}
			field := "worker"
			if owner[0] == 'c' {
				field = "counsellor"
			}
			if got := r.GetString(field); got != f.IDs[owner] {
				t.Errorf("owner = %q, want %s", got, owner)
			}
			if got, _ := json.Marshal(r.Get("countries")); string(got) != countries {
				t.Errorf("countries = %s, want %s", got, countries)
			}
		}
	}
	factory := func(t testing.TB) *tests.TestApp { return withPush(t.(*testing.T), testapp.New(t)) }
	scenarios := []tests.ApiScenario{
		{Name: "anonymous", Method: "POST", URL: "/api/amem/push/subscriptions", Body: strings.NewReader(valid),
			Headers: headers(testapp.Anonymous), ExpectedStatus: 401, ExpectedContent: []string{`"status":401`}, AfterTestFunc: stored("", "")},
		{Name: "a worker, countries from the profile", Method: "POST", URL: "/api/amem/push/subscriptions", Body: strings.NewReader(valid),
			Headers: headers(testapp.Worker), ExpectedStatus: 201, ExpectedContent: []string{`"lang":"fr"`, `"countries":["TN"]`},
			AfterTestFunc: stored("w1", `["TN"]`)},
		{Name: "a counsellor, with countries", Method: "POST", URL: "/api/amem/push/subscriptions",
			Body:    strings.NewReader(body(sub.Endpoint, sub.Keys.P256dh, sub.Keys.Auth, "ar", `,"countries":["ma","tn","MA"]`)),
			Headers: headers(testapp.Counsellor), ExpectedStatus: 201, ExpectedContent: []string{`"countries":["MA","TN"]`},
			AfterTestFunc: stored("cA", `["MA","TN"]`)},
		{Name: "no keys", Method: "POST", URL: "/api/amem/push/subscriptions",
			Body:    strings.NewReader(`{"endpoint":"` + sub.Endpoint + `","lang":"fr"}`),
			Headers: headers(testapp.Worker, "Accept-Language", "fr"), ExpectedStatus: 400,
			ExpectedContent: []string{`"keys":{`, `"p256dh":{"code":"validation_required","message":"Ce champ ne peut pas être vide."}`, `"auth":{"code":"validation_required"`},
			AfterTestFunc:   stored("", "")},
		{Name: "a key that is not a P-256 point", Method: "POST", URL: "/api/amem/push/subscriptions",
			Body:    strings.NewReader(body(sub.Endpoint, "BAAAAA", sub.Keys.Auth, "fr", "")),
			Headers: headers(testapp.Worker, "Accept-Language", "ar"), ExpectedStatus: 400,
			ExpectedContent: []string{`"p256dh":{"code":"amem_push_key","message":"مفتاح الإشعارات هذا غير صالح`},
			AfterTestFunc:   stored("", "")},
		{Name: "an http endpoint", Method: "POST", URL: "/api/amem/push/subscriptions",
			Body:    strings.NewReader(body("http://push.example.org/x", sub.Keys.P256dh, sub.Keys.Auth, "fr", "")),
			Headers: headers(testapp.Worker, "Accept-Language", "fr"), ExpectedStatus: 400,
			ExpectedContent: []string{`"endpoint":{"code":"amem_push_endpoint","message":"Ce n'est pas l'adresse d'un service de notifications`,
				`"message":"Quelque chose ne va pas dans votre demande`},
			AfterTestFunc: stored("", "")},
		{Name: "a private address", Method: "POST", URL: "/api/amem/push/subscriptions?lang=en",
			Body:    strings.NewReader(body("https://192.168.1.20/push", sub.Keys.P256dh, sub.Keys.Auth, "fr", "")),
			Headers: headers(testapp.Counsellor), ExpectedStatus: 400, ExpectedContent: []string{`"code":"amem_push_endpoint"`, "not the address of a push service"},
		},
		{Name: "a language we do not have", Method: "POST", URL: "/api/amem/push/subscriptions",
			Body:    strings.NewReader(body(sub.Endpoint, sub.Keys.P256dh, sub.Keys.Auth, "de", "")),
			Headers: headers(testapp.Worker), ExpectedStatus: 400, ExpectedContent: []string{`"lang":{"code":"amem_unknown_language"`},
			AfterTestFunc: stored("", "")},
		{Name: "a country that is not a code", Method: "POST", URL: "/api/amem/push/subscriptions",
			Body:    strings.NewReader(body(sub.Endpoint, sub.Keys.P256dh, sub.Keys.Auth, "fr", `,"countries":["Tunisia"]`)),
			Headers: headers(testapp.Worker), ExpectedStatus: 400, ExpectedContent: []string{`"countries":{"code":"validation_invalid_value"`},
			AfterTestFunc: stored("", "")},
		{Name: "delete, anonymous", Method: "DELETE", URL: "/api/amem/push/subscriptions",
			Body: strings.NewReader(`{"endpoint":"` + sub.Endpoint + `"}`), Headers: headers(testapp.Anonymous), ExpectedStatus: 401,
			ExpectedContent: []string{`"status":401`}},
		{Name: "delete someone else's", Method: "DELETE", URL: "/api/amem/push/subscriptions",
			Body: strings.NewReader(`{"endpoint":"https://127.0.0.1:9/push/fixture"}`), Headers: headers(testapp.OtherWorker), ExpectedStatus: 404,
			ExpectedContent: []string{`"status":404`},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if _, err := app.FindRecordById("push_subscriptions", f.IDs["push1"]); err != nil {
					t.Error("another worker deleted w1's subscription")
				}
			}},
		{Name: "delete one's own", Method: "DELETE", URL: "/api/amem/push/subscriptions",
			Body: strings.NewReader(`{"endpoint":"https://127.0.0.1:9/push/fixture"}`), Headers: headers(testapp.Worker), ExpectedStatus: 204,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if _, err := app.FindRecordById("push_subscriptions", f.IDs["push1"]); err == nil {
					t.Error("the subscription is still there")
				}
			}},
		{Name: "delete with the endpoint in the query", Method: "DELETE",
			URL: "/api/amem/push/subscriptions?endpoint=https%3A%2F%2F127.0.0.1%3A9%2Fpush%2Ffixture", Headers: headers(testapp.Worker), ExpectedStatus: 204},
		{Name: "delete without an endpoint", Method: "DELETE", URL: "/api/amem/push/subscriptions",
			Headers: headers(testapp.Worker), ExpectedStatus: 400, ExpectedContent: []string{`"endpoint":{"code":"validation_required"`}},
	}
	for _, s := range scenarios {
		s.TestAppFactory = factory
		s.Test(t)
	}
}

// TestSubscribingAgainMovesTheEndpoint: a browser has one endpoint, whoever
// uses it; the last to subscribe owns it and nothing queued for the previous
// owner reaches the new one.
func TestSubscribingAgainMovesTheEndpoint(t *testing.T) {
	app := newPushApp(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)
	f := testapp.Seeded(t)
	service := pushtest.NewServer(t)
	sub := service.Subscribe()
	post := func(role, lang string) int {
		return subscribeThroughAPI(t, handler, f.Tokens[role], sub, lang)
	}
	if got := post(testapp.Worker, "ar"); got != http.StatusCreated {
		t.Fatalf("first subscribe = %d", got)
	}
	if got := post(testapp.Worker, "fr"); got != http.StatusOK {
		t.Fatalf("same worker again = %d, want 200", got)
	}
	pushServiceOf(app).stopDispatcher() // keep the queued notification queued
	if err := notifyRecipient(app, testapp.Record(t, app, "workers", "w1"), push.KindAnswer, notifyData{Question: f.IDs["q1"]}); err != nil {
		t.Fatal(err)
	}
	if got := post(testapp.OtherWorker, "en"); got != http.StatusOK {
		t.Fatalf("another worker on the same browser = %d, want 200", got)
	}
	r, err := app.FindFirstRecordByData("push_subscriptions", "endpoint", sub.Endpoint)
	if err != nil {
		t.Fatal(err)
	}
	if r.GetString("worker") != f.IDs["w2"] || r.GetString("lang") != "en" {
		t.Errorf("subscription now %v, want w2's in en", r.FieldsData())
	}
	for _, row := range testapp.Outbox(t, app) {
		if row.GetString("subscription") == r.Id {
			t.Error("a notification for w1 is still queued for the browser w2 now uses")
		}
	}
	if n, _ := app.CountRecords("push_subscriptions"); n != 2 { // push1 of the fixture and this one
		t.Errorf("%d subscriptions, want 2", n)
	}
}

// TestSubscriptionsPerAccountAreBounded: one account cannot make the server
// post to more than a few browsers.
func TestSubscriptionsPerAccountAreBounded(t *testing.T) {
	app := newPushApp(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)
	f := testapp.Seeded(t)
	service := pushtest.NewServer(t)
	var last pushtest.Subscription
	for range maxSubscriptionsPerOwner + 3 {
		last = service.Subscribe()
		if status := subscribeThroughAPI(t, handler, f.Tokens[testapp.OtherWorker], last, "ar"); status != http.StatusCreated {
			t.Fatalf("subscribe = %d", status)
		}
	}
	subs, err := app.FindAllRecords("push_subscriptions", dbx.HashExp{"worker": f.IDs["w2"]})
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != maxSubscriptionsPerOwner {
		t.Errorf("%d subscriptions kept, want %d", len(subs), maxSubscriptionsPerOwner)
	}
	if _, err := app.FindFirstRecordByData("push_subscriptions", "endpoint", last.Endpoint); err != nil {
		t.Error("the newest subscription was dropped")
	}
}

// TestAnswerReachesTheWorker: a counsellor answers; the worker's phone gets,
// through a real Web Push exchange, a notification in the language it
// subscribed in, and nothing of what was asked or answered.
func TestAnswerReachesTheWorker(t *testing.T) {
	app, handler, service, sub := subscribedWorker(t, "fr")
	f := testapp.Seeded(t)

	counsellor := map[string]string{"Authorization": f.Tokens[testapp.Counsellor], "Content-Type": "application/json"}
	for _, msg := range []string{
		`{"question":"` + f.IDs["q1"] + `","text":"Note interne : vérifier le contrat","internal":true}`,
		`{"question":"` + f.IDs["q1"] + `","text":"Votre employeur doit vous rendre votre passeport."}`,
	} {
		if res := testapp.ServeBody(t, handler, "POST", "/api/collections/messages/records", msg, counsellor); res.StatusCode != 200 {
			t.Fatalf("message = %d %s", res.StatusCode, testapp.ReadAll(t, res))
		}
	}
	got := service.WaitForMessages(t, 1, 10*time.Second)
	if !testapp.Eventually(func() bool { return len(testapp.Outbox(t, app)) == 0 }) {
		t.Fatal("the outbox did not empty")
	}
	if got = service.MessagesTo(sub.Endpoint); len(got) != 1 {
		t.Fatalf("%d notifications, want 1 (the internal note notifies nobody)", len(got))
	}
	m := got[0]
	p := testapp.PayloadOf(t, m.Payload)
	want := push.Payload{Kind: push.KindAnswer, Title: "Un conseiller a répondu à votre question",
		Body: "Ouvrez AMEM pour lire la réponse.", URL: "/#/questions/" + f.IDs["q1"], Tag: "question-" + f.IDs["q1"]}
	if p != want {
		t.Errorf("notification %+v, want %+v", p, want)
	}
	for _, secret := range []string{"question one", "passeport", "interne", f.IDs["w1"]} {
		if strings.Contains(string(m.Payload), secret) {
			t.Errorf("the notification contains %q: %s", secret, m.Payload)
		}
	}
	if m.TTL != 86400 || m.Urgency != "high" {
		t.Errorf("TTL %d Urgency %q, want a day and high", m.TTL, m.Urgency)
	}
	if v := service.Violations(); len(v) > 0 {
		t.Errorf("protocol violations: %v", v)
	}
}

func TestAssignmentNotifiesTheNewCounsellor(t *testing.T) {
	app := newPushApp(t)
	defer app.Cleanup()
	f := testapp.Seeded(t)
	service := pushtest.NewServer(t)
	coordA := testapp.Record(t, app, "counsellors", "coordA")
	sub := service.Subscribe()
	addSubscription(t, app, coordA, "ar", nil, sub)

	q := testapp.Record(t, app, "questions", "q1")
	q.Set("counsellor", coordA.Id)
	if err := app.Save(q); err != nil {
		t.Fatal(err)
	}
	q.Set("status", "answered") // same counsellor: no new notification
	if err := app.Save(q); err != nil {
		t.Fatal(err)
	}
	drain(t, app)
	got := service.MessagesTo(sub.Endpoint)
	if len(got) != 1 {
		t.Fatalf("%d notifications, want 1", len(got))
	}
	p := testapp.PayloadOf(t, got[0].Payload)
	if p.Kind != push.KindAssignment || p.Title != "أُسند إليك سؤال جديد" || p.URL != "/inbox/#/questions/"+f.IDs["q1"] {
		t.Errorf("notification %+v", p)
	}
	if got[0].TTL != 4*3600 || got[0].Urgency != "high" {
		t.Errorf("TTL %d Urgency %q", got[0].TTL, got[0].Urgency)
	}
}

func TestPublishedAlertNotifiesItsFollowers(t *testing.T) {
	app := newPushApp(t)
	defer app.Cleanup()
	f := testapp.Seeded(t)
	service := pushtest.NewServer(t)
	w2 := testapp.Record(t, app, "workers", "w2")
	follower := service.Subscribe()
	addSubscription(t, app, w2, "ar", []string{"MA", "TN"}, follower)
	for _, other := range []struct {
		lang      string
		countries []string
	}{{"fr", []string{"TN"}}, {"ar", []string{"MA"}}, {"ar", nil}, {"ar", []string{}}} {
		addSubscription(t, app, w2, other.lang, other.countries, service.Subscribe())
	}

	alerts, _ := app.FindCollectionByNameOrId("alerts")
	newAlert := func(title string, published bool, expires string) *core.Record {
		a := core.NewRecord(alerts)
		a.Set("title", title)
		a.Set("body", "…")
		a.Set("country", "TN")
		a.Set("lang", "ar")
		a.Set("organisation", f.IDs["orgA"])
		a.Set("published", published)
		a.Set("expires", expires)
		if err := app.Save(a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	newAlert("وكالة توظيف مزيفة", true, "")                   // → notified
	draft := newAlert("مسودة", false, "")                     // not yet
	newAlert("تنبيه منتهٍ", true, "2020-01-01 00:00:00.000Z") // expired: never
	draft.Set("published", true)                              // → notified
	if err := app.Save(draft); err != nil {
		t.Fatal(err)
	}
	draft.Set("body", "تصحيح") // edited while published: not again
	if err := app.Save(draft); err != nil {
		t.Fatal(err)
	}
	drain(t, app)

	all := service.Messages()
	if len(all) != 2 {
		t.Fatalf("%d notifications, want 2 (to the one follower of TN in Arabic)", len(all))
	}
	titles := map[string]bool{}
	for _, m := range all {
		p := testapp.PayloadOf(t, m.Payload)
		titles[p.Title] = true
		if m.Endpoint != follower.Endpoint || p.Kind != push.KindAlert || p.Body != "تنبيه بشأن تونس. افتح تطبيق AMEM لقراءته." {
			t.Errorf("notification %+v to the wrong place or in the wrong words", p)
		}
		if m.TTL != 3*86400 || m.Urgency != "normal" {
			t.Errorf("TTL %d Urgency %q", m.TTL, m.Urgency)
		}
	}
	if !titles["وكالة توظيف مزيفة"] || !titles["مسودة"] {
		t.Errorf("titles %v", titles)
	}
}

// TestDispatcherOutcomes: what happens to a queued notification and its
// subscription after each answer of the push service.
func TestDispatcherOutcomes(t *testing.T) {
	r := func(status int, retryAfter string) pushtest.Reply {
		return pushtest.Reply{Status: status, RetryAfter: retryAfter}
	}
	cases := []struct {
		name             string
		replies          []pushtest.Reply
		requests         int
		delivered        int
		subscriptionKept bool
		queued           bool          // still in the outbox, for later
		notBefore        time.Duration // …not before now + this
	}{
		{name: "accepted", requests: 1, delivered: 1, subscriptionKept: true},
		{name: "404: the subscription is deleted", replies: []pushtest.Reply{r(404, "")}, requests: 1},
		{name: "410: the subscription is deleted", replies: []pushtest.Reply{r(410, "")}, requests: 1},
		{name: "413: dropped", replies: []pushtest.Reply{r(413, "")}, requests: 1, subscriptionKept: true},
		{name: "429 then accepted", replies: []pushtest.Reply{r(429, "0")}, requests: 2, delivered: 1, subscriptionKept: true},
		{name: "500 then accepted", replies: []pushtest.Reply{r(500, "")}, requests: 2, delivered: 1, subscriptionKept: true},
		{name: "429 for an hour: rescheduled", replies: []pushtest.Reply{r(429, "3600")}, requests: 1, subscriptionKept: true,
			queued: true, notBefore: 59 * time.Minute},
		{name: "500 twice: rescheduled", replies: []pushtest.Reply{r(500, ""), r(503, "")}, requests: 2, subscriptionKept: true,
			queued: true, notBefore: fastDispatch.retryBase / 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			app := newPushApp(t)
			defer app.Cleanup()
			service := pushtest.NewServer(t)
			sub := service.Subscribe()
			stored := addSubscription(t, app, testapp.Record(t, app, "workers", "w2"), "en", nil, sub)
			service.Reply(sub.Endpoint, tc.replies...)
			if err := notifyRecipient(app, testapp.Record(t, app, "workers", "w2"), push.KindTransfer, notifyData{Question: "q"}); err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			drain(t, app)

			if got := service.Requests(sub.Endpoint); got != tc.requests {
				t.Errorf("%d requests, want %d", got, tc.requests)
			}
			if got := len(service.MessagesTo(sub.Endpoint)); got != tc.delivered {
				t.Errorf("%d delivered, want %d", got, tc.delivered)
			}
			if _, err := app.FindRecordById("push_subscriptions", stored.Id); (err == nil) != tc.subscriptionKept {
				t.Errorf("subscription kept = %v, want %v", err == nil, tc.subscriptionKept)
			}
			rows := testapp.Outbox(t, app)
			if (len(rows) == 1) != tc.queued || len(rows) > 1 {
				t.Fatalf("%d rows in the outbox, want queued=%v", len(rows), tc.queued)
			}
			if tc.queued {
				row := rows[0]
				if next := row.GetDateTime("next_attempt").Time(); next.Before(start.Add(tc.notBefore)) {
					t.Errorf("next attempt at %v, want after %v", next, start.Add(tc.notBefore))
				}
				if row.GetInt("attempts") != 1 || !strings.Contains(row.GetString("last_error"), "answered") ||
					strings.Contains(row.GetString("last_error"), sub.Endpoint) {
					t.Errorf("row %v", row.FieldsData())
				}
			}
			if v := service.Violations(); len(v) > 0 {
				t.Errorf("protocol violations: %v", v)
			}
		})
	}
}

func TestDispatcherGivesUp(t *testing.T) {
	app := newPushApp(t)
	defer app.Cleanup()
	settings := fastDispatch
	settings.sendTries, settings.retryBase, settings.retryMax = 1, 0, 0 // every round at once
	pushServiceOf(app).settings = settings
	service := pushtest.NewServer(t)
	sub := service.Subscribe()
	w2 := testapp.Record(t, app, "workers", "w2")
	stored := addSubscription(t, app, w2, "en", nil, sub)
	for range 10 {
		service.Reply(sub.Endpoint, pushtest.Reply{Status: 500})
	}
	if err := notifyRecipient(app, w2, push.KindTransfer, notifyData{Question: "q"}); err != nil {
		t.Fatal(err)
	}
	drain(t, app)
	if got := service.Requests(sub.Endpoint); got != settings.maxAttempts {
		t.Errorf("%d requests, want %d (one per round)", got, settings.maxAttempts)
	}
	if rows := testapp.Outbox(t, app); len(rows) != 0 {
		t.Errorf("%d rows left after giving up", len(rows))
	}
	if _, err := app.FindRecordById("push_subscriptions", stored.Id); err != nil {
		t.Error("giving up on a message must keep the subscription")
	}
}

// TestNotificationsSurviveARestart: queued while the dispatcher is not
// running, the notification is sent by the next server on the same data,
// exactly once.
func TestNotificationsSurviveARestart(t *testing.T) {
	service := pushtest.NewServer(t)
	first := newPushApp(t)
	defer first.Cleanup()
	sub := service.Subscribe()
	w2 := testapp.Record(t, first, "workers", "w2")
	addSubscription(t, first, w2, "en", nil, sub)
	if err := notifyRecipient(first, w2, push.KindTransfer, notifyData{Question: "q"}); err != nil {
		t.Fatal(err)
	}
	first.ResetBootstrapState() // the server stops before sending

	second := restart(t, first)
	defer second.Cleanup()
	testapp.Handler(t, second) // the dispatcher starts with the server
	service.WaitForMessages(t, 1, 10*time.Second)
	if !testapp.Eventually(func() bool { return len(testapp.Outbox(t, second)) == 0 }) {
		t.Fatal("the outbox did not empty")
	}
	drain(t, second)
	if got := len(service.MessagesTo(sub.Endpoint)); got != 1 {
		t.Errorf("%d notifications, want exactly 1", got)
	}
}

// TestStoppingMidSendKeepsTheNotification: the server stops while a push
// service has not answered yet; the next server sends the notification, once.
func TestStoppingMidSendKeepsTheNotification(t *testing.T) {
	service := pushtest.NewServer(t)
	first := newPushApp(t)
	defer first.Cleanup()
	sub := service.Subscribe()
	w2 := testapp.Record(t, first, "workers", "w2")
	addSubscription(t, first, w2, "en", nil, sub)
	gate := service.Hold(sub.Endpoint)
	testapp.Handler(t, first)
	if err := notifyRecipient(first, w2, push.KindTransfer, notifyData{Question: "q"}); err != nil {
		t.Fatal(err)
	}
	testapp.Wait(t, gate.Arrived(), "the send to reach the push service")
	pushServiceOf(first).stopDispatcher()
	testapp.Wait(t, gate.Abandoned(), "the push service to see the send abandoned")
	gate.Release()

	rows := testapp.Outbox(t, first)
	if len(rows) != 1 || rows[0].GetInt("attempts") != 0 || rows[0].GetDateTime("next_attempt").Time().After(time.Now()) {
		t.Fatalf("outbox after the stop: %d rows %v; want the message back, due now", len(rows), rows)
	}
	first.ResetBootstrapState()

	second := restart(t, first)
	defer second.Cleanup()
	testapp.Handler(t, second)
	service.WaitForMessages(t, 1, 10*time.Second)
	if !testapp.Eventually(func() bool { return len(testapp.Outbox(t, second)) == 0 }) {
		t.Fatal("the outbox did not empty")
	}
	if got := len(service.MessagesTo(sub.Endpoint)); got != 1 {
		t.Errorf("%d notifications, want exactly 1", got)
	}
}

// restart starts a new app on a copy of a stopped app's data, as a server
// restarting on the same data directory.
func restart(t *testing.T, stopped *tests.TestApp) *tests.TestApp {
	t.Helper()
	app, err := tests.NewTestApp(stopped.DataDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := testapp.Bind(app, nil); err != nil {
		t.Fatal(err)
	}
	return withPush(t, app)
}

func TestRotateKeys(t *testing.T) {
	app := newPushApp(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)
	before := testapp.Serve(t, handler, "GET", "/api/amem/push/key", nil)
	oldKey := testapp.ReadAll(t, before)
	service := pushtest.NewServer(t)
	w2 := testapp.Record(t, app, "workers", "w2")
	addSubscription(t, app, w2, "en", nil, service.Subscribe())
	pushServiceOf(app).stopDispatcher()
	if err := notifyRecipient(app, w2, push.KindTransfer, notifyData{Question: "q"}); err != nil {
		t.Fatal(err)
	}

	n, err := RotateKeys(app)
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("deleted %d subscriptions, want 2 (the fixture's and this test's)", n)
	}
	for _, c := range []string{"push_subscriptions", "push_outbox"} {
		if n, _ := app.CountRecords(c); n != 0 {
			t.Errorf("%d %s left", n, c)
		}
	}
	after := testapp.ReadAll(t, testapp.Serve(t, handler, "GET", "/api/amem/push/key", nil))
	keys, _ := push.LoadKeys(app.DataDir())
	if after == oldKey || !strings.Contains(after, keys.PublicKey) {
		t.Errorf("the running server serves %s, want the new key %s", after, keys.PublicKey)
	}
}

// TestNotificationTexts: each kind in each language, plurals included, and
// never more than a pointer to the question.
func TestNotificationTexts(t *testing.T) {
	app := newPushApp(t)
	defer app.Cleanup()
	svc := pushServiceOf(app)
	cases := []struct {
		lang  string
		kind  push.Kind
		data  notifyData
		title string
		url   string
	}{
		{"en", push.KindAnswer, notifyData{Question: "q1"}, "A counsellor answered your question", "/#/questions/q1"},
		{"ar", push.KindTransfer, notifyData{Question: "q1"}, "يجري تحويل سؤالك", "/#/questions/q1"},
		{"fr", push.KindAssignment, notifyData{Question: "q1"}, "Une nouvelle question vous a été attribuée", "/inbox/#/questions/q1"},
		{"en", push.KindOverdue, notifyData{Question: "q1"}, "A question is past its due time", "/inbox/#/questions/q1"},
		{"en", push.KindOverdue, notifyData{Count: 4}, "4 questions are past their due time", "/inbox/"},
		{"fr", push.KindOverdue, notifyData{Count: 1}, "Une question a dépassé son délai", "/inbox/"},
		{"ar", push.KindOverdue, notifyData{Count: 2}, "سؤالان تجاوزا موعدهما", "/inbox/"},
		{"ar", push.KindOverdue, notifyData{Count: 3}, "3 أسئلة تجاوزت موعدها", "/inbox/"},
		{"ar", push.KindOverdue, notifyData{Count: 11}, "11 سؤالًا تجاوز موعده", "/inbox/"},
		{"ar", push.KindOverdue, notifyData{Count: 100}, "100 سؤال تجاوز موعده", "/inbox/"},
	}
	for _, tc := range cases {
		p := svc.render(tc.lang, tc.kind, tc.data)
		if p.Kind != tc.kind || p.Title != tc.title || p.URL != tc.url || p.Body == "" || strings.HasPrefix(p.Body, "push.") {
			t.Errorf("%s %s %+v = %+v, want title %q url %q", tc.lang, tc.kind, tc.data, p, tc.title, tc.url)
		}
	}

	alerts, _ := app.FindCollectionByNameOrId("alerts")
	alert := core.NewRecord(alerts)
	alert.Id = "alertid"
	alert.Set("title", "Faux recruteur à Sfax")
	alert.Set("country", "ZZ") // no name in the catalog: the code
	p := svc.renderAlert("fr", alert)
	if p.Title != "Faux recruteur à Sfax" || p.Body != "Alerte – ZZ. Ouvrez AMEM pour la lire." || p.URL != "/#/alerts/alertid" {
		t.Errorf("alert %+v", p)
	}
}

// TestErasingAWorkerErasesTheirNotifications: subscriptions and what is
// queued for them go with the worker.
func TestErasingAWorkerErasesTheirNotifications(t *testing.T) {
	app := newPushApp(t)
	defer app.Cleanup()
	service := pushtest.NewServer(t)
	w2 := testapp.Record(t, app, "workers", "w2")
	addSubscription(t, app, w2, "ar", nil, service.Subscribe())
	if err := notifyRecipient(app, w2, push.KindTransfer, notifyData{Question: "q"}); err != nil {
		t.Fatal(err)
	}
	if len(testapp.Outbox(t, app)) != 1 {
		t.Fatal("nothing queued")
	}
	if err := app.Delete(w2); err != nil {
		t.Fatal(err)
	}
	if rows := testapp.Outbox(t, app); len(rows) != 0 {
		t.Errorf("%d notifications left for an erased worker", len(rows))
	}
	if subs, _ := app.FindAllRecords("push_subscriptions", dbx.HashExp{"worker": w2.Id}); len(subs) != 0 {
		t.Errorf("%d subscriptions left", len(subs))
	}
}

func TestNotifyRefusesWhatItCannotSend(t *testing.T) {
	app := newPushApp(t)
	defer app.Cleanup()
	cases := []struct {
		name      string
		recipient *core.Record
		kind      push.Kind
	}{
		{"a question as recipient", testapp.Record(t, app, "questions", "q1"), push.KindAnswer},
		{"an alert through notifyRecipient", testapp.Record(t, app, "workers", "w1"), push.KindAlert},
		{"an unknown kind", testapp.Record(t, app, "workers", "w1"), "gossip"},
		{"no recipient", nil, push.KindAnswer},
	}
	for _, tc := range cases {
		if err := notifyRecipient(app, tc.recipient, tc.kind, notifyData{}); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
	if rows := testapp.Outbox(t, app); len(rows) != 0 {
		t.Errorf("%d rows queued", len(rows))
	}
}

// TestTransferAsksTheWorkerByPush: the worker's phone is told that their case
// waits for their consent, without a word of the question.
func TestTransferAsksTheWorkerByPush(t *testing.T) {
	_, handler, service, sub := subscribedWorker(t, "ar")
	f := testapp.Seeded(t)
	res := testapp.ServeBody(t, handler, "POST", "/api/amem/questions/"+f.IDs["q1"]+"/transfer", `{"organisation":"`+f.IDs["orgB"]+`"}`,
		map[string]string{"Authorization": f.Tokens[testapp.Counsellor], "Content-Type": "application/json"})
	if res.StatusCode != 200 {
		t.Fatalf("transfer = %d %s", res.StatusCode, testapp.ReadAll(t, res))
	}
	service.WaitForMessages(t, 1, 10*time.Second)
	got := service.MessagesTo(sub.Endpoint)
	if len(got) != 1 {
		t.Fatalf("%d notifications, want 1", len(got))
	}
	p := testapp.PayloadOf(t, got[0].Payload)
	if p.Kind != push.KindTransfer || p.URL != "/#/questions/"+f.IDs["q1"] || p.Title == "" {
		t.Fatalf("notification %+v", p)
	}
	if strings.Contains(string(got[0].Payload), "question one") {
		t.Fatal("the notification contains the question")
	}
}
