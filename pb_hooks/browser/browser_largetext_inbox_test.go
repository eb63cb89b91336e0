package browser

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"

	"amem/internal/browsertest"
	"amem/pb_hooks/testapp"
)

// The inbox too, for a counsellor who reads it on a phone with large text.
func TestBrowserLargeTextInbox(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	base := testapp.StartServer(t, app)
	for _, lang := range []string{"ar", "fr", "en"} {
		t.Run(lang, func(t *testing.T) {
			ctx := browsertest.New(t)
			run := browsertest.Tab{T: t, Ctx: ctx}.Run
			check := func(screen string) { t.Helper(); fitsAtLargeText(t, ctx, screen) }
			run(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error { return largeText(ctx) }))

			walkTheInbox(t, ctx, app, base, lang, f.IDs["q1"], check)
		})
	}
}
