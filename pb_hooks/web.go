package pb_hooks

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"mime"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"amem/internal/assets"
	"amem/internal/i18n"
	"amem/web"
)

// Cache policies. Pages and the service worker are revalidated on every
// load (a stale cached shell would pin installed apps forever); files at
// content-hashed URLs never change, so phones keep them for a year.
const (
	cacheRevalidate = "no-cache"
	cacheImmutable  = "public, max-age=31536000, immutable"
)

// webApp is the embedded web app, fingerprinted and pre-rendered at start.
type webApp struct {
	assets   *assets.Set
	index    *representation
	inbox    *representation
	sw       *representation
	manifest *representation
	shell    *representation
	static   map[string]*representation // by hashed URL
	csp      string
}

// bindWeb serves the web app at / (the PocketBase dashboard stays at /_/):
//
//	GET /                      the app shell (no-cache)
//	GET /inbox/                the counsellors' inbox (no-cache)
//	GET /sw.js                 the service worker, scope / (no-cache)
//	GET /manifest.webmanifest  the web app manifest (no-cache)
//	GET /shell.json            what the service worker precaches, and its version
//	GET /static/{file}.{hash}  fingerprinted CSS, JS and icons (immutable)
//
// Unknown paths are 404s: the app routes inside the page (#/...), so no
// catch-all can answer a mistyped /api/ path or a missing asset with HTML.
func bindWeb(app core.App, catalog *i18n.Catalog) error {
	w, err := newWebApp(catalog)
	if err != nil {
		return err
	}
	// Guide pages carry no script at all.
	bindGuidePage(app, catalog, w.assets, contentSecurityPolicy("'none'"))

	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.GET("/{$}", func(e *core.RequestEvent) error {
			setPageHeaders(e, w.csp)
			return w.index.serve(e, cacheRevalidate)
		})
		// The counsellors' inbox: its own page, outside the workers' service
		// worker's offline shell.
		se.Router.GET("/inbox/{$}", func(e *core.RequestEvent) error {
			setPageHeaders(e, w.csp)
			return w.inbox.serve(e, cacheRevalidate)
		})
		se.Router.GET("/sw.js", func(e *core.RequestEvent) error {
			e.Response.Header().Set("Service-Worker-Allowed", "/")
			return w.sw.serve(e, cacheRevalidate)
		})
		se.Router.GET("/manifest.webmanifest", func(e *core.RequestEvent) error {
			return w.manifest.serve(e, cacheRevalidate)
		})
		se.Router.GET("/shell.json", func(e *core.RequestEvent) error {
			return w.shell.serve(e, cacheRevalidate)
		})
		se.Router.GET("/static/{path...}", func(e *core.RequestEvent) error {
			if r, ok := w.static[e.Request.URL.Path]; ok {
				// The same bytes for every origin (CORS allows "*"): without
				// PocketBase's Vary: Origin, a module requested with an
				// Origin header matches the service worker's cached copy.
				e.Response.Header().Del("Vary")
				return r.serve(e, cacheImmutable)
			}
			return e.NotFoundError("", nil)
		})
		return se.Next()
	})
	return nil
}

func init() {
	// Go knows no MIME type for web app manifests.
	mime.AddExtensionType(".webmanifest", "application/manifest+json")
}

func newWebApp(catalog *i18n.Catalog) (*webApp, error) {
	set, err := assets.New(web.FS, "static")
	if err != nil {
		return nil, err
	}
	w := &webApp{assets: set, static: map[string]*representation{}}
	for _, a := range set.All() {
		w.static[a.URL] = newRepresentation(contentTypeOf(a.Name), a.Data)
	}

	// The import map is the page's only inline script; the CSP allows it by
	// its hash, and no other inline script can run.
	importMap := `<script type="importmap">` + set.ImportMap() + `</script>`
	sum := sha256.Sum256([]byte(set.ImportMap()))
	w.csp = contentSecurityPolicy("'self' 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'")

	// Both pages get the same data; each uses what it needs.
	pageData := map[string]any{
		"ImportMap":     template.HTML(importMap),
		"Version":       set.Version(),
		"Langs":         catalog.Langs(),
		"NoScript":      catalog.T(i18n.DefaultLang, "app.noscript", nil, nil),
		"InboxNoScript": catalog.T(i18n.DefaultLang, "inbox.noscript", nil, nil),
		"Title":         catalog.T(i18n.DefaultLang, "app.name", nil, nil),
	}
	for name, target := range map[string]**representation{"pages/index.html": &w.index, "pages/inbox.html": &w.inbox} {
		page, err := renderPage(name, pageData, set)
		if err != nil {
			return nil, err
		}
		*target = newRepresentation("text/html; charset=utf-8", page)
	}

	sw, err := fs.ReadFile(web.FS, "sw.js")
	if err != nil {
		return nil, err
	}
	w.sw = newRepresentation("text/javascript; charset=utf-8", sw)

	manifest, err := webManifest(set, catalog)
	if err != nil {
		return nil, err
	}
	w.manifest = newRepresentation("application/manifest+json", manifest)

	shell, _ := json.Marshal(map[string]any{
		"version": set.Version(),
		// The worker's app (with what it shares with the inbox) only: the
		// counsellors' inbox is not for phones.
		"urls": append([]string{"/", "/manifest.webmanifest"}, set.URLs("js/", "shared/", "css/app.css", "icons/")...),
	})
	w.shell = newRepresentation("application/json", shell)
	return w, nil
}

func renderPage(name string, data map[string]any, set *assets.Set) ([]byte, error) {
	tmpl, err := template.New("").Funcs(template.FuncMap{"asset": set.URL}).ParseFS(web.FS, name)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := tmpl.ExecuteTemplate(&buf, name[strings.LastIndex(name, "/")+1:], data); err != nil {
		return nil, fmt.Errorf("render %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// webManifest makes the manifest that lets phones install the app.
func webManifest(set *assets.Set, catalog *i18n.Catalog) ([]byte, error) {
	icon := func(name, size, purpose string) map[string]string {
		return map[string]string{"src": set.URL(name), "sizes": size, "type": "image/png", "purpose": purpose}
	}
	return json.Marshal(map[string]any{
		"id":               "/",
		"name":             catalog.T(i18n.DefaultLang, "app.name", nil, nil),
		"short_name":       catalog.T(i18n.DefaultLang, "app.name", nil, nil),
		"description":      catalog.T(i18n.DefaultLang, "app.tagline", nil, nil),
		"start_url":        "/?source=pwa",
		"scope":            "/",
		"display":          "standalone",
		"background_color": "#ffffff",
		"theme_color":      "#0b5d57",
		"icons": []map[string]string{
			icon("icons/icon-192.png", "192x192", "any"),
			icon("icons/icon-512.png", "512x512", "any"),
			icon("icons/maskable-512.png", "512x512", "maskable"),
		},
	})
}

// contentSecurityPolicy is the policy of our pages, with their script sources.
func contentSecurityPolicy(scriptSrc string) string {
	return strings.Join([]string{
		"default-src 'self'",
		"script-src " + scriptSrc,
		"style-src 'self'",
		"img-src 'self' data: blob:",
		"media-src 'self' blob:",
		"connect-src 'self'",
		"worker-src 'self'",
		"manifest-src 'self'",
		"object-src 'none'",
		"base-uri 'none'",
		"form-action 'self'",
		"frame-ancestors 'none'",
	}, "; ")
}

// setPageHeaders sets the headers of an HTML page of ours.
func setPageHeaders(e *core.RequestEvent, csp string) {
	h := e.Response.Header()
	h.Set("Content-Security-Policy", csp)
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Permissions-Policy", "microphone=(self), camera=(self), geolocation=()")
	h.Set("X-Frame-Options", "DENY")
}

func contentTypeOf(name string) string {
	ext := name[strings.LastIndex(name, "."):]
	if ext == ".js" {
		return "text/javascript; charset=utf-8"
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}
