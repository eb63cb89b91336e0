package library

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"text/template"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/pocketbase/pocketbase/core"

	"amem/pb_hooks/testapp"
)

// Phones' Accept-Encoding as browsers spell it, and an old client's.
var phoneEncodings = []string{"gzip, deflate, br, zstd", "gzip, deflate, br", "br, gzip", "gzip", "identity"}

// N phones sync through Debian's nginx as a caching reverse proxy (the
// configuration in testdata/nginx.conf): each language's snapshot reaches
// the origin once per revision (and per encoding sent), however many phones
// ask, and a change gives new snapshots that again reach it once.
func TestSnapshotsThroughCachingProxy(t *testing.T) {
	nginx := findNginx(t)
	app := testapp.New(t)
	app.Settings().RateLimits.Enabled = false // every phone is 127.0.0.1 here

	// What the origin itself serves: snapshot bodies, by URL and encoding.
	var mu sync.Mutex
	served := map[string]int{}
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.BindFunc(func(e *core.RequestEvent) error {
			err := e.Next()
			if strings.HasPrefix(e.Request.URL.Path, "/api/amem/sync/snapshot/") && e.Status() == http.StatusOK {
				mu.Lock()
				served[e.Request.URL.Path+" "+e.Response.Header().Get("Content-Encoding")]++
				mu.Unlock()
			}
			return err
		})
		return se.Next()
	})
	origin := testapp.StartServer(t, app)
	proxy := startNginx(t, nginx, strings.TrimPrefix(origin, "http://"))

	const phonesPerRound = 30
	langs := []string{"ar", "fr"}
	wantServed := map[string]int{}
	phonesGot := 0
	for round := 0; round < 2; round++ {
		rev, err := CurrentRevision(app)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make(chan error, phonesPerRound)
		for i := 0; i < phonesPerRound; i++ {
			lang, encoding := langs[i%len(langs)], phoneEncodings[i%len(phoneEncodings)]
			sent := map[string]string{"br": "br", "gzip": "gzip"}[proxyEncoding(encoding)]
			wantServed[SnapshotPath(lang, rev)+" "+sent] = 1
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := newPhoneSync(proxy, lang, encoding, formatCursor(rev)); err != nil {
					errs <- fmt.Errorf("phone %d (%s, %q): %w", i, lang, encoding, err)
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		phonesGot += phonesPerRound
		// The next revision: a guide changes.
		testapp.PutGuide(t, app, "guide-one", "en", fmt.Sprintf("Retitled %d", round))
	}

	mu.Lock()
	defer mu.Unlock()
	total := 0
	for key, n := range served {
		total += n
		if wantServed[key] != n {
			t.Errorf("origin served %s %d times, want %d", key, n, wantServed[key])
		}
	}
	for key := range wantServed {
		if served[key] == 0 {
			t.Errorf("origin never served %s", key)
		}
	}
	t.Logf("%d phones got full syncs through the proxy; the origin served %d snapshot bodies", phonesGot, total)
}

// proxyEncoding is what the proxy's map makes of a phone's Accept-Encoding.
func proxyEncoding(acceptEncoding string) string {
	for _, want := range []string{"br", "gzip"} {
		for _, part := range strings.Split(acceptEncoding, ",") {
			if strings.TrimSpace(part) == want {
				return want
			}
		}
	}
	return ""
}

// newPhoneSync is a new phone's first sync through the proxy (the redirect
// followed, as fetch does), then its first "anything new?".
func newPhoneSync(proxy, lang, acceptEncoding, wantCursor string) error {
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}, Timeout: time.Minute}
	full, err := getSync(client, proxy+"/api/amem/sync?lang="+lang, acceptEncoding)
	if err != nil {
		return err
	}
	if !full.Full || full.Cursor != wantCursor || len(full.Guides) == 0 {
		return fmt.Errorf("full sync: full=%v cursor %q (want %q), %d guides", full.Full, full.Cursor, wantCursor, len(full.Guides))
	}
	delta, err := getSync(client, proxy+"/api/amem/sync?lang="+lang+"&since="+full.Cursor, acceptEncoding)
	if err != nil {
		return err
	}
	if delta.Full || delta.Cursor != wantCursor || len(delta.Guides) != 0 {
		return fmt.Errorf("delta after the full sync: full=%v cursor %q, %d guides", delta.Full, delta.Cursor, len(delta.Guides))
	}
	return nil
}

func getSync(client *http.Client, url, acceptEncoding string) (syncResponse, error) {
	var out syncResponse
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Accept-Encoding", acceptEncoding)
	res, err := client.Do(req)
	if err != nil {
		return out, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return out, fmt.Errorf("GET %s: %d", url, res.StatusCode)
	}
	var body io.Reader = res.Body
	switch res.Header.Get("Content-Encoding") {
	case "br":
		body = brotli.NewReader(res.Body)
	case "gzip":
		if body, err = gzip.NewReader(res.Body); err != nil {
			return out, err
		}
	}
	return out, json.NewDecoder(body).Decode(&out)
}

// findNginx returns Debian's nginx, or skips the test without one on a
// developer machine; CI (CI=true, or AMEM_REQUIRE_NGINX=1) fails instead.
func findNginx(t *testing.T) string {
	for _, candidate := range []string{"nginx", "/usr/sbin/nginx"} {
		if path, err := exec.LookPath(candidate); err == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" || os.Getenv("AMEM_REQUIRE_NGINX") == "1" {
		t.Fatal("nginx is required here (apt-get install nginx-light)")
	}
	t.Skip("nginx not installed (apt-get install nginx-light); CI runs this test")
	return ""
}

// startNginx runs nginx with testdata/nginx.conf on a free port of
// 127.0.0.1 in front of origin (host:port) until the test ends, and returns
// its base URL.
func startNginx(t *testing.T, nginx, origin string) string {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := listener.Addr().(*net.TCPAddr).Port
	listener.Close()

	dir := t.TempDir()
	conf, err := template.ParseFiles("testdata/nginx.conf")
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, "nginx.conf"))
	if err != nil {
		t.Fatal(err)
	}
	if err := conf.Execute(f, map[string]any{"Dir": dir, "Port": port, "Origin": origin}); err != nil {
		t.Fatal(err)
	}
	f.Close()

	var stderr strings.Builder
	cmd := exec.Command(nginx, "-p", dir, "-c", filepath.Join(dir, "nginx.conf"), "-e", "stderr")
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGQUIT)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
	})
	address := fmt.Sprintf("127.0.0.1:%d", port)
	if !testapp.Eventually(func() bool {
		select {
		case err := <-exited:
			t.Fatalf("nginx stopped: %v\n%s", err, stderr.String())
		default:
		}
		conn, err := net.Dial("tcp", address)
		if err == nil {
			conn.Close()
		}
		return err == nil
	}) {
		t.Fatalf("nginx did not start:\n%s", stderr.String())
	}
	return "http://" + address
}
