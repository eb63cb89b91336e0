package library

import (
	"math"
	"testing"
)

// FuzzParseCursor: a cursor is accepted only in the form formatCursor writes,
// so one revision has one cursor (and one cache key), and every revision's
// cursor parses back to it.
func FuzzParseCursor(f *testing.F) {
	for _, seed := range []string{
		"1.0", "1.1", "1.z", "1.10", "1.1y2p0ij32e8e7", // math.MaxInt64
		"1.A", "1.+1", "1.-0", "1.01", "1.", "1.-1", "2.1", "1.1 ", "1.1y2p0ij32e8e8", "",
	} {
		f.Add(seed, int64(len(seed)))
	}
	f.Add("1.0", int64(math.MaxInt64))
	f.Fuzz(func(t *testing.T, cursor string, revision int64) {
		rev, ok := parseCursor(cursor)
		if ok {
			if rev < 0 {
				t.Fatalf("parseCursor(%q) = %d, a negative revision", cursor, rev)
			}
			if formatCursor(rev) != cursor {
				t.Fatalf("parseCursor(%q) accepts a cursor formatCursor writes as %q", cursor, formatCursor(rev))
			}
		}
		if revision < 0 {
			return // revisions start at 0
		}
		if got, ok := parseCursor(formatCursor(revision)); !ok || got != revision {
			t.Fatalf("formatCursor(%d) parses to %d, %v", revision, got, ok)
		}
	})
}
