package commands

import (
	"amem/pb_hooks/library"
	"amem/pb_hooks/testapp"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestImportingTheOfficialListOfAgencies(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(body), 0o600)
		return p
	}
	first := write("tn-1.csv", "\ufeffname,licence,status\nBureau Carthage Emploi,TN-001,\nSahel Recrutement,TN-002,licensed\nAgence Sans Licence,,suspended\n")
	out, err := runCommand(t, app, "agencies", "import", first, "--country", "mr", "--source", "Ministère de l'Emploi", "--as-of", "2026-11-01")
	if err != nil || !strings.Contains(out, "MR: 3 added, 0 updated, 0 unchanged, 0 removed") {
		t.Fatalf("first import: %v %s", err, out)
	}
	rev, _ := library.CurrentRevision(app)

	// The same list again changes nothing, so phones download nothing.
	out, err = runCommand(t, app, "agencies", "import", first, "--country", "MR", "--source", "Ministère de l'Emploi", "--as-of", "2026-11-01")
	if err != nil || !strings.Contains(out, "0 added, 0 updated, 3 unchanged") {
		t.Fatalf("second import: %v %s", err, out)
	}
	if now, _ := library.CurrentRevision(app); now != rev {
		t.Fatal("an unchanged import made new revisions")
	}

	// A new list: one revoked, one gone.
	second := write("tn-2.csv", "name,licence,status\nBureau Carthage Emploi,TN-001,revoked\nAgence Sans Licence,,suspended\n")
	out, err = runCommand(t, app, "agencies", "import", second, "--country", "MR", "--source", "Ministère de l'Emploi", "--as-of", "2026-12-01", "--replace")
	if err != nil || !strings.Contains(out, "0 added, 2 updated, 0 unchanged, 1 removed") {
		t.Fatalf("replace: %v %s", err, out)
	}
	revoked, _ := app.FindFirstRecordByData("agencies", "licence", "TN-001")
	if revoked.GetString("status") != "revoked" {
		t.Fatal("status not updated")
	}
	if _, err := app.FindFirstRecordByData("tombstones", "collection", "agencies"); err != nil {
		t.Fatal("the removed agency left no tombstone for the phones")
	}

	for _, tc := range []struct{ file, want string }{
		{write("bad-status.csv", "name,licence,status\nX,1,closed\n"), `bad-status.csv:2: status "closed" is not one of`},
		{write("no-name.csv", "licence\n1\n"), `no-name.csv:1: the header has no "name" column`},
		{write("dup.csv", "name,licence\nA,7\nB,7\n"), "dup.csv:3: the same agency as on line 2"},
		{write("dup-name.csv", "name,licence\nBureau A,\nBUREAU a,\n"), "dup-name.csv:3: the same agency as on line 2"},
		// As docs/agencies.md says: commas only, every row as wide as the header.
		{write("semicolons.csv", "name;licence;status\nA;7;licensed\n"), `semicolons.csv:1: the header has no "name" column`},
		{write("short-row.csv", "name,licence,status\nA,7\n"), "record on line 2: wrong number of fields"},
	} {
		if _, err := runCommand(t, app, "agencies", "import", tc.file, "--country", "TN", "--source", "s", "--as-of", "2026-12-01"); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.file, err, tc.want)
		}
	}
	if _, err := runCommand(t, app, "agencies", "import", first, "--country", "TN", "--as-of", "2026-12-01"); err == nil || !strings.Contains(err.Error(), "--source is required") {
		t.Errorf("missing source: %v", err)
	}
}
