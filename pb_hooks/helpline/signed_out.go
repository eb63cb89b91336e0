package helpline

import (
	"strings"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/security"
)

// bindSignedOutWorkers answers 401 to any request that carries a worker's
// token that no longer works: the worker used their recovery code on
// another phone (which refreshes the token key, see RecoverWorker), erased
// everything, or the token expired. PocketBase alone would treat such a
// request as anonymous (a list of questions comes back empty, a create is a
// 400), so the old phone could not tell that it was signed out; with the
// 401 it wipes what it kept of that worker at its next contact.
func bindSignedOutWorkers(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id: "amemSignedOutWorkers",
			// After the token is loaded, and inside the errors' localisation.
			Priority: apis.DefaultLoadAuthTokenMiddlewarePriority + 2,
			Func: func(e *core.RequestEvent) error {
				if e.Auth == nil && deadWorkerToken(e) {
					return e.UnauthorizedError("", nil)
				}
				return e.Next()
			},
		})
		return se.Next()
	})
}

// deadWorkerToken tells whether the request's Authorization header holds
// a workers' auth token (by its unverified claims) that PocketBase refused.
func deadWorkerToken(e *core.RequestEvent) bool {
	token := e.Request.Header.Get("Authorization")
	if len(token) > 7 && strings.EqualFold(token[:7], "Bearer ") {
		token = token[7:]
	}
	if token == "" {
		return false
	}
	claims, err := security.ParseUnverifiedJWT(token)
	if err != nil || claims["type"] != core.TokenTypeAuth {
		return false
	}
	workers, err := e.App.FindCachedCollectionByNameOrId("workers")
	return err == nil && claims[core.TokenClaimCollectionId] == workers.Id
}
