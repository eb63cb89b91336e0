package assets

import (
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"
)

func TestFingerprints(t *testing.T) {
	fsys := fstest.MapFS{
		"web/static/js/app.js":   {Data: []byte(`import "/static/js/db.js"`)},
		"web/static/js/db.js":    {Data: []byte(`export const x = 1`)},
		"web/static/css/app.css": {Data: []byte(`body{}`)},
	}
	s, err := New(fsys, "web/static")
	if err != nil {
		t.Fatal(err)
	}

	url := s.URL("js/app.js")
	if !strings.HasPrefix(url, "/static/js/app.") || !strings.HasSuffix(url, ".js") || len(url) != len("/static/js/app..js")+hashLen {
		t.Fatalf("unexpected hashed URL %q", url)
	}
	a, ok := s.ByURL(url)
	if !ok || string(a.Data) != `import"/static/js/db.js"` { // minified
		t.Fatalf("ByURL(%q) = %v, %v", url, a, ok)
	}
	if _, ok := s.ByURL("/static/js/app.js"); ok {
		t.Fatal("the unhashed URL must not be served as immutable")
	}

	var m struct{ Imports map[string]string }
	if err := json.Unmarshal([]byte(s.ImportMap()), &m); err != nil {
		t.Fatal(err)
	}
	if m.Imports["/static/js/db.js"] != s.URL("js/db.js") || len(m.Imports) != 2 {
		t.Fatalf("import map %v", m.Imports)
	}
	if got := s.URLs("css/"); len(got) != 1 || got[0] != s.URL("css/app.css") {
		t.Fatalf("URLs(css/) = %v", got)
	}
}

func TestVersionChangesWithAnyFile(t *testing.T) {
	a := fstest.MapFS{"s/a.js": {Data: []byte("1")}, "s/b.css": {Data: []byte("x")}}
	b := fstest.MapFS{"s/a.js": {Data: []byte("1")}, "s/b.css": {Data: []byte("y")}}
	sa, _ := New(a, "s")
	sa2, _ := New(a, "s")
	sb, _ := New(b, "s")
	if sa.Version() != sa2.Version() {
		t.Fatal("version must be stable for the same files")
	}
	if sa.Version() == sb.Version() {
		t.Fatal("version must change when a file changes")
	}
	if sa.URL("a.js") != sb.URL("a.js") {
		t.Fatal("an unchanged file keeps its URL, so phones keep their cached copy")
	}
}

func TestEmptyDirIsAnError(t *testing.T) {
	if _, err := New(fstest.MapFS{"x/readme": {Data: []byte("")}}, "static"); err == nil {
		t.Fatal("expected an error for a missing directory")
	}
}

// TestScriptsAndStylesAreMinified: the phone gets JS and CSS without comments
// and indentation (the source stays readable), imports by their plain paths
// intact, and the hash names the bytes served.
func TestScriptsAndStylesAreMinified(t *testing.T) {
	fsys := fstest.MapFS{
		"web/static/js/app.js":   {Data: []byte("// Why the app starts here.\nimport { open } from \"/static/js/db.js\";\n\nexport function start(name) {\n  const greeting = \"hello \" + name;\n  return open(greeting);\n}\n")},
		"web/static/css/app.css": {Data: []byte("/* the base */\nbody {\n  margin: 0;\n}\n")},
	}
	s, err := New(fsys, "web/static")
	if err != nil {
		t.Fatal(err)
	}
	js, _ := s.ByURL(s.URL("js/app.js"))
	css, _ := s.ByURL(s.URL("css/app.css"))
	got := string(js.Data) + "|" + string(css.Data)
	if strings.Contains(got, "Why") || strings.Contains(got, "the base") || strings.Contains(got, "\n  ") ||
		!strings.Contains(got, `"/static/js/db.js"`) || !strings.Contains(got, "margin:0") || !strings.Contains(js.URL, js.Hash[:hashLen]) {
		t.Fatalf("served %q at %s", got, js.URL)
	}
}
