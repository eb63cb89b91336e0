package routing

import "time"

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
// The new holder gets a fresh deadline from now (DueFor). Why starts with
// an overdue_* reason (re-routed, to a coordinator, kept, to the fallback's
// queue, to the superusers' queue), followed by the routing's own reasons.
func Escalate(q Question, currentCounsellor, holdingOrg string, orgs []Organisation, counsellors []Counsellor, now time.Time) Decision {
	within := orgs
	if holdingOrg != "" {
		// The holding organisation, covering the question's country
		// whatever its usual countries: it holds the case.
		country, _ := q.routedCountry()
		within = []Organisation{{ID: holdingOrg, Countries: []string{country}, Active: true}}
	}
	d := route(q, within, counsellors, now, currentCounsellor)
	switch {
	case holdingOrg != "" && d.Organisation != holdingOrg:
		kept := d
		kept.Counsellor, kept.Organisation, kept.Status, kept.Level = currentCounsellor, holdingOrg, StatusAssigned, LevelCounsellor
		if currentCounsellor == "" {
			// It stays in the organisation's unassigned queue.
			kept.Status, kept.Level = StatusEscalated, LevelFallback
		}
		kept.Why = Reasons{Because(ReasonOverdueKept, "org", holdingOrg, "counsellor", currentCounsellor)}
		if d.Urgent {
			kept.Why = append(kept.Why, d.Why[len(d.Why)-1])
		}
		return kept
	case d.Level == LevelCounsellor:
		d.Why = append(Reasons{Because(ReasonOverdueRerouted, "from", currentCounsellor, "to", d.Counsellor)}, d.Why...)
	case d.Level == LevelCoordinator:
		d.Why = append(Reasons{Because(ReasonOverdueCoordinator, "from", currentCounsellor, "to", d.Counsellor)}, d.Why...)
	case d.Level == LevelFallback:
		d.Why = append(Reasons{Because(ReasonOverdueFallback, "from", currentCounsellor)}, d.Why...)
	default:
		d.Why = append(Reasons{Because(ReasonOverdueSuperusers, "from", currentCounsellor)}, d.Why...)
	}
	return d
}
