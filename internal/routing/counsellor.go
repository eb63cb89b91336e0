package routing

import (
	"slices"
	"strings"
	"time"
)

// Organisation is a union or institution whose counsellors answer questions.
type Organisation struct {
	ID        string
	Countries []string // ISO codes the organisation covers
	Active    bool
	Fallback  bool // takes, in its unassigned queue, what no other organisation covers
}

// Counsellor is someone who answers questions, with their current load.
type Counsellor struct {
	ID           string
	Organisation string   // Organisation.ID
	Countries    []string // countries they cover; empty means all of their organisation's
	Languages    []string // languages they answer in
	Topics       []string // topics they handle; empty means all topics
	Capacity     int      // open questions they can carry; below 1 counts as 1
	Open         int      // open questions they carry now
	Active       bool
	Coordinator  bool      // coordinates the organisation: last resort before the superusers
	LastAssigned time.Time // when they were last given a question; zero means never
}

// clean trims a code as typed in the dashboard; codes are compared without
// regard to case ("ma" and "MA" are the same country).
func clean(code string) string { return strings.TrimSpace(code) }

func sameCode(a, b string) bool { return strings.EqualFold(clean(a), clean(b)) }

// hasCode reports whether codes holds code, ignoring case and spaces.
func hasCode(codes []string, code string) bool {
	return slices.ContainsFunc(codes, func(c string) bool { return sameCode(c, code) })
}

// covers reports whether the organisation is active and covers country.
func (o Organisation) covers(country string) bool {
	return o.Active && country != "" && hasCode(o.Countries, country)
}

// capacity is the counsellor's capacity as used in load comparisons: the
// schema asks for at least 1, and a 0 must not make every ratio equal.
func (c Counsellor) capacity() int { return max(c.Capacity, 1) }

func (c Counsellor) open() int { return max(c.Open, 0) }

// full reports whether the counsellor carries as many questions as they can.
func (c Counsellor) full() bool { return c.open() >= c.capacity() }
