package helpline

import (
	"amem/internal/disclosure"
	"fmt"
	"math/rand/v2"
	"testing"
)

// attackRecords is a fixture of questions over four months.
func attackRecords(n int) []statRecord {
	rng := rand.New(rand.NewPCG(7, 11))
	pick := func(values ...string) string { return values[rng.IntN(len(values))] }
	out := make([]statRecord, n)
	for i := range out {
		out[i] = statRecord{
			dims: map[string]string{
				"month": pick("2026-01", "2026-02", "2026-03", "2026-04"), "country": pick("TN", "MA", "MA", "MR"),
				"topic": pick("wages", "wages", "fees", "fraud", "contract", "health"), "urgent": pick("no", "no", "no", "yes"),
			},
			key: disclosure.NewKey(), is: map[string]bool{"questions": true}, firstAnswer: -1, closing: -1,
		}
	}
	return out
}

// TestDifferencingRecoversNoSmallCell is the attack: for every pair of
// tables the API answers over the fixture (every period of whole months,
// every grouping by up to two dimensions), it takes each published cell of
// one and subtracts the published cells of the other that lie inside it;
// when what is left is exactly a small cell (1 to 4 questions) withheld
// somewhere, it works out which values the published numbers allow for it,
// knowing the method (noise at most ±MaxNoise, withheld cells at most
// MaxWithheld) but not which withheld combinations exist. A recovery is a
// single possible value.
func TestDifferencingRecoversNoSmallCell(t *testing.T) {
	if got := attack(t, attackRecords(300), disclosure.MaxNoise, func(c disclosure.Cell) (int, bool) { return c.Publish() }); got != 0 {
		t.Errorf("the attack recovered %d small cells", got)
	}
}

// TestDifferencingBreaksPlainSuppression shows the attack works: against
// suppression of cells under 5 alone (10 - 8 = 2), it recovers cells.
func TestDifferencingBreaksPlainSuppression(t *testing.T) {
	plain := func(c disclosure.Cell) (int, bool) { return c.N, c.N >= disclosure.Threshold }
	if got := attack(t, attackRecords(300), 0, plain); got == 0 {
		t.Error("the attack recovered nothing from plain suppression")
	}
}

type attackCell struct {
	members map[int]bool
	value   int
}

func attack(t *testing.T, records []statRecord, noise int, publish func(disclosure.Cell) (int, bool)) int {
	dims := []string{"month", "country", "topic", "urgent"}
	groupings := [][]string{{}}
	for i, a := range dims {
		groupings = append(groupings, []string{a})
		for _, b := range dims[i+1:] {
			groupings = append(groupings, []string{a, b})
		}
	}
	months := []string{"2026-01", "2026-02", "2026-03", "2026-04"}
	type table struct{ published []attackCell }
	tables := []table{}
	small := map[string]int{} // withheld small cells by their members
	keyOf := func(m map[int]bool) string {
		s := ""
		for i := range records {
			if m[i] {
				s += fmt.Sprint(i, ",")
			}
		}
		return s
	}
	for from := range months {
		for to := from; to < len(months); to++ {
			for _, by := range groupings {
				cells := map[string]*attackCell{}
				sums := map[string]*disclosure.Cell{}
				for i, r := range records {
					if r.dims["month"] < months[from] || r.dims["month"] > months[to] {
						continue
					}
					id := ""
					for _, d := range by {
						id += r.dims[d] + "|"
					}
					if cells[id] == nil {
						cells[id], sums[id] = &attackCell{members: map[int]bool{}}, &disclosure.Cell{}
					}
					cells[id].members[i] = true
					sums[id].Add(r.key)
				}
				tb := table{}
				for id, c := range cells {
					if v, ok := publish(*sums[id]); ok {
						c.value = v
						tb.published = append(tb.published, *c)
					} else if sums[id].N < disclosure.Threshold {
						small[keyOf(c.members)] = sums[id].N
					}
				}
				tables = append(tables, tb)
			}
		}
	}
	recovered, tried := 0, 0
	maxWithheld := disclosure.Threshold - 1 + noise
	for _, outer := range tables {
		for _, inner := range tables {
			for _, a := range outer.published {
				rest := map[int]bool{}
				for i := range a.members {
					rest[i] = true
				}
				estimate, used, inside := a.value, 1, true
				for _, b := range inner.published {
					sub := true
					for i := range b.members {
						if !a.members[i] {
							sub = false
							break
						}
					}
					if !sub || len(b.members) == len(a.members) {
						continue
					}
					for i := range b.members {
						if !rest[i] {
							inside = false
						}
						delete(rest, i)
					}
					estimate -= b.value
					used++
				}
				truth, ok := small[keyOf(rest)]
				if !inside || !ok || used == 1 {
					continue
				}
				tried++
				low, high := max(0, estimate-used*noise), min(maxWithheld, estimate+used*noise)
				if low == high && low == truth {
					recovered++
				}
			}
		}
	}
	t.Logf("%d tables, %d differences isolating a small cell, %d recovered", len(tables), tried, recovered)
	if tried == 0 {
		t.Fatal("the attack isolated no small cell: the fixture tests nothing")
	}
	return recovered
}
