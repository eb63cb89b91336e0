package browser

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"amem/internal/browsertest"
	"amem/internal/opus/opustest"
	"amem/pb_hooks/testapp"
)

// largeText is Android's largest text setting on a small phone: 200 %
// text (the root font size, which every size in rem follows) at 320 px.
func largeText(ctx context.Context) error {
	_, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 320, Height: 640, DeviceScaleFactor: 2, Mobile: true})
	return err
}

const textAt200 = `document.documentElement.style.fontSize = "200%"`

// sidewaysAndSmall says what scrolls sideways and which main actions are
// smaller than 44 × 44 px on the screen, or "" when nothing does.
const sidewaysAndSmall = `(() => {
	const s = document.scrollingElement, out = [];
	if (s.scrollWidth > s.clientWidth) {
		const over = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > s.clientWidth + 1 || r.left < -1); };
		// The outermost elements past the edge, whose parent fits.
		const wide = [...document.querySelectorAll("body *")].filter(e => over(e) && !over(e.parentElement))
			.concat([...document.querySelectorAll("body *")].filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === "visible"));
		out.push("scrolls sideways: " + s.scrollWidth + " > " + s.clientWidth + " (" + wide.slice(0, 14).map(e => e.tagName + "#" + e.id + "." + e.getAttribute("class") + " " + Math.round(e.getBoundingClientRect().width) + "px").join(", ") + ")");
	}
	const small = [...document.querySelectorAll("button, a.button, #tabs a, #bar a, .bar-button, a.tab, .item-link, select, input:not([type=checkbox]):not([type=radio]):not([type=file]), textarea, .choice, label:has(> input[type=radio])")]
		.filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== "hidden" && !e.closest("[hidden], dialog:not([open]), [popover]:not(:popover-open)"))
		.filter(e => { const r = e.getBoundingClientRect(); return r.height < 44 || r.width < 44; })
		.map(e => e.tagName + "#" + e.id + "." + e.className + " " + Math.round(e.getBoundingClientRect().width) + "x" + Math.round(e.getBoundingClientRect().height));
	if (small.length) out.push("under 44 px: " + small.join(", "));
	// A field's placeholder cannot wrap: one longer than its field is cut.
	const pen = document.createElement("canvas").getContext("2d");
	const cut = [...document.querySelectorAll("input[placeholder]")].filter(e => e.placeholder && e.getClientRects().length).filter(e => {
		const st = getComputedStyle(e);
		pen.font = st.font;
		return pen.measureText(e.placeholder).width > e.clientWidth - parseFloat(st.paddingInlineStart) - parseFloat(st.paddingInlineEnd);
	});
	if (cut.length) out.push("placeholder cut: " + cut.map(e => e.id + " " + JSON.stringify(e.placeholder)).join(", "));
	return out.join("; ");
})()`

// fitsAtLargeText fails the test with what breaks on the screen at 200 %.
func fitsAtLargeText(t *testing.T, ctx context.Context, screen string) {
	t.Helper()
	browsertest.Run(t, ctx, 10*time.Second, chromedp.Evaluate[chromedp.Void](textAt200))
	time.Sleep(100 * time.Millisecond) // a layout

	if got := browsertest.Eval[string](t, ctx, sidewaysAndSmall); got != "" {
		t.Errorf("at 200 %% text on 320 px, %s: %s", screen, got)
	}
}

// Every screen of the worker's app and the guide page work at
// 200 % text on a 320 px phone: nothing scrolls sideways (WCAG 1.4.4 and
// 1.4.10) and the main actions are at least 44 px each way.
func TestBrowserLargeTextOnEveryScreen(t *testing.T) {
	app := testapp.NewWithContent(t)
	base := testapp.StartServer(t, app)
	const slug = "fair-recruitment-no-fees"
	// With the recordings' player: Darija for Arabic and French readers, English for English ones.
	testapp.PutRecording(t, app, slug, "ary", opustest.File(6*time.Second, ""))
	testapp.PutRecording(t, app, slug, "en", opustest.File(6*time.Second, ""))
	for _, lang := range []string{"ar", "fr", "en"} {
		t.Run(lang, func(t *testing.T) {
			ctx := browsertest.New(t)
			run := browsertest.Tab{T: t, Ctx: ctx}.Run
			check := func(screen string) { t.Helper(); fitsAtLargeText(t, ctx, screen) }
			run(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error { return largeText(ctx) }))

			walkTheWorkerApp(t, ctx, base, lang, slug, check)

		})
	}
}
