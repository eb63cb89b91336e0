package helpline

import (
	"amem/pb_hooks/testapp"
	"bytes"
	"encoding/binary"
	"image"
	"image/jpeg"
	"mime/multipart"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// phonePhoto is a JPEG as a phone camera makes it: with EXIF and GPS.
func phonePhoto() []byte {
	var buf bytes.Buffer
	jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 16, 16)), nil)
	clean := buf.Bytes()
	payload := "Exif\x00\x00GPSLatitude 35.76 N Tangier"
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	photo := append([]byte{}, clean[:2]...)
	photo = append(photo, append(seg, payload...)...)
	return append(photo, clean[2:]...)
}

func TestPhotosAreStoredWithoutLocation(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)

	send := func(clientID string, file []byte, name string) (int, string) {
		var form bytes.Buffer
		mw := multipart.NewWriter(&form)
		mw.WriteField("client_id", clientID)
		mw.WriteField("lang", "fr")
		mw.WriteField("text", "Voici mon contrat")
		fw, _ := mw.CreateFormFile("photos", name)
		fw.Write(file)
		mw.Close()
		res := testapp.ServeBody(t, handler, "POST", "/api/collections/questions/records", form.String(),
			map[string]string{"Authorization": f.Tokens[testapp.Worker], "Content-Type": mw.FormDataContentType(), "Accept-Language": "fr"})
		return res.StatusCode, testapp.ReadAll(t, res)
	}

	status, body := send("photo-question-1", phonePhoto(), "contract.jpg")
	if status != 200 {
		t.Fatalf("question with a photo = %d %s", status, body)
	}
	q, _ := app.FindFirstRecordByData("questions", "client_id", "photo-question-1")
	names := q.GetStringSlice("photos")
	if len(names) != 1 {
		t.Fatalf("photos = %v", names)
	}
	stored, err := os.ReadFile(filepath.Join(app.DataDir(), "storage", q.BaseFilesPath(), names[0]))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(stored, []byte("GPS")) || bytes.Contains(stored, []byte("Tangier")) {
		t.Fatal("the stored photo still says where it was taken")
	}
	if _, err := jpeg.Decode(bytes.NewReader(stored)); err != nil {
		t.Fatalf("stored photo does not decode: %v", err)
	}

	// Not a photo: refused, in French, and nothing is created.
	status, body = send("photo-question-2", []byte("%PDF-1.4 not an image"), "contract.jpg")
	if status != 400 || !strings.Contains(body, "Ce type de fichier ne peut pas être envoyé.") {
		t.Fatalf("a PDF as a photo = %d %s", status, body)
	}
	if _, err := app.FindFirstRecordByData("questions", "client_id", "photo-question-2"); err == nil {
		t.Fatal("a refused question was stored")
	}
}
