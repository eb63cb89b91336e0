package library

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"amem/internal/vocab"
)

// FuzzReadAgencies: ReadAgencies never panics, an error names the file and
// returns no row, every row it returns has a trimmed name, a known status and
// a key of its own, and the rows written back as a CSV file read the same.
func FuzzReadAgencies(f *testing.F) {
	for _, seed := range []string{
		"name,licence,status\nAtlas Recrutement,ANAPEC-123,licensed\nSahara Jobs,,revoked\n",
		"\ufeffName , Licence\n  Atlas  , 12\n",
		"name\nA\na\n",
		"name,licence\nA,1\nB,1\n",
		"name,status\nA,closed\n",
		"licence\n1\n",
		"name,licence\n\"multi\nline\",\"x\"\"y\"\n",
		"name\n\"unterminated\n",
		"name,licence\nA\n",
		"",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const file = "agencies.csv"
		rows, err := ReadAgencies(bytes.NewReader(data), file)
		if err != nil {
			if rows != nil || !strings.HasPrefix(err.Error(), file) {
				t.Fatalf("error %q with %d rows: want no rows and the file named", err, len(rows))
			}
			return
		}
		keys := map[string]bool{}
		line := 1
		for _, row := range rows {
			if row.name == "" || row.name != strings.TrimSpace(row.name) || row.licence != strings.TrimSpace(row.licence) {
				t.Fatalf("row %+v: empty or untrimmed name or licence", row)
			}
			if !slices.Contains(vocab.AgencyStatuses, row.status) {
				t.Fatalf("row %+v: unknown status", row)
			}
			if keys[row.key()] || row.line <= line {
				t.Fatalf("row %+v: key twice or line not after %d", row, line)
			}
			keys[row.key()], line = true, row.line
		}

		var out bytes.Buffer
		w := csv.NewWriter(&out)
		_ = w.Write([]string{"name", "licence", "status"})
		for _, row := range rows {
			_ = w.Write([]string{row.name, row.licence, row.status})
		}
		w.Flush()
		again, err := ReadAgencies(&out, file)
		if err != nil || len(again) != len(rows) {
			t.Fatalf("rows written back: %d of %d read, error %v", len(again), len(rows), err)
		}
		for i, row := range again {
			if row.name != rows[i].name || row.licence != rows[i].licence || row.status != rows[i].status {
				t.Fatalf("row %+v written back reads as %+v", rows[i], row)
			}
		}
	})
}
