package helpline

import (
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"amem/internal/cases"
	"amem/internal/routing"
)

// poolCache keeps the routing pool in memory between questions, so that
// asking costs no query to find who may answer. It is derived from
// organisations, counsellors and questions; every change to those through
// the app's model hooks (the only way AMEM writes them) either drops it
// (the next question reloads it) or, for a new question, adds that
// question's load to the counsellor who got it. Snapshots are never
// modified once stored: routing reads them without a lock.
type poolCache struct {
	mu          sync.Mutex
	generation  uint64 // bumped by every change, so a load that raced one is not kept
	orgs        []routing.Organisation
	counsellors []routing.Counsellor
	loaded      bool
	loadedAt    time.Time
}

// poolMaxAge bounds how long a cached pool is trusted: a change written by
// another process on the same database (an amem command while the server
// runs) passes no hook of this one. Two queries every few seconds cost
// nothing beside a question's own.
const poolMaxAge = 5 * time.Second

const poolCacheKey = "amem.routingPool"

func poolCacheOf(app core.App) *poolCache {
	return app.Store().GetOrSet(poolCacheKey, func() any { return &poolCache{} }).(*poolCache)
}

// cachedRoutingPool is routingPool from memory when it is there. Inside a
// transaction it reads the database: the transaction may have changed what
// the cache does not know yet.
func cachedRoutingPool(app core.App) ([]routing.Organisation, []routing.Counsellor, error) {
	if app.IsTransactional() {
		return routingPool(app)
	}
	c := poolCacheOf(app)
	c.mu.Lock()
	if c.loaded && time.Since(c.loadedAt) < poolMaxAge {
		orgs, counsellors := c.orgs, c.counsellors
		c.mu.Unlock()
		return orgs, counsellors, nil
	}
	generation := c.generation
	c.mu.Unlock()
	loadedAt := time.Now()

	orgs, counsellors, err := routingPool(app)
	if err != nil {
		return nil, nil, err
	}
	c.mu.Lock()
	if c.generation == generation {
		c.orgs, c.counsellors, c.loaded, c.loadedAt = orgs, counsellors, true, loadedAt
	}
	c.mu.Unlock()
	return orgs, counsellors, nil
}

func (c *poolCache) invalidate() {
	c.mu.Lock()
	c.generation++
	c.orgs, c.counsellors, c.loaded = nil, nil, false
	c.mu.Unlock()
}

// added counts a new question in the load of the counsellor it went to,
// as loadsQuery would read it now.
func (c *poolCache) added(q *core.Record) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.generation++
	id := q.GetString("counsellor")
	if !c.loaded || id == "" {
		return
	}
	next := make([]routing.Counsellor, len(c.counsellors))
	copy(next, c.counsellors)
	for i := range next {
		if next[i].ID != id {
			continue
		}
		if cases.Status(q.GetString("status")).Open() {
			next[i].Open++
		}
		if created := q.GetDateTime("created").Time(); created.After(next[i].LastAssigned) {
			next[i].LastAssigned = created
		}
		c.counsellors = next
		return
	}
	// A counsellor the pool does not know: read it all again.
	c.orgs, c.counsellors, c.loaded = nil, nil, false
}

// bindPoolCache keeps the cache true to the database. The hooks run after
// the commit, for every save (API, dashboard, jobs), so a rolled-back change
// never touches it.
func bindPoolCache(app core.App) {
	drop := func(e *core.RecordEvent) error {
		poolCacheOf(e.App).invalidate()
		return e.Next()
	}
	for _, collection := range []string{"organisations", "counsellors"} {
		app.OnRecordAfterCreateSuccess(collection).BindFunc(drop)
		app.OnRecordAfterUpdateSuccess(collection).BindFunc(drop)
		app.OnRecordAfterDeleteSuccess(collection).BindFunc(drop)
	}
	// A question's status or holder may change; erasing a worker deletes
	// their questions.
	app.OnRecordAfterUpdateSuccess("questions").BindFunc(drop)
	app.OnRecordAfterDeleteSuccess("questions", "workers").BindFunc(drop)
	app.OnRecordAfterCreateSuccess("questions").BindFunc(func(e *core.RecordEvent) error {
		poolCacheOf(e.App).added(e.Record)
		return e.Next()
	})
}
