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
			wantReason: "overdue_rerouted(from=a, to=b); assigned_least_loaded(capacity=10, counsellor=b, country=MA, eligible=2, lang=ar, open=5, org=umt, other_than=a, topic=wages)",
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
			wantReason: "overdue_kept(counsellor=tunis, org=ugtt)",
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
			wantReason: "overdue_rerouted(from=tunis, to=sfax); ",
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
			wantReason: "overdue_coordinator(from=a, to=coord); coordinator(capacity=5, coordinators=1, counsellor=coord, country=MA, lang=ar, open=3, org=umt, other_than=a, topic=wages)",
		},
		{
			name:           "nobody else: it stays with its counsellor",
			question:       wages,
			current:        "a",
			holding:        "umt",
			counsellors:    []Counsellor{counsellor("a", "umt")},
			wantCounsellor: "a", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
			wantReason: "overdue_kept(counsellor=a, org=umt)",
		},
		{
			name:        "held by nobody, and nobody fits: the superusers",
			question:    Question{Country: "MA", Lang: "en"},
			current:     "",
			counsellors: []Counsellor{counsellor("coord", "gulf", coordinator)},
			wantStatus:  StatusEscalated, wantLevel: LevelSuperusers,
			wantReason: "overdue_superusers; nobody_covers(country=MA, lang=en); superusers_queue",
		},
		{
			name:           "from the superusers' queue to a counsellor who has appeared",
			question:       wages,
			current:        "",
			counsellors:    []Counsellor{counsellor("new", "umt")},
			wantCounsellor: "new", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
			wantReason: "overdue_rerouted(to=new); ",
		},
	}
	for _, s := range scenarios {
		t.Run(s.name, func(t *testing.T) {
			got := Escalate(s.question, s.current, s.holding, testOrgs, s.counsellors, testNow)
			if got.Counsellor != s.wantCounsellor || got.Organisation != s.wantOrg || got.Status != s.wantStatus || got.Level != s.wantLevel {
				t.Errorf("got %q of %q, %s at %s level; want %q of %q, %s at %s level\nreason: %s",
					got.Counsellor, got.Organisation, got.Status, got.Level,
					s.wantCounsellor, s.wantOrg, s.wantStatus, s.wantLevel, got.Why.String())
			}
			if !strings.HasPrefix(got.Why.String(), s.wantReason) {
				t.Errorf("reason %q\ndoes not start with %q", got.Why.String(), s.wantReason)
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
	if want := "; urgent(concern=violence, hours=4)"; !strings.HasSuffix(got.Why.String(), want) {
		t.Errorf("reason %q does not end with %q", got.Why.String(), want)
	}
}
