package push

import (
	"bytes"
	"encoding/json"
	"errors"
	"unicode/utf8"

	webpush "github.com/SherClockHolmes/webpush-go"
)

// Payload is what the service worker receives and shows. It says what
// happened and where to look, never what was written: no question text, no
// message, nothing that identifies the worker.
type Payload struct {
	Kind  Kind   `json:"kind"`
	Title string `json:"title"`
	Body  string `json:"body"`
	URL   string `json:"url"` // a path in the app, opened on click
	Tag   string `json:"tag"` // notifications with the same tag replace each other
}

// Limits on the text of a payload, in characters: a notification shows about
// two lines anyway, and a small payload fits the smallest record size.
const (
	MaxTitle = 120
	MaxBody  = 240
)

// MaxPayload is the most bytes of JSON a payload takes: what fits in a
// 384-byte record, so that a push, headers included, stays under 1 KB on
// the wire. A title in Arabic (two bytes a letter) is cut shorter than
// MaxTitle to fit; the app has the whole text.
const MaxPayload = 384 - recordOverhead

// ErrTooLarge means a payload does not fit in one 4 KB push message.
var ErrTooLarge = errors.New("push: payload too large")

// recordStep is the granularity of the record sizes a message is padded to:
// the smallest multiple of it that fits. Small pushes cost the phone little
// (AMEM's own notifications fit in 384 bytes), and the padding still hides
// the payload's exact length from the push service.
const recordStep = 128

// recordOverhead is what webpush-go adds to a payload inside one record: the
// aes128gcm header (salt 16, record size 4, key id length 1, key 65), the
// padding delimiter (1) and the AEAD tag (16).
const recordOverhead = 16 + 4 + 1 + 65 + 1 + 16

// Encode returns the JSON of p, with title and body shortened to the
// limits in characters, then, if it is still over MaxPayload bytes, the
// title (and then the body) shortened until it fits.
func (p Payload) Encode() ([]byte, error) {
	p.Title = truncate(p.Title, MaxTitle)
	p.Body = truncate(p.Body, MaxBody)
	for {
		b, err := p.json()
		if err != nil || len(b) <= MaxPayload {
			return b, err
		}
		// Cut at least as many characters as there are bytes too many,
		// divided by the widest UTF-8 letter of our languages (3 bytes).
		cut := (len(b)-MaxPayload+2)/3 + 1
		switch title, body := utf8.RuneCountInString(p.Title), utf8.RuneCountInString(p.Body); {
		case title > 8:
			p.Title = truncate(p.Title, max(title-cut, 8))
		case body > 8:
			p.Body = truncate(p.Body, max(body-cut, 8))
		default:
			return b, nil // the URL and tag alone are too long: recordSize says so
		}
	}
}

func (p Payload) json() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // "<" stays one byte; the service worker shows text, not HTML
	if err := enc.Encode(p); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// recordSize returns the record size a message of n bytes is padded to.
func recordSize(n int) (uint32, error) {
	need := n + recordOverhead
	if need > int(webpush.MaxRecordSize) {
		return 0, ErrTooLarge
	}
	return uint32((need + recordStep - 1) / recordStep * recordStep), nil
}

// truncate shortens s to at most max characters, ending with "…" when cut.
func truncate(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max-1]) + "…"
}
