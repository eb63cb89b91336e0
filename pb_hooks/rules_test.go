package pb_hooks

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"amem/internal/opus/opustest"
	"amem/pb_hooks/testapp"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

// allRoles in the order the access-model table lists them.
var allRoles = []string{testapp.Anonymous, testapp.Worker, testapp.OtherWorker, testapp.OtherOrg, testapp.Counsellor, testapp.Superuser}

// access is one row of the access model: what a role gets when it does op on
// a record of a collection. For lists, sees/hides name the fixture records
// that must and must not appear.
type access struct {
	collection string
	op         string // list, view, create, update, delete
	target     string // fixture record for view/update/delete
	body       string // JSON for create/update; {{name}} is replaced by the fixture id
	role       string
	status     int
	sees       []string
	hides      []string
	upload     []byte // sent as the file field "audio" of a multipart body, with body's fields
}

// Outcomes by kind of refusal, as PocketBase reports them.
const (
	ok        = http.StatusOK
	deleted   = http.StatusNoContent
	refused   = http.StatusBadRequest // a create rule that does not match
	hidden    = http.StatusNotFound   // view/update/delete of a record outside the rule
	forbidden = http.StatusForbidden  // a superusers-only (nil) rule
)

// everyone expands one operation into rows for every role, with the outcome
// of each (the superuser's outcome is given last).
func everyone(collection, op, target, body string, outcomes map[string]int) []access {
	var rows []access
	for _, role := range allRoles {
		status, ok := outcomes[role]
		if !ok {
			panic(fmt.Sprintf("%s %s: no outcome for %s", collection, op, role))
		}
		rows = append(rows, access{collection: collection, op: op, target: target, body: body, role: role, status: status})
	}
	return rows
}

// outcomes builds the role → status map in allRoles order.
func outcomes(anonymous, worker, otherWorker, otherOrg, counsellor, superuser int) map[string]int {
	return map[string]int{testapp.Anonymous: anonymous, testapp.Worker: worker, testapp.OtherWorker: otherWorker,
		testapp.OtherOrg: otherOrg, testapp.Counsellor: counsellor, testapp.Superuser: superuser}
}

func listing(collection, role string, sees, hides []string) access {
	return access{collection: collection, op: "list", role: role, status: ok, sees: sees, hides: hides}
}

// superusersOnly is the table of a collection whose every rule is nil.
func superusersOnly(collection, target, createBody, updateBody, deleteTarget string) []access {
	var rows []access
	nobody := func(su int) map[string]int {
		return outcomes(forbidden, forbidden, forbidden, forbidden, forbidden, su)
	}
	rows = append(rows, everyone(collection, "list", "", "", nobody(ok))...)
	rows = append(rows, everyone(collection, "view", target, "", nobody(ok))...)
	rows = append(rows, everyone(collection, "create", "", createBody, nobody(ok))...)
	rows = append(rows, everyone(collection, "update", target, updateBody, nobody(ok))...)
	rows = append(rows, everyone(collection, "delete", deleteTarget, "", nobody(deleted))...)
	return rows
}

// publicRead is the table of a collection anyone reads and only superusers write.
func publicRead(collection, target, createBody, updateBody string) []access {
	var rows []access
	all := outcomes(ok, ok, ok, ok, ok, ok)
	rows = append(rows, everyone(collection, "list", "", "", all)...)
	rows = append(rows, everyone(collection, "view", target, "", all)...)
	nobody := func(su int) map[string]int {
		return outcomes(forbidden, forbidden, forbidden, forbidden, forbidden, su)
	}
	rows = append(rows, everyone(collection, "create", "", createBody, nobody(ok))...)
	rows = append(rows, everyone(collection, "update", target, updateBody, nobody(ok))...)
	rows = append(rows, everyone(collection, "delete", target, "", nobody(deleted))...)
	return rows
}

func accessModel() []access {
	var rows []access

	// Directory and content: public to read, written by superusers (dashboard, import).
	rows = append(rows, publicRead("organisations", "orgSpare", `{"name":"New","kind":"ngo"}`, `{"name":"Renamed"}`)...)
	rows = append(rows, publicRead("guides", "g1",
		`{"slug":"new-guide","lang":"fr","title":"T","body":"b","phase":"return","reviewed":"2026-11-30"}`, `{"title":"Renamed"}`)...)
	// Reviews of agencies: the worker's own, and the counsellors of unions
	// covering the agency's country (TN: cA, not cB), who moderate them.
	rows = append(rows,
		listing("agency_reviews", testapp.Anonymous, nil, []string{"review1", "review2"}),
		listing("agency_reviews", testapp.Worker, []string{"review1"}, []string{"review2"}),
		listing("agency_reviews", testapp.OtherWorker, []string{"review2"}, []string{"review1"}),
		listing("agency_reviews", testapp.OtherOrg, nil, []string{"review1", "review2"}),
		listing("agency_reviews", testapp.Counsellor, []string{"review1", "review2"}, nil),
		listing("agency_reviews", testapp.Superuser, []string{"review1", "review2"}, nil))
	rows = append(rows, everyone("agency_reviews", "view", "review1", "", outcomes(hidden, ok, hidden, hidden, ok, ok))...)
	rows = append(rows, everyone("agency_reviews", "create", "",
		`{"worker":"{{w1}}","agency":"{{agency2}}","client_id":"client-new-review","contract":"partly","treatment":3}`,
		outcomes(refused, ok, refused, refused, refused, ok))...)
	rows = append(rows, everyone("agency_reviews", "update", "review2", `{"status":"published"}`,
		outcomes(hidden, hidden, hidden, hidden, ok, ok))...)
	rows = append(rows, everyone("agency_reviews", "delete", "review2", "", outcomes(hidden, hidden, deleted, hidden, hidden, deleted))...)
	rows = append(rows, publicRead("contacts", "contact1",
		`{"key":"new-contact","name":"N","kind":"ngo","country":"MA","source":"s","verified":"2026-11-30"}`, `{"name":"Renamed"}`)...)
	// Recordings of guides: public like the guides; a new one needs its Opus file.
	recordingRows := publicRead("guide_recordings", "rec1", `{"slug":"guide-one","lang":"ary","reviewed":"2026-11-30"}`, `{"credit":"Renamed"}`)
	for i := range recordingRows {
		if recordingRows[i].op == "create" {
			recordingRows[i].upload = opustest.File(time.Second, "")
		}
	}
	rows = append(rows, recordingRows...)
	rows = append(rows, publicRead("agencies", "agency1",
		`{"name":"N","licence":"L-2","country":"MA","status":"licensed","source":"s","as_of":"2026-11-30"}`, `{"status":"revoked"}`)...)

	// Internal collections: superusers only.
	rows = append(rows, superusersOnly("push_subscriptions", "push1",
		`{"endpoint":"https://push.example.org/2","p256dh":"k","auth":"a"}`, `{"lang":"fr"}`, "push1")...)
	rows = append(rows, superusersOnly("push_outbox", "outbox1",
		`{"subscription":"{{push1}}","kind":"alert","next_attempt":"2099-01-01 00:00:00.000Z"}`, `{"attempts":1}`, "outbox1")...)
	rows = append(rows, superusersOnly("tombstones", "tomb1", `{"collection":"guides","record":"zyxwvutsrqponml"}`, `{"rev":2}`, "tomb1")...)
	// AMEM's own settings (the retention period): the dashboard only.
	rows = append(rows, superusersOnly("app_settings", "settings1", `{"retention_days":90}`, `{"retention_days":30}`, "settings1")...)

	// Counsellors: colleagues of the same organisation only.
	rows = append(rows,
		listing("counsellors", testapp.Anonymous, nil, []string{"cA", "cB"}),
		listing("counsellors", testapp.Worker, nil, []string{"cA", "cB"}),
		listing("counsellors", testapp.OtherWorker, nil, []string{"cA", "cB"}),
		listing("counsellors", testapp.OtherOrg, []string{"cB"}, []string{"cA", "coordA"}),
		listing("counsellors", testapp.Counsellor, []string{"cA", "coordA"}, []string{"cB"}),
		listing("counsellors", testapp.Superuser, []string{"cA", "coordA", "cB"}, nil),
	)
	rows = append(rows, everyone("counsellors", "view", "cA", "", outcomes(hidden, hidden, hidden, hidden, ok, ok))...)
	rows = append(rows, everyone("counsellors", "create", "",
		`{"email":"new@example.org","password":"long enough pw","passwordConfirm":"long enough pw","name":"N","organisation":"{{orgA}}","capacity":5}`,
		outcomes(forbidden, forbidden, forbidden, forbidden, forbidden, ok))...)
	rows = append(rows, everyone("counsellors", "update", "cA", `{"name":"Renamed"}`, outcomes(hidden, hidden, hidden, hidden, ok, ok))...)
	rows = append(rows, everyone("counsellors", "delete", "cSpare", "", outcomes(forbidden, forbidden, forbidden, forbidden, forbidden, deleted))...)
	rows = append(rows,
		access{collection: "counsellors", op: "update", target: "cA", body: `{"capacity":50}`, role: testapp.Counsellor, status: hidden},
		access{collection: "counsellors", op: "update", target: "cA", body: `{"organisation":"{{orgB}}"}`, role: testapp.Counsellor, status: hidden},
		access{collection: "counsellors", op: "update", target: "cA", body: `{"coordinator":true}`, role: testapp.Counsellor, status: hidden},
		access{collection: "counsellors", op: "update", target: "cA", body: `{"capacity":50,"active":false}`, role: testapp.Coordinator, status: ok},
		access{collection: "counsellors", op: "update", target: "cA", body: `{"organisation":"{{orgB}}"}`, role: testapp.Coordinator, status: hidden},
	)

	// Workers: each sees and edits only themselves; made only by the server.
	rows = append(rows,
		listing("workers", testapp.Anonymous, nil, []string{"w1", "w2"}),
		listing("workers", testapp.Worker, []string{"w1"}, []string{"w2"}),
		listing("workers", testapp.OtherWorker, []string{"w2"}, []string{"w1"}),
		listing("workers", testapp.OtherOrg, nil, []string{"w1", "w2"}),
		listing("workers", testapp.Counsellor, nil, []string{"w1", "w2"}),
		listing("workers", testapp.Superuser, []string{"w1", "w2"}, nil),
	)
	rows = append(rows, everyone("workers", "view", "w1", "", outcomes(hidden, ok, hidden, hidden, hidden, ok))...)
	rows = append(rows, everyone("workers", "create", "", `{"password":"long enough pw","passwordConfirm":"long enough pw"}`,
		outcomes(forbidden, forbidden, forbidden, forbidden, forbidden, ok))...)
	rows = append(rows, everyone("workers", "update", "w1", `{"lang":"fr","country":"MA"}`, outcomes(hidden, ok, hidden, hidden, hidden, ok))...)
	rows = append(rows, everyone("workers", "delete", "wSpare", "", outcomes(forbidden, forbidden, forbidden, forbidden, forbidden, deleted))...)
	rows = append(rows,
		access{collection: "workers", op: "update", target: "w1", body: `{"email":"me@example.org"}`, role: testapp.Worker, status: hidden},
	)

	// Alerts: published ones are public; drafts stay in their organisation;
	// coordinators write their organisation's.
	rows = append(rows,
		listing("alerts", testapp.Anonymous, []string{"alertPublished"}, []string{"alertDraft"}),
		listing("alerts", testapp.Worker, []string{"alertPublished"}, []string{"alertDraft"}),
		listing("alerts", testapp.OtherWorker, []string{"alertPublished"}, []string{"alertDraft"}),
		listing("alerts", testapp.OtherOrg, []string{"alertPublished"}, []string{"alertDraft"}),
		listing("alerts", testapp.Counsellor, []string{"alertPublished", "alertDraft"}, nil),
		listing("alerts", testapp.Superuser, []string{"alertPublished", "alertDraft"}, nil),
	)
	rows = append(rows, everyone("alerts", "view", "alertDraft", "", outcomes(hidden, hidden, hidden, hidden, ok, ok))...)
	newAlert := `{"title":"Fake agency","body":"b","country":"TN","lang":"ar","organisation":"{{orgA}}","published":true}`
	rows = append(rows, everyone("alerts", "create", "", newAlert, outcomes(refused, refused, refused, refused, refused, ok))...)
	rows = append(rows, everyone("alerts", "update", "alertDraft", `{"published":true}`, outcomes(hidden, hidden, hidden, hidden, hidden, ok))...)
	rows = append(rows, everyone("alerts", "delete", "alertDraft", "", outcomes(hidden, hidden, hidden, hidden, hidden, deleted))...)
	rows = append(rows,
		access{collection: "alerts", op: "create", body: newAlert, role: testapp.Coordinator, status: ok},
		access{collection: "alerts", op: "create", body: strings.Replace(newAlert, "{{orgA}}", "{{orgB}}", 1), role: testapp.Coordinator, status: refused},
		access{collection: "alerts", op: "update", target: "alertDraft", body: `{"published":true}`, role: testapp.Coordinator, status: ok},
		access{collection: "alerts", op: "update", target: "alertDraft", body: `{"organisation":"{{orgB}}"}`, role: testapp.Coordinator, status: hidden},
		access{collection: "alerts", op: "delete", target: "alertDraft", role: testapp.Coordinator, status: deleted},
		// Only for the countries their union covers (Union A: Tunisia).
		access{collection: "alerts", op: "create", body: strings.Replace(newAlert, `"TN"`, `"MA"`, 1), role: testapp.Coordinator, status: refused},
		access{collection: "alerts", op: "update", target: "alertDraft", body: `{"country":"MA"}`, role: testapp.Coordinator, status: hidden},
		access{collection: "alerts", op: "update", target: "alertDraft", body: `{"country":"TN"}`, role: testapp.Coordinator, status: ok},
	)

	// Questions: the worker's own; the counsellors of the organisation it is routed to.
	rows = append(rows,
		listing("questions", testapp.Anonymous, nil, []string{"q1", "q2"}),
		listing("questions", testapp.Worker, []string{"q1"}, []string{"q2"}),
		listing("questions", testapp.OtherWorker, []string{"q2"}, []string{"q1"}),
		listing("questions", testapp.OtherOrg, []string{"q2"}, []string{"q1"}),
		listing("questions", testapp.Counsellor, []string{"q1"}, []string{"q2"}),
		listing("questions", testapp.Superuser, []string{"q1", "q2"}, nil),
	)
	rows = append(rows, everyone("questions", "view", "q1", "", outcomes(hidden, ok, hidden, hidden, ok, ok))...)
	rows = append(rows, everyone("questions", "create", "", `{"client_id":"new-question-1","text":"Hello","lang":"ar","worker":"{{w1}}"}`,
		outcomes(refused, ok, refused, refused, refused, ok))...)
	rows = append(rows, everyone("questions", "update", "q1", `{"status":"closed"}`, outcomes(hidden, ok, hidden, hidden, ok, ok))...)
	// A close outcome comes only with closing, from a counsellor of the holding
	// organisation (superusers bypass rules).
	rows = append(rows, everyone("questions", "update", "q1", `{"status":"closed","outcome":"referred","referred_to":"IOM"}`,
		outcomes(hidden, hidden, hidden, hidden, ok, ok))...)
	rows = append(rows, everyone("questions", "update", "q1", `{"outcome":"out_of_scope"}`, outcomes(hidden, hidden, hidden, hidden, hidden, ok))...)
	rows = append(rows,
		access{collection: "questions", op: "update", target: "q1", body: `{"status":"assigned","outcome":"answered"}`, role: testapp.Counsellor, status: hidden},
		access{collection: "questions", op: "update", target: "q1", body: `{"status":"closed","outcome":"maybe"}`, role: testapp.Counsellor, status: refused},
	)
	rows = append(rows, everyone("questions", "delete", "q1", "", outcomes(forbidden, forbidden, forbidden, forbidden, forbidden, deleted))...)
	for _, serverField := range []string{`"counsellor":"{{cA}}"`, `"organisation":"{{orgA}}"`, `"status":"answered"`, `"due":"2026-12-01 00:00:00Z"`,
		`"urgent":true`, `"routing_note":"x"`, `"pending_organisation":"{{orgB}}"`, `"pending_country":"MA"`, `"status_before_consent":"answered"`} {
		rows = append(rows,
			access{collection: "questions", op: "create", body: `{"client_id":"new-question-2","text":"Hi","lang":"ar",` + serverField + `}`, role: testapp.Worker, status: refused},
			access{collection: "questions", op: "update", target: "q1", body: `{` + serverField + `}`, role: testapp.Worker, status: hidden},
		)
	}
	rows = append(rows,
		access{collection: "questions", op: "create", body: `{"client_id":"new-question-3","text":"Hi","lang":"ar","worker":"{{w2}}"}`, role: testapp.Worker, status: refused},
		access{collection: "questions", op: "update", target: "q1", body: `{"text":"rewritten"}`, role: testapp.Counsellor, status: hidden},
		access{collection: "questions", op: "update", target: "q1", body: `{"organisation":"{{orgB}}"}`, role: testapp.Counsellor, status: hidden},
		access{collection: "questions", op: "update", target: "q1", body: `{"counsellor":"{{coordA}}"}`, role: testapp.Counsellor, status: hidden},
		access{collection: "questions", op: "update", target: "q1", body: `{"pending_organisation":"{{orgB}}"}`, role: testapp.Counsellor, status: hidden},
		access{collection: "questions", op: "update", target: "q1", body: `{"status":"answered"}`, role: testapp.Counsellor, status: hidden},
		access{collection: "questions", op: "update", target: "q1", body: `{"helpful":"yes","status":"closed"}`, role: testapp.Worker, status: ok},
		access{collection: "questions", op: "update", target: "q1", body: `{"helpful":"maybe"}`, role: testapp.Worker, status: refused},
		access{collection: "questions", op: "update", target: "q1", body: `{"photos":"x.jpg"}`, role: testapp.Worker, status: hidden},
		// What the question is about was settled when it was routed: a worker
		// changing it afterwards would route around the union that holds it.
		access{collection: "questions", op: "update", target: "q1", body: `{"country":"MA"}`, role: testapp.Worker, status: hidden},
		access{collection: "questions", op: "update", target: "q1", body: `{"destination":"QA"}`, role: testapp.Worker, status: hidden},
		access{collection: "questions", op: "update", target: "q1", body: `{"lang":"en"}`, role: testapp.Worker, status: hidden},
		access{collection: "questions", op: "update", target: "q1", body: `{"phase":"return"}`, role: testapp.Worker, status: hidden},
		access{collection: "questions", op: "update", target: "q1", body: `{"topic":"wages"}`, role: testapp.Worker, status: hidden},
	)
	// A voice note's length comes with the note, and stays as sent.
	rows = append(rows, everyone("questions", "create", "", `{"client_id":"new-voice-question-1","text":"Hello","lang":"ar","worker":"{{w1}}","audio_seconds":42}`,
		outcomes(refused, ok, refused, refused, refused, ok))...)
	rows = append(rows, everyone("questions", "update", "q1", `{"audio_seconds":7}`, outcomes(hidden, hidden, hidden, hidden, hidden, ok))...)
	rows = append(rows, everyone("messages", "create", "", `{"question":"{{q1}}","text":"x","audio_seconds":12}`,
		outcomes(refused, ok, refused, refused, ok, ok))...)
	rows = append(rows, access{collection: "questions", op: "create", body: `{"client_id":"new-voice-question-2","text":"Hi","lang":"ar","audio_seconds":181}`, role: testapp.Worker, status: refused})
	// Reports: a worker's report names the fees asked and, optionally, an
	// agency of the lists; only a report does, and nobody changes either
	// afterwards (superusers bypass rules).
	rows = append(rows, everyone("questions", "create", "", `{"client_id":"new-report-1","text":"They asked for fees","lang":"ar","worker":"{{w1}}","kind":"report","agency":"{{agency1}}","fees":"2000 TND"}`,
		outcomes(refused, ok, refused, refused, refused, ok))...)
	rows = append(rows, everyone("questions", "create", "", `{"client_id":"new-question-4","text":"Hi","lang":"ar","worker":"{{w1}}","agency":"{{agency1}}"}`,
		outcomes(refused, refused, refused, refused, refused, ok))...)
	rows = append(rows, everyone("questions", "create", "", `{"client_id":"new-question-5","text":"Hi","lang":"ar","worker":"{{w1}}","kind":"question","fees":"100"}`,
		outcomes(refused, refused, refused, refused, refused, ok))...)
	for _, field := range []string{`"kind":"report"`, `"agency":"{{agency1}}"`, `"fees":"10 EUR"`} {
		rows = append(rows, everyone("questions", "update", "q1", `{`+field+`}`, outcomes(hidden, hidden, hidden, hidden, hidden, ok))...)
	}
	// Who answered is the server's to write (messages.author_name).
	rows = append(rows, everyone("messages", "create", "", `{"question":"{{q1}}","text":"x","author_name":"Someone"}`,
		outcomes(refused, refused, refused, refused, refused, ok))...)
	// Snoozing goes through its route alone, which also moves the deadline.
	rows = append(rows, everyone("questions", "update", "q1", `{"snoozed_until":"2099-01-01 00:00:00.000Z"}`,
		outcomes(hidden, hidden, hidden, hidden, hidden, ok))...)
	// Labels: the holding union's counsellors label a case with their own
	// union's labels; workers can neither send nor read them.
	rows = append(rows, everyone("questions", "update", "q1", `{"labels":["{{labelA}}"]}`,
		outcomes(hidden, hidden, hidden, hidden, ok, ok))...)
	rows = append(rows, everyone("questions", "update", "q1", `{"labels+":"{{labelA}}"}`,
		outcomes(hidden, hidden, hidden, hidden, ok, ok))...)
	rows = append(rows, everyone("questions", "update", "q1", `{"labels":["{{labelB}}"]}`,
		outcomes(hidden, hidden, hidden, hidden, refused, refused))...)
	rows = append(rows, everyone("questions", "create", "", `{"client_id":"labelled-question-1","text":"x","lang":"ar","labels":["{{labelA}}"]}`,
		outcomes(refused, refused, refused, refused, refused, refused))...) // the superuser: no worker
	// "Seen by a counsellor" is marked through its route alone.
	rows = append(rows, everyone("questions", "update", "q1", `{"seen_at":"2099-01-01 00:00:00.000Z"}`,
		outcomes(hidden, hidden, hidden, hidden, hidden, ok))...)

	// Case events: the audit trail, for the counsellors of the case's organisation, written by the server.
	rows = append(rows,
		listing("case_events", testapp.Anonymous, nil, []string{"event1"}),
		listing("case_events", testapp.Worker, nil, []string{"event1"}),
		listing("case_events", testapp.OtherWorker, nil, []string{"event1"}),
		listing("case_events", testapp.OtherOrg, nil, []string{"event1"}),
		listing("case_events", testapp.Counsellor, []string{"event1"}, []string{"event2"}),
		listing("case_events", testapp.Superuser, []string{"event1", "event2"}, nil),
	)
	rows = append(rows, everyone("case_events", "view", "event1", "", outcomes(hidden, hidden, hidden, hidden, ok, ok))...)
	// Another union's routing of the same case stays with that union.
	rows = append(rows, everyone("case_events", "view", "event2", "", outcomes(hidden, hidden, hidden, hidden, hidden, ok))...)
	nobody := outcomes(forbidden, forbidden, forbidden, forbidden, forbidden, ok)
	rows = append(rows, everyone("case_events", "create", "", `{"question":"{{q1}}","kind":"closed"}`, nobody)...)
	rows = append(rows, everyone("case_events", "update", "event1", `{"note":"rewritten"}`, nobody)...)
	rows = append(rows, everyone("case_events", "delete", "event1", "", outcomes(forbidden, forbidden, forbidden, forbidden, forbidden, deleted))...)

	// Canned answers: the organisation's counsellors read them; its coordinators maintain them.
	rows = append(rows,
		listing("canned_answers", testapp.Anonymous, nil, []string{"canned1"}),
		listing("canned_answers", testapp.Worker, nil, []string{"canned1"}),
		listing("canned_answers", testapp.OtherWorker, nil, []string{"canned1"}),
		listing("canned_answers", testapp.OtherOrg, nil, []string{"canned1"}),
		listing("canned_answers", testapp.Counsellor, []string{"canned1"}, nil),
		listing("canned_answers", testapp.Superuser, []string{"canned1"}, nil),
	)
	// Labels: an organisation's own, read by its counsellors, kept by its coordinators.
	rows = append(rows,
		listing("labels", testapp.Anonymous, nil, []string{"labelA", "labelB"}),
		listing("labels", testapp.Worker, nil, []string{"labelA", "labelB"}),
		listing("labels", testapp.OtherWorker, nil, []string{"labelA", "labelB"}),
		listing("labels", testapp.OtherOrg, []string{"labelB"}, []string{"labelA"}),
		listing("labels", testapp.Counsellor, []string{"labelA"}, []string{"labelB"}),
		listing("labels", testapp.Superuser, []string{"labelA", "labelB"}, nil),
	)
	rows = append(rows, everyone("labels", "view", "labelA", "", outcomes(hidden, hidden, hidden, hidden, ok, ok))...)
	newLabel := `{"organisation":"{{orgA}}","name":"Waiting for the inspector","colour":"blue"}`
	rows = append(rows, everyone("labels", "create", "", newLabel, outcomes(refused, refused, refused, refused, refused, ok))...)
	rows = append(rows, everyone("labels", "update", "labelA", `{"name":"Unpaid wages"}`, outcomes(hidden, hidden, hidden, hidden, hidden, ok))...)
	rows = append(rows, everyone("labels", "delete", "labelA", "", outcomes(hidden, hidden, hidden, hidden, hidden, deleted))...)
	rows = append(rows,
		access{collection: "labels", op: "create", body: newLabel, role: testapp.Coordinator, status: ok},
		access{collection: "labels", op: "create", body: strings.Replace(newLabel, "{{orgA}}", "{{orgB}}", 1), role: testapp.Coordinator, status: refused},
		access{collection: "labels", op: "create", body: `{"organisation":"{{orgA}}","name":"wages CLAIM"}`, role: testapp.Coordinator, status: refused},
		access{collection: "labels", op: "update", target: "labelA", body: `{"colour":"red"}`, role: testapp.Coordinator, status: ok},
		access{collection: "labels", op: "update", target: "labelA", body: `{"organisation":"{{orgB}}"}`, role: testapp.Coordinator, status: hidden},
		access{collection: "labels", op: "delete", target: "labelA", role: testapp.Coordinator, status: deleted},
	)
	rows = append(rows, everyone("canned_answers", "view", "canned1", "", outcomes(hidden, hidden, hidden, hidden, ok, ok))...)
	newCanned := `{"organisation":"{{orgA}}","lang":"fr","title":"Salaire","body":"..."}`
	rows = append(rows, everyone("canned_answers", "create", "", newCanned, outcomes(refused, refused, refused, refused, refused, ok))...)
	rows = append(rows, everyone("canned_answers", "update", "canned1", `{"body":"new"}`, outcomes(hidden, hidden, hidden, hidden, hidden, ok))...)
	rows = append(rows, everyone("canned_answers", "delete", "canned1", "", outcomes(hidden, hidden, hidden, hidden, hidden, deleted))...)
	rows = append(rows,
		access{collection: "canned_answers", op: "create", body: newCanned, role: testapp.Coordinator, status: ok},
		access{collection: "canned_answers", op: "create", body: strings.Replace(newCanned, "{{orgA}}", "{{orgB}}", 1), role: testapp.Coordinator, status: refused},
		access{collection: "canned_answers", op: "update", target: "canned1", body: `{"body":"new"}`, role: testapp.Coordinator, status: ok},
		access{collection: "canned_answers", op: "update", target: "canned1", body: `{"organisation":"{{orgB}}"}`, role: testapp.Coordinator, status: hidden},
		access{collection: "canned_answers", op: "delete", target: "canned1", role: testapp.Coordinator, status: deleted},
	)

	// Messages: the thread; internal notes never reach the worker.
	rows = append(rows,
		listing("messages", testapp.Anonymous, nil, []string{"m1", "m2", "m3", "m4"}),
		listing("messages", testapp.Worker, []string{"m1", "m3"}, []string{"m2", "m4"}),
		listing("messages", testapp.OtherWorker, nil, []string{"m1", "m2", "m3", "m4"}),
		listing("messages", testapp.OtherOrg, nil, []string{"m1", "m2", "m3", "m4"}),
		listing("messages", testapp.Counsellor, []string{"m1", "m2", "m3"}, []string{"m4"}),
		listing("messages", testapp.Superuser, []string{"m1", "m2", "m3", "m4"}, nil),
	)
	rows = append(rows, everyone("messages", "view", "m2", "", outcomes(hidden, hidden, hidden, hidden, ok, ok))...)
	// Internal notes belong to the organisation that wrote them (m4: Union B's, on a case Union A now holds).
	rows = append(rows, everyone("messages", "view", "m4", "", outcomes(hidden, hidden, hidden, hidden, hidden, ok))...)
	rows = append(rows, everyone("messages", "view", "m3", "", outcomes(hidden, ok, hidden, hidden, ok, ok))...)
	rows = append(rows, everyone("messages", "create", "", `{"question":"{{q1}}","text":"more"}`, outcomes(refused, ok, refused, refused, ok, ok))...)
	rows = append(rows, everyone("messages", "update", "m1", `{"text":"edited"}`, outcomes(forbidden, forbidden, forbidden, forbidden, forbidden, ok))...)
	rows = append(rows, everyone("messages", "delete", "m1", "", outcomes(forbidden, forbidden, forbidden, forbidden, forbidden, deleted))...)
	rows = append(rows,
		access{collection: "messages", op: "create", body: `{"question":"{{q1}}","text":"sneaky","internal":true}`, role: testapp.Worker, status: refused},
		access{collection: "messages", op: "create", body: `{"question":"{{q1}}","text":"as someone else","counsellor":"{{cA}}"}`, role: testapp.Worker, status: refused},
		access{collection: "messages", op: "create", body: `{"question":"{{q1}}","text":"note","internal":true}`, role: testapp.Counsellor, status: ok},
		access{collection: "messages", op: "create", body: `{"question":"{{q1}}","text":"as the worker","worker":"{{w1}}"}`, role: testapp.Counsellor, status: refused},
	)
	return rows
}

// TestAccessModel checks every collection's API rules, for every operation,
// against every role.
func TestAccessModel(t *testing.T) {
	f := testapp.Seeded(t)

	covered := map[string]map[string]bool{}
	for _, row := range accessModel() {
		if covered[row.collection] == nil {
			covered[row.collection] = map[string]bool{}
		}
		covered[row.collection][row.op+" "+row.role] = true

		s := tests.ApiScenario{
			Name:           fmt.Sprintf("%s %s %s as %s %s", row.collection, row.op, row.target, row.role, row.body),
			Headers:        f.Headers(row.role),
			ExpectedStatus: row.status,
			TestAppFactory: func(t testing.TB) *tests.TestApp { return testapp.New(t) },
		}
		base := "/api/collections/" + row.collection + "/records"
		switch row.op {
		case "list":
			s.Method, s.URL = http.MethodGet, base+"?perPage=500"
		case "view":
			s.Method, s.URL = http.MethodGet, base+"/"+f.IDs[row.target]
		case "create":
			s.Method, s.URL = http.MethodPost, base
		case "update":
			s.Method, s.URL = http.MethodPatch, base+"/"+f.IDs[row.target]
		case "delete":
			s.Method, s.URL = http.MethodDelete, base+"/"+f.IDs[row.target]
		}
		switch {
		case row.upload != nil:
			body, contentType := multipartBody(t, f.Fill(row.body), "audio", row.upload)
			s.Body = body
			s.Headers = withHeader(s.Headers, "Content-Type", contentType)
		case row.body != "":
			s.Body = strings.NewReader(f.Fill(row.body))
			s.Headers = withHeader(s.Headers, "Content-Type", "application/json")
		}
		for _, name := range row.sees {
			s.ExpectedContent = append(s.ExpectedContent, `"id":"`+f.IDs[name]+`"`)
		}
		for _, name := range row.hides {
			s.NotExpectedContent = append(s.NotExpectedContent, `"id":"`+f.IDs[name]+`"`)
		}
		switch {
		case row.status == deleted:
			// no body to check
		case len(s.ExpectedContent) == 0 && len(s.NotExpectedContent) == 0:
			s.ExpectedContent = []string{`"`} // any JSON body
		}
		s.Test(t)
	}

	// Every collection of the data model, every operation, every role.
	for _, collection := range []string{"organisations", "counsellors", "workers", "guides", "contacts", "agencies",
		"alerts", "questions", "messages", "push_subscriptions", "tombstones", "case_events", "canned_answers", "labels", "app_settings", "guide_recordings", "agency_reviews"} {
		for _, op := range []string{"list", "view", "create", "update", "delete"} {
			for _, role := range allRoles {
				if !covered[collection][op+" "+role] {
					t.Errorf("access model does not cover %s %s as %s", collection, op, role)
				}
			}
		}
	}
}

// TestEveryCollectionIsInTheAccessModel fails when a collection is added
// without adding it to the table above.
func TestEveryCollectionIsInTheAccessModel(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	inTable := map[string]bool{}
	for _, row := range accessModel() {
		inTable[row.collection] = true
	}
	collections, err := app.FindAllCollections(core.CollectionTypeBase, core.CollectionTypeAuth)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range collections {
		if !c.System && !inTable[c.Name] {
			t.Errorf("collection %q has no rows in the access model", c.Name)
		}
	}
}

// TestWorkerCannotSetRecoveryHash: the hidden recovery hash is ignored in a
// worker's update, so nobody can plant a recovery code on an account.
func TestWorkerCannotSetRecoveryHash(t *testing.T) {
	f := testapp.Seeded(t)
	s := tests.ApiScenario{
		Method:             http.MethodPatch,
		URL:                "/api/collections/workers/records/" + f.IDs["w1"],
		Body:               strings.NewReader(`{"recovery_hash":"planted"}`),
		Headers:            map[string]string{"Authorization": f.Tokens[testapp.Worker], "Content-Type": "application/json"},
		ExpectedStatus:     http.StatusOK,
		ExpectedContent:    []string{`"id":"` + f.IDs["w1"] + `"`},
		NotExpectedContent: []string{"planted", "recovery_hash"},
		TestAppFactory:     func(t testing.TB) *tests.TestApp { return testapp.New(t) },
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
			w, err := app.FindRecordById("workers", f.IDs["w1"])
			if err != nil {
				t.Fatal(err)
			}
			if got := w.GetString("recovery_hash"); got != "" {
				t.Fatalf("recovery_hash = %q, want it untouched", got)
			}
		},
	}
	s.Test(t)
}

func withHeader(h map[string]string, key, value string) map[string]string {
	out := maps.Clone(h)
	if out == nil {
		out = map[string]string{}
	}
	out[key] = value
	return out
}

// multipartBody is a form with the fields of a flat JSON object and one file.
func multipartBody(t testing.TB, fields, fileField string, file []byte) (io.Reader, string) {
	t.Helper()
	var values map[string]string
	if err := json.Unmarshal([]byte(fields), &values); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range values {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	part, err := w.CreateFormFile(fileField, "recording.opus")
	if err == nil {
		_, err = part.Write(file)
	}
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	return &buf, w.FormDataContentType()
}
