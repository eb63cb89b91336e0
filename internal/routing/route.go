package routing

import (
	"fmt"
	"strings"
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
		d.Reason += fmt.Sprintf("; urgent: mentions %s, answer due within %s", concern, hours(d.ExpectedWait))
	}
	return d
}

// place chooses the counsellor, organisation, status and level, and says why.
func place(q Question, orgs []Organisation, counsellors []Counsellor, exclude string) Decision {
	country, _ := q.routedCountry()
	if country == "" {
		return unplaced("no country or destination given", orgs)
	}
	scope := describeScope(q, exclude)

	if candidates := eligible(q, orgs, counsellors, exclude); len(candidates) > 0 {
		best := candidates[0]
		d := Decision{Counsellor: best.ID, Organisation: best.Organisation, Status: StatusAssigned, Level: LevelCounsellor}
		switch {
		case best.full():
			d.Reason = fmt.Sprintf("all %d eligible counsellors for %s are at capacity; assigned to the least loaded, counsellor %s of %s (%s)",
				len(candidates), scope, best.ID, best.Organisation, loadOf(best))
		case len(candidates) == 1:
			d.Reason = fmt.Sprintf("assigned to counsellor %s of %s (%s), the only eligible counsellor for %s",
				best.ID, best.Organisation, loadOf(best), scope)
		default:
			d.Reason = fmt.Sprintf("assigned to counsellor %s of %s (%s), the least loaded of %d eligible counsellors for %s",
				best.ID, best.Organisation, loadOf(best), len(candidates), scope)
		}
		return d
	}

	if coords := coordinators(country, orgs, counsellors, exclude); len(coords) > 0 {
		best := coords[0]
		return Decision{
			Counsellor: best.ID, Organisation: best.Organisation, Status: StatusAssigned, Level: LevelCoordinator,
			Reason: fmt.Sprintf("no eligible counsellor for %s; assigned to coordinator %s of %s (%s), the least loaded of %d coordinators covering %s",
				scope, best.ID, best.Organisation, loadOf(best), len(coords), country),
		}
	}
	return unplaced(fmt.Sprintf("no eligible counsellor for %s and no active coordinator of an active organisation covering %s", scope, country), orgs)
}

// unplaced is where a question nobody can take waits: the unassigned queue
// of the active fallback organisation, else the superusers' queue.
func unplaced(why string, orgs []Organisation) Decision {
	for _, o := range orgs {
		if o.Fallback && o.Active {
			return Decision{Organisation: o.ID, Status: StatusEscalated, Level: LevelFallback,
				Reason: why + "; placed in the unassigned queue of the fallback organisation " + o.ID}
		}
	}
	return toSuperusers(why)
}

func toSuperusers(why string) Decision {
	return Decision{Status: StatusEscalated, Level: LevelSuperusers, Reason: why + "; escalated to the superusers' queue"}
}

// describeScope names what the question asks of a counsellor, e.g.
// "country MA, language ar, topic wages".
func describeScope(q Question, exclude string) string {
	country, fromDestination := q.routedCountry()
	var b strings.Builder
	fmt.Fprintf(&b, "country %s", country)
	if fromDestination {
		b.WriteString(" (destination; no current country given)")
	}
	lang := clean(q.Lang)
	if lang == "" {
		lang = "(none)"
	}
	fmt.Fprintf(&b, ", language %s", lang)
	if t := q.topicFilter(); t != "" {
		fmt.Fprintf(&b, ", topic %s", t)
	}
	if exclude != "" {
		fmt.Fprintf(&b, ", other than %s", exclude)
	}
	return b.String()
}

func loadOf(c Counsellor) string { return fmt.Sprintf("load %d/%d", c.Open, c.Capacity) }

// hours writes a deadline the way people say it: "4h", "48h", "1h30m0s".
func hours(d time.Duration) string {
	if d%time.Hour == 0 {
		return fmt.Sprintf("%dh", d/time.Hour)
	}
	return d.String()
}
