package plaintext

import "testing"

func TestNeutralise(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain Arabic stays", "لم يُدفع أجري منذ شهرين", "لم يُدفع أجري منذ شهرين"},
		{"line breaks and tabs stay", "a\tb\nc\r\nd", "a\tb\nc\r\nd"},
		{"NUL goes", "pass\x00port", "passport"},
		{"other controls go", "a\x07b\x1bc\u0085d", "abcd"},
		{"a right-to-left override goes", "call \u202e0617 555\u202c now", "call 0617 555 now"},
		{"isolates go", "\u2066+212 5\u2069", "+212 5"},
		{"zero-width spaces go", "pa\u200bss\u2060po\ufeffrt", "passport"},
		{"directional marks stay", "\u200fالمادة\u200e 7 \u061c", "\u200fالمادة\u200e 7 \u061c"},
		{"joiners stay (emoji, scripts)", "👩\u200d🔧 می\u200cخواهم", "👩\u200d🔧 می\u200cخواهم"},
	} {
		if got := Neutralise(tc.in); got != tc.want {
			t.Errorf("%s: Neutralise(%q) = %q, want %q", tc.name, tc.in, got, tc.want)
		}
	}
}

func FuzzNeutralise(f *testing.F) {
	for _, s := range []string{"", "abc", "\u202eabc", "a\x00b", "\u200b", "👩\u200d🔧"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := Neutralise(s)
		if Neutralise(once) != once {
			t.Fatalf("not idempotent on %q", s)
		}
		for _, r := range once {
			if removed(r) {
				t.Fatalf("%q left %U", s, r)
			}
		}
	})
}
