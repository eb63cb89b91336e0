package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// agency_reviews: a worker rates a recruitment agency they used (the fees
// they were asked, whether the contract was honoured, how they were
// treated) with a short comment. A counsellor of a union covering the
// agency's country reads it and publishes or rejects it; only published
// reviews count in the agency's rating, which travels in the sync without
// anything that names the worker (pb_hooks/reviews).
//
//	read:   the worker who wrote it; counsellors of organisations covering
//	        its country (to moderate)
//	create: a worker, as themselves, once per agency; status and moderation
//	        are the server's, the country is the agency's
//	update: those counsellors, the status only (moderated_by and _at are
//	        set by the server)
//	delete: the worker who wrote it (taking it back), superusers
const (
	reviewOwner     = `worker = @request.auth.id`
	reviewModerator = isCounsellor + ` && @request.auth.organisation.countries ~ country`
)

func init() {
	m.Register(func(app core.App) error {
		workers, err := app.FindCollectionByNameOrId("workers")
		if err != nil {
			return err
		}
		agencies, err := app.FindCollectionByNameOrId("agencies")
		if err != nil {
			return err
		}
		counsellors, err := app.FindCollectionByNameOrId("counsellors")
		if err != nil {
			return err
		}
		c := core.NewBaseCollection("agency_reviews")
		c.ListRule = rule("(" + reviewOwner + ") || (" + reviewModerator + ")")
		c.ViewRule = c.ListRule
		c.CreateRule = rule(all(isWorker, `(@request.body.worker:isset = false || @request.body.worker = @request.auth.id)`,
			notSent("status", "moderated_by", "moderated_at", "country")))
		c.UpdateRule = rule(all("("+reviewModerator+")", `@request.body.status:isset = true`,
			notSent("worker", "agency", "client_id", "country", "fees_none", "fees_amount", "fees_currency",
				"contract", "treatment", "comment", "moderated_by", "moderated_at")))
		c.DeleteRule = rule(reviewOwner)
		c.Fields.Add(
			&core.RelationField{Name: "worker", CollectionId: workers.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			// An agency removed from the official lists takes its reviews with it.
			&core.RelationField{Name: "agency", CollectionId: agencies.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.TextField{Name: "client_id", Required: true, Max: 64, Pattern: `^[A-Za-z0-9_-]+$`, Help: "the phone's id for this review: a resend returns the first"},
			&core.TextField{Name: "country", Max: 2, Pattern: countryPattern, Help: "the agency's, copied by the server: who moderates"},
			&core.BoolField{Name: "fees_none", Help: "the agency asked for no fee"},
			&core.NumberField{Name: "fees_amount", Min: minmax(0), Max: minmax(10_000_000), Help: "what the agency asked for, in fees_currency"},
			&core.TextField{Name: "fees_currency", Max: 3, Pattern: `^[A-Z]{3}$`, Help: "ISO 4217: MAD, TND, MRU, LYD, EUR, …"},
			&core.SelectField{Name: "contract", Values: []string{"yes", "partly", "no"}, MaxSelect: 1, Required: true, Help: "was the contract honoured"},
			&core.NumberField{Name: "treatment", OnlyInt: true, Min: minmax(1), Max: minmax(5), Required: true, Help: "how the worker was treated, 1 (badly) to 5 (well)"},
			&core.TextField{Name: "comment", Max: 500},
			&core.SelectField{Name: "status", Values: []string{"pending", "published", "rejected"}, MaxSelect: 1},
			&core.RelationField{Name: "moderated_by", CollectionId: counsellors.Id, MaxSelect: 1},
			&core.DateField{Name: "moderated_at"},
		)
		addTimestamps(c)
		c.AddIndex("idx_agency_reviews_worker_agency", true, "worker, agency", "")
		c.AddIndex("idx_agency_reviews_worker_client", true, "worker, client_id", "")
		// The ratings read an agency's published reviews.
		c.AddIndex("idx_agency_reviews_agency_status", false, "agency, status", "")
		// Moderators list their countries' pending reviews.
		c.AddIndex("idx_agency_reviews_country_status", false, "country, status", "")
		return app.Save(c)
	}, func(app core.App) error {
		return deleteCollection(app, "agency_reviews")
	})
}
