package helpline

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// The erasure journal keeps the ids of what was erased (workers, and
// questions past retention) in pb_data/amem_erasures, which backups leave
// out and a restore leaves in place. A restore brings back a backup's
// workers and questions; at the next start, everything the journal names is
// erased again, and the push messages queued in the backup (stale, some for
// erased workers) are dropped. The ids are random record ids: they name
// nobody.
const (
	journalDir     = "amem_erasures"
	journalFile    = "erased.log"
	restoredMarker = "restored"
)

func journalPath(app core.App, name string) string {
	return filepath.Join(app.DataDir(), journalDir, name)
}

// journalErasure appends the record's collection and id to the journal and
// syncs it to disk, before the record is deleted: an erasure the journal
// does not hold could come back with a restore.
func journalErasure(app core.App, r *core.Record) error {
	if err := os.MkdirAll(filepath.Join(app.DataDir(), journalDir), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(journalPath(app, journalFile), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(r.Collection().Name + " " + r.Id + "\n"); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// bindErasureJournal keeps the journal out of backups and restores, marks a
// restore, and applies the journal when the server starts.
func bindErasureJournal(app core.App) {
	app.OnBackupCreate().BindFunc(func(e *core.BackupEvent) error {
		e.Exclude = append(e.Exclude, journalDir)
		return e.Next()
	})
	app.OnBackupRestore().BindFunc(func(e *core.BackupEvent) error {
		e.Exclude = append(e.Exclude, journalDir)
		// Written before the restore, which restarts the process when it
		// succeeds; a restore that fails only costs the queued pushes.
		if err := os.MkdirAll(filepath.Join(e.App.DataDir(), journalDir), 0o700); err != nil {
			return err
		}
		if err := os.WriteFile(journalPath(e.App, restoredMarker), []byte(e.Name+"\n"), 0o600); err != nil {
			return err
		}
		return e.Next()
	})
	app.OnServe().BindFunc(func(e *core.ServeEvent) error {
		if erased, dropped, err := applyErasureJournal(e.App); err != nil {
			e.App.Logger().Error("erasure journal: could not apply it", "error", err)
		} else if erased > 0 || dropped > 0 {
			e.App.Logger().Info("erasure journal: applied after a restore", "erased", erased, "stale pushes dropped", dropped)
		}
		return e.Next()
	})
}

// applyErasureJournal erases again what the journal names and is present
// (it came back with a restore) and, after a restore, drops the push
// messages the backup had queued. It returns how many of each.
func applyErasureJournal(app core.App) (erased, dropped int, err error) {
	if _, statErr := os.Stat(journalPath(app, restoredMarker)); statErr == nil {
		n, err := app.CountRecords("push_outbox")
		if err != nil {
			return 0, 0, err
		}
		if _, err := app.DB().NewQuery("DELETE FROM push_outbox").Execute(); err != nil {
			return 0, 0, err
		}
		dropped = int(n)
		if err := os.Remove(journalPath(app, restoredMarker)); err != nil {
			return 0, dropped, err
		}
	}
	f, err := os.Open(journalPath(app, journalFile))
	if errors.Is(err, fs.ErrNotExist) {
		return 0, dropped, nil
	}
	if err != nil {
		return 0, dropped, err
	}
	defer f.Close()
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		collection, id, ok := strings.Cut(strings.TrimSpace(lines.Text()), " ")
		if !ok || (collection != "workers" && collection != "questions") {
			continue
		}
		r, err := app.FindRecordById(collection, id)
		if err != nil {
			continue // erased, and not brought back
		}
		if err := app.Delete(r); err != nil {
			return erased, dropped, err
		}
		erased++
	}
	return erased, dropped, lines.Err()
}
