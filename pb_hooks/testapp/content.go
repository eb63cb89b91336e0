package testapp

import (
	shipped "amem/content"
	"amem/internal/content"

	"amem/internal/push"
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/filesystem"
)

// PutGuide creates or retitles a guide.
func PutGuide(t testing.TB, app core.App, slug, lang, title string) *core.Record {
	t.Helper()
	c, _ := app.FindCollectionByNameOrId("guides")
	g, err := app.FindFirstRecordByFilter("guides", "slug = {:s} && lang = {:l}", map[string]any{"s": slug, "l": lang})
	if err != nil {
		g = core.NewRecord(c)
		g.Set("slug", slug)
		g.Set("lang", lang)
		g.Set("body", "text")
		g.Set("phase", "at_work")
		g.Set("reviewed", "2026-11-30 00:00:00.000Z")
		g.Set("sources", []map[string]string{{"title": "ILO C181, Art. 7"}})
	}
	g.Set("title", title)
	g.Set("html", "<p>"+title+"</p>")
	if err := app.Save(g); err != nil {
		t.Fatal(err)
	}
	return g
}

// Outbox returns the queued notifications, but for the fixture's own row
// (outbox1, due in 2099, there for the access-model table).
func Outbox(t testing.TB, app core.App) []*core.Record {
	t.Helper()
	rows, err := app.FindAllRecords("push_outbox", dbx.Not(dbx.HashExp{"id": Seeded(t).IDs["outbox1"]}))
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// PayloadOf decodes a push payload.
func PayloadOf(t testing.TB, raw []byte) push.Payload {
	t.Helper()
	var p push.Payload
	if err := json.Unmarshal(raw, &p); err != nil {
		t.Fatalf("payload %s: %v", raw, err)
	}
	return p
}

// OggOpusHeader is the start of an Ogg Opus file, enough for type sniffing.
func OggOpusHeader() []byte {
	b := append([]byte("OggS\x00\x02"), make([]byte, 22)...)
	b = append(b, "OpusHead"...)
	return append(b, make([]byte, 100)...)
}

// NewWithContent is a test app with the shipped guides and contacts,
// imported when the server starts.
func NewWithContent(t testing.TB) *tests.TestApp {
	t.Helper()
	app, err := tests.NewTestApp(Seeded(t).Dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := Bind(app, shipped.FS); err != nil {
		t.Fatal(err)
	}
	return app
}

// ContentGuide is a valid guide file; title tells versions apart.
func ContentGuide(lang, title string) string {
	return `---
title: ` + title + `
summary: Recruitment fees are the employer's cost.
phase: pre_departure
countries: [MA, TN]
topics: [recruitment, fees]
sources:
  - title: "ILO Convention No. 181 (1997), Art. 7(1)"
reviewed: 2026-11-30
---

## Your rights

You should not pay.

## ` + content.HelpHeadings[lang] + `

Ask a question in the app.
`
}

// ContentContacts is a valid contacts.yaml with two contacts.
const ContentContacts = `- key: ma-police
  name: {ar: الشرطة, fr: Police, en: Police}
  kind: hotline
  country: MA
  phone: "19"
  about: {ar: الشرطة., fr: La police., en: The police.}
  sources: [{title: "Numéros d'urgence", lang: fr, url: "https://www.challenge.ma/x", date: 2022-08-01}]
  verified: 2022-08-01
- key: tn-police
  name: Police secours
  name_lang: fr
  kind: hotline
  country: TN
  phone: "197"
  languages: [ar, fr]
  about: {ar: الشرطة., fr: La police., en: The police.}
  sources: [{title: "Numéros d'urgence", lang: fr, url: "https://www.tuniscope.com/x", date: 2018-03-06}]
  verified: 2018-03-06
`

// ContentFS is a content folder with two complete guides and two contacts.
func ContentFS() fstest.MapFS {
	fsys := fstest.MapFS{"contacts.yaml": {Data: []byte(ContentContacts)}}
	for _, slug := range []string{"no-fees", "your-contract"} {
		for _, lang := range content.Languages {
			fsys["guides/"+slug+"/"+lang+".md"] = &fstest.MapFile{Data: []byte(ContentGuide(lang, "Title of "+slug))}
		}
	}
	return fsys
}

// AddRecording adds a recording of the guide slug spoken in lang to a
// content folder made by ContentFS: the file guides/<slug>/<lang>.opus
// (data: an Opus file from opustest, or anything, to test refusals), listed
// in the front matter of the guide's ar.md.
func AddRecording(fsys fstest.MapFS, slug, lang string, data []byte, credit string) {
	md := fsys["guides/"+slug+"/ar.md"]
	entry := "  - file: " + lang + ".opus\n    credit: " + credit + "\n    reviewed: 2026-11-29\n"
	text := string(md.Data)
	if strings.Contains(text, "\nrecordings:\n") {
		text = strings.Replace(text, "\nrecordings:\n", "\nrecordings:\n"+entry, 1)
	} else {
		text = strings.Replace(text, "\nreviewed: 2026-11-30\n", "\nreviewed: 2026-11-30\nrecordings:\n"+entry, 1)
	}
	fsys["guides/"+slug+"/ar.md"] = &fstest.MapFile{Data: []byte(text)}
	fsys["guides/"+slug+"/"+lang+".opus"] = &fstest.MapFile{Data: data}
}

// PutRecording stores a recording of the guide slug spoken in lang, as an
// editor's upload in the dashboard would (app bound: the server measures
// it). The guide must be stored already (StartServer imports the content).
func PutRecording(t testing.TB, app core.App, slug, lang string, data []byte) *core.Record {
	t.Helper()
	c, err := app.FindCollectionByNameOrId("guide_recordings")
	if err != nil {
		t.Fatal(err)
	}
	file, err := filesystem.NewFileFromBytes(data, lang+".opus")
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(c)
	r.Set("slug", slug)
	r.Set("lang", lang)
	r.Set("audio", file)
	r.Set("reviewed", "2026-11-30 00:00:00.000Z")
	r.Set("origin", "edited")
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	return r
}
