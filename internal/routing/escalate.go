package routing

import (
	"fmt"
	"time"
)

// Escalate re-routes a question whose answer is overdue (see Overdue). It
// routes like Route but never back to currentCounsellor: to the next best
// eligible counsellor, else to a coordinator, else to the superusers' queue.
// The new holder gets a fresh deadline from now (DueFor), since they start
// from nothing. currentCounsellor is "" when nobody held the question.
//
// The Reason starts "overdue: re-routed from <old> to <new>" when another
// counsellor takes it, and "overdue: escalated to coordinator <id>" or
// "overdue: escalated to the superusers' queue" otherwise, followed by the
// routing's own explanation.
func Escalate(q Question, currentCounsellor string, orgs []Organisation, counsellors []Counsellor, now time.Time) Decision {
	d := route(q, orgs, counsellors, now, currentCounsellor)
	from := currentCounsellor
	if from == "" {
		from = "nobody"
	}
	switch d.Level {
	case LevelCounsellor:
		d.Reason = fmt.Sprintf("overdue: re-routed from %s to %s; %s", from, d.Counsellor, d.Reason)
	case LevelCoordinator:
		d.Reason = fmt.Sprintf("overdue: escalated to coordinator %s (from %s); %s", d.Counsellor, from, d.Reason)
	default:
		d.Reason = fmt.Sprintf("overdue: escalated to the superusers' queue (from %s); %s", from, d.Reason)
	}
	return d
}
