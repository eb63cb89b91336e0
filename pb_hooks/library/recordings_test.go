package library

import (
	"bytes"
	"io"
	"maps"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"

	"amem/internal/opus/opustest"
	"amem/pb_hooks/testapp"
)

// upload is a multipart body with fields and an audio file.
func upload(t testing.TB, fields map[string]string, audio []byte) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		_ = w.WriteField(k, v)
	}
	part, _ := w.CreateFormFile("audio", "recording.opus")
	_, _ = part.Write(audio)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return &buf, w.FormDataContentType()
}

// An editor attaching a recording in the dashboard: anything but Ogg Opus is
// refused with a clear message (an Ogg Vorbis file passes the field's
// audio/ogg check and is refused by the hook); the length and size are
// measured by the server, whatever the form says.
func TestRecordingUploadIsCheckedAndMeasured(t *testing.T) {
	f := testapp.Seeded(t)
	opusFile := opustest.File(3*time.Second, "")
	vorbis := opustest.Page(0x02, 0, 1, 0, append([]byte("\x01vorbis"), make([]byte, 22)...))
	fields := map[string]string{"slug": "guide-one", "lang": "ary", "reviewed": "2026-11-30", "seconds": "999", "bytes": "1"}
	scenario := func(name string, fields map[string]string, audio []byte, status int, want ...string) tests.ApiScenario {
		body, contentType := upload(t, fields, audio)
		return tests.ApiScenario{
			Name: name, Method: http.MethodPost, URL: "/api/collections/guide_recordings/records", Body: body,
			Headers:         map[string]string{"Authorization": f.Tokens[testapp.Superuser], "Content-Type": contentType, "Accept-Language": "en"},
			ExpectedStatus:  status,
			ExpectedContent: want,
			TestAppFactory:  func(t testing.TB) *tests.TestApp { return testapp.New(t) },
		}
	}
	with := func(k, v string) map[string]string {
		out := map[string]string{}
		for a, b := range fields {
			out[a] = b
		}
		out[k] = v
		return out
	}
	for _, s := range []tests.ApiScenario{
		scenario("Opus is measured", fields, opusFile, 200, `"seconds":3`, `"bytes":`+strconv.Itoa(len(opusFile)), `"origin":"edited"`),
		scenario("an MP3 is refused", fields, []byte("ID3\x04\x00\x00\x00\x00\x00\x00\xff\xfb\x90\x00 an mp3"), 400,
			`"audio":{"code":"amem_not_opus","message":"A recording must be an Ogg Opus file (.opus).`),
		scenario("Ogg Vorbis is refused", fields, vorbis, 400, `"code":"amem_not_opus"`),
		scenario("an unknown language is refused", with("lang", "xx"), opusFile, 400, `"code":"amem_unknown_recording_lang"`),
		scenario("an unknown guide is refused", with("slug", "no-such-guide"), opusFile, 400, `"code":"amem_no_such_guide"`),
	} {
		s.Test(t)
	}
}

func recordingsOf(r syncResponse, slug string) []syncedRecording {
	for _, g := range r.Guides {
		if g.Slug == slug {
			return g.Recordings
		}
	}
	return nil
}

// Recordings travel in the sync inside their guide, with what the phone
// needs to offer them (language, URL, length, size), only to readers of
// their language or of its dialect's; a recording removed from the content
// folder resends its guide without it (the phone then drops its copy).
func TestSyncCarriesRecordingsWithTheirGuide(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)
	fsys := testapp.ContentFS()
	darija, english := opustest.File(3*time.Second, ""), opustest.File(time.Second, "")
	testapp.AddRecording(fsys, "no-fees", "ary", darija, "UMT Casablanca")
	testapp.AddRecording(fsys, "no-fees", "en", english, "UGTT")
	if report, err := importContent(app, fsys, quiet); err != nil || report.Recordings.Created != 2 || len(report.Problems) > 0 {
		t.Fatalf("import: %+v %v", report, err)
	}

	arabic := &syncClient{t: t, handler: handler, lang: "ar"}
	full, _, _ := arabic.sync()
	got := recordingsOf(full, "no-fees")
	if len(got) != 1 || got[0].Lang != "ary" || got[0].Seconds != 3 || got[0].Bytes != len(darija) ||
		!strings.HasPrefix(got[0].URL, "/api/files/guide_recordings/") || !strings.HasSuffix(got[0].URL, ".opus") {
		t.Fatalf("no-fees recordings for Arabic readers = %+v, want the Darija one", got)
	}
	if r := recordingsOf(full, "your-contract"); r != nil {
		t.Errorf("your-contract has recordings %+v", r)
	}
	res := testapp.Serve(t, handler, "GET", got[0].URL, nil)
	if body := testapp.ReadAll(t, res); res.StatusCode != 200 || body != string(darija) {
		t.Fatalf("GET %s = %d, %d bytes", got[0].URL, res.StatusCode, len(body))
	}
	en := &syncClient{t: t, handler: handler, lang: "en"}
	enFull, _, _ := en.sync()
	if r := recordingsOf(enFull, "no-fees"); len(r) != 1 || r[0].Lang != "en" {
		t.Errorf("no-fees recordings for English readers = %+v, want the English one only", r)
	}

	// The Darija file is taken out of the folder (and its entry).
	delete(fsys, "guides/no-fees/ary.opus")
	md := fsys["guides/no-fees/ar.md"]
	md.Data = []byte(strings.Replace(string(md.Data), "  - file: ary.opus\n    credit: UMT Casablanca\n    reviewed: 2026-11-29\n", "", 1))
	if report, err := importContent(app, fsys, quiet); err != nil || report.Recordings.Deleted != 1 {
		t.Fatalf("second import: %+v %v", report, err)
	}
	delta, _, _ := arabic.sync()
	if len(delta.Guides) != 1 || delta.Guides[0].Slug != "no-fees" || delta.Guides[0].Recordings != nil {
		t.Fatalf("delta after the recording went: guides %v, recordings %+v", guideSlugs(delta), recordingsOf(delta, "no-fees"))
	}
}

// A recording whose file turns bad (an MP3 saved over it) is reported and
// the stored one stays: phones keep their copy.
func TestImportKeepsTheStoredRecordingWhenItsFileBreaks(t *testing.T) {
	app := newContentTestApp(t)
	defer app.Cleanup()
	fsys := testapp.ContentFS()
	testapp.AddRecording(fsys, "no-fees", "mey", opustest.File(time.Second, ""), "")
	mustImport(t, app, fsys)
	before := snapshot(t, app, Recordings)

	fsys["guides/no-fees/mey.opus"].Data = []byte("ID3\x04 now an mp3")
	report := mustImport(t, app, fsys)
	if report.Recordings.Kept != 1 || len(report.Problems) != 1 {
		t.Fatalf("report %+v", report)
	}
	if after := snapshot(t, app, Recordings); len(after) != 1 || !maps.Equal(before, after) {
		t.Fatalf("recordings changed: %v → %v", before, after)
	}
}
