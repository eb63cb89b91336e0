package pb_migrations

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// audio_seconds on questions and messages: a voice note's length, measured
// by the phone (or the inbox) while it recorded, sent with the note. A
// browser's WebM recording carries no duration, so players showed 0:00;
// this is what the threads show instead. It is part of the note as sent:
// never changed afterwards (messages are not updated at all).
var voiceSecondsAsSent = notSent("audio_seconds") + " && "

// voiceNoteSeconds is the field; three minutes is the recorders' limit
// (web/static/shared/recorder.js).
func voiceNoteSeconds() *core.NumberField {
	return &core.NumberField{Name: "audio_seconds", OnlyInt: true, Min: minmax(0), Max: minmax(180), Help: "the voice note's length in seconds, as recorded"}
}

func init() {
	m.Register(func(app core.App) error {
		for _, name := range []string{"questions", "messages"} {
			c, err := app.FindCollectionByNameOrId(name)
			if err != nil {
				return err
			}
			c.Fields.Add(voiceNoteSeconds())
			if name == "questions" {
				c.UpdateRule = rule(voiceSecondsAsSent + *c.UpdateRule)
			}
			if err := app.Save(c); err != nil {
				return err
			}
		}
		return nil
	}, func(app core.App) error {
		for _, name := range []string{"questions", "messages"} {
			c, err := app.FindCollectionByNameOrId(name)
			if err != nil {
				return err
			}
			if name == "questions" {
				c.UpdateRule = rule(strings.TrimPrefix(*c.UpdateRule, voiceSecondsAsSent))
			}
			c.Fields.RemoveByName("audio_seconds")
			if err := app.Save(c); err != nil {
				return err
			}
		}
		return nil
	})
}
