package content

import "slices"

// DefaultFallbackOrder is the order in which languages stand in for a
// missing translation.
var DefaultFallbackOrder = []string{"en", "fr", "ar"}

// PickLanguage chooses the language to serve a guide in, given the languages
// it exists in and the reader's. It returns the reader's language when the
// guide has it; otherwise the first of order (DefaultFallbackOrder when nil)
// that the guide has, with fallback true. A guide in none of those is served
// in its first listed language; with no language at all it returns "".
func PickLanguage(available []string, reader string, order []string) (lang string, fallback bool) {
	if slices.Contains(available, reader) {
		return reader, false
	}
	for _, l := range fallbackOrder(order) {
		if slices.Contains(available, l) {
			return l, true
		}
	}
	if len(available) > 0 {
		return available[0], true
	}
	return "", false
}

func fallbackOrder(order []string) []string {
	if order == nil {
		return DefaultFallbackOrder
	}
	return order
}
