package content_test

import (
	"encoding/json"
	"io/fs"
	"slices"
	"strings"
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
		"locales/tzm.json":   {Data: partnerLocale(t, "Test heading", []string{"one", "other"}, nil)},
		"locales/xx.json":    {Data: []byte(`{"app.name": "AMEM"}`)},
		"locales/fr.json":    {Data: []byte(`{"guide.help_heading": "Aide"}`)},
		"guides/a/tzm.md":    {Data: []byte(partnerGuide("Test heading"))},
		"guides/b/tzm.md":    {Data: []byte(partnerGuide("Where to get help"))},
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
	want := []string{"locales/fr.json", "locales/xx.json", "guides/b/tzm.md"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("problems in %v, want in %v: %v", got, want, problems)
	}
	if len(lib.PartnerLanguages) != 1 || lib.PartnerLanguages[0] != "tzm" {
		t.Errorf("partner languages %v, want [tzm]", lib.PartnerLanguages)
	}
	var langsOfA []string
	for _, g := range lib.Guides {
		if g.Slug == "a" {
			langsOfA = append(langsOfA, g.Lang)
		}
	}
	if len(langsOfA) != 4 || langsOfA[3] != "tzm" {
		t.Errorf("guide a is read in %v, want the three shipped languages then tzm", langsOfA)
	}
}

// partnerLocale is every message of en.json with the help heading given,
// each plural message with the forms given (English's "other" text in each;
// a plain string when there are none, as for a language go-i18n has no
// plural rule for), then edited by edit.
func partnerLocale(t *testing.T, heading string, forms []string, edit func(map[string]any)) []byte {
	t.Helper()
	var messages map[string]any
	data, err := fs.ReadFile(locales.FS, "en.json")
	if err != nil || json.Unmarshal(data, &messages) != nil {
		t.Fatalf("en.json: %v", err)
	}
	for id, m := range messages {
		plural, ok := m.(map[string]any)
		if !ok {
			continue
		}
		if len(forms) == 0 {
			messages[id] = plural["other"]
			continue
		}
		byForm := map[string]any{}
		for _, f := range forms {
			byForm[f] = plural["other"]
		}
		messages[id] = byForm
	}
	messages[content.HelpHeadingKey] = heading
	if edit != nil {
		edit(messages)
	}
	data, _ = json.Marshal(messages)
	return data
}

// A partner's locale file goes through the catalog's check: a key missing
// and a plural form CLDR gives the language (Polish "few") are named; its
// own name, lang.<code>, may be a key en.json does not have.
func TestPartnerLocaleIsChecked(t *testing.T) {
	fsys := fstest.MapFS{
		"contacts.yaml": {Data: []byte("[]\n")},
		"locales/pl.json": {Data: partnerLocale(t, "Pomoc", []string{"one", "few", "many", "other"}, func(m map[string]any) {
			delete(m, "app.tagline")
			m["lang.pl"] = "Polski"
			m["guides.count"] = map[string]string{"one": "1 poradnik", "many": "{{.Count}} poradników", "other": "{{.Count}} poradnika"}
		})},
		// go-i18n v2.7 has no plural rule for zgh: the server could not load it.
		"locales/zgh.json": {Data: partnerLocale(t, "Test heading", nil, nil)},
	}
	lib, problems := content.Load(fsys)
	var got []string
	for _, p := range problems {
		if strings.HasPrefix(p.File, "locales/") {
			got = append(got, p.File+": "+p.Message)
		}
	}
	want := []string{`locales/pl.json: "app.tagline" is missing`, `locales/pl.json: "guides.count" lacks the plural form few`,
		"locales/zgh.json: cannot be loaded: locales/zgh.json: no plural rule registered for zgh"}
	if !slices.Equal(got, want) {
		t.Errorf("problems of pl.json %q, want %q", got, want)
	}
	if !slices.Equal(lib.PartnerLanguages, []string{"pl"}) {
		t.Errorf("partner languages %v, want [pl]: a gap falls back to en.json", lib.PartnerLanguages)
	}
}

func partnerGuide(heading string) string {
	return "---\ntitle: A guide\nsummary: What it says.\nphase: at_work\ncountries: [MA]\ntopics: [wages]\nsources:\n  - title: \"ILO Convention No. 95 (1949)\"\nreviewed: 2026-11-30\n---\n\n## Your rights\n\nText.\n\n## " + heading + "\n\nAsk in the app.\n"
}
