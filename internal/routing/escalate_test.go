package routing

import (
	"strings"
	"testing"
	"time"
)

func TestEscalate(t *testing.T) {
	wages := Question{Country: "MA", Lang: "ar", Topic: "wages"}
	scenarios := []struct {
		name        string
		question    Question
		current     string
		counsellors []Counsellor

		wantCounsellor, wantOrg, wantStatus, wantLevel string
		wantReason                                     string // the reason's beginning
	}{
		{
			name:     "next best counsellor",
			question: wages,
			current:  "a",
			counsellors: []Counsellor{
				counsellor("a", "umt", load(1, 10)), // still the least loaded: must not get it back
				counsellor("b", "umt", load(5, 10)),
				counsellor("c", "umt", load(6, 10)),
			},
			wantCounsellor: "b", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
			wantReason: "overdue: re-routed from a to b; assigned to counsellor b of umt (load 5/10), the least loaded of 2 eligible counsellors for country MA, language ar, topic wages, other than a",
		},
		{
			name:     "across organisations",
			question: Question{Country: "QA", Lang: "ar"},
			current:  "tunis",
			counsellors: []Counsellor{
				counsellor("tunis", "ugtt"),
				counsellor("doha", "gulf", load(9, 10)),
			},
			wantCounsellor: "doha", wantOrg: "gulf", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
			wantReason: "overdue: re-routed from tunis to doha; ",
		},
		{
			name:     "nobody else eligible: a coordinator",
			question: wages,
			current:  "a",
			counsellors: []Counsellor{
				counsellor("a", "umt"),
				counsellor("coord", "umt", coordinator, speaks("fr"), load(3, 5)),
			},
			wantCounsellor: "coord", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCoordinator,
			wantReason: "overdue: escalated to coordinator coord (from a); no eligible counsellor for country MA, language ar, topic wages, other than a; ",
		},
		{
			name:        "nobody else: the superusers",
			question:    wages,
			current:     "a",
			counsellors: []Counsellor{counsellor("a", "umt")},
			wantStatus:  StatusEscalated, wantLevel: LevelSuperusers,
			wantReason: "overdue: escalated to the superusers' queue (from a); ",
		},
		{
			name:        "the late coordinator is not asked again",
			question:    Question{Country: "MA", Lang: "en"},
			current:     "coord",
			counsellors: []Counsellor{counsellor("coord", "umt", coordinator)},
			wantStatus:  StatusEscalated, wantLevel: LevelSuperusers,
			wantReason: "overdue: escalated to the superusers' queue (from coord); ",
		},
		{
			name:           "from the superusers' queue to a counsellor who has appeared",
			question:       wages,
			current:        "",
			counsellors:    []Counsellor{counsellor("new", "umt")},
			wantCounsellor: "new", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
			wantReason: "overdue: re-routed from nobody to new; ",
		},
	}
	for _, s := range scenarios {
		t.Run(s.name, func(t *testing.T) {
			got := Escalate(s.question, s.current, testOrgs, s.counsellors, testNow)
			if got.Counsellor != s.wantCounsellor || got.Organisation != s.wantOrg || got.Status != s.wantStatus || got.Level != s.wantLevel {
				t.Errorf("got %q of %q, %s at %s level; want %q of %q, %s at %s level\nreason: %s",
					got.Counsellor, got.Organisation, got.Status, got.Level,
					s.wantCounsellor, s.wantOrg, s.wantStatus, s.wantLevel, got.Reason)
			}
			if !strings.HasPrefix(got.Reason, s.wantReason) {
				t.Errorf("reason %q\ndoes not start with %q", got.Reason, s.wantReason)
			}
			if got.ExpectedWait != NormalWithin || !got.Due.Equal(testNow.Add(NormalWithin)) {
				t.Errorf("got due %v, wait %v; want a fresh %v from now", got.Due, got.ExpectedWait, NormalWithin)
			}
		})
	}
}

func TestEscalateKeepsUrgency(t *testing.T) {
	q := Question{Country: "MA", Lang: "fr", Text: "Il me frappe."}
	got := Escalate(q, "a", testOrgs, []Counsellor{counsellor("a", "umt"), counsellor("b", "umt")}, testNow)
	if !got.Urgent || got.ExpectedWait != 4*time.Hour || got.Counsellor != "b" {
		t.Errorf("got %q, urgent %v, wait %v; want b, urgent, 4h", got.Counsellor, got.Urgent, got.ExpectedWait)
	}
	if want := "; urgent: mentions violence, answer due within 4h"; !strings.HasSuffix(got.Reason, want) {
		t.Errorf("reason %q does not end with %q", got.Reason, want)
	}
}
