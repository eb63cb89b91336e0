package pb_migrations

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// The initial schema: every AMEM collection with its fields, indexes and API
// rules, one function per collection, in the order they depend on each other.
// Each function starts with the rules and a note on who may do what and why.
//
// Rules, as everywhere in PocketBase: nil = superusers only, "" = everyone.
// Server-only fields are protected twice: the rules below forbid them in
// request bodies, and the routes in pb_hooks/ set them.
//
// testdata/schema.json holds what these functions build and schema_test.go
// checks it; vocab_test.go checks the select values against internal/vocab.
// The field order of a few collections (created/updated before the last
// fields) is the order the schema was first built in, kept so that the
// squash of the 23 earlier migrations changed nothing.
//
// Those migrations (1796040000–1796040201) never ran anywhere but on
// developers' machines: a pb_data made by them must be deleted, as this
// migration creates the collections anew.
func init() {
	m.Register(func(app core.App) error {
		// PocketBase starts every app with a "users" auth collection that anyone
		// may sign up to. AMEM has workers and counsellors instead: remove it, so
		// that no account can be made outside our rules.
		if err := deleteCollection(app, "users"); err != nil {
			return err
		}
		for _, build := range []func(core.App) (*core.Collection, error){
			organisationsCollection,
			counsellorsCollection,
			workersCollection,
			guidesCollection,
			contactsCollection,
			agenciesCollection,
			alertsCollection,
			questionsCollection,
			messagesCollection,
			caseEventsCollection,
			cannedAnswersCollection,
			pushSubscriptionsCollection,
			pushOutboxCollection,
			tombstonesCollection,
		} {
			c, err := build(app)
			if err != nil {
				return err
			}
			if err := app.Save(c); err != nil {
				return err
			}
		}
		return nil
	}, func(app core.App) error {
		// Dependants first. The "users" collection is not brought back.
		for _, name := range []string{
			"tombstones", "push_outbox", "push_subscriptions", "canned_answers", "case_events",
			"messages", "questions", "alerts", "agencies", "contacts", "guides",
			"workers", "counsellors", "organisations",
		} {
			if err := deleteCollection(app, name); err != nil {
				return err
			}
		}
		return nil
	})
}

// Pieces of rules used by several collections.
const (
	isWorker     = `@request.auth.collectionName = "workers"`
	isCounsellor = `@request.auth.collectionName = "counsellors"`
	// the record belongs to the signed-in counsellor's organisation
	counsellorOfOrg = isCounsellor + ` && organisation = @request.auth.organisation`
)

// all joins rule terms with &&.
func all(terms ...string) string { return strings.Join(terms, " && ") }

// unchanged says that a request leaves these fields as they are.
func unchanged(fields ...string) string {
	terms := make([]string, len(fields))
	for i, f := range fields {
		terms[i] = "@request.body." + f + ":changed = false"
	}
	return all(terms...)
}

// notSent says that a request body does not carry these fields at all.
func notSent(fields ...string) string {
	terms := make([]string, len(fields))
	for i, f := range fields {
		terms[i] = "@request.body." + f + ":isset = false"
	}
	return all(terms...)
}

// phases are the moments of a migration journey (guides, workers, questions).
var phases = []string{"pre_departure", "on_arrival", "at_work", "return"}

// questionTopics are the topics a worker may pick when asking (those of the
// guides, plus "other"); canned answers are filed under the same.
var questionTopics = []string{
	"recruitment", "fees", "fraud", "contract", "documents", "wages", "working_time",
	"social_security", "health", "housing", "domestic_work", "discrimination",
	"trafficking", "forced_labour", "violence", "complaints", "unions", "residence",
	"seasonal_work", "remittances", "return", "other",
}

// origins: "file" was imported from content/, "edited" was changed in the
// dashboard and is never overwritten by an import.
var origins = []string{"file", "edited"}

// voiceNoteTypes are the containers browsers record voice notes in
// (MediaRecorder: Opus in WebM or Ogg, AAC in MP4 on Safari). A WebM with
// only audio is often sniffed as video/webm, so that is accepted too.
var voiceNoteTypes = []string{"audio/webm", "video/webm", "audio/ogg", "audio/mp4", "video/mp4", "audio/x-m4a", "audio/aac", "audio/mpeg"}

// photosField: up to three photos of documents (a contract, a payslip, a
// recruiter's receipt) on a question or a message. Resized and re-encoded on
// the phone; the server also strips their metadata (pb_hooks/photos.go).
// Protected: only those who may read the record may fetch them, with a file token.
func photosField() *core.FileField {
	return &core.FileField{Name: "photos", MaxSelect: 3, MaxSize: 4 << 20,
		MimeTypes: []string{"image/jpeg", "image/png"}, Protected: true}
}

// organisations: the unions and institutions whose counsellors answer workers.
//
//	read:  everyone (a worker is told which union has their case)
//	write: superusers (`amem org` on the command line)
func organisationsCollection(core.App) (*core.Collection, error) {
	c := core.NewBaseCollection("organisations")
	c.ListRule = public
	c.ViewRule = public
	c.Fields.Add(
		&core.TextField{Name: "name", Required: true, Max: 200, Presentable: true},
		&core.TextField{Name: "short", Max: 30, Help: "acronym, e.g. UGTT"},
		&core.SelectField{Name: "kind", Values: []string{"union", "institution", "ngo"}, MaxSelect: 1, Required: true},
		&core.JSONField{Name: "countries", MaxSize: 2000, Help: "ISO country codes the organisation covers"},
		&core.URLField{Name: "url"},
		&core.BoolField{Name: "active"},
	)
	addTimestamps(c)
	c.AddIndex("idx_organisations_name", true, "name", "")
	return c, nil
}

// counsellors (auth): union counsellors who answer questions.
//
//	read:   counsellors of the same organisation (their colleagues)
//	update: a coordinator changes their colleagues' capacity, languages,
//	        countries, topics and active flag; a counsellor edits their own
//	        profile but not those; nobody but a superuser moves a counsellor
//	        to another organisation or makes a coordinator
//	create, delete: superusers (`amem counsellor`)
//	sign in: password, then a one-time code by e-mail (MFA); a deactivated
//	        counsellor cannot sign in; a session lasts a working day
func counsellorsCollection(app core.App) (*core.Collection, error) {
	refs := &collectionRefs{app: app}
	c := core.NewAuthCollection("counsellors")
	c.ListRule = rule(counsellorOfOrg)
	c.ViewRule = rule(counsellorOfOrg)
	c.UpdateRule = rule(all(counsellorOfOrg, unchanged("organisation", "coordinator"),
		"(@request.auth.coordinator = true || ("+
			all("@request.auth.id = id", unchanged("capacity", "active", "countries", "languages", "topics"))+
			"))"))
	c.AuthRule = rule("active = true")
	c.OTP.Enabled = true
	c.OTP.Duration = 300
	c.OTP.Length = 6
	c.MFA.Enabled = true
	c.MFA.Duration = 600
	c.AuthToken.Duration = 10 * 3600
	c.Fields.Add(
		&core.TextField{Name: "name", Required: true, Max: 120, Presentable: true},
		&core.RelationField{Name: "organisation", CollectionId: refs.id("organisations"), MaxSelect: 1, Required: true},
		&core.JSONField{Name: "countries", MaxSize: 2000, Help: "ISO country codes this counsellor covers"},
		&core.JSONField{Name: "languages", MaxSize: 2000, Help: "language codes this counsellor answers in"},
		&core.JSONField{Name: "topics", MaxSize: 4000, Help: "topics; empty means all"},
		&core.NumberField{Name: "capacity", OnlyInt: true, Min: minmax(1), Max: minmax(500), Required: true, Help: "open cases this counsellor can carry"},
		&core.BoolField{Name: "active"},
		&core.BoolField{Name: "coordinator"},
	)
	addTimestamps(c)
	c.AddIndex("idx_counsellors_organisation", false, "organisation", "")
	return c, refs.err
}

// workers (auth): anonymous device accounts. No name, phone or e-mail is asked.
//
//	read, update: the worker themself (language, where they are and where
//	        they go), never e-mail, password or verified
//	create: superusers only: workers are made and recovered through
//	        /api/amem/workers (rate limited, issuing a recovery code), so
//	        password sign-in is off
//	delete: superusers; a worker erases themself with DELETE /api/amem/workers/me
//
// recovery_hash is a hidden field: PocketBase drops it from the bodies of
// everyone but superusers, so no rule is needed to protect it.
func workersCollection(core.App) (*core.Collection, error) {
	c := core.NewAuthCollection("workers")
	self := isWorker + ` && id = @request.auth.id`
	c.ListRule = rule(self)
	c.ViewRule = rule(self)
	c.UpdateRule = rule(all(self, notSent("email", "password", "verified")))
	// Anonymous: the e-mail that auth collections require by default is optional here.
	c.Fields.GetByName("email").(*core.EmailField).Required = false
	c.PasswordAuth.Enabled = false
	// No e-mails are ever sent to workers (there are none to send to).
	c.AuthAlert.Enabled = false
	// A phone may stay offline for weeks: keep the token for 90 days.
	c.AuthToken.Duration = 90 * 24 * 3600
	c.Fields.Add(
		&core.TextField{Name: "lang", Max: 3, Pattern: langPattern},
		&core.TextField{Name: "country", Max: 2, Pattern: countryPattern, Help: "where the worker is"},
		&core.TextField{Name: "destination", Max: 2, Pattern: countryPattern, Help: "where the worker is going"},
		&core.SelectField{Name: "phase", Values: phases, MaxSelect: 1},
		// sha256 of the recovery code; the code itself is shown once and never stored.
		&core.TextField{Name: "recovery_hash", Hidden: true, Max: 64},
	)
	addTimestamps(c)
	c.AddIndex("idx_workers_recovery_hash", true, "recovery_hash", "recovery_hash != ''")
	return c, nil
}

// guides: the rights guides, one record per guide and language, imported from
// content/ (origin "file") or edited in the dashboard (origin "edited").
//
//	read:  everyone (they travel to the phone in the sync)
//	write: superusers (the import, and editors in the dashboard)
func guidesCollection(core.App) (*core.Collection, error) {
	c := core.NewBaseCollection("guides")
	c.ListRule = public
	c.ViewRule = public
	c.Fields.Add(
		&core.TextField{Name: "slug", Required: true, Max: 100, Pattern: `^[a-z0-9]+(-[a-z0-9]+)*$`},
		&core.TextField{Name: "lang", Required: true, Max: 3, Pattern: langPattern},
		&core.TextField{Name: "title", Required: true, Max: 200, Presentable: true},
		&core.TextField{Name: "summary", Max: 500},
		&core.TextField{Name: "body", Required: true, Max: 200000, Help: "Markdown source"},
		&core.TextField{Name: "html", Max: 400000, Help: "rendered and sanitised from body by the server"},
		&core.SelectField{Name: "phase", Values: phases, MaxSelect: 1, Required: true},
		&core.JSONField{Name: "countries", MaxSize: 2000},
		&core.JSONField{Name: "topics", MaxSize: 2000},
		&core.JSONField{Name: "sources", MaxSize: 20000, Help: `[{"title": "...", "url": "https://..."}]`},
		&core.DateField{Name: "reviewed", Required: true},
		&core.SelectField{Name: "origin", Values: origins, MaxSelect: 1},
		&core.TextField{Name: "hash", Max: 64, Help: "sha256 of the shipped file last imported"},
	)
	addRev(c)
	addTimestamps(c)
	c.AddIndex("idx_guides_slug_lang", true, "slug, lang", "")
	return c, nil
}

// contacts: the help directory (unions, hotlines, ministries, agencies,
// embassies, NGOs), imported from content/contacts.yaml; like a guide, a
// contact edited in the dashboard ("edited") is never overwritten.
//
//	read:  everyone (it travels to the phone in the sync)
//	write: superusers
func contactsCollection(core.App) (*core.Collection, error) {
	c := core.NewBaseCollection("contacts")
	c.ListRule = public
	c.ViewRule = public
	c.Fields.Add(
		&core.TextField{Name: "key", Required: true, Max: 100, Pattern: `^[a-z0-9]+(-[a-z0-9]+)*$`},
		&core.TextField{Name: "name", Required: true, Max: 200, Presentable: true},
		&core.SelectField{Name: "kind", Values: []string{"union", "hotline", "ministry", "agency", "embassy", "ngo"}, MaxSelect: 1, Required: true},
		&core.TextField{Name: "country", Required: true, Max: 2, Pattern: countryPattern},
		&core.TextField{Name: "city", Max: 100},
		&core.TextField{Name: "phone", Max: 40},
		&core.TextField{Name: "whatsapp", Max: 40},
		&core.TextField{Name: "email", Max: 200},
		&core.TextField{Name: "url", Max: 500},
		&core.TextField{Name: "hours", Max: 200},
		&core.JSONField{Name: "languages", MaxSize: 500},
		&core.JSONField{Name: "about", MaxSize: 10000, Help: `{"ar": "...", "fr": "...", "en": "..."}`},
		&core.TextField{Name: "source", Required: true, Max: 500, Help: "where the details were confirmed"},
		&core.DateField{Name: "verified", Required: true},
	)
	addRev(c)
	addTimestamps(c)
	c.Fields.Add(
		&core.SelectField{Name: "origin", Values: origins, MaxSelect: 1},
		&core.TextField{Name: "hash", Max: 64, Help: "sha256 of the shipped entry last imported"},
	)
	c.AddIndex("idx_contacts_key", true, "key", "")
	return c, nil
}

// agencies: licensed private recruitment agencies, from the official lists an
// admin imports (`amem agencies import`).
//
//	read:  everyone, so a worker can check a recruiter offline
//	write: superusers
func agenciesCollection(core.App) (*core.Collection, error) {
	c := core.NewBaseCollection("agencies")
	c.ListRule = public
	c.ViewRule = public
	c.Fields.Add(
		&core.TextField{Name: "name", Required: true, Max: 300, Presentable: true},
		&core.TextField{Name: "licence", Max: 100, Help: "licence number as published"},
		&core.TextField{Name: "country", Required: true, Max: 2, Pattern: countryPattern},
		&core.SelectField{Name: "status", Values: []string{"licensed", "suspended", "revoked"}, MaxSelect: 1, Required: true},
		&core.TextField{Name: "source", Required: true, Max: 500, Help: "the official list it comes from"},
		&core.DateField{Name: "as_of", Required: true, Help: "date of that list"},
	)
	addRev(c)
	addTimestamps(c)
	c.AddIndex("idx_agencies_country_licence", true, "country, licence", "licence != ''")
	return c, nil
}

// alerts: notices broadcast by country and language (e.g. a fraudulent recruiter).
//
//	read:   everyone once published; drafts only the counsellors of the
//	        organisation that wrote them
//	create, update, delete: coordinators, for their own organisation only
//	        (an alert cannot be moved to another organisation)
func alertsCollection(app core.App) (*core.Collection, error) {
	refs := &collectionRefs{app: app}
	c := core.NewBaseCollection("alerts")
	coordinator := all(isCounsellor, `@request.auth.coordinator = true`)
	c.ListRule = rule("published = true || (" + counsellorOfOrg + ")")
	c.ViewRule = rule("published = true || (" + counsellorOfOrg + ")")
	c.CreateRule = rule(all(coordinator, `@request.body.organisation = @request.auth.organisation`))
	c.UpdateRule = rule(all(coordinator, `organisation = @request.auth.organisation`, unchanged("organisation")))
	c.DeleteRule = rule(all(coordinator, `organisation = @request.auth.organisation`))
	c.Fields.Add(
		&core.TextField{Name: "title", Required: true, Max: 200, Presentable: true},
		&core.TextField{Name: "body", Required: true, Max: 5000},
		&core.TextField{Name: "country", Required: true, Max: 2, Pattern: countryPattern},
		&core.TextField{Name: "lang", Required: true, Max: 3, Pattern: langPattern},
		&core.RelationField{Name: "organisation", CollectionId: refs.id("organisations"), MaxSelect: 1},
		&core.BoolField{Name: "published"},
		&core.DateField{Name: "expires"},
	)
	addRev(c)
	addTimestamps(c)
	c.AddIndex("idx_alerts_country_lang", false, "country, lang", "")
	return c, refs.err
}

// questions: what a worker asks.
//
//	read:   the worker who asked, and the counsellors of the organisation
//	        the question is routed to
//	create: a worker, for themself, without status or routing fields
//	        (the server routes the question)
//	update: nobody changes the question as sent (worker, client_id, text,
//	        audio, photos) nor the routing (counsellor, organisation, due,
//	        urgent, routing_note) or a pending transfer (pending_*): those are
//	        the server's, and a counsellor moves a case only through
//	        /api/amem/questions/{id}/transfer (a case never leaves its union
//	        without the worker's consent). Besides that,
//	        - the worker may close their question and say whether the answer helped;
//	        - a counsellor of its organisation may close it or take it back to
//	          "assigned", but not answer "helpful" for the worker
//	delete: superusers; a worker erases their account and everything they
//	        sent with DELETE /api/amem/workers/me (the relations cascade)
func questionsCollection(app core.App) (*core.Collection, error) {
	refs := &collectionRefs{app: app}
	// The lifecycle's statuses (internal/cases; tested equal).
	statuses := []string{"new", "assigned", "answered", "closed", "escalated", "awaiting_consent"}
	c := core.NewBaseCollection("questions")
	owner := "(" + isWorker + ` && worker = @request.auth.id)`
	ownOrg := "(" + counsellorOfOrg + ")"
	asSent := all(unchanged("worker", "client_id", "text"), notSent("audio"))
	serverFields := notSent("counsellor", "organisation", "due", "urgent", "routing_note",
		"pending_organisation", "pending_counsellor", "pending_country", "status_before_consent")
	workerUpdates := all(owner, asSent,
		`(@request.body.status:isset = false || @request.body.status = "closed")`, serverFields)
	counsellorUpdates := all(ownOrg, asSent, notSent("helpful"),
		`(@request.body.status:isset = false || @request.body.status = "closed" || @request.body.status = "assigned")`, serverFields)

	c.ListRule = rule(owner + " || " + ownOrg)
	c.ViewRule = rule(owner + " || " + ownOrg)
	c.CreateRule = rule(all(isWorker,
		`(@request.body.worker:isset = false || @request.body.worker = @request.auth.id)`,
		notSent("status"), serverFields))
	c.UpdateRule = rule("((" + workerUpdates + ") || (" + counsellorUpdates + ")) && " + notSent("photos"))
	c.Fields.Add(
		&core.RelationField{Name: "worker", CollectionId: refs.id("workers"), MaxSelect: 1, Required: true, CascadeDelete: true},
		&core.TextField{Name: "client_id", Required: true, Min: 8, Max: 64, Pattern: `^[A-Za-z0-9_-]+$`, Help: "made on the phone; a resend with the same id returns the same question"},
		&core.TextField{Name: "text", Max: 4000},
		&core.FileField{Name: "audio", MaxSelect: 1, MaxSize: 5 << 20, MimeTypes: voiceNoteTypes, Protected: true},
		&core.TextField{Name: "lang", Required: true, Max: 3, Pattern: langPattern},
		&core.TextField{Name: "country", Max: 2, Pattern: countryPattern, Help: "where the worker is"},
		&core.TextField{Name: "destination", Max: 2, Pattern: countryPattern, Help: "where the worker is going"},
		&core.SelectField{Name: "phase", Values: phases, MaxSelect: 1},
		&core.SelectField{Name: "topic", Values: questionTopics, MaxSelect: 1},
		&core.SelectField{Name: "status", MaxSelect: 1,
			Values: statuses},
		&core.BoolField{Name: "urgent"},
		&core.RelationField{Name: "counsellor", CollectionId: refs.id("counsellors"), MaxSelect: 1},
		&core.RelationField{Name: "organisation", CollectionId: refs.id("organisations"), MaxSelect: 1},
		&core.DateField{Name: "due"},
		&core.TextField{Name: "routing_note", Max: 1000, Help: "why the question went where it is"},
	)
	addTimestamps(c)
	c.Fields.Add(
		// A transfer waiting for the worker's consent ("awaiting_consent").
		&core.RelationField{Name: "pending_organisation", CollectionId: refs.id("organisations"), MaxSelect: 1, Help: "where a transfer waits for the worker's consent"},
		&core.RelationField{Name: "pending_counsellor", CollectionId: refs.id("counsellors"), MaxSelect: 1},
		&core.TextField{Name: "pending_country", Max: 2, Pattern: countryPattern},
		&core.SelectField{Name: "status_before_consent", MaxSelect: 1, Values: statuses,
			Help: "what the case was before a transfer asked for consent; a refusal puts it back"},
		// Sent with the question, never changed later.
		photosField(),
		// "yes", "no" or empty: a question nobody rated must not count as
		// "did not help" in the statistics for the tripartite committees.
		&core.SelectField{Name: "helpful", Values: []string{"yes", "no"}, MaxSelect: 1,
			Help: "the worker's answer to 'did this help?'; empty when not answered"},
		// The cell-key method's record key (internal/disclosure): drawn by
		// the server when the question is made, never shown, never changed.
		&core.NumberField{Name: "stats_key", Hidden: true, OnlyInt: true, Min: types.Pointer(0.0), Max: types.Pointer(4294967295.0),
			Help: "secret random record key for the statistics' perturbation; set by the server"},
	)
	c.AddIndex("idx_questions_worker_client_id", true, "worker, client_id", "")
	c.AddIndex("idx_questions_organisation_status", false, "organisation, status", "")
	c.AddIndex("idx_questions_counsellor_status", false, "counsellor, status", "")
	// Routing reads each counsellor's latest question (pb_hooks/helpline/pool.go).
	c.AddIndex("idx_questions_counsellor_created", false, "counsellor, created", "")
	c.AddIndex("idx_questions_status_due", false, "status, due", "")
	return c, refs.err
}

// messages: the thread under a question.
//
//	read:   the worker, everything under their own questions but internal
//	        notes; the counsellors of the question's organisation, the
//	        conversation and the internal notes of their own organisation
//	        (a case handed over to another union does not take the first
//	        union's notes with it)
//	create: the worker, under their own questions, never an internal note;
//	        a counsellor of the question's organisation, an answer or an
//	        internal note. The author field matching the caller is filled in
//	        by the server; nobody may write as someone else.
//	update, delete: superusers only: the thread is the case's record
func messagesCollection(app core.App) (*core.Collection, error) {
	refs := &collectionRefs{app: app}
	c := core.NewBaseCollection("messages")
	workerReads := "(" + all(isWorker, `question.worker = @request.auth.id`, `internal = false`) + ")"
	counsellorReads := "(" + all(isCounsellor, `question.organisation = @request.auth.organisation`,
		`(internal = false || organisation = @request.auth.organisation)`) + ")"
	workerWrites := "(" + all(isWorker, `@request.body.question.worker = @request.auth.id`,
		notSent("internal", "counsellor"),
		`(@request.body.worker:isset = false || @request.body.worker = @request.auth.id)`) + ")"
	counsellorWrites := "(" + all(isCounsellor, `@request.body.question.organisation = @request.auth.organisation`,
		notSent("worker"),
		`(@request.body.counsellor:isset = false || @request.body.counsellor = @request.auth.id)`) + ")"
	c.ListRule = rule(workerReads + " || " + counsellorReads)
	c.ViewRule = rule(workerReads + " || " + counsellorReads)
	c.CreateRule = rule(workerWrites + " || " + counsellorWrites)
	c.Fields.Add(
		&core.RelationField{Name: "question", CollectionId: refs.id("questions"), MaxSelect: 1, Required: true, CascadeDelete: true},
		&core.RelationField{Name: "worker", CollectionId: refs.id("workers"), MaxSelect: 1, Help: "set when the worker wrote it"},
		&core.RelationField{Name: "counsellor", CollectionId: refs.id("counsellors"), MaxSelect: 1, Help: "set when a counsellor wrote it"},
		&core.TextField{Name: "text", Max: 4000},
		&core.FileField{Name: "audio", MaxSelect: 1, MaxSize: 5 << 20, MimeTypes: voiceNoteTypes, Protected: true},
		&core.BoolField{Name: "internal", Help: "a note between counsellors; the worker never sees it"},
		&core.RelationField{Name: "organisation", CollectionId: refs.id("organisations"), MaxSelect: 1,
			Help: "the organisation of the counsellor who wrote it (set by the server); its internal notes stay with it"},
	)
	addTimestamps(c)
	c.Fields.Add(
		photosField(),
		// Made on the phone, like a question's, so that a follow-up resent after
		// a lost reply or a crash is the same message, never a second one.
		// Optional (counsellors' inbox messages need none).
		&core.TextField{Name: "client_id", Max: 64, Pattern: `^[A-Za-z0-9_-]*$`,
			Help: "made on the device; a resend with the same id returns the same message"},
	)
	c.AddIndex("idx_messages_question", false, "question, created", "")
	c.AddIndex("idx_messages_question_client_id", true, "question, client_id", "client_id != ''")
	return c, refs.err
}

// case_events: the audit trail of a case: where the server routed it and
// why, re-routing when overdue, transfers, the worker's consent. Nothing
// personal: ids and reasons, never the worker's words.
//
//	read:  the counsellors of the question's organisation, the events that
//	       concern it (from or to it): a case handed over keeps the sending
//	       union's trail with that union, and the hand-over reaches both
//	write: superusers only: written by the server
func caseEventsCollection(app core.App) (*core.Collection, error) {
	refs := &collectionRefs{app: app}
	c := core.NewBaseCollection("case_events")
	read := rule(all(isCounsellor, `question.organisation = @request.auth.organisation`,
		`(from_organisation = @request.auth.organisation || to_organisation = @request.auth.organisation)`))
	c.ListRule = read
	c.ViewRule = read
	c.Fields.Add(
		&core.RelationField{Name: "question", CollectionId: refs.id("questions"), MaxSelect: 1, Required: true, CascadeDelete: true},
		&core.SelectField{Name: "kind", MaxSelect: 1, Required: true, Values: []string{
			"routed", "overdue", "transferred", "consent_asked", "consent_given", "consent_refused", "closed", "reopened",
		}},
		&core.RelationField{Name: "from_counsellor", CollectionId: refs.id("counsellors"), MaxSelect: 1},
		&core.RelationField{Name: "to_counsellor", CollectionId: refs.id("counsellors"), MaxSelect: 1},
		&core.RelationField{Name: "from_organisation", CollectionId: refs.id("organisations"), MaxSelect: 1},
		&core.RelationField{Name: "to_organisation", CollectionId: refs.id("organisations"), MaxSelect: 1},
		&core.RelationField{Name: "actor", CollectionId: refs.id("counsellors"), MaxSelect: 1, Help: "the counsellor who acted; empty when the server did"},
		&core.TextField{Name: "note", Max: 4000},
	)
	addTimestamps(c)
	c.AddIndex("idx_case_events_question", false, "question, created", "")
	return c, refs.err
}

// canned_answers: answers an organisation keeps ready, per language and topic.
//
//	read:  the counsellors of that organisation
//	create, update, delete: its coordinators (never for, or into, another organisation)
func cannedAnswersCollection(app core.App) (*core.Collection, error) {
	refs := &collectionRefs{app: app}
	c := core.NewBaseCollection("canned_answers")
	coordinatorOfOrg := all(counsellorOfOrg, `@request.auth.coordinator = true`)
	c.ListRule = rule(counsellorOfOrg)
	c.ViewRule = rule(counsellorOfOrg)
	c.CreateRule = rule(all(isCounsellor, `@request.auth.coordinator = true`, `@request.body.organisation = @request.auth.organisation`))
	c.UpdateRule = rule(all(coordinatorOfOrg, unchanged("organisation")))
	c.DeleteRule = rule(coordinatorOfOrg)
	c.Fields.Add(
		&core.RelationField{Name: "organisation", CollectionId: refs.id("organisations"), MaxSelect: 1, Required: true},
		&core.TextField{Name: "lang", Required: true, Max: 3, Pattern: langPattern},
		&core.SelectField{Name: "topic", Values: questionTopics, MaxSelect: 1},
		&core.TextField{Name: "title", Required: true, Max: 120, Presentable: true},
		&core.TextField{Name: "body", Required: true, Max: 4000},
	)
	addTimestamps(c)
	c.AddIndex("idx_canned_answers_org_lang", false, "organisation, lang, topic", "")
	return c, refs.err
}

// push_subscriptions: Web Push endpoints of workers and counsellors.
//
//	every rule: superusers only. They are managed through
//	/api/amem/push/subscriptions: an endpoint is a capability that must not leak.
//
// Indexed by owner and by language: the dispatcher and the notification
// triggers look them up that way.
func pushSubscriptionsCollection(app core.App) (*core.Collection, error) {
	refs := &collectionRefs{app: app}
	c := core.NewBaseCollection("push_subscriptions")
	c.Fields.Add(
		&core.TextField{Name: "endpoint", Required: true, Max: 2000},
		&core.TextField{Name: "p256dh", Required: true, Max: 200},
		&core.TextField{Name: "auth", Required: true, Max: 100},
		&core.RelationField{Name: "worker", CollectionId: refs.id("workers"), MaxSelect: 1, CascadeDelete: true},
		&core.RelationField{Name: "counsellor", CollectionId: refs.id("counsellors"), MaxSelect: 1, CascadeDelete: true},
		&core.TextField{Name: "lang", Max: 3, Pattern: langPattern},
		&core.JSONField{Name: "countries", MaxSize: 2000, Help: "countries whose alerts this subscriber wants"},
	)
	addTimestamps(c)
	c.AddIndex("idx_push_subscriptions_endpoint", true, "endpoint", "")
	c.AddIndex("idx_push_subscriptions_worker", false, "worker", "")
	c.AddIndex("idx_push_subscriptions_counsellor", false, "counsellor", "")
	c.AddIndex("idx_push_subscriptions_lang", false, "lang", "")
	return c, refs.err
}

// push_outbox: notifications waiting to be sent, so that none is lost when
// the server stops with some pending. A row is written in the transaction of
// what it announces (an answer, an assignment, a published alert) and deleted
// once the push service accepted it, gave up on it, or its subscription went
// (cascade). The payload is the notification as shown (title, body, link),
// never the question's text. The kinds are internal/push's Kinds.
//
//	every rule: superusers only (internal)
func pushOutboxCollection(app core.App) (*core.Collection, error) {
	refs := &collectionRefs{app: app}
	c := core.NewBaseCollection("push_outbox")
	c.Fields.Add(
		&core.RelationField{Name: "subscription", CollectionId: refs.id("push_subscriptions"), MaxSelect: 1, Required: true, CascadeDelete: true},
		&core.SelectField{Name: "kind", MaxSelect: 1, Required: true,
			Values: []string{"answer", "transfer", "assignment", "overdue", "alert"}},
		&core.JSONField{Name: "payload", MaxSize: 4096, Help: `{"kind","title","body","url","tag"} as the phone shows it`},
		&core.NumberField{Name: "attempts", OnlyInt: true, Min: minmax(0), Help: "sends tried so far"},
		&core.DateField{Name: "next_attempt", Required: true, Help: "not sent before this time"},
		&core.TextField{Name: "last_error", Max: 500, Help: "why the last try failed (no personal data)"},
	)
	addTimestamps(c)
	c.AddIndex("idx_push_outbox_next_attempt", false, "next_attempt", "")
	c.AddIndex("idx_push_outbox_subscription", false, "subscription", "")
	return c, refs.err
}

// tombstones: what was deleted from a synced collection, and at which
// revision, so that phones delete it on their next delta sync. key is the
// natural key of what was deleted (a guide's slug), so that the sync can send
// the guide's remaining translation in its place.
//
//	every rule: superusers only (internal; the sync route reads them)
func tombstonesCollection(core.App) (*core.Collection, error) {
	c := core.NewBaseCollection("tombstones")
	c.Fields.Add(
		&core.TextField{Name: "collection", Required: true, Max: 50},
		&core.TextField{Name: "record", Required: true, Max: 15, Help: "id of the deleted record"},
	)
	addRev(c)
	addTimestamps(c)
	c.Fields.Add(&core.TextField{Name: "key", Max: 100})
	return c, nil
}

// collectionRefs gives relation fields the ids of collections this
// migration created before, keeping the first lookup error for the caller.
type collectionRefs struct {
	app core.App
	err error
}

func (r *collectionRefs) id(name string) string {
	if r.err != nil {
		return ""
	}
	c, err := r.app.FindCollectionByNameOrId(name)
	if err != nil {
		r.err = err
		return ""
	}
	return c.Id
}
