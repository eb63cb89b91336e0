package httpcache

import (
	"bytes"
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// TestBrotliForClientsThatAcceptIt: a representation prepared WithBrotli
// sends Brotli to a client that accepts it (the body decodes to the
// original), and gzip to a client that accepts only gzip.
func TestBrotliForClientsThatAcceptIt(t *testing.T) {
	body := []byte(strings.Repeat(`{"title":"Vos droits au travail","body":"Le salaire est payé chaque mois."}`, 50))
	r := New(JSONType, body).WithBrotli()
	serve := func(accept string) (string, []byte) {
		req := httptest.NewRequest("GET", "/api/amem/sync?lang=fr", nil)
		req.Header.Set("Accept-Encoding", accept)
		rec := httptest.NewRecorder()
		if err := r.Serve(rec, req, Revalidate); err != nil {
			t.Fatal(err)
		}
		return rec.Header().Get("Content-Encoding"), rec.Body.Bytes()
	}
	brEncoding, brBody := serve("gzip, deflate, br, zstd")
	decoded, err := io.ReadAll(brotli.NewReader(bytes.NewReader(brBody)))
	gzEncoding, _ := serve("gzip")
	if brEncoding != "br" || err != nil || !bytes.Equal(decoded, body) || gzEncoding != "gzip" {
		t.Fatalf("br client got %q (%v, decodes to the body: %v); gzip client got %q", brEncoding, err, bytes.Equal(decoded, body), gzEncoding)
	}
}
