package browser

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"amem/internal/assets"
	"amem/internal/browsertest"
	"amem/pb_hooks/testapp"
	"amem/web"
)

// The worker's app, end to end in a real Chromium: first run in Arabic, the
// library synced into IndexedDB, reading, the app reopening offline from its
// service worker, offline reading, search and contacts, a delta sync after a
// change on the server, sharing, a language change, and quick exit.
//
// Set AMEM_SCREENSHOTS to a folder to get PNGs of the Arabic screens.
func TestBrowserWorkerApp(t *testing.T) {
	app := testapp.NewWithContent(t)
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t)
	run := browsertest.Tab{T: t, Ctx: ctx}.Run
	js := browsertest.Tab{T: t, Ctx: ctx}.JS

	slugs := distinctGuideSlugs(t, app)
	const fees, passport, wages = "fair-recruitment-no-fees", "keep-your-passport-and-documents", "wages-and-working-time-in-morocco"
	feesTitle := guideRecord(t, app, fees, "ar").GetString("title")

	// First visit: choose Arabic, then a situation.
	run(chromedp.Navigate(base+"/"), chromedp.WaitVisible(`button[data-lang="ar"]`))
	screenshot(t, ctx, "welcome.png")
	run(chromedp.Click(`button[data-lang="ar"]`), chromedp.WaitVisible(`#profile`))
	screenshot(t, ctx, "profile-ar.png")
	if got := js(`document.documentElement.dir + " " + document.documentElement.lang`); got != "rtl ar" {
		t.Fatalf("after choosing Arabic, <html> dir and lang = %q", got)
	}
	run(chromedp.Click(`input[name="phase"][value="at_work"]`), chromedp.Click(`#save`))
	waitJS(t, ctx, "the library to be synced",
		`document.body.dataset.screen === "home" && document.body.dataset.sync === "done" && +document.body.dataset.guides > 0`)
	if got := js(`document.body.dataset.guides`); got != fmt.Sprint(len(slugs)) {
		t.Fatalf("guides on the phone = %s, want one per slug (%d)", got, len(slugs))
	}
	fullSync := lastSyncEntry(t, ctx)
	if strings.Contains(fullSync.Name, "since=") || fullSync.TransferSize < 10000 {
		t.Fatalf("the first sync should be a full one: %+v", fullSync)
	}
	screenshot(t, ctx, "home-ar.png")

	// Open a guide: Arabic, right to left, sources and review date.
	run(chromedp.Click(`a[data-slug="`+fees+`"]`), chromedp.WaitVisible(`#guide[data-slug="`+fees+`"]`))
	if got := js(`document.querySelector("#guide h1").textContent`); got != feesTitle {
		t.Fatalf("reader title = %q, want %q", got, feesTitle)
	}
	if got := js(`document.documentElement.dir + " " + getComputedStyle(document.querySelector("#guide .prose")).direction`); got != "rtl rtl" {
		t.Fatalf("reader direction = %q", got)
	}
	for _, want := range []string{"أين تجد المساعدة", "المصادر", "اتفاقية منظمة العمل الدولية رقم 181", "تمت المراجعة في"} {
		if !strings.Contains(js(`document.querySelector("#guide").textContent`), want) {
			t.Errorf("the reader lacks %q", want)
		}
	}
	screenshot(t, ctx, "reader-ar.png")

	// The service worker controls the page once the shell is precached.
	waitJS(t, ctx, "the service worker to control the page", `navigator.serviceWorker.controller !== null`)

	// Offline: the app reopens from the service worker with the whole list.
	run(chromedp.Click(`#guide a.back`), chromedp.WaitVisible(`#list`))
	run(browsertest.Offline(true), chromedp.Reload())
	waitJS(t, ctx, "the guide list offline", fmt.Sprintf(`document.querySelectorAll("#list a[data-slug]").length >= %d`, len(slugs)))
	if got := js(`document.body.dataset.online + " " + document.getElementById("net").textContent`); got != "false غير متصل" {
		t.Errorf("offline indicator = %q", got)
	}
	run(chromedp.Click(`a[data-slug="`+passport+`"]`), chromedp.WaitVisible(`#guide[data-slug="`+passport+`"]`))
	if got := js(`document.querySelector("#guide h1").textContent`); got != guideRecord(t, app, passport, "ar").GetString("title") {
		t.Errorf("offline reader title = %q", got)
	}
	if !strings.Contains(js(`document.querySelector("#guide .prose").textContent`), "أين تجد المساعدة") {
		t.Error("the guide's text is not readable offline")
	}

	// Offline search: "الاجر" without hamza finds "الأجر", in a title first.
	run(chromedp.Click(`#guide a.back`), chromedp.WaitVisible(`#q`), chromedp.SendKeys(`#q`, "الاجر"))
	waitJS(t, ctx, "search results", `document.querySelectorAll("#results li").length > 0`)
	// Several guides have the word in their title (Morocco's, Tunisia's and
	// Mauritania's wages): a title match comes first, and Morocco's is found.
	if got := js(`document.querySelector("#results a").textContent`); !strings.Contains(got, "الأجر") && !strings.Contains(got, "الأجور") {
		t.Errorf("first result for الاجر = %q, want a guide with the word in its title", got)
	}
	if js(`String(!!document.querySelector('#results a[data-slug="`+wages+`"]'))`) != "true" {
		t.Errorf("%s is not among the results for الاجر", wages)
	}
	for in, want := range map[string]string{"الأَجْر": "الاجر", "إقامة": "اقامه", "مستشفى": "مستشفي", "مسـؤول": "مسوول", "Sécurité": "securite", "ÉTÉ": "ete"} {
		if got := js(`import("/static/js/search.js").then(m => m.normalise(` + jsString(in) + `))`); got != want {
			t.Errorf("normalise(%q) = %q, want %q", in, got, want)
		}
	}
	screenshot(t, ctx, "search-ar.png")
	run(chromedp.Evaluate[chromedp.Void](`(q => { q.value = ""; q.dispatchEvent(new Event("input")) })(document.getElementById("q"))`))

	// Nothing found: "Ask a counsellor" opens the question with the words typed.
	const nothing = "xqzvbn wpyfkj"
	run(chromedp.SendKeys(`#q`, nothing), chromedp.WaitVisible(`#ask-instead a`), chromedp.Click(`#ask-instead a`), chromedp.WaitVisible(`#ask-text`))
	if got := js(`document.getElementById("ask-text").value`); got != nothing {
		t.Errorf("the question after a search with no result = %q, want the words typed (%q)", got, nothing)
	}
	run(chromedp.Click(`a[data-tab="book"]`), chromedp.WaitVisible(`#q`))
	run(chromedp.Evaluate[chromedp.Void](`(q => { q.value = ""; q.dispatchEvent(new Event("input")) })(document.getElementById("q"))`))

	// The help contacts, offline too, with numbers to call.
	run(chromedp.Click(`a[data-tab="help"]`), chromedp.WaitVisible(`.contact`))
	if got := js(`[...document.querySelectorAll(".contact a[href^='tel:']")].map(a => a.getAttribute("href") + " " + a.textContent).join("|")`); !strings.Contains(got, "tel:19 اتصل بالرقم \u206619\u2069") {
		t.Errorf("contacts' call links = %q", got)
	}
	// In each country, emergency lines first, then unions and free help, then services.
	if got := js(`[...document.querySelectorAll("#app section")].map(s => [...s.querySelectorAll(".contact")].map(c => c.dataset.kind).join(",")).join(" | ")`); !strings.Contains(got, "hotline,hotline,hotline,union") {
		t.Errorf("contacts by country and kind = %q, want Morocco's hotlines before its unions", got)
	}
	screenshot(t, ctx, "contacts-ar.png")
	run(chromedp.Click(`a[data-tab="book"]`), chromedp.WaitVisible(`#q`))

	// Online again: the app syncs by itself (the online event).
	run(browsertest.Offline(false))
	waitJS(t, ctx, "a sync after reconnecting", `document.body.dataset.online === "true" && document.body.dataset.sync === "done"`)

	// A change on the server reaches the phone as a small delta.
	const newTitle = "الأجر ومدة العمل في المغرب (محدث)"
	changed := guideRecord(t, app, wages, "ar")
	changed.Set("title", newTitle)
	if err := app.Save(changed); err != nil {
		t.Fatal(err)
	}
	run(chromedp.Evaluate[chromedp.Void](`dispatchEvent(new Event("online"))`))
	waitJS(t, ctx, "the new title on the home screen", `[...document.querySelectorAll("#list .title")].some(e => e.textContent === `+jsString(newTitle)+`)`)
	delta := lastSyncEntry(t, ctx)
	if !strings.Contains(delta.Name, "since=") || delta.TransferSize <= 0 || delta.TransferSize > fullSync.TransferSize/4 {
		t.Errorf("the sync after one change should be a small delta: %+v (full sync: %.0f bytes)", delta, fullSync.TransferSize)
	}
	if got := js(`document.body.dataset.changes + " " + document.body.dataset.guides`); got != fmt.Sprintf("1 %d", len(slugs)) {
		t.Errorf("delta applied %q records (changes, guides); want exactly the one guide", got)
	}

	// A guide not yet translated comes in English, marked as such.
	testapp.PutGuide(t, app, "english-only", "en", "Only in English")
	run(chromedp.Evaluate[chromedp.Void](`dispatchEvent(new Event("online"))`))
	waitJS(t, ctx, "the English-only guide", `document.querySelector('#list a[data-slug="english-only"][lang="en"] .badge')`)
	run(chromedp.Click(`a[data-slug="english-only"]`), chromedp.WaitVisible(`#guide .notice`))
	if got := js(`document.querySelector("#guide .notice").textContent + "|" + document.querySelector("#guide h1").dir`); !strings.HasPrefix(got, "هذا الدليل غير متوفر بعد بلغتك") || !strings.HasSuffix(got, "|ltr") {
		t.Errorf("fallback notice and direction = %q", got)
	}
	run(chromedp.Click(`#guide a.back`), chromedp.WaitVisible(`#list`))

	// Share without the Web Share API (desktop Linux has none): the link is copied.
	if _, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
		Permission: &browser.PermissionDescriptor{Name: "clipboard-read"}, Setting: browser.PermissionSettingGranted, Origin: base,
	}); err != nil {
		t.Fatal(err)
	}
	run(chromedp.Click(`a[data-slug="`+wages+`"]`), chromedp.WaitVisible(`#share`), chromedp.Click(`#share`))
	waitJS(t, ctx, "the link-copied message", `document.querySelector("#guide [aria-live]").textContent.startsWith("تم نسخ الرابط")`)
	if got, want := js(`navigator.clipboard.readText()`), base+"/g/ar/"+wages; got != want {
		t.Errorf("clipboard = %q, want %q", got, want)
	}

	// Settings: how much space the app takes; a new language replaces the library.
	run(chromedp.Click(`a[data-tab="settings"]`), chromedp.WaitVisible(`#profile`))
	waitJS(t, ctx, "the storage estimate", `document.body.textContent.includes("يشغل AMEM مساحة")`)
	screenshot(t, ctx, "settings-ar.png")
	run(chromedp.Click(`input[name="lang"][value="fr"]`), chromedp.Click(`#save`))
	feesFrench := guideRecord(t, app, fees, "fr").GetString("title")
	waitJS(t, ctx, "the library in French",
		`document.documentElement.dir === "ltr" && [...document.querySelectorAll("#list .title")].some(e => e.textContent === `+jsString(feesFrench)+`)`)
	if e := lastSyncEntry(t, ctx); !strings.Contains(e.Name, "lang=fr") || strings.Contains(e.Name, "since=") {
		t.Errorf("a new language needs a full sync, got %s", e.Name)
	}
	if got := js(`document.body.dataset.guides`); got != fmt.Sprint(len(slugs)+1) {
		t.Errorf("guides after the language change = %s, want %d (replaced, not added)", got, len(slugs)+1)
	}
	screenshot(t, ctx, "home-fr.png")

	// A union publishes an alert: it reaches the phone with the next sync, and
	// its notification's link (#/alerts/{id}) opens the screen that shows it.
	alerts, _ := app.FindCollectionByNameOrId("alerts")
	alert := core.NewRecord(alerts)
	alert.Set("title", "Faux recruteur à Sfax")
	alert.Set("body", "Ne payez rien au bureau « Emploi Golfe Express » : il n'a pas d'agrément.")
	alert.Set("country", "TN")
	alert.Set("lang", "fr")
	alert.Set("published", true)
	if err := app.Save(alert); err != nil {
		t.Fatal(err)
	}
	run(chromedp.Evaluate[chromedp.Void](`location.replace("#/alerts/`+alert.Id+`")`),
		chromedp.Evaluate[chromedp.Void](`dispatchEvent(new Event("online"))`))
	waitJS(t, ctx, "the alert", `document.body.dataset.screen === "alerts" && document.querySelector("#app .notice strong")?.textContent === "Faux recruteur à Sfax"`)

	// Quick exit (direct entry): away to our neutral page, and Back does not
	// return to AMEM's content (TestBrowserQuickExit covers the other paths).
	run(chromedp.Click(`#exit`))
	if got := waitLocation(t, ctx, func(url string) bool { return url == base+"/calc" }); got != base+"/calc" {
		t.Errorf("quick exit went to %q", got)
	}
	run(chromedp.NavigateBack())
	time.Sleep(500 * time.Millisecond)
	if got := js(`location.href + " " + !!document.getElementById("app")`); strings.HasPrefix(got, base+"/ ") || strings.HasSuffix(got, "true") {
		t.Errorf("Back after a quick exit returned to AMEM (%s)", got)
	}
}

// waitLocation waits, across navigations, until the tab's URL satisfies ok.
func waitLocation(t *testing.T, ctx context.Context, ok func(string) bool) string {
	t.Helper()
	var url string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		c, cancel := context.WithTimeout(ctx, 2*time.Second)
		u, err := chromedp.Run(c, chromedp.Location())
		cancel()
		if err == nil {
			if url = u; ok(u) {
				return u
			}
		}
	}
	t.Fatalf("the tab stayed at %s", url)
	return url
}

func distinctGuideSlugs(t *testing.T, app core.App) map[string]bool {
	t.Helper()
	records, err := app.FindAllRecords("guides")
	if err != nil {
		t.Fatal(err)
	}
	slugs := map[string]bool{}
	for _, r := range records {
		slugs[r.GetString("slug")] = true
	}
	if len(slugs) < 20 {
		t.Fatalf("only %d guides imported", len(slugs))
	}
	return slugs
}

func guideRecord(t *testing.T, app core.App, slug, lang string) *core.Record {
	t.Helper()
	r, err := app.FindFirstRecordByFilter("guides", "slug = {:s} && lang = {:l}", map[string]any{"s": slug, "l": lang})
	if err != nil {
		t.Fatalf("guide %s/%s: %v", slug, lang, err)
	}
	return r
}

// waitJS waits until the expression (or the promise's value) is truthy in
// the page, across reloads.
func waitJS(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	waitJSWithin(t, ctx, 15*time.Second, what, expr)
}

// waitJSWithin is waitJS for what may take longer than 15 s (a poll).
func waitJSWithin(t *testing.T, ctx context.Context, within time.Duration, what, expr string) {
	t.Helper()
	var last error
	for deadline := time.Now().Add(within); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		c, cancel := context.WithTimeout(ctx, 2*time.Second)
		ok, err := chromedp.Run(c, chromedp.Evaluate[bool](`Promise.resolve(`+expr+`).then((v) => !!v)`, chromedp.EvalAwaitPromise))
		cancel()
		if err == nil && ok {
			return
		}
		last = err
	}
	page, _ := chromedp.Run(ctx, chromedp.Evaluate[string](
		`JSON.stringify(document.body.dataset) + " " + location.href + " " + document.body.innerText.slice(0, 400)`))
	t.Fatalf("waiting for %s (%s): last error %v\npage: %s", what, expr, last, page)
}

// resourceEntry is what the Resource Timing API says about one request.
type resourceEntry struct {
	Name            string  `json:"name"`
	TransferSize    float64 `json:"transferSize"`
	EncodedBodySize float64 `json:"encodedBodySize"`
	DecodedBodySize float64 `json:"decodedBodySize"`
	ResponseStatus  float64 `json:"responseStatus"`
}

const syncEntriesJS = `performance.getEntriesByType("resource").filter(e => e.name.includes("/api/amem/sync"))`

func lastSyncEntry(t *testing.T, ctx context.Context) resourceEntry {
	t.Helper()
	entries := browsertest.Eval[[]resourceEntry](t, ctx, syncEntriesJS+`.map(e => e.toJSON())`)
	if len(entries) == 0 {
		t.Fatal("no sync request was made")
	}
	return entries[len(entries)-1]
}

func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("AMEM_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBrowserPageWeight measures what the app costs in data: a cold first
// visit in Arabic (the shell, its service worker's precache and the whole
// library), an empty delta sync, an unchanged one (304), and a new shell
// version whose files did not change. With AMEM_WRITE_BENCHMARKS=1 it writes
// the numbers into the "Page weight" section of docs/benchmarks.md:
//
//	AMEM_REQUIRE_BROWSER=1 AMEM_WRITE_BENCHMARKS=1 go test ./pb_hooks/browser -run TestBrowserPageWeight -count=1 -v
func TestBrowserPageWeight(t *testing.T) {
	app := testapp.NewWithContent(t)
	wire := meterServer(app)
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t)
	run := browsertest.Tab{T: t, Ctx: ctx}.Run
	wire.reset()

	// Cold first visit: choose Arabic and a situation, wait for the library
	// and for the service worker to have precached the shell.
	run(chromedp.Navigate(base+"/"), chromedp.WaitVisible(`button[data-lang="ar"]`),
		chromedp.Click(`button[data-lang="ar"]`), chromedp.WaitVisible(`#profile`),
		chromedp.Click(`input[name="phase"][value="pre_departure"]`), chromedp.Click(`#save`))
	waitJS(t, ctx, "the library", `document.body.dataset.sync === "done" && +document.body.dataset.guides > 0`)
	waitJS(t, ctx, "the service worker", `navigator.serviceWorker.controller !== null`)
	cold := browsertest.Eval[map[string]float64](t, ctx, `(() => {
		const all = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")];
		const sum = (test) => all.filter(e => test(new URL(e.name).pathname)).reduce((n, e) => n + e.transferSize, 0);
		return {
			total: sum(() => true), requests: all.length,
			shell: sum(p => p === "/" || p.startsWith("/static/") || p === "/manifest.webmanifest"),
			strings: sum(p => p.startsWith("/api/amem/i18n/")),
			library: sum(p => p === "/api/amem/sync"),
		};
	})()`)
	coldDown, coldUp := wire.read()
	full := lastSyncEntry(t, ctx)

	// An empty delta (200 with nothing in it), then the same request again (304).
	syncAgain := func() resourceEntry {
		t.Helper()
		n := browsertest.Eval[int](t, ctx, syncEntriesJS+`.length`)
		run(chromedp.Evaluate[chromedp.Void](`dispatchEvent(new Event("online"))`))
		waitJS(t, ctx, "another sync", fmt.Sprintf(`%s.length > %d && document.body.dataset.sync === "done"`, syncEntriesJS, n))
		return lastSyncEntry(t, ctx)
	}
	wire.reset()
	empty := syncAgain()
	emptyDown, emptyUp := wire.read()
	wire.reset()
	unchanged := syncAgain()
	unchangedDown, unchangedUp := wire.read()

	// A new shell version with the same files: the service worker fetches the
	// page, the manifest and shell.json, and copies the rest from its cache,
	// even when the HTTP cache is gone (phones evict it first). The app offers
	// the update, and reloads into it when accepted.
	if _, err := chromedp.Call(ctx, network.ClearBrowserCache, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	wire.reset()
	run(chromedp.Evaluate[chromedp.Void](`navigator.serviceWorker.register("/sw.js?v=next", {scope: "/"}); window.beforeUpdate = true`))
	waitJS(t, ctx, "the update banner", `!document.getElementById("update").hidden`)
	updateDown, updateUp := wire.read()
	if n := wire.staticGets.Load(); n != 0 {
		t.Errorf("a new shell with no changed file requested %d fingerprinted files: they should be copied from the old cache", n)
	}
	run(chromedp.Click(`#update button`))
	waitJS(t, ctx, "the reload into the new version",
		`!window.beforeUpdate && navigator.serviceWorker.controller?.scriptURL.endsWith("v=next") && document.body.dataset.sync === "done"`)

	js, css, jsGzip, cssGzip := shellSizes(t)
	t.Logf("cold first visit: page %.0f B in %.0f requests (shell %.0f, strings %.0f, library %.0f); wire %d B down, %d B up",
		cold["total"], cold["requests"], cold["shell"], cold["strings"], cold["library"], coldDown, coldUp)
	t.Logf("full sync (ar): %.0f B transferred, %.0f B body, %.0f B JSON", full.TransferSize, full.EncodedBodySize, full.DecodedBodySize)
	t.Logf("empty delta: %.0f B transferred, %.0f B body; wire %d B down, %d B up", empty.TransferSize, empty.EncodedBodySize, emptyDown, emptyUp)
	t.Logf("unchanged (%.0f): %.0f B transferred; wire %d B down, %d B up", unchanged.ResponseStatus, unchanged.TransferSize, unchangedDown, unchangedUp)
	t.Logf("new shell version, no file changed: wire %d B down, %d B up", updateDown, updateUp)
	t.Logf("JS %d B (gzip %d), CSS %d B (gzip %d)", js, jsGzip, css, cssGzip)

	// Sane upper bounds, far above today's numbers: they catch a regression
	// (a shell re-downloaded, a full sync instead of a delta), not noise.
	if !strings.Contains(empty.Name, "since=") || empty.EncodedBodySize >= 1000 || emptyDown >= 2000 {
		t.Errorf("an empty delta should cost a few hundred bytes: %+v, wire %d B", empty, emptyDown)
	}
	if unchanged.ResponseStatus != 304 || unchanged.EncodedBodySize != 0 || unchangedDown >= 1000 {
		t.Errorf("an unchanged sync should be a 304 with no body: %+v, wire %d B", unchanged, unchangedDown)
	}
	// A new shell costs its page, service worker and list (shell.json),
	// which grow by a line per module (about 10 KB with 25 modules); had it
	// downloaded its files again, the JS alone would be over 30 KB more.
	if updateDown >= 12000 {
		t.Errorf("a new shell with no changed file cost %d B: its files should be copied, not downloaded", updateDown)
	}
	if coldDown >= 1000000 {
		t.Errorf("a cold first visit cost %d B", coldDown)
	}
	// Budgets on what is served (minified, compressed): the JS under 40 KB,
	// the whole shell's JS and CSS under 60 KB.
	if jsGzip >= 40000 || jsGzip+cssGzip >= 60000 {
		t.Errorf("the shell's JS weighs %d B and its JS and CSS %d B compressed", jsGzip, jsGzip+cssGzip)
	}

	if os.Getenv("AMEM_WRITE_BENCHMARKS") == "1" {
		writeBenchmarkSection(t, "Page weight", fmt.Sprintf(pageWeightDoc,
			kb(coldDown), kb(coldUp), cold["requests"], kb(int64(cold["shell"])), kb(int64(cold["strings"])), kb(int64(cold["library"])),
			kb(int64(full.TransferSize)), kb(int64(full.DecodedBodySize)),
			int64(empty.TransferSize), int64(empty.EncodedBodySize), emptyDown, emptyUp,
			int64(unchanged.TransferSize), unchangedDown, unchangedUp,
			kb(updateDown), kb(updateUp),
			kb(js), kb(jsGzip), kb(css), kb(cssGzip), kb(js+css), kb(jsGzip+cssGzip)))
	}
}

const pageWeightDoc = `What the worker's app costs in data, measured in a real headless Chromium
against the real server and the shipped content, by
` + "`TestBrowserPageWeight`" + ` in ` + "`pb_hooks/browser/browser_app_test.go`" + `:

` + "```sh" + `
AMEM_REQUIRE_BROWSER=1 AMEM_WRITE_BENCHMARKS=1 go test ./pb_hooks/browser -run TestBrowserPageWeight -count=1 -v
` + "```" + `

"Wire" is every byte the server wrote (down) or read (up) on its TCP
connections, HTTP headers included, for the page and its service worker alike;
"page" is the sum of the Resource Timing ` + "`transferSize`" + ` of the page's own requests
(the service worker's precache is not in it). Responses are gzip-compressed, the full sync Brotli-compressed.

| scenario | bytes |
|---|---|
| cold first visit in Arabic: shell, precache, strings, whole library (wire) | %s down, %s up |
| of which the page's own %.0f requests: shell / strings (en, then ar) / library | %s / %s / %s |
| full sync, Arabic (transferred; JSON once decompressed) | %s (%s) |
| empty delta sync (200, nothing new): transferred, body; wire | %d B, %d B; %d B down, %d B up |
| unchanged sync (304, same cursor and ETag): transferred; wire | %d B; %d B down, %d B up |
| new shell version with no changed file, HTTP cache cleared (service worker update, wire) | %s down, %s up |
| JS modules / CSS as served (minified), uncompressed (gzip) | %s (%s) / %s (%s) |
| JS + CSS as served (minified), uncompressed (gzip) | %s (%s) |

The cold visit's wire count includes everything ` + "`/shell.json`" + ` lists: the worker
app's modules, stylesheet and icons (not the counsellors' inbox). The JS and CSS
sizes are what the worker's phone precaches (` + "`web/static/js/`" + `, ` + "`web/static/shared/`" + ` and ` + "`css/app.css`" + `), as the server sends them: minified at start-up by
` + "`internal/assets`" + ` (the source in ` + "`web/`" + ` keeps its comments).

The test fails if an empty delta costs 2 KB or more on the wire, if an
unchanged sync is not a bodiless 304, if a shell update with no changed file
requests any fingerprinted file or costs 10 KB or more, if a cold first
visit reaches 1 MB, or if the served JS reaches 40 KB gzip-compressed or
the JS and CSS together 60 KB.
`

func kb(n int64) string { return fmt.Sprintf("%.1f KB", float64(n)/1000) }

// shellSizes returns the bytes of the worker app's JS modules and CSS (not
// the counsellors' inbox), as served (minified) and gzip-compressed.
func shellSizes(t *testing.T) (js, css, jsGzip, cssGzip int64) {
	t.Helper()
	// The bytes the server sends: minified at start-up by internal/assets.
	set, err := assets.New(web.FS, "static")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range set.All() {
		// What the worker's phone precaches (shell.json): its own modules,
		// the modules it shares with the inbox, and the CSS it links.
		if !strings.HasPrefix(a.Name, "js/") && !strings.HasPrefix(a.Name, "shared/") && a.Name != "css/app.css" {
			continue
		}
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(a.Data)
		zw.Close()
		switch filepath.Ext(a.Name) {
		case ".js":
			js, jsGzip = js+int64(len(a.Data)), jsGzip+int64(buf.Len())
		case ".css":
			css, cssGzip = css+int64(len(a.Data)), cssGzip+int64(buf.Len())
		}
	}
	return js, css, jsGzip, cssGzip
}

// writeBenchmarkSection replaces (or adds) the "## title" section of
// docs/benchmarks.md, leaving the other sections as they are.
func writeBenchmarkSection(t *testing.T, title, body string) {
	t.Helper()
	path := filepath.Join("..", "..", "docs", "benchmarks.md")
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	doc := string(old)
	if doc == "" {
		doc = "# Benchmarks\n"
	}
	section := "## " + title + "\n\n" + body
	start := strings.Index(doc, "## "+title+"\n")
	if start < 0 {
		doc = strings.TrimRight(doc, "\n") + "\n\n" + section
	} else {
		end := len(doc)
		if next := strings.Index(doc[start+3:], "\n## "); next >= 0 {
			end = start + 3 + next + 1
			section += "\n"
		}
		doc = doc[:start] + section + doc[end:]
	}
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
}

// wireMeter counts the bytes a server writes and reads on its connections,
// and the requests for fingerprinted files.
type wireMeter struct{ down, up, staticGets atomic.Int64 }

func (m *wireMeter) reset() { m.down.Store(0); m.up.Store(0); m.staticGets.Store(0) }

func (m *wireMeter) read() (down, up int64) { return m.down.Load(), m.up.Load() }

// meterServer makes the server that startServer runs count its bytes. Its
// OnServe handler runs after startServer's (a higher priority runs later)
// and wraps the listener startServer has set.
func meterServer(app core.App) *wireMeter {
	m := &wireMeter{}
	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{
		Id:       "amemTestWireMeter",
		Priority: 1000,
		Func: func(e *core.ServeEvent) error {
			e.Listener = meteredListener{e.Listener, m}
			return e.Next()
		},
	})
	return m
}

type meteredListener struct {
	net.Listener
	m *wireMeter
}

func (l meteredListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return meteredConn{c, l.m}, nil
}

type meteredConn struct {
	net.Conn
	m *wireMeter
}

func (c meteredConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.m.up.Add(int64(n))
	if bytes.HasPrefix(p[:n], []byte("GET /static/")) {
		c.m.staticGets.Add(1)
	}
	return n, err
}

func (c meteredConn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	c.m.down.Add(int64(n))
	return n, err
}
