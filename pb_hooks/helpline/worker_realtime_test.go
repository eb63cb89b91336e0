package helpline

import (
	"strings"
	"testing"

	"amem/pb_hooks/testapp"
)

// The worker's app listens on the realtime stream for their own threads:
// an answer reaches it, while the union's internal notes, its labels and
// its routing notes never do, nor another worker's threads.
func TestTheWorkersStreamCarriesOnlyTheirThread(t *testing.T) {
	f := testapp.Seeded(t)
	base := testapp.StartServer(t, testapp.New(t))
	post := poster(t, base, f)
	subscribe := func(role string) *testapp.SSEClient {
		c := testapp.ConnectRealtime(t, base)
		if s := post(role, "/api/realtime", `{"clientId":"`+c.ID+`","subscriptions":["questions/*","messages/*"]}`); s != 204 {
			t.Fatalf("%s subscribing = %d", role, s)
		}
		return c
	}
	worker, other := subscribe(testapp.Worker), subscribe(testapp.OtherWorker)

	q1 := "/api/collections/messages/records"
	if s := post(testapp.Counsellor, q1, `{"question":"`+f.IDs["q1"]+`","text":"secret internal note","internal":true}`); s != 200 {
		t.Fatalf("internal note = %d", s)
	}
	if s := post(testapp.Counsellor, "/api/amem/questions/"+f.IDs["q1"]+"/seen", `{}`); s != 200 {
		t.Fatalf("marking seen = %d", s)
	}
	if s := post(testapp.Counsellor, q1, `{"question":"`+f.IDs["q1"]+`","text":"the public answer"}`); s != 200 {
		t.Fatalf("answer = %d", s)
	}
	// The answer and the question it made "answered", in either order.
	lines := worker.Until(t, `the public answer`)
	if !strings.Contains(strings.Join(lines, "\n"), `"status":"answered"`) {
		lines = append(lines, worker.Until(t, `"status":"answered"`)...)
	}
	seen := false
	for _, line := range lines {
		if strings.Contains(line, "secret internal note") || strings.Contains(line, `"labels"`) || strings.Contains(line, `"routing_note"`) {
			t.Errorf("the worker's stream carried %s", line)
		}
		seen = seen || strings.Contains(line, `"seen_at":"2`)
	}
	if !seen {
		t.Error("the worker's stream did not carry the seen mark")
	}
	// Another worker hears nothing of it; their own thread still reaches them.
	if s := post(testapp.OtherOrg, q1, `{"question":"`+f.IDs["q2"]+`","text":"an answer for w2"}`); s != 200 {
		t.Fatalf("answer to w2 = %d", s)
	}
	for _, line := range other.Until(t, "an answer for w2") {
		if strings.Contains(line, f.IDs["q1"]) {
			t.Errorf("another worker's stream carried %s", line)
		}
	}
}
