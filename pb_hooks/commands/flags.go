package commands

import (
	"amem/internal/vocab"
	"fmt"
	"regexp"
	"strings"
)

var (
	countryCode  = regexp.MustCompile(vocab.CountryPattern)
	languageCode = regexp.MustCompile(vocab.LanguagePattern)
	topicName    = regexp.MustCompile(`^[a-z_]+$`)
)

// parseCodes splits a comma-separated flag value ("MA, TN") into codes,
// normalising case, and names the first one that is not a valid what.
func parseCodes(flag, value, what string, pattern *regexp.Regexp, upper bool) ([]string, error) {
	codes := []string{}
	for _, part := range strings.Split(value, ",") {
		code := strings.TrimSpace(part)
		if code == "" {
			continue
		}
		if upper {
			code = strings.ToUpper(code)
		} else {
			code = strings.ToLower(code)
		}
		if !pattern.MatchString(code) {
			return nil, fmt.Errorf("--%s: %q is not %s", flag, part, what)
		}
		codes = append(codes, code)
	}
	return codes, nil
}

func parseCountries(flag, value string) ([]string, error) {
	return parseCodes(flag, value, "a two-letter country code such as MA or TN", countryCode, true)
}

func parseLanguages(flag, value string) ([]string, error) {
	return parseCodes(flag, value, "a language code such as ar, fr or en", languageCode, false)
}

func parseTopics(flag, value string) ([]string, error) {
	return parseCodes(flag, value, "a topic such as wages or recruitment", topicName, false)
}
