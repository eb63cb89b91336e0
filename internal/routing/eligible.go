package routing

import "slices"

// Eligible returns the counsellors who may answer q, best first (the order
// Route picks from; see Route). A counsellor is eligible when they are
// active, belong to an active organisation covering the worker's country,
// cover that country themself (no countries of their own means all of their
// organisation's), speak the worker's language, and handle the question's
// topic (any topic when they list none, or when the topic is "" or "other").
//
// Full counsellors stay eligible; they sort after everyone with room. The
// result is nil when q has neither Country nor Destination.
func Eligible(q Question, orgs []Organisation, counsellors []Counsellor) []Counsellor {
	return eligible(q, orgs, counsellors, "")
}

// eligible is Eligible without the counsellor whose ID is exclude (the one a
// late question is taken from); exclude "" excludes nobody.
func eligible(q Question, orgs []Organisation, counsellors []Counsellor, exclude string) []Counsellor {
	country, _ := q.routedCountry()
	if country == "" {
		return nil
	}
	topic := q.topicFilter()
	var out []Counsellor
	for _, c := range counsellors {
		if !c.Active || (exclude != "" && c.ID == exclude) {
			continue
		}
		org, ok := findOrganisation(orgs, c.Organisation)
		if !ok || !org.covers(country) {
			continue
		}
		if len(c.Countries) > 0 && !hasCode(c.Countries, country) {
			continue
		}
		if !hasCode(c.Languages, q.Lang) || clean(q.Lang) == "" {
			continue
		}
		if topic != "" && len(c.Topics) > 0 && !hasCode(c.Topics, topic) {
			continue
		}
		out = append(out, c)
	}
	slices.SortFunc(out, compareLoad)
	return out
}

// coordinators returns the active coordinators of the active organisations
// covering country, best first, whatever their languages, topics or own
// countries: they answer for their whole organisation and can find help.
func coordinators(country string, orgs []Organisation, counsellors []Counsellor, exclude string) []Counsellor {
	if country == "" {
		return nil
	}
	var out []Counsellor
	for _, c := range counsellors {
		if !c.Active || !c.Coordinator || (exclude != "" && c.ID == exclude) {
			continue
		}
		if org, ok := findOrganisation(orgs, c.Organisation); ok && org.covers(country) {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, compareLoad)
	return out
}

// findOrganisation finds an organisation by ID; a counsellor whose
// organisation is unknown is treated as one of an inactive organisation.
func findOrganisation(orgs []Organisation, id string) (Organisation, bool) {
	i := slices.IndexFunc(orgs, func(o Organisation) bool { return o.ID == id })
	if i < 0 || id == "" {
		return Organisation{}, false
	}
	return orgs[i], true
}
