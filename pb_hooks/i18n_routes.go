package pb_hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"amem/internal/i18n"
)

// bindI18n serves GET /api/amem/i18n/{lang}: every message of a language for
// the web app, with its writing direction. Unknown languages get 404, so the
// app never caches a wrong language under a right name.
func bindI18n(app core.App, catalog *i18n.Catalog) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.GET("/api/amem/i18n/{lang}", func(e *core.RequestEvent) error {
			lang := e.Request.PathValue("lang")
			if !catalog.Has(lang) {
				return e.NotFoundError("", nil)
			}
			body := map[string]any{"lang": lang, "dir": i18n.Dir(lang), "messages": catalog.Messages(lang)}
			return serveJSONWithETag(e, body, "no-cache")
		})
		return se.Next()
	})
}
