package helpline

import (
	"strings"
	"testing"

	"amem/pb_hooks/testapp"
)

// A union's labels on a case are its own: the worker never reads them, and
// they stay behind when the case moves to another union.
func TestLabelsStayWithTheUnionThatWroteThem(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	c := newCaseCaller(t, app)
	q1 := "/api/collections/questions/records/{{q1}}"
	if s := c.send(testapp.Counsellor, "PATCH", q1, `{"labels":["{{labelA}}"]}`); s != 200 {
		t.Fatalf("labelling = %d", s)
	}
	if _, body := c.call(testapp.Counsellor, "GET", q1, ""); !strings.Contains(body, f.IDs["labelA"]) {
		t.Errorf("the counsellor does not read the case's label: %s", body)
	}
	if _, body := c.call(testapp.Worker, "GET", q1, ""); strings.Contains(body, `"labels"`) || strings.Contains(body, f.IDs["labelA"]) {
		t.Errorf("the worker reads the union's labels: %s", body)
	}
	// The queue filters by label id, on the question's own field.
	status, body := c.call(testapp.Counsellor, "GET", "/api/collections/questions/records?filter="+
		strings.ReplaceAll(`labels~"`+f.IDs["labelA"]+`"`, `"`, "%22"), "")
	if status != 200 || !strings.Contains(body, f.IDs["q1"]) {
		t.Errorf("filtering by label = %d %s", status, body)
	}

	if s := c.send(testapp.Counsellor, "POST", "/api/amem/questions/{{q1}}/transfer", `{"organisation":"{{orgB}}"}`); s != 200 {
		t.Fatal(s)
	}
	if got := c.question(app).GetStringSlice("labels"); len(got) != 1 {
		t.Errorf("while consent is pending the case is still Union A's, with its label; got %v", got)
	}
	if s := c.send(testapp.Worker, "POST", "/api/amem/questions/{{q1}}/consent", `{"accept":true}`); s != 200 {
		t.Fatal(s)
	}
	if got := c.question(app).GetStringSlice("labels"); len(got) != 0 {
		t.Errorf("the case went to Union B with Union A's labels %v", got)
	}
	if s := c.send(testapp.OtherOrg, "PATCH", q1, `{"labels":["{{labelA}}"]}`); s != 400 {
		t.Errorf("Union B labelling its case with Union A's label = %d, want 400", s)
	}
	if s := c.send(testapp.OtherOrg, "PATCH", q1, `{"labels":["{{labelB}}"]}`); s != 200 {
		t.Errorf("Union B labelling its case with its own label = %d, want 200", s)
	}
}
