package guard

import (
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// BodyLimitsMiddlewareId names the middleware that caps request bodies.
const BodyLimitsMiddlewareId = "amemBodyLimits"

// textBodyLimit is enough for any JSON or form AMEM takes without files:
// a question's text is at most 4,000 characters.
const textBodyLimit int64 = 256 << 10

// bindBodyLimits caps what a caller who is not a superuser may send.
// PocketBase accepts 32 MB on every route, more on records with files,
// from anyone; here a body is at most textBodyLimit, plus, on a record
// write, the collection's own file limits (a question: one voice note and
// three photos). Superusers keep PocketBase's limits (imports, backups).
func bindBodyLimits(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id: BodyLimitsMiddlewareId,
			// After the auth token is loaded, before PocketBase's own limit.
			Priority: apis.DefaultBodyLimitMiddlewarePriority - 1,
			Func: func(e *core.RequestEvent) error {
				if e.HasSuperuserAuth() {
					return e.Next()
				}
				return apis.BodyLimit(bodyLimit(e)).Func(e)
			},
		})
		return se.Next()
	})
}

// bodyLimit is the largest body the request may have.
func bodyLimit(e *core.RequestEvent) int64 {
	limit := textBodyLimit
	name, ok := recordsCollectionInPath(e.Request.URL.Path)
	if !ok {
		return limit
	}
	collection, err := e.App.FindCachedCollectionByNameOrId(name)
	if err != nil {
		return limit
	}
	for _, f := range collection.Fields {
		if calc, ok := f.(core.MaxBodySizeCalculator); ok {
			limit += calc.CalculateMaxBodySize()
		}
	}
	return limit
}
