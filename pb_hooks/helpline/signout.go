package helpline

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"
)

// SignOutEverywhere serves POST /api/amem/counsellors/signout-everywhere: it
// invalidates every token of the counsellor (a lost
// laptop, a shared computer), this one included.
func SignOutEverywhere(e *core.RequestEvent) error {
	e.Auth.RefreshTokenKey()
	if err := e.App.Save(e.Auth); err != nil {
		return e.InternalServerError("", err)
	}
	return e.NoContent(http.StatusNoContent)
}
