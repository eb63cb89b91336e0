package helpline

import (
	"github.com/pocketbase/pocketbase/core"

	"amem/internal/cases"
	"amem/pb_hooks/apierrors"
)

// bindStatusMoves refuses a status set through the API that the lifecycle's
// transition table does not allow its caller (internal/cases.Allowed): the
// collection rules only say which statuses a worker or a counsellor may
// send, not from where. A counsellor cannot undo a hand-over waiting for the
// worker's consent by setting the status, nor close it under them.
func bindStatusMoves(app core.App) {
	app.OnRecordUpdateRequest("questions").BindFunc(func(e *core.RecordRequestEvent) error {
		if e.Auth == nil || e.HasSuperuserAuth() {
			return e.Next()
		}
		by := cases.Worker
		if e.Auth.Collection().Name == "counsellors" {
			by = cases.Counsellor
		}
		from, to := cases.Status(e.Record.Original().GetString("status")), cases.Status(e.Record.GetString("status"))
		if !cases.Allowed(from, to, by) {
			code := "validation_in_invalid"
			if from == cases.AwaitingConsent {
				code = "amem_consent_pending"
			}
			return e.BadRequestError("", apierrors.Field("status", code))
		}
		return e.Next()
	})
}
