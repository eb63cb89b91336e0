package helpline

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"github.com/pocketbase/pocketbase/core"

	"amem/pb_hooks/testapp"
)

const s3Bucket = "amem-files"

// useS3 runs an S3-compatible server (gofakes3, in memory) on 127.0.0.1 and
// points the app's storage at it through PocketBase's own S3 settings, as an
// operator does in the dashboard (Settings → Files storage). It returns the
// server's store, to look into the bucket.
func useS3(t *testing.T, app core.App) *s3mem.Backend {
	t.Helper()
	backend := s3mem.New()
	if err := backend.CreateBucket(s3Bucket); err != nil {
		t.Fatal(err)
	}
	server := httptest.NewServer(gofakes3.New(backend).Server())
	t.Cleanup(server.Close)

	settings := app.Settings()
	settings.S3.Enabled = true
	settings.S3.Bucket = s3Bucket
	settings.S3.Region = "us-east-1"
	settings.S3.Endpoint = server.URL
	settings.S3.AccessKey = "amem-test"
	settings.S3.Secret = "amem-test-secret"
	settings.S3.ForcePathStyle = true
	if err := app.Save(settings); err != nil {
		t.Fatal(err)
	}
	return backend
}

// objectKeys is what the record's voice note and photos are called in the
// bucket, checked to be there (and not on the local disk).
func objectKeys(t *testing.T, app core.App, backend *s3mem.Backend, r *core.Record) []string {
	t.Helper()
	keys := []string{r.BaseFilesPath() + "/" + r.GetString("audio")}
	for _, name := range r.GetStringSlice("photos") {
		keys = append(keys, r.BaseFilesPath()+"/"+name)
	}
	for _, key := range keys {
		if _, err := backend.HeadObject(s3Bucket, key); err != nil {
			t.Fatalf("%s is not in the bucket: %v", key, err)
		}
		if _, err := os.Stat(filepath.Join(app.DataDir(), "storage", key)); !os.IsNotExist(err) {
			t.Fatalf("%s is on the local disk too (%v)", key, err)
		}
	}
	return keys
}

// objectsGone waits for PocketBase's deletion of the files of deleted
// records (after the commit, in the background) and fails on any left.
func objectsGone(t *testing.T, backend *s3mem.Backend, keys []string) {
	t.Helper()
	for _, key := range keys {
		if !testapp.Eventually(func() bool {
			_, err := backend.HeadObject(s3Bucket, key)
			return gofakes3.HasErrorCode(err, gofakes3.ErrNoSuchKey)
		}) {
			t.Errorf("still in the bucket after the erase: %s", key)
		}
	}
}

// With files in object storage: a worker's voice note and photo land in the
// bucket, a counsellor of the union it is routed to fetches the voice note
// with a file token (nobody without one), and the worker's erase removes
// every object from the bucket.
func TestFilesInObjectStorage(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	backend := useS3(t, app)
	handler := testapp.Handler(t, app)
	worker := decodeWorkerAuth(t, testapp.ServeBody(t, handler, "POST", "/api/amem/workers", testapp.NewWorkerBody(t, handler, `{"lang":"fr","country":"MA"}`),
		map[string]string{"Content-Type": "application/json"}))

	question := sendWithFiles(t, app, handler, worker.Token, "questions",
		map[string]string{"client_id": "s3-question-1", "lang": "fr", "country": "MA", "text": "Mon contrat"})
	message := sendWithFiles(t, app, handler, worker.Token, "messages",
		map[string]string{"client_id": "s3-message-1", "question": question.Id, "text": "Et la suite"})
	keys := append(objectKeys(t, app, backend, question), objectKeys(t, app, backend, message)...)

	// A counsellor of the union the question went to fetches the voice
	// note, as the inbox's <audio> does: with a file token in the URL.
	counsellor, err := app.FindFirstRecordByData("counsellors", "organisation", question.GetString("organisation"))
	if err != nil {
		t.Fatalf("no counsellor in the question's organisation %q: %v", question.GetString("organisation"), err)
	}
	auth, err := counsellor.NewAuthToken()
	if err != nil {
		t.Fatal(err)
	}
	res := testapp.Serve(t, handler, "POST", "/api/files/token", map[string]string{"Authorization": auth})
	var fileToken struct{ Token string }
	if err := json.Unmarshal([]byte(testapp.ReadAll(t, res)), &fileToken); err != nil || fileToken.Token == "" {
		t.Fatalf("file token: %d %v", res.StatusCode, err)
	}
	audioURL := "/api/files/questions/" + question.Id + "/" + question.GetString("audio")
	res = testapp.Serve(t, handler, "GET", audioURL+"?token="+fileToken.Token, nil)
	if body := testapp.ReadAll(t, res); res.StatusCode != http.StatusOK || body != string(testapp.OggOpusHeader()) {
		t.Fatalf("the counsellor's voice note from the bucket: %d, %d bytes, want the %d bytes sent", res.StatusCode, len(body), len(testapp.OggOpusHeader()))
	}
	if res := testapp.Serve(t, handler, "GET", audioURL, nil); res.StatusCode != http.StatusNotFound {
		t.Fatalf("the voice note without a file token: %d, want 404", res.StatusCode)
	}

	res = testapp.ServeBody(t, handler, "DELETE", "/api/amem/workers/me", "", map[string]string{"Authorization": worker.Token})
	if res.StatusCode != http.StatusNoContent {
		t.Fatalf("erase = %d %s", res.StatusCode, testapp.ReadAll(t, res))
	}
	objectsGone(t, backend, keys)
}

// Retention erases a closed question's objects from the bucket too, and
// leaves an open one's.
func TestRetentionErasesObjectsFromTheBucket(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	backend := useS3(t, app)
	handler := testapp.Handler(t, app)
	worker := decodeWorkerAuth(t, testapp.ServeBody(t, handler, "POST", "/api/amem/workers", testapp.NewWorkerBody(t, handler, `{"lang":"fr","country":"MA"}`),
		map[string]string{"Content-Type": "application/json"}))

	closed := sendWithFiles(t, app, handler, worker.Token, "questions", map[string]string{"client_id": "s3-retention-closed", "lang": "fr", "text": "Mon contrat"})
	open := sendWithFiles(t, app, handler, worker.Token, "questions", map[string]string{"client_id": "s3-retention-open", "lang": "fr", "text": "Mon salaire"})
	closedKeys, openKeys := objectKeys(t, app, backend, closed), objectKeys(t, app, backend, open)
	now := time.Now()
	setQuestion(t, app, closed.Id, "closed", now.AddDate(0, 0, -400))
	setQuestion(t, app, open.Id, "answered", now.AddDate(0, 0, -400))

	if n, err := eraseExpired(app, now); err != nil || n != 1 {
		t.Fatalf("erased %d (%v), want the closed question", n, err)
	}
	objectsGone(t, backend, closedKeys)
	for _, key := range openKeys {
		if _, err := backend.HeadObject(s3Bucket, key); err != nil {
			t.Errorf("the open question lost %s: %v", key, err)
		}
	}
}
