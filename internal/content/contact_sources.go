package content

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// ContactSource is a public page that confirmed a contact's details.
type ContactSource struct {
	Title string `json:"title"`          // as the page writes it
	Lang  string `json:"lang"`           // the language of Title, so that screen readers use its voice
	URL   string `json:"url"`            // https, public
	Date  string `json:"date,omitempty"` // YYYY-MM-DD, when the page is dated
}

var contactSourceFields = []string{"title", "lang", "url", "date"}

// MaxSourceSummary is the length of the contacts collection's plain-text
// source field, which keeps a summary of the sources for the dashboard.
const MaxSourceSummary = 500

// internalFile finds a name of one of the project's own files in a source
// title ("legal-facts.md", "../shared/facts", "content/contacts.yaml"): a
// reader cannot open it, so it confirms nothing to them.
var internalFile = regexp.MustCompile(`(?i)(^|[^\w.-])(\.\.?/|[\w-]+\.(md|ya?ml|go|json|csv|txt)\b)|legal-facts|shared/facts|/work/`)

// readName reads a contact's name: one per language (name: {ar, fr, en})
// when the organisation has them, or the one name it uses (name: text).
// name_lang says the language of the name shown to readers of a language
// that has none of its own, so that every name carries its language.
func readName(r *yamlReader, m yamlMap, c *Contact) {
	n, ok := m.values["name"]
	if !ok {
		r.addf(m.line, "name is missing")
		return
	}
	c.NameLang = r.text(m, "name_lang", false, 0)
	if c.NameLang != "" && !languagePattern.MatchString(c.NameLang) {
		r.addf(r.line(m.values["name_lang"]), "name_lang %q is not a language code such as ar, fr or en", c.NameLang)
		c.NameLang = ""
	}
	names := map[string]string{}
	if n.Kind == yaml.MappingNode {
		nm, _ := r.mapping(n, "name", Languages, r.line(n))
		for _, lang := range Languages {
			if _, given := nm.values[lang]; given {
				names[lang] = r.text(nm, lang, true, 200)
			}
		}
		if len(nm.values) == 0 {
			r.addf(r.line(n), "name has no text: give the name in ar, fr and en, or as plain text with name_lang")
			return
		}
		var missing []string
		for _, lang := range Languages {
			if _, given := names[lang]; !given {
				missing = append(missing, lang)
			}
		}
		switch {
		case len(missing) > 0 && c.NameLang == "" && m.values["name_lang"] == nil:
			r.addf(r.line(n), "name has no %s: add it, or say with name_lang which of the names given is the original that those readers see", strings.Join(missing, ", "))
		case c.NameLang != "" && names[c.NameLang] == "":
			r.addf(r.line(m.values["name_lang"]), "name_lang %q is not one of the names given", c.NameLang)
		}
	} else {
		v := r.text(m, "name", true, 200)
		if v == "" {
			return
		}
		if c.NameLang == "" {
			if m.values["name_lang"] == nil {
				r.addf(r.line(n), "name is in one language only: say which with name_lang (e.g. name_lang: fr), or give it in ar, fr and en")
			}
			return
		}
		names[c.NameLang] = v
	}
	c.Names = names
	c.Name, _ = ContactName(names, c.NameLang, "", c.NameLang)
}

// ContactName is the name a reader of lang sees, and its language: the
// organisation's name in lang, else its original (nameLang), else fallback
// (a contact edited in the dashboard may have only a plain name).
func ContactName(names map[string]string, nameLang, fallback, lang string) (string, string) {
	if v := names[lang]; v != "" {
		return v, lang
	}
	if v := names[nameLang]; v != "" {
		return v, nameLang
	}
	for _, l := range Languages {
		if v := names[l]; v != "" {
			return v, l
		}
	}
	return fallback, nameLang
}

// readContactSources reads the public pages that confirmed the details; each
// names its title's language, and none is a file of ours.
func readContactSources(r *yamlReader, m yamlMap) []ContactSource {
	n, ok := m.values["sources"]
	if !ok {
		r.addf(m.line, "sources is missing: list the public pages that confirm the details, each with title, lang, url and date")
		return nil
	}
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		r.addf(r.line(n), "sources must be a list of public pages, each with title, lang, url and date")
		return nil
	}
	var out []ContactSource
	for _, item := range n.Content {
		item = deref(item)
		sm, ok := r.mapping(item, "a source", contactSourceFields, r.line(item))
		if !ok {
			continue
		}
		s := ContactSource{Title: r.text(sm, "title", true, 300), Lang: r.text(sm, "lang", true, 0)}
		if s.Lang != "" && !languagePattern.MatchString(s.Lang) {
			r.addf(r.line(sm.values["lang"]), "lang %q is not a language code such as ar, fr or en", s.Lang)
		}
		if internalFile.MatchString(s.Title) {
			r.addf(r.line(sm.values["title"]), "source %q names a file of the project: readers cannot open it; cite the public page it came from", s.Title)
		}
		s.URL = r.text(sm, "url", true, 0)
		switch {
		case s.URL == "":
		case !isHTTPS(s.URL):
			r.addf(r.line(sm.values["url"]), "url %q must be a full https:// address", s.URL)
		case !publicHost(s.URL):
			r.addf(r.line(sm.values["url"]), "url %q is not a public address: cite a page readers can open", s.URL)
		}
		if _, dated := sm.values["date"]; dated {
			s.Date = r.date(sm, "date")
			if s.Date > Today() {
				r.addf(r.line(sm.values["date"]), "date %s is after today (%s)", s.Date, Today())
			}
		}
		out = append(out, s)
	}
	return out
}

// publicHost: a name on the internet, not this machine or a private name.
func publicHost(address string) bool {
	u, err := url.Parse(address)
	if err != nil {
		return false
	}
	host := strings.ToLower(u.Hostname())
	return strings.Contains(host, ".") && strings.Trim(host, "0123456789.") != "" &&
		!slices.ContainsFunc([]string{".local", ".localhost", ".internal", ".test", ".example", ".invalid"}, func(s string) bool { return strings.HasSuffix(host, s) })
}

// checkVerified: verified is the date of the latest dated source, not in
// the future. (A date of our own on an old page would tell readers a number
// was checked when it was not.)
func checkVerified(r *yamlReader, m yamlMap, c *Contact) {
	if c.Verified == "" || c.Sources == nil {
		return // missing or malformed: reported
	}
	line := r.line(m.values["verified"])
	if c.Verified > Today() {
		r.addf(line, "verified %s is after today (%s): write the date the source confirmed the details", c.Verified, Today())
	}
	latest := ""
	for _, s := range c.Sources {
		latest = max(latest, s.Date)
	}
	switch {
	case latest == "":
		r.addf(m.keyLines["sources"], "no source has a date: give at least one the date it confirmed the details (date: YYYY-MM-DD)")
	case c.Verified != latest:
		r.addf(line, "verified %s is not the date of the latest source (%s): write the date a source confirmed the details, not the date you read it", c.Verified, latest)
	}
}

// sourceSummary is the sources as one line of text, for the dashboard.
func sourceSummary(sources []ContactSource) string {
	parts := make([]string, len(sources))
	for i, s := range sources {
		parts[i] = s.Title
		if s.Date != "" {
			parts[i] += ", " + s.Date
		}
	}
	text := strings.Join(parts, "; ")
	if utf8.RuneCountInString(text) > MaxSourceSummary {
		text = string([]rune(text)[:MaxSourceSummary-1]) + "…"
	}
	return text
}
