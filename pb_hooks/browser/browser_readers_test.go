package browser

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"amem/internal/browsertest"
	"amem/pb_hooks/testapp"
)

// networkProfile is a throttled connection as DevTools emulates it.
type networkProfile struct {
	name             string
	latency          float64 // ms added to each request
	down, up         float64 // bytes per second
	cpuSlowdown      float64
	contentBeforeJS  bool
	languageBeforeJS bool
}

// Slow 2G (1400 ms round trip, 280/256 kbit/s), and Lighthouse's mobile
// profile as DevTools throttling applies it: slow 4G (562.5 ms, 1474.56/675
// kbit/s) with the CPU four times slower.
var throttledProfiles = []networkProfile{
	{name: "slow 2G", latency: 1400, down: 280 * 1024 / 8, up: 256 * 1024 / 8, cpuSlowdown: 1},
	{name: "slow 4G, 4x CPU", latency: 562.5, down: 1474.56 * 1024 / 8, up: 675 * 1024 / 8, cpuSlowdown: 4},
}

// throttle applies a network profile and a CPU slowdown to the tab.
func throttle(p networkProfile) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		if err := chromedp.Do(ctx, browsertest.EmulateNetwork(browsertest.Network{Latency: p.latency, Down: p.down, Up: p.up})); err != nil {
			return err
		}
		_, err := chromedp.Call(ctx, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: p.cpuSlowdown})
		return err
	})
}

// On a throttled first visit the first response is already the app's first
// screen: its name, what it is, the language choice and quick exit show
// while every script is still on its way (here, held back for good).
func TestBrowserThrottledFirstVisitShowsContentBeforeScripts(t *testing.T) {
	app := testapp.New(t)
	base := testapp.StartServer(t, app)
	for _, p := range throttledProfiles {
		t.Run(p.name, func(t *testing.T) {
			ctx := browsertest.New(t)
			run := browsertest.Tab{T: t, Ctx: ctx}.Run
			js := browsertest.Tab{T: t, Ctx: ctx}.JS
			// Scripts never arrive: whatever shows comes from the HTML (and CSS).
			if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*.js"}}}); err != nil {
				t.Fatal(err)
			}
			run(throttle(p), chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
				_, err := chromedp.Call(ctx, page.Navigate, page.NavigateParams{URL: base + "/"})
				return err
			}))
			run(chromedp.WaitVisible(`main a[data-lang="ar"]`), chromedp.WaitVisible(`#exit`))
			got := js(`[document.body.dataset.screen ?? "no script ran",
				document.querySelector("main h1").innerText,
				document.querySelector('main .tagline[lang="ar"]').innerText,
				[...document.querySelectorAll("main a[data-lang]")].map(a => a.innerText).join(" "),
				document.querySelector("#exit").href].join(" | ")`)
			want := "no script ran | AMEM | حقوقك كعامل مهاجر، بلغتك، حتى دون اتصال بالإنترنت | العربية English Français | " + base + "/calc?exit"
			if got != want {
				t.Errorf("before any script, the page shows %q, want %q", got, want)
			}
		})
	}
}

// Launches are cache-first: with the server answering nothing (lie-fi), the
// installed app opens from its cache without asking the network for the
// page, and a newer shell, once the server names one, is offered.
func TestBrowserLaunchOnLieFiOpensFromCacheAndOffersUpdates(t *testing.T) {
	app := testapp.New(t)
	var lieFi atomic.Bool
	var pageGets atomic.Int32
	var newer atomic.Value           // a shell.json body to serve instead of ours
	reconnect := make(chan struct{}) // closed when lie-fi ends
	var reconnected sync.Once
	t.Cleanup(func() { reconnected.Do(func() { close(reconnect) }) })
	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{
		Id: "amemTestLieFi",
		Func: func(se *core.ServeEvent) error {
			se.Router.BindFunc(func(e *core.RequestEvent) error {
				path := e.Request.URL.Path
				if lieFi.Load() && path == "/" {
					pageGets.Add(1)
				}
				if body, ok := newer.Load().([]byte); ok && path == "/shell.json" {
					e.Response.Header().Set("Content-Type", "application/json")
					e.Response.Header().Set("Cache-Control", "no-cache")
					_, err := e.Response.Write(body)
					return err
				}
				if lieFi.Load() && (path == "/" || path == "/shell.json" || strings.HasPrefix(path, "/api/")) {
					select { // a connection that never answers
					case <-reconnect:
					case <-e.Request.Context().Done():
					}
					return nil
				}
				return e.Next()
			})
			return se.Next()
		},
	})
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t)
	run := browsertest.Tab{T: t, Ctx: ctx}.Run

	run(chromedp.Navigate(base+"/"), chromedp.WaitVisible(`button[data-lang="ar"]`),
		chromedp.Click(`button[data-lang="ar"]`), chromedp.WaitVisible(`#profile`),
		chromedp.Click(`input[name="phase"][value="at_work"]`), chromedp.Click(`#save`))
	waitJS(t, ctx, "the service worker", `navigator.serviceWorker.controller !== null && document.body.dataset.sync === "done"`)

	// A newer shell, for the server to name later.
	res, err := http.Get(base + "/shell.json")
	if err != nil {
		t.Fatal(err)
	}
	var shell map[string]any
	raw, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if err := json.Unmarshal(raw, &shell); err != nil {
		t.Fatal(err)
	}
	shell["version"] = "next"
	body, _ := json.Marshal(shell)

	lieFi.Store(true)
	run(chromedp.Navigate(base + "/"))
	waitJS(t, ctx, "the home screen from the cache", `document.body.dataset.screen === "home"`)
	if n := pageGets.Load(); n != 0 {
		t.Errorf("on lie-fi the launch asked the network for the page %d times: it should open from the cache", n)
	}

	// The server now has a newer shell: the next launch offers it.
	newer.Store(body)
	lieFi.Store(false)
	reconnected.Do(func() { close(reconnect) })
	run(chromedp.Navigate(base + "/"))
	waitJS(t, ctx, "the update banner", `!document.getElementById("update").hidden`)
}

// The first download of the library says how much has arrived: on slow 2G
// it takes seconds, and the home screen counts the bytes until it is done.
func TestBrowserFirstDownloadShowsProgress(t *testing.T) {
	app := testapp.NewWithContent(t)
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t)
	run := browsertest.Tab{T: t, Ctx: ctx}.Run
	ar := arabicMessages(t)

	run(chromedp.Navigate(base+"/"), chromedp.WaitVisible(`button[data-lang="ar"]`), throttle(throttledProfiles[0]),
		chromedp.Evaluate[chromedp.Void](`window.received = []; addEventListener("amem-received", (e) => received.push(e.detail));
			window.shown = []; new MutationObserver(() => { const m = document.querySelector("main .meta"); m && shown.push(m.textContent) })
				.observe(document.body, { subtree: true, childList: true, characterData: true })`),
		chromedp.Click(`button[data-lang="ar"]`), chromedp.WaitVisible(`#profile`),
		chromedp.Click(`input[name="phase"][value="at_work"]`), chromedp.Click(`#save`))
	waitJS(t, ctx, "the library", `document.body.dataset.sync === "done" && +document.body.dataset.guides > 0`)
	full := lastSyncEntry(t, ctx)
	received := browsertest.Eval[[]float64](t, ctx, `received`)
	if len(received) < 2 || received[len(received)-1] != full.DecodedBodySize {
		t.Errorf("progress reported %v bytes, want several steps up to the library's %.0f", received, full.DecodedBodySize)
	}
	prefix := ar["sync.busy_size"][:strings.Index(ar["sync.busy_size"], "{{")]
	if got := browsertest.Eval[bool](t, ctx, `shown.some((s) => s.startsWith(`+strconvQuote(prefix)+`) && /\d/.test(s))`); !got {
		t.Errorf("the home screen never said how much of the library had arrived (%q…)", prefix)
	}
}

func strconvQuote(s string) string { b, _ := json.Marshal(s); return string(b) }

// Setup lets the worker go back from the questions to the language choice,
// and carry on in the language chosen then.
func TestBrowserSetupGoesBackToTheLanguage(t *testing.T) {
	app := testapp.New(t)
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t)
	run := browsertest.Tab{T: t, Ctx: ctx}.Run
	run(chromedp.Navigate(base+"/"), chromedp.WaitVisible(`button[data-lang="ar"]`),
		chromedp.Click(`button[data-lang="ar"]`), chromedp.WaitVisible(`#profile`),
		chromedp.Click(`#change-lang`), chromedp.WaitVisible(`button[data-lang="fr"]`),
		chromedp.Click(`button[data-lang="fr"]`), chromedp.WaitVisible(`#profile`))
	if got := browsertest.Eval[string](t, ctx, `document.documentElement.lang + " " + document.querySelector("#change-lang").textContent`); got != "fr Changer de langue" {
		t.Errorf("after going back and choosing French, the setup is %q", got)
	}
}
