// Package cases is the question lifecycle: the statuses a case goes
// through, which of them are open, and who may move a case from one to
// another. The schema's status values, the record hooks, the SQL of the
// loads and the overdue job, and the two web apps take their vocabulary
// from here (the migrations' select values are tested equal to Statuses).
//
//	new ──route──▶ assigned ──answer──▶ answered ──close──▶ closed
//	 │               ▲  │                  │  ▲                │
//	 └──nobody fits─▶ escalated            │  └─follow-up──────┤ (back to assigned)
//	                    │                  │                   │
//	 any open ──transfer out──▶ awaiting_consent ──accept──▶ new/assigned (receiver)
//	                                      └──refuse──▶ the status it had
package cases

// Status is where a case stands.
type Status string

// The statuses, in the order the schema lists them.
const (
	New             Status = "new"              // just asked, not yet routed
	Assigned        Status = "assigned"         // a counsellor (or a coordinator) has it
	Answered        Status = "answered"         // a counsellor answered; the worker may follow up
	AwaitingConsent Status = "awaiting_consent" // a hand-over to another union waits for the worker
	Escalated       Status = "escalated"        // nobody fits: it waits in the superusers' queue
	Closed          Status = "closed"           // solved, by the worker or a counsellor
)

// Statuses lists every status, in schema order.
var Statuses = []Status{New, Assigned, Answered, Closed, Escalated, AwaitingConsent}

// Strings returns the statuses as strings (for select fields and SQL).
func Strings(statuses []Status) []string {
	out := make([]string, len(statuses))
	for i, s := range statuses {
		out[i] = string(s)
	}
	return out
}

// Valid reports whether s is one of Statuses.
func (s Status) Valid() bool {
	for _, known := range Statuses {
		if s == known {
			return true
		}
	}
	return false
}

// Open reports whether the case is unresolved: it is in its holder's queue
// and counts in their load. A case waiting for the worker's consent to a
// hand-over is open: its union still holds it until the worker answers.
func (s Status) Open() bool {
	return s == New || s == Assigned || s == Escalated || s == AwaitingConsent
}

// ClockRuns reports whether the answer deadline (due) applies: the case
// waits on a counsellor. It does not while the worker is the one to answer
// (answered, awaiting consent) or once the case is closed.
func (s Status) ClockRuns() bool {
	return s == New || s == Assigned || s == Escalated
}

// OpenStatuses and ClockStatuses list the statuses of Open and ClockRuns,
// for queries.
var (
	OpenStatuses  = filter(Status.Open)
	ClockStatuses = filter(Status.ClockRuns)
)

func filter(keep func(Status) bool) []Status {
	var out []Status
	for _, s := range Statuses {
		if keep(s) {
			out = append(out, s)
		}
	}
	return out
}

// Actor is who moves a case.
type Actor string

// The actors.
const (
	System     Actor = "system"     // routing, the overdue job, the consent answer
	Worker     Actor = "worker"     // the worker who asked
	Counsellor Actor = "counsellor" // a counsellor of the organisation holding the case
)

// move is one allowed transition.
type move struct {
	from, to Status
	by       Actor
}

// moves is the whole table of allowed transitions. Anything else is refused.
var moves = func() map[move]bool {
	m := map[move]bool{}
	allow := func(by Actor, to Status, from ...Status) {
		for _, f := range from {
			m[move{f, to, by}] = true
		}
	}
	// Routing and the overdue job.
	allow(System, Assigned, New, Assigned, Escalated)
	allow(System, Escalated, New, Assigned, Escalated)
	// A counsellor's answer; a worker's follow-up gives it back to them.
	allow(System, Answered, Assigned, Escalated, New, Closed)
	allow(System, Assigned, Answered, Closed)
	// A hand-over outside the organisation asks the worker first; their
	// answer moves it (to the receiver: new or assigned) or puts it back.
	allow(System, AwaitingConsent, New, Assigned, Answered, Escalated)
	allow(System, New, AwaitingConsent)
	allow(System, Assigned, AwaitingConsent)
	allow(System, Answered, AwaitingConsent)
	allow(System, Escalated, AwaitingConsent)
	// The worker marks it solved.
	allow(Worker, Closed, New, Assigned, Answered, Escalated, AwaitingConsent)
	// The holding counsellor closes it, or reopens it.
	allow(Counsellor, Closed, New, Assigned, Answered, Escalated)
	allow(Counsellor, Assigned, Closed)
	return m
}()

// Allowed reports whether by may move a case from one status to another.
// Staying in the same status is always allowed (nothing moves).
func Allowed(from, to Status, by Actor) bool {
	return from == to || moves[move{from, to, by}]
}

// AfterCounsellorAnswer is the status after a counsellor's (non-internal)
// answer. While a hand-over waits for the worker's consent the case stays
// waiting: answering must not cancel the transfer.
func AfterCounsellorAnswer(s Status) Status {
	if s == AwaitingConsent {
		return s
	}
	return Answered
}

// AfterWorkerMessage is the status after a worker's follow-up: an answered
// or closed case goes back to its counsellor, anything else stays.
func AfterWorkerMessage(s Status) Status {
	if s == Answered || s == Closed {
		return Assigned
	}
	return s
}

// Reopens reports whether a worker's follow-up reopens the case (and so
// gives it a fresh answer deadline).
func Reopens(s Status) bool { return AfterWorkerMessage(s) != s }
