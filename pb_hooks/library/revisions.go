package library

import (
	"amem/pb_hooks/records"

	"github.com/pocketbase/pocketbase/core"
)

// syncedCollections travel to the phones in /api/amem/sync. Each change to
// one of their records gets the next revision number, and each deletion
// leaves a tombstone with its own revision, so that a phone can ask for
// everything after the revision it has seen.
// A recording travels inside its guide (its changes resend the guide).
var syncedCollections = []string{"guides", "contacts", "agencies", "alerts", Recordings}

// bindRevisions numbers every write to a synced collection.
//
// Writes go through PocketBase's single write connection; numbering and
// writing in one transaction makes commit order and revision order the same,
// so a reader never sees revision N+1 before N is committed.
func bindRevisions(app core.App) {
	number := func(e *core.RecordEvent) error {
		return records.InTransaction(e, func(e *core.RecordEvent) error {
			rev, err := nextRevision(e.App)
			if err != nil {
				return err
			}
			e.Record.Set("rev", rev)
			return e.Next()
		})
	}
	app.OnRecordCreateExecute(syncedCollections...).BindFunc(number)
	app.OnRecordUpdateExecute(syncedCollections...).BindFunc(number)

	app.OnRecordDeleteExecute(syncedCollections...).BindFunc(func(e *core.RecordEvent) error {
		return records.InTransaction(e, func(e *core.RecordEvent) error {
			// Numbered before the deletion: the deleted record may hold the
			// highest revision, and its tombstone must come after it.
			rev, err := nextRevision(e.App)
			if err != nil {
				return err
			}
			if err := e.Next(); err != nil {
				return err
			}
			tombstones, err := e.App.FindCachedCollectionByNameOrId("tombstones")
			if err != nil {
				return err
			}
			t := core.NewRecord(tombstones)
			t.Set("collection", e.Record.Collection().Name)
			t.Set("record", e.Record.Id)
			t.Set("key", e.Record.GetString("slug"))
			t.Set("rev", rev)
			return e.App.Save(t)
		})
	})
}

// CurrentRevision returns the highest revision given so far (0 when none).
func CurrentRevision(app core.App) (int64, error) {
	var rev int64
	err := app.DB().NewQuery(`SELECT COALESCE(MAX(rev), 0) FROM (
		SELECT MAX(rev) AS rev FROM guides
		UNION ALL SELECT MAX(rev) FROM contacts
		UNION ALL SELECT MAX(rev) FROM agencies
		UNION ALL SELECT MAX(rev) FROM alerts
		UNION ALL SELECT MAX(rev) FROM guide_recordings
		UNION ALL SELECT MAX(rev) FROM tombstones)`).Row(&rev)
	return rev, err
}

func nextRevision(txApp core.App) (int64, error) {
	rev, err := CurrentRevision(txApp)
	return rev + 1, err
}
