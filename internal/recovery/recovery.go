// Package recovery makes and checks the codes that move an anonymous worker
// to a new phone: 16 characters (about 76 bits) from an alphabet that has no
// characters easy to confuse when copied by hand (0/O, 1/I/L) and no vowels
// (no words by accident), written in four groups like "K7MQ-2RTX-9BCD-HW3P".
// Only a code's hash is stored.
package recovery

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/pocketbase/pocketbase/tools/security"
)

const (
	alphabet = "23456789BCDFGHJKMNPQRSTVWXZ"
	// Length is the number of characters of a code, without its dashes.
	Length = 16
)

// New returns a fresh code, formatted in groups of four.
func New() string {
	return format(security.RandomStringWithAlphabet(Length, alphabet))
}

// Format writes a code as typed in any form in four groups of four.
func Format(code string) string { return format(Normalise(code)) }

func format(code string) string {
	var groups []string
	for i := 0; i < len(code); i += 4 {
		groups = append(groups, code[i:min(i+4, len(code))])
	}
	return strings.Join(groups, "-")
}

// Normalise accepts what a person types: any case, spaces or dashes. A
// character outside the alphabet becomes '?', so it can never match.
func Normalise(code string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(alphabet, r) {
			return r
		}
		if r == ' ' || r == '-' {
			return -1
		}
		return '?'
	}, strings.ToUpper(code))
}

// Valid reports whether code, once normalised, can be a code at all.
func Valid(code string) bool {
	n := Normalise(code)
	return len(n) == Length && !strings.Contains(n, "?")
}

// Hash is what is stored for a code: the SHA-256 of its normalised form.
func Hash(code string) string {
	sum := sha256.Sum256([]byte(Normalise(code)))
	return hex.EncodeToString(sum[:])
}
