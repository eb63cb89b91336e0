package content_test

import (
	"testing"

	"amem/internal/content"
)

func TestPickLanguage(t *testing.T) {
	tests := []struct {
		name         string
		available    []string
		reader       string
		order        []string
		want         string
		wantFallback bool
	}{
		{"reader's language", []string{"ar", "fr", "en"}, "ar", nil, "ar", false},
		{"english stands in first", []string{"ar", "fr", "en"}, "es", nil, "en", true},
		{"then french", []string{"ar", "fr"}, "en", nil, "fr", true},
		{"then arabic", []string{"ar"}, "fr", nil, "ar", true},
		{"a configured order", []string{"fr", "en"}, "ar", []string{"fr", "en"}, "fr", true},
		{"outside the order", []string{"es"}, "ar", nil, "es", true},
		{"no language at all", nil, "ar", nil, "", false},
		{"empty reader language", []string{"fr", "en"}, "", nil, "en", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, fallback := content.PickLanguage(tt.available, tt.reader, tt.order)
			if got != tt.want || fallback != tt.wantFallback {
				t.Errorf("PickLanguage(%v, %q, %v) = %q, %v; want %q, %v",
					tt.available, tt.reader, tt.order, got, fallback, tt.want, tt.wantFallback)
			}
		})
	}
}
