// Package disclosure protects the statistics AMEM publishes with the
// cell-key method of the Australian Bureau of Statistics (also Eurostat's
// recommended perturbation for census tables): every record carries a
// secret random record key; a cell's key is the sum of its records' keys
// modulo 2^32; a fixed perturbation table turns a cell key into a small
// noise added to the cell's count. The same set of records always gets the
// same noise, whichever query produced the cell, so repeating or combining
// queries averages nothing away; a cell whose perturbed count is under
// Threshold is withheld, and its row is left out of the answer.
//
// What this guarantees, for any two answers an attacker differences (a
// margin minus its published parts, a longer period minus a shorter one, a
// measure minus another), is written out in docs/statistics.md and checked
// by the attack test in pb_hooks/helpline.
//
// Pure Go, no PocketBase.
package disclosure

import (
	"crypto/rand"
	"encoding/binary"
)

// Threshold is the smallest perturbed count published.
const Threshold = 5

// MaxNoise is the largest absolute noise the table adds (public, as the
// method is: its protection does not rest on the table being secret).
const MaxNoise = 2

// MaxWithheld is the largest true count a withheld cell can have: a count
// is withheld when count + noise < Threshold, and noise >= -MaxNoise.
const MaxWithheld = Threshold - 1 + MaxNoise

// Key is a record key: uniform on [0, 2^32), drawn once when the record is
// made and never shown to anyone.
type Key uint32

// NewKey draws a record key from the system's random source.
func NewKey() Key {
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("disclosure: no randomness: " + err.Error()) // crypto/rand never fails on supported systems
	}
	return Key(binary.BigEndian.Uint32(b[:]))
}

// Cell is a count of records and its cell key.
type Cell struct {
	N   int
	Key uint32 // sum of the record keys, modulo 2^32 (uint32 arithmetic wraps)
}

// Add counts one record with key k.
func (c *Cell) Add(k Key) {
	c.N++
	c.Key += uint32(k)
}

// table is the perturbation table: the cell key, read as a fraction of
// 2^32, falls into one band, and the band's noise is added. Bands, as
// probabilities: -2: 3 %, -1: 22 %, 0: 50 %, +1: 22 %, +2: 3 % (mean 0).
var table = []struct {
	below uint64 // upper bound of the band, in units of 2^-32
	noise int
}{
	{below: 3 << 32 / 100, noise: -2},
	{below: 25 << 32 / 100, noise: -1},
	{below: 75 << 32 / 100, noise: 0},
	{below: 97 << 32 / 100, noise: +1},
	{below: 1 << 32, noise: +2},
}

// Noise is the table's noise for a cell key.
func Noise(key uint32) int {
	for _, band := range table {
		if uint64(key) < band.below {
			return band.noise
		}
	}
	return table[len(table)-1].noise
}

// Publish returns the count to publish for c, or ok false when the cell is
// withheld: empty cells, and cells whose perturbed count is under Threshold.
func (c Cell) Publish() (value int, ok bool) {
	if c.N == 0 {
		return 0, false
	}
	value = c.N + Noise(c.Key)
	if value < Threshold {
		return 0, false
	}
	return value, true
}
