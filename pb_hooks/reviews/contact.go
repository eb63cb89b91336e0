package reviews

import (
	"regexp"
	"strings"
	"unicode"
)

// A published comment is read by everyone: it must not carry a way to
// reach a person (the worker's own number, a recruiter's "agent" to call).
// These catch the usual forms; a counsellor reads every comment anyway.
var (
	emailPattern = regexp.MustCompile(`[^\s@]+@[^\s@]+\.[^\s@]+`)
	urlPattern   = regexp.MustCompile(`(?i)(https?://|www\.)\S+|\b[\p{L}\d-]+\.(com|net|org|info|biz|ma|tn|mr|ly|dz|fr|es|it|de|qa|sa|ae|io|me|co)\b`)
	// a run of digits with the separators people write in phone numbers
	digitRun = regexp.MustCompile(`\+?\d[\d\s().\-]*\d`)
)

// minPhoneDigits is the shortest number taken for a phone number: Tunisia's
// and Mauritania's have eight digits. Fees and dates have fewer.
const minPhoneDigits = 8

// ContainsContact reports whether text holds a phone number, an e-mail
// address or a web address, in Western or Arabic-Indic digits.
func ContainsContact(text string) bool {
	text = westernDigits(text)
	if emailPattern.MatchString(text) || urlPattern.MatchString(text) {
		return true
	}
	for _, run := range digitRun.FindAllString(text, -1) {
		if countDigits(run) >= minPhoneDigits {
			return true
		}
	}
	return false
}

func countDigits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// westernDigits writes Arabic-Indic (٠–٩) and Persian (۰–۹) digits as 0–9.
func westernDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '٠' && r <= '٩':
			return '0' + (r - '٠')
		case r >= '۰' && r <= '۹':
			return '0' + (r - '۰')
		case unicode.IsSpace(r):
			return ' '
		}
		return r
	}, s)
}
