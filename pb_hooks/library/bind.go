// Package library is what travels to the phones: the guides, the help
// contacts, the licensed recruiters and the alerts. It numbers every change
// (revisions), serves delta syncs, imports the shipped content when the
// server starts, keeps dashboard edits from being overwritten, and imports
// official lists of agencies.
package library

import (
	"io/fs"

	"github.com/pocketbase/pocketbase/core"
)

// Bind attaches the library's record hooks to app: revisions on every synced
// collection, dashboard edits, and, when contentFS is not nil, the import of
// the shipped content each time the server starts.
func Bind(app core.App, contentFS fs.FS) {
	bindRevisions(app)
	bindDashboardEdits(app)
	bindRecordings(app)
	if contentFS != nil {
		bindContentImport(app, contentFS)
	}
}
