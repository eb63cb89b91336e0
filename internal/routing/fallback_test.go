package routing

import (
	"testing"
)

// With a fallback organisation, no question waits where no counsellor's
// inbox shows it: what no union covers goes to its unassigned queue.
func TestRouteUnplacedQuestionsGoToTheFallbackOrganisation(t *testing.T) {
	withFallback := append([]Organisation{{ID: "amem", Countries: []string{"MA"}, Active: true, Fallback: true}}, testOrgs...)
	inactiveFallback := append([]Organisation{{ID: "amem", Active: false, Fallback: true}}, testOrgs...)
	staff := []Counsellor{counsellor("rabat", "umt"), counsellor("tunis", "ugtt")}

	scenarios := []struct {
		name      string
		question  Question
		orgs      []Organisation
		wantOrg   string
		wantLevel string
	}{
		{"no country", Question{Lang: "ar"}, withFallback, "amem", LevelFallback},
		{"a country no union covers", Question{Country: "LY", Lang: "ar"}, withFallback, "amem", LevelFallback},
		{"a covered country still goes to its union", Question{Country: "TN", Lang: "ar"}, withFallback, "ugtt", LevelCounsellor},
		{"no fallback: the superusers' queue", Question{Country: "LY", Lang: "ar"}, testOrgs, "", LevelSuperusers},
		{"an inactive fallback takes nothing", Question{Country: "LY", Lang: "ar"}, inactiveFallback, "", LevelSuperusers},
	}
	for _, s := range scenarios {
		t.Run(s.name, func(t *testing.T) {
			d := Route(s.question, s.orgs, staff, testNow)
			if d.Organisation != s.wantOrg || d.Level != s.wantLevel {
				t.Fatalf("got organisation %q at level %q (%s), want %q at %q", d.Organisation, d.Level, d.Why.String(), s.wantOrg, s.wantLevel)
			}
			if s.wantLevel == LevelFallback && (d.Counsellor != "" || d.Status != StatusEscalated) {
				t.Fatalf("the fallback's queue is unassigned: got counsellor %q, status %q", d.Counsellor, d.Status)
			}
		})
	}
}

// An overdue question in the fallback's unassigned queue goes to one of its
// coordinators when one can take it, and otherwise stays in that queue.
func TestEscalateWithinTheFallbackOrganisation(t *testing.T) {
	orgs := append([]Organisation{{ID: "amem", Active: true, Fallback: true}}, testOrgs...)
	q := Question{Country: "LY", Lang: "ar"}

	d := Escalate(q, "", "amem", orgs, []Counsellor{counsellor("lead", "amem", coordinator)}, testNow)
	if d.Counsellor != "lead" || d.Organisation != "amem" || d.Status != StatusAssigned {
		t.Fatalf("got %+v, want the fallback's coordinator", d)
	}

	d = Escalate(q, "", "amem", orgs, []Counsellor{counsellor("tunis", "ugtt", coordinator)}, testNow)
	if d.Counsellor != "" || d.Organisation != "amem" || d.Status != StatusEscalated || d.Why.String() != "overdue_kept(org=amem)" {
		t.Fatalf("got %+v, want it kept unassigned in the fallback", d)
	}
}
