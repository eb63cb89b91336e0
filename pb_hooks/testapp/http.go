package testapp

import (
	"amem/internal/pow"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

// Serve makes one request to the app's router, as a browser would.
func Serve(t testing.TB, handler http.Handler, method, url string, headers map[string]string) *http.Response {
	t.Helper()
	return ServeBody(t, handler, method, url, "", headers)
}

// ServeBody makes one request with a body.
func ServeBody(t testing.TB, handler http.Handler, method, url, body string, headers map[string]string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, url, strings.NewReader(body))
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, req)
	return rec.Result()
}

// ReadAll reads a response body.
func ReadAll(t testing.TB, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Handler builds the app's HTTP handler with every route bound, as
// `serve` does (OnServe fires, then the router becomes a mux).
func Handler(t testing.TB, app *tests.TestApp) http.Handler {
	t.Helper()
	r, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
	var mux http.Handler
	err = app.OnServe().Trigger(&core.ServeEvent{App: app, Router: r}, func(e *core.ServeEvent) error {
		m, err := e.Router.BuildMux()
		mux = m
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return mux
}

// Wait waits for ch, or fails the test after a generous while.
func Wait(t testing.TB, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(10 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
	}
}

// Eventually polls cond for up to ten seconds.
// eventually polls cond until it holds or a generous deadline passes.
func Eventually(cond func() bool) bool {
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return true
		}
	}
	return cond()
}

// Between returns what s holds between start and end.
func Between(s, start, end string) string {
	_, after, ok := strings.Cut(s, start)
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(after, end)
	return v
}

// NewWorkerBody is the body of POST /api/amem/workers for profile (a JSON
// object) with the proof of work solved, as the app sends it.
func NewWorkerBody(t testing.TB, handler http.Handler, profile string) string {
	t.Helper()
	res := Serve(t, handler, "GET", "/api/amem/workers/challenge", nil)
	var c struct{ Challenge string }
	if err := json.Unmarshal([]byte(ReadAll(t, res)), &c); err != nil || c.Challenge == "" {
		t.Fatalf("no challenge: %v", err)
	}
	var fields map[string]any
	if err := json.Unmarshal([]byte(profile), &fields); err != nil {
		t.Fatal(err)
	}
	fields["challenge"], fields["nonce"] = c.Challenge, pow.Solve(c.Challenge)
	body, _ := json.Marshal(fields)
	return string(body)
}
