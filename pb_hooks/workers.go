package pb_hooks

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"
)

// recoveryAlphabet has no letters that are easy to confuse when copied by
// hand (0/O, 1/I/L) and no vowels (no words by accident).
const recoveryAlphabet = "23456789BCDFGHJKMNPQRSTVWXZ"

// A recovery code is 16 characters (about 76 bits), written in four groups.
const recoveryLength = 16

// bindWorkers serves the anonymous worker accounts:
//
//	POST   /api/amem/workers          a new worker: {token, record, recoveryCode}
//	POST   /api/amem/workers/recover  {recoveryCode} → the same, on a new phone
//	DELETE /api/amem/workers/me       erase the worker and everything they sent
//
// No name, phone number or e-mail is asked. The recovery code is shown once;
// only its hash is stored.
func bindWorkers(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.POST("/api/amem/workers", createWorker)
		se.Router.POST("/api/amem/workers/recover", recoverWorker)
		se.Router.DELETE("/api/amem/workers/me", eraseWorker).Bind(apis.RequireAuth("workers"))
		return se.Next()
	})
}

// workerProfile is what a worker may tell about themself, all optional.
type workerProfile struct {
	Lang        string `json:"lang"`
	Country     string `json:"country"`
	Destination string `json:"destination"`
	Phase       string `json:"phase"`
}

func createWorker(e *core.RequestEvent) error {
	var profile workerProfile
	if e.Request.ContentLength != 0 {
		if err := e.BindBody(&profile); err != nil {
			return e.BadRequestError("", err)
		}
	}
	collection, err := e.App.FindCachedCollectionByNameOrId("workers")
	if err != nil {
		return e.InternalServerError("", err)
	}
	code := newRecoveryCode()
	worker := core.NewRecord(collection)
	// Workers never sign in with a password (password sign-in is off); the
	// field is required by auth collections, so it gets a random one.
	worker.SetPassword(security.RandomString(40))
	worker.Set("recovery_hash", hashRecoveryCode(code))
	worker.Set("lang", profile.Lang)
	worker.Set("country", strings.ToUpper(profile.Country))
	worker.Set("destination", strings.ToUpper(profile.Destination))
	worker.Set("phase", profile.Phase)
	if err := e.App.Save(worker); err != nil {
		return e.BadRequestError("", err)
	}
	return workerAuthResponse(e, worker, code)
}

func recoverWorker(e *core.RequestEvent) error {
	var body struct {
		RecoveryCode string `json:"recoveryCode"`
	}
	if err := e.BindBody(&body); err != nil {
		return e.BadRequestError("", err)
	}
	code := normaliseRecoveryCode(body.RecoveryCode)
	if len(code) != recoveryLength {
		return e.BadRequestError("", fieldError("recoveryCode", "amem_recovery_code"))
	}
	worker, err := e.App.FindFirstRecordByData("workers", "recovery_hash", hashRecoveryCode(code))
	if err != nil {
		return e.NotFoundError("", nil)
	}
	// The old phone may be lost or in someone else's hands: sign it out.
	worker.RefreshTokenKey()
	if err := e.App.Save(worker); err != nil {
		return e.InternalServerError("", err)
	}
	return workerAuthResponse(e, worker, formatRecoveryCode(code))
}

// eraseWorker deletes the worker; their questions, the messages under them,
// the voice notes and photos, and their push subscriptions go with them
// (cascading relations, and PocketBase deletes the files of deleted records).
func eraseWorker(e *core.RequestEvent) error {
	if err := e.App.Delete(e.Auth); err != nil {
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

// newRecoveryCode returns a code like "K7MQ-2RTX-9BCD-HW3P".
func newRecoveryCode() string {
	return formatRecoveryCode(security.RandomStringWithAlphabet(recoveryLength, recoveryAlphabet))
}

func formatRecoveryCode(code string) string {
	var groups []string
	for i := 0; i < len(code); i += 4 {
		groups = append(groups, code[i:min(i+4, len(code))])
	}
	return strings.Join(groups, "-")
}

// normaliseRecoveryCode accepts what a person types: any case, spaces or dashes.
func normaliseRecoveryCode(code string) string {
	code = strings.ToUpper(code)
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(recoveryAlphabet, r) {
			return r
		}
		if r == ' ' || r == '-' {
			return -1
		}
		return '?' // keeps the length check honest
	}, code)
}

func hashRecoveryCode(code string) string {
	sum := sha256.Sum256([]byte(normaliseRecoveryCode(code)))
	return hex.EncodeToString(sum[:])
}
