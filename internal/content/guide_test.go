package content_test

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"testing"

	"amem/internal/content"
)

// validGuide is a correct guides/no-fees/<lang>.md; tests break one thing in it.
// The line numbers in the expectations below count from its first "---".
func validGuide(lang string) string {
	return `---
title: No one may charge you for a job
summary: Recruitment fees are the employer's cost.
phase: pre_departure
countries: [MA, TN]
topics: [recruitment, fees]
sources:
  - title: "ILO Convention No. 181 (1997), Art. 7(1)"
    url: https://normlex.ilo.org/c181
reviewed: 2026-11-30
---

## Your rights

You should not pay. See [the convention](https://normlex.ilo.org/c181).

## ` + content.HelpHeadings[lang] + `

Ask a question in the app.
`
}

func TestParseGuideReadsEveryField(t *testing.T) {
	data := []byte(validGuide("en"))
	g, problems := content.ParseGuide("guides/no-fees/en.md", data)
	if len(problems) > 0 {
		t.Fatalf("unexpected problems: %v", problems)
	}
	want := content.Guide{
		File: "guides/no-fees/en.md", Slug: "no-fees", Lang: "en",
		Title:     "No one may charge you for a job",
		Summary:   "Recruitment fees are the employer's cost.",
		Phase:     "pre_departure",
		Countries: []string{"MA", "TN"},
		Topics:    []string{"recruitment", "fees"},
		Sources:   []content.Source{{Title: "ILO Convention No. 181 (1997), Art. 7(1)", URL: "https://normlex.ilo.org/c181"}},
		Reviewed:  "2026-11-30",
	}
	if g.File != want.File || g.Slug != want.Slug || g.Lang != want.Lang || g.Title != want.Title ||
		g.Summary != want.Summary || g.Phase != want.Phase || g.Reviewed != want.Reviewed ||
		!slices.Equal(g.Countries, want.Countries) || !slices.Equal(g.Topics, want.Topics) ||
		!slices.Equal(g.Sources, want.Sources) {
		t.Errorf("got %+v\nwant %+v", *g, want)
	}
	if !strings.HasPrefix(g.Body, "## Your rights") {
		t.Errorf("body should be the Markdown after the front matter, got %q", g.Body[:20])
	}
	for _, s := range []string{"<h2>Your rights</h2>", `<a href="https://normlex.ilo.org/c181"`, "<h2>Where to get help</h2>"} {
		if !strings.Contains(g.HTML, s) {
			t.Errorf("html lacks %s:\n%s", s, g.HTML)
		}
	}
	sum := sha256.Sum256(data)
	if g.Hash != hex.EncodeToString(sum[:]) {
		t.Errorf("hash %s is not the sha256 of the file", g.Hash)
	}
}

func TestParseGuideAcceptsEveryLanguageAndVariant(t *testing.T) {
	tests := []struct {
		name, file, text string
	}{
		{"arabic", "guides/no-fees/ar.md", validGuide("ar")},
		{"french", "guides/no-fees/fr.md", validGuide("fr")},
		{"typographic apostrophe in the help heading", "guides/no-fees/fr.md", strings.Replace(validGuide("fr"), "de l'aide", "de l’aide", 1)},
		{"windows line ends", "guides/no-fees/en.md", strings.ReplaceAll(validGuide("en"), "\n", "\r\n")},
		{"byte order mark", "guides/no-fees/en.md", "\ufeff" + validGuide("en")},
		{"quoted date and source without url", "guides/no-fees/en.md", strings.NewReplacer(
			"reviewed: 2026-11-30", `reviewed: "2026-11-30"`, "    url: https://normlex.ilo.org/c181\n", "").Replace(validGuide("en"))},
		{"summary over several lines", "guides/no-fees/en.md", strings.Replace(validGuide("en"),
			"summary: Recruitment fees are the employer's cost.", "summary: Recruitment fees are\n  the employer's cost.", 1)},
		{"120 Arabic letters", "guides/no-fees/ar.md", strings.Replace(validGuide("ar"),
			"title: No one may charge you for a job", "title: "+strings.Repeat("ع", 120), 1)},
		{"mailto and tel links", "guides/no-fees/en.md", strings.Replace(validGuide("en"),
			"Ask a question in the app.", "Write to <help@example.org> or [call](tel:+212600000000).", 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, problems := content.ParseGuide(tt.file, []byte(tt.text)); len(problems) > 0 {
				t.Errorf("unexpected problems: %v", problems)
			}
		})
	}
}

func TestParseGuideProblems(t *testing.T) {
	en := validGuide("en")
	replace := func(text, old, new string) string {
		if !strings.Contains(text, old) {
			panic("test fixture lacks " + old)
		}
		return strings.Replace(text, old, new, 1)
	}
	tests := []struct {
		name string
		file string // default guides/x/en.md
		text string
		want []string
	}{
		{"the example of docs/content.md", "guides/x/fr.md", replace(validGuide("fr"), "phase: pre_departure", "phase: arrival"),
			[]string{`guides/x/fr.md:4: phase "arrival" is not one of pre_departure, on_arrival, at_work, return`}},
		{"no front matter", "", "## Where to get help\n\nAsk.\n",
			[]string{`guides/x/en.md:1: the file must start with front matter: a line "---", the fields, then another "---"`}},
		{"front matter not closed", "", "---\ntitle: x\n",
			[]string{`guides/x/en.md:1: the front matter is not closed: add a line "---" after the last field`}},
		{"yaml syntax", "", replace(en, "topics: [recruitment, fees]", "topics: [recruitment, fees"),
			[]string{`guides/x/en.md:6: the front matter is not valid YAML: did not find expected ',' or ']'`}},
		{"yaml value with a colon", "", replace(en, "title: No one may charge you for a job", "title: Fees: who pays"),
			[]string{`guides/x/en.md:2: the front matter is not valid YAML: mapping values are not allowed in this context`}},
		{"yaml stray list item", "", replace(en, "phase: pre_departure", "phase: pre_departure\n- stray"),
			[]string{`guides/x/en.md:5: the front matter is not valid YAML: did not find expected key`}},
		// YAML reads the tabbed line as the continuation of the value above it.
		{"yaml tab", "", replace(en, "phase: pre_departure", "phase: pre_departure\n\tcountries: [MA]"),
			[]string{`guides/x/en.md:4: the front matter is not valid YAML: found a tab character that violates indentation`}},
		{"empty front matter", "", "---\n---\n\n## Where to get help\n\nAsk.\n",
			[]string{`guides/x/en.md:1: the front matter is empty`}},
		{"front matter not a mapping", "", "---\n- a\n---\n\n## Where to get help\n\nAsk.\n",
			[]string{`guides/x/en.md:2: the front matter must be "name: value" lines`}},
		{"misspelt field", "", replace(en, "title:", "titel:"),
			[]string{
				`guides/x/en.md:2: unknown field "titel" (did you mean "title"?) in the front matter; allowed: title, summary, phase, countries, topics, sources, reviewed, recordings`,
				`guides/x/en.md:1: title is missing`,
			}},
		{"field twice", "", replace(en, "phase: pre_departure", "phase: pre_departure\nphase: at_work"),
			[]string{`guides/x/en.md:5: phase is given twice (first on line 4)`}},
		{"empty title", "", replace(en, "title: No one may charge you for a job", `title: ""`),
			[]string{`guides/x/en.md:2: title is empty`}},
		{"title as a list", "", replace(en, "title: No one may charge you for a job", "title: [a, b]"),
			[]string{`guides/x/en.md:2: title must be plain text`}},
		{"title on two lines", "", replace(en, "title: No one may charge you for a job", "title: |\n  one\n  two"),
			[]string{`guides/x/en.md:2: title must be on one line`}},
		{"title too long", "", replace(en, "title: No one may charge you for a job", "title: "+strings.Repeat("a", 121)),
			[]string{`guides/x/en.md:2: title has 121 characters; at most 120 are allowed`}},
		{"summary too long", "", replace(en, "summary: Recruitment fees are the employer's cost.", "summary: "+strings.Repeat("é", 301)),
			[]string{`guides/x/en.md:3: summary has 301 characters; at most 300 are allowed`}},
		{"summary missing", "", replace(en, "summary: Recruitment fees are the employer's cost.\n", ""),
			[]string{`guides/x/en.md:1: summary is missing`}},
		{"countries not a list", "", replace(en, "countries: [MA, TN]", "countries: MA"),
			[]string{`guides/x/en.md:5: countries must be a list, e.g. [MA, TN]`}},
		{"countries empty", "", replace(en, "countries: [MA, TN]", "countries: []"),
			[]string{`guides/x/en.md:5: countries is empty; list at least one country`}},
		{"unknown and repeated country", "", replace(en, "countries: [MA, TN]", "countries:\n  - MA\n  - XX\n  - MA"),
			[]string{
				`guides/x/en.md:7: country "XX" is not one of MA, TN, MR, LY, QA, SA, AE, FR, IT, ES, DE`,
				`guides/x/en.md:8: country "MA" is listed twice`,
			}},
		{"unknown topic", "", replace(en, "topics: [recruitment, fees]", "topics: [recruitment, fee]"),
			[]string{`guides/x/en.md:6: topic "fee" is not one of recruitment, fees, fraud, contract, documents, wages, working_time, social_security, health, housing, domestic_work, discrimination, trafficking, forced_labour, violence, complaints, unions, residence, seasonal_work, remittances, return`}},
		{"no sources", "", replace(en, "sources:\n  - title: \"ILO Convention No. 181 (1997), Art. 7(1)\"\n    url: https://normlex.ilo.org/c181\n", ""),
			[]string{`guides/x/en.md:1: sources is missing: cite at least one law or convention`}},
		{"empty sources", "", replace(en, "sources:\n  - title: \"ILO Convention No. 181 (1997), Art. 7(1)\"\n    url: https://normlex.ilo.org/c181\n", "sources: []\n"),
			[]string{`guides/x/en.md:7: sources is empty: cite at least one law or convention`}},
		{"source without title, http url, unknown key", "", replace(en, "  - title: \"ILO Convention No. 181 (1997), Art. 7(1)\"\n    url: https://normlex.ilo.org/c181",
			"  - url: http://normlex.ilo.org/c181\n    article: 7"),
			[]string{
				`guides/x/en.md:9: unknown field "article" in a source; allowed: title, url`,
				`guides/x/en.md:8: title is missing`,
				`guides/x/en.md:8: url "http://normlex.ilo.org/c181" must be a full https:// address`,
			}},
		{"sources as text", "", replace(en, "sources:\n  - title: \"ILO Convention No. 181 (1997), Art. 7(1)\"\n    url: https://normlex.ilo.org/c181\n", "sources: C181\n"),
			[]string{`guides/x/en.md:7: sources must be a list of entries, each with a title and an optional url`}},
		{"date not a date", "", replace(en, "reviewed: 2026-11-30", "reviewed: 2026-13-01"),
			[]string{`guides/x/en.md:10: reviewed "2026-13-01" is not a date in the form YYYY-MM-DD`}},
		{"date in another form", "", replace(en, "reviewed: 2026-11-30", "reviewed: 30/11/2026"),
			[]string{`guides/x/en.md:10: reviewed "30/11/2026" is not a date in the form YYYY-MM-DD`}},
		{"wrong last heading", "", replace(en, "## Where to get help", "## Help"),
			[]string{`guides/x/en.md:17: the last "##" heading must be "## Where to get help", not "## Help"`}},
		{"help heading of another language", "guides/x/fr.md", en,
			[]string{`guides/x/fr.md:17: the last "##" heading must be "## Où trouver de l'aide", not "## Where to get help"`}},
		{"help section not last", "", en + "\n## More\n\nText.\n",
			[]string{`guides/x/en.md:21: the last "##" heading must be "## Where to get help", not "## More"`}},
		{"help section empty", "", replace(en, "\nAsk a question in the app.\n", ""),
			[]string{`guides/x/en.md:17: the "## Where to get help" section is empty: say where to get help`}},
		{"no heading at all", "", "---" + strings.SplitN(en, "---", 3)[1] + "---\n\nJust text.\n",
			[]string{`guides/x/en.md:12: the body has no "##" heading; it must end with a section "## Where to get help"`}},
		{"http and javascript links, an image", "", replace(en, "You should not pay.",
			"Read [this](http://example.org).\n\nClick [here](javascript:alert(1)).\n\n![map](https://example.org/map.png)"),
			[]string{
				`guides/x/en.md:15: link "http://example.org" must be a full https:// address (or mailto:, tel:)`,
				`guides/x/en.md:17: link "javascript:alert(1)" must be a full https:// address (or mailto:, tel:)`,
				`guides/x/en.md:19: image "https://example.org/map.png" is not allowed: guides are read offline; say it in words`,
			}},
		{"relative link", "", replace(en, "You should not pay.", "See [the other guide](../other/en.md)."),
			[]string{`guides/x/en.md:15: link "../other/en.md" must be a full https:// address (or mailto:, tel:)`}},
		{"bad folder and file names", "guides/No_Fees/de.md", en,
			[]string{
				`guides/No_Fees/de.md: folder name "No_Fees" is not a slug: use lower-case letters a-z, digits and single hyphens`,
				`guides/No_Fees/de.md: file name "de.md" is not a language: use ar.md, fr.md or en.md`,
			}},
		{"every problem at once", "", strings.NewReplacer("phase: pre_departure", "phase: arrival",
			"reviewed: 2026-11-30", "reviewed: soon", "## Where to get help", "## Help").Replace(en),
			[]string{
				`guides/x/en.md:4: phase "arrival" is not one of pre_departure, on_arrival, at_work, return`,
				`guides/x/en.md:10: reviewed "soon" is not a date in the form YYYY-MM-DD`,
				`guides/x/en.md:17: the last "##" heading must be "## Where to get help", not "## Help"`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := tt.file
			if file == "" {
				file = "guides/x/en.md"
			}
			g, problems := content.ParseGuide(file, []byte(tt.text))
			if g != nil {
				t.Errorf("a file with problems must not give a guide")
			}
			var got []string
			for _, p := range problems {
				got = append(got, p.String())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems:\n got  %q\n want %q", got, tt.want)
			}
		})
	}
}

func TestHashIsStable(t *testing.T) {
	if got := content.Hash(nil); got != "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" {
		t.Errorf("Hash(nil) = %s, want the sha256 of nothing", got)
	}
	data := []byte(validGuide("ar"))
	a, _ := content.ParseGuide("guides/no-fees/ar.md", data)
	b, _ := content.ParseGuide("guides/no-fees/ar.md", slices.Clone(data))
	if a.Hash != b.Hash || a.HTML != b.HTML {
		t.Errorf("the same bytes gave different hashes or html")
	}
	if a.Hash != content.Hash(data) {
		t.Errorf("guide hash %s differs from Hash of its bytes", a.Hash)
	}
	crlf, _ := content.ParseGuide("guides/no-fees/ar.md", []byte(strings.ReplaceAll(string(data), "\n", "\r\n")))
	if crlf.Hash == a.Hash {
		t.Errorf("different bytes gave the same hash")
	}
	if crlf.HTML != a.HTML {
		t.Errorf("line ends changed the html")
	}
}

// A guide's source is a law or a public page, never a file of the project.
func TestGuideSourceNamingAProjectFile(t *testing.T) {
	text := strings.Replace(validGuide("en"), `"ILO Convention No. 181 (1997), Art. 7(1)"`, `"legal review (../shared/facts/legal-facts.md)"`, 1)
	got := parseProblems("guides/x/en.md", text)
	want := []string{`guides/x/en.md:8: source "legal review (../shared/facts/legal-facts.md)" names a file of the project: readers cannot open it; cite the law or the public page it came from`}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n got  %q\n want %q", got, want)
	}
}
