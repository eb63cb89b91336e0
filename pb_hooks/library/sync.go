package library

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"amem/internal/content"
	"amem/internal/httpcache"
	"amem/internal/i18n"
	"amem/pb_hooks/apierrors"
	"amem/pb_hooks/records"
	"amem/pb_hooks/reviews"
)

// syncResponse is the body of GET /api/amem/sync (see docs/api.md).
type syncResponse struct {
	Cursor   string          `json:"cursor"`
	Full     bool            `json:"full"`
	Lang     string          `json:"lang"`
	Guides   []syncedGuide   `json:"guides"`
	Deleted  []string        `json:"deleted"`
	Contacts []syncedContact `json:"contacts"`
	Agencies []syncedAgency  `json:"agencies"`
	Alerts   []syncedAlert   `json:"alerts"`
}

type syncedGuide struct {
	ID        string   `json:"id"`
	Slug      string   `json:"slug"`
	Lang      string   `json:"lang"`
	Title     string   `json:"title"`
	Summary   string   `json:"summary"`
	HTML      string   `json:"html"`
	Phase     string   `json:"phase"`
	Countries []string `json:"countries"`
	Topics    []string `json:"topics"`
	Sources   any      `json:"sources"`
	Reviewed  string   `json:"reviewed"`
	Updated   string   `json:"updated"`
	Fallback  bool     `json:"fallback,omitempty"`
	// Recordings of the guide offered to the reader (recordings.go); none
	// costs no byte.
	Recordings []syncedRecording `json:"recordings,omitempty"`
}

type syncedContact struct {
	ID        string                  `json:"id"`
	Key       string                  `json:"key"`
	Name      string                  `json:"name"`                // in the requested language when the organisation has one
	NameLang  string                  `json:"name_lang,omitempty"` // the language of name, for the lang attribute
	Kind      string                  `json:"kind"`
	Country   string                  `json:"country"`
	City      string                  `json:"city,omitempty"`
	Address   string                  `json:"address,omitempty"`
	Phone     string                  `json:"phone,omitempty"`
	Emergency bool                    `json:"emergency,omitempty"` // the number the app's emergency call dials in Country
	WhatsApp  string                  `json:"whatsapp,omitempty"`
	Email     string                  `json:"email,omitempty"`
	URL       string                  `json:"url,omitempty"`
	Hours     string                  `json:"hours,omitempty"`
	Languages []string                `json:"languages,omitempty"`
	About     string                  `json:"about"`
	Source    string                  `json:"source,omitempty"` // only for a contact without sources (made in the dashboard)
	Sources   []content.ContactSource `json:"sources"`
	Verified  string                  `json:"verified"`
}

type syncedAgency struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Licence string `json:"licence,omitempty"`
	Country string `json:"country"`
	Status  string `json:"status"`
	Source  string `json:"source"`
	AsOf    string `json:"as_of"`
	// Rating is what workers who used the agency said, once a counsellor
	// published it (pb_hooks/reviews); absent without any.
	Rating *reviews.Rating `json:"rating,omitempty"`
}

type syncedAlert struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Body    string `json:"body"`
	Country string `json:"country"`
	Lang    string `json:"lang"`
	Expires string `json:"expires,omitempty"`
	Updated string `json:"updated"`
}

// Sync serves GET /api/amem/sync?lang={lang}[&since={cursor}].
//
// The cursor is the revision the response is complete up to (see
// revisions.go), written opaquely. A response holds every change with a
// revision in (since, cursor]; revisions commit in order, so nothing at or
// below the cursor can still appear later, and a record changed while the
// response is made simply comes again in the next delta.
//
// Full syncs are the heavy ones (a new phone, a language switch): Serve
// redirects the app's (snapshot=1) to the snapshot of the current revision
// (Snapshot), kept
// compressed per language until the next change and cacheable by any HTTP
// cache.
type Sync struct {
	catalog     *i18n.Catalog
	revisions   *revisionCache
	mu          sync.Mutex
	fullByLang  map[string]*cachedSync
	emptyByLang map[string]*cachedSync
}

// NewSync returns the sync endpoint of app for the languages of catalog.
// Each app has its own (the caches hold that app's records).
func NewSync(app core.App, catalog *i18n.Catalog) *Sync {
	return &Sync{catalog: catalog, revisions: newRevisionCache(app), fullByLang: map[string]*cachedSync{}, emptyByLang: map[string]*cachedSync{}}
}

// Serve answers GET /api/amem/sync?lang=&since=.
func (s *Sync) Serve(e *core.RequestEvent) error {
	lang := e.Request.URL.Query().Get("lang")
	if !s.catalog.Has(lang) {
		return e.BadRequestError("", apierrors.Field("lang", "amem_unknown_language"))
	}
	upTo, err := s.revisions.current(e.App)
	if err != nil {
		return e.InternalServerError("", err)
	}
	since, ok := parseCursor(e.Request.URL.Query().Get("since"))
	full := !ok || since > upTo // an unknown or future cursor: start over

	if full {
		// Every new phone of a revision gets the same bytes. The app asks to
		// be sent to them at a URL that never changes meaning (snapshot=1),
		// so any HTTP cache on the way (a CDN, the operator's nginx) serves
		// them instead of this server; other clients (partners, gateways)
		// get them here, as the API has always answered.
		e.Response.Header().Set("Cache-Control", httpcache.Revalidate)
		if e.Request.URL.Query().Get("snapshot") == "1" {
			return e.Redirect(http.StatusFound, SnapshotPath(lang, upTo))
		}
		cached, err := s.full(e.App, lang, upTo)
		if err != nil {
			return e.InternalServerError("", err)
		}
		return cached.Serve(e.Response, e.Request, httpcache.Revalidate)
	}
	if since == upTo {
		// The common case, a phone asking "anything new?" when nothing
		// is: answered without a query, with a body prepared once.
		empty, err := s.empty(lang, upTo)
		if err != nil {
			return e.InternalServerError("", err)
		}
		return empty.Serve(e.Response, e.Request, httpcache.Revalidate)
	}
	body, err := buildSync(e.App, lang, since, upTo, false)
	if err != nil {
		return e.InternalServerError("", err)
	}
	return httpcache.New(httpcache.JSONType, body).Serve(e.Response, e.Request, httpcache.Revalidate)
}

// Snapshot answers GET /api/amem/sync/snapshot/{lang}/{cursor}: the full
// sync of lang at that revision, cacheable by anyone for a year (the
// revision is in the URL). Only the current revision is kept: an older one
// is redirected to the current one (a phone sent here just before a change),
// a revision not yet made is a 404.
func (s *Sync) Snapshot(e *core.RequestEvent) error {
	lang := e.Request.PathValue("lang")
	if !s.catalog.Has(lang) {
		return e.BadRequestError("", apierrors.Field("lang", "amem_unknown_language"))
	}
	rev, ok := parseCursor(e.Request.PathValue("cursor"))
	if !ok {
		return e.NotFoundError("", nil)
	}
	upTo, err := s.revisions.current(e.App)
	if err != nil {
		return e.InternalServerError("", err)
	}
	switch {
	case rev > upTo:
		return e.NotFoundError("", nil)
	case rev < upTo:
		e.Response.Header().Set("Cache-Control", httpcache.Revalidate)
		return e.Redirect(http.StatusFound, SnapshotPath(lang, upTo))
	}
	cached, err := s.full(e.App, lang, upTo)
	if err != nil {
		return e.InternalServerError("", err)
	}
	return cached.Serve(e.Response, e.Request, httpcache.Immutable)
}

// SnapshotPath is the URL of the full sync of lang at revision rev.
func SnapshotPath(lang string, rev int64) string {
	return "/api/amem/sync/snapshot/" + lang + "/" + formatCursor(rev)
}

// full returns the full sync of lang at revision upTo, built once per change.
func (s *Sync) full(app core.App, lang string, upTo int64) (*cachedSync, error) {
	s.mu.Lock()
	cached := s.fullByLang[lang]
	s.mu.Unlock()
	if cached != nil && cached.rev == upTo {
		return cached, nil
	}
	body, err := buildSync(app, lang, 0, upTo, true)
	if err != nil {
		return nil, err
	}
	// Sent to every new phone (or to the caches in front of them) until the
	// next change: worth Brotli's best compression, once.
	cached = &cachedSync{rev: upTo, Representation: httpcache.New(httpcache.JSONType, body).WithBrotli()}
	s.mu.Lock()
	s.fullByLang[lang] = cached
	s.mu.Unlock()
	return cached, nil
}

// empty returns the response with nothing new in lang at revision upTo,
// prepared once per revision.
func (s *Sync) empty(lang string, upTo int64) (*cachedSync, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if cached := s.emptyByLang[lang]; cached != nil && cached.rev == upTo {
		return cached, nil
	}
	r, err := httpcache.NewJSON(emptySync(lang, upTo))
	if err != nil {
		return nil, err
	}
	s.emptyByLang[lang] = &cachedSync{rev: upTo, Representation: r}
	return s.emptyByLang[lang], nil
}

type cachedSync struct {
	rev int64
	*httpcache.Representation
}

// Cursors are "1." + the revision in base 36; the "1." versions the format.
func formatCursor(rev int64) string { return "1." + strconv.FormatInt(rev, 36) }

// parseCursor accepts only what formatCursor writes ("1.A", "1.01", "1.+1"
// are refused): one revision, one cursor, one cached answer.
func parseCursor(cursor string) (int64, bool) {
	rest, ok := strings.CutPrefix(cursor, "1.")
	if !ok {
		return 0, false
	}
	rev, err := strconv.ParseInt(rest, 36, 64)
	return rev, err == nil && rev >= 0 && formatCursor(rev) == cursor
}

// emptySync is a response with nothing in it, up to revision upTo.
func emptySync(lang string, upTo int64) syncResponse {
	return syncResponse{Cursor: formatCursor(upTo), Lang: lang,
		Guides: []syncedGuide{}, Deleted: []string{}, Contacts: []syncedContact{}, Agencies: []syncedAgency{}, Alerts: []syncedAlert{}}
}

// buildSync makes the JSON of the changes in (since, upTo] for lang.
func buildSync(app core.App, lang string, since, upTo int64, full bool) ([]byte, error) {
	res := emptySync(lang, upTo)
	res.Full = full
	if full {
		since = -1 // records seeded before any revision was given have rev 0
	}
	window := dbx.Params{"since": since, "upTo": upTo}
	inWindow := "rev > {:since} && rev <= {:upTo}"

	// Deletions first: the phone applies them before the upserts. A full
	// sync has none: it replaces everything on the phone.
	affectedSlugs := map[string]bool{}
	if !full {
		tombstones, err := app.FindRecordsByFilter("tombstones", inWindow, "rev", 0, 0, window)
		if err != nil {
			return nil, err
		}
		for _, t := range tombstones {
			guideRecording := t.GetString("collection") == Recordings
			if !guideRecording {
				res.Deleted = append(res.Deleted, t.GetString("record"))
			}
			// A recording removed resends its guide, without it.
			if (guideRecording || t.GetString("collection") == "guides") && t.GetString("key") != "" {
				affectedSlugs[t.GetString("key")] = true
			}
		}
	}

	guides, err := changedGuides(app, since, upTo, full, affectedSlugs)
	if err != nil {
		return nil, err
	}
	res.Guides = pickGuides(guides, lang)
	if err := addRecordings(app, res.Guides, full, lang); err != nil {
		return nil, err
	}

	contacts, err := app.FindRecordsByFilter("contacts", inWindow, "country,name", 0, 0, window)
	if err != nil {
		return nil, err
	}
	for _, c := range contacts {
		res.Contacts = append(res.Contacts, toSyncedContact(c, lang))
	}

	agencies, err := app.FindRecordsByFilter("agencies", inWindow, "country,name", 0, 0, window)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(agencies))
	for i, a := range agencies {
		ids[i] = a.Id
	}
	ratings, err := reviews.Ratings(app, ids)
	if err != nil {
		return nil, err
	}
	for _, a := range agencies {
		synced := syncedAgency{ID: a.Id, Name: a.GetString("name"), Licence: a.GetString("licence"),
			Country: a.GetString("country"), Status: a.GetString("status"), Source: a.GetString("source"), AsOf: records.Day(a.GetDateTime("as_of").Time())}
		if r, ok := ratings[a.Id]; ok {
			synced.Rating = &r
		}
		res.Agencies = append(res.Agencies, synced)
	}

	// An alert that was unpublished, expired or is in another language is
	// removed from the phone like a deleted one.
	alerts, err := app.FindRecordsByFilter("alerts", inWindow, "-created", 0, 0, window)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	for _, a := range alerts {
		expires := a.GetDateTime("expires")
		if !a.GetBool("published") || a.GetString("lang") != lang || (!expires.IsZero() && expires.Time().Before(now)) {
			if !full {
				res.Deleted = append(res.Deleted, a.Id)
			}
			continue
		}
		alert := syncedAlert{ID: a.Id, Title: a.GetString("title"), Body: a.GetString("body"), Country: a.GetString("country"),
			Lang: a.GetString("lang"), Updated: a.GetDateTime("updated").Time().UTC().Format(time.RFC3339)}
		if !expires.IsZero() {
			alert.Expires = expires.Time().UTC().Format(time.RFC3339)
		}
		res.Alerts = append(res.Alerts, alert)
	}
	return httpcache.MarshalJSON(res)
}

// changedGuides returns every translation of each guide that changed in the
// window (or of every guide, for a full sync): choosing the reader's
// language, or a fallback, needs all translations of a changed guide.
func changedGuides(app core.App, since, upTo int64, full bool, affectedSlugs map[string]bool) ([]*core.Record, error) {
	if full {
		return app.FindRecordsByFilter("guides", "rev > {:since} && rev <= {:upTo}", "slug,lang", 0, 0, dbx.Params{"since": since, "upTo": upTo})
	}
	changed, err := app.FindRecordsByFilter("guides", "rev > {:since} && rev <= {:upTo}", "", 0, 0, dbx.Params{"since": since, "upTo": upTo})
	if err != nil {
		return nil, err
	}
	for _, g := range changed {
		affectedSlugs[g.GetString("slug")] = true
	}
	recordings, err := app.FindRecordsByFilter(Recordings, "rev > {:since} && rev <= {:upTo}", "", 0, 0, dbx.Params{"since": since, "upTo": upTo})
	if err != nil {
		return nil, err
	}
	for _, r := range recordings {
		affectedSlugs[r.GetString("slug")] = true
	}
	if len(affectedSlugs) == 0 {
		return nil, nil
	}
	slugs := make([]any, 0, len(affectedSlugs))
	for s := range affectedSlugs {
		slugs = append(slugs, s)
	}
	return app.FindAllRecords("guides", dbx.In("slug", slugs...))
}

// addRecordings puts into each guide the recordings offered to readers of lang.
func addRecordings(app core.App, guides []syncedGuide, full bool, lang string) error {
	if len(guides) == 0 {
		return nil
	}
	var slugs []any // nil: every guide's
	if !full {
		for _, g := range guides {
			slugs = append(slugs, g.Slug)
		}
	}
	bySlug, err := recordingsBySlug(app, slugs, lang)
	if err != nil {
		return err
	}
	for i := range guides {
		guides[i].Recordings = bySlug[guides[i].Slug]
	}
	return nil
}

// pickGuides keeps, for each slug, the translation in lang, or the best
// fallback marked as such.
func pickGuides(guides []*core.Record, lang string) []syncedGuide {
	bySlug := map[string]map[string]*core.Record{}
	for _, r := range guides {
		slug := r.GetString("slug")
		if bySlug[slug] == nil {
			bySlug[slug] = map[string]*core.Record{}
		}
		bySlug[slug][r.GetString("lang")] = r
	}
	slugs := make([]string, 0, len(bySlug))
	for s := range bySlug {
		slugs = append(slugs, s)
	}
	slices.Sort(slugs)
	out := make([]syncedGuide, 0, len(slugs))
	for _, slug := range slugs {
		available := make([]string, 0, len(bySlug[slug]))
		for l := range bySlug[slug] {
			available = append(available, l)
		}
		slices.Sort(available)
		served, fallback := content.PickLanguage(available, lang, nil)
		g := bySlug[slug][served]
		out = append(out, syncedGuide{
			ID: g.Id, Slug: slug, Lang: served, Title: g.GetString("title"), Summary: g.GetString("summary"),
			HTML: g.GetString("html"), Phase: g.GetString("phase"), Countries: g.GetStringSlice("countries"),
			Topics: g.GetStringSlice("topics"), Sources: g.Get("sources"), Reviewed: records.Day(g.GetDateTime("reviewed").Time()),
			Updated: g.GetDateTime("updated").Time().UTC().Format(time.RFC3339), Fallback: fallback,
		})
	}
	return out
}

func toSyncedContact(c *core.Record, lang string) syncedContact {
	about := map[string]string{}
	_ = c.UnmarshalJSONField("about", &about)
	text := about[lang]
	if text == "" {
		available := make([]string, 0, len(about))
		for l := range about {
			available = append(available, l)
		}
		slices.Sort(available)
		served, _ := content.PickLanguage(available, lang, nil)
		text = about[served]
	}
	names := map[string]string{}
	_ = c.UnmarshalJSONField("names", &names)
	name, nameLang := content.ContactName(names, c.GetString("name_lang"), c.GetString("name"), lang)
	var sources []content.ContactSource
	if c.UnmarshalJSONField("sources", &sources) != nil || sources == nil {
		sources = []content.ContactSource{} // a contact made in the dashboard may have none
	}
	source := c.GetString("source")
	if len(sources) > 0 {
		source = "" // the sources say it, with their pages: a phone pays for it once
	}
	return syncedContact{ID: c.Id, Key: c.GetString("key"), Name: name, NameLang: nameLang, Kind: c.GetString("kind"),
		Country: c.GetString("country"), City: c.GetString("city"), Address: c.GetString("address"), Sources: sources, Phone: c.GetString("phone"), Emergency: c.GetBool("emergency"), WhatsApp: c.GetString("whatsapp"),
		Email: c.GetString("email"), URL: c.GetString("url"), Hours: c.GetString("hours"), Languages: c.GetStringSlice("languages"),
		About: text, Source: source, Verified: records.Day(c.GetDateTime("verified").Time())}
}
