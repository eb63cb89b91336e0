package library

import (
	"amem/pb_hooks/testapp"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

// syncClient is a phone that syncs: it keeps the cursor of its last sync.
type syncClient struct {
	t       *testing.T
	handler http.Handler
	lang    string
	cursor  string
}

func (c *syncClient) sync() (syncResponse, *http.Response, string) {
	c.t.Helper()
	url := "/api/amem/sync?lang=" + c.lang
	if c.cursor != "" {
		url += "&since=" + c.cursor
	}
	res := serveFollowing(c.t, c.handler, url, nil)
	body := testapp.ReadAll(c.t, res)
	var out syncResponse
	if res.StatusCode == 200 {
		if err := json.Unmarshal([]byte(body), &out); err != nil {
			c.t.Fatalf("sync body: %v\n%s", err, body)
		}
		c.cursor = out.Cursor
	}
	return out, res, body
}

// serveFollowing makes a GET request and follows one redirect, as fetch does
// (a full sync is a redirect to its snapshot).
func serveFollowing(t *testing.T, handler http.Handler, url string, headers map[string]string) *http.Response {
	t.Helper()
	res := testapp.Serve(t, handler, "GET", url, headers)
	if res.StatusCode == http.StatusFound {
		res = testapp.Serve(t, handler, "GET", res.Header.Get("Location"), headers)
	}
	return res
}

func guideSlugs(r syncResponse) []string {
	var out []string
	for _, g := range r.Guides {
		out = append(out, g.Slug+"/"+g.Lang)
	}
	return out
}

func TestSyncFullThenDeltas(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)
	testapp.PutGuide(t, app, "wages", "ar", "الأجر")
	testapp.PutGuide(t, app, "wages", "en", "Wages")
	testapp.PutGuide(t, app, "english-only", "en", "Only in English")

	phone := &syncClient{t: t, handler: handler, lang: "ar"}
	full, res, _ := phone.sync()
	if !full.Full || full.Lang != "ar" || res.Header.Get("ETag") == "" {
		t.Fatalf("first sync: full=%v lang=%s etag=%q", full.Full, full.Lang, res.Header.Get("ETag"))
	}
	got := strings.Join(guideSlugs(full), " ")
	if got != "english-only/en guide-one/en wages/ar" {
		t.Fatalf("full sync guides = %s", got)
	}
	for _, g := range full.Guides {
		if g.Slug == "english-only" && !g.Fallback {
			t.Error("a guide served in another language must be marked fallback")
		}
		if g.Slug == "wages" && (g.Fallback || g.Reviewed != "2026-11-30" || g.HTML != "<p>الأجر</p>") {
			t.Errorf("wages/ar = %+v", g)
		}
	}
	if len(full.Contacts) != 1 || full.Contacts[0].Key != "contact-one" || len(full.Agencies) != 2 || len(full.Alerts) != 1 {
		t.Errorf("directory and alerts travel with the sync: %d contacts, %d agencies, %d alerts", len(full.Contacts), len(full.Agencies), len(full.Alerts))
	}

	// The same full sync again, with its ETag: 304, no body.
	again := serveFollowing(t, handler, "/api/amem/sync?lang=ar", map[string]string{"If-None-Match": res.Header.Get("ETag")})
	if again.StatusCode != http.StatusNotModified || testapp.ReadAll(t, again) != "" {
		t.Fatalf("revalidated full sync = %d", again.StatusCode)
	}

	// Nothing new: one small response.
	empty, _, body := phone.sync()
	if empty.Full || len(empty.Guides)+len(empty.Deleted)+len(empty.Contacts)+len(empty.Agencies)+len(empty.Alerts) != 0 {
		t.Fatalf("empty delta carried data: %s", body)
	}
	if len(body) > 300 {
		t.Errorf("an empty delta is %d bytes: %s", len(body), body)
	}

	// One guide changes on the server: the delta carries only it.
	testapp.PutGuide(t, app, "wages", "ar", "الأجر وساعات العمل")
	delta, _, _ := phone.sync()
	if got := strings.Join(guideSlugs(delta), " "); got != "wages/ar" || delta.Guides[0].Title != "الأجر وساعات العمل" {
		t.Fatalf("delta guides = %s", got)
	}
	if len(delta.Contacts)+len(delta.Agencies)+len(delta.Alerts)+len(delta.Deleted) != 0 {
		t.Errorf("delta carried unchanged data: %+v", delta)
	}

	// The Arabic translation appears: it replaces the English fallback.
	testapp.PutGuide(t, app, "english-only", "ar", "بالعربية الآن")
	delta, _, _ = phone.sync()
	if got := strings.Join(guideSlugs(delta), " "); got != "english-only/ar" || delta.Guides[0].Fallback {
		t.Fatalf("new translation delta = %s %+v", got, delta.Guides)
	}

	// The Arabic translation is deleted: its id goes, the English comes back as a fallback.
	arabic, _ := app.FindFirstRecordByFilter("guides", "slug = 'english-only' && lang = 'ar'")
	if err := app.Delete(arabic); err != nil {
		t.Fatal(err)
	}
	delta, _, _ = phone.sync()
	if len(delta.Deleted) != 1 || delta.Deleted[0] != arabic.Id {
		t.Fatalf("deleted = %v, want [%s]", delta.Deleted, arabic.Id)
	}
	if got := strings.Join(guideSlugs(delta), " "); got != "english-only/en" || !delta.Guides[0].Fallback {
		t.Fatalf("after deletion guides = %s", got)
	}

	// An alert unpublished: the phone removes it.
	alert, _ := app.FindFirstRecordByFilter("alerts", "published = true")
	alert.Set("published", false)
	if err := app.Save(alert); err != nil {
		t.Fatal(err)
	}
	delta, _, _ = phone.sync()
	if len(delta.Deleted) != 1 || delta.Deleted[0] != alert.Id {
		t.Fatalf("unpublished alert: deleted = %v", delta.Deleted)
	}
}

func TestSyncRefusesUnknownLanguage(t *testing.T) {
	factory := func(t testing.TB) *tests.TestApp { return testapp.New(t) }
	for _, s := range []tests.ApiScenario{
		{
			Name: "unknown language", Method: "GET", URL: "/api/amem/sync?lang=xx", Headers: map[string]string{"Accept-Language": "fr"},
			ExpectedStatus: 400, ExpectedContent: []string{`"message":"Quelque chose ne va pas dans votre demande.`}, TestAppFactory: factory,
		},
	} {
		s.Test(t)
	}
}

func TestSyncIsCompressed(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)
	for i := 0; i < 5; i++ {
		testapp.PutGuide(t, app, "guide-"+string(rune('a'+i)), "fr", strings.Repeat("Vos droits. ", 10))
	}
	// A browser (gzip and Brotli) gets Brotli; a client with gzip only, gzip.
	res := serveFollowing(t, handler, "/api/amem/sync?lang=fr", map[string]string{"Accept-Encoding": "gzip, deflate, br"})
	gz := serveFollowing(t, handler, "/api/amem/sync?lang=fr", map[string]string{"Accept-Encoding": "gzip"})
	if res.Header.Get("Content-Encoding") != "br" || gz.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(strings.Join(res.Header.Values("Vary"), ","), "Accept-Encoding") {
		t.Fatalf("sync headers %v; gzip only: %v", res.Header, gz.Header)
	}
}
