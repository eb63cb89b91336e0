// Package pb_hooks attaches AMEM's behaviour to a PocketBase app. Bind binds
// each area and lays out every route in one table; main and the tests call
// the same Bind, so the tests exercise the real wiring.
//
// The areas, in the users' words:
//
//	site      what a browser loads: the app shell, the inbox and statistics pages, static files, strings, guide pages
//	library   what travels to the phones: guides, contacts, agencies, alerts; revisions and sync
//	helpline  workers, questions, threads, routing, deadlines, hand-over, presence, statistics
//	reviews   workers' ratings of the agencies they used, moderated by counsellors
//	notify    Web Push: keys, subscriptions, the outbox and its dispatcher
//	commands  the administration commands beside PocketBase's own
//
// and two that guard every request: apierrors (errors in the caller's
// language) and guard (filters that stay inside the API rules).
package pb_hooks

import (
	"fmt"
	"io/fs"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
	"github.com/spf13/cobra"

	"amem/internal/content"
	"amem/internal/i18n"
	"amem/locales"
	"amem/pb_hooks/apierrors"
	"amem/pb_hooks/commands"
	"amem/pb_hooks/guard"
	"amem/pb_hooks/helpline"
	"amem/pb_hooks/library"
	"amem/pb_hooks/notify"
	"amem/pb_hooks/reviews"
	"amem/pb_hooks/site"
)

// Config is what Bind needs beyond the app.
type Config struct {
	// Content is the folder of guides and contacts imported when the server
	// starts (laid out like content/); nil imports nothing.
	Content fs.FS
}

// Bind attaches every hook and route to app. It fails only when a shipped
// file (locales, web assets) is broken, which tests catch before a release.
//
// Order matters where areas meet: library numbers a record's revision
// before anything else sees it; helpline routes a question before notify
// queues its assignment (both inside the question's transaction, helpline
// first because it binds first); notify's hooks run after the record is
// written (after e.Next()), so they see what the other areas decided.
func Bind(app core.App, config Config) error {
	catalog, err := loadCatalog(config.Content)
	if err != nil {
		return fmt.Errorf("load locales: %w", err)
	}
	web, err := site.New(catalog)
	if err != nil {
		return err
	}
	apierrors.Bind(app, catalog)
	guard.Bind(app)
	library.Bind(app, config.Content)
	helpline.Bind(app, catalog)
	reviews.Bind(app)
	push, err := notify.Bind(app, catalog)
	if err != nil {
		return err
	}
	sync := library.NewSync(app, catalog)
	stats := helpline.NewStatistics(catalog)

	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		routes(se.Router, web, sync, push, stats)
		return se.Next()
	})
	return nil
}

// loadCatalog is the shipped locales and the languages a partner added in
// the content folder (content/locales/<lang>.json): with its guide files,
// a new language is served in every screen, the sync and the /g/ pages.
func loadCatalog(contentFS fs.FS) (*i18n.Catalog, error) {
	if contentFS == nil {
		return i18n.Shipped()
	}
	if _, err := fs.Stat(contentFS, content.LocalesDir); err != nil {
		return i18n.Shipped()
	}
	partner, err := fs.Sub(contentFS, content.LocalesDir)
	if err != nil {
		return nil, err
	}
	return i18n.Load(locales.FS, partner)
}

// routes is every route AMEM adds to PocketBase's own (records, realtime,
// auth, files, the dashboard at /_/). Unknown paths are 404s.
func routes(r *router.Router[*core.RequestEvent], web *site.Site, sync *library.Sync, push *notify.Service, stats *helpline.Statistics) {
	workers, counsellors := apis.RequireAuth("workers"), apis.RequireAuth("counsellors")
	anyone := apis.RequireAuth("workers", "counsellors")

	// site: pages and files (no-cache pages, immutable fingerprinted files)
	r.GET("/{$}", web.App)
	r.GET("/inbox/{$}", web.Inbox)
	r.GET("/stats/{$}", web.Stats)
	r.GET("/sw.js", web.ServiceWorker)
	r.GET("/manifest.webmanifest", web.Manifest)
	r.GET("/neutral.webmanifest", web.NeutralManifest)
	r.GET("/shell.json", web.Shell)
	r.GET("/static/{path...}", web.Static)
	r.GET("/g/{lang}/{slug}", web.GuidePage)
	r.GET("/calc", web.Neutral)
	r.GET("/api/amem/i18n/{lang}", web.Messages)

	// library: the content phones keep
	r.GET("/api/amem/sync", sync.Serve)
	r.GET("/api/amem/sync/snapshot/{lang}/{cursor}", sync.Snapshot)

	// helpline: workers, cases, the inbox, statistics
	r.GET("/api/amem/workers/challenge", helpline.WorkerChallenge)
	r.POST("/api/amem/workers", helpline.CreateWorker)
	r.POST("/api/amem/workers/recover", helpline.RecoverWorker)
	r.DELETE("/api/amem/workers/me", helpline.EraseWorker).Bind(workers)
	r.POST("/api/amem/questions/{id}/transfer", helpline.Transfer).Bind(counsellors)
	r.GET("/api/amem/questions/search", helpline.SearchThreads).Bind(counsellors)
	r.POST("/api/amem/questions/{id}/urgency", helpline.SetUrgency).Bind(counsellors)
	r.POST("/api/amem/questions/{id}/snooze", helpline.Snooze).Bind(counsellors)
	r.POST("/api/amem/questions/{id}/seen", helpline.MarkSeen).Bind(counsellors)
	r.POST("/api/amem/questions/{id}/consent", helpline.AnswerConsent).Bind(workers)
	r.POST("/api/amem/questions/{id}/presence", helpline.AnnouncePresence).Bind(counsellors)
	r.GET("/api/amem/workload", helpline.Workload).Bind(counsellors)
	r.POST("/api/amem/counsellors/signout-everywhere", helpline.SignOutEverywhere).Bind(counsellors)
	r.GET("/api/amem/stats", stats.Serve)
	r.GET("/api/amem/stats/indicators", stats.Indicators)

	// notify: Web Push
	r.GET("/api/amem/push/key", push.Key)
	r.POST("/api/amem/push/subscriptions", push.Subscribe).Bind(anyone).BindFunc(helpline.Limit("push_subscriptions"))
	r.DELETE("/api/amem/push/subscriptions", push.Unsubscribe).Bind(anyone)
}

// AddCommands adds AMEM's administration commands to root (see commands).
func AddCommands(root *cobra.Command, app core.App) { commands.Add(root, app) }
