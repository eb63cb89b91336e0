package pb_hooks

import (
	"errors"
	"fmt"
	"sync"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"amem/internal/i18n"
	"amem/internal/push"
)

// pushStoreKey is where an app keeps its pushService. The store is shared by
// the app and its transactions, so Notify finds it from a txApp too.
const pushStoreKey = "amem.push"

// pushService is the Web Push machinery of one app: the catalog for the
// notifications' texts, the VAPID keys (from serve on), and the dispatcher
// that drains push_outbox while the server runs.
type pushService struct {
	catalog  *i18n.Catalog
	settings dispatchSettings

	mu         sync.Mutex
	keys       *push.KeyStore
	dispatcher *dispatcher
}

// bindPush serves Web Push:
//
//	GET    /api/amem/push/key            {"publicKey"}: the VAPID key for pushManager.subscribe
//	POST   /api/amem/push/subscriptions  (worker or counsellor) the browser's PushSubscription + lang, countries
//	DELETE /api/amem/push/subscriptions  (worker or counsellor) {"endpoint"}
//
// and sends the notifications that Notify and NotifyAlert queue in
// push_outbox (answers, assignments, published alerts are queued by the
// hooks in push_triggers.go). The VAPID keys are made on the first serve, in
// the data directory (vapid.json, mode 0600); amem push rotate-keys replaces them.
func bindPush(app core.App, catalog *i18n.Catalog) error {
	if app.Store().Has(pushStoreKey) {
		return errors.New("push: bound twice")
	}
	svc := &pushService{catalog: catalog, settings: defaultDispatchSettings}
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

		se.Router.GET("/api/amem/push/key", svc.serveKey)
		auth := apis.RequireAuth("workers", "counsellors")
		se.Router.POST("/api/amem/push/subscriptions", svc.subscribe).Bind(auth)
		se.Router.DELETE("/api/amem/push/subscriptions", svc.unsubscribe).Bind(auth)

		svc.startDispatcher(se.App)
		return se.Next()
	})
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		svc.stopDispatcher() // before the database closes: it finishes writing what it sent
		return e.Next()
	})
	return nil
}

// pushServiceOf returns the push service bound to app, or nil.
func pushServiceOf(app core.App) *pushService {
	svc, _ := app.Store().Get(pushStoreKey).(*pushService)
	return svc
}

// serveKey answers GET /api/amem/push/key. The key changes only with
// amem push rotate-keys; the app compares it with the one it subscribed with.
func (svc *pushService) serveKey(e *core.RequestEvent) error {
	keys, err := svc.currentKeys()
	if err != nil {
		return e.InternalServerError("", err)
	}
	return serveJSONWithETag(e, map[string]string{"publicKey": keys.PublicKey}, "no-cache")
}

func (svc *pushService) currentKeys() (push.Keys, error) {
	svc.mu.Lock()
	store := svc.keys
	svc.mu.Unlock()
	if store == nil {
		return push.Keys{}, errors.New("push: no VAPID keys before serve")
	}
	return store.Keys()
}
