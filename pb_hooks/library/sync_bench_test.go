package library

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/pocketbase/pocketbase/tests"

	"amem/content"
	"amem/pb_hooks/testapp"
)

// newBenchApp is the fixture with the shipped library imported, as a
// deployment has it.
func newBenchApp(b testing.TB) (*tests.TestApp, http.Handler) {
	app, err := tests.NewTestApp(testapp.Seeded(b).Dir)
	if err != nil {
		b.Fatal(err)
	}
	if err := testapp.Bind(app, nil); err != nil {
		b.Fatal(err)
	}
	if _, err := importContent(app, content.FS, app.Logger()); err != nil {
		b.Fatal(err)
	}
	// One client makes every request here: the per-address limiter would
	// measure itself.
	app.Settings().RateLimits.Enabled = false
	return app, testapp.Handler(b, app)
}

// syncOnce makes one sync request, following the redirect of a full sync to
// its snapshot as a phone does.
func syncOnce(b testing.TB, handler http.Handler, url string, header map[string]string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("GET", url, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, req)
	if rec.Code == http.StatusFound {
		return syncOnce(b, handler, rec.Header().Get("Location"), header)
	}
	if rec.Code != 200 && rec.Code != 304 {
		b.Fatalf("GET %s = %d", url, rec.Code)
	}
	return rec
}

func cursorOf(b testing.TB, body []byte) string {
	var r struct{ Cursor string }
	if err := json.Unmarshal(body, &r); err != nil {
		b.Fatal(err)
	}
	return r.Cursor
}

// BenchmarkSyncFull: a new phone downloading the Arabic library straight from
// this server (the redirect, then the snapshot from the per-language cache,
// gzip).
func BenchmarkSyncFull(b *testing.B) {
	app, handler := newBenchApp(b)
	defer app.Cleanup()
	gzip := map[string]string{"Accept-Encoding": "gzip"}
	syncOnce(b, handler, "/api/amem/sync?lang=ar", gzip)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		syncOnce(b, handler, "/api/amem/sync?lang=ar", gzip)
	}
}

// BenchmarkSyncFullBytes: the bytes of a full sync per language, gzip and
// Brotli, as a phone receives them (reported as metrics; the time is the
// serving of the cached body).
func BenchmarkSyncFullBytes(b *testing.B) {
	app, handler := newBenchApp(b)
	defer app.Cleanup()
	for _, lang := range []string{"ar", "fr"} {
		for _, encoding := range []string{"gzip", "br"} {
			b.Run(lang+"/"+encoding, func(b *testing.B) {
				header := map[string]string{"Accept-Encoding": encoding}
				rec := syncOnce(b, handler, "/api/amem/sync?lang="+lang, header)
				if got := rec.Header().Get("Content-Encoding"); got != encoding {
					b.Fatalf("Content-Encoding %q, want %q", got, encoding)
				}
				for b.Loop() {
					rec = syncOnce(b, handler, "/api/amem/sync?lang="+lang, header)
				}
				b.ReportMetric(float64(rec.Body.Len()), "bytes")
				if encoding == "br" {
					floor := guidesTextFloor(b, lang)
					b.ReportMetric(float64(floor), "floor-bytes")
					b.ReportMetric(float64(rec.Body.Len())/float64(floor), "x-floor")
				}
			})
		}
	}
}

// guidesTextFloor is the floor a full sync is measured against: Brotli at
// quality 11 of the shipped guides' own text in lang (their Markdown files,
// front matter and sources included), one after the other.
func guidesTextFloor(b testing.TB, lang string) int {
	paths, err := fs.Glob(content.FS, "guides/*/"+lang+".md")
	if err != nil || len(paths) == 0 {
		b.Fatalf("no shipped guides in %s: %v", lang, err)
	}
	var text, compressed bytes.Buffer
	for _, p := range paths {
		data, err := fs.ReadFile(content.FS, p)
		if err != nil {
			b.Fatal(err)
		}
		text.Write(data)
	}
	w := brotli.NewWriterLevel(&compressed, brotli.BestCompression)
	w.Write(text.Bytes())
	w.Close()
	return compressed.Len()
}

// BenchmarkSyncEmptyDelta: a phone asking "anything new?" when nothing is.
func BenchmarkSyncEmptyDelta(b *testing.B) {
	app, handler := newBenchApp(b)
	defer app.Cleanup()
	cursor := cursorOf(b, syncOnce(b, handler, "/api/amem/sync?lang=ar", nil).Body.Bytes())
	url := "/api/amem/sync?lang=ar&since=" + cursor
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		syncOnce(b, handler, url, nil)
	}
}

// BenchmarkSyncRebuild: building the full Arabic sync after a change (the
// cache is invalidated by every new revision).
func BenchmarkSyncRebuild(b *testing.B) {
	app, _ := newBenchApp(b)
	defer app.Cleanup()
	upTo, _ := CurrentRevision(app)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := buildSync(app, "ar", 0, upTo, true); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLoadDeltaSyncs is the load script: many phones polling for changes at
// once against a real server on 127.0.0.1. It runs only with AMEM_LOAD=1 and
// reports; it asserts nothing about time (shared machines are noisy).
//
//	AMEM_LOAD=1 go test ./pb_hooks -run TestLoadDeltaSyncs -v
func TestLoadDeltaSyncs(t *testing.T) {
	base := loadServer(t)
	res, err := http.Get(base + "/api/amem/sync?lang=ar")
	if err != nil {
		t.Fatal(err)
	}
	var first struct{ Cursor string }
	json.NewDecoder(res.Body).Decode(&first)
	res.Body.Close()

	const phones, perPhone = 50, 40
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: phones}}
	r := testapp.Load(t, phones, perPhone, func() error {
		res, err := client.Get(base + "/api/amem/sync?lang=ar&since=" + first.Cursor)
		if err != nil {
			return err
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			return fmt.Errorf("status %d", res.StatusCode)
		}
		return nil
	})
	t.Logf("delta syncs by %d phones: %v", phones, r)
}

// loadServer starts, for a load script, a real server on 127.0.0.1 with the
// shipped library and PocketBase's rate limiter off (every client of the
// script comes from 127.0.0.1), or skips the test without AMEM_LOAD=1.
func loadServer(t *testing.T) string {
	t.Helper()
	if os.Getenv("AMEM_LOAD") != "1" {
		t.Skip("set AMEM_LOAD=1 to run the load script")
	}
	app, err := tests.NewTestApp(testapp.Seeded(t).Dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := testapp.Bind(app, content.FS); err != nil {
		t.Fatal(err)
	}
	app.Settings().RateLimits.Enabled = false
	return testapp.StartServer(t, app)
}
