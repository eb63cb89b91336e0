package library

import (
	"slices"
	"testing"
	"testing/fstest"

	"amem/internal/content"
	"amem/pb_hooks/testapp"
)

// A contact travels in the reader's language where the organisation has a
// name in it, and otherwise under its original name, marked with its
// language; its sources travel as public pages.
func TestSyncedContactNameInReadersLanguage(t *testing.T) {
	app := newContentTestApp(t)
	defer app.Cleanup()
	fsys := testapp.ContentFS()
	fsys["contacts.yaml"] = &fstest.MapFile{Data: []byte(`- key: umt
  name: {ar: الاتحاد المغربي للشغل, fr: Union Marocaine du Travail (UMT)}
  name_lang: fr
  kind: union
  country: MA
  address: Casablanca
  about: {ar: نقابة., fr: Un syndicat., en: A union.}
  sources:
    - {title: "Union marocaine du travail", lang: fr, url: "https://fr.wikipedia.org/wiki/Union_marocaine_du_travail"}
    - {title: "Déclaration de Casablanca", lang: fr, url: "https://rsmms.net/mission/?lang=fr", date: 2014-08-08}
  verified: 2014-08-08
`)}
	mustImport(t, app, fsys)
	record, err := app.FindFirstRecordByData("contacts", "key", "umt")
	if err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[string][2]string{
		"ar": {"الاتحاد المغربي للشغل", "ar"},
		"fr": {"Union Marocaine du Travail (UMT)", "fr"},
		"en": {"Union Marocaine du Travail (UMT)", "fr"}, // no English name: the original, marked French
	} {
		c := toSyncedContact(record, lang)
		if c.Name != want[0] || c.NameLang != want[1] {
			t.Errorf("%s reader: name %q (%s), want %q (%s)", lang, c.Name, c.NameLang, want[0], want[1])
		}
	}
	c := toSyncedContact(record, "ar")
	wantSources := []content.ContactSource{
		{Title: "Union marocaine du travail", Lang: "fr", URL: "https://fr.wikipedia.org/wiki/Union_marocaine_du_travail"},
		{Title: "Déclaration de Casablanca", Lang: "fr", URL: "https://rsmms.net/mission/?lang=fr", Date: "2014-08-08"},
	}
	if !slices.Equal(c.Sources, wantSources) || c.Address != "Casablanca" || c.Verified != "2014-08-08" {
		t.Errorf("synced contact: sources %+v, address %q, verified %s", c.Sources, c.Address, c.Verified)
	}

	// A contact made in the dashboard may have only a plain name and no sources.
	record.Set("names", nil)
	record.Set("name_lang", "")
	record.Set("sources", nil)
	record.Set("name", "UMT")
	if c := toSyncedContact(record, "ar"); c.Name != "UMT" || c.NameLang != "" || c.Sources == nil || len(c.Sources) != 0 {
		t.Errorf("plain contact: name %q (%q), sources %v", c.Name, c.NameLang, c.Sources)
	}
}
