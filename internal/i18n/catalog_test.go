package i18n

import (
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"amem/locales"
)

// TestShippedLocalesAreComplete fails when any language misses a message or
// one of its plural forms.
func TestShippedLocalesAreComplete(t *testing.T) {
	c, err := Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"ar", "en", "fr"} {
		if !c.Has(want) {
			t.Errorf("locales/%s.json is missing", want)
		}
		if len(PluralForms(want)) == 0 {
			t.Errorf("no plural forms declared for %s", want)
		}
	}
	for _, p := range c.Check() {
		t.Error(p)
	}
}

func TestCheckFindsGaps(t *testing.T) {
	c, err := Load(fstest.MapFS{
		"en.json": {Data: []byte(`{"a": "A", "n": {"one": "1 x", "other": "{{.Count}} x"}}`)},
		"ar.json": {Data: []byte(`{"n": {"one": "س", "other": "س"}, "typo": "x"}`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, p := range c.Check() {
		got[p.Lang+" "+p.ID+" "+p.What] = true
	}
	for _, want := range []string{
		"ar a is missing",
		"ar n lacks the plural form zero",
		"ar n lacks the plural form two",
		"ar n lacks the plural form few",
		"ar n lacks the plural form many",
		"ar typo is not in en.json (typo or left over?)",
	} {
		if !got[want] {
			t.Errorf("Check() did not report %q; got %v", want, got)
		}
	}
}

func TestArabicPlurals(t *testing.T) {
	c, err := Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		n    int
		want string
	}{
		{0, "لا يوجد أي دليل"},
		{1, "دليل واحد"},
		{2, "دليلان"},
		{3, "3 أدلة"},
		{10, "10 أدلة"},
		{11, "11 دليلًا"},
		{99, "99 دليلًا"},
		{100, "100 دليل"},
		{103, "103 أدلة"},
	}
	for _, tc := range cases {
		if got := c.T("ar", "guides.count", tc.n, map[string]any{"Count": tc.n}); got != tc.want {
			t.Errorf("ar guides.count(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
	if got := c.T("fr", "guides.count", 1, map[string]any{"Count": 1}); got != "1 guide" {
		t.Errorf("fr one = %q", got)
	}
}

func TestMatchAndDir(t *testing.T) {
	c, err := Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ explicit, header, want string }{
		{"ar", "fr", "ar"},
		{"", "fr-TN,fr;q=0.9,ar;q=0.8", "fr"},
		{"", "ar-MA", "ar"},
		{"xx", "de-DE", "en"},
		{"", "", "en"},
	}
	for _, tc := range cases {
		if got := c.Match(tc.explicit, tc.header); got != tc.want {
			t.Errorf("Match(%q, %q) = %q, want %q", tc.explicit, tc.header, got, tc.want)
		}
	}
	if Dir("ar") != "rtl" || Dir("fr") != "ltr" {
		t.Error("Dir")
	}
	if got := c.T("fr", "no.such.message", nil, nil); got != "no.such.message" {
		t.Errorf("a missing message should show its id, got %q", got)
	}
	if msgs := c.Messages("ar"); msgs["phase.at_work"] != "في العمل" {
		t.Errorf("Messages(ar)[phase.at_work] = %v", msgs["phase.at_work"])
	}
}

// A partner's language gets the plural forms CLDR gives it, as go-i18n
// applies them (not a table of ours): a Polish message without "few" or
// "many" is reported, and Arabic-script, Hebrew or Thaana text is right to left.
func TestPartnerLanguagesFollowCLDR(t *testing.T) {
	for lang, want := range map[string]string{
		"ar":  "zero one two few many other",
		"fr":  "one many other",
		"en":  "one other",
		"pl":  "one few many other",
		"ja":  "other",
		"ary": "", // go-i18n has no plural rule for Darija
	} {
		if got := strings.Join(PluralForms(lang), " "); got != want {
			t.Errorf("PluralForms(%s) = %q, want %q", lang, got, want)
		}
	}
	c, err := Load(fstest.MapFS{
		"en.json": {Data: []byte(`{"n": {"one": "1 x", "other": "{{.Count}} x"}}`)},
		"pl.json": {Data: []byte(`{"n": {"one": "1 x", "other": "{{.Count}} x"}}`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range c.Check() {
		got = append(got, p.Lang+" "+p.ID+" "+p.What)
	}
	sort.Strings(got)
	if want := "pl n lacks the plural form few|pl n lacks the plural form many"; strings.Join(got, "|") != want {
		t.Errorf("Check() = %q, want %q", got, want)
	}
	for lang, want := range map[string]string{"ur": "rtl", "ckb": "rtl", "he": "rtl", "dv": "rtl", "zgh": "ltr", "ary": "rtl", "mey-Arab": "rtl", "shi-Tfng": "ltr", "fr": "ltr"} {
		if got := Dir(lang); got != want {
			t.Errorf("Dir(%s) = %s, want %s", lang, got, want)
		}
	}
}
