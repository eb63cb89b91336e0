// Package records holds the few helpers that the areas' record hooks share.
package records

import (
	"net/http"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
)

// InTransaction runs fn inside a transaction, reusing the event's if any, so
// that a hook's own writes commit (or roll back) with the record's.
func InTransaction(e *core.RecordEvent, fn func(*core.RecordEvent) error) error {
	if e.App.IsTransactional() {
		return fn(e)
	}
	return e.App.RunInTransaction(func(txApp core.App) error {
		original := e.App
		e.App = txApp
		defer func() { e.App = original }()
		return fn(e)
	})
}

// Day formats a date as the API shows dates: 2026-12-02, or "" for none.
func Day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}

// Truncate shortens s to max characters, ending with "…" when cut.
func Truncate(s string, max int) string {
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max-1]) + "…"
}

// FindByClientID finds what the same device already sent with clientID (the
// offline outbox's id): scope is the field that bounds the id ("worker" for
// questions and reviews, "question" for messages).
func FindByClientID(app core.App, collection, scope, scopeID, clientID string) *core.Record {
	if clientID == "" {
		return nil
	}
	record, err := app.FindFirstRecordByFilter(collection,
		scope+" = {:scope} && client_id = {:client}", dbx.Params{"scope": scopeID, "client": clientID})
	if err != nil {
		return nil
	}
	return record
}

// ReturnExisting answers a resend with what was stored the first time.
func ReturnExisting(e *core.RecordRequestEvent, existing *core.Record) error {
	// Same visibility rules and ?expand handling as the records API.
	if err := apis.EnrichRecord(e.RequestEvent, existing); err != nil {
		return err
	}
	return e.JSON(http.StatusOK, existing)
}
