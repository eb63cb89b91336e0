// Package testapp is what AMEM's tests share: one data directory seeded once
// per test binary with a record of each kind per role (and each role's auth
// token), apps cloned from it and bound as main binds them, a server on
// 127.0.0.1, and small helpers to make requests and wait.
//
// The binding comes from the test binary: each package's main_test.go (an
// external test file, which may import pb_hooks although pb_hooks imports
// the package) imports testapp/bound, which sets Bind to pb_hooks.Bind; so
// every test runs on the real wiring without an import cycle.
package testapp

import (
	"io/fs"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/filesystem"

	"amem/internal/i18n"
	"amem/internal/opus/opustest"
	"amem/internal/retention"
	_ "amem/pb_migrations" // the schema every test app starts from
)

// Fixture is a data directory seeded once with one record of each kind per
// role, and auth tokens for each role. Each test clones it (tests.NewTestApp
// copies the directory), so tests stay independent and fast.
type Fixture struct {
	Dir    string
	IDs    map[string]string // name → record id
	Tokens map[string]string // role → Authorization header value
}

var (
	fixtureOnce sync.Once
	theFixture  *Fixture
	fixtureErr  error
)

// Bind binds AMEM to a test app; the test binary sets it (see the package doc).
var Bind func(app core.App, content fs.FS) error

// Roles, as named in the access-model table.
const (
	Anonymous   = "anonymous"
	Worker      = "worker"                             // w1, who asked q1
	OtherWorker = "other worker"                       // w2, who asked q2
	Counsellor  = "counsellor"                         // cA of org A, to whom q1 is routed
	Coordinator = "coordinator"                        // coordA, coordinator of org A
	OtherOrg    = "counsellor of another organisation" // cB of org B
	Superuser   = "superuser"
)

// Seeded returns the shared fixture, seeding it on first use.
func Seeded(t testing.TB) *Fixture {
	fixtureOnce.Do(func() { theFixture, fixtureErr = seedFixture() })
	if fixtureErr != nil {
		t.Fatalf("seed fixture: %v", fixtureErr)
	}
	return theFixture
}

// New clones the fixture and binds AMEM to it, as main does.
func New(t testing.TB) *tests.TestApp {
	t.Helper()
	f := Seeded(t)
	app, err := tests.NewTestApp(f.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if Bind == nil {
		t.Fatal("testapp.Bind is not set: set it in an init of the package's external test file")
	}
	if err := Bind(app, nil); err != nil {
		t.Fatal(err)
	}
	return app
}

// Main runs a package's tests (call it from TestMain) and removes the
// fixture afterwards.
func Main(m *testing.M) {
	code := m.Run()
	if theFixture != nil {
		os.RemoveAll(theFixture.Dir)
	}
	os.Exit(code)
}

func seedFixture() (*Fixture, error) {
	empty, err := os.MkdirTemp("", "amem-fixture-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(empty)
	app, err := tests.NewTestApp(empty)
	if err != nil {
		return nil, err
	}
	f := &Fixture{Dir: app.DataDir(), IDs: map[string]string{}, Tokens: map[string]string{}}

	var firstErr error
	save := func(name, collection string, fields map[string]any) *core.Record {
		if firstErr != nil {
			return nil
		}
		c, err := app.FindCollectionByNameOrId(collection)
		if err != nil {
			firstErr = err
			return nil
		}
		r := core.NewRecord(c)
		for k, v := range fields {
			if k == "password" {
				r.SetPassword(v.(string))
				continue
			}
			r.Set(k, v)
		}
		if err := app.Save(r); err != nil {
			firstErr = err
			return nil
		}
		f.IDs[name] = r.Id
		return r
	}

	save("orgA", "organisations", map[string]any{"name": "Union A", "short": "UA", "kind": "union", "countries": []string{"TN"}, "active": true})
	save("orgB", "organisations", map[string]any{"name": "Union B", "short": "UB", "kind": "union", "countries": []string{"MA"}, "active": true})
	save("orgSpare", "organisations", map[string]any{"name": "Spare", "kind": "ngo", "countries": []string{"LY"}})
	countryOf := map[string]string{"orgA": "TN", "orgB": "MA"}
	counsellor := func(name, org string, coordinator bool) *core.Record {
		return save(name, "counsellors", map[string]any{
			"email": name + "@example.org", "password": "correct horse battery", "name": name,
			"organisation": f.IDs[org], "countries": []string{countryOf[org]}, "languages": []string{"ar", "fr"},
			"capacity": 10, "active": true, "coordinator": coordinator,
		})
	}
	cA := counsellor("cA", "orgA", false)
	coordA := counsellor("coordA", "orgA", true)
	cB := counsellor("cB", "orgB", false)
	counsellor("cSpare", "orgB", false)
	worker := func(name string) *core.Record {
		return save(name, "workers", map[string]any{"password": "random password 123", "lang": "ar", "country": "TN"})
	}
	w1 := worker("w1")
	w2 := worker("w2")
	worker("wSpare")

	save("q1", "questions", map[string]any{"worker": f.IDs["w1"], "client_id": "client-q1-0001", "text": "question one",
		"lang": "ar", "country": "TN", "status": "assigned", "organisation": f.IDs["orgA"], "counsellor": f.IDs["cA"]})
	save("q2", "questions", map[string]any{"worker": f.IDs["w2"], "client_id": "client-q2-0001", "text": "question two",
		"lang": "fr", "country": "MA", "status": "assigned", "organisation": f.IDs["orgB"], "counsellor": f.IDs["cB"]})
	save("m1", "messages", map[string]any{"question": f.IDs["q1"], "worker": f.IDs["w1"], "text": "worker follow-up"})
	save("m2", "messages", map[string]any{"question": f.IDs["q1"], "counsellor": f.IDs["cA"], "organisation": f.IDs["orgA"],
		"text": "internal note", "internal": true})
	save("m3", "messages", map[string]any{"question": f.IDs["q1"], "counsellor": f.IDs["cA"], "organisation": f.IDs["orgA"], "text": "the answer"})
	// Union B's own note and routing on q1, as if it had held the case before
	// handing it to Union A: they stay Union B's.
	save("m4", "messages", map[string]any{"question": f.IDs["q1"], "counsellor": f.IDs["cB"], "organisation": f.IDs["orgB"],
		"text": "union B's note", "internal": true})

	save("event1", "case_events", map[string]any{"question": f.IDs["q1"], "kind": "routed", "to_counsellor": f.IDs["cA"],
		"to_organisation": f.IDs["orgA"], "note": "assigned to cA"})
	save("event2", "case_events", map[string]any{"question": f.IDs["q1"], "kind": "routed", "to_counsellor": f.IDs["cB"],
		"to_organisation": f.IDs["orgB"], "note": "assigned to cB"})
	save("canned1", "canned_answers", map[string]any{"organisation": f.IDs["orgA"], "lang": "ar", "topic": "wages",
		"title": "Unpaid wages", "body": "You can ask for your wages in writing."})
	save("labelA", "labels", map[string]any{"organisation": f.IDs["orgA"], "name": "Wages claim", "colour": "orange"})
	save("labelB", "labels", map[string]any{"organisation": f.IDs["orgB"], "name": "Union B's label"})
	save("g1", "guides", map[string]any{"slug": "guide-one", "lang": "en", "title": "Guide one", "body": "# x", "html": "<p>x</p>",
		"phase": "pre_departure", "reviewed": "2026-11-30 00:00:00.000Z", "origin": "file"})
	// A recording of guide one (the fixture app is not bound: seconds and
	// bytes are given as the hook would measure them).
	recording := opustest.File(2*time.Second, "")
	if audio, err := filesystem.NewFileFromBytes(recording, "en.opus"); err != nil {
		firstErr = err
	} else {
		save("rec1", "guide_recordings", map[string]any{"slug": "guide-one", "lang": "en", "audio": audio, "seconds": 2,
			"bytes": len(recording), "reviewed": "2026-11-30 00:00:00.000Z", "origin": "file"})
	}
	save("contact1", "contacts", map[string]any{"key": "contact-one", "name": "Contact one", "kind": "union", "country": "TN",
		"source": "test", "verified": "2026-11-30 00:00:00.000Z"})
	save("agency1", "agencies", map[string]any{"name": "Agency one", "licence": "L-1", "country": "TN", "status": "licensed",
		"source": "test", "as_of": "2026-11-30 00:00:00.000Z"})
	save("agency2", "agencies", map[string]any{"name": "Agency two", "licence": "L-2", "country": "TN", "status": "licensed",
		"source": "test", "as_of": "2026-11-30 00:00:00.000Z"})
	// Reviews of agency one: w1's published, w2's waiting for moderation.
	save("review1", "agency_reviews", map[string]any{"worker": f.IDs["w1"], "agency": f.IDs["agency1"], "client_id": "client-review-1",
		"country": "TN", "fees_none": true, "contract": "yes", "treatment": 4, "comment": "Fair and clear", "status": "published"})
	save("review2", "agency_reviews", map[string]any{"worker": f.IDs["w2"], "agency": f.IDs["agency1"], "client_id": "client-review-2",
		"country": "TN", "fees_amount": 5000, "fees_currency": "TND", "contract": "no", "treatment": 1, "comment": "They kept my passport", "status": "pending"})
	save("alertPublished", "alerts", map[string]any{"title": "Published", "body": "b", "country": "TN", "lang": "ar",
		"organisation": f.IDs["orgA"], "published": true})
	save("alertDraft", "alerts", map[string]any{"title": "Draft", "body": "b", "country": "TN", "lang": "ar",
		"organisation": f.IDs["orgA"], "published": false})
	save("push1", "push_subscriptions", map[string]any{"endpoint": "https://127.0.0.1:9/push/fixture", "p256dh": "k", "auth": "a", "worker": f.IDs["w1"]})
	save("outbox1", "push_outbox", map[string]any{"subscription": f.IDs["push1"], "kind": "answer", "payload": map[string]any{"kind": "answer"}, "next_attempt": "2099-01-01 00:00:00.000Z"})
	save("tomb1", "tombstones", map[string]any{"collection": "guides", "record": "abcdefghijklmno", "rev": 1})
	f.IDs["settings1"] = retention.SettingsID // the one app_settings record, made by its migration
	su := save("su", core.CollectionNameSuperusers, map[string]any{"email": "root@example.org", "password": "superuser password"})
	if firstErr != nil {
		return nil, firstErr
	}

	for role, r := range map[string]*core.Record{Worker: w1, OtherWorker: w2, Counsellor: cA,
		Coordinator: coordA, OtherOrg: cB, Superuser: su} {
		token, err := r.NewAuthToken()
		if err != nil {
			return nil, err
		}
		f.Tokens[role] = token
	}
	// Close the database so that the directory can be cloned consistently.
	app.ResetBootstrapState()
	return f, nil
}

// Headers returns the request headers of a role.
func (f *Fixture) Headers(role string) map[string]string {
	if role == Anonymous {
		return nil
	}
	return map[string]string{"Authorization": f.Tokens[role]}
}

// Catalog is the shipped catalog of strings.
func Catalog(t testing.TB) *i18n.Catalog {
	t.Helper()
	catalog, err := i18n.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	return catalog
}

// Fill replaces {{name}} with the id of a fixture record.
func (f *Fixture) Fill(body string) string {
	for name, id := range f.IDs {
		body = strings.ReplaceAll(body, "{{"+name+"}}", id)
	}
	return body
}

// Record returns the fixture record called name.
func Record(t testing.TB, app core.App, collection, name string) *core.Record {
	t.Helper()
	r, err := app.FindRecordById(collection, Seeded(t).IDs[name])
	if err != nil {
		t.Fatal(err)
	}
	return r
}
