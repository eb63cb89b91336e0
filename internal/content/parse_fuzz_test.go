package content_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"path"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	shipped "amem/content"
	"amem/internal/content"
)

var fuzzLangs = []string{"ar", "fr", "en"}

// FuzzParseGuide: ParseGuide never panics, returns a guide exactly when it
// names no problem, names problems in the file it was given, and a guide it
// accepts reads the same with Windows line endings and a byte order mark,
// with a body whose HTML carries no script.
func FuzzParseGuide(f *testing.F) {
	for i, lang := range fuzzLangs {
		f.Add(uint8(i), []byte(validGuide(lang)))
	}
	f.Add(uint8(0), []byte("---\n---\n"))
	f.Add(uint8(2), []byte("---\ntitle: [\n---\n"))
	f.Add(uint8(2), []byte(strings.Replace(validGuide("en"), "Ask a question", `<script>alert(1)</script> [x](javascript:alert(1))`, 1)))
	guides, _ := fs.Glob(shipped.FS, "guides/*/*.md")
	for _, file := range guides {
		data, err := fs.ReadFile(shipped.FS, file)
		if err != nil {
			f.Fatal(err)
		}
		for i, lang := range fuzzLangs {
			if path.Base(file) == lang+".md" {
				f.Add(uint8(i), data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, langIndex uint8, data []byte) {
		lang := fuzzLangs[int(langIndex)%len(fuzzLangs)]
		file := "guides/no-fees/" + lang + ".md"
		g, problems := content.ParseGuide(file, data)
		checkProblems(t, file, problems)
		if (g == nil) == (len(problems) == 0) {
			t.Fatalf("guide %v with %d problems: want exactly one of them", g != nil, len(problems))
		}
		if g == nil {
			return
		}
		if g.Slug != "no-fees" || g.Lang != lang || g.File != file || g.Hash != content.Hash(data) {
			t.Fatalf("guide reads as %q/%q from %q, hash %s", g.Slug, g.Lang, g.File, g.Hash)
		}
		html := strings.ToLower(g.HTML)
		for _, unsafe := range []string{"<script", "javascript:", "<iframe", "<style", " onerror=", " onclick="} {
			if strings.Contains(html, unsafe) {
				t.Fatalf("accepted guide renders %q: %s", unsafe, g.HTML)
			}
		}
		if bytes.ContainsRune(data, '\r') {
			return
		}
		crlf := append([]byte("\ufeff"), bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))...)
		again, problems := content.ParseGuide(file, crlf)
		if again == nil {
			t.Fatalf("accepted with LF, refused with CRLF and BOM: %v", problems)
		}
		if again.Title != g.Title || again.Body != g.Body || again.HTML != g.HTML || again.Reviewed != g.Reviewed {
			t.Fatalf("CRLF and BOM change the guide: %q/%q vs %q/%q", g.Title, g.Body, again.Title, again.Body)
		}
	})
}

// FuzzParseContacts: ParseContacts never panics, the entries it returns have
// distinct keys (a later entry with the same key is the broken one), and writing the valid entries
// back as a file of their own parses to the same entries without a problem.
func FuzzParseContacts(f *testing.F) {
	f.Add([]byte(validContacts))
	f.Add([]byte("- key: x\n"))
	f.Add([]byte("a: b\n"))
	f.Add([]byte("- &a {key: k}\n- *a\n"))
	f.Add([]byte(strings.Replace(validContacts, "ma-police", "ugtt-espace-migrants", 1)))
	if data, err := fs.ReadFile(shipped.FS, "contacts.yaml"); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const file = "contacts.yaml"
		list, problems := content.ParseContacts(file, data)
		checkProblems(t, file, problems)
		keys := map[string]bool{}
		for _, c := range list.Contacts {
			if c.Key == "" || keys[c.Key] {
				t.Fatalf("contact key %q: empty or twice", c.Key)
			}
			keys[c.Key] = true
		}
		if len(list.Contacts) == 0 {
			return
		}
		again, problems := content.ParseContacts(file, rewriteContacts(t, list.Contacts))
		if len(problems) > 0 || len(again.Contacts) != len(list.Contacts) {
			t.Fatalf("valid entries written back: %d of %d read, problems %v", len(again.Contacts), len(list.Contacts), problems)
		}
		for i, c := range again.Contacts {
			if c.Key != list.Contacts[i].Key || c.Hash != list.Contacts[i].Hash {
				t.Fatalf("entry %q written back reads differently", list.Contacts[i].Key)
			}
		}
	})
}

// rewriteContacts writes contacts as a contacts file, leaving out empty fields.
func rewriteContacts(t *testing.T, contacts []*content.Contact) []byte {
	var entries []map[string]any
	for _, c := range contacts {
		raw, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		var entry map[string]any
		if err := json.Unmarshal(raw, &entry); err != nil {
			t.Fatal(err)
		}
		// The names are written as the name field, as editors write them.
		entry["name"] = entry["names"]
		delete(entry, "names")
		for field, value := range entry {
			switch v := value.(type) {
			case nil:
				delete(entry, field)
			case string:
				if v == "" {
					delete(entry, field)
				}
			case []any:
				if len(v) == 0 {
					delete(entry, field)
				}
			}
		}
		entries = append(entries, entry)
	}
	out, err := yaml.Marshal(entries)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func checkProblems(t *testing.T, file string, problems []content.Problem) {
	t.Helper()
	for _, p := range problems {
		if p.File != file || p.Line < 0 || p.Message == "" {
			t.Fatalf("problem %+v: want it in %s with a line and a message", p, file)
		}
	}
}
