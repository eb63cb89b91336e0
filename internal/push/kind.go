package push

import (
	"fmt"
	"time"

	webpush "github.com/SherClockHolmes/webpush-go"
)

// Kind is what a notification is about.
type Kind string

// The kinds of notification AMEM sends.
const (
	KindAnswer     Kind = "answer"     // to a worker: a counsellor answered
	KindTransfer   Kind = "transfer"   // to a worker: the question went to another counsellor
	KindAssignment Kind = "assignment" // to a counsellor: a question was assigned to them
	KindOverdue    Kind = "overdue"    // to a counsellor: questions are past their due time
	KindAlert      Kind = "alert"      // to subscribers of a country: a published alert
)

// Kinds lists every kind, in a stable order.
var Kinds = []Kind{KindAnswer, KindTransfer, KindAssignment, KindOverdue, KindAlert}

// Policy is how long a push service keeps a notification for an offline
// phone (TTL) and how hard it tries to wake the phone (Urgency).
type Policy struct {
	TTL     time.Duration
	Urgency webpush.Urgency
}

// policies: an answer or a new case matters for a day or a shift and is worth
// waking the phone for; an alert stays relevant for days, but not at night.
var policies = map[Kind]Policy{
	KindAnswer:     {TTL: 24 * time.Hour, Urgency: webpush.UrgencyHigh},
	KindAssignment: {TTL: 4 * time.Hour, Urgency: webpush.UrgencyHigh},
	KindOverdue:    {TTL: 4 * time.Hour, Urgency: webpush.UrgencyNormal},
	KindAlert:      {TTL: 72 * time.Hour, Urgency: webpush.UrgencyNormal},
	KindTransfer:   {TTL: 24 * time.Hour, Urgency: webpush.UrgencyNormal},
}

// PolicyOf returns the TTL and Urgency of a kind.
func PolicyOf(kind Kind) (Policy, error) {
	p, ok := policies[kind]
	if !ok {
		return Policy{}, fmt.Errorf("push: unknown kind %q", kind)
	}
	return p, nil
}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool { _, ok := policies[k]; return ok }
