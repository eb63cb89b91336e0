// Package plaintext neutralises the invisible characters that can make
// what a worker or a counsellor wrote show differently from what it says.
//
// Removed: NUL and the other C0/C1 control characters (tab and line breaks
// stay); the bidirectional embeddings, overrides and isolates (U+202A–202E,
// U+2066–2069), with which a message can show a phone number or a link
// reversed ("Trojan Source"); and the invisible spaces that hide words from
// search and moderation (zero-width space U+200B, word joiner U+2060,
// U+FEFF). Kept: the directional marks LRM, RLM and ALM, which Arabic text
// uses legitimately and which cannot reorder more than one character, and
// ZWJ/ZWNJ, which emoji and some scripts need.
package plaintext

import "strings"

// Neutralise returns s without the characters listed above.
func Neutralise(s string) string {
	if strings.IndexFunc(s, removed) < 0 {
		return s // the common case, without an allocation
	}
	return strings.Map(func(r rune) rune {
		if removed(r) {
			return -1
		}
		return r
	}, s)
}

func removed(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r < 0x20 || (r >= 0x7f && r <= 0x9f):
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x200b || r == 0x2060 || r == 0xfeff:
		return true
	}
	return false
}
