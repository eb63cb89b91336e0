package pb_hooks

import (
	"amem/pb_hooks/testapp"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/subscriptions"
)

// queryPathCase is one filter, sort or expand a caller sends to a collection.
type queryPathCase struct {
	name       string
	collection string
	query      string // {{name}} is replaced by the fixture id
	roles      []string
	status     int
}

var callersButSuperusers = []string{testapp.Anonymous, testapp.Worker, testapp.OtherWorker, testapp.OtherOrg, testapp.Counsellor}

// queryPathCases are the oracles found by the audit (each must be refused to
// every caller but a superuser) and the filters our own apps send (which
// must keep working).
func queryPathCases() []queryPathCase {
	q := url.QueryEscape
	return []queryPathCase{
		// The audit's oracle: one union's questions, character by character.
		{"questions of a union through a back-relation (~)", "organisations",
			"filter=" + q(`id="{{orgA}}" && questions_via_organisation.text ~ "question o%"`), callersButSuperusers, http.StatusBadRequest},
		{"questions of a union through a back-relation (!~)", "organisations",
			"filter=" + q(`id="{{orgA}}" && questions_via_organisation.text !~ "zzz%"`), callersButSuperusers, http.StatusBadRequest},
		{"internal notes through two back-relations", "organisations",
			"filter=" + q(`id="{{orgA}}" && questions_via_organisation.messages_via_question.text ~ "internal%"`), callersButSuperusers, http.StatusBadRequest},
		{"internal notes under the worker's own question", "questions",
			"filter=" + q(`messages_via_question.text ~ "internal%"`), callersButSuperusers, http.StatusBadRequest},
		{"a back-relation in a function argument", "organisations",
			"filter=" + q(`strftime('%Y', questions_via_organisation.created) = "2026"`), callersButSuperusers, http.StatusBadRequest},
		{"sort by a back-relation", "organisations",
			"sort=" + q("-questions_via_organisation.text"), callersButSuperusers, http.StatusBadRequest},
		{"an @collection join", "organisations",
			"filter=" + q(`@collection.questions.text ~ "question%"`), callersButSuperusers, http.StatusBadRequest},
		{"a relation into a protected collection", "messages",
			"filter=" + q(`question.routing_note ~ "a%"`), callersButSuperusers, http.StatusBadRequest},
		{"a relation of the caller's own record into a protected collection", "organisations",
			"filter=" + q(`@request.auth.questions_via_worker.text ~ "q%"`), callersButSuperusers, http.StatusBadRequest},
		{"expand through a back-relation", "organisations",
			"expand=" + q("questions_via_organisation"), callersButSuperusers, http.StatusBadRequest},
		{"the oracle, in a realtime subscription", "realtime:organisations",
			"filter=" + q(`questions_via_organisation.text ~ "question o%"`), callersButSuperusers, http.StatusBadRequest},

		// Superusers keep every filter of the dashboard.
		{"superusers may follow back-relations", "organisations",
			"filter=" + q(`id="{{orgA}}" && questions_via_organisation.text ~ "question o%"`), []string{testapp.Superuser}, http.StatusOK},

		// What our apps send.
		{"a plain field", "organisations", "filter=" + q(`active = true`) + "&sort=name", append(callersButSuperusers, testapp.Superuser), http.StatusOK},
		{"the inbox queue", "questions", "filter=" + q(`counsellor = "{{cA}}" && text ~ "one"`) + "&sort=" + q("-urgent,due,-created") + "&expand=counsellor",
			[]string{testapp.Counsellor}, http.StatusOK},
		{"the thread", "questions", "expand=" + q("counsellor,organisation,pending_organisation"), []string{testapp.Counsellor, testapp.Worker}, http.StatusOK},
		{"the worker's delta", "messages", "filter=" + q(`updated >= "2026-01-01 00:00:00.000Z"`) + "&sort=updated", []string{testapp.Worker}, http.StatusOK},
		{"a relation into a public collection", "questions", "filter=" + q(`organisation.short = "UA"`), []string{testapp.Counsellor}, http.StatusOK},
		{"a realtime subscription with a plain filter", "realtime:questions", "filter=" + q(`status = "answered"`), []string{testapp.Worker}, http.StatusNoContent},
	}
}

// TestQueryPathsCannotReadHiddenRecords: no caller but a superuser can read
// records the rules hide by filtering, sorting or expanding across relations.
func TestQueryPathsCannotReadHiddenRecords(t *testing.T) {
	f := testapp.Seeded(t)
	for _, c := range queryPathCases() {
		for _, role := range c.roles {
			s := tests.ApiScenario{
				Name:           c.name + " as " + role,
				Method:         http.MethodGet,
				URL:            "/api/collections/" + c.collection + "/records?" + f.Fill(c.query),
				Headers:        f.Headers(role),
				ExpectedStatus: c.status,
				TestAppFactory: func(t testing.TB) *tests.TestApp { return testapp.New(t) },
			}
			if c.status == http.StatusBadRequest {
				// Refused before any query runs, with nothing of the union's in the answer.
				s.ExpectedContent = []string{`"code":"amem_query_path"`}
				s.NotExpectedContent = []string{f.IDs["orgA"]}
			} else {
				s.ExpectedContent = []string{`"items":`}
			}
			if collection, ok := strings.CutPrefix(c.collection, "realtime:"); ok {
				s.Method, s.URL = http.MethodPost, "/api/realtime"
				s.Body = strings.NewReader(`{"clientId":"amem-test-client","subscriptions":["` + collection + `/*?options=` +
					url.QueryEscape(`{"query":{"filter":`+jsonString(queryParam(f.Fill(c.query), "filter"))+`}}`) + `"]}`)
				s.Headers = withJSON(s.Headers)
				s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
					registerRealtimeClient(app, "amem-test-client")
				}
				s.ExpectedContent = nil
				if c.status == http.StatusBadRequest {
					s.ExpectedContent = []string{`"code":"amem_query_path"`}
				}
			}
			s.Test(t)
		}
	}
}

// TestRefusedQueryPathIsLocalised: the refusal speaks the caller's language.
func TestRefusedQueryPathIsLocalised(t *testing.T) {
	f := testapp.Seeded(t)
	s := tests.ApiScenario{
		Method:          http.MethodGet,
		URL:             "/api/collections/organisations/records?lang=fr&filter=" + url.QueryEscape(`questions_via_organisation.text ~ "a%"`),
		Headers:         f.Headers(testapp.Worker),
		ExpectedStatus:  http.StatusBadRequest,
		ExpectedContent: []string{`"code":"amem_query_path"`, `"message":"` + testapp.Catalog(t).T("fr", "error.field.query_path", nil, nil) + `"`},
		TestAppFactory:  func(t testing.TB) *tests.TestApp { return testapp.New(t) },
	}
	s.Test(t)
}

// registerRealtimeClient adds a realtime client with a known id, as an SSE
// connection would, so that a test can subscribe it.
func registerRealtimeClient(app core.App, id string) {
	client := subscriptions.NewDefaultClient()
	client.Discard() // never read: the tests only subscribe
	app.SubscriptionsBroker().Register(&namedClient{Client: client, id: id})
}

// namedClient is a realtime client whose id the test chooses.
type namedClient struct {
	subscriptions.Client
	id string
}

func (c *namedClient) Id() string { return c.id }

func queryParam(query, name string) string {
	values, _ := url.ParseQuery(query)
	return values.Get(name)
}

func jsonString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func withJSON(headers map[string]string) map[string]string {
	out := map[string]string{"Content-Type": "application/json"}
	for k, v := range headers {
		out[k] = v
	}
	return out
}
