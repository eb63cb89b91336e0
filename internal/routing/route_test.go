package routing

import (
	"strings"
	"testing"
	"time"
)

func TestRoute(t *testing.T) {
	wages := Question{Country: "MA", Lang: "ar", Topic: "wages"}
	scenarios := []struct {
		name        string
		question    Question
		counsellors []Counsellor
		orgs        []Organisation // testOrgs when nil

		wantCounsellor, wantOrg, wantStatus, wantLevel string
		wantReason                                     string // a part of the reason
	}{
		// Eligibility, one criterion at a time.
		{
			name:           "the one eligible counsellor",
			question:       wages,
			counsellors:    []Counsellor{counsellor("a", "umt")},
			wantCounsellor: "a", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
			wantReason: "assigned_only(capacity=10, counsellor=a, country=MA, lang=ar, open=0, org=umt, topic=wages)",
		},
		{
			name:           "organisation does not cover the country",
			question:       wages,
			counsellors:    []Counsellor{counsellor("tn", "ugtt"), counsellor("a", "umt", load(9, 10))},
			wantCounsellor: "a", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
		},
		{
			name:     "counsellor's own countries narrow the organisation's",
			question: wages,
			counsellors: []Counsellor{
				counsellor("es-only", "umt", covering("ES")),
				counsellor("ma", "umt", covering("MA"), load(9, 10)),
			},
			wantCounsellor: "ma", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
		},
		{
			name:        "counsellor's own country the organisation does not cover",
			question:    Question{Country: "FR", Lang: "ar"},
			counsellors: []Counsellor{counsellor("a", "umt", covering("FR"))},
			wantStatus:  StatusEscalated, wantLevel: LevelSuperusers,
		},
		{
			name:           "empty countries mean the organisation's",
			question:       Question{Country: "ES", Lang: "ar"},
			counsellors:    []Counsellor{counsellor("a", "umt")},
			wantCounsellor: "a", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
		},
		{
			name:     "language",
			question: wages,
			counsellors: []Counsellor{
				counsellor("fr-only", "umt", speaks("fr")),
				counsellor("ar", "umt", speaks("ar"), load(9, 10)),
			},
			wantCounsellor: "ar", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
		},
		{
			name:     "topic",
			question: wages,
			counsellors: []Counsellor{
				counsellor("fees", "umt", handling("fees", "recruitment")),
				counsellor("wages", "umt", handling("fees", "wages"), load(9, 10)),
			},
			wantCounsellor: "wages", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
		},
		{
			name:           "empty topics mean all topics",
			question:       wages,
			counsellors:    []Counsellor{counsellor("fees", "umt", handling("fees")), counsellor("all", "umt", load(9, 10))},
			wantCounsellor: "all", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
		},
		{
			name:           "topic other is ignored",
			question:       Question{Country: "MA", Lang: "ar", Topic: TopicOther},
			counsellors:    []Counsellor{counsellor("fees", "umt", handling("fees"))},
			wantCounsellor: "fees", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
			wantReason: "country=MA, lang=ar",
		},
		{
			name:           "no topic is ignored",
			question:       Question{Country: "MA", Lang: "ar"},
			counsellors:    []Counsellor{counsellor("fees", "umt", handling("fees"))},
			wantCounsellor: "fees", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
		},
		{
			name:           "inactive counsellor",
			question:       wages,
			counsellors:    []Counsellor{counsellor("away", "umt", inactive), counsellor("here", "umt", load(9, 10))},
			wantCounsellor: "here", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
		},
		{
			name:           "inactive organisation",
			question:       wages,
			counsellors:    []Counsellor{counsellor("closed", "closed"), counsellor("umt", "umt", load(9, 10))},
			wantCounsellor: "umt", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
		},
		{
			name:           "unknown organisation",
			question:       wages,
			counsellors:    []Counsellor{counsellor("ghost", "nowhere"), counsellor("", ""), counsellor("umt", "umt", load(9, 10))},
			wantCounsellor: "umt", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
		},
		{
			name:           "codes compare without case or spaces",
			question:       Question{Country: "ma ", Lang: "AR", Topic: "Wages"},
			counsellors:    []Counsellor{counsellor("a", "umt", speaks(" ar"), covering("Ma"), handling("WAGES"))},
			wantCounsellor: "a", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
		},
		{
			name:        "no language given",
			question:    Question{Country: "MA"},
			counsellors: []Counsellor{counsellor("a", "umt")},
			wantStatus:  StatusEscalated, wantLevel: LevelSuperusers,
			wantReason: "nobody_covers(country=MA); superusers_queue",
		},

		// Load, then fairness.
		{
			name:           "3/10 is less loaded than 1/2",
			question:       wages,
			counsellors:    []Counsellor{counsellor("half", "umt", load(1, 2)), counsellor("third", "umt", load(3, 10))},
			wantCounsellor: "third", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
			wantReason: "capacity=10, counsellor=",
		},
		{
			name:           "3/10 is less loaded than 1/2, whatever the order",
			question:       wages,
			counsellors:    []Counsellor{counsellor("third", "umt", load(3, 10)), counsellor("half", "umt", load(1, 2))},
			wantCounsellor: "third", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
		},
		{
			name:     "across organisations covering the same country",
			question: Question{Country: "QA", Lang: "ar"},
			counsellors: []Counsellor{
				counsellor("tunis", "ugtt", load(4, 10)),
				counsellor("doha", "gulf", load(1, 10)),
			},
			wantCounsellor: "doha", wantOrg: "gulf", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
		},
		{
			name:     "equal load: never assigned goes first",
			question: wages,
			counsellors: []Counsellor{
				counsellor("a", "umt", load(1, 2), lastAssigned(100)),
				counsellor("z", "umt", load(5, 10)),
			},
			wantCounsellor: "z", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
		},
		{
			name:     "equal load: least recently assigned goes first",
			question: wages,
			counsellors: []Counsellor{
				counsellor("a", "umt", load(2, 4), lastAssigned(1)),
				counsellor("b", "umt", load(2, 4), lastAssigned(30)),
				counsellor("c", "umt", load(2, 4), lastAssigned(5)),
			},
			wantCounsellor: "b", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
		},
		{
			name:     "equal load and last assignment: smallest ID",
			question: wages,
			counsellors: []Counsellor{
				counsellor("m", "umt", load(2, 4), lastAssigned(3)),
				counsellor("k", "umt", load(1, 2), lastAssigned(3)),
				counsellor("x", "umt", load(2, 4), lastAssigned(3)),
			},
			wantCounsellor: "k", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
		},
		{
			name:           "capacity below 1 counts as 1",
			question:       wages,
			counsellors:    []Counsellor{counsellor("zero", "umt", load(0, 0)), counsellor("half", "umt", load(1, 2))},
			wantCounsellor: "zero", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
		},

		// Capacity.
		{
			name:           "room beats full, even when full is less recently assigned",
			question:       wages,
			counsellors:    []Counsellor{counsellor("full", "umt", load(10, 10)), counsellor("busy", "umt", load(9, 10), lastAssigned(1))},
			wantCounsellor: "busy", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
		},
		{
			name:     "all full: the least loaded relative to capacity",
			question: wages,
			counsellors: []Counsellor{
				counsellor("over", "umt", load(5, 4)),
				counsellor("twelve", "umt", load(12, 10)),
				counsellor("coord", "umt", coordinator, speaks("en")),
			},
			wantCounsellor: "twelve", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
			wantReason: "assigned_all_full(capacity=10, counsellor=twelve, country=MA, eligible=2, lang=ar, open=12, org=umt, topic=wages)",
		},

		// Coordinators.
		{
			name:     "nobody speaks the language: least loaded coordinator",
			question: Question{Country: "MA", Lang: "en", Topic: "wages"},
			counsellors: []Counsellor{
				counsellor("a", "umt"),
				counsellor("busy-coord", "umt", coordinator, load(2, 5)),
				counsellor("coord", "umt", coordinator, load(1, 5), handling("fees"), covering("ES")),
				counsellor("tn-coord", "ugtt", coordinator),
			},
			wantCounsellor: "coord", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCoordinator,
			wantReason: "coordinator(capacity=5, coordinators=2, counsellor=coord, country=MA, lang=en, open=1, org=umt, topic=wages)",
		},
		{
			name:     "a coordinator who fits is an ordinary counsellor",
			question: wages,
			counsellors: []Counsellor{
				counsellor("coord", "umt", coordinator, load(1, 10)),
				counsellor("a", "umt", load(2, 10)),
			},
			wantCounsellor: "coord", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
		},
		{
			name:        "inactive coordinator",
			question:    Question{Country: "MA", Lang: "en"},
			counsellors: []Counsellor{counsellor("coord", "umt", coordinator, inactive)},
			wantStatus:  StatusEscalated, wantLevel: LevelSuperusers,
		},
		{
			name:        "coordinator of an inactive organisation",
			question:    Question{Country: "MA", Lang: "en"},
			counsellors: []Counsellor{counsellor("coord", "closed", coordinator)},
			wantStatus:  StatusEscalated, wantLevel: LevelSuperusers,
		},

		// The superusers' queue.
		{
			name:        "nobody at all",
			question:    wages,
			counsellors: nil,
			wantStatus:  StatusEscalated, wantLevel: LevelSuperusers,
			wantReason: "nobody_covers(country=MA, lang=ar, topic=wages); superusers_queue",
		},
		{
			name:        "no organisation covers the country",
			question:    Question{Country: "LY", Lang: "ar"},
			counsellors: []Counsellor{counsellor("a", "umt"), counsellor("coord", "umt", coordinator)},
			wantStatus:  StatusEscalated, wantLevel: LevelSuperusers,
		},
		{
			name:        "no country and no destination",
			question:    Question{Lang: "ar"},
			counsellors: []Counsellor{counsellor("a", "umt"), counsellor("coord", "umt", coordinator)},
			wantStatus:  StatusEscalated, wantLevel: LevelSuperusers,
			wantReason: "no_country; superusers_queue",
		},

		// Country or destination.
		{
			name:           "empty country: the destination decides",
			question:       Question{Destination: "ES", Lang: "ar"},
			counsellors:    []Counsellor{counsellor("ma", "umt", covering("MA")), counsellor("es", "umt", covering("ES"), load(9, 10))},
			wantCounsellor: "es", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
			wantReason: "country=ES, destination=true,",
		},
		{
			name:           "the country wins over the destination",
			question:       Question{Country: "MA", Destination: "ES", Lang: "ar"},
			counsellors:    []Counsellor{counsellor("ma", "umt", covering("MA"), load(9, 10)), counsellor("es", "umt", covering("ES"))},
			wantCounsellor: "ma", wantOrg: "umt", wantStatus: StatusAssigned, wantLevel: LevelCounsellor,
		},
	}
	for _, s := range scenarios {
		t.Run(s.name, func(t *testing.T) {
			orgs := s.orgs
			if orgs == nil {
				orgs = testOrgs
			}
			got := Route(s.question, orgs, s.counsellors, testNow)
			if got.Counsellor != s.wantCounsellor || got.Organisation != s.wantOrg || got.Status != s.wantStatus || got.Level != s.wantLevel {
				t.Errorf("got %q of %q, %s at %s level; want %q of %q, %s at %s level\nreason: %s",
					got.Counsellor, got.Organisation, got.Status, got.Level,
					s.wantCounsellor, s.wantOrg, s.wantStatus, s.wantLevel, got.Why.String())
			}
			if !strings.Contains(got.Why.String(), s.wantReason) {
				t.Errorf("reason %q\ndoes not contain %q", got.Why.String(), s.wantReason)
			}
		})
	}
}

func TestRouteUrgencyAndDeadline(t *testing.T) {
	counsellors := []Counsellor{counsellor("a", "umt")}
	scenarios := []struct {
		name       string
		question   Question
		wantLevel  string
		wantUrgent bool
		wantWait   time.Duration
		wantReason string
	}{
		{"ordinary question", Question{Country: "MA", Lang: "ar", Text: "How many days of leave do I have?"}, LevelCounsellor, false, 48 * time.Hour, "assigned_only(capacity=10, counsellor=a, country=MA, lang=ar, open=0, org=umt)"},
		{"urgent question", Question{Country: "MA", Lang: "ar", Text: "صاحب العمل يحتفظ بجوازي"}, LevelCounsellor, true, 4 * time.Hour, "; urgent(concern=documents, hours=4)"},
		{"urgent question for the superusers", Question{Country: "LY", Lang: "ar", Text: "He beats me."}, LevelSuperusers, true, 4 * time.Hour, "; urgent(concern=violence, hours=4)"},
		{"ordinary question for the superusers", Question{Lang: "fr", Text: "Je dois renouveler mon passeport."}, LevelSuperusers, false, 48 * time.Hour, "no_country; superusers_queue"},
	}
	for _, s := range scenarios {
		t.Run(s.name, func(t *testing.T) {
			got := Route(s.question, testOrgs, counsellors, testNow)
			if got.Level != s.wantLevel || got.Urgent != s.wantUrgent {
				t.Errorf("got level %s, urgent %v; want %s, %v", got.Level, got.Urgent, s.wantLevel, s.wantUrgent)
			}
			if got.ExpectedWait != s.wantWait || !got.Due.Equal(testNow.Add(s.wantWait)) {
				t.Errorf("got due %v, wait %v; want wait %v", got.Due, got.ExpectedWait, s.wantWait)
			}
			if !strings.HasSuffix(got.Why.String(), s.wantReason) {
				t.Errorf("reason %q\ndoes not end with %q", got.Why.String(), s.wantReason)
			}
			if strings.Contains(got.Why.String(), s.question.Text) {
				t.Errorf("reason %q quotes the worker", got.Why.String())
			}
		})
	}
}

func TestEligibleOrder(t *testing.T) {
	counsellors := []Counsellor{
		counsellor("full", "umt", load(10, 10)),
		counsellor("later", "umt", load(1, 4), lastAssigned(1)),
		counsellor("fr", "umt", speaks("fr")),
		counsellor("empty", "umt", load(0, 3), lastAssigned(2)),
		counsellor("earlier", "umt", load(2, 8), lastAssigned(9)),
		counsellor("over", "umt", load(7, 5)),
	}
	var got []string
	for _, c := range Eligible(Question{Country: "MA", Lang: "ar"}, testOrgs, counsellors) {
		got = append(got, c.ID)
	}
	want := "empty earlier later full over"
	if strings.Join(got, " ") != want {
		t.Errorf("got %v, want %s", got, want)
	}
	if got := Eligible(Question{Lang: "ar"}, testOrgs, counsellors); got != nil {
		t.Errorf("no country: got %v, want nil", got)
	}
}
