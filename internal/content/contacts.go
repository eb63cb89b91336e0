package content

import (
	"encoding/json"
	"net/mail"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"amem/internal/vocab"
)

// Contact is one entry of the help directory in contacts.yaml.
type Contact struct {
	Key       string            `json:"key"`
	Name      string            `json:"name"`                // the original name: Names[NameLang], or the first given
	Names     map[string]string `json:"names"`               // the organisation's name per language (ar, fr, en), those it has
	NameLang  string            `json:"name_lang,omitempty"` // the language of the original name, shown where a language has none
	Kind      string            `json:"kind"`
	Country   string            `json:"country"`
	City      string            `json:"city"`
	Address   string            `json:"address"`
	Phone     string            `json:"phone"`
	Emergency bool              `json:"emergency,omitempty"` // the number the app's emergency call dials in Country
	WhatsApp  string            `json:"whatsapp"`
	Email     string            `json:"email"`
	URL       string            `json:"url"`
	Hours     string            `json:"hours"`
	Languages []string          `json:"languages"`
	About     map[string]string `json:"about"`    // ar, fr, en
	Sources   []ContactSource   `json:"sources"`  // the public pages that confirmed the details
	Source    string            `json:"-"`        // the sources as one line, for the dashboard
	Verified  string            `json:"verified"` // YYYY-MM-DD: the date of the latest source
	Line      int               `json:"-"`        // where the entry starts in the file
	Hash      string            `json:"-"`        // Hash of the entry's values: equal hashes, equal entries
}

// ContactList is what a contacts file holds.
type ContactList struct {
	Contacts []*Contact      // the valid entries, in file order
	Broken   map[string]bool // keys of entries with problems: keep what is stored for them
	Complete bool            // every entry's key could be read: a key not listed was really removed

	phones map[string]string // digits (without +) of every phone and whatsapp number → key, broken entries too
}

var contactFields = []string{"key", "name", "name_lang", "kind", "country", "city", "address", "phone", "emergency",
	"whatsapp", "email", "url", "hours", "languages", "about", "sources", "verified"}

var (
	phonePattern    = regexp.MustCompile(`^\+?[0-9][0-9 ().-]*$`)
	languagePattern = regexp.MustCompile(vocab.LanguagePattern) // hotlines speak more than our three
)

// ParseContacts checks a contacts file. Entries with problems are left out of
// the list and named in Broken; the good ones are always returned.
func ParseContacts(file string, data []byte) (ContactList, []Problem) {
	ps := &problems{file: file}
	list := ContactList{Broken: map[string]bool{}, phones: map[string]string{}}
	r := &yamlReader{problems: ps}
	root, ok := r.parse(data, "the file")
	if !ok {
		return list, ps.list
	}
	if root.Kind != yaml.SequenceNode {
		r.addf(r.line(root), "the file must be a list of contacts, each starting with \"- key:\"")
		return list, ps.list
	}
	list.Complete = true
	firstLine := map[string]int{}
	emergency := map[string]string{} // country → key of its emergency contact
	for _, item := range root.Content {
		item = deref(item)
		before := len(ps.list)
		c := readContact(r, item)
		for _, p := range []string{c.Phone, c.WhatsApp} {
			if tel, ok := NormalisePhone(p); ok && c.Key != "" {
				list.phones[strings.TrimPrefix(tel, "+")] = c.Key
			}
		}
		if c.Emergency && c.Country != "" {
			if other, taken := emergency[c.Country]; taken {
				r.addf(c.Line, "%s has a second emergency number (the first is %s): the app's emergency call dials one number per country", c.Country, other)
			} else {
				emergency[c.Country] = c.Key
			}
		}
		if c.Key != "" && firstLine[c.Key] != 0 {
			r.addf(r.line(item), "key %q is used twice (first on line %d)", c.Key, firstLine[c.Key])
		}
		switch {
		case len(ps.list) == before:
			firstLine[c.Key] = c.Line
			list.Contacts = append(list.Contacts, c)
		case c.Key != "":
			list.Broken[c.Key] = true
		default:
			list.Complete = false
		}
	}
	return list, ps.list
}

func readContact(r *yamlReader, n *yaml.Node) *Contact {
	c := &Contact{Line: r.line(n)}
	m, ok := r.mapping(n, "a contact", contactFields, c.Line)
	if !ok {
		return c
	}
	c.Key = r.text(m, "key", true, 0)
	if c.Key != "" && !slugPattern.MatchString(c.Key) {
		r.addf(r.line(m.values["key"]), "key %q must be lower-case letters a-z, digits and single hyphens", c.Key)
	}
	readName(r, m, c)
	c.Kind = r.choice(m, "kind", vocab.ContactKinds)
	c.Country = r.choice(m, "country", vocab.Countries)
	c.City = r.text(m, "city", false, 100)
	c.Address = r.text(m, "address", false, 300)
	c.Phone = readPhone(r, m, "phone")
	c.Emergency = r.flag(m, "emergency")
	if c.Emergency && c.Phone == "" {
		r.addf(r.line(m.values["emergency"]), "emergency is true but there is no phone: the emergency call needs a sourced number")
	}
	c.WhatsApp = readPhone(r, m, "whatsapp")
	c.Email = r.text(m, "email", false, 0)
	if a, err := mail.ParseAddress(c.Email); c.Email != "" && (err != nil || a.Address != c.Email) {
		r.addf(r.line(m.values["email"]), "email %q is not an e-mail address", c.Email)
	}
	c.URL = r.httpsURL(m, "url")
	c.Hours = r.text(m, "hours", false, 0)
	c.Languages = r.list(m, "languages", "language", false, nil, languagePattern.MatchString)
	c.About = readAbout(r, m)
	c.Sources = readContactSources(r, m)
	c.Source = sourceSummary(c.Sources)
	c.Verified = r.date(m, "verified")
	checkVerified(r, m, c)
	if c.Languages == nil {
		c.Languages = []string{} // stored as [] rather than null
	}
	data, _ := json.Marshal(c)
	c.Hash = Hash(data)
	return c
}

func readPhone(r *yamlReader, m yamlMap, key string) string {
	v := r.text(m, key, false, 0)
	if v != "" && !phonePattern.MatchString(v) {
		r.addf(r.line(m.values[key]), "%s %q must be digits, spaces and an optional leading +", key, v)
	}
	return v
}

// readAbout reads the one or two sentences about a contact, in every language.
func readAbout(r *yamlReader, m yamlMap) map[string]string {
	n, ok := m.values["about"]
	if !ok {
		r.addf(m.line, "about is missing: one or two sentences in %s", strings.Join(Languages, ", "))
		return nil
	}
	am, ok := r.mapping(n, "about", Languages, r.line(n))
	if !ok {
		return nil
	}
	about := map[string]string{}
	for _, lang := range Languages {
		if _, given := am.values[lang]; !given {
			r.addf(am.line, "about has no %s text", lang)
			continue
		}
		about[lang] = r.text(am, lang, true, 0)
	}
	return about
}
