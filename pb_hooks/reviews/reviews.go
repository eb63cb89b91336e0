// Package reviews is what workers say of the recruitment agencies they
// used: a rating (fees asked, contract honoured, treatment) and a short
// comment, moderated by a counsellor of a union covering the agency's
// country before it counts. Published ratings travel in the sync with the
// agency (Ratings), without anything that names the worker.
package reviews

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"amem/internal/plaintext"
	"amem/internal/vocab"
	"amem/pb_hooks/apierrors"
	"amem/pb_hooks/helpline"
	"amem/pb_hooks/records"
)

// Collection is where reviews are kept.
const Collection = "agency_reviews"

// Bind attaches the reviews' hooks to app.
func Bind(app core.App) {
	app.OnRecordCreateRequest(Collection).BindFunc(create)
	app.OnRecordUpdateRequest(Collection).BindFunc(moderate)
	app.OnRecordUpdate(Collection).BindFunc(func(e *core.RecordEvent) error {
		before := e.Record.Original().GetString("status")
		return records.InTransaction(e, func(e *core.RecordEvent) error {
			if err := e.Next(); err != nil {
				return err
			}
			if before == vocab.ReviewPublished || e.Record.GetString("status") == vocab.ReviewPublished {
				return touchAgency(e.App, e.Record.GetString("agency"))
			}
			return nil
		})
	})
	// A published review taken back (or its worker erased) leaves the rating.
	app.OnRecordDelete(Collection).BindFunc(func(e *core.RecordEvent) error {
		return records.InTransaction(e, func(e *core.RecordEvent) error {
			if err := e.Next(); err != nil {
				return err
			}
			if e.Record.GetString("status") == vocab.ReviewPublished {
				return touchAgency(e.App, e.Record.GetString("agency"))
			}
			return nil
		})
	})
}

// create keeps the promises of POST /api/collections/agency_reviews/records
// for a worker: the review is theirs, waits for moderation, is moderated
// in the agency's country, comes once per agency, and a resend of the same
// client_id (the app's offline outbox) returns the first one.
func create(e *core.RecordRequestEvent) error {
	if e.Auth == nil || e.Auth.Collection().Name != "workers" {
		return e.Next() // superusers (dashboard) create freely
	}
	r := e.Record
	r.Set("worker", e.Auth.Id)
	r.Set("status", vocab.ReviewPending)
	resent := func() *core.Record {
		return records.FindByClientID(e.App, Collection, "worker", e.Auth.Id, r.GetString("client_id"))
	}
	if existing := resent(); existing != nil {
		return records.ReturnExisting(e, existing)
	}
	agency, err := e.App.FindRecordById("agencies", r.GetString("agency"))
	if err != nil {
		return e.BadRequestError("", apierrors.Field("agency", "validation_missing_rel_records"))
	}
	r.Set("country", agency.GetString("country"))
	if n, _ := e.App.CountRecords(Collection, dbx.HashExp{"worker": e.Auth.Id, "agency": agency.Id}); n > 0 {
		return e.BadRequestError("", apierrors.Field("agency", "amem_already_reviewed"))
	}
	comment := plaintext.Neutralise(r.GetString("comment"))
	r.Set("comment", comment)
	if ContainsContact(comment) {
		return e.BadRequestError("", apierrors.Field("comment", "amem_review_contact"))
	}
	if r.GetBool("fees_none") {
		r.Set("fees_amount", 0)
		r.Set("fees_currency", "")
	} else if r.GetFloat("fees_amount") > 0 && r.GetString("fees_currency") == "" {
		return e.BadRequestError("", apierrors.Field("fees_currency", "validation_required"))
	}
	if !helpline.Allow(e.RequestEvent, Collection) {
		return e.TooManyRequestsError("", nil)
	}
	err = e.Next()
	if err != nil {
		// Two sends of the same review raced: the unique index let one through.
		if existing := resent(); existing != nil {
			helpline.Refund(e.RequestEvent, Collection)
			return records.ReturnExisting(e, existing)
		}
	}
	return err
}

// moderate records who published or rejected a review, and when; the
// update rule lets a counsellor send the status only.
func moderate(e *core.RecordRequestEvent) error {
	if e.Auth != nil && e.Auth.Collection().Name == "counsellors" {
		e.Record.Set("moderated_by", e.Auth.Id)
		e.Record.Set("moderated_at", time.Now().UTC())
	}
	return e.Next()
}

// touchAgency saves the agency again, so that its new revision carries the
// changed rating to the phones in the next delta sync.
func touchAgency(app core.App, id string) error {
	agency, err := app.FindRecordById("agencies", id)
	if err != nil {
		return nil // deleted with it
	}
	return app.Save(agency)
}
