package pb_hooks_test

import (
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"amem/internal/content"
	"amem/locales"
	"amem/pb_hooks/testapp"
)

// A partner adds a language with its locale file and guide files, nothing
// else: here Central Atlas Tamazight (tzm), with test strings, in a content
// folder on disk. The server then offers it on the first screen, serves its
// strings, its guides in the sync (a guide not yet translated comes in a
// fallback language) and on the /g/ pages.
func TestPartnerLanguageServedEndToEnd(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, f := range testapp.ContentFS() {
		write(name, f.Data)
	}
	// The locale file: every key of en.json, in the test language.
	var messages map[string]any
	en, err := fs.ReadFile(locales.FS, "en.json")
	if err != nil || json.Unmarshal(en, &messages) != nil {
		t.Fatalf("en.json: %v", err)
	}
	messages["lang.tzm"] = "Test Tamazight"
	messages["app.tagline"] = "Test tagline in tzm"
	messages[content.HelpHeadingKey] = "Test help heading"
	locale, _ := json.Marshal(messages)
	write("locales/tzm.json", locale)
	guide := strings.Replace(testapp.ContentGuide("en", "Test title in tzm"), "## "+content.HelpHeadings["en"], "## Test help heading", 1)
	write("guides/no-fees/tzm.md", []byte(guide))

	app, err := tests.NewTestApp(testapp.Seeded(t).Dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(app.Cleanup)
	if err := testapp.Bind(app, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	base := testapp.StartServer(t, app)
	get := func(path string) string {
		t.Helper()
		res, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d %s", path, res.StatusCode, body)
		}
		return string(body)
	}

	page := get("/")
	if !strings.Contains(page, `data-langs="ar en fr tzm"`) || !strings.Contains(page, "Test Tamazight") || !strings.Contains(page, "Test tagline in tzm") {
		t.Errorf("the first screen does not offer the partner's language")
	}
	var strs map[string]any
	if err := json.Unmarshal([]byte(get("/api/amem/i18n/tzm")), &strs); err != nil || !strings.Contains(get("/api/amem/i18n/tzm"), "Test Tamazight") {
		t.Errorf("the app's strings in tzm are not served: %v", err)
	}

	var sync struct {
		Lang   string `json:"lang"`
		Guides []struct{ Slug, Lang, Title string }
	}
	if err := json.Unmarshal([]byte(get("/api/amem/sync?lang=tzm")), &sync); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, g := range sync.Guides {
		got[g.Slug] = g.Lang + " " + g.Title
	}
	if sync.Lang != "tzm" || got["no-fees"] != "tzm Test title in tzm" || got["your-contract"] == "" || strings.HasPrefix(got["your-contract"], "tzm ") {
		t.Errorf("the sync in tzm: lang %q, guides %v; want no-fees in tzm and your-contract in a fallback", sync.Lang, got)
	}

	guidePage := get("/g/tzm/no-fees")
	if !strings.Contains(guidePage, `lang="tzm"`) || !strings.Contains(guidePage, "Test title in tzm") || !strings.Contains(guidePage, "Test help heading") {
		t.Errorf("the /g/ page in tzm does not show the guide in tzm")
	}
}
