package site

import (
	"bytes"
	"html/template"
	"net/http"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"amem/internal/content"
	"amem/internal/httpcache"
	"amem/internal/i18n"
	"amem/pb_hooks/records"
)

// guideSource is one legal reference under a guide.
type guideSource struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// GuidePage serves GET /g/{lang}/{slug}: a guide as a plain, readable page
// without JavaScript, for someone who arrives from a link in a WhatsApp
// message without the app. It links to the app (#/g/{slug}), which then
// keeps every guide on the phone. A missing guide is an HTML page too, in
// the reader's language: the reader came from a link, not from an API.
func (s *Site) GuidePage(e *core.RequestEvent) error {
	if exited(e) {
		// After a quick exit, Back (or a reload) shows the calculator.
		e.Response.Header().Set("Cache-Control", "no-store")
		setPageHeaders(e, s.csp)
		return s.neutral.Serve(e.Response, e.Request, "no-store")
	}
	catalog, csp := s.catalog, s.guideCSP()
	lang, slug := e.Request.PathValue("lang"), e.Request.PathValue("slug")
	if !catalog.Has(lang) {
		lang = catalog.Match("", e.Request.Header.Get("Accept-Language"))
		return s.guideNotFound(e, lang)
	}
	translations, err := e.App.FindAllRecords("guides", dbx.HashExp{"slug": slug})
	if err != nil || len(translations) == 0 {
		return s.guideNotFound(e, lang)
	}
	byLang := map[string]*core.Record{}
	available := []string{}
	for _, g := range translations {
		byLang[g.GetString("lang")] = g
		available = append(available, g.GetString("lang"))
	}
	served, fallback := content.PickLanguage(available, lang, nil)
	g := byLang[served]

	var sources []guideSource
	_ = g.UnmarshalJSONField("sources", &sources)
	data := map[string]any{
		"Lang":     lang,
		"Dir":      i18n.Dir(lang),
		"GuideDir": i18n.Dir(served),
		"AppName":  catalog.T(lang, "app.name", nil, nil),
		"Guide": map[string]any{
			"Slug": slug, "Lang": served, "Title": g.GetString("title"),
			"Summary": g.GetString("summary"), "Sources": sources,
		},
		// The html was sanitised when it was rendered, on import or on edit.
		"HTML":         template.HTML(g.GetString("html")),
		"OpenApp":      catalog.T(lang, "guide.open_app", nil, nil),
		"Exit":         catalog.T(lang, "exit.button", nil, nil),
		"ExitLabel":    catalog.T(lang, "exit.label", nil, nil),
		"SourcesTitle": catalog.T(lang, "guide.sources", nil, nil),
		"Reviewed":     catalog.T(lang, "guide.reviewed", nil, map[string]any{"Date": records.Day(g.GetDateTime("reviewed").Time())}),
		"OfflineHint":  catalog.T(lang, "guide.offline_hint", nil, nil),
	}
	if fallback {
		data["Fallback"] = catalog.T(lang, "guide.fallback", nil, map[string]any{"Language": catalog.T(lang, "lang."+served, nil, nil)})
	}
	e.Response.Header().Set("Content-Language", served)
	setPageHeaders(e, csp)
	var page bytes.Buffer
	if err := s.guide.ExecuteTemplate(&page, "guide.html", data); err != nil {
		return e.InternalServerError("", err)
	}
	// no-store: after a quick exit, Back must ask again (and get the
	// calculator), not show a copy from the HTTP or back-forward cache.
	return httpcache.New("text/html; charset=utf-8", page.Bytes()).Serve(e.Response, e.Request, "no-store")
}

// guideCSP is the policy of guide pages: they carry no script at all.
func (s *Site) guideCSP() string { return contentSecurityPolicy("'none'") }

// guideNotFound answers a 404 page in lang that leads to the app.
func (s *Site) guideNotFound(e *core.RequestEvent, lang string) error {
	data := map[string]any{
		"Lang": lang, "Dir": i18n.Dir(lang), "GuideDir": i18n.Dir(lang),
		"AppName":   s.catalog.T(lang, "app.name", nil, nil),
		"NotFound":  s.catalog.T(lang, "guide.not_found", nil, nil),
		"OpenApp":   s.catalog.T(lang, "guide.open_app", nil, nil),
		"Exit":      s.catalog.T(lang, "exit.button", nil, nil),
		"ExitLabel": s.catalog.T(lang, "exit.label", nil, nil),
	}
	setPageHeaders(e, s.guideCSP())
	var page bytes.Buffer
	if err := s.guide.ExecuteTemplate(&page, "guide.html", data); err != nil {
		return e.InternalServerError("", err)
	}
	e.Response.Header().Set("Content-Type", "text/html; charset=utf-8")
	e.Response.Header().Set("Cache-Control", "no-cache")
	e.Response.WriteHeader(http.StatusNotFound)
	_, err := e.Response.Write(page.Bytes())
	return err
}
