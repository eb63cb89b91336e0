package library

import (
	"io/fs"
	"log/slog"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"amem/internal/content"
)

// importReport says what an import of the content folder did.
type importReport struct {
	Guides   importCounts
	Contacts importCounts
	// Recordings shipped beside the guides (guides/<slug>/<lang>.opus).
	Recordings importCounts
	// Conflicts names the guides ("slug/lang") edited in the dashboard whose
	// shipped file changed since: the import left them alone and an editor
	// has to reconcile them.
	Conflicts []string
	Problems  []content.Problem // files (or entries) left out, with file and line
}

// importCounts counts records by what an import did to them.
type importCounts struct {
	Created, Updated, Deleted, Unchanged int
	Kept                                 int // edited in the dashboard, or their file is broken: left as stored
}

// bindContentImport imports the guides and contacts shipped in the binary into the
// database each time the server starts. A problem in the content is logged
// and never stops the server: readers keep what was stored.
func bindContentImport(app core.App, fsys fs.FS) {
	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{
		Id: "amemImportContent",
		Func: func(se *core.ServeEvent) error {
			if _, err := importContent(se.App, fsys, se.App.Logger()); err != nil {
				se.App.Logger().Error("content: import failed; serving the guides already stored", "error", err)
			}
			return se.Next()
		},
	})
}

// importContent brings the guides and contacts of fsys (laid out like
// content/) into the database, in one transaction:
//   - a new or changed file is created or updated, with origin "file";
//   - an unchanged file (same hash, same rendering) is not touched, so a
//     second import writes nothing and phones download nothing;
//   - a guide edited in the dashboard (origin "edited") is never overwritten;
//     a conflict with a changed file is logged;
//   - a guide whose file disappeared is deleted, unless it was edited;
//   - a file with problems counts as present and unchanged: what was stored
//     for it stays.
//
// It returns an error only when the database could not be read or written as
// a whole; problems in files are in the report and logged.
func importContent(app core.App, fsys fs.FS, logger *slog.Logger) (importReport, error) {
	lib, problems := content.Load(fsys)
	report := importReport{Problems: problems}
	for _, p := range problems {
		logger.Warn("content: "+p.String(), "file", p.File, "line", p.Line)
	}
	err := app.RunInTransaction(func(txApp core.App) error {
		if err := importGuides(txApp, lib, logger, &report); err != nil {
			return err
		}
		// After the guides: a recording needs its guide.
		if err := importRecordings(txApp, fsys, lib, logger, &report); err != nil {
			return err
		}
		return importContacts(txApp, lib, logger, &report)
	})
	if err != nil {
		return report, err
	}
	logger.Info("content: imported",
		"guidesCreated", report.Guides.Created, "guidesUpdated", report.Guides.Updated,
		"guidesDeleted", report.Guides.Deleted, "guidesUnchanged", report.Guides.Unchanged,
		"guidesKept", report.Guides.Kept, "contactsCreated", report.Contacts.Created,
		"contactsUpdated", report.Contacts.Updated, "contactsDeleted", report.Contacts.Deleted,
		"contactsUnchanged", report.Contacts.Unchanged, "contactsKept", report.Contacts.Kept,
		"recordingsCreated", report.Recordings.Created, "recordingsUpdated", report.Recordings.Updated,
		"recordingsDeleted", report.Recordings.Deleted, "recordingsUnchanged", report.Recordings.Unchanged,
		"recordingsKept", report.Recordings.Kept,
		"conflicts", len(report.Conflicts), "problems", len(report.Problems))
	return report, nil
}
