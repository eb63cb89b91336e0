package vocab

import (
	"regexp"
	"slices"
	"testing"
)

func TestListsHaveNoDuplicatesOrBlanks(t *testing.T) {
	lists := map[string][]string{
		"Languages": Languages, "Countries": Countries, "Phases": Phases, "Topics": Topics,
		"QuestionTopics": QuestionTopics, "ContactKinds": ContactKinds, "OrganisationKinds": OrganisationKinds,
		"AgencyStatuses": AgencyStatuses, "Origins": Origins, "HelpfulAnswers": HelpfulAnswers,
		"CaseEventKinds": CaseEventKinds, "QuestionKinds": QuestionKinds,
	}
	for name, list := range lists {
		if len(list) == 0 {
			t.Errorf("%s is empty", name)
		}
		seen := map[string]bool{}
		for _, v := range list {
			if v == "" || seen[v] {
				t.Errorf("%s: %q is blank or repeated", name, v)
			}
			seen[v] = true
		}
	}
}

func TestQuestionTopicsAreGuideTopicsAndOther(t *testing.T) {
	if want := append(slices.Clone(Topics), TopicOther); !slices.Equal(QuestionTopics, want) {
		t.Errorf("QuestionTopics = %v, want %v", QuestionTopics, want)
	}
	if slices.Contains(Topics, TopicOther) {
		t.Errorf("guides cannot be filed under %q", TopicOther)
	}
	// QuestionTopics must not share Topics' array: appending to one must not change the other.
	if &QuestionTopics[0] == &Topics[0] {
		t.Error("QuestionTopics shares the array of Topics")
	}
}

func TestCodesHaveTheirForm(t *testing.T) {
	for pattern, codes := range map[string][]string{CountryPattern: Countries, LanguagePattern: Languages} {
		re := regexp.MustCompile(pattern)
		for _, c := range codes {
			if !re.MatchString(c) {
				t.Errorf("%q does not match %s", c, pattern)
			}
		}
	}
}

func TestRecordingOffered(t *testing.T) {
	for _, c := range []struct {
		rec, lang string
		want      bool
	}{
		{"ar", "ar", true}, {"ary", "ar", true}, {"mey", "fr", true}, {"zgh", "fr", true},
		{"ary", "en", false}, {"fr", "ar", false}, {"tzm", "tzm", true},
	} {
		if got := RecordingOffered(c.rec, c.lang); got != c.want {
			t.Errorf("RecordingOffered(%q, %q) = %v", c.rec, c.lang, got)
		}
	}
}
