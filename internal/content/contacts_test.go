package content_test

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"amem/internal/content"
)

// validContacts is a correct contacts.yaml; the second entry starts on line 22.
const validContacts = `- key: ugtt-espace-migrants
  name:
    ar: فضاء المهاجرين
    fr: UGTT – Espace migrants
  name_lang: fr
  kind: union
  country: TN
  city: Tunis
  url: https://www.ugtt.org.tn
  languages: [ar, fr]
  about:
    ar: نقابة تستقبل العمال المهاجرين.
    fr: Le syndicat accueille les travailleurs migrants.
    en: The union welcomes migrant workers.
  sources:
    - title: "L'UGTT met en place des points de contact"
      lang: fr
      url: https://directinfo.webmanagercenter.com/2019/02/13/x
      date: 2018-03-06
  verified: 2018-03-06

- key: ma-police
  name: Police
  name_lang: fr
  kind: hotline
  country: MA
  phone: "19"
  about:
    ar: الشرطة.
    fr: La police.
    en: The police.
  sources: [{title: "Numéros d'urgence", lang: fr, url: "https://www.challenge.ma/x", date: 2022-08-01}]
  verified: 2022-08-01
`

func TestParseContactsReadsEveryField(t *testing.T) {
	list, problems := content.ParseContacts("contacts.yaml", []byte(validContacts))
	if len(problems) > 0 {
		t.Fatalf("unexpected problems: %v", problems)
	}
	if len(list.Contacts) != 2 || !list.Complete || len(list.Broken) != 0 {
		t.Fatalf("got %d contacts, complete %v, broken %v", len(list.Contacts), list.Complete, list.Broken)
	}
	c := list.Contacts[0]
	if c.Key != "ugtt-espace-migrants" || c.Name != "UGTT – Espace migrants" || c.NameLang != "fr" || c.Kind != "union" ||
		!maps.Equal(c.Names, map[string]string{"ar": "فضاء المهاجرين", "fr": "UGTT – Espace migrants"}) ||
		c.Country != "TN" || c.City != "Tunis" || c.URL != "https://www.ugtt.org.tn" ||
		!slices.Equal(c.Languages, []string{"ar", "fr"}) ||
		!slices.Equal(c.Sources, []content.ContactSource{{Title: "L'UGTT met en place des points de contact", Lang: "fr", URL: "https://directinfo.webmanagercenter.com/2019/02/13/x", Date: "2018-03-06"}}) ||
		c.Source != "L'UGTT met en place des points de contact, 2018-03-06" ||
		c.Verified != "2018-03-06" || c.Line != 1 ||
		!maps.Equal(c.About, map[string]string{"ar": "نقابة تستقبل العمال المهاجرين.", "fr": "Le syndicat accueille les travailleurs migrants.", "en": "The union welcomes migrant workers."}) {
		t.Errorf("first contact: %+v", *c)
	}
	if p := list.Contacts[1]; p.Phone != "19" || p.Line != 22 || p.Languages == nil || p.Emergency ||
		p.Name != "Police" || !maps.Equal(p.Names, map[string]string{"fr": "Police"}) {
		t.Errorf("second contact: %+v", *p)
	}
	marked, _ := content.ParseContacts("contacts.yaml", []byte(strings.Replace(validContacts, `phone: "19"`, "phone: \"19\"\n  emergency: true", 1)))
	if !marked.Contacts[1].Emergency || marked.Contacts[0].Emergency {
		t.Errorf("emergency: true marks that contact alone")
	}
	again, _ := content.ParseContacts("contacts.yaml", []byte(validContacts))
	if again.Contacts[0].Hash != c.Hash || c.Hash == list.Contacts[1].Hash {
		t.Errorf("a contact's hash must depend only on its values")
	}
}

func TestParseContactsProblems(t *testing.T) {
	replace := func(old, new string) string {
		if !strings.Contains(validContacts, old) {
			panic("fixture lacks " + old)
		}
		return strings.Replace(validContacts, old, new, 1)
	}
	tests := []struct {
		name     string
		text     string
		want     []string
		keys     []string // of the valid contacts
		broken   []string
		complete bool
	}{
		{"key used twice", replace("key: ma-police", "key: ugtt-espace-migrants"),
			[]string{`contacts.yaml:22: key "ugtt-espace-migrants" is used twice (first on line 1)`},
			[]string{"ugtt-espace-migrants"}, []string{"ugtt-espace-migrants"}, true},
		{"key format", replace("key: ma-police", "key: MA_Police"),
			[]string{`contacts.yaml:22: key "MA_Police" must be lower-case letters a-z, digits and single hyphens`},
			[]string{"ugtt-espace-migrants"}, []string{"MA_Police"}, true},
		{"key missing", replace("- key: ma-police\n  name", "- name"),
			[]string{`contacts.yaml:22: key is missing`},
			[]string{"ugtt-espace-migrants"}, nil, false},
		{"kind and country", replace("kind: hotline\n  country: MA", "kind: police\n  country: Morocco"),
			[]string{
				`contacts.yaml:25: kind "police" is not one of union, hotline, ministry, agency, embassy, ngo`,
				`contacts.yaml:26: country "Morocco" is not one of MA, TN, MR, LY, QA, SA, AE, FR, IT, ES, DE`,
			},
			[]string{"ugtt-espace-migrants"}, []string{"ma-police"}, true},
		{"about lacks a language and has another", replace("    en: The union welcomes migrant workers.", "    de: Die Gewerkschaft."),
			[]string{
				`contacts.yaml:14: unknown field "de" in about; allowed: ar, fr, en`,
				`contacts.yaml:12: about has no en text`,
			},
			[]string{"ma-police"}, []string{"ugtt-espace-migrants"}, true},
		{"about missing", replace("  about:\n    ar: الشرطة.\n    fr: La police.\n    en: The police.\n", ""),
			[]string{`contacts.yaml:22: about is missing: one or two sentences in ar, fr, en`},
			[]string{"ugtt-espace-migrants"}, []string{"ma-police"}, true},
		{"http url", replace("url: https://www.ugtt.org.tn", "url: http://www.ugtt.org.tn"),
			[]string{`contacts.yaml:9: url "http://www.ugtt.org.tn" must be a full https:// address`},
			[]string{"ma-police"}, []string{"ugtt-espace-migrants"}, true},
		{"sources and verified missing", replace("  sources: [{title: \"Numéros d'urgence\", lang: fr, url: \"https://www.challenge.ma/x\", date: 2022-08-01}]\n  verified: 2022-08-01\n", ""),
			[]string{`contacts.yaml:22: sources is missing: list the public pages that confirm the details, each with title, lang, url and date`, `contacts.yaml:22: verified is missing`},
			[]string{"ugtt-espace-migrants"}, []string{"ma-police"}, true},
		{"verified not a date", replace("  verified: 2018-03-06\n\n", "  verified: March 2018\n\n"),
			[]string{`contacts.yaml:20: verified "March 2018" is not a date in the form YYYY-MM-DD`},
			[]string{"ma-police"}, []string{"ugtt-espace-migrants"}, true},
		{"phone, email, language, misspelt field", replace(`phone: "19"`, "phone: call 19\n  email: police at example\n  languages: [Arabic]\n  sorce: x"),
			[]string{
				`contacts.yaml:30: unknown field "sorce" (did you mean "sources"?) in a contact; allowed: key, name, name_lang, kind, country, city, address, phone, emergency, whatsapp, email, url, hours, languages, about, sources, verified`,
				`contacts.yaml:27: phone "call 19" must be digits, spaces and an optional leading +`,
				`contacts.yaml:28: email "police at example" is not an e-mail address`,
				`contacts.yaml:29: language "Arabic" is not valid`,
			},
			[]string{"ugtt-espace-migrants"}, []string{"ma-police"}, true},
		{"emergency without a phone, and not a flag", replace("  kind: union\n", "  kind: union\n  emergency: true\n"),
			[]string{`contacts.yaml:7: emergency is true but there is no phone: the emergency call needs a sourced number`},
			[]string{"ma-police"}, []string{"ugtt-espace-migrants"}, true},
		{"emergency not true or false", replace(`phone: "19"`, `phone: "19"`+"\n  emergency: yes please"),
			[]string{`contacts.yaml:28: emergency must be true or false`},
			[]string{"ugtt-espace-migrants"}, []string{"ma-police"}, true},
		{"two emergency numbers in one country", replace(`phone: "19"`, `phone: "19"`+"\n  emergency: true") + "\n" +
			strings.ReplaceAll(strings.SplitAfter(validContacts, "\n\n")[1], "ma-police", "ma-police-2") + "  emergency: true\n",
			[]string{`contacts.yaml:36: MA has a second emergency number (the first is ma-police): the app's emergency call dials one number per country`},
			[]string{"ugtt-espace-migrants", "ma-police"}, []string{"ma-police-2"}, true},
		// Names: in each language, or the original marked with its language.
		{"a plain name without its language", replace("  name: Police\n  name_lang: fr\n", "  name: Police\n"),
			[]string{`contacts.yaml:23: name is in one language only: say which with name_lang (e.g. name_lang: fr), or give it in ar, fr and en`},
			[]string{"ugtt-espace-migrants"}, []string{"ma-police"}, true},
		{"names missing a language and no original marked", replace("  name_lang: fr\n  kind: union", "  kind: union"),
			[]string{`contacts.yaml:3: name has no en: add it, or say with name_lang which of the names given is the original that those readers see`},
			[]string{"ma-police"}, []string{"ugtt-espace-migrants"}, true},
		{"original not among the names", replace("  name_lang: fr\n  kind: union", "  name_lang: en\n  kind: union"),
			[]string{`contacts.yaml:5: name_lang "en" is not one of the names given`},
			[]string{"ma-police"}, []string{"ugtt-espace-migrants"}, true},
		{"name_lang not a language", replace("  name: Police\n  name_lang: fr\n", "  name: Police\n  name_lang: French\n"),
			[]string{`contacts.yaml:24: name_lang "French" is not a language code such as ar, fr or en`},
			[]string{"ugtt-espace-migrants"}, []string{"ma-police"}, true},
		// Sources: public pages with a title in a named language; no file of ours.
		{"a source naming a file of the project", replace(`title: "Numéros d'urgence"`, `title: "../shared/facts/legal-facts.md"`),
			[]string{`contacts.yaml:32: source "../shared/facts/legal-facts.md" names a file of the project: readers cannot open it; cite the public page it came from`},
			[]string{"ugtt-espace-migrants"}, []string{"ma-police"}, true},
		{"a source naming a yaml file", replace(`title: "Numéros d'urgence"`, `title: "content/contacts.yaml, checked by the team"`),
			[]string{`contacts.yaml:32: source "content/contacts.yaml, checked by the team" names a file of the project: readers cannot open it; cite the public page it came from`},
			[]string{"ugtt-espace-migrants"}, []string{"ma-police"}, true},
		{"a source on this machine", replace(`url: "https://www.challenge.ma/x"`, `url: "https://localhost/notes"`),
			[]string{`contacts.yaml:32: url "https://localhost/notes" is not a public address: cite a page readers can open`},
			[]string{"ugtt-espace-migrants"}, []string{"ma-police"}, true},
		{"a source without url or language", replace(`lang: fr, url: "https://www.challenge.ma/x", `, ""),
			[]string{`contacts.yaml:32: lang is missing`, `contacts.yaml:32: url is missing`},
			[]string{"ugtt-espace-migrants"}, []string{"ma-police"}, true},
		{"sources not a list", replace(`  sources: [{title: "Numéros d'urgence", lang: fr, url: "https://www.challenge.ma/x", date: 2022-08-01}]`, `  sources: "challenge.ma, August 2022"`),
			[]string{`contacts.yaml:32: sources must be a list of public pages, each with title, lang, url and date`},
			[]string{"ugtt-espace-migrants"}, []string{"ma-police"}, true},
		{"yaml syntax", replace("  city: Tunis", "  city: Tunis: centre"),
			[]string{`contacts.yaml:8: the file is not valid YAML: mapping values are not allowed in this context`},
			nil, nil, false},
		{"not a list", "key: x\n",
			[]string{`contacts.yaml:1: the file must be a list of contacts, each starting with "- key:"`},
			nil, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, problems := content.ParseContacts("contacts.yaml", []byte(tt.text))
			var got, keys []string
			for _, p := range problems {
				got = append(got, p.String())
			}
			for _, c := range list.Contacts {
				keys = append(keys, c.Key)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems:\n got  %q\n want %q", got, tt.want)
			}
			if !slices.Equal(keys, tt.keys) {
				t.Errorf("valid contacts %v, want %v", keys, tt.keys)
			}
			if broken := slices.Sorted(maps.Keys(list.Broken)); !slices.Equal(broken, tt.broken) {
				t.Errorf("broken %v, want %v", broken, tt.broken)
			}
			if list.Complete != tt.complete {
				t.Errorf("complete %v, want %v", list.Complete, tt.complete)
			}
		})
	}
}
