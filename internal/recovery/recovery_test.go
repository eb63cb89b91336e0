package recovery

import (
	"strings"
	"testing"
)

func TestCodesRoundTripAsTyped(t *testing.T) {
	code := New()
	if len(code) != Length+3 || strings.Count(code, "-") != 3 {
		t.Fatalf("code %q is not four groups of four", code)
	}
	for _, typed := range []string{code, strings.ToLower(code), strings.ReplaceAll(code, "-", " "), strings.ReplaceAll(code, "-", "")} {
		if !Valid(typed) || Hash(typed) != Hash(code) {
			t.Errorf("%q typed as %q does not match", code, typed)
		}
	}
}

func TestInvalidCodes(t *testing.T) {
	for _, code := range []string{"", "K7MQ-2RTX-9BCD", "K7MQ-2RTX-9BCD-HW3PX", "K7MQ-2RTX-9BCD-HW30", "K7MQ-2RTX-9BCD-HW3É"} {
		if Valid(code) {
			t.Errorf("%q is valid", code)
		}
	}
}
