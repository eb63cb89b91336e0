package browser

import (
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/pocketbase/dbx"

	"amem/internal/browsertest"
	"amem/internal/push"
	"amem/internal/push/pushtest"
	"amem/pb_hooks/testapp"
)

// TestBrowserInboxNotifications: a counsellor turns on notifications from
// the account menu; the inbox registers the site's service worker and
// subscribes with the counsellor's token (the browser's push manager is
// given a subscription of the local fake push service: see stubPushManager).
func TestBrowserInboxNotifications(t *testing.T) {
	t.Setenv(push.AllowLoopbackEnv, "1") // the fake push service listens on 127.0.0.1
	app := testapp.New(t)
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t)
	signInToInbox(t, ctx, app, base, "cA@example.org")

	if got := browsertest.Eval[bool](t, ctx, `!!document.getElementById("notify") && !document.getElementById("notify").checked`); !got {
		t.Fatal("no notification switch, or it starts on")
	}
	if _, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
		Permission: &browser.PermissionDescriptor{Name: "notifications"}, Setting: browser.PermissionSettingGranted, Origin: base,
	}); err != nil {
		t.Fatal(err)
	}
	fake := pushtest.NewServer(t).Subscribe()
	stubPushManager(t, ctx, fake)
	browsertest.Eval[bool](t, ctx, `document.getElementById("notify").click(), true`)
	var status string
	for deadline := time.Now().Add(40 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		status = browsertest.Eval[string](t, ctx, `document.querySelector("#notify").closest("label").querySelector("[role=status]").textContent`)
		if status != "" || time.Now().After(deadline) {
			break
		}
	}
	scope := browsertest.Eval[string](t, ctx, `navigator.serviceWorker.getRegistration("/inbox/").then(r => r ? r.scope : "")`)
	if scope != base+"/" {
		t.Errorf("service worker scope %q, want the site's one worker", scope)
	}
	counsellor, _ := app.FindAuthRecordByEmail("counsellors", "cA@example.org")
	if want := testapp.Catalog(t).T("en", "inbox.notify.on", nil, nil); status != want {
		t.Fatalf("status %q, want %q", status, want)
	}
	n, _ := app.CountRecords("push_subscriptions", dbx.HashExp{"counsellor": counsellor.Id, "endpoint": fake.Endpoint})
	if n != 1 {
		t.Fatalf("%d subscriptions of this browser for the counsellor, want 1", n)
	}
}
