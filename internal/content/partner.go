package content

import (
	"encoding/json"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing/fstest"

	"amem/internal/i18n"
	"amem/locales"
)

// LocalesDir is the folder of a content folder where a partner adds a
// language: its locale file, locales/<lang>.json, the app's strings in it
// (the same keys as the shipped locales/en.json). With it, guide files
// guides/<slug>/<lang>.md are imported too; a guide without one is read in
// a fallback language. Nothing else is needed (docs/content.md).
const LocalesDir = "locales"

// HelpHeadingKey is the locale key whose text every guide body in that
// language ends with as a "##" heading.
const HelpHeadingKey = "guide.help_heading"

var localeName = regexp.MustCompile(`^[a-z]{2,3}$`)

// languages are those a content folder's guides may be written in, each
// with the heading its bodies end with: the shipped ones, which every guide
// needs, and the partners', optional per guide.
type languages struct {
	headings map[string]string
	partner  []string // sorted
}

var shipped = languages{headings: HelpHeadings}

func (l languages) has(lang string) bool { _, ok := l.headings[lang]; return ok }

// all is the shipped languages, then the partners': the stored order.
func (l languages) all() []string { return append(slices.Clone(Languages), l.partner...) }

// partnerLanguages reads the locale files of fsys's locales folder.
func partnerLanguages(fsys fs.FS) (languages, []Problem) {
	l := languages{headings: maps.Clone(HelpHeadings)}
	files, _ := fs.Glob(fsys, LocalesDir+"/*.json")
	var ps []Problem
	for _, file := range files {
		lang := strings.TrimSuffix(path.Base(file), ".json")
		if !localeName.MatchString(lang) {
			ps = append(ps, Problem{File: file, Message: "file name is not a language code: use two or three letters a-z, as in zgh.json"})
			continue
		}
		if shipped.has(lang) {
			ps = append(ps, Problem{File: file, Message: lang + " ships with the app: change it in the app's locales/ folder"})
			continue
		}
		data, err := fs.ReadFile(fsys, file)
		if err != nil {
			ps = append(ps, Problem{File: file, Message: "cannot be read: " + errText(err)})
			continue
		}
		var messages map[string]any
		if err := json.Unmarshal(data, &messages); err != nil {
			ps = append(ps, Problem{File: file, Message: "is not valid JSON: " + errText(err)})
			continue
		}
		heading, _ := messages[HelpHeadingKey].(string)
		if strings.TrimSpace(heading) == "" {
			ps = append(ps, Problem{File: file, Message: "has no " + quote(HelpHeadingKey) + ": the heading every guide in this language ends with"})
			continue
		}
		// Missing keys or plural forms are reported, but the language is
		// still offered: the server fills a gap from en.json.
		gaps, loads := checkCatalog(file, lang, data)
		ps = append(ps, gaps...)
		if !loads {
			continue
		}
		l.headings[lang] = heading
		l.partner = append(l.partner, lang)
	}
	slices.Sort(l.partner)
	return l, ps
}

// checkCatalog runs the catalog's check (i18n.Catalog.Check, the one the
// tests run on the shipped locales) on one partner locale file, loaded
// beside the shipped ones as the server loads it: every key of en.json,
// and every plural form CLDR gives the language. The file's own name
// (lang.<code>) may be a key en.json lacks. loads is false when the
// server could not load the file at all (go-i18n has no plural rule for
// the language, e.g. zgh).
func checkCatalog(file, lang string, data []byte) (ps []Problem, loads bool) {
	catalog, err := i18n.Load(locales.FS, fstest.MapFS{lang + ".json": {Data: data}})
	if err != nil {
		return []Problem{{File: file, Message: "cannot be loaded: " + errText(err)}}, false
	}
	for _, p := range catalog.Check() {
		if p.Lang != lang || (p.ID == "lang."+lang && strings.HasPrefix(p.What, "is not in")) {
			continue
		}
		ps = append(ps, Problem{File: file, Message: quote(p.ID) + " " + p.What})
	}
	return ps, true
}
