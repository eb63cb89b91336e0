package pb_hooks

import (
	"net/http"
	"testing"

	"amem/pb_hooks/testapp"
)

// TestNoOtherSiteReadsTheAPI: PocketBase allows every origin by default; a
// page on another site that calls the API (with a worker's token it stole or
// guessed, or to probe) gets no Access-Control-Allow-Origin, so the browser
// keeps the answer from it. The app's own pages need none.
func TestNoOtherSiteReadsTheAPI(t *testing.T) {
	app := testapp.New(t)
	base := testapp.StartServer(t, app)
	for _, method := range []string{http.MethodGet, http.MethodOptions} {
		req, _ := http.NewRequest(method, base+"/api/collections/guides/records", nil)
		req.Header.Set("Origin", "https://evil.example")
		req.Header.Set("Access-Control-Request-Method", "GET")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if got := res.Header.Get("Access-Control-Allow-Origin"); got != "" {
			t.Errorf("%s from another origin: Access-Control-Allow-Origin = %q, want none", method, got)
		}
	}
}

// TestResponsesCarryIsolationHeaders: pages keep other sites from opening a
// window onto AMEM, the API from embedding its files, and behind TLS every
// response tells the phone never to use plain HTTP again.
func TestResponsesCarryIsolationHeaders(t *testing.T) {
	app := testapp.New(t)
	base := testapp.StartServer(t, app)
	for _, path := range []string{"/", "/api/health", "/api/collections/guides/records"} {
		for _, tls := range []bool{false, true} {
			req, _ := http.NewRequest(http.MethodGet, base+path, nil)
			if tls {
				req.Header.Set("X-Forwarded-Proto", "https") // as the TLS proxy in front says
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			want := map[string]string{"Strict-Transport-Security": ""}
			if path == "/" {
				want["Cross-Origin-Opener-Policy"] = "same-origin"
			} else {
				want["Cross-Origin-Resource-Policy"] = "same-origin"
			}
			if tls {
				want["Strict-Transport-Security"] = "max-age=31536000"
			}
			for k, v := range want {
				if got := res.Header.Get(k); got != v {
					t.Errorf("%s (TLS %v): %s = %q, want %q", path, tls, k, got, v)
				}
			}
		}
	}
}
