package browser

import (
	"bytes"
	"encoding/json"
	"image"
	"image/jpeg"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"testing"

	"github.com/chromedp/chromedp"

	"amem/internal/browsertest"
	"amem/pb_hooks/testapp"
)

// TestBrowserInboxShowsPhotos: the photo a worker sent with a question is in
// the thread, fetched with a file token, and opens full size, zoomable.
func TestBrowserInboxShowsPhotos(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	base := testapp.StartServer(t, app)

	var photo bytes.Buffer
	jpeg.Encode(&photo, image.NewGray(image.Rect(0, 0, 40, 30)), nil)
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range map[string]string{"client_id": "inbox-photo-0001", "text": "This is my contract", "lang": "fr", "country": "TN"} {
		w.WriteField(k, v)
	}
	part, _ := w.CreatePart(textproto.MIMEHeader{
		"Content-Disposition": {`form-data; name="photos"; filename="contract.jpg"`}, "Content-Type": {"image/jpeg"}})
	part.Write(photo.Bytes())
	w.Close()
	req, _ := http.NewRequest("POST", base+"/api/collections/questions/records", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", f.Tokens[testapp.Worker])
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var q askedQuestion
	if err := json.NewDecoder(res.Body).Decode(&q); err != nil || res.StatusCode != 200 {
		t.Fatalf("ask with a photo = %d %v", res.StatusCode, err)
	}
	res.Body.Close()
	stored, err := app.FindRecordById("questions", q.ID)
	if err != nil {
		t.Fatal(err)
	}
	counsellor, err := app.FindRecordById("counsellors", stored.GetString("counsellor"))
	if err != nil {
		t.Fatal(err)
	}

	ctx := browsertest.New(t)
	run := browsertest.Tab{T: t, Ctx: ctx}.Run
	run(chromedp.EmulateViewport(1366, 860))
	signInToInbox(t, ctx, app, base, counsellor.Email())
	openCase(t, ctx, base, q.ID)
	waitJS(t, ctx, "the photo, loaded with a file token", `(() => { const img = document.querySelector("#messages img.photo"); return img && img.src.includes("?token=") && img.complete && img.naturalWidth === 40; })()`)

	run(chromedp.Click(`#messages .photo-button`))
	waitJS(t, ctx, "the photo full size", `document.getElementById("photo-dialog")?.open && document.querySelector("#photo-dialog img.photo-full").naturalWidth === 40`)
	run(chromedp.Click(`#photo-dialog img.photo-full`))
	waitJS(t, ctx, "the photo zoomed", `document.querySelector("#photo-dialog img.photo-full").classList.contains("zoomed")`)
	run(chromedp.Click(`#photo-dialog button.primary`))
	waitJS(t, ctx, "the dialog closed", `!document.getElementById("photo-dialog")`)
}
