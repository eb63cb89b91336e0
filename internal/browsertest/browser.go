// Package browsertest starts a real headless Chromium for end-to-end tests,
// with a fresh profile per test, and offers the few DevTools actions that
// AMEM's tests need beyond chromedp's own (going offline, for instance).
//
// Chromium is Debian's (apt-get install chromium). On a developer machine
// without it the tests are skipped; with AMEM_REQUIRE_BROWSER=1 (as in CI)
// a missing browser fails the test instead, so CI cannot pass without them.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// findChromium returns the browser's path, or "".
func findChromium() string {
	if p := os.Getenv("AMEM_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// FakeMedia gives the browser a fake microphone and camera (a beep and a
// test pattern), granted without a prompt: New(t, FakeMedia...) for tests
// that record.
var FakeMedia = []chromedp.ExecAllocatorOption{
	chromedp.Flag("use-fake-device-for-media-stream", true),
	chromedp.Flag("use-fake-ui-for-media-stream", true),
}

// New starts a headless Chromium with an empty profile for the test and
// returns a chromedp context for one tab; everything stops when the test
// ends. extra adds browser options (flags) to the defaults.
func New(t testing.TB, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	path := findChromium()
	if path == "" {
		if os.Getenv("AMEM_REQUIRE_BROWSER") == "1" {
			t.Fatal("Chromium not found and AMEM_REQUIRE_BROWSER=1: install it (apt-get install chromium)")
		}
		t.Skip("Chromium not found: end-to-end test skipped (set AMEM_REQUIRE_BROWSER=1 to make this a failure)")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(412, 915), // a common Android phone
	}
	opts = append(opts, extra...)
	// Start the browser now, without a timeout (a timeout on the first run
	// would stop the whole browser). On a loaded machine Chromium sometimes
	// dies before it prints its DevTools address; that is not what any test
	// tests, so a start is tried up to three times, each with a new profile.
	var err error
	for attempt := 1; attempt <= 3; attempt++ {
		if attempt > 1 {
			opts[1] = chromedp.UserDataDir(t.TempDir())
		}
		allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancelCtx := chromedp.NewContext(allocCtx, chromedp.WithLogf(t.Logf))
		if err = chromedp.Do(ctx); err == nil {
			t.Cleanup(func() {
				cancelCtx()
				cancelAlloc()
			})
			go keepNetworkOnNavigation(ctx)
			return ctx
		}
		cancelCtx()
		cancelAlloc()
		t.Logf("chromium did not start (attempt %d): %v", attempt, err)
	}
	t.Fatalf("start chromium: %v", err)
	return nil
}

// Run runs the actions with a time limit, so that a test that waits for
// something that never comes fails instead of hanging.
func Run(t testing.TB, ctx context.Context, limit time.Duration, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// Eval evaluates a JavaScript expression (awaiting a promise) and returns its value.
func Eval[T any](t testing.TB, ctx context.Context, expression string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expression, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("eval %s: %v", expression, err)
	}
	return v
}

// Offline cuts the tab, and its service worker, off the network (or
// reconnects it), and tells the page through navigator.onLine and the
// online/offline events, as a phone losing its signal would.
func Offline(offline bool) chromedp.Action[chromedp.Void] {
	return EmulateNetwork(Network{Offline: offline, Latency: 0, Down: -1, Up: -1})
}

// Network is an emulated connection: latency in milliseconds, throughputs
// in bytes per second (-1 for no limit).
type Network struct {
	Offline  bool
	Latency  float64
	Down, Up float64
}

// legacyEmulateNetworkConditions is the deprecated single command, which
// cdproto no longer generates.
var legacyEmulateNetworkConditions = cdp.Command[legacyNetworkConditions, cdp.Empty]{Method: "Network.emulateNetworkConditions"}

type legacyNetworkConditions struct {
	Offline bool `json:"offline"`
	throughput
}

// throughput is the part of a connection both older commands take alike.
type throughput struct {
	Latency            float64 `json:"latency"`
	DownloadThroughput float64 `json:"downloadThroughput"`
	UploadThroughput   float64 `json:"uploadThroughput"`
}

func (n Network) throughput() throughput {
	return throughput{Latency: n.Latency, DownloadThroughput: n.Down, UploadThroughput: n.Up}
}

// byRuleBefore149 is Network.emulateNetworkConditionsByRule as Chromium
// shipped it before the offline flag moved into each rule (Debian's 148 has
// this form; cdproto only generates the current one).
var byRuleBefore149 = cdp.Command[byRuleBefore149Params, cdp.Empty]{Method: network.CommandEmulateNetworkConditionsByRule}

type byRuleBefore149Params struct {
	Offline bool                  `json:"offline"`
	Rules   []byRuleBefore149Rule `json:"matchedNetworkConditions"`
}

type byRuleBefore149Rule struct {
	URLPattern string `json:"urlPattern"`
	throughput
}

// EmulateNetwork applies the connection to the tab and its service worker,
// then tells the page (navigator.onLine and its events). It speaks the
// current protocol and, where the browser refuses its parameters, the form
// of the Chromium the distribution ships, so the tests run on either.
func EmulateNetwork(n Network) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		offline := n.Offline
		_, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
			EmulateOfflineServiceWorker: &offline,
			MatchedNetworkConditions: []*network.Conditions{{
				Offline: n.Offline, Latency: n.Latency, DownloadThroughput: n.Down, UploadThroughput: n.Up,
			}},
		})
		if err != nil {
			_, olderErr := chromedp.Call(ctx, byRuleBefore149, byRuleBefore149Params{
				Offline: n.Offline,
				Rules:   []byRuleBefore149Rule{{throughput: n.throughput()}},
			})
			if olderErr != nil {
				return fmt.Errorf("emulating the network: %v; older form: %w", err, olderErr)
			}
			// That Chromium sets navigator.onLine only through the
			// deprecated single command, and forgets it on each new
			// document: keepNetworkOnNavigation applies it again.
			forgetfulNetworks.Store(t, n)
			return applyLegacy(ctx, n)
		}
		_, err = chromedp.Call(ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{
			Offline: n.Offline, Latency: n.Latency, DownloadThroughput: n.Down, UploadThroughput: n.Up,
		})
		return err
	})
}

// forgetfulNetworks holds, per tab, the network last emulated on a Chromium
// that forgets navigator.onLine when a new document loads.
var forgetfulNetworks sync.Map // *chromedp.Target → Network

func applyLegacy(ctx context.Context, n Network) error {
	_, err := chromedp.Call(ctx, legacyEmulateNetworkConditions, legacyNetworkConditions{Offline: n.Offline, throughput: n.throughput()})
	return err
}

// keepNetworkOnNavigation applies the tab's emulated network again after
// each navigation of its main frame, where the browser forgets it, so that
// a reload offline stays offline as it does on a phone.
func keepNetworkOnNavigation(ctx context.Context) {
	target := chromedp.FromContext(ctx).Target
	for ev, err := range chromedp.Events(ctx, page.FrameNavigated) {
		if err != nil {
			return
		}
		n, ok := forgetfulNetworks.Load(target)
		if !ok || ev.Frame == nil || ev.Frame.ParentID != "" {
			continue
		}
		_ = applyLegacy(ctx, n.(Network)) // the tab may be closing
	}
}

// Tab is one test's browser tab, for short test code:
//
//	tab := browsertest.Tab{T: t, Ctx: ctx}
//	tab.Run(chromedp.Navigate(url))
//	title := tab.JS(`document.title`)
type Tab struct {
	T   testing.TB
	Ctx context.Context
}

// Run runs the actions, each batch within 20 seconds.
func (tab Tab) Run(steps ...chromedp.Action[chromedp.Void]) {
	tab.T.Helper()
	Run(tab.T, tab.Ctx, 20*time.Second, steps...)
}

// JS evaluates a JavaScript expression that gives a string.
func (tab Tab) JS(expr string) string {
	tab.T.Helper()
	return Eval[string](tab.T, tab.Ctx, expr)
}
