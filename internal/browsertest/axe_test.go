package browsertest

import (
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Axe reports what it finds: an icon button without a name and grey on
// grey text, on a page whose CSP forbids scripts of its own.
func TestAxeFindsViolations(t *testing.T) {
	axe := NewAxe(t)
	ctx := New(t)
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	server := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", "script-src 'none'")
		w.Write([]byte(`<!doctype html><html lang="en"><title>t</title><main><h1>T</h1>
			<button id="icon"><svg width="20" height="20" aria-hidden="true"></svg></button>
			<p id="grey" style="color:#999;background:#aaa">faint</p></main>`))
	})}
	go server.Serve(listener)
	defer server.Close()
	Run(t, ctx, 20*time.Second, chromedp.Navigate("http://"+listener.Addr().String()+"/"), chromedp.WaitVisible("#grey"))
	got := strings.Join(axe.Violations(t, ctx), "\n")
	for _, want := range []string{"button-name (Buttons must have discernible text) at [#icon]", "color-contrast (Elements must meet minimum color contrast ratio thresholds) at [#grey]"} {
		if !strings.Contains(got, want) {
			t.Errorf("axe did not report %q; it reported:\n%s", want, got)
		}
	}
}
