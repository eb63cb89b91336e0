package site

import (
	"github.com/pocketbase/pocketbase/core"

	"amem/internal/httpcache"
	"amem/internal/i18n"
)

// Messages serves GET /api/amem/i18n/{lang}: every message of a language
// for the web app, with its writing direction. Unknown languages get 404, so
// the app never caches a wrong language under a right name.
func (s *Site) Messages(e *core.RequestEvent) error {
	lang := e.Request.PathValue("lang")
	if !s.catalog.Has(lang) {
		return e.NotFoundError("", nil)
	}
	body := map[string]any{"lang": lang, "dir": i18n.Dir(lang), "messages": s.catalog.Messages(lang)}
	return httpcache.ServeJSON(e.Response, e.Request, body, httpcache.Revalidate)
}
