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
		holding     string // the organisation holding the case
		counsellors []Counsellor

		wantCounsellor, wantOrg, wantStatus, wantLevel string
		wantReason                                     string // the reason's beginning
	}{
		{
			name:     "next best counsellor",
			question: wages,
			current:  "a",
			holding:  "umt",
			counsellors: []Counsellor{
				counsellor("a", "umt", load(1, 10)), // still the least loaded: must not get it back
				counsellor("b", "umt", load(5, 10)),
				counsellor("c", "umt", load(6, 10)),
			},
			wantCounsellor: "b", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
			wantReason: "overdue: re-routed from a to b; assigned to counsellor b of umt (load 5/10), the least loaded of 2 eligible counsellors for country MA, language ar, topic wages, other than a",
		},
		{
			name:     "never to another organisation without the worker's consent",
			question: Question{Country: "QA", Lang: "ar"},
			current:  "tunis",
			holding:  "ugtt",
			counsellors: []Counsellor{
				counsellor("tunis", "ugtt"),
				counsellor("doha", "gulf", load(1, 10)),
			},
			wantCounsellor: "tunis", wantOrg: "ugtt", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
			wantReason: "overdue: kept in ugtt with tunis, nobody else there can take it; due again",
		},
		{
			name:     "a colleague outside the organisation's usual countries",
			question: Question{Country: "QA", Lang: "ar"},
			current:  "tunis",
			holding:  "ugtt",
			counsellors: []Counsellor{
				counsellor("tunis", "ugtt"),
				counsellor("sfax", "ugtt", load(2, 10)),
				counsellor("doha", "gulf", load(1, 10)),
			},
			wantCounsellor: "sfax", wantOrg: "ugtt", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
			wantReason: "overdue: re-routed from tunis to sfax; ",
		},
		{
			name:     "nobody else eligible: a coordinator",
			question: wages,
			current:  "a",
			holding:  "umt",
			counsellors: []Counsellor{
				counsellor("a", "umt"),
				counsellor("coord", "umt", coordinator, speaks("fr"), load(3, 5)),
			},
			wantCounsellor: "coord", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCoordinator,
			wantReason: "overdue: escalated to coordinator coord (from a); no eligible counsellor for country MA, language ar, topic wages, other than a; ",
		},
		{
			name:           "nobody else: it stays with its counsellor",
			question:       wages,
			current:        "a",
			holding:        "umt",
			counsellors:    []Counsellor{counsellor("a", "umt")},
			wantCounsellor: "a", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
			wantReason: "overdue: kept in umt with a, nobody else there can take it; due again",
		},
		{
			name:        "held by nobody, and nobody fits: the superusers",
			question:    Question{Country: "MA", Lang: "en"},
			current:     "",
			counsellors: []Counsellor{counsellor("coord", "gulf", coordinator)},
			wantStatus:  StatusEscalated, wantLevel: LevelSuperusers,
			wantReason: "overdue: escalated to the superusers' queue (from nobody); ",
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
			got := Escalate(s.question, s.current, s.holding, testOrgs, s.counsellors, testNow)
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
	got := Escalate(q, "a", "umt", testOrgs, []Counsellor{counsellor("a", "umt"), counsellor("b", "umt")}, testNow)
	if !got.Urgent || got.ExpectedWait != 4*time.Hour || got.Counsellor != "b" {
		t.Errorf("got %q, urgent %v, wait %v; want b, urgent, 4h", got.Counsellor, got.Urgent, got.ExpectedWait)
	}
	if want := "; urgent: mentions violence, answer due within 4h"; !strings.HasSuffix(got.Reason, want) {
		t.Errorf("reason %q does not end with %q", got.Reason, want)
	}
}
