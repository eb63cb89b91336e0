package browser

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"amem/internal/browsertest"
	"amem/pb_hooks/testapp"
)

// Discreet mode, turned on in settings, links the neutral manifest: the
// same app under the neutral name of the worker's language and a neutral
// icon, and it stays so when the app is opened again.
func TestBrowserDiscreetModeSwitchesTheManifest(t *testing.T) {
	app := testapp.NewWithContent(t)
	base := testapp.StartServer(t, app)
	ctx := browsertest.New(t)
	tab := browsertest.Tab{T: t, Ctx: ctx}
	firstRunInArabic(t, ctx, base, "MA", "QA")
	neutralName := arabicMessages(t)["discreet.app_name"]

	manifest := `fetch(document.querySelector('link[rel="manifest"]').href).then(r => r.json()).then(m => m.name + "|" + m.icons[0].src)`
	if got := tab.JS(manifest); !strings.HasPrefix(got, "AMEM|") {
		t.Fatalf("before discreet mode the manifest is %q, want AMEM's", got)
	}
	tab.Run(chromedp.Evaluate[chromedp.Void](`location.replace("#/settings")`), chromedp.WaitVisible(`#discreet`), chromedp.Click(`#discreet`))
	for _, when := range []string{"turned on", "opened again"} {
		waitJS(t, ctx, "the neutral manifest ("+when+")", `document.querySelector('link[rel="manifest"]').getAttribute("href") === "/neutral.webmanifest?lang=ar"`)
		got := tab.JS(manifest)
		if name, icon, _ := strings.Cut(got, "|"); name != neutralName || !strings.Contains(icon, "/icons/neutral-") || strings.Contains(got, "AMEM") {
			t.Errorf("discreet mode %s: the manifest is %q, want the name %q and a neutral icon", when, got, neutralName)
		}
		if title := tab.JS(`document.title`); title != neutralName {
			t.Errorf("discreet mode %s: the window's title is %q", when, title)
		}
		tab.Run(chromedp.Reload())
		waitJS(t, ctx, "the app again", `document.body.dataset.screen === "settings"`)
	}
}
