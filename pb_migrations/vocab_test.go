package pb_migrations

import (
	"slices"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"amem/internal/cases"
	"amem/internal/push"
	"amem/internal/vocab"
)

// TestSelectValuesAreTheVocabulary ties the migrations' literal lists to
// internal/vocab: every select field of the schema they build must offer
// exactly (and in the same order) the values of its vocabulary, and every
// language and country code field must have the vocabulary's pattern. A
// select field added without an entry below fails the test.
func TestSelectValuesAreTheVocabulary(t *testing.T) {
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()

	pushKinds := make([]string, len(push.Kinds))
	for i, k := range push.Kinds {
		pushKinds[i] = string(k)
	}
	lifecycle := cases.Strings(cases.Statuses)
	want := map[string][]string{
		"organisations.kind":              vocab.OrganisationKinds,
		"workers.phase":                   vocab.Phases,
		"guides.phase":                    vocab.Phases,
		"guides.origin":                   vocab.Origins,
		"contacts.kind":                   vocab.ContactKinds,
		"contacts.origin":                 vocab.Origins,
		"guide_recordings.origin":         vocab.Origins,
		"agencies.status":                 vocab.AgencyStatuses,
		"questions.phase":                 vocab.Phases,
		"questions.topic":                 vocab.QuestionTopics,
		"questions.helpful":               vocab.HelpfulAnswers,
		"questions.outcome":               vocab.CloseOutcomes,
		"questions.kind":                  vocab.QuestionKinds,
		"labels.colour":                   vocab.LabelColours,
		"canned_answers.topic":            vocab.QuestionTopics,
		"case_events.kind":                vocab.CaseEventKinds,
		"agency_reviews.contract":         vocab.ReviewContract,
		"agency_reviews.status":           vocab.ReviewStatuses,
		"push_outbox.kind":                pushKinds,
		"questions.status":                lifecycle,
		"questions.status_before_consent": lifecycle,
	}
	// Vocabularies kept elsewhere, not checked here.
	elsewhere := map[string]string{}
	patterns := map[string]string{
		"lang":            vocab.LanguagePattern,
		"name_lang":       vocab.LanguagePattern,
		"country":         vocab.CountryPattern,
		"destination":     vocab.CountryPattern,
		"pending_country": vocab.CountryPattern,
	}

	collections, err := app.FindAllCollections()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range collections {
		if c.System {
			continue
		}
		for _, f := range c.Fields {
			key := c.Name + "." + f.GetName()
			switch f := f.(type) {
			case *core.SelectField:
				seen[key] = true
				if _, ok := elsewhere[key]; ok {
					continue
				}
				values, ok := want[key]
				if !ok {
					t.Errorf("%s: a select field with no vocabulary in this test: add one to internal/vocab", key)
					continue
				}
				if !slices.Equal(f.Values, values) {
					t.Errorf("%s offers %q, internal/vocab has %q", key, f.Values, values)
				}
			case *core.TextField:
				if p, ok := patterns[f.Name]; ok && f.Pattern != p {
					t.Errorf("%s has the pattern %q, internal/vocab has %q", key, f.Pattern, p)
				}
			}
		}
	}
	for key := range want {
		if !seen[key] {
			t.Errorf("%s: no such select field in the schema", key)
		}
	}
	for key := range elsewhere {
		if !seen[key] {
			t.Errorf("%s: no such select field in the schema", key)
		}
	}
}
