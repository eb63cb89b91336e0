package site

import (
	"amem/pb_hooks/testapp"
	"encoding/json"
	"strings"
	"testing"
)

// TestShellByteBudgets holds issue 17's budgets on what a phone that
// accepts Brotli downloads for the shell (every URL /shell.json lists, as
// the service worker precaches them): its JavaScript under 40 KB
// compressed, the first response (the page) under 14 KB, the whole shell
// under 60 KB. Headless Chromium over plain http never asks for Brotli
// (browsers ask for it on https only), so the budgets are held here.
func TestShellByteBudgets(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)

	var shell struct{ URLs []string }
	if err := json.Unmarshal([]byte(testapp.ReadAll(t, testapp.Serve(t, handler, "GET", "/shell.json", nil))), &shell); err != nil {
		t.Fatal(err)
	}
	var js, page, all int
	for _, url := range shell.URLs {
		res := testapp.Serve(t, handler, "GET", url, map[string]string{"Accept-Encoding": "br, gzip"})
		n := len(testapp.ReadAll(t, res))
		if res.StatusCode != 200 {
			t.Fatalf("GET %s = %d", url, res.StatusCode)
		}
		// A module big enough to pay for compressing comes in Brotli.
		if strings.HasSuffix(url, ".js") && n > 256 && res.Header.Get("Content-Encoding") != "br" {
			t.Errorf("GET %s with Accept-Encoding: br came as %q", url, res.Header.Get("Content-Encoding"))
		}
		all += n
		switch {
		case url == "/":
			page = n
		case strings.HasSuffix(url, ".js"):
			js += n
		}
	}
	t.Logf("compressed: first response %d B, JS %d B, shell %d B (%d files)", page, js, all, len(shell.URLs))
	if js >= 40_000 {
		t.Errorf("the shell's JavaScript weighs %d B compressed, over 40 KB", js)
	}
	if page >= 14_000 {
		t.Errorf("the first response weighs %d B compressed, over 14 KB", page)
	}
	if all >= 60_000 {
		t.Errorf("the whole shell weighs %d B compressed, over 60 KB", all)
	}
}
