package content_test

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"amem/internal/content"
)

// withBody returns validGuide(lang) with "You should not pay." (line 15)
// replaced by body.
func withBody(lang, body string) string {
	return strings.Replace(validGuide(lang), "You should not pay.", body, 1)
}

func parseProblems(file, text string) []string {
	_, problems := content.ParseGuide(file, []byte(text))
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	return got
}

// A phone number the pipeline can isolate is a tel: link whose text is the
// number it calls, or a number in international form; anything else that
// looks like a phone number is reported, with its line.
func TestCheckPhoneNumbers(t *testing.T) {
	tests := []struct {
		name, lang, body string
		want             []string
	}{
		{"tel: links are fine", "ar", "الشرطة [19](tel:19)، الرقم الأخضر [80 104 748](tel:+21680104748)، [اتصل](tel:16008).", nil},
		{"international form is fine", "en", "Call +216 80 104 748 or 00216 80 104 748.", nil},
		{"law and article numbers are no phone numbers", "fr", "Loi 2021-007, art. 7(1), décret 2.25.983, 2023–2025, n°\u00a033.", nil},
		{"amount with no-break spaces is fine", "fr", "10\u00a0000 à 500\u00a0000 MAD, 452\u202f000 entrées.", nil},
		{"digit groups with spaces", "ar", "الرقم الأخضر 80 104 748 مجاني.",
			[]string{`guides/x/ar.md:15: "80 104 748" looks like a phone number: write it as a tel: link, [80 104 748](tel:80104748), so that it stays left to right and can be tapped (an amount takes no-break spaces, or none in Arabic)`}},
		{"amount with ordinary spaces", "en", "1 000 000 MAD",
			[]string{`guides/x/en.md:15: "1 000 000" looks like a phone number: write it as a tel: link, [1 000 000](tel:1000000), so that it stays left to right and can be tapped (an amount takes no-break spaces, or none in Arabic)`}},
		{"international number too long", "en", "Call +216 80 104 748 123 456 7.",
			[]string{`guides/x/en.md:15: "+216 80 104 748 123 456 7" is not a phone number the app can show left to right and call: write it as +216 80 104 748 (country code, then groups of digits separated by single spaces), or as a tel: link`}},
		{"international number with a bracket", "en", "Call +216 (0) 80.",
			[]string{`guides/x/en.md:15: "+216 (0) 80" is not a phone number the app can show left to right and call: write it as +216 80 104 748 (country code, then groups of digits separated by single spaces), or as a tel: link`}},
		{"tel: link that calls no number", "en", "[call](tel:police)",
			[]string{`guides/x/en.md:15: link "tel:police" does not call a phone number: after tel: write 2 to 15 digits, with + and the country code when you have it`}},
		{"tel: link showing other digits", "ar", "[80 104 748](tel:80104749)",
			[]string{`guides/x/ar.md:15: the link shows "80 104 748" but calls 80104749: the digits must be the same (the link may add the country code)`}},
		{"number cut by a line break", "ar", "الرقم 80 104\n748 مجاني.",
			[]string{`guides/x/ar.md:15: a number is cut in two by a line break: keep "104" and "748" together in one run, or the app cannot show it left to right`}},
		{"number cut by formatting", "en", "Call **80** 104 748.",
			[]string{`guides/x/en.md:15: a number is cut in two by formatting (** or * or ` + "`" + `) around part of it: keep "80" and "104" together in one run, or the app cannot show it left to right`}},
		{"a line that ends with a number before a word is fine", "en", "Since 2018\nworkers may join.", nil},
		{"a sentence that ends with a number is fine", "en", "In 2018.\n15 workers joined.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseProblems("guides/x/"+tt.lang+".md", withBody(tt.lang, tt.body))
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems:\n got  %q\n want %q", got, tt.want)
			}
		})
	}
}

func TestCheckArabicAmounts(t *testing.T) {
	tests := []struct {
		name, file, text string
		want             []string
	}{
		{"amounts without a dot", "guides/x/ar.md", withBody("ar", "الحد الأدنى 1000 ريال، والغرامة 25000 ريال، أو ألف ريال."), nil},
		{"decimals and decree numbers pass", "guides/x/ar.md", withBody("ar", "17.92 درهمًا، المرسوم 2.25.983 والمرسوم 2.24.1122."), nil},
		{"thousands dot in the body", "guides/x/ar.md", withBody("ar", "الحد الأدنى 1.000 ريال، والغرامة حتى 25.000 ريال."),
			[]string{
				`guides/x/ar.md:15: amount "1.000" has a dot between thousands, which reads as a decimal point: write 1000 (or the amount in words)`,
				`guides/x/ar.md:15: amount "25.000" has a dot between thousands, which reads as a decimal point: write 25000 (or the amount in words)`,
			}},
		{"millions, and at the end of a sentence", "guides/x/ar.md", withBody("ar", "مليون: 1.000.000."),
			[]string{`guides/x/ar.md:15: amount "1.000.000" has a dot between thousands, which reads as a decimal point: write 1000000 (or the amount in words)`}},
		{"thousands dot in the front matter", "guides/x/ar.md",
			strings.Replace(validGuide("ar"), "summary: Recruitment fees are the employer's cost.", "summary: غرامة حتى 25.000 ريال.", 1),
			[]string{`guides/x/ar.md:3: amount "25.000" has a dot between thousands, which reads as a decimal point: write 25000 (or the amount in words)`}},
		{"a url is not an amount", "guides/x/ar.md", withBody("ar", "[المصدر](https://example.org/a/1.000)"), nil},
		{"French and English are not checked", "guides/x/fr.md", withBody("fr", "version 1.000"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parseProblems(tt.file, tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("problems:\n got  %q\n want %q", got, tt.want)
			}
		})
	}
}

// A number of the directory written as plain text is a phone number: from
// five digits on anywhere, shorter ones (which are also article numbers)
// only in the help section.
func TestCheckDirectoryNumbersInGuides(t *testing.T) {
	contacts := `- key: qa-ministry
  name: {ar: وزارة العمل, fr: Ministère du Travail, en: Ministry of Labour}
  kind: ministry
  country: QA
  phone: "16008"
  about: {ar: وزارة., fr: Ministère., en: Ministry.}
  sources: [{title: "Ministry launches new hotline", lang: en, url: "https://www.gulf-times.com/x", date: 2020-03-31}]
  verified: 2020-03-31
- key: ma-police
  name: {ar: الشرطة, fr: Police, en: Police}
  kind: hotline
  country: MA
  phone: "19"
  about: {ar: الشرطة., fr: La police., en: The police.}
  sources: [{title: "Numéros d'urgence", lang: fr, url: "https://www.challenge.ma/x", date: 2022-08-01}]
  verified: 2022-08-01
`
	tests := []struct {
		name, body, help string
		want             []string
	}{
		{"linked numbers", "Call [16008](tel:16008).", "Police: [19](tel:19).", nil},
		{"short number outside the help section is an article", "Law 19-12, Art. 19, Law No. 19 of 2010.", "Ask.", nil},
		{"long number as text, anywhere", "Call the ministry on 16008.", "Ask.",
			[]string{`guides/x/en.md:15: 16008 is the phone number of qa-ministry in contacts.yaml: write it as a tel: link, [16008](tel:16008), so that it stays left to right and can be tapped`}},
		{"short number as text in the help section", "Text.", "Police: 19 (source: challenge.ma, August 2022).",
			[]string{`guides/x/en.md:19: 19 is the phone number of ma-police in contacts.yaml: write it as a tel: link, [19](tel:19), so that it stays left to right and can be tapped`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			en := strings.Replace(withBody("en", tt.body), "Ask a question in the app.", tt.help, 1)
			fsys := fstest.MapFS{
				"contacts.yaml":  file(contacts),
				"guides/x/en.md": file(en),
				"guides/x/fr.md": file(validGuide("fr")),
				"guides/x/ar.md": file(validGuide("ar")),
			}
			_, problems := content.Load(fsys)
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

// verified is the date a source confirmed a contact's details: present, not
// in the future, and the date of the latest dated source.
func TestCheckContactDates(t *testing.T) {
	defer content.SetToday("2026-12-02")()
	entry := func(sources, verified string) string {
		return `- key: tn-police
  name: {ar: الشرطة, fr: Police, en: Police}
  kind: hotline
  country: TN
  phone: "197"
  about: {ar: الشرطة., fr: La police., en: The police.}
` + sources + verified
	}
	page := func(date string) string {
		s := "    - {title: Numéros d'urgence, lang: fr, url: \"https://www.tuniscope.com/x\""
		if date != "" {
			s += ", date: " + date
		}
		return s + "}\n"
	}
	tests := []struct {
		name, text string
		want       []string
	}{
		{"the source's date", entry("  sources:\n"+page("2018-03-06"), "  verified: 2018-03-06\n"), nil},
		{"the latest of several sources, one undated", entry("  sources:\n"+page("2019-02-14")+page("2020-12-26")+page(""), "  verified: 2020-12-26\n"), nil},
		{"the day someone read an old source", entry("  sources:\n"+page("2018-03-01"), "  verified: 2026-11-30\n"),
			[]string{`contacts.yaml:9: verified 2026-11-30 is not the date of the latest source (2018-03-01): write the date a source confirmed the details, not the date you read it`}},
		{"an older source's date", entry("  sources:\n"+page("2018-03-01")+page("2020-12-26"), "  verified: 2018-03-01\n"),
			[]string{`contacts.yaml:10: verified 2018-03-01 is not the date of the latest source (2020-12-26): write the date a source confirmed the details, not the date you read it`}},
		{"no source dated", entry("  sources:\n"+page(""), "  verified: 2018-03-06\n"),
			[]string{`contacts.yaml:7: no source has a date: give at least one the date it confirmed the details (date: YYYY-MM-DD)`}},
		{"in the future", entry("  sources:\n"+page("2026-12-03"), "  verified: 2026-12-03\n"),
			[]string{`contacts.yaml:8: date 2026-12-03 is after today (2026-12-02)`,
				`contacts.yaml:9: verified 2026-12-03 is after today (2026-12-02): write the date the source confirmed the details`}},
		{"verified missing", entry("  sources:\n"+page("2018-03-01"), ""),
			[]string{`contacts.yaml:1: verified is missing`}},
		{"sources missing", entry("", "  verified: 2018-03-06\n"),
			[]string{`contacts.yaml:1: sources is missing: list the public pages that confirm the details, each with title, lang, url and date`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := content.ParseContacts("contacts.yaml", []byte(tt.text))
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

func TestCheckReviewedNotInFuture(t *testing.T) {
	defer content.SetToday("2026-11-29")()
	got := parseProblems("guides/x/en.md", validGuide("en"))
	want := []string{`guides/x/en.md:10: reviewed 2026-11-30 is after today (2026-11-29): write the date of the last review`}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n got  %q\n want %q", got, want)
	}
}

// Sources are required on every guide (see TestParseGuideReportsProblems for
// the missing and empty cases); a source needs a title.
func TestCheckSourcesOnEveryGuide(t *testing.T) {
	got := parseProblems("guides/x/en.md", strings.Replace(validGuide("en"),
		"  - title: \"ILO Convention No. 181 (1997), Art. 7(1)\"\n", "  - title: \"\"\n", 1))
	if len(got) != 1 || !strings.Contains(got[0], "guides/x/en.md:8: title is empty") {
		t.Errorf("problems: %q", got)
	}
}

func TestCheckFrenchSpaces(t *testing.T) {
	tests := []struct {
		name, file, body string
		want             []string
	}{
		{"no-break spaces", "guides/x/fr.md", "Police\u00a0: [19](tel:19)\u202f; vraiment\u202f? «\u00a0Demander\u00a0» et n°\u00a033, 25\u202f000 QAR, [80 104 748](tel:80104748).", nil},
		{"thousands with an ordinary space", "guides/x/fr.md", "une amende de 25 000 QAR.",
			[]string{`guides/x/fr.md:15: "25 000": in French, put a no-break space (U+00A0 or U+202F) before : ; ! ? », after « and n°, and between thousands, not an ordinary space`}},
		{"ordinary spaces", "guides/x/fr.md", "Police : 19 ; « Demander » et n° 33 ?",
			[]string{
				`guides/x/fr.md:15: "Police :": in French, put a no-break space (U+00A0 or U+202F) before : ; ! ? », after « and n°, and between thousands, not an ordinary space`,
				`guides/x/fr.md:15: "19 ;": in French, put a no-break space (U+00A0 or U+202F) before : ; ! ? », after « and n°, and between thousands, not an ordinary space`,
				`guides/x/fr.md:15: "« ": in French, put a no-break space (U+00A0 or U+202F) before : ; ! ? », after « and n°, and between thousands, not an ordinary space`,
				`guides/x/fr.md:15: "Demander »": in French, put a no-break space (U+00A0 or U+202F) before : ; ! ? », after « and n°, and between thousands, not an ordinary space`,
				`guides/x/fr.md:15: "n° 3": in French, put a no-break space (U+00A0 or U+202F) before : ; ! ? », after « and n°, and between thousands, not an ordinary space`,
				`guides/x/fr.md:15: "33 ?": in French, put a no-break space (U+00A0 or U+202F) before : ; ! ? », after « and n°, and between thousands, not an ordinary space`,
			}},
		{"urls and code are left alone", "guides/x/fr.md", "Voir https://example.org/a?b=1 et `a : b`.", nil},
		{"English is not checked", "guides/x/en.md", "Police : 19", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lang := strings.TrimSuffix(tt.file[len("guides/x/"):], ".md")
			if got := parseProblems(tt.file, withBody(lang, tt.body)); !slices.Equal(got, tt.want) {
				t.Errorf("problems:\n got  %q\n want %q", got, tt.want)
			}
		})
	}
}

func TestCheckArabicMonths(t *testing.T) {
	sets := `"Mashriq (يناير، مايو، يوليو، أغسطس)"; "Moroccan (ماي، يوليوز، غشت، دجنبر)"; "Tunisian (جانفي، جوان، جويلية، أوت)"`
	sets = strings.ReplaceAll(sets, `"`, "")
	tests := []struct {
		name, body string
		want       []string
	}{
		{"Moroccan names", "في يناير وغشت ودجنبر 2025.", nil},
		{"Tunisian names", "في جانفي وأوت وديسمبر.", nil},
		{"Mashriq names", "في يناير وأغسطس وديسمبر.", nil},
		{"names shared by the sets", "في مارس وأكتوبر.", nil},
		{"Moroccan and Mashriq", "في غشت 2022.\n\nثم في أغسطس 2023.",
			[]string{`guides/x/ar.md:17: month "أغسطس" is from another set of month names than غشت, used before in this file: use one set per guide, the one its readers use (` + sets + `)`}},
		{"Tunisian after Moroccan, with a prefix", "يناير وغشت، وجانفي",
			[]string{`guides/x/ar.md:15: month "جانفي" is from another set of month names than يناير، غشت, used before in this file: use one set per guide, the one its readers use (` + sets + `)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parseProblems("guides/x/ar.md", withBody("ar", tt.body)); !slices.Equal(got, tt.want) {
				t.Errorf("problems:\n got  %q\n want %q", got, tt.want)
			}
		})
	}
}
