package routing

import "time"

// How long a question may wait for an answer. The worker is shown this as the
// expected wait, so it is a promise: shorten it only if counsellors can keep it.
var (
	// UrgentWithin is the time allowed for an urgent question (see IsUrgent):
	// someone may be confined, hurt or losing their papers right now.
	UrgentWithin = 4 * time.Hour
	// NormalWithin is the time allowed for any other question: two days,
	// so that a weekend evening question still gets an answer.
	NormalWithin = 48 * time.Hour
)

// DueFor returns when an answer is due for a question placed now. Urgency
// alone sets the time today: a question escalated to the superusers keeps the
// deadline its urgency gives, because the worker waits just as long. level is
// taken so that a per-level policy can be added without changing callers.
func DueFor(urgent bool, level string, now time.Time) time.Time {
	_ = level // same deadline at every level; see the doc comment
	if urgent {
		return now.Add(UrgentWithin)
	}
	return now.Add(NormalWithin)
}

// Overdue reports whether an answer due at due is late at now. A zero due
// means no deadline was set, which is never overdue; the due instant itself
// is still on time.
func Overdue(due, now time.Time) bool {
	return !due.IsZero() && now.After(due)
}
