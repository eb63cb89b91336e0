package helpline

import (
	"amem/internal/pow"
	"amem/internal/recovery"
	"amem/pb_hooks/apierrors"
	"net/http"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"
)

// The anonymous worker accounts:
//
//	POST   /api/amem/workers          a new worker: {token, record, recoveryCode}
//	POST   /api/amem/workers/recover  {recoveryCode} → the same, on a new phone
//	DELETE /api/amem/workers/me       erase the worker and everything they sent
//
// No name, phone number or e-mail is asked. The recovery code is shown once;
// only its hash is stored.

// workerProfile is what a worker may tell about themself, all optional.
type workerProfile struct {
	Lang        string `json:"lang"`
	Country     string `json:"country"`
	Destination string `json:"destination"`
	Phase       string `json:"phase"`
	// The proof of work (GET /api/amem/workers/challenge, internal/pow).
	Challenge string `json:"challenge"`
	Nonce     string `json:"nonce"`
}

// issuer is the app's one issuer of proof-of-work challenges.
func issuer(app core.App) *pow.Issuer {
	return app.Store().GetOrSet("amem.pow", func() any { return pow.NewIssuer() }).(*pow.Issuer)
}

// WorkerChallenge serves GET /api/amem/workers/challenge: the work a phone
// does before it may make an account (see CreateWorker).
func WorkerChallenge(e *core.RequestEvent) error {
	e.Response.Header().Set("Cache-Control", "no-store")
	return e.JSON(http.StatusOK, map[string]any{"challenge": issuer(e.App).Issue(time.Now()), "bits": pow.Bits})
}

// CreateWorker serves POST /api/amem/workers. A new account costs a proof
// of work as well as a place under the per-address cap: behind a carrier's
// NAT the cap must stay generous, and the work is what a flood cannot pay.
func CreateWorker(e *core.RequestEvent) error {
	if !Allow(e, "workers.create") {
		return e.TooManyRequestsError("", nil)
	}
	var profile workerProfile
	if e.Request.ContentLength != 0 {
		if err := e.BindBody(&profile); err != nil {
			return e.BadRequestError("", err)
		}
	}
	if err := issuer(e.App).Check(profile.Challenge, profile.Nonce, time.Now()); err != nil {
		return e.BadRequestError("", apierrors.Field("nonce", "amem_proof_of_work"))
	}
	collection, err := e.App.FindCachedCollectionByNameOrId("workers")
	if err != nil {
		return e.InternalServerError("", err)
	}
	code := recovery.New()
	worker := core.NewRecord(collection)
	// Workers never sign in with a password (password sign-in is off); the
	// field is required by auth collections, so it gets a random one.
	worker.SetPassword(security.RandomString(40))
	worker.Set("recovery_hash", recovery.Hash(code))
	worker.Set("lang", profile.Lang)
	worker.Set("country", strings.ToUpper(profile.Country))
	worker.Set("destination", strings.ToUpper(profile.Destination))
	worker.Set("phase", profile.Phase)
	if err := e.App.Save(worker); err != nil {
		return e.BadRequestError("", err)
	}
	return workerAuthResponse(e, worker, code)
}

// RecoverWorker serves POST /api/amem/workers/recover.
func RecoverWorker(e *core.RequestEvent) error {
	if !Allow(e, "workers.recover") {
		return e.TooManyRequestsError("", nil)
	}
	var body struct {
		RecoveryCode string `json:"recoveryCode"`
	}
	if err := e.BindBody(&body); err != nil {
		return e.BadRequestError("", err)
	}
	code := recovery.Normalise(body.RecoveryCode)
	if len(code) != recovery.Length {
		return e.BadRequestError("", apierrors.Field("recoveryCode", "amem_recovery_code"))
	}
	worker, err := e.App.FindFirstRecordByData("workers", "recovery_hash", recovery.Hash(code))
	if err != nil {
		return e.NotFoundError("", nil)
	}
	// The old phone may be lost or in someone else's hands: sign it out (its
	// token gets a 401, see bindSignedOutWorkers) and stop notifying it.
	err = e.App.RunInTransaction(func(txApp core.App) error {
		worker.RefreshTokenKey()
		if err := txApp.Save(worker); err != nil {
			return err
		}
		subscriptions, err := txApp.FindAllRecords("push_subscriptions", dbx.HashExp{"worker": worker.Id})
		if err != nil {
			return err
		}
		for _, s := range subscriptions {
			if err := txApp.Delete(s); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return e.InternalServerError("", err)
	}
	return workerAuthResponse(e, worker, recovery.Format(code))
}

// EraseWorker serves DELETE /api/amem/workers/me: the worker goes, and with
// them their questions, the messages under them, the voice notes and photos
// on disk, and their push subscriptions (see erase).
func EraseWorker(e *core.RequestEvent) error {
	if err := erase(e.App, e.Auth); err != nil {
		return e.InternalServerError("", err)
	}
	return e.NoContent(http.StatusNoContent)
}

func workerAuthResponse(e *core.RequestEvent, worker *core.Record, code string) error {
	token, err := worker.NewAuthToken()
	if err != nil {
		return e.InternalServerError("", err)
	}
	if err := apis.EnrichRecord(e, worker); err != nil {
		return err
	}
	return e.JSON(http.StatusOK, map[string]any{"token": token, "record": worker, "recoveryCode": code})
}
