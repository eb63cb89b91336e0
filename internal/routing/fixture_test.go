package routing

import "time"

// The organisations of the routing tests: one per situation a counsellor's
// organisation can be in.
var testOrgs = []Organisation{
	{ID: "umt", Countries: []string{"MA", "ES"}, Active: true},
	{ID: "ugtt", Countries: []string{"TN", "QA"}, Active: true},
	{ID: "gulf", Countries: []string{"QA"}, Active: true},
	{ID: "closed", Countries: []string{"MA"}, Active: false},
}

// testNow is the routing tests' clock.
var testNow = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

type option func(*Counsellor)

// counsellor makes an active counsellor with room (0/10), answering in
// Arabic and French, covering their organisation's countries and all topics,
// never assigned; options change that.
func counsellor(id, org string, options ...option) Counsellor {
	c := Counsellor{ID: id, Organisation: org, Languages: []string{"ar", "fr"}, Capacity: 10, Active: true}
	for _, o := range options {
		o(&c)
	}
	return c
}

func load(open, capacity int) option {
	return func(c *Counsellor) { c.Open, c.Capacity = open, capacity }
}
func speaks(langs ...string) option       { return func(c *Counsellor) { c.Languages = langs } }
func covering(countries ...string) option { return func(c *Counsellor) { c.Countries = countries } }
func handling(topics ...string) option    { return func(c *Counsellor) { c.Topics = topics } }
func lastAssigned(hoursAgo int) option {
	return func(c *Counsellor) { c.LastAssigned = testNow.Add(-time.Duration(hoursAgo) * time.Hour) }
}
func inactive(c *Counsellor)    { c.Active = false }
func coordinator(c *Counsellor) { c.Coordinator = true }
