package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// guide_recordings: a guide read aloud by a person, in one language or
// dialect (ar, fr, en, ary Darija, mey Hassaniya, zgh/tzm Tamazight, …),
// attached in the dashboard or shipped beside the guide's Markdown
// (content/guides/<slug>/<lang>.opus). Its metadata travels in the sync
// with the guide; the phone downloads the file only when the worker asks.
//
//	read:  everyone (like the guides it belongs to; the file is public too)
//	write: superusers (the dashboard, and the import of content/)
//
// audio is Ogg Opus only (checked by pb_hooks/library/recordings.go, which
// also measures seconds and bytes: never taken from the request); slug names
// the guide (every language of it), lang the language spoken.
func init() {
	m.Register(func(app core.App) error {
		c := core.NewBaseCollection("guide_recordings")
		c.ListRule = public
		c.ViewRule = public
		c.Fields.Add(
			&core.TextField{Name: "slug", Required: true, Max: 100, Pattern: `^[a-z0-9]+(-[a-z0-9]+)*$`, Presentable: true, Help: "the guide's slug (its address /g/{lang}/{slug})"},
			&core.TextField{Name: "lang", Required: true, Max: 3, Pattern: langPattern, Presentable: true, Help: "the language spoken: ar, fr, en, ary (Darija), aeb, mey (Hassaniya), zgh, tzm (Tamazight), or a partner's"},
			// Ogg Opus is sniffed as audio/ogg; the hook tells Opus from Vorbis.
			&core.FileField{Name: "audio", Required: true, MaxSelect: 1, MaxSize: 20 << 20, MimeTypes: []string{"audio/ogg", "audio/opus"}, Help: "Ogg Opus, mono, about 24 kbit/s (docs/content.md)"},
			&core.NumberField{Name: "seconds", OnlyInt: true, Min: minmax(0), Help: "measured from the file by the server"},
			&core.NumberField{Name: "bytes", OnlyInt: true, Min: minmax(0), Help: "measured from the file by the server"},
			&core.TextField{Name: "credit", Max: 200, Help: "who reads it (as they want to be named), or the organisation"},
			&core.DateField{Name: "reviewed", Required: true, Help: "when an editor last checked it says what the guide says"},
			&core.SelectField{Name: "origin", Values: origins, MaxSelect: 1},
			&core.TextField{Name: "hash", Max: 64, Help: "sha256 of the shipped file and its entry last imported"},
		)
		addRev(c)
		addTimestamps(c)
		c.AddIndex("idx_guide_recordings_slug_lang", true, "slug, lang", "")
		return app.Save(c)
	}, func(app core.App) error {
		return deleteCollection(app, "guide_recordings")
	})
}
