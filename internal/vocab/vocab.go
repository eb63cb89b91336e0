// Package vocab holds the shared vocabularies of AMEM: the value lists that
// the schema, the content import, routing and the commands agree on (phases,
// topics, countries, languages, kinds of contacts and organisations, …).
//
// The migrations in pb_migrations/ keep their own literal copies of these
// lists, because a migration is history and must not change when a list
// does; pb_migrations/vocab_test.go checks that the schema they build uses
// exactly these values. A new value therefore takes a new migration and a
// change here, in the same commit. The lists for editors are also written
// out in docs/content.md: change both together.
//
// Not here: the question statuses (the question lifecycle has its own
// package) and the kinds of push notification (internal/push.Kinds).
//
// Pure Go, no PocketBase: anything may import it.
package vocab

import (
	"regexp"
	"slices"
)

// Languages are the languages every guide is written in, in file-name form
// (the app's languages). Contacts and counsellors may list others.
var Languages = []string{"ar", "fr", "en"}

// LanguagePattern is the form of every language code in the schema: a BCP 47
// primary language subtag (ISO 639-1, or 639-3 where there is no two-letter code).
const LanguagePattern = `^[a-z]{2,3}$`

// Dialects are the spoken languages a guide's recording may be in besides
// the languages guides are written in: what many workers speak but few read.
// Each lists the app languages whose readers are offered its recordings
// (where these are spoken, people read Arabic or French). A language a
// partner adds with a locale file is offered to its own readers.
var Dialects = map[string][]string{
	"ary": {"ar", "fr"}, // Moroccan Arabic (Darija)
	"aeb": {"ar", "fr"}, // Tunisian Arabic (Derja)
	"mey": {"ar", "fr"}, // Hassaniya (Mauritania)
	"zgh": {"ar", "fr"}, // Standard Moroccan Tamazight
	"tzm": {"ar", "fr"}, // Central Atlas Tamazight
}

// RecordingOffered reports whether a recording in language rec is offered
// to a reader of the app in language lang: one in lang itself, or in a
// dialect whose speakers read lang.
func RecordingOffered(rec, lang string) bool {
	return rec == lang || slices.Contains(Dialects[rec], lang)
}

// Countries are the ISO 3166-1 alpha-2 codes that guides and contacts may use.
var Countries = []string{"MA", "TN", "MR", "LY", "QA", "SA", "AE", "FR", "IT", "ES", "DE"}

// CountryPattern is the form of every country code in the schema (ISO
// 3166-1 alpha-2, upper case); a worker may be in a country not in Countries.
const CountryPattern = `^[A-Z]{2}$`

// Phases are the moments of a migration journey: of a guide, of a worker's
// profile and of a question.
var Phases = []string{"pre_departure", "on_arrival", "at_work", "return"}

// Topics are the subjects a guide can be filed under.
var Topics = []string{
	"recruitment", "fees", "fraud", "contract", "documents", "wages", "working_time",
	"social_security", "health", "housing", "domestic_work", "discrimination", "trafficking",
	"forced_labour", "violence", "complaints", "unions", "residence", "seasonal_work",
	"remittances", "return",
}

// TopicOther is the topic a worker picks when none fits; it does not narrow
// the choice of counsellor.
const TopicOther = "other"

// QuestionTopics are the topics of a question and of a canned answer: those
// of the guides, plus TopicOther.
var QuestionTopics = append(slices.Clip(Topics), TopicOther)

// ContactKinds are the kinds of help contacts in the directory.
var ContactKinds = []string{"union", "hotline", "ministry", "agency", "embassy", "ngo"}

// OrganisationKinds are the kinds of organisations whose counsellors answer workers.
var OrganisationKinds = []string{"union", "institution", "ngo"}

// AgencyStatuses are the statuses of a recruitment agency on an official list.
var AgencyStatuses = []string{"licensed", "suspended", "revoked"}

// Kinds of questions: a question (also when none is given, as before
// reports existed), or a worker's report of a recruiter or employer.
const (
	KindQuestion = "question"
	KindReport   = "report"
)

// QuestionKinds lists KindQuestion and KindReport.
var QuestionKinds = []string{KindQuestion, KindReport}

// Origins of a guide or a contact.
const (
	OriginFile   = "file"   // imported from content/
	OriginEdited = "edited" // changed in the dashboard; an import never overwrites it
)

// Origins lists OriginFile and OriginEdited.
var Origins = []string{OriginFile, OriginEdited}

// The worker's answer to "did this help?"; a question nobody rated has none,
// and is counted neither way.
const (
	HelpfulYes = "yes"
	HelpfulNo  = "no"
)

// HelpfulAnswers lists HelpfulYes and HelpfulNo.
var HelpfulAnswers = []string{HelpfulYes, HelpfulNo}

// CaseEventKinds are the entries of a case's audit trail (case_events).
var CaseEventKinds = []string{
	"routed", "overdue", "transferred", "consent_asked", "consent_given", "consent_refused", "closed", "reopened", "urgency",
}

var countryCode = regexp.MustCompile(CountryPattern)

// IsCountryCode reports whether c is written as a country code (two capital
// letters, ISO 3166-1 alpha-2). Any such code is accepted where a worker
// says where they are: the list of Countries is what the guides cover.
func IsCountryCode(c string) bool { return countryCode.MatchString(c) }

// CloseOutcomes are how a counsellor closed a case: answered, referred to
// another service (questions.referred_to says which), no reply from the
// worker, or out of scope. A worker's own "solved" sets none.
var CloseOutcomes = []string{"answered", "referred", "no_reply", "out_of_scope"}

// LabelColours are the colours an organisation's labels may have (the
// inbox draws each with its own tint).
var LabelColours = []string{"grey", "red", "orange", "green", "blue", "purple"}

// ReviewContract says whether an agency honoured the contract, as a worker
// who used it rates it (agency_reviews.contract).
var ReviewContract = []string{"yes", "partly", "no"}

// Review statuses: a review waits for a counsellor, who publishes or
// rejects it; only published reviews count in a rating.
const (
	ReviewPending   = "pending"
	ReviewPublished = "published"
	ReviewRejected  = "rejected"
)

// ReviewStatuses are agency_reviews.status.
var ReviewStatuses = []string{ReviewPending, ReviewPublished, ReviewRejected}
