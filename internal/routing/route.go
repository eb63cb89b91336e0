package routing

import (
	"strconv"
	"time"
)

// Route decides who answers a new question, how urgent it is and when the
// answer is due.
//
// The question goes to the best eligible counsellor (see Eligible): the least
// loaded relative to capacity, ties going to the one least recently assigned
// (never assigned first), then to the smaller ID. A counsellor at or over
// capacity is chosen only when every eligible counsellor is: we prefer an
// overloaded colleague who speaks the worker's language and covers the
// country to a coordinator who may do neither, and the least loaded of them
// still spreads the work.
//
// When nobody is eligible, the question goes to the least loaded active
// coordinator of an active organisation covering the country, whatever their
// language or topics (Level "coordinator", still Status "assigned"). When
// there is none, or the question names no country, it waits unassigned
// (Status "escalated") in the queue of the active fallback organisation
// (Level "fallback"), whose counsellors see it in their inbox; with no
// fallback organisation, in the superusers' queue: no counsellor, no
// organisation.
//
// The country is q.Country, or q.Destination when Country is empty (a worker
// preparing to leave). Codes are compared ignoring case.
func Route(q Question, orgs []Organisation, counsellors []Counsellor, now time.Time) Decision {
	return route(q, orgs, counsellors, now, "")
}

// route is Route without the counsellor whose ID is exclude.
func route(q Question, orgs []Organisation, counsellors []Counsellor, now time.Time, exclude string) Decision {
	d := place(q, orgs, counsellors, exclude)
	concern, urgent := urgentConcern(q.Text)
	d.Urgent = urgent
	d.Due = DueFor(urgent, d.Level, now)
	d.ExpectedWait = d.Due.Sub(now)
	if urgent {
		d.Why = append(d.Why, Because(ReasonUrgent, "concern", concern, "hours", strconv.Itoa(int(d.ExpectedWait/time.Hour))))
	}
	return d
}

// place chooses the counsellor, organisation, status and level, and says why.
func place(q Question, orgs []Organisation, counsellors []Counsellor, exclude string) Decision {
	country, _ := q.routedCountry()
	if country == "" {
		return unplaced(Because(ReasonNoCountry), orgs)
	}
	scope := scopeOf(q, exclude)

	if candidates := eligible(q, orgs, counsellors, exclude); len(candidates) > 0 {
		best := candidates[0]
		d := Decision{Counsellor: best.ID, Organisation: best.Organisation, Status: StatusAssigned, Level: LevelCounsellor}
		code := ReasonAssignedLeastLoaded
		switch {
		case best.full():
			code = ReasonAssignedAllFull
		case len(candidates) == 1:
			code = ReasonAssignedOnly
		}
		why := loadOf(best, code).with(scope...)
		if code != ReasonAssignedOnly {
			why = why.with("eligible", strconv.Itoa(len(candidates)))
		}
		d.Why = Reasons{why}
		return d
	}

	if coords := coordinators(country, orgs, counsellors, exclude); len(coords) > 0 {
		best := coords[0]
		return Decision{
			Counsellor: best.ID, Organisation: best.Organisation, Status: StatusAssigned, Level: LevelCoordinator,
			Why: Reasons{loadOf(best, ReasonCoordinator).with(scope...).with("coordinators", strconv.Itoa(len(coords)))},
		}
	}
	return unplaced(Because(ReasonNobodyCovers, scope...), orgs)
}

// unplaced is where a question nobody can take waits: the unassigned queue
// of the active fallback organisation, else the superusers' queue.
func unplaced(why Reason, orgs []Organisation) Decision {
	for _, o := range orgs {
		if o.Fallback && o.Active {
			return Decision{Organisation: o.ID, Status: StatusEscalated, Level: LevelFallback,
				Why: Reasons{why, Because(ReasonFallbackQueue, "org", o.ID)}}
		}
	}
	return Decision{Status: StatusEscalated, Level: LevelSuperusers, Why: Reasons{why, Because(ReasonSuperusersQueue)}}
}

// scopeOf is what the question asks of a counsellor, as reason parameters
// (see Reason).
func scopeOf(q Question, exclude string) []string {
	country, fromDestination := q.routedCountry()
	destination := ""
	if fromDestination {
		destination = "true"
	}
	return []string{"country", country, "destination", destination, "lang", clean(q.Lang), "topic", q.topicFilter(), "other_than", exclude}
}

// loadOf is the reason code with the chosen counsellor and their load.
func loadOf(c Counsellor, code string) Reason {
	return Because(code, "counsellor", c.ID, "org", c.Organisation, "open", strconv.Itoa(c.Open), "capacity", strconv.Itoa(c.Capacity))
}
