package helpline

import (
	"archive/zip"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"amem/pb_hooks/testapp"
)

// rawRow reads a record's row as stored, to put it back as a restore would.
func rawRow(t *testing.T, app core.App, table, id string) dbx.NullStringMap {
	t.Helper()
	row := dbx.NullStringMap{}
	if err := app.DB().Select("*").From(table).Where(dbx.HashExp{"id": id}).One(row); err != nil {
		t.Fatal(err)
	}
	return row
}

func putBack(t *testing.T, app core.App, table string, row dbx.NullStringMap) {
	t.Helper()
	cols := dbx.Params{}
	for k, v := range row {
		if v.Valid {
			cols[k] = v.String
		}
	}
	if _, err := app.DB().Insert(table, cols).Execute(); err != nil {
		t.Fatal(err)
	}
}

// A worker erased after a backup comes back when the backup is restored;
// the journal, which backups leave out, erases them again at the next
// start, and the pushes the backup had queued are dropped.
func TestARestoreDoesNotBringBackAnErasedWorker(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	h := testapp.Handler(t, app)
	worker, question := rawRow(t, app, "workers", f.IDs["w1"]), rawRow(t, app, "questions", f.IDs["q1"])
	subscription, push := rawRow(t, app, "push_subscriptions", f.IDs["push1"]), rawRow(t, app, "push_outbox", f.IDs["outbox1"])

	if res := testapp.Serve(t, h, "DELETE", "/api/amem/workers/me", f.Headers(testapp.Worker)); res.StatusCode != 204 {
		t.Fatalf("erase = %d", res.StatusCode)
	}
	journal, err := os.ReadFile(filepath.Join(app.DataDir(), journalDir, journalFile))
	if err != nil || !strings.Contains(string(journal), "workers "+f.IDs["w1"]+"\n") {
		t.Fatalf("journal %q, %v", journal, err)
	}

	// Backups leave the journal out.
	if err := app.CreateBackup(context.Background(), "after_erase.zip"); err != nil {
		t.Fatal(err)
	}
	z, err := zip.OpenReader(filepath.Join(app.DataDir(), core.LocalBackupsDirName, "after_erase.zip"))
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range z.File {
		if strings.HasPrefix(file.Name, journalDir) {
			t.Errorf("the backup holds %s", file.Name)
		}
	}
	z.Close()

	// A restore keeps the journal where it is and marks itself; what it
	// brought back is the backup's worker and question, and its queued push.
	restore := &core.BackupEvent{App: app, Name: "before_erase.zip"}
	err = app.OnBackupRestore().Trigger(restore, func(e *core.BackupEvent) error {
		if !slices.Contains(e.Exclude, journalDir) {
			t.Error("the restore would replace the journal")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	putBack(t, app, "workers", worker)
	putBack(t, app, "questions", question)
	putBack(t, app, "push_subscriptions", subscription)
	putBack(t, app, "push_outbox", push)

	erased, dropped, err := applyErasureJournal(app)
	if err != nil || erased != 1 || dropped != 1 {
		t.Fatalf("erased %d, dropped %d pushes, %v; want 1 and 1", erased, dropped, err)
	}
	for table, id := range map[string]string{"workers": f.IDs["w1"], "questions": f.IDs["q1"], "push_subscriptions": f.IDs["push1"], "push_outbox": f.IDs["outbox1"]} {
		if _, err := app.FindRecordById(table, id); err == nil {
			t.Errorf("%s %s came back with the restore", table, id)
		}
	}
	if erased, dropped, _ := applyErasureJournal(app); erased != 0 || dropped != 0 {
		t.Errorf("a second start erased %d and dropped %d, want nothing", erased, dropped)
	}
}
