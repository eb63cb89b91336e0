package recovery

import (
	"strings"
	"testing"
)

// FuzzNormalise: normalising twice is normalising once, formatting keeps the
// normalised form, Valid means sixteen characters of the alphabet, and every
// code made of the alphabet survives what a person does to it when typing it
// back (lower case, spaces, dashes anywhere).
func FuzzNormalise(f *testing.F) {
	for _, seed := range []string{
		"K7MQ-2RTX-9BCD-HW3P",
		"k7mq 2rtx 9bcd hw3p",
		"K7MQ2RTX9BCDHW3P",
		"--K7MQ--2RTX-9BCD-HW3P-",
		"K7MQ-2RTX-9BCD-HW3",   // one short
		"K7MQ-2RTX-9BCD-HW3PX", // one long
		"O0I1-L2RT-X9BC-DHW3",  // confusable characters
		"K7MQ-2RTX-9BCD-HW3?",
		"ſ7MQ-2RTX-9BCD-HW3P", // long s upper-cases to S
		"\xff\xfe",
		"",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, typed string) {
		n := Normalise(typed)
		if again := Normalise(n); again != n {
			t.Fatalf("Normalise(%q) = %q, but Normalise of that = %q", typed, n, again)
		}
		if got := Normalise(Format(typed)); got != n {
			t.Fatalf("Normalise(Format(%q)) = %q, want %q", typed, got, n)
		}
		inAlphabet := strings.Trim(n, alphabet) == ""
		if want := len(n) == Length && inAlphabet; Valid(typed) != want {
			t.Fatalf("Valid(%q) = %v, normalised %q", typed, !want, n)
		}
		if Valid(typed) && Hash(typed) != Hash(strings.ToLower(Format(typed))) {
			t.Fatalf("Hash(%q) differs from the hash of its formatted lower-case form", typed)
		}

		// A code drawn from the fuzz input's bytes, typed back sloppily.
		var code strings.Builder
		for i := 0; i < Length; i++ {
			b := byte(i)
			if i < len(typed) {
				b = typed[i]
			}
			code.WriteByte(alphabet[int(b)%len(alphabet)])
		}
		c := code.String()
		sloppy := " " + strings.ToLower(strings.ReplaceAll(Format(c), "-", " - ")) + " "
		if !Valid(c) || !Valid(Format(c)) || !Valid(sloppy) {
			t.Fatalf("code %q (typed %q) not valid", c, sloppy)
		}
		if Normalise(sloppy) != c || Hash(sloppy) != Hash(c) {
			t.Fatalf("code %q typed as %q normalises to %q", c, sloppy, Normalise(sloppy))
		}
	})
}
