// Package i18n loads the message files of locales/ with go-i18n and answers
// the questions the server and the web app ask of them: the text of a message
// in a language (with plural forms), every message of a language for the
// browser, the writing direction, and the best language for a request.
package i18n

import (
	"amem/locales"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// DefaultLang is the language used when the reader's is not available.
const DefaultLang = "en"

// rtlScripts are the right-to-left scripts (ISO 15924) a language's
// likely script can be: Arabic, Hebrew, Syriac, Thaana, N'Ko, Adlam.
var rtlScripts = map[string]bool{"Arab": true, "Hebr": true, "Syrc": true, "Thaa": true, "Nkoo": true, "Adlm": true}

// pluralCategories are CLDR's plural categories, in CLDR's order.
var pluralCategories = []string{"zero", "one", "two", "few", "many", "other"}

// pluralProbes are counts that, between them, fall in every category any
// CLDR language has (French's "many" is for millions, Arabic's "few" for
// 3-10 and 103-110, etc.).
var pluralProbes = func() []any {
	var ns []any
	for n := 0; n <= 1000; n++ {
		ns = append(ns, n)
	}
	return append(ns, 1_000_000, 2_000_000, "0.5", "1.5", "2.5", "1.0")
}()

var pluralForms sync.Map // lang → []string

// PluralForms returns the CLDR plural categories every plural message of
// lang must define, as go-i18n applies them to lang (Arabic has all six,
// French one, many and other): found by asking go-i18n which form it picks
// for counts that reach every category, so that a partner's language gets
// CLDR's rules without a table of ours. None when go-i18n knows no plural
// rule for lang.
func PluralForms(lang string) []string {
	if forms, ok := pluralForms.Load(lang); ok {
		return forms.([]string)
	}
	probe := &goi18n.Message{ID: "plural.probe", Zero: "zero", One: "one", Two: "two", Few: "few", Many: "many", Other: "other"}
	localizer := goi18n.NewLocalizer(goi18n.NewBundle(language.Make(lang)), lang)
	seen := map[string]bool{}
	func() {
		// go-i18n v2.7 dereferences a nil rule for a language it has
		// none for (e.g. ary): that language then has no plural forms.
		defer func() { recover() }()
		for _, n := range pluralProbes {
			if form, err := localizer.Localize(&goi18n.LocalizeConfig{DefaultMessage: probe, PluralCount: n}); err == nil {
				seen[form] = true
			}
		}
	}()
	var forms []string
	for _, cat := range pluralCategories {
		if seen[cat] {
			forms = append(forms, cat)
		}
	}
	pluralForms.Store(lang, forms)
	return forms
}

// Catalog holds every message of every language.
type Catalog struct {
	bundle   *goi18n.Bundle
	messages map[string]map[string]*goi18n.Message // lang → id → message
	langs    []string
	matcher  language.Matcher
	// localizers holds one localizer per language the catalog has, made
	// once (making one parses its language tags, dozens of allocations,
	// and T runs several times for every notification queued).
	localizers map[string]*goi18n.Localizer
}

// Load reads every *.json file at the root of fsys, then of each of more
// (a partner's languages, content/locales/); the language comes from the
// file name (ar.json → ar).
func Load(fsys fs.FS, more ...fs.FS) (*Catalog, error) {
	c := &Catalog{
		bundle:   goi18n.NewBundle(language.Make(DefaultLang)),
		messages: map[string]map[string]*goi18n.Message{},
	}
	for _, fsys := range append([]fs.FS{fsys}, more...) {
		if err := c.loadFiles(fsys); err != nil {
			return nil, err
		}
	}
	if _, ok := c.messages[DefaultLang]; !ok {
		return nil, fmt.Errorf("locales: no %s.json", DefaultLang)
	}
	sort.Strings(c.langs)
	// The default language first: the matcher falls back to the first tag.
	tags := []language.Tag{language.Make(DefaultLang)}
	for _, l := range c.langs {
		if l != DefaultLang {
			tags = append(tags, language.Make(l))
		}
	}
	c.matcher = language.NewMatcher(tags)
	c.localizers = map[string]*goi18n.Localizer{}
	for _, l := range c.langs {
		c.localizers[l] = goi18n.NewLocalizer(c.bundle, l, DefaultLang)
	}
	return c, nil
}

// loadFiles adds the message files at the root of fsys; a language may
// come from one folder only (a partner's locale never replaces a shipped one).
func (c *Catalog) loadFiles(fsys fs.FS) error {
	files, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return err
	}
	for _, name := range files {
		lang := strings.TrimSuffix(path.Base(name), ".json")
		if _, twice := c.messages[lang]; twice {
			return fmt.Errorf("locales: %s.json is there twice", lang)
		}
		file, err := c.bundle.LoadMessageFileFS(fsys, name)
		if err != nil {
			return fmt.Errorf("locales/%s: %w", name, err)
		}
		byID := map[string]*goi18n.Message{}
		for _, m := range file.Messages {
			byID[m.ID] = m
		}
		c.messages[lang] = byID
		c.langs = append(c.langs, lang)
	}
	return nil
}

// Langs returns the languages that have a message file, sorted.
func (c *Catalog) Langs() []string { return c.langs }

// Has reports whether lang has a message file.
func (c *Catalog) Has(lang string) bool { _, ok := c.messages[lang]; return ok }

// Dir returns "rtl" or "ltr": from the script the language is written in
// (CLDR's likely script, or the one its tag names, as in "shi-Tfng"), so
// that a partner's language gets its direction without a list of ours.
func Dir(lang string) string {
	if script, _ := language.Make(lang).Script(); rtlScripts[script.String()] {
		return "rtl"
	}
	return "ltr"
}

// Match picks the best language we have for an explicit choice (e.g. ?lang=)
// or, when it is empty or unknown, an Accept-Language header.
func (c *Catalog) Match(explicit, acceptLanguage string) string {
	if c.Has(explicit) {
		return explicit
	}
	tags, _, _ := language.ParseAcceptLanguage(acceptLanguage)
	if len(tags) == 0 {
		return DefaultLang
	}
	_, i, _ := c.matcher.Match(tags...)
	return c.tagLang(i)
}

func (c *Catalog) tagLang(i int) string {
	if i == 0 {
		return DefaultLang
	}
	others := make([]string, 0, len(c.langs))
	for _, l := range c.langs {
		if l != DefaultLang {
			others = append(others, l)
		}
	}
	return others[i-1]
}

// T returns the message id in lang, filled with data (a map or struct whose
// fields the message's {{.Name}} placeholders use). For plural messages pass
// the count in data under "Count" and as count. A message missing in lang
// falls back to the default language, and a message missing everywhere
// returns its id, so that a gap shows up visibly instead of as a blank.
func (c *Catalog) T(lang, id string, count any, data any) string {
	loc := c.localizers[lang] // read-only after Load; Localize keeps no state
	if loc == nil {
		loc = goi18n.NewLocalizer(c.bundle, lang, DefaultLang)
	}
	text, err := loc.Localize(&goi18n.LocalizeConfig{MessageID: id, PluralCount: count, TemplateData: data})
	if text == "" && err != nil {
		return id
	}
	return text
}

// Messages returns every message of lang in the shape the web app reads:
// id → text, or id → {category: text} for plural messages. Messages missing
// in lang are filled from the default language.
func (c *Catalog) Messages(lang string) map[string]any {
	out := map[string]any{}
	for _, l := range []string{DefaultLang, lang} {
		for id, m := range c.messages[l] {
			out[id] = messageValue(m)
		}
	}
	return out
}

func messageValue(m *goi18n.Message) any {
	forms := map[string]string{}
	for cat, text := range map[string]string{"zero": m.Zero, "one": m.One, "two": m.Two, "few": m.Few, "many": m.Many} {
		if text != "" {
			forms[cat] = text
		}
	}
	if len(forms) == 0 {
		return m.Other
	}
	forms["other"] = m.Other
	return forms
}

// Problem is a gap in a translation.
type Problem struct {
	Lang, ID, What string
}

func (p Problem) String() string { return fmt.Sprintf("locales/%s.json: %q %s", p.Lang, p.ID, p.What) }

// Check compares every language with the default one: each message must exist
// in every language, and each plural message must define every plural
// category of the language (see PluralForms). (A plural message in a language
// go-i18n has no plural rule for is refused by Load already.)
func (c *Catalog) Check() []Problem {
	var problems []Problem
	ids := make([]string, 0, len(c.messages[DefaultLang]))
	for id := range c.messages[DefaultLang] {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, lang := range c.langs {
		for _, id := range ids {
			m, ok := c.messages[lang][id]
			if !ok {
				problems = append(problems, Problem{lang, id, "is missing"})
				continue
			}
			if _, plural := messageValue(c.messages[DefaultLang][id]).(map[string]string); !plural {
				continue
			}
			have := messageValue(m)
			forms, _ := have.(map[string]string)
			for _, cat := range PluralForms(lang) {
				if forms[cat] == "" {
					problems = append(problems, Problem{lang, id, "lacks the plural form " + cat})
				}
			}
		}
		for id := range c.messages[lang] {
			if _, ok := c.messages[DefaultLang][id]; !ok {
				problems = append(problems, Problem{lang, id, "is not in " + DefaultLang + ".json (typo or left over?)"})
			}
		}
	}
	return problems
}

// Shipped returns the catalog of the message files shipped in locales/,
// loaded once per process (they are embedded, so every app shares it).
var Shipped = sync.OnceValues(func() (*Catalog, error) { return Load(locales.FS) })
