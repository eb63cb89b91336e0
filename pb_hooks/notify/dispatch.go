package notify

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"amem/internal/push"
	"amem/pb_hooks/records"
)

// subscriberEnv names the environment variable with the contact that push
// services see in our VAPID tokens (an e-mail address or an https URL).
// Without it, the sender address of the mail settings is used.
const subscriberEnv = "AMEM_PUSH_SUBSCRIBER"

// dispatchSettings tune the dispatcher; tests shorten the waits.
type dispatchSettings struct {
	batch       int           // outbox rows per round
	concurrency int           // sends at a time
	maxAttempts int           // rounds a message may fail before it is dropped
	lease       time.Duration // a row being sent is not picked again before this (a crash mid-send delays it by as much)
	retryBase   time.Duration // first wait after a failed round, doubled each time
	retryMax    time.Duration // longest wait between rounds
	poll        time.Duration // longest sleep when nothing is due (a safety net: notifyRecipient wakes the dispatcher)

	sendTries     int           // HTTP requests per message within a round
	sendBaseDelay time.Duration // first wait between them
	sendMaxDelay  time.Duration // longer waits go back to the outbox
}

// defaultDispatchSettings: a message is tried for about a day and a half
// (8 rounds: 30 s, 1 min, … capped at 6 h) before it is dropped.
var defaultDispatchSettings = dispatchSettings{
	batch: 500, concurrency: push.DefaultConcurrency, maxAttempts: 8,
	lease: 5 * time.Minute, retryBase: 30 * time.Second, retryMax: 6 * time.Hour, poll: time.Minute,
	sendTries: push.DefaultMaxTries, sendBaseDelay: push.DefaultBaseDelay, sendMaxDelay: push.DefaultMaxDelay,
}

// dispatcher sends what push_outbox holds, outside any transaction: it
// claims due rows, sends them through a push.Sender, and settles each row
// from its result. One runs per app, from serve to terminate.
type dispatcher struct {
	app      core.App
	svc      *Service
	settings dispatchSettings
	client   *http.Client // shared by the rounds' Senders: connections are reused
	wakeup   chan struct{}
	cancel   context.CancelFunc
	done     chan struct{}
}

// outboxRow is a due notification with its subscription.
type outboxRow struct {
	ID           string `db:"id"`
	Kind         string `db:"kind"`
	Payload      string `db:"payload"`
	Attempts     int    `db:"attempts"`
	Subscription string `db:"subscription"`
	Endpoint     string `db:"endpoint"`
	P256dh       string `db:"p256dh"`
	Auth         string `db:"auth"`
}

func (svc *Service) startDispatcher(app core.App) {
	svc.mu.Lock()
	defer svc.mu.Unlock()
	if svc.dispatcher != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	d := newDispatcher(app, svc)
	d.cancel = cancel
	svc.dispatcher = d
	if n, err := app.CountRecords("push_outbox"); err == nil && n > 0 {
		app.Logger().Info("push: notifications pending from before the start", "count", n)
	}
	go d.run(ctx)
}

func newDispatcher(app core.App, svc *Service) *dispatcher {
	return &dispatcher{app: app, svc: svc, settings: svc.settings, client: push.NewHTTPClient(svc.settings.concurrency),
		wakeup: make(chan struct{}, 1), cancel: func() {}, done: make(chan struct{})}
}

// stopDispatcher stops the dispatcher and waits until it has recorded what
// it sent; messages in flight are put back for the next start.
func (svc *Service) stopDispatcher() {
	svc.mu.Lock()
	d := svc.dispatcher
	svc.dispatcher = nil
	svc.mu.Unlock()
	if d != nil {
		d.cancel()
		<-d.done
	}
}

// wake makes the dispatcher look at the outbox now.
func (svc *Service) wake() {
	svc.mu.Lock()
	d := svc.dispatcher
	svc.mu.Unlock()
	if d != nil {
		select {
		case d.wakeup <- struct{}{}:
		default: // already woken
		}
	}
}

func (d *dispatcher) run(ctx context.Context) {
	defer close(d.done)
	for ctx.Err() == nil {
		n, err := d.safeRound(ctx)
		if err != nil && ctx.Err() == nil {
			d.app.Logger().Error("push: dispatch failed", "error", err)
		}
		if err == nil && n >= d.settings.batch {
			continue // more may be due
		}
		timer := time.NewTimer(d.untilNextDue())
		select {
		case <-ctx.Done():
		case <-d.wakeup:
		case <-timer.C:
		}
		timer.Stop()
	}
}

// safeRound keeps the dispatcher alive through a panic in one round.
func (d *dispatcher) safeRound(ctx context.Context) (n int, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return d.round(ctx)
}

// untilNextDue is how long until the earliest pending row is due, at most poll.
func (d *dispatcher) untilNextDue() time.Duration {
	var next string
	err := d.app.DB().NewQuery("SELECT COALESCE(MIN([[next_attempt]]), '') FROM {{push_outbox}}").Row(&next)
	if err != nil || next == "" {
		return d.settings.poll
	}
	due, err := types.ParseDateTime(next)
	if err != nil {
		return d.settings.poll
	}
	return min(max(time.Until(due.Time()), 0), d.settings.poll)
}

// round sends the rows that are due, at most one batch, and returns how many
// it took. Each row is claimed first (attempts+1, next_attempt pushed back by
// the lease), so a crash mid-send delays a message instead of losing it.
func (d *dispatcher) round(ctx context.Context) (int, error) {
	now := time.Now()
	var rows []outboxRow
	err := d.app.DB().NewQuery(
		"SELECT o.[[id]], o.[[kind]], o.[[payload]], o.[[attempts]], s.[[id]] AS [[subscription]], s.[[endpoint]], s.[[p256dh]], s.[[auth]]" +
			" FROM {{push_outbox}} o JOIN {{push_subscriptions}} s ON s.[[id]] = o.[[subscription]]" +
			" WHERE o.[[next_attempt]] <= {:now} ORDER BY o.[[next_attempt]] LIMIT {:limit}",
	).Bind(dbx.Params{"now": dateString(now), "limit": d.settings.batch}).All(&rows)
	if err != nil || len(rows) == 0 {
		return 0, err
	}
	ids := make([]any, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	_, err = d.app.NonconcurrentDB().Update("push_outbox", dbx.Params{
		"attempts":     dbx.NewExp("[[attempts]] + 1"),
		"next_attempt": dateString(now.Add(d.settings.lease)),
		"updated":      dateString(now),
	}, dbx.In("id", ids...)).Execute()
	if err != nil {
		return 0, err
	}

	sender, err := d.sender()
	if err != nil {
		// Nothing can be sent (keys or contact broken): try again later.
		for _, r := range rows {
			d.settle(ctx, r, push.Result{Outcome: push.Retry, Err: err})
		}
		return len(rows), err
	}
	msgs := make([]push.Message, 0, len(rows))
	sendable := make([]outboxRow, 0, len(rows))
	for _, r := range rows {
		var p push.Payload
		if err := json.Unmarshal([]byte(r.Payload), &p); err != nil {
			d.settle(ctx, r, push.Result{Outcome: push.Failed, Err: fmt.Errorf("payload: %w", err)})
			continue
		}
		m := push.Message{Payload: p}
		m.Subscription.Endpoint, m.Subscription.Keys.P256dh, m.Subscription.Keys.Auth = r.Endpoint, r.P256dh, r.Auth
		msgs = append(msgs, m)
		sendable = append(sendable, r)
	}
	sender.SendAll(ctx, msgs, func(i int, res push.Result) { d.settle(ctx, sendable[i], res) })
	return len(rows), nil
}

// sender makes a push.Sender with the current keys and contact (both may
// change while the server runs: rotate-keys, the mail settings).
func (d *dispatcher) sender() (*push.Sender, error) {
	keys, err := d.svc.currentKeys()
	if err != nil {
		return nil, err
	}
	return push.NewSender(push.Config{
		Keys:        keys,
		Subscriber:  pushSubscriber(d.app),
		Concurrency: d.settings.concurrency,
		MaxTries:    d.settings.sendTries,
		BaseDelay:   d.settings.sendBaseDelay,
		MaxDelay:    d.settings.sendMaxDelay,
		HTTPClient:  d.client,
	})
}

// pushSubscriber is the contact for push services: AMEM_PUSH_SUBSCRIBER,
// else the sender address of the mail settings.
func pushSubscriber(app core.App) string {
	if s := os.Getenv(subscriberEnv); s != "" {
		return s
	}
	return app.Settings().Meta.SenderAddress
}

// settle records what happened to a claimed row. It runs in the Sender's
// goroutines, one statement at a time on the write connection. Logs name the
// row and the kind, never the endpoint or the recipient.
func (d *dispatcher) settle(ctx context.Context, r outboxRow, res push.Result) {
	db := d.app.NonconcurrentDB()
	attempts := r.Attempts + 1 // the claim counted this one
	var err error
	switch {
	case res.Outcome == push.Delivered:
		_, err = db.Delete("push_outbox", dbx.HashExp{"id": r.ID}).Execute()

	case res.Outcome == push.Gone:
		// The browser dropped the subscription: forget it and what waits for it.
		err = d.app.RunInTransaction(func(txApp core.App) error {
			if _, err := txApp.NonconcurrentDB().Delete("push_outbox", dbx.HashExp{"subscription": r.Subscription}).Execute(); err != nil {
				return err
			}
			_, err := txApp.NonconcurrentDB().Delete("push_subscriptions", dbx.HashExp{"id": r.Subscription}).Execute()
			return err
		})
		d.app.Logger().Info("push: subscription expired, deleted", "outbox", r.ID, "kind", r.Kind, "status", res.Status)

	case res.Outcome == push.Retry && ctx.Err() != nil:
		// Stopped mid-send: put it back as it was, for the next start.
		_, err = db.Update("push_outbox", dbx.Params{"attempts": r.Attempts, "next_attempt": dateString(time.Now())},
			dbx.HashExp{"id": r.ID}).Execute()

	case res.Outcome == push.Retry && attempts < d.settings.maxAttempts:
		wait := max(push.Backoff(attempts, d.settings.retryBase, d.settings.retryMax), res.RetryAfter)
		_, err = db.Update("push_outbox", dbx.Params{"next_attempt": dateString(time.Now().Add(wait)),
			"last_error": errorText(res.Err), "updated": dateString(time.Now())}, dbx.HashExp{"id": r.ID}).Execute()

	default: // Failed, or Retry too many times
		_, err = db.Delete("push_outbox", dbx.HashExp{"id": r.ID}).Execute()
		d.app.Logger().Warn("push: notification dropped", "outbox", r.ID, "kind", r.Kind,
			"attempts", attempts, "status", res.Status, "error", errorText(res.Err))
	}
	if err != nil {
		d.app.Logger().Error("push: could not record a send", "outbox", r.ID, "error", err)
	}
}

func errorText(err error) string {
	if err == nil {
		return ""
	}
	return records.Truncate(err.Error(), 500)
}

func dateString(t time.Time) string { return t.UTC().Format(types.DefaultDateLayout) }
