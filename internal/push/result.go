package push

import "time"

// Outcome says what the caller should do with a message after a send.
type Outcome int

const (
	// Delivered: the push service accepted the message; forget it.
	Delivered Outcome = iota
	// Gone: the subscription expired or was withdrawn (404, 410); delete it.
	Gone
	// Retry: the push service is busy or failing (429, 5xx, network); send
	// again later, not before Result.RetryAfter.
	Retry
	// Failed: this message can never be delivered as it is (413, other 4xx,
	// bad keys, refused endpoint); drop it and keep the subscription.
	Failed
)

func (o Outcome) String() string {
	switch o {
	case Delivered:
		return "delivered"
	case Gone:
		return "gone"
	case Retry:
		return "retry"
	default:
		return "failed"
	}
}

// Result is what happened to one message.
type Result struct {
	Outcome    Outcome
	Status     int           // the last HTTP status, 0 when there was no answer
	Tries      int           // HTTP requests made
	RetryAfter time.Duration // for Retry: the wait the push service asked for, if any
	Err        error         // why it was not delivered; never contains the endpoint
}
