package library

import (
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// revisionMaxAge bounds how long a revision read from the database is
// trusted without a change seen by this process. Changes made through this
// process forget it at once (after their commit); one made by another
// process on the same database (an `amem agencies import` while the server
// runs) reaches phones at most this much later.
const revisionMaxAge = time.Second

// revisionCache keeps the current revision in memory: the most frequent
// request a phone makes ("anything new?") is then answered without a query.
type revisionCache struct {
	now func() time.Time

	mu      sync.Mutex
	changes uint64 // committed changes seen so far
	rev     int64
	readAt  time.Time
	readFor uint64 // changes when rev was read
	known   bool
}

// newRevisionCache returns the revision cache of app, forgotten after each
// committed write to a synced collection.
func newRevisionCache(app core.App) *revisionCache {
	c := &revisionCache{now: time.Now}
	changed := func(e *core.RecordEvent) error {
		c.mu.Lock()
		c.changes++
		c.mu.Unlock()
		return e.Next()
	}
	collections := append([]string{"tombstones"}, syncedCollections...)
	app.OnRecordAfterCreateSuccess(collections...).BindFunc(changed)
	app.OnRecordAfterUpdateSuccess(collections...).BindFunc(changed)
	app.OnRecordAfterDeleteSuccess(collections...).BindFunc(changed)
	return c
}

// current returns the current revision, from memory when no change was
// committed since it was read and it is fresh enough.
func (c *revisionCache) current(app core.App) (int64, error) {
	c.mu.Lock()
	if c.known && c.readFor == c.changes && c.now().Sub(c.readAt) < revisionMaxAge {
		rev := c.rev
		c.mu.Unlock()
		return rev, nil
	}
	changes := c.changes
	c.mu.Unlock()

	rev, err := CurrentRevision(app)
	if err != nil {
		return 0, err
	}
	c.mu.Lock()
	// A change committed while we read may be missing from rev: keep it
	// only if none was.
	if c.changes == changes {
		c.rev, c.readAt, c.readFor, c.known = rev, c.now(), changes, true
	}
	c.mu.Unlock()
	return rev, nil
}
