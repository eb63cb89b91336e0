package pb_hooks

import (
	"bytes"
	"html/template"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"amem/internal/assets"
	"amem/internal/content"
	"amem/internal/i18n"
	"amem/web"
)

// guideSource is one legal reference under a guide.
type guideSource struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// bindGuidePage serves GET /g/{lang}/{slug}: a guide as a plain, readable
// page without JavaScript, for someone who arrives from a link in a
// WhatsApp message without the app. It links to the app (#/g/{slug}), which
// then keeps every guide on the phone.
func bindGuidePage(app core.App, catalog *i18n.Catalog, set *assets.Set, csp string) {
	tmpl := template.Must(template.New("").Funcs(template.FuncMap{"asset": set.URL}).ParseFS(web.FS, "pages/guide.html"))

	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.GET("/g/{lang}/{slug}", func(e *core.RequestEvent) error {
			lang, slug := e.Request.PathValue("lang"), e.Request.PathValue("slug")
			if !catalog.Has(lang) {
				return e.NotFoundError("", nil)
			}
			translations, err := e.App.FindAllRecords("guides", dbx.HashExp{"slug": slug})
			if err != nil || len(translations) == 0 {
				return e.NotFoundError(catalog.T(lang, "guide.not_found", nil, nil), err)
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
				"SourcesTitle": catalog.T(lang, "guide.sources", nil, nil),
				"Reviewed":     catalog.T(lang, "guide.reviewed", nil, map[string]any{"Date": day(g.GetDateTime("reviewed").Time())}),
				"OfflineHint":  catalog.T(lang, "guide.offline_hint", nil, nil),
			}
			if fallback {
				data["Fallback"] = catalog.T(lang, "guide.fallback", nil, map[string]any{"Language": catalog.T(lang, "lang."+served, nil, nil)})
			}
			e.Response.Header().Set("Content-Language", served)
			setPageHeaders(e, csp)
			var page bytes.Buffer
			if err := tmpl.ExecuteTemplate(&page, "guide.html", data); err != nil {
				return e.InternalServerError("", err)
			}
			// Short shared caching: a guide changes rarely, and a link shared
			// in a group is opened by many people at once.
			return newRepresentation("text/html; charset=utf-8", page.Bytes()).serve(e, "public, max-age=300")
		})
		return se.Next()
	})
}
