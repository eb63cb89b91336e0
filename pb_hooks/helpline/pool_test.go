package helpline

import (
	"strings"
	"testing"

	"github.com/pocketbase/dbx"

	"amem/pb_hooks/testapp"
)

// TestCounsellorLoadsReadOnlyOpenCases: routing a question reads each
// counsellor's load through indexes (SQLite's plan searches, never scans, the
// questions table), so a create costs the same with 100 or 100,000 questions
// stored (BenchmarkCreateQuestion shows it).
func TestCounsellorLoadsReadOnlyOpenCases(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	q := loadsQuery(app)
	var plan []struct {
		Detail string `db:"detail"`
	}
	if err := app.DB().NewQuery("EXPLAIN QUERY PLAN " + q.SQL()).Bind(dbx.Params(q.Params())).All(&plan); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, p := range plan {
		lines = append(lines, p.Detail)
	}
	t.Logf("plan:\n%s", strings.Join(lines, "\n"))
	for _, l := range lines {
		if strings.HasPrefix(l, "SCAN") && strings.Contains(l, "questions") {
			t.Fatalf("the loads scan the questions table:\n%s", strings.Join(lines, "\n"))
		}
	}
}
