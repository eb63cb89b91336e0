package browser

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"amem/internal/browsertest"
	"amem/pb_hooks/testapp"
)

// The help directory, in Arabic and in French: an emergency block on top (the
// help lines of the country the worker is in first, the one the call button
// dials at their head), then by country unions and free help before
// services; every name and source title carries its language when it is not
// the page's, and each contact shows the date a source confirmed it.
func TestBrowserDirectoryEmergencyFirstNamesInTheirLanguage(t *testing.T) {
	app := testapp.NewWithContent(t)
	base := testapp.StartServer(t, app)
	for _, tt := range []struct {
		lang, umt, confirmed string
	}{
		{"ar", "الاتحاد المغربي للشغل", "آخر تأكيد"},
		{"fr", "Union Marocaine du Travail (UMT)", "confirmé le"},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			ctx := browsertest.New(t)
			tab := browsertest.Tab{T: t, Ctx: ctx}
			firstRun(t, ctx, base, tt.lang, "TN", "QA")
			tab.Run(chromedp.Evaluate[chromedp.Void](`location.replace("#/contacts")`))
			waitJS(t, ctx, "the directory", `document.body.dataset.screen === "contacts" && document.querySelector(".contact")`)

			// The emergency block comes first: Tunisia's lines, police (the call button's) first,
			// then Qatar's (where the worker goes), then the others (Morocco's).
			if got := tab.JS(`document.querySelector("#app section").id`); got != "emergency" {
				t.Errorf("first section = %q, want the emergency block", got)
			}
			if got := tab.JS(`[...document.querySelectorAll("#emergency .contact")].map(c => c.dataset.key).join(",")`); !strings.HasPrefix(got, "tn-police,") || !strings.Contains(got, "inltp-tunisie") ||
				strings.Index(got, "qa-emergency") < strings.LastIndex(got, "tn-") || strings.Index(got, "ma-police") < strings.Index(got, "qa-emergency") {
				t.Errorf("emergency block = %s, want Tunisia's lines (police first), then Qatar's, then Morocco's", got)
			}
			if got := tab.JS(`[...document.querySelectorAll("#emergency .contact")].filter(c => c.dataset.kind !== "hotline").length + ""`); got != "0" {
				t.Errorf("%s contacts in the emergency block are not help lines", got)
			}
			// Then each country: unions and free help before ministries and agencies; no line twice.
			kinds := tab.JS(`[...document.querySelectorAll("#app section:not(#emergency)")].map(s => [...s.querySelectorAll(".contact")].map(c => c.dataset.kind).join(",")).join(" | ")`)
			rank := map[string]int{"union": 1, "ngo": 2, "embassy": 3, "ministry": 4, "agency": 5}
			for _, section := range strings.Split(kinds, " | ") {
				last := 0
				for _, kind := range strings.Split(section, ",") {
					if rank[kind] < last || rank[kind] == 0 {
						t.Errorf("country sections = %q: a help line again, or a service before free help", kinds)
					}
					last = rank[kind]
				}
			}
			if !strings.HasPrefix(kinds, "union,union") {
				t.Errorf("country sections = %q, want Tunisia's unions first", kinds)
			}

			// Names in the reader's language where the organisation has one; otherwise the original, marked.
			umt := tab.JS(`(h => h.textContent + "|" + (h.getAttribute("lang") || ""))(document.querySelector('[data-key="umt"] h3'))`)
			if umt != tt.umt+"|" {
				t.Errorf("UMT's name = %q, want %q in the page's language", umt, tt.umt)
			}
			if got := tab.JS(`document.querySelector('[data-key="cltm"] h3').getAttribute("lang") || ""`); got != map[string]string{"ar": "fr", "fr": ""}[tt.lang] {
				t.Errorf("CLTM's name (no Arabic name) has lang %q", got)
			}
			if got := tab.JS(`document.querySelector('[data-key="tn-police"] h3').getAttribute("lang") || ""`); got != "" {
				t.Errorf("the police's name has lang %q, want the page's language", got)
			}
			// Sources are links to public pages, their titles marked when in another language.
			src := tab.JS(`(a => a.getAttribute("href") + "|" + (a.getAttribute("lang") || ""))(document.querySelector('[data-key="tn-police"] .source a'))`)
			if want := map[string]string{"ar": "|fr", "fr": "|"}[tt.lang]; !strings.HasPrefix(src, "https://") || !strings.HasSuffix(src, want) {
				t.Errorf("police's first source = %q, want an https page marked %q", src, want)
			}
			// The date a source confirmed it, in the reader's language.
			wantDate := tab.JS(`new Intl.DateTimeFormat(` + jsString(map[string]string{"ar": "ar-u-nu-latn", "fr": "fr"}[tt.lang]) + `, {dateStyle: "long", timeZone: "UTC"}).format(new Date("2022-07-10T00:00:00Z"))`)
			if got := tab.JS(`document.querySelector('[data-key="tn-police"] .verified').textContent`); !strings.Contains(got, tt.confirmed) || !strings.Contains(got, wantDate) {
				t.Errorf("police's confirmation date = %q, want %q and %q", got, tt.confirmed, wantDate)
			}
			// A number in a contact's text is isolated and tappable too.
			if got := tab.JS(`String(!!document.querySelector('[data-key="ma-embassy-qa"] bdi[dir=ltr] a[href="tel:0800008098"]'))`); got != "true" {
				t.Errorf("the ministry's free number in the embassy's text is not an isolated tel: link")
			}
			screenshot(t, ctx, "directory-"+tt.lang+".png")
		})
	}
}

// firstRun is the first run in a language, at work from one country to another.
func firstRun(t *testing.T, ctx context.Context, base, lang, from, to string) {
	t.Helper()
	browsertest.Run(t, ctx, 20*time.Second,
		chromedp.Navigate(base+"/"), chromedp.WaitVisible(`button[data-lang="`+lang+`"]`),
		chromedp.Click(`button[data-lang="`+lang+`"]`), chromedp.WaitVisible(`#profile`),
		chromedp.SetValue(`#from`, from), chromedp.SetValue(`#to`, to),
		chromedp.Click(`input[name="phase"][value="at_work"]`), chromedp.Click(`#save`))
	waitJS(t, ctx, "the library", `document.body.dataset.screen === "home" && document.body.dataset.sync === "done" && +document.body.dataset.guides > 0`)
}
