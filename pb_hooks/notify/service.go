// Package notify is Web Push: the VAPID keys, the subscriptions of workers
// and counsellors, the persistent outbox filled in the same transaction as
// what it announces, the notifications' texts in each recipient's language,
// and the dispatcher that sends them after commit.
package notify

import (
	"errors"
	"fmt"
	"sync"

	"github.com/pocketbase/pocketbase/core"

	"amem/internal/httpcache"
	"amem/internal/i18n"
	"amem/internal/push"
)

// pushStoreKey is where an app keeps its Service. The store is shared by
// the app and its transactions, so notifyRecipient finds it from a txApp too.
const pushStoreKey = "amem.push"

// Service is the Web Push machinery of one app: the catalog for the
// notifications' texts, the VAPID keys (from serve on), and the dispatcher
// that drains push_outbox while the server runs.
type Service struct {
	catalog  *i18n.Catalog
	settings dispatchSettings

	mu         sync.Mutex
	keys       *push.KeyStore
	dispatcher *dispatcher

	queueSQL sync.Map // enqueue's statement text by its where and languages: built once
}

// Bind attaches Web Push to app and returns its service, whose Key,
// Subscribe and Unsubscribe are routes of pb_hooks' table. It sends the
// notifications that notifyRecipient and notifyAlert queue in push_outbox (answers,
// assignments, overdue cases, transfers and published alerts are queued by
// the hooks in triggers.go). The VAPID keys are made on the first serve, in
// the data directory (vapid.json, mode 0600); amem push rotate-keys
// replaces them.
func Bind(app core.App, catalog *i18n.Catalog) (*Service, error) {
	if app.Store().Has(pushStoreKey) {
		return nil, errors.New("push: bound twice")
	}
	svc := &Service{catalog: catalog, settings: defaultDispatchSettings}
	app.Store().Set(pushStoreKey, svc)
	bindPushTriggers(app)

	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		keys, err := push.OpenKeyStore(se.App.DataDir())
		if err != nil {
			return fmt.Errorf("push: VAPID keys: %w", err)
		}
		svc.mu.Lock()
		svc.keys = keys
		svc.mu.Unlock()

		svc.startDispatcher(se.App)
		return se.Next()
	})
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		svc.stopDispatcher() // before the database closes: it finishes writing what it sent
		return e.Next()
	})
	return svc, nil
}

// pushServiceOf returns the push service bound to app, or nil.
func pushServiceOf(app core.App) *Service {
	svc, _ := app.Store().Get(pushStoreKey).(*Service)
	return svc
}

// Key serves GET /api/amem/push/key: {"publicKey"}, the VAPID key for
// pushManager.subscribe. The key changes only with
// amem push rotate-keys; the app compares it with the one it subscribed with.
func (svc *Service) Key(e *core.RequestEvent) error {
	keys, err := svc.currentKeys()
	if err != nil {
		return e.InternalServerError("", err)
	}
	return httpcache.ServeJSON(e.Response, e.Request, map[string]string{"publicKey": keys.PublicKey}, httpcache.Revalidate)
}

func (svc *Service) currentKeys() (push.Keys, error) {
	svc.mu.Lock()
	store := svc.keys
	svc.mu.Unlock()
	if store == nil {
		return push.Keys{}, errors.New("push: no VAPID keys before serve")
	}
	return store.Keys()
}
