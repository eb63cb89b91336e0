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
	if !ok || string(a.Data) != `import "/static/js/db.js"` {
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
