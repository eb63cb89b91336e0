package helpline

import (
	"amem/pb_hooks/testapp"
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
)

type workerAuth struct {
	Token        string         `json:"token"`
	Record       map[string]any `json:"record"`
	RecoveryCode string         `json:"recoveryCode"`
}

func decodeWorkerAuth(t *testing.T, res *http.Response) workerAuth {
	t.Helper()
	body := testapp.ReadAll(t, res)
	if res.StatusCode != 200 {
		t.Fatalf("status %d: %s", res.StatusCode, body)
	}
	var a workerAuth
	if err := json.Unmarshal([]byte(body), &a); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestAnonymousWorkerLifecycle(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)
	jsonHeaders := map[string]string{"Content-Type": "application/json"}

	created := decodeWorkerAuth(t, testapp.ServeBody(t, handler, "POST", "/api/amem/workers",
		testapp.NewWorkerBody(t, handler, `{"lang":"ar","country":"ma","destination":"es","phase":"pre_departure"}`), jsonHeaders))
	if !regexp.MustCompile(`^[2-9B-Z]{4}(-[2-9B-Z]{4}){3}$`).MatchString(created.RecoveryCode) {
		t.Fatalf("recovery code %q", created.RecoveryCode)
	}
	if created.Record["country"] != "MA" || created.Record["destination"] != "ES" || created.Record["recovery_hash"] != nil {
		t.Fatalf("record %v", created.Record)
	}
	workerID := created.Record["id"].(string)
	stored, _ := app.FindRecordById("workers", workerID)
	if stored.Email() != "" || strings.Contains(stored.GetString("recovery_hash"), created.RecoveryCode) {
		t.Fatal("a worker has no e-mail, and the recovery code is stored only hashed")
	}

	// The token works for asking a question, with a voice note.
	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	mw.WriteField("client_id", "phone-made-id-1")
	mw.WriteField("lang", "ar")
	mw.WriteField("text", "سؤال")
	fw, _ := mw.CreateFormFile("audio", "note.ogg")
	fw.Write(testapp.OggOpusHeader())
	mw.Close()
	res := testapp.ServeBody(t, handler, "POST", "/api/collections/questions/records", form.String(),
		map[string]string{"Authorization": created.Token, "Content-Type": mw.FormDataContentType()})
	body := testapp.ReadAll(t, res)
	if res.StatusCode != 200 {
		t.Fatalf("question with audio: %d %s", res.StatusCode, body)
	}
	question, _ := app.FindFirstRecordByData("questions", "client_id", "phone-made-id-1")
	audioPath := filepath.Join(app.DataDir(), "storage", question.BaseFilesPath(), question.GetString("audio"))
	if _, err := os.Stat(audioPath); err != nil {
		t.Fatalf("voice note not stored: %v", err)
	}

	// The old phone gets notifications.
	subs, _ := app.FindCachedCollectionByNameOrId("push_subscriptions")
	sub := core.NewRecord(subs)
	sub.Load(map[string]any{"endpoint": "https://fcm.googleapis.com/fcm/send/old-phone", "p256dh": "k", "auth": "a", "worker": workerID, "lang": "ar"})
	if err := app.SaveNoValidate(sub); err != nil {
		t.Fatal(err)
	}

	// A new phone: the code, typed carelessly, recovers the same worker and signs out the old phone.
	typed := strings.ToLower(strings.ReplaceAll(created.RecoveryCode, "-", " "))
	recovered := decodeWorkerAuth(t, testapp.ServeBody(t, handler, "POST", "/api/amem/workers/recover",
		`{"recoveryCode":"`+typed+`"}`, jsonHeaders))
	if recovered.Record["id"] != workerID || recovered.RecoveryCode != created.RecoveryCode {
		t.Fatalf("recovered %v", recovered)
	}
	// The old phone is told so (401, not an empty list as for a guest), on
	// any request it makes with its token, so that it can forget the worker.
	for _, path := range []string{"/api/collections/questions/records", "/api/collections/messages/records", "/api/amem/sync?lang=ar"} {
		old := testapp.ServeBody(t, handler, "GET", path, "", map[string]string{"Authorization": created.Token, "Accept-Language": "fr"})
		if body := testapp.ReadAll(t, old); old.StatusCode != 401 || strings.Contains(body, "phone-made-id-1") || !strings.Contains(body, `"status":401`) {
			t.Fatalf("GET %s with the old phone's token = %d %s, want 401", path, old.StatusCode, body)
		}
	}
	if _, err := app.FindRecordById("push_subscriptions", sub.Id); err == nil {
		t.Error("the old phone's push subscription survived the recovery: it would still be notified")
	}
	// A token that is not a worker's, or no token, is not concerned.
	if res := testapp.ServeBody(t, handler, "GET", "/api/amem/sync?lang=ar", "", map[string]string{"Authorization": "not-a-token"}); res.StatusCode != http.StatusFound {
		t.Fatalf("sync with a malformed token = %d, want 302 to the snapshot (treated as anonymous)", res.StatusCode)
	}

	// Wrong codes change nothing and say so in the caller's language.
	wrong := testapp.ServeBody(t, handler, "POST", "/api/amem/workers/recover", `{"recoveryCode":"BBBB-BBBB-BBBB-BBBB"}`,
		map[string]string{"Content-Type": "application/json", "Accept-Language": "fr"})
	if wrong.StatusCode != 404 || !strings.Contains(testapp.ReadAll(t, wrong), "Nous n'avons pas trouvé") {
		t.Fatalf("wrong code = %d", wrong.StatusCode)
	}
	if bad := testapp.ServeBody(t, handler, "POST", "/api/amem/workers/recover", `{"recoveryCode":"short"}`, jsonHeaders); bad.StatusCode != 400 {
		t.Fatalf("malformed code = %d", bad.StatusCode)
	}

	// Erasing: everything the worker sent goes, voice notes included.
	if res := testapp.ServeBody(t, handler, "DELETE", "/api/amem/workers/me", "", nil); res.StatusCode != 401 {
		t.Fatalf("erase without a token = %d", res.StatusCode)
	}
	res = testapp.ServeBody(t, handler, "DELETE", "/api/amem/workers/me", "", map[string]string{"Authorization": recovered.Token})
	if res.StatusCode != http.StatusNoContent {
		t.Fatalf("erase = %d %s", res.StatusCode, testapp.ReadAll(t, res))
	}
	if _, err := app.FindRecordById("workers", workerID); err == nil {
		t.Error("worker still there")
	}
	// The erased worker's token is refused, so a second erase is a 401.
	if res := testapp.ServeBody(t, handler, "DELETE", "/api/amem/workers/me", "", map[string]string{"Authorization": recovered.Token}); res.StatusCode != 401 {
		t.Errorf("erase with the erased worker's token = %d, want 401", res.StatusCode)
	}
	if n, _ := app.CountRecords("questions"); n != 2 {
		t.Errorf("questions left = %d, want the 2 of other workers", n)
	}
	// PocketBase deletes the files of deleted records in the background.
	if !testapp.Eventually(func() bool { _, err := os.Stat(audioPath); return os.IsNotExist(err) }) {
		t.Error("voice note still on disk")
	}
}

func TestCreatingWorkersIsRateLimited(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)
	limited := false
	max := limits["workers.create"].max
	for i := 0; i < max+5 && !limited; i++ {
		req := httptest.NewRequest("POST", "/api/amem/workers", strings.NewReader(testapp.NewWorkerBody(t, handler, `{}`)))
		req.Header.Set("Content-Type", "application/json")
		req.RemoteAddr = "203.0.113.7:1234"
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, req)
		switch rec.Code {
		case 200:
		case http.StatusTooManyRequests:
			if i < max {
				t.Fatalf("limited after %d workers, want %d an hour", i, max)
			}
			limited = true
		default:
			t.Fatalf("create worker = %d %s", rec.Code, rec.Body)
		}
	}
	if !limited {
		t.Fatalf("%d workers from one address in a row were all created", max+5)
	}
}

// A new account costs a proof of work: none, a wrong one, or one used
// before, and no account is made.
func TestANewWorkerNeedsAProofOfWork(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)
	headers := map[string]string{"Content-Type": "application/json"}
	before, _ := app.CountRecords("workers")
	solved := testapp.NewWorkerBody(t, handler, `{"lang":"fr"}`)
	unsolved := strings.Replace(solved, `"nonce":"`, `"nonce":"x`, 1)
	for name, body := range map[string]string{"no work": `{"lang":"fr"}`, "wrong nonce": unsolved} {
		res := testapp.ServeBody(t, handler, "POST", "/api/amem/workers?lang=fr", body, headers)
		if got := testapp.ReadAll(t, res); res.StatusCode != 400 || !strings.Contains(got, "La vérification de ce téléphone") {
			t.Errorf("%s = %d %s, want 400 and the reason in French", name, res.StatusCode, got)
		}
	}
	if res := testapp.ServeBody(t, handler, "POST", "/api/amem/workers", solved, headers); res.StatusCode != 200 {
		t.Fatalf("solved = %d", res.StatusCode)
	}
	if res := testapp.ServeBody(t, handler, "POST", "/api/amem/workers", solved, headers); res.StatusCode != 400 {
		t.Errorf("the same work again = %d, want 400", res.StatusCode)
	}
	if after, _ := app.CountRecords("workers"); after != before+1 {
		t.Errorf("%d accounts made, want 1", after-before)
	}
}
