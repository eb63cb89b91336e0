package cases

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// docMove is one row of the lifecycle table in docs/api.md.
type docMove struct {
	from, to []Status
	who      string
}

// lifecycleTable reads the table under "### The lifecycle of a case".
func lifecycleTable(t *testing.T) []docMove {
	t.Helper()
	raw, err := os.ReadFile("../../docs/api.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(raw)
	start := strings.Index(doc, "### The lifecycle of a case")
	if start < 0 {
		t.Fatal("docs/api.md has no lifecycle section")
	}
	section := doc[start:]
	if end := strings.Index(section[1:], "\n#"); end >= 0 {
		section = section[:end+1]
	}
	code := regexp.MustCompile("`([a-z_]+)`")
	statuses := func(cell string) []Status {
		var out []Status
		for _, m := range code.FindAllStringSubmatch(cell, -1) {
			if s := Status(m[1]); s.Valid() {
				out = append(out, s)
			}
		}
		return out
	}
	var rows []docMove
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(strings.Trim(line, " |"), " | ")
		if !strings.HasPrefix(line, "| ") || len(cells) != 4 || cells[0] == "from" {
			continue
		}
		rows = append(rows, docMove{from: statuses(cells[0]), to: statuses(cells[1]), who: cells[2]})
	}
	if len(rows) == 0 {
		t.Fatal("no rows in the lifecycle table")
	}
	return rows
}

func (r docMove) has(from, to Status) bool {
	in := func(s Status, list []Status) bool {
		for _, l := range list {
			if l == s {
				return true
			}
		}
		return false
	}
	return in(from, r.from) && in(to, r.to)
}

// Every move of the transition table is a row of the documented table, with
// the worker or a counsellor as who moves it where the code says so.
func TestLifecycleDocumentedWhole(t *testing.T) {
	rows := lifecycleTable(t)
	for m := range moves {
		found := false
		for _, r := range rows {
			who := strings.ToLower(r.who)
			if r.has(m.from, m.to) && (m.by == System || strings.Contains(who, string(m.by))) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("docs/api.md: no row for %s → %s by %s", m.from, m.to, m.by)
		}
	}
}

// Every documented move is one the transition table allows.
func TestLifecycleDocumentsOnlyAllowedMoves(t *testing.T) {
	for _, r := range lifecycleTable(t) {
		for _, from := range r.from {
			for _, to := range r.to {
				if !Allowed(from, to, System) && !Allowed(from, to, Worker) && !Allowed(from, to, Counsellor) {
					t.Errorf("docs/api.md lists %s → %s (%s), which internal/cases refuses", from, to, r.who)
				}
			}
		}
	}
}
