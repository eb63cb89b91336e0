package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"amem/internal/browsertest"
	"amem/pb_hooks/testapp"
)

// statsQuestions gives Union A enough questions this month that their
// figures are published: wages and fees from Tunisia, contracts from Morocco.
func statsQuestions(t *testing.T, app *tests.TestApp) {
	t.Helper()
	f := testapp.Seeded(t)
	collection, err := app.FindCollectionByNameOrId("questions")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, group := range []struct {
		topic, country string
		count          int
	}{{"wages", "TN", 14}, {"fees", "TN", 9}, {"contract", "MA", 8}} {
		for i := 0; i < group.count; i++ {
			n++
			q := core.NewRecord(collection)
			q.Load(map[string]any{"worker": f.IDs["w1"], "client_id": fmt.Sprintf("stats-page-%03d", n), "lang": "ar",
				"country": group.country, "topic": group.topic, "status": "assigned", "organisation": f.IDs["orgA"]})
			if err := app.Save(q); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// statsAnswer is the API's table (by one dimension) as the page reads it.
type statsAnswer struct {
	Rows  []map[string]any `json:"rows"`
	Total map[string]any   `json:"total"`
}

func getStats(t *testing.T, base, token, query string) statsAnswer {
	t.Helper()
	req, _ := http.NewRequest("GET", base+"/api/amem/stats?"+query, nil)
	req.Header.Set("Authorization", token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out statsAnswer
	if res.StatusCode != 200 || json.NewDecoder(res.Body).Decode(&out) != nil {
		t.Fatalf("GET /api/amem/stats?%s = %d", query, res.StatusCode)
	}
	return out
}

// checkStatsPage compares each bar and table row of the page's breakdown
// dim with the API's answer for the same period, dimension and language.
func checkStatsPage(t *testing.T, ctx context.Context, base, token, dim, lang string) {
	t.Helper()
	js := browsertest.Tab{T: t, Ctx: ctx}.JS
	period := js(`document.getElementById("stats-from").value + "/" + document.getElementById("stats-to").value`)
	answer := getStats(t, base, token, "by="+dim+"&lang="+lang+"&from="+period[:7]+"&to="+period[8:])
	if len(answer.Rows) == 0 {
		t.Fatalf("the API publishes no row by %s: the fixture is too small", dim)
	}
	// The page may still be redrawing (fresher strings arrived after a
	// language change): wait until it has drawn, then read it.
	waitJS(t, ctx, "the chart by "+dim, `document.body.dataset.stats === "ready" && document.querySelectorAll("#by-`+dim+` rect.chart-bar").length > 0`)
	bars := js(`String(document.querySelectorAll("#by-` + dim + ` rect.chart-bar").length)`)
	if bars != strconv.Itoa(len(answer.Rows)) {
		t.Errorf("%s: %s bars by %s, the API publishes %d rows", lang, bars, dim, len(answer.Rows))
	}
	for _, row := range answer.Rows {
		code, _ := row[dim].(string)
		want := strconv.Itoa(int(row["questions"].(float64)))
		label := row["labels"].(map[string]any)[dim].(string)
		sel := "[data-code='" + code + "']"
		got := js(`(document.querySelector("#by-` + dim + ` rect.chart-bar` + sel + `")?.dataset.value || "none") + "|" +
			(document.querySelector("#table-` + dim + ` tr` + sel + ` td")?.textContent || "none") + "|" +
			(document.querySelector("#table-` + dim + ` tr` + sel + ` th")?.textContent || "none")`)
		if got != want+"|"+want+"|"+label {
			t.Errorf("%s: %s %s shows bar|table|label %s, the API says %s|%s|%s", lang, dim, code, got, want, want, label)
		}
	}
}

// TestBrowserStatsPage: a plain link to /stats/ shows the sign-in; a
// coordinator signed in sees the charts and tables of the API's figures in
// French and in Arabic (mirrored), a CSV of the table, and a print layout
// without controls, with the date and the method's footnote.
func TestBrowserStatsPage(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	statsQuestions(t, app)
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t)
	run := browsertest.Tab{T: t, Ctx: ctx}.Run
	js := browsertest.Tab{T: t, Ctx: ctx}.JS

	run(chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+"/stats/"), chromedp.WaitVisible(`#email`))
	if got := js(`document.contentType + " " + document.querySelector("#signin h1").textContent`); got != "text/html Statistics" {
		t.Errorf("a plain link to /stats/ shows %q, want the statistics' sign-in", got)
	}
	run(chromedp.Click(`.lang[data-lang="fr"]`))
	waitJS(t, ctx, "the sign-in in French", `document.documentElement.lang === "fr" && document.querySelector("#signin h1")?.textContent === "Statistiques"`)
	signIn(t, ctx, app, "coordA@example.org", "correct horse battery")
	waitJS(t, ctx, "the statistics", `document.body.dataset.screen === "stats" && document.body.dataset.stats === "ready" && document.body.dataset.csv === "ready"`)

	token := f.Tokens[testapp.Coordinator]
	for _, dim := range []string{"topic", "country", "month"} {
		checkStatsPage(t, ctx, base, token, dim, "fr")
	}
	if got := js(`document.querySelector("#by-topic h2").textContent + " | " + document.getElementById("stats-org").textContent`); got != "Questions par thème | Union A" {
		t.Errorf("the topic chart is titled %q", got)
	}
	total := getStats(t, base, token, "by=topic&lang=fr").Total["questions"].(float64)
	if got, want := js(`document.getElementById("stats-total").textContent`), fmt.Sprintf("Questions sur la période : %d", int(total)); got != want {
		t.Errorf("the total says %q, want %q", got, want)
	}
	// The CSV link downloads the API's CSV, in French, with a byte-order
	// mark; with the box ticked, separated by semicolons.
	downloads := t.TempDir()
	if _, err := chromedp.Call(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(downloads, "amem-topic-"+js(`document.getElementById("stats-from").value + "-" + document.getElementById("stats-to").value`)+".csv")
	download := func(want string) {
		t.Helper()
		os.Remove(file)
		run(chromedp.Click(`#csv-topic`))
		var got []byte
		if !testapp.Eventually(func() bool { got, _ = os.ReadFile(file); return len(got) > 0 }) || !strings.HasPrefix(string(got), want) {
			t.Errorf("the topic CSV downloaded %q, want it to start %q", got, want)
		}
	}
	download("\ufeffThème,")
	run(chromedp.Click(`#stats-semicolon`))
	waitJS(t, ctx, "the CSV with semicolons", `document.body.dataset.stats === "ready" && document.body.dataset.csv === "ready"`)
	download("\ufeffThème;")

	fullScreenshot(t, ctx, "stats-fr.png")

	// Print: no controls, the date and the footnote.
	visible := `((id) => { const el = document.getElementById(id); return getComputedStyle(el).display !== "none" && el.getBoundingClientRect().height > 0; })`
	if got := js(`String(` + visible + `("stats-printed"))`); got != "false" {
		t.Error("the print date shows on screen")
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	if got := js(`[` + visible + `("stats-controls"), ` + visible + `("bar"), ` + visible + `("csv-topic"), ` + visible + `("stats-printed"), ` + visible + `("stats-method")].join(" ")`); got != "false false false true true" {
		t.Errorf("printed, controls, bar, CSV link, date, footnote visible: %s; want false false false true true", got)
	}
	if got := js(`document.getElementById("stats-method").textContent`); !contains(got, "clé de cellule", "2", "5") {
		t.Errorf("the footnote says %q", got)
	}
	if got := js(`document.getElementById("stats-printed").textContent`); !contains(got, "Imprimé le", "Union A") {
		t.Errorf("the print date says %q", got)
	}
	fullScreenshot(t, ctx, "stats-print-fr.png")
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
		t.Fatal(err)
	}

	// Arabic: right to left, the bars grow from the right (they all start
	// at the label's edge, 640 − 208), the same figures in Arabic labels.
	run(chromedp.SetValue(`#lang`, "ar"), chromedp.Evaluate[chromedp.Void](`document.getElementById("lang").dispatchEvent(new Event("change"))`))
	waitJS(t, ctx, "the statistics in Arabic", `document.documentElement.dir === "rtl" && document.querySelector("#by-topic h2")?.textContent === "الأسئلة حسب الموضوع" && document.body.dataset.stats === "ready"`)
	for _, dim := range []string{"topic", "country", "month"} {
		checkStatsPage(t, ctx, base, token, dim, "ar")
	}
	fullScreenshot(t, ctx, "stats-ar.png")
	if got := js(`[...new Set([...document.querySelectorAll("#by-topic rect.chart-bar")].map((r) => Math.round(+r.getAttribute("x") + +r.getAttribute("width"))))].join()`); got != "432" {
		t.Errorf("in Arabic the topic bars end at x = %s, want all at 432 (mirrored)", got)
	}
}

// TestBrowserStatsPageRoles: a counsellor who is not a coordinator is told
// the statistics are for coordinators, and sees no figure; a superuser
// (eight-digit code) sees every organisation's.
func TestBrowserStatsPageRoles(t *testing.T) {
	ctx := browsertest.New(t)
	run := browsertest.Tab{T: t, Ctx: ctx}.Run
	js := browsertest.Tab{T: t, Ctx: ctx}.JS

	app := testapp.New(t)
	statsQuestions(t, app)
	base := testapp.StartServer(t, app)
	run(chromedp.Navigate(base + "/stats/"))
	signIn(t, ctx, app, "cA@example.org", "correct horse battery")
	waitJS(t, ctx, "the refusal", `document.body.dataset.screen === "refused" && document.getElementById("stats-refused")`)
	if got := js(`String(document.querySelectorAll("rect.chart-bar, table.figures").length)`); got != "0" {
		t.Errorf("a counsellor sees %s charts or tables", got)
	}

	// A server of its own: the superuser's sign-in tries the counsellors
	// first, and PocketBase limits sign-ins per address.
	app2 := testapp.New(t)
	statsQuestions(t, app2)
	base2 := testapp.StartServer(t, app2)
	run(chromedp.Navigate(base2 + "/stats/"))
	signIn(t, ctx, app2, "root@example.org", "superuser password")
	waitJS(t, ctx, "the statistics", `document.body.dataset.screen === "stats" && document.body.dataset.stats === "ready"`)
	if got := js(`document.getElementById("stats-org").textContent + " " + !!document.querySelector('input[name="dim"][value="organisation"]')`); got != "All organisations true" {
		t.Errorf("a superuser's page shows %q", got)
	}
	checkStatsPage(t, ctx, base2, testapp.Seeded(t).Tokens[testapp.Superuser], "topic", "en")

	// The inbox, in the same tab, is not for a superuser: its sign-in, with
	// no "session ended"; the statistics keep the superuser's session.
	run(chromedp.Navigate(base2 + "/inbox/"))
	waitJS(t, ctx, "the inbox's sign-in", `document.body.dataset.screen === "signin" && document.getElementById("email")`)
	if got := js(`String(document.querySelectorAll("#signin .notice").length)`); got != "0" {
		t.Errorf("the inbox greets a superuser's session with %s notices, want none", got)
	}
	run(chromedp.Navigate(base2 + "/stats/"))
	waitJS(t, ctx, "the statistics again", `document.body.dataset.screen === "stats" && document.body.dataset.stats === "ready"`)
}

// contains reports whether s has every part.
func contains(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
