package content_test

import (
	"io/fs"
	"testing"

	shipped "amem/content"
	"amem/internal/content"
)

// TestShippedContent fails on any problem in the content built into the
// binary: the same check as "amem content check", run by go test.
func TestShippedContent(t *testing.T) {
	lib, problems := content.Load(shipped.FS)
	for _, p := range problems {
		t.Errorf("content/%s", p)
	}

	languages := map[string]map[string]bool{}
	for _, g := range lib.Guides {
		if languages[g.Slug] == nil {
			languages[g.Slug] = map[string]bool{}
		}
		languages[g.Slug][g.Lang] = true
		if len(g.Sources) == 0 {
			t.Errorf("content/%s has no sources", g.File)
		}
		if g.Reviewed == "" {
			t.Errorf("content/%s has no review date", g.File)
		}
	}
	folders, err := fs.ReadDir(shipped.FS, content.GuidesDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range folders {
		for _, lang := range content.Languages {
			if !languages[f.Name()][lang] {
				t.Errorf("content/guides/%s has no valid %s.md", f.Name(), lang)
			}
		}
	}
	if len(lib.Guides) == 0 || len(lib.Contacts) == 0 {
		t.Errorf("shipped content has %d guide files and %d contacts", len(lib.Guides), len(lib.Contacts))
	}
}
