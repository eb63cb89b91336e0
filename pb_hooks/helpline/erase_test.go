package helpline

import (
	"amem/pb_hooks/testapp"
	"bytes"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

// sendWithFiles posts a question or a message as multipart, with a voice note
// and a photo, and returns the stored record.
func sendWithFiles(t *testing.T, app *tests.TestApp, handler http.Handler, token, collection string, fields map[string]string) *core.Record {
	t.Helper()
	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile("audio", "note.ogg")
	fw.Write(testapp.OggOpusHeader())
	fw, _ = mw.CreateFormFile("photos", "contract.jpg")
	fw.Write(phonePhoto())
	mw.Close()
	res := testapp.ServeBody(t, handler, "POST", "/api/collections/"+collection+"/records", form.String(),
		map[string]string{"Authorization": token, "Content-Type": mw.FormDataContentType()})
	if body := testapp.ReadAll(t, res); res.StatusCode != 200 {
		t.Fatalf("%s with a voice note and a photo: %d %s", collection, res.StatusCode, body)
	}
	r, err := app.FindFirstRecordByData(collection, "client_id", fields["client_id"])
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// storedFiles is where a record's voice note and photos are on disk, checked
// to be there.
func storedFiles(t *testing.T, app core.App, r *core.Record) []string {
	t.Helper()
	dir := filepath.Join(app.DataDir(), "storage", r.BaseFilesPath())
	paths := []string{filepath.Join(dir, r.GetString("audio"))}
	for _, name := range r.GetStringSlice("photos") {
		paths = append(paths, filepath.Join(dir, name))
	}
	if len(paths) != 2 {
		t.Fatalf("%s %s holds %d files, want a voice note and a photo", r.Collection().Name, r.Id, len(paths))
	}
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("not stored: %v", err)
		}
	}
	return append(paths, dir)
}

// filesGone waits for PocketBase's deletion of the files of deleted records
// (it runs after the commit, in the background) and fails on any left.
func filesGone(t *testing.T, paths []string) {
	t.Helper()
	for _, p := range paths {
		if !testapp.Eventually(func() bool { _, err := os.Stat(p); return os.IsNotExist(err) }) {
			t.Errorf("still on disk after the erase: %s", p)
		}
	}
}

func TestErasingAWorkerRemovesTheirFilesFromDisk(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)
	worker := decodeWorkerAuth(t, testapp.ServeBody(t, handler, "POST", "/api/amem/workers", testapp.NewWorkerBody(t, handler, `{"lang":"fr","country":"MA"}`),
		map[string]string{"Content-Type": "application/json"}))

	question := sendWithFiles(t, app, handler, worker.Token, "questions",
		map[string]string{"client_id": "erase-question-1", "lang": "fr", "text": "Mon contrat"})
	message := sendWithFiles(t, app, handler, worker.Token, "messages",
		map[string]string{"client_id": "erase-message-1", "question": question.Id, "text": "Et la suite"})
	files := append(storedFiles(t, app, question), storedFiles(t, app, message)...)

	res := testapp.ServeBody(t, handler, "DELETE", "/api/amem/workers/me", "", map[string]string{"Authorization": worker.Token})
	if res.StatusCode != http.StatusNoContent {
		t.Fatalf("erase = %d %s", res.StatusCode, testapp.ReadAll(t, res))
	}
	filesGone(t, files)
}
