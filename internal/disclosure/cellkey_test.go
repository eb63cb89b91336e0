package disclosure

import "testing"

func TestSameRecordsSameNoise(t *testing.T) {
	keys := []Key{12345, 4000000000, 777, 2 << 30, 99, 31337, 123456789}
	var a, b Cell
	for _, k := range keys {
		a.Add(k)
	}
	for i := len(keys) - 1; i >= 0; i-- { // another query, another order
		b.Add(keys[i])
	}
	va, oka := a.Publish()
	vb, okb := b.Publish()
	if va != vb || oka != okb {
		t.Errorf("the same records gave %d,%v and %d,%v", va, oka, vb, okb)
	}
}

func TestSmallCellsAreWithheld(t *testing.T) {
	for n := 1; n < Threshold; n++ {
		for _, key := range []uint32{0, 1 << 31, 1<<32 - 1} {
			c := Cell{N: n, Key: key}
			if v, ok := c.Publish(); ok && v < Threshold {
				t.Errorf("cell of %d with key %d published as %d", n, key, v)
			}
		}
	}
	if _, ok := (Cell{}).Publish(); ok {
		t.Error("an empty cell was published")
	}
}

func TestNoiseIsBoundedAndBalanced(t *testing.T) {
	sum, counts := 0, map[int]int{}
	const steps = 1 << 16
	for i := 0; i < steps; i++ {
		n := Noise(uint32(i) << 16)
		if n < -MaxNoise || n > MaxNoise {
			t.Fatalf("noise %d out of bounds", n)
		}
		sum += n
		counts[n]++
	}
	if sum > steps/100 || sum < -steps/100 {
		t.Errorf("noise is biased: sum %d over %d keys (%v)", sum, steps, counts)
	}
}
