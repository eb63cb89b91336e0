package content_test

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"amem/internal/content"
)

func file(text string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(text)} }

// guideIn returns a valid guide file in lang with one replacement applied.
func guideIn(lang, old, new string) *fstest.MapFile {
	return file(strings.Replace(validGuide(lang), old, new, 1))
}

func TestLoadKeepsGoodFilesAndReportsBrokenOnes(t *testing.T) {
	fsys := fstest.MapFS{
		// complete and valid
		"guides/good/ar.md": file(validGuide("ar")),
		"guides/good/fr.md": file(validGuide("fr")),
		"guides/good/en.md": file(validGuide("en")),
		// fr.md is broken: ar and en are still served
		"guides/broken-fr/ar.md": file(validGuide("ar")),
		"guides/broken-fr/fr.md": guideIn("fr", "phase: pre_departure", "phase: arrival"),
		"guides/broken-fr/en.md": file(validGuide("en")),
		// no Arabic yet
		"guides/no-arabic/fr.md": file(validGuide("fr")),
		"guides/no-arabic/en.md": file(validGuide("en")),
		// languages disagree; English is the reference
		"guides/disagree/ar.md": guideIn("ar", "countries: [MA, TN]", "countries:\n  - TN\n  - MA\n  - LY"),
		"guides/disagree/fr.md": guideIn("fr", "reviewed: 2026-11-30", "reviewed: 2026-10-01"),
		"guides/disagree/en.md": file(validGuide("en")),
		// names that do not follow the layout
		"guides/Bad_Slug/en.md":  file(validGuide("en")),
		"guides/good2/de.md":     file(validGuide("en")),
		"guides/good2/notes.txt": file("notes"),
		"guides/good2/ar.md":     file(validGuide("ar")),
		"guides/good2/fr.md":     file(validGuide("fr")),
		"guides/good2/en.md":     file(validGuide("en")),
		"guides/README.md":       file("readme"),
		"guides/.DS_Store":       file("junk"),
		"guides/good2/_draft.md": file("skipped like go:embed does"),
		// one contact is broken, the other is kept
		"contacts.yaml": file(strings.Replace(validContacts, "kind: hotline", "kind: police", 1)),
	}
	lib, problems := content.Load(fsys)

	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	want := []string{
		`guides/Bad_Slug/en.md: folder name "Bad_Slug" is not a slug: use lower-case letters a-z, digits and single hyphens`,
		`guides/Bad_Slug: has no ar.md, fr.md: every guide needs ar.md, fr.md and en.md`,
		`guides/README.md: is not in a guide folder: guides are guides/<slug>/<lang>.md`,
		`guides/broken-fr/fr.md:4: phase "arrival" is not one of pre_departure, on_arrival, at_work, return`,
		`guides/disagree/ar.md:5: countries [LY, MA, TN] differs from [MA, TN] in en.md: phase, countries, topics and reviewed are the same in every language`,
		`guides/disagree/fr.md:10: reviewed "2026-10-01" differs from "2026-11-30" in en.md: phase, countries, topics and reviewed are the same in every language`,
		`guides/good2/de.md: file name "de.md" is not a language: use ar.md, fr.md or en.md`,
		`guides/good2/notes.txt: file name "notes.txt" is not a language: use ar.md, fr.md or en.md`,
		`guides/no-arabic: has no ar.md: every guide needs ar.md, fr.md and en.md`,
		`contacts.yaml:25: kind "police" is not one of union, hotline, ministry, agency, embassy, ngo`,
	}
	slices.Sort(got[:len(got)-1]) // guide problems come first, in folder order; sort within them
	slices.Sort(want[:len(want)-1])
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n got  %q\n want %q", got, want)
	}

	var files []string
	for _, g := range lib.Guides {
		files = append(files, g.File)
	}
	wantFiles := []string{
		"guides/broken-fr/ar.md", "guides/broken-fr/en.md",
		"guides/disagree/ar.md", "guides/disagree/fr.md", "guides/disagree/en.md",
		"guides/good/ar.md", "guides/good/fr.md", "guides/good/en.md",
		"guides/good2/ar.md", "guides/good2/fr.md", "guides/good2/en.md",
		"guides/no-arabic/fr.md", "guides/no-arabic/en.md",
	}
	if !slices.Equal(files, wantFiles) {
		t.Errorf("guides:\n got  %q\n want %q", files, wantFiles)
	}
	if !lib.HasGuideFile("broken-fr", "fr") || !lib.BrokenGuides["broken-fr/fr"] {
		t.Errorf("a broken file must count as present")
	}
	if lib.HasGuideFile("no-arabic", "ar") || !lib.HasGuideFile("good", "en") {
		t.Errorf("HasGuideFile is wrong for a missing or a valid file")
	}
	if len(lib.Contacts) != 1 || lib.Contacts[0].Key != "ugtt-espace-migrants" ||
		!lib.BrokenContacts["ma-police"] || !lib.ContactsComplete {
		t.Errorf("contacts: %d valid, broken %v, complete %v", len(lib.Contacts), lib.BrokenContacts, lib.ContactsComplete)
	}
}

func TestLoadWithoutGuidesOrContacts(t *testing.T) {
	_, problems := content.Load(fstest.MapFS{})
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	want := []string{
		"guides: cannot be read: file does not exist",
		"contacts.yaml: cannot be read: file does not exist",
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n got  %q\n want %q", got, want)
	}
}
