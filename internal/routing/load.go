package routing

import (
	"cmp"
	"strings"
)

// compareLoad orders counsellors best first: least loaded relative to
// capacity, then least recently assigned (never assigned first), then by ID
// so that the same inputs always give the same answer.
//
// Loads are compared by cross-multiplying (a.Open*b.Capacity against
// b.Open*a.Capacity): exact where float ratios could tie or round wrongly.
// Since a counsellor with room has a ratio below 1 and a full one a ratio of
// 1 or more, this order alone puts everyone with room before anyone full.
func compareLoad(a, b Counsellor) int {
	left := int64(a.open()) * int64(b.capacity())
	right := int64(b.open()) * int64(a.capacity())
	if c := cmp.Compare(left, right); c != 0 {
		return c
	}
	// Least recently assigned first. A zero LastAssigned (never assigned) is
	// 1 January of year 1, before any real assignment, so those who never
	// had a question come first.
	if c := a.LastAssigned.Compare(b.LastAssigned); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}
