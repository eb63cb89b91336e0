package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// push_outbox: notifications waiting to be sent, so that none is lost when
// the server stops with some pending. A row is written in the transaction of
// what it announces (an answer, an assignment, a published alert) and deleted
// once the push service accepted it, gave up on it, or its subscription went
// (cascade). Internal: superusers only. The payload is the notification as
// shown (title, body, link), never the question's text.
//
// Also indexes push_subscriptions by owner and by language: the
// dispatcher and the notification triggers look them up that way.
func init() {
	m.Register(func(app core.App) error {
		subscriptions, err := app.FindCollectionByNameOrId("push_subscriptions")
		if err != nil {
			return err
		}
		subscriptions.AddIndex("idx_push_subscriptions_worker", false, "worker", "")
		subscriptions.AddIndex("idx_push_subscriptions_counsellor", false, "counsellor", "")
		subscriptions.AddIndex("idx_push_subscriptions_lang", false, "lang", "")
		if err := app.Save(subscriptions); err != nil {
			return err
		}

		c := core.NewBaseCollection("push_outbox")
		c.Fields.Add(
			&core.RelationField{Name: "subscription", CollectionId: subscriptions.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.SelectField{Name: "kind", MaxSelect: 1, Required: true,
				Values: []string{"answer", "transfer", "assignment", "overdue", "alert"}},
			&core.JSONField{Name: "payload", MaxSize: 4096, Help: `{"kind","title","body","url","tag"} as the phone shows it`},
			&core.NumberField{Name: "attempts", OnlyInt: true, Min: minmax(0), Help: "sends tried so far"},
			&core.DateField{Name: "next_attempt", Required: true, Help: "not sent before this time"},
			&core.TextField{Name: "last_error", Max: 500, Help: "why the last try failed (no personal data)"},
		)
		addTimestamps(c)
		c.AddIndex("idx_push_outbox_next_attempt", false, "next_attempt", "")
		c.AddIndex("idx_push_outbox_subscription", false, "subscription", "")
		return app.Save(c)
	}, func(app core.App) error {
		if err := deleteCollection(app, "push_outbox"); err != nil {
			return err
		}
		subscriptions, err := app.FindCollectionByNameOrId("push_subscriptions")
		if err != nil {
			return nil
		}
		for _, name := range []string{"idx_push_subscriptions_worker", "idx_push_subscriptions_counsellor", "idx_push_subscriptions_lang"} {
			subscriptions.RemoveIndex(name)
		}
		return app.Save(subscriptions)
	})
}
