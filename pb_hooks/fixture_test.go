package pb_hooks

import (
	"os"
	"sync"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"amem/internal/i18n"
	"amem/locales"
	_ "amem/pb_migrations"
)

// fixture is a data directory seeded once with one record of each kind per
// role, and auth tokens for each role. Each test clones it (tests.NewTestApp
// copies the directory), so tests stay independent and fast.
type fixture struct {
	dir    string
	ids    map[string]string // name → record id
	tokens map[string]string // role → Authorization header value
}

var (
	fixtureOnce sync.Once
	theFixture  *fixture
	fixtureErr  error
)

// Roles, as named in the access-model table.
const (
	roleAnonymous   = "anonymous"
	roleWorker      = "worker"                             // w1, who asked q1
	roleOtherWorker = "other worker"                       // w2, who asked q2
	roleCounsellor  = "counsellor"                         // cA of org A, to whom q1 is routed
	roleCoordinator = "coordinator"                        // coordA, coordinator of org A
	roleOtherOrg    = "counsellor of another organisation" // cB of org B
	roleSuperuser   = "superuser"
)

// getFixture seeds the shared fixture on first use.
func getFixture(t testing.TB) *fixture {
	fixtureOnce.Do(func() { theFixture, fixtureErr = seedFixture() })
	if fixtureErr != nil {
		t.Fatalf("seed fixture: %v", fixtureErr)
	}
	return theFixture
}

// newTestApp clones the fixture and binds AMEM to it, as main does.
func newTestApp(t testing.TB) *tests.TestApp {
	f := getFixture(t)
	app, err := tests.NewTestApp(f.dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := Bind(app, Config{}); err != nil {
		t.Fatal(err)
	}
	return app
}

func TestMain(m *testing.M) {
	code := m.Run()
	if theFixture != nil {
		os.RemoveAll(theFixture.dir)
	}
	os.Exit(code)
}

func seedFixture() (*fixture, error) {
	empty, err := os.MkdirTemp("", "amem-fixture-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(empty)
	app, err := tests.NewTestApp(empty)
	if err != nil {
		return nil, err
	}
	f := &fixture{dir: app.DataDir(), ids: map[string]string{}, tokens: map[string]string{}}

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
		f.ids[name] = r.Id
		return r
	}

	save("orgA", "organisations", map[string]any{"name": "Union A", "short": "UA", "kind": "union", "countries": []string{"TN"}, "active": true})
	save("orgB", "organisations", map[string]any{"name": "Union B", "short": "UB", "kind": "union", "countries": []string{"MA"}, "active": true})
	save("orgSpare", "organisations", map[string]any{"name": "Spare", "kind": "ngo", "countries": []string{"LY"}})
	countryOf := map[string]string{"orgA": "TN", "orgB": "MA"}
	counsellor := func(name, org string, coordinator bool) *core.Record {
		return save(name, "counsellors", map[string]any{
			"email": name + "@example.org", "password": "correct horse battery", "name": name,
			"organisation": f.ids[org], "countries": []string{countryOf[org]}, "languages": []string{"ar", "fr"},
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

	save("q1", "questions", map[string]any{"worker": f.ids["w1"], "client_id": "client-q1-0001", "text": "question one",
		"lang": "ar", "country": "TN", "status": "assigned", "organisation": f.ids["orgA"], "counsellor": f.ids["cA"]})
	save("q2", "questions", map[string]any{"worker": f.ids["w2"], "client_id": "client-q2-0001", "text": "question two",
		"lang": "fr", "country": "MA", "status": "assigned", "organisation": f.ids["orgB"], "counsellor": f.ids["cB"]})
	save("m1", "messages", map[string]any{"question": f.ids["q1"], "worker": f.ids["w1"], "text": "worker follow-up"})
	save("m2", "messages", map[string]any{"question": f.ids["q1"], "counsellor": f.ids["cA"], "text": "internal note", "internal": true})
	save("m3", "messages", map[string]any{"question": f.ids["q1"], "counsellor": f.ids["cA"], "text": "the answer"})

	save("event1", "case_events", map[string]any{"question": f.ids["q1"], "kind": "routed", "to_counsellor": f.ids["cA"],
		"to_organisation": f.ids["orgA"], "note": "assigned to cA"})
	save("canned1", "canned_answers", map[string]any{"organisation": f.ids["orgA"], "lang": "ar", "topic": "wages",
		"title": "Unpaid wages", "body": "You can ask for your wages in writing."})
	save("g1", "guides", map[string]any{"slug": "guide-one", "lang": "en", "title": "Guide one", "body": "# x", "html": "<p>x</p>",
		"phase": "pre_departure", "reviewed": "2026-11-30 00:00:00.000Z", "origin": "file"})
	save("contact1", "contacts", map[string]any{"key": "contact-one", "name": "Contact one", "kind": "union", "country": "TN",
		"source": "test", "verified": "2026-11-30 00:00:00.000Z"})
	save("agency1", "agencies", map[string]any{"name": "Agency one", "licence": "L-1", "country": "TN", "status": "licensed",
		"source": "test", "as_of": "2026-11-30 00:00:00.000Z"})
	save("alertPublished", "alerts", map[string]any{"title": "Published", "body": "b", "country": "TN", "lang": "ar",
		"organisation": f.ids["orgA"], "published": true})
	save("alertDraft", "alerts", map[string]any{"title": "Draft", "body": "b", "country": "TN", "lang": "ar",
		"organisation": f.ids["orgA"], "published": false})
	save("push1", "push_subscriptions", map[string]any{"endpoint": "https://127.0.0.1:9/push/fixture", "p256dh": "k", "auth": "a", "worker": f.ids["w1"]})
	save("outbox1", "push_outbox", map[string]any{"subscription": f.ids["push1"], "kind": "answer", "payload": map[string]any{"kind": "answer"}, "next_attempt": "2099-01-01 00:00:00.000Z"})
	save("tomb1", "tombstones", map[string]any{"collection": "guides", "record": "abcdefghijklmno", "rev": 1})
	su := save("su", core.CollectionNameSuperusers, map[string]any{"email": "root@example.org", "password": "superuser password"})
	if firstErr != nil {
		return nil, firstErr
	}

	for role, r := range map[string]*core.Record{roleWorker: w1, roleOtherWorker: w2, roleCounsellor: cA,
		roleCoordinator: coordA, roleOtherOrg: cB, roleSuperuser: su} {
		token, err := r.NewAuthToken()
		if err != nil {
			return nil, err
		}
		f.tokens[role] = token
	}
	// Close the database so that the directory can be cloned consistently.
	app.ResetBootstrapState()
	return f, nil
}

// headers returns the request headers of a role.
func (f *fixture) headers(role string) map[string]string {
	if role == roleAnonymous {
		return nil
	}
	return map[string]string{"Authorization": f.tokens[role]}
}

// catalogForTest is the shipped catalog of strings.
func catalogForTest(t testing.TB) *i18n.Catalog {
	t.Helper()
	catalog, err := i18n.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	return catalog
}
