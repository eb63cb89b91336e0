package routing

import (
	"fmt"
	"time"
)

// Escalate re-routes a question whose answer is overdue (see Overdue). It
// never moves a case out of the organisation that holds it: handing a case
// to another union needs the worker's consent, which a timer cannot give.
// Within holdingOrg it routes like Route but never back to
// currentCounsellor: to the next best eligible counsellor, else to one of
// its coordinators. When nobody else in the organisation can take it, the
// case stays with its counsellor (or in the organisation's unassigned
// queue) with a fresh deadline, and the overdue notice tells them.
//
// A question no organisation holds (holdingOrg "": the superusers' queue)
// is placed like a new one, anywhere it fits: that is a first placement,
// not a move between unions.
//
// The new holder gets a fresh deadline from now (DueFor). The Reason starts
// "overdue: re-routed from <old> to <new>", "overdue: escalated to
// coordinator <id>", "overdue: kept in <org>" or "overdue: escalated to the
// superusers' queue", followed by the routing's own explanation.
func Escalate(q Question, currentCounsellor, holdingOrg string, orgs []Organisation, counsellors []Counsellor, now time.Time) Decision {
	within := orgs
	if holdingOrg != "" {
		// The holding organisation, covering the question's country
		// whatever its usual countries: it holds the case.
		country, _ := q.routedCountry()
		within = []Organisation{{ID: holdingOrg, Countries: []string{country}, Active: true}}
	}
	d := route(q, within, counsellors, now, currentCounsellor)
	from := currentCounsellor
	if from == "" {
		from = "nobody"
	}
	switch {
	case holdingOrg != "" && d.Organisation != holdingOrg:
		kept := d
		kept.Counsellor, kept.Organisation, kept.Status, kept.Level = currentCounsellor, holdingOrg, StatusAssigned, LevelCounsellor
		if currentCounsellor == "" {
			// It stays in the organisation's unassigned queue.
			kept.Status, kept.Level = StatusEscalated, LevelFallback
		}
		kept.Reason = fmt.Sprintf("overdue: kept in %s with %s, nobody else there can take it; due again", holdingOrg, from)
		return kept
	case d.Level == LevelCounsellor:
		d.Reason = fmt.Sprintf("overdue: re-routed from %s to %s; %s", from, d.Counsellor, d.Reason)
	case d.Level == LevelCoordinator:
		d.Reason = fmt.Sprintf("overdue: escalated to coordinator %s (from %s); %s", d.Counsellor, from, d.Reason)
	case d.Level == LevelFallback:
		d.Reason = fmt.Sprintf("overdue: moved to the fallback organisation's unassigned queue (from %s); %s", from, d.Reason)
	default:
		d.Reason = fmt.Sprintf("overdue: escalated to the superusers' queue (from %s); %s", from, d.Reason)
	}
	return d
}
