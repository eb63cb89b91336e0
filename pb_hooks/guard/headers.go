package guard

import (
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// HeadersMiddlewareId names the middleware that sets the transport and
// isolation headers of every response.
const HeadersMiddlewareId = "amemHeaders"

// hstsMaxAge is a year, the value browsers' preload lists expect.
const hstsMaxAge = "max-age=31536000"

// bindHeaders replaces PocketBase's CORS (which allows every origin on the
// whole API) with one that answers only the app's own origin, and sets on
// every response:
//   - Strict-Transport-Security when the request came over TLS (directly or
//     through a proxy that says so), so a phone never falls back to plain
//     HTTP on a hostile network; browsers ignore it over plain HTTP anyway;
//   - Cross-Origin-Opener-Policy same-origin on pages, so no other site can
//     open AMEM in a window it can reach, and Cross-Origin-Resource-Policy
//     same-origin on the API, so none can embed a voice note or a photo.
//
// No partner or gateway needs CORS: they call the API from their servers.
func bindHeaders(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Unbind(apis.DefaultCorsMiddlewareId)
		se.Router.Bind(apis.CORS(apis.CORSConfig{
			AllowOriginFunc: func(string) (bool, error) { return false, nil },
			AllowMethods:    []string{http.MethodGet, http.MethodHead, http.MethodPut, http.MethodPatch, http.MethodPost, http.MethodDelete},
		}))
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id:       HeadersMiddlewareId,
			Priority: apis.DefaultSecurityHeadersMiddlewarePriority + 1,
			Func: func(e *core.RequestEvent) error {
				h := e.Response.Header()
				if e.Request.TLS != nil || strings.EqualFold(e.Request.Header.Get("X-Forwarded-Proto"), "https") {
					h.Set("Strict-Transport-Security", hstsMaxAge)
				}
				// Each header only where it means something: a phone pays
				// for every byte of every response.
				if strings.HasPrefix(e.Request.URL.Path, "/api/") {
					h.Set("Cross-Origin-Resource-Policy", "same-origin")
				} else if !strings.HasPrefix(e.Request.URL.Path, "/static/") {
					h.Set("Cross-Origin-Opener-Policy", "same-origin")
				}
				return e.Next()
			},
		})
		return se.Next()
	})
}
