// Package site serves what a browser loads: the worker's app shell and its
// service worker, the counsellors' inbox and statistics pages, fingerprinted static files,
// the strings of each language, and guide pages readable without
// JavaScript for people who arrive from a shared link.
package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"strings"
	"sync"

	"github.com/pocketbase/pocketbase/core"

	"amem/internal/assets"
	"amem/internal/cases"
	"amem/internal/httpcache"
	"amem/internal/i18n"
	"amem/internal/vocab"
	"amem/web"
)

// Site is the web app, fingerprinted and pre-rendered once per process:
// the files are embedded and the strings are the shipped catalog's, so every
// app of a process (the tests make many) shares the same bytes.
type Site struct {
	catalog         *i18n.Catalog
	assets          *assets.Set
	index           *httpcache.Representation
	inbox           *httpcache.Representation
	stats           *httpcache.Representation
	sw              *httpcache.Representation
	manifest        *httpcache.Representation
	neutralManifest map[string]*httpcache.Representation // by language: discreet mode's
	shell           *httpcache.Representation
	neutral         *httpcache.Representation            // the quick exit's calculator
	static          map[string]*httpcache.Representation // by hashed URL
	csp             string
	guide           *template.Template
}

var (
	builtMu sync.Mutex
	built   = map[*i18n.Catalog]*Site{}
)

// New returns the site for catalog, building it on first use.
func New(catalog *i18n.Catalog) (*Site, error) {
	builtMu.Lock()
	defer builtMu.Unlock()
	if s, ok := built[catalog]; ok {
		return s, nil
	}
	s, err := build(catalog)
	if err != nil {
		return nil, err
	}
	built[catalog] = s
	return s, nil
}

// App serves GET /: the worker's app shell (no-cache).
func (s *Site) App(e *core.RequestEvent) error {
	setPageHeaders(e, s.csp)
	return s.index.Serve(e.Response, e.Request, httpcache.Revalidate)
}

// Inbox serves GET /inbox/: the counsellors' inbox, its own page outside the
// workers' service worker's offline shell (no-cache).
func (s *Site) Inbox(e *core.RequestEvent) error {
	setPageHeaders(e, s.csp)
	return s.inbox.Serve(e.Response, e.Request, httpcache.Revalidate)
}

// Stats serves GET /stats/: the statistics page for coordinators and
// superusers, with the inbox's sign-in; like the inbox, outside the workers'
// offline shell (no-cache). The figures come from /api/amem/stats.
func (s *Site) Stats(e *core.RequestEvent) error {
	setPageHeaders(e, s.csp)
	return s.stats.Serve(e.Response, e.Request, httpcache.Revalidate)
}

// Neutral serves GET /calc: the neutral page a quick exit leaves for, a
// calculator with no word of AMEM, precached so that it opens offline.
// ?exit (the link of the script-free guide pages) records the exit in a
// cookie: until the calculator's way back clears it, guide pages answer
// the calculator, so Back cannot bring a guide on screen (no-cache).
func (s *Site) Neutral(e *core.RequestEvent) error {
	if e.Request.URL.Query().Has("exit") {
		http.SetCookie(e.Response, &http.Cookie{Name: ExitCookie, Value: "1", Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteStrictMode})
	}
	setPageHeaders(e, s.csp)
	return s.neutral.Serve(e.Response, e.Request, httpcache.Revalidate)
}

// ExitCookie is set by a quick exit (the app's or a guide page's) and
// cleared by the calculator's way back into the app.
const ExitCookie = "exit"

// exited reports whether the browser made a quick exit and has not come
// back since.
func exited(e *core.RequestEvent) bool {
	c, err := e.Request.Cookie(ExitCookie)
	return err == nil && c.Value == "1"
}

// ServiceWorker serves GET /sw.js with scope / (no-cache).
func (s *Site) ServiceWorker(e *core.RequestEvent) error {
	e.Response.Header().Set("Service-Worker-Allowed", "/")
	return s.sw.Serve(e.Response, e.Request, httpcache.Revalidate)
}

// Manifest serves GET /manifest.webmanifest (no-cache).
func (s *Site) Manifest(e *core.RequestEvent) error {
	return s.manifest.Serve(e.Response, e.Request, httpcache.Revalidate)
}

// NeutralManifest serves GET /neutral.webmanifest?lang=: the manifest of
// discreet mode, the same app under a neutral name and icon in the worker's
// language (the app links it in place of the usual one), no-cache.
func (s *Site) NeutralManifest(e *core.RequestEvent) error {
	m, ok := s.neutralManifest[e.Request.URL.Query().Get("lang")]
	if !ok {
		m = s.neutralManifest[i18n.DefaultLang]
	}
	return m.Serve(e.Response, e.Request, httpcache.Revalidate)
}

// Shell serves GET /shell.json: what the service worker precaches, and its
// version (no-cache).
func (s *Site) Shell(e *core.RequestEvent) error {
	return s.shell.Serve(e.Response, e.Request, httpcache.Revalidate)
}

// Static serves GET /static/{file}.{hash}: fingerprinted CSS, JS and icons
// (immutable). Unknown paths are 404s: the app routes inside the page
// (#/...), so no catch-all answers a missing asset with HTML.
func (s *Site) Static(e *core.RequestEvent) error {
	if r, ok := s.static[e.Request.URL.Path]; ok {
		// The same bytes for every origin (CORS allows "*"): without
		// PocketBase's Vary: Origin, a module requested with an
		// Origin header matches the service worker's cached copy.
		e.Response.Header().Del("Vary")
		return r.Serve(e.Response, e.Request, httpcache.Immutable)
	}
	return e.NotFoundError("", nil)
}

func init() {
	// Go knows no MIME type for web app manifests.
	mime.AddExtensionType(".webmanifest", "application/manifest+json")
}

func build(catalog *i18n.Catalog) (*Site, error) {
	set, err := assets.New(web.FS, "static")
	if err != nil {
		return nil, err
	}
	w := &Site{catalog: catalog, assets: set, static: map[string]*httpcache.Representation{}}
	for _, a := range set.All() {
		// A hashed file never changes and goes to every phone: Brotli pays.
		w.static[a.URL] = httpcache.New(contentTypeOf(a.Name), a.Data).WithBrotli()
	}
	w.guide, err = template.New("").Funcs(template.FuncMap{"asset": set.URL}).ParseFS(web.FS, "pages/guide.html")
	if err != nil {
		return nil, err
	}

	// The import map is the page's only inline script; the CSP allows it by
	// its hash, and no other inline script can run.
	importMap := `<script type="importmap">` + set.ImportMap() + `</script>`
	sum := sha256.Sum256([]byte(set.ImportMap()))
	w.csp = contentSecurityPolicy("'self' 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'")

	// Both pages get the same data; each uses what it needs.
	pageData := map[string]any{
		"ImportMap": template.HTML(importMap),
		"Version":   set.Version(),
		"Langs":     catalog.Langs(),
		// The right-to-left ones, for text in a language other than the
		// reader's (shared/i18n.js dirOf): a partner's language included.
		"RTL": strings.Join(rtlLangs(catalog.Langs()), " "),
		// The vocabularies the apps show, from their one home (see
		// shared/vocab.js): the apps keep no copy of their own.
		"Statuses":      strings.Join(cases.Strings(cases.Statuses), " "),
		"Open":          strings.Join(cases.Strings(cases.OpenStatuses), " "),
		"Phases":        strings.Join(vocab.Phases, " "),
		"Topics":        strings.Join(vocab.QuestionTopics, " "),
		"Countries":     strings.Join(vocab.Countries, " "),
		"LabelColours":  strings.Join(vocab.LabelColours, " "),
		"NoScript":      catalog.T(i18n.DefaultLang, "app.noscript", nil, nil),
		"InboxNoScript": catalog.T(i18n.DefaultLang, "inbox.noscript", nil, nil),
		"Title":         catalog.T(i18n.DefaultLang, "app.name", nil, nil),
		// What the shell shows before (or without) JavaScript: what the
		// app is, the language choice and quick exit, in every language.
		"Welcome":     welcome(catalog),
		"NeutralPage": NeutralPage,
	}
	for name, target := range map[string]**httpcache.Representation{"pages/index.html": &w.index, "pages/inbox.html": &w.inbox, "pages/stats.html": &w.stats} {
		page, err := renderPage(name, pageData, set)
		if err != nil {
			return nil, err
		}
		*target = httpcache.New("text/html; charset=utf-8", page)
	}

	pageData["Keys"] = strings.Fields("7 8 9 ÷ 4 5 6 × 1 2 3 - 0 . = + C")
	neutral, err := renderPage("pages/calc.html", pageData, set)
	if err != nil {
		return nil, err
	}
	w.neutral = httpcache.New("text/html; charset=utf-8", neutral)

	sw, err := fs.ReadFile(web.FS, "sw.js")
	if err != nil {
		return nil, err
	}
	w.sw = httpcache.New("text/javascript; charset=utf-8", sw)

	t := func(lang, id string) string { return catalog.T(lang, id, nil, nil) }
	manifest, err := webManifest(set, t(i18n.DefaultLang, "app.name"), t(i18n.DefaultLang, "app.tagline"), "#0b5d57", "icons/")
	if err != nil {
		return nil, err
	}
	w.manifest = httpcache.New("application/manifest+json", manifest)
	w.neutralManifest = map[string]*httpcache.Representation{}
	for _, l := range catalog.Langs() {
		neutral, err := webManifest(set, t(l, "discreet.app_name"), "", "#5f6368", "icons/neutral-")
		if err != nil {
			return nil, err
		}
		w.neutralManifest[l] = httpcache.New("application/manifest+json", neutral)
	}

	shell, _ := json.Marshal(map[string]any{
		"version": set.Version(),
		// The worker's app (with what it shares with the inbox) only: the
		// counsellors' inbox and statistics are not for phones; nor are discreet mode's
		// icons, which only the browser reads, online, from its manifest.
		"urls": append([]string{"/", "/calc", "/manifest.webmanifest"},
			set.URLs("js/", "shared/", "css/app.css", "icons/icon-", "icons/maskable-", "icons/favicon-")...),
		// Modules loaded on demand (the recordings' player): not in the
		// shell's budget; the service worker precaches them only for a
		// phone that keeps recordings to play offline.
		"ondemand": set.URLs("ondemand/"),
	})
	w.shell = httpcache.New("application/json", shell)
	return w, nil
}

// NeutralPage is where the shell's script-free quick exit goes: our own
// calculator, marked as an exit (see Neutral), which opens offline.
const NeutralPage = "/calc?exit"

// welcomeLang is one language's line of the shell's first screen.
type welcomeLang struct{ Lang, Dir, Name, Tagline, Exit string }

func welcome(catalog *i18n.Catalog) []welcomeLang {
	var out []welcomeLang
	for _, l := range catalog.Langs() {
		t := func(id string) string { return catalog.T(l, id, nil, nil) }
		out = append(out, welcomeLang{l, i18n.Dir(l), t("lang." + l), t("app.tagline"), t("exit.button")})
	}
	return out
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

// webManifest makes a manifest that lets phones install the app: the usual
// one (icons "icons/": icons/icon-192.png, …), or discreet mode's
// ("icons/neutral-": icons/neutral-icon-192.png, …), with the same id
// and start, so that an installed app takes the other name and icon where
// the browser updates them.
func webManifest(set *assets.Set, name, description, theme, icons string) ([]byte, error) {
	icon := func(file, size, purpose string) map[string]string {
		return map[string]string{"src": set.URL(file), "sizes": size, "type": "image/png", "purpose": purpose}
	}
	m := map[string]any{
		"id":               "/",
		"name":             name,
		"short_name":       name,
		"start_url":        "/?source=pwa",
		"scope":            "/",
		"display":          "standalone",
		"background_color": "#ffffff",
		"theme_color":      theme,
		"icons": []map[string]string{
			icon(icons+"icon-192.png", "192x192", "any"),
			icon(icons+"icon-512.png", "512x512", "any"),
			icon(icons+"maskable-512.png", "512x512", "maskable"),
		},
	}
	if description != "" {
		m["description"] = description
	}
	return json.Marshal(m)
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

// rtlLangs are the languages of langs written right to left.
func rtlLangs(langs []string) []string {
	var rtl []string
	for _, l := range langs {
		if i18n.Dir(l) == "rtl" {
			rtl = append(rtl, l)
		}
	}
	return rtl
}
