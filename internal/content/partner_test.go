package content_test

import (
	"encoding/json"
	"io/fs"
	"testing"
	"testing/fstest"

	"amem/internal/content"
	"amem/locales"
)

// The shipped locales carry the help heading the guide rules require, as a
// partner's locale file must.
func TestShippedLocalesNameTheHelpHeading(t *testing.T) {
	for _, lang := range content.Languages {
		data, err := fs.ReadFile(locales.FS, lang+".json")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		if got := m[content.HelpHeadingKey]; got != content.HelpHeadings[lang] {
			t.Errorf("%s.json: %s = %q, want %q", lang, content.HelpHeadingKey, got, content.HelpHeadings[lang])
		}
	}
}

// A partner's language: its locale file makes its guide files valid, with
// its own help heading; a guide without it is no problem; a locale file
// without the heading, or for a shipped language, is one.
func TestPartnerLanguage(t *testing.T) {
	fsys := fstest.MapFS{
		"contacts.yaml":      {Data: []byte("[]\n")},
		"locales/zgh.json":   {Data: []byte(`{"guide.help_heading": "Test heading"}`)},
		"locales/xx.json":    {Data: []byte(`{"app.name": "AMEM"}`)},
		"locales/fr.json":    {Data: []byte(`{"guide.help_heading": "Aide"}`)},
		"guides/a/zgh.md":    {Data: []byte(partnerGuide("Test heading"))},
		"guides/b/zgh.md":    {Data: []byte(partnerGuide("Where to get help"))},
		"guides/a/ar.md":     {Data: []byte(partnerGuide(content.HelpHeadings["ar"]))},
		"guides/a/fr.md":     {Data: []byte(partnerGuide(content.HelpHeadings["fr"]))},
		"guides/a/en.md":     {Data: []byte(partnerGuide(content.HelpHeadings["en"]))},
		"guides/b/ar.md":     {Data: []byte(partnerGuide(content.HelpHeadings["ar"]))},
		"guides/b/fr.md":     {Data: []byte(partnerGuide(content.HelpHeadings["fr"]))},
		"guides/b/en.md":     {Data: []byte(partnerGuide(content.HelpHeadings["en"]))},
		"guides/c/ar.md":     {Data: []byte(partnerGuide(content.HelpHeadings["ar"]))},
		"guides/c/fr.md":     {Data: []byte(partnerGuide(content.HelpHeadings["fr"]))},
		"guides/c/en.md":     {Data: []byte(partnerGuide(content.HelpHeadings["en"]))},
		"guides/c/_draft.md": {Data: []byte("ignored")},
	}
	lib, problems := content.Load(fsys)
	var got []string
	for _, p := range problems {
		got = append(got, p.File)
	}
	want := []string{"locales/fr.json", "locales/xx.json", "guides/b/zgh.md"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("problems in %v, want in %v: %v", got, want, problems)
	}
	if len(lib.PartnerLanguages) != 1 || lib.PartnerLanguages[0] != "zgh" {
		t.Errorf("partner languages %v, want [zgh]", lib.PartnerLanguages)
	}
	var langsOfA []string
	for _, g := range lib.Guides {
		if g.Slug == "a" {
			langsOfA = append(langsOfA, g.Lang)
		}
	}
	if len(langsOfA) != 4 || langsOfA[3] != "zgh" {
		t.Errorf("guide a is read in %v, want the three shipped languages then zgh", langsOfA)
	}
}

func partnerGuide(heading string) string {
	return "---\ntitle: A guide\nsummary: What it says.\nphase: at_work\ncountries: [MA]\ntopics: [wages]\nsources:\n  - title: \"ILO Convention No. 95 (1949)\"\nreviewed: 2026-11-30\n---\n\n## Your rights\n\nText.\n\n## " + heading + "\n\nAsk in the app.\n"
}
