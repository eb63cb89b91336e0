package site

import (
	"amem/internal/cases"
	"amem/internal/vocab"
	"amem/pb_hooks/testapp"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

func TestWebAppIsServedWithTheRightHeaders(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)

	home := testapp.Serve(t, handler, "GET", "/", nil)
	body, _ := io.ReadAll(home.Body)
	if home.StatusCode != 200 || !strings.HasPrefix(home.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("GET / = %d %s", home.StatusCode, home.Header.Get("Content-Type"))
	}
	if got := home.Header.Get("Cache-Control"); got != "no-cache" {
		t.Errorf("GET / Cache-Control = %q, want no-cache", got)
	}
	csp := home.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self' 'sha256-") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "object-src 'none'") {
		t.Errorf("CSP %q must allow only our scripts and the import map's hash", csp)
	}

	// Every inline script is the import map, and every asset the page uses is fingerprinted.
	inline := regexp.MustCompile(`<script(?:\s+type="([^"]*)")?>`).FindAllStringSubmatch(string(body), -1)
	for _, m := range inline {
		if m[1] != "importmap" {
			t.Errorf("inline script %q in the shell: the CSP forbids it", m[0])
		}
	}
	assetURL := regexp.MustCompile(`(?:src|href)="(/static/[^"]+)"`)
	urls := assetURL.FindAllStringSubmatch(string(body), -1)
	if len(urls) < 3 {
		t.Fatalf("expected the shell to reference its CSS, JS and icons, found %v", urls)
	}
	for _, m := range urls {
		if !regexp.MustCompile(`\.[0-9a-f]{10}\.[a-z]+$`).MatchString(m[1]) {
			t.Errorf("%s is not content-hashed", m[1])
			continue
		}
		res := testapp.Serve(t, handler, "GET", m[1], map[string]string{"Accept-Encoding": "gzip"})
		if res.StatusCode != 200 {
			t.Errorf("GET %s = %d", m[1], res.StatusCode)
		}
		if got := res.Header.Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
			t.Errorf("GET %s Cache-Control = %q", m[1], got)
		}
		// Minified modules of a few hundred bytes or less stay as they are
		// (httpcache compresses only what pays).
		if strings.HasSuffix(m[1], ".js") && res.Header.Get("Content-Encoding") != "gzip" && len(testapp.ReadAll(t, res)) > 256 {
			t.Errorf("GET %s is not compressed", m[1])
		}
	}

	// ETag revalidation costs no body.
	again := testapp.Serve(t, handler, "GET", "/", map[string]string{"If-None-Match": home.Header.Get("ETag")})
	if again.StatusCode != http.StatusNotModified {
		t.Errorf("revalidating / = %d, want 304", again.StatusCode)
	}

	sw := testapp.Serve(t, handler, "GET", "/sw.js", nil)
	if sw.StatusCode != 200 || sw.Header.Get("Service-Worker-Allowed") != "/" || sw.Header.Get("Cache-Control") != "no-cache" ||
		!strings.Contains(sw.Header.Get("Content-Type"), "javascript") {
		t.Errorf("GET /sw.js = %d, headers %v", sw.StatusCode, sw.Header)
	}

	manifest := testapp.Serve(t, handler, "GET", "/manifest.webmanifest", nil)
	mbody, _ := io.ReadAll(manifest.Body)
	if manifest.Header.Get("Content-Type") != "application/manifest+json" || manifest.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("manifest headers %v", manifest.Header)
	}
	for _, want := range []string{`"start_url"`, `"maskable"`, `"512x512"`, `"theme_color"`} {
		if !strings.Contains(string(mbody), want) {
			t.Errorf("manifest lacks %s: %s", want, mbody)
		}
	}

	// Discreet mode's manifest: the same app, a neutral name in the asked language, no word of AMEM.
	neutral := testapp.Serve(t, handler, "GET", "/neutral.webmanifest?lang=fr", nil)
	nbody, _ := io.ReadAll(neutral.Body)
	if neutral.Header.Get("Cache-Control") != "no-cache" || !strings.Contains(string(nbody), `"name":"Calculatrice"`) ||
		!strings.Contains(string(nbody), `"id":"/"`) || !strings.Contains(string(nbody), "/static/icons/neutral-icon-192.") || strings.Contains(string(nbody), "AMEM") {
		t.Errorf("GET /neutral.webmanifest?lang=fr = %v %s", neutral.Header, nbody)
	}

	shell := testapp.Serve(t, handler, "GET", "/shell.json", nil)
	sbody, _ := io.ReadAll(shell.Body)
	if shell.StatusCode != 200 || !strings.Contains(string(sbody), `"version"`) || !strings.Contains(string(sbody), "/static/js/app.") {
		t.Errorf("shell.json = %d %s", shell.StatusCode, sbody)
	}
	if strings.Contains(string(sbody), "/static/inbox/") || strings.Contains(string(sbody), "inbox.") {
		t.Errorf("phones must not precache the counsellors' inbox: %s", sbody)
	}
	if strings.Contains(string(sbody), "/static/stats/") {
		t.Errorf("phones must not precache the statistics page: %s", sbody)
	}

	inbox := testapp.Serve(t, handler, "GET", "/inbox/", nil)
	ibody, _ := io.ReadAll(inbox.Body)
	if inbox.StatusCode != 200 || inbox.Header.Get("Cache-Control") != "no-cache" || inbox.Header.Get("Content-Security-Policy") != csp ||
		!strings.Contains(string(ibody), "/static/inbox/inbox.") {
		t.Errorf("GET /inbox/ = %d %v", inbox.StatusCode, inbox.Header)
	}
}

// TestStatsPageIsThePageForEveryone: /stats/ is the same HTML page, with
// no figure in it, for every role (the figures come from /api/amem/stats,
// which checks who asks): a plain link opens the page and its sign-in,
// never a 401 in JSON.
func TestStatsPageIsThePageForEveryone(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)
	for _, role := range []string{testapp.Anonymous, testapp.Worker, testapp.Counsellor, testapp.OtherOrg, testapp.Coordinator, testapp.Superuser} {
		res := testapp.ServeBody(t, handler, "GET", "/stats/", "", f.Headers(role))
		body := testapp.ReadAll(t, res)
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/html; charset=utf-8" || res.Header.Get("Cache-Control") != "no-cache" ||
			!strings.Contains(body, "/static/stats/stats.") || strings.Contains(body, `"rows"`) {
			t.Errorf("GET /stats/ as %s = %d %v", role, res.StatusCode, res.Header)
		}
	}
	if res := testapp.Serve(t, handler, "GET", "/stats/missing", nil); res.StatusCode != 404 {
		t.Errorf("GET /stats/missing = %d, want 404", res.StatusCode)
	}
}

func TestUnknownPathsAreNotFound(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)
	for _, url := range []string{"/api/amem/no-such-thing", "/api/colections/guides/records", "/static/js/missing.0123456789.js", "/no/such/page"} {
		res := testapp.Serve(t, handler, "GET", url, nil)
		if res.StatusCode != 404 {
			t.Errorf("GET %s = %d, want 404 (no HTML fallback)", url, res.StatusCode)
		}
		if strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
			t.Errorf("GET %s answered with HTML", url)
		}
	}
}

func TestDashboardStaysAtUnderscore(t *testing.T) {
	base := testapp.StartServer(t, testapp.New(t))
	for _, url := range []string{"/_/", "/"} {
		res, err := http.Get(base + url)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Fatalf("GET %s = %d", url, res.StatusCode)
		}
		if url == "/_/" && !strings.Contains(string(body), "PocketBase") {
			t.Errorf("GET /_/ is not the PocketBase dashboard")
		}
		if url == "/" && !strings.Contains(string(body), `id="app"`) {
			t.Errorf("GET / is not the app shell")
		}
	}
}

// TestPagesCarryTheVocabularies: the apps read statuses, phases, topics and
// countries from the page, written from internal/cases and internal/vocab.
func TestPagesCarryTheVocabularies(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)
	want := []string{
		`data-statuses="` + strings.Join(cases.Strings(cases.Statuses), " ") + `"`,
		`data-open="` + strings.Join(cases.Strings(cases.OpenStatuses), " ") + `"`,
		`data-phases="` + strings.Join(vocab.Phases, " ") + `"`,
		`data-topics="` + strings.Join(vocab.QuestionTopics, " ") + `"`,
		`data-countries="` + strings.Join(vocab.Countries, " ") + `"`,
		`data-rtl="ar"`,
	}
	for _, page := range []string{"/", "/inbox/"} {
		body := testapp.ReadAll(t, testapp.Serve(t, handler, "GET", page, nil))
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %s", page, w)
			}
		}
	}
}

// The first response is useful before (and without) JavaScript: on slow 2G
// the modules and strings take seconds more. It says what the app is, in
// every language, offers the languages, and quick exit works as a plain link.
func TestShellShowsTheAppBeforeItsScripts(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	res := testapp.Serve(t, testapp.Handler(t, app), "GET", "/", nil)
	body, _ := io.ReadAll(res.Body)
	page := string(body)
	main := page[strings.Index(page, `<main id="app">`):strings.Index(page, `</main>`)]
	for _, want := range []string{
		`<h1>AMEM</h1>`,
		`<p class="tagline" lang="ar" dir="rtl">حقوقك كعامل مهاجر`,
		`<p class="tagline" lang="fr" dir="ltr">Vos droits`,
		`<a class="button big" href="#/lang/ar" lang="ar" data-lang="ar">العربية</a>`,
		`<a class="button big" href="#/lang/fr" lang="fr" data-lang="fr">Français</a>`,
		`<a class="button big" href="#/lang/en" lang="en" data-lang="en">English</a>`,
	} {
		if !strings.Contains(main, want) {
			t.Errorf("the shell's <main> lacks %s", want)
		}
	}
	if !regexp.MustCompile(`<a id="exit" class="exit button" href="/calc\?exit" rel="noreferrer"><span lang="ar">خروج سريع</span>`).MatchString(page) {
		t.Errorf("the shell has no quick exit link: %s", page[strings.Index(page, "<body"):strings.Index(page, "<main")])
	}
}
