package helpline

import "github.com/pocketbase/pocketbase/core"

// erase is the one way the server erases what workers sent: it deletes the
// record, and the relations cascade (a worker takes their questions and push
// subscriptions with them; a question its messages and case events).
// PocketBase removes the files of every deleted record (voice notes, photos,
// thumbnails) from storage after the commit. The worker's own erase
// (EraseWorker) and the retention job (retention.go) both use it. The
// erasure is journalled first, so that a restore cannot bring it back
// (erasure_journal.go).
func erase(app core.App, r *core.Record) error {
	if err := journalErasure(app, r); err != nil {
		return err
	}
	return app.Delete(r)
}
