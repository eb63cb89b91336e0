package cases

import "testing"

func TestAllowed(t *testing.T) {
	for _, tc := range []struct {
		from, to Status
		by       Actor
		want     bool
	}{
		{New, Assigned, System, true},
		{New, Escalated, System, true},
		{Assigned, Answered, System, true},
		{Answered, Assigned, System, true},
		{Closed, Assigned, System, true},
		{Assigned, AwaitingConsent, System, true},
		{AwaitingConsent, Answered, System, true}, // a refusal puts back what it was
		{AwaitingConsent, New, System, true},      // accepted, nobody fits yet at the receiver
		{Closed, AwaitingConsent, System, false},  // a closed case is not handed over
		{Answered, Closed, Worker, true},
		{AwaitingConsent, Closed, Worker, true},
		{Closed, Assigned, Worker, false}, // a worker reopens by writing, not by setting a status
		{Assigned, Answered, Worker, false},
		{Assigned, Closed, Counsellor, true},
		{Closed, Assigned, Counsellor, true},
		{AwaitingConsent, Closed, Counsellor, false}, // the worker is deciding
		{Assigned, Answered, Counsellor, false},      // answering is writing a message
		{Assigned, Escalated, Counsellor, false},
		{Answered, Answered, Worker, true}, // no move
	} {
		if got := Allowed(tc.from, tc.to, tc.by); got != tc.want {
			t.Errorf("Allowed(%s → %s by %s) = %v, want %v", tc.from, tc.to, tc.by, got, tc.want)
		}
	}
}

func TestOpenAndClock(t *testing.T) {
	for _, tc := range []struct {
		s           Status
		open, clock bool
	}{
		{New, true, true},
		{Assigned, true, true},
		{Escalated, true, true},
		{AwaitingConsent, true, false},
		{Answered, false, false},
		{Closed, false, false},
	} {
		if tc.s.Open() != tc.open || tc.s.ClockRuns() != tc.clock {
			t.Errorf("%s: open %v clock %v, want %v %v", tc.s, tc.s.Open(), tc.s.ClockRuns(), tc.open, tc.clock)
		}
	}
	if len(OpenStatuses) != 4 || len(ClockStatuses) != 3 {
		t.Errorf("OpenStatuses %v, ClockStatuses %v", OpenStatuses, ClockStatuses)
	}
}

func TestMessagesMoveTheCase(t *testing.T) {
	for _, tc := range []struct {
		s                Status
		answer, followUp Status
	}{
		{Assigned, Answered, Assigned},
		{Escalated, Answered, Escalated},
		{Answered, Answered, Assigned},
		{Closed, Answered, Assigned},
		{AwaitingConsent, AwaitingConsent, AwaitingConsent}, // answering never cancels a transfer
	} {
		if got := AfterCounsellorAnswer(tc.s); got != tc.answer {
			t.Errorf("answer on %s → %s, want %s", tc.s, got, tc.answer)
		}
		if got := AfterWorkerMessage(tc.s); got != tc.followUp {
			t.Errorf("follow-up on %s → %s, want %s", tc.s, got, tc.followUp)
		}
	}
	for _, s := range Statuses {
		if !s.Valid() {
			t.Errorf("%s not valid", s)
		}
		for _, to := range []Status{AfterCounsellorAnswer(s), AfterWorkerMessage(s)} {
			if !Allowed(s, to, System) {
				t.Errorf("%s → %s by a message is not in the table", s, to)
			}
		}
	}
	if Status("done").Valid() {
		t.Error(`"done" is valid`)
	}
}
