package routing

import (
	"reflect"
	"testing"
)

func TestCueNotation(t *testing.T) {
	scenarios := []struct {
		name, pattern string
		sentence      string // as sentences gives it
		want          bool
		notAfter      string // one word, or none
	}{
		{"word", "prison", "he is in prison now", true, ""},
		{"whole words only", "prison", "the prisons are full", false, ""},
		{"stem", "prison*", "the prisons are full", true, ""},
		{"alternatives", "jail|prison", "he is in jail", true, ""},
		{"words in a row", "garde_a_vue", "il est en garde a vue", true, ""},
		{"words in a row, not apart", "garde_a_vue", "il garde a la vue", false, ""},
		{"sequence", "took my", "they took my bag", true, ""},
		{"gap", "took ~2 passport", "they took away my passport", true, ""},
		{"gap too short", "took ~1 passport", "they took away my passport", false, ""},
		{"gap zero", "took ~0 passport", "they took passport", true, ""},
		{"order matters", "took ~2 passport", "passport took", false, ""},
		{"at the start and the end", "a b", "a b", true, ""},
		{"accents in patterns are normalised", "détenu", "il est detenu", true, ""},
		{"Arabic clitics", "عنف", "تعرضت للعنف", true, ""},
		{"Arabic article and conjunction", "عنف", "والعنف", true, ""},
		{"Arabic preposition and article", "عنف", "بالعنف", true, ""},
		{"Arabic whole word", "عنف", "عنفوان الشباب", false, ""},
		{"Arabic article required", "الضرب", "تعرضت للضرب", true, ""},
		{"Arabic article missing", "الضرب", "جدول ضرب", false, ""},
		{"Darija progressive", "يضربني", "كيضربني", true, ""},
		{"patterns are normalised: ة", "مصادرة", "مصادره", true, ""},
		{"not after", "took ~2 passport", "i took my passport", false, "i"},
		{"not after, someone else", "took ~2 passport", "he took my passport", true, "i"},
		{"not after, a later match", "took ~2 passport", "i took my passport and then they took my passport", true, "i"},
		{"not after, at the start", "took ~2 passport", "took my passport", true, "i"},
	}
	for _, s := range scenarios {
		t.Run(s.name, func(t *testing.T) {
			var notAfter []string
			if s.notAfter != "" {
				notAfter = append(notAfter, s.notAfter)
			}
			c := newCue("test", s.pattern, notAfter...)
			if got := c.matches(s.sentence); got != s.want {
				t.Errorf("%q in %q: got %v, want %v (%s)", s.pattern, s.sentence, got, s.want, c.anywhere)
			}
		})
	}
}

func TestCueNotationErrors(t *testing.T) {
	for _, pattern := range []string{"", "~2 a", "a ~2", "a ~2 ~1 b", "a ~x b", "a ~-1 b", "a||b", "a|", "*", "a_", "a.b", "a*b"} {
		if _, _, err := compileCue(pattern); err == nil {
			t.Errorf("compileCue(%q): no error", pattern)
		}
	}
}

func TestSentences(t *testing.T) {
	scenarios := []struct {
		text string
		want []string
	}{
		{"l employeur a pris mon passeport. il est-parti!", []string{"l employeur a pris mon passeport", "il est parti"}},
		{"l'employeur  a\tpris ... ?", []string{"l employeur a pris"}},
		{"ماذا افعل؟ الكفيل، اخذ جوازي؛ وبعد\nلا", []string{"ماذا افعل", "الكفيل اخذ جوازي", "وبعد", "لا"}},
		{"line one\r\nline two", []string{"line one", "line two"}},
		{"", nil},
		{" .!? ", nil},
	}
	for _, s := range scenarios {
		if got := sentences(s.text); !reflect.DeepEqual(got, s.want) {
			t.Errorf("sentences(%q) = %q, want %q", s.text, got, s.want)
		}
	}
}
