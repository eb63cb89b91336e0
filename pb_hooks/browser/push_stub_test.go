package browser

import (
	"encoding/json"
	"testing"

	"amem/internal/browsertest"
	"context"

	"amem/internal/push/pushtest"
)

// stubPushManager replaces the page's PushManager, which in this closed
// sandbox can never reach a browser vendor's push service, with one that
// hands out sub (a subscription of the local fake push service) or, with a
// zero sub, fails as a browser without a push service does. Everything else
// — the permission, the app's flow, its POST to the server — is real.
func stubPushManager(t *testing.T, ctx context.Context, sub pushtest.Subscription) {
	t.Helper()
	fake, _ := json.Marshal(sub)
	script := `(() => {
  const sub = ` + string(fake) + `;
  let current = null;
  PushManager.prototype.getSubscription = async function () { return current; };
  PushManager.prototype.subscribe = async function () {
    if (!sub.endpoint) throw new DOMException('no push service', 'AbortError');
    current = { endpoint: sub.endpoint, expirationTime: null,
      toJSON: () => ({ endpoint: sub.endpoint, expirationTime: null, keys: sub.keys }),
      unsubscribe: async () => { current = null; return true; } };
    return current;
  };
  return true;
})()`
	if !browsertest.Eval[bool](t, ctx, script) {
		t.Fatal("the push manager was not replaced")
	}
}
