package helpline

import (
	"amem/internal/cases"
	"amem/internal/disclosure"
	"amem/internal/i18n"
	"amem/internal/vocab"
	"amem/pb_hooks/apierrors"
	"fmt"
	"math"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// statsDimensions are what a caller may group questions by, in the order
// tables show them.
var statsDimensions = []string{"month", "country", "destination", "topic", "phase", "lang", "urgent", "organisation", "kind", "agency"}

// maxStatsDimensions is how many dimensions one table crosses: two is a
// committee's table; more would only make cells that are all withheld.
const maxStatsDimensions = 2

// maxStatsMonths bounds a period (five years).
const maxStatsMonths = 60

// statsCounts are the measures that are counts of questions, each
// perturbed by the cell-key method (see internal/disclosure).
var statsCounts = []string{"questions", "open", "overdue", "rated", "helpful"}

// Statistics serves the anonymised statistics of questions to coordinators
// (their organisation's questions) and superusers (all): the counts are
// protected by the cell-key method (internal/disclosure, docs/statistics.md).
type Statistics struct {
	catalog *i18n.Catalog
}

// NewStatistics returns the statistics, labelled from catalog.
func NewStatistics(catalog *i18n.Catalog) *Statistics { return &Statistics{catalog: catalog} }

// statRecord is one question as the statistics see it.
type statRecord struct {
	dims                 map[string]string
	key                  disclosure.Key
	is                   map[string]bool // which counts it is in
	firstAnswer, closing float64         // hours; -1 when it has none
}

// statRow is one cell of a table: the dimension values and the measures.
type statRow struct {
	dims         map[string]string
	counts       map[string]*disclosure.Cell
	answered     disclosure.Cell // questions with a first answer
	closed       disclosure.Cell // closed questions with a closing time
	firstAnswers []float64
	closings     []float64
}

// statsQuery is a parsed request.
type statsQuery struct {
	org      string // "" for a superuser: every organisation
	from, to time.Time
	by       []string
	lang     string
}

// statsAccess returns the organisation whose questions the caller may
// count ("" for all), or an error response.
func statsAccess(e *core.RequestEvent) (string, error) {
	switch {
	case e.HasSuperuserAuth():
		return "", nil
	case e.Auth != nil && e.Auth.Collection().Name == "counsellors" && e.Auth.GetBool("coordinator"):
		return e.Auth.GetString("organisation"), nil
	case e.Auth == nil:
		return "", e.UnauthorizedError("", nil)
	default:
		return "", e.ForbiddenError("", nil)
	}
}

// Serve serves GET /api/amem/stats?from=YYYY-MM&to=YYYY-MM&by=topic,country[&lang=fr][&format=csv[&sep=semicolon]]:
// one table of the measures by up to two dimensions, and the period's total.
func (s *Statistics) Serve(e *core.RequestEvent) error {
	org, err := statsAccess(e)
	if err != nil {
		return err
	}
	q, err := s.parse(e, org)
	if err != nil {
		return err
	}
	records, err := loadStatRecords(e.App, q, time.Now())
	if err != nil {
		return e.InternalServerError("", err)
	}
	rows := tabulate(records, q.by)
	total := tabulate(records, nil)
	labels, err := s.labeller(e.App, q.lang)
	if err != nil {
		return e.InternalServerError("", err)
	}

	if e.Request.URL.Query().Get("format") == "csv" {
		return s.serveTableCSV(e, q, rows, labels)
	}
	out := []map[string]any{}
	for _, row := range rows {
		if published := publishRow(row); published != nil {
			for _, d := range q.by {
				published[d] = row.dims[d]
			}
			names := map[string]string{}
			for _, d := range q.by {
				names[d] = labels(d, row.dims[d])
			}
			published["labels"] = names
			out = append(out, published)
		}
	}
	totalRow := map[string]any{}
	if len(total) == 1 {
		if published := publishRow(total[0]); published != nil {
			totalRow = published
		}
	}
	return e.JSON(http.StatusOK, map[string]any{
		"from": q.from.Format(monthLayout), "to": q.to.AddDate(0, -1, 0).Format(monthLayout), "by": q.by, "lang": q.lang,
		"rows": out, "total": totalRow,
		"method": map[string]any{"name": "cell-key", "threshold": disclosure.Threshold, "maxNoise": disclosure.MaxNoise},
	})
}

const monthLayout = "2006-01"

// parse reads by, from, to (months, to inclusive; by default the last 12
// months) and lang.
func (s *Statistics) parse(e *core.RequestEvent, org string) (statsQuery, error) {
	query := e.Request.URL.Query()
	q := statsQuery{org: org, by: []string{}, lang: s.catalog.Match(query.Get("lang"), e.Request.Header.Get("Accept-Language"))}
	for _, d := range strings.Split(query.Get("by"), ",") {
		if d = strings.TrimSpace(d); d == "" {
			continue
		}
		if !slices.Contains(statsDimensions, d) || slices.Contains(q.by, d) || len(q.by) == maxStatsDimensions {
			return q, e.BadRequestError("", apierrors.Field("by", "validation_in_invalid"))
		}
		q.by = append(q.by, d)
	}
	from, to, err := statsPeriod(query.Get("from"), query.Get("to"), time.Now())
	if err != nil {
		return q, e.BadRequestError("", apierrors.Field("from", "validation_invalid_date"))
	}
	q.from, q.to = from, to
	return q, nil
}

// statsPeriod reads from and to (YYYY-MM, both inclusive) into [from, to)
// month boundaries; by default the twelve months up to now's.
func statsPeriod(fromText, toText string, now time.Time) (time.Time, time.Time, error) {
	now = now.UTC()
	to := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	if toText != "" {
		t, err := time.Parse(monthLayout, toText)
		if err != nil {
			return time.Time{}, time.Time{}, err
		}
		to = t
	}
	to = to.AddDate(0, 1, 0)
	from := to.AddDate(0, -12, 0)
	if fromText != "" {
		t, err := time.Parse(monthLayout, fromText)
		if err != nil {
			return time.Time{}, time.Time{}, err
		}
		from = t
	}
	if !from.Before(to) || from.AddDate(0, maxStatsMonths, 0).Before(to) {
		return time.Time{}, time.Time{}, fmt.Errorf("from must come before to, at most %d months apart", maxStatsMonths)
	}
	return from, to, nil
}

// dbTime is how PocketBase stores dates.
const dbTime = "2006-01-02 15:04:05.000Z"

// loadStatRecords reads the questions of q's period and organisation.
func loadStatRecords(app core.App, q statsQuery, now time.Time) ([]statRecord, error) {
	open := []any{}
	for _, s := range cases.OpenStatuses {
		open = append(open, string(s))
	}
	sql := app.DB().Select(
		"q.country", "q.destination", "q.topic", "q.phase", "q.lang", "q.urgent", "q.organisation", "q.kind", "q.agency",
		"substr(q.created, 1, 7) AS month", "q.status", "q.due", "q.helpful", "q.created", "q.stats_key",
		"(SELECT MIN(m.created) FROM messages m WHERE m.question = q.id AND m.counsellor != '' AND m.internal = FALSE) AS first_answer",
		"(SELECT MAX(ev.created) FROM case_events ev WHERE ev.question = q.id AND ev.kind = 'closed') AS closed_at",
	).From("questions q").
		Where(dbx.NewExp("q.created >= {:from} AND q.created < {:to}", dbx.Params{"from": q.from.Format(dbTime), "to": q.to.Format(dbTime)}))
	if q.org != "" {
		sql.AndWhere(dbx.HashExp{"q.organisation": q.org})
	}
	rows := []dbx.NullStringMap{}
	if err := sql.All(&rows); err != nil {
		return nil, err
	}
	isOpen := map[string]bool{}
	for _, s := range open {
		isOpen[s.(string)] = true
	}
	nowText := now.UTC().Format(dbTime)
	records := make([]statRecord, 0, len(rows))
	for _, row := range rows {
		urgent := "no"
		if v := row["urgent"].String; v == "1" || v == "true" {
			urgent = "yes"
		}
		key, _ := strconv.ParseUint(row["stats_key"].String, 10, 64)
		status := row["status"].String
		due := row["due"].String
		r := statRecord{
			dims: map[string]string{
				"month": row["month"].String, "country": row["country"].String, "destination": row["destination"].String,
				"topic": row["topic"].String, "phase": row["phase"].String, "lang": row["lang"].String,
				"urgent": urgent, "organisation": row["organisation"].String,
				"kind": kindOf(row["kind"].String), "agency": row["agency"].String,
			},
			key: disclosure.Key(key),
			is: map[string]bool{
				"questions": true,
				"open":      isOpen[status],
				"overdue":   isOpen[status] && due != "" && due < nowText,
				"rated":     row["helpful"].String != "",
				"helpful":   row["helpful"].String == "yes",
			},
			firstAnswer: hoursBetween(row["created"].String, row["first_answer"].String),
			closing:     -1,
		}
		if status == string(cases.Closed) {
			r.closing = hoursBetween(row["created"].String, row["closed_at"].String)
		}
		records = append(records, r)
	}
	return records, nil
}

// kindOf is a question's kind; questions from before reports have none.
func kindOf(kind string) string {
	if kind == "" {
		return vocab.KindQuestion
	}
	return kind
}

// hoursBetween is the time from a to b (database dates) in hours, or -1.
func hoursBetween(a, b string) float64 {
	ta, errA := time.Parse(dbTime, a)
	tb, errB := time.Parse(dbTime, b)
	if a == "" || b == "" || errA != nil || errB != nil || tb.Before(ta) {
		return -1
	}
	return tb.Sub(ta).Hours()
}

// tabulate groups records by the dimensions in by (none: one total row),
// ordered by the dimension values.
func tabulate(records []statRecord, by []string) []*statRow {
	rows := map[string]*statRow{}
	for _, r := range records {
		parts := make([]string, len(by))
		for i, d := range by {
			parts[i] = r.dims[d]
		}
		id := strings.Join(parts, "\x00")
		row := rows[id]
		if row == nil {
			row = &statRow{dims: map[string]string{}, counts: map[string]*disclosure.Cell{}}
			for _, d := range by {
				row.dims[d] = r.dims[d]
			}
			for _, m := range statsCounts {
				row.counts[m] = &disclosure.Cell{}
			}
			rows[id] = row
		}
		for _, m := range statsCounts {
			if r.is[m] {
				row.counts[m].Add(r.key)
			}
		}
		if r.firstAnswer >= 0 {
			row.answered.Add(r.key)
			row.firstAnswers = append(row.firstAnswers, r.firstAnswer)
		}
		if r.closing >= 0 {
			row.closed.Add(r.key)
			row.closings = append(row.closings, r.closing)
		}
	}
	ids := make([]string, 0, len(rows))
	for id := range rows {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	out := make([]*statRow, len(ids))
	for i, id := range ids {
		out[i] = rows[id]
	}
	return out
}

// publishRow returns what may be shown of row, or nil when its count of
// questions is withheld (then the row, and the combination it stands for,
// is left out). A withheld measure inside a shown row is null.
func publishRow(row *statRow) map[string]any {
	questions, ok := row.counts["questions"].Publish()
	if !ok {
		return nil
	}
	out := map[string]any{"questions": questions}
	for _, m := range statsCounts[1:] {
		if v, ok := row.counts[m].Publish(); ok {
			out[m] = v
		} else {
			out[m] = nil
		}
	}
	out["helpfulRate"] = nil
	if yes, ok := out["helpful"].(int); ok {
		if rated, ok := out["rated"].(int); ok {
			out["helpfulRate"] = min(100, int(math.Round(100*float64(yes)/float64(rated))))
		}
	}
	out["firstAnswerHours"] = publishMedian(row.answered, row.firstAnswers)
	out["closeHours"] = publishMedian(row.closed, row.closings)
	return out
}

// publishMedian is the median in whole hours, shown only when the count of
// the values it is taken from is itself published.
func publishMedian(count disclosure.Cell, values []float64) any {
	if _, ok := count.Publish(); !ok || len(values) == 0 {
		return nil
	}
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	mid := len(sorted) / 2
	median := sorted[mid]
	if len(sorted)%2 == 0 {
		median = (sorted[mid-1] + sorted[mid]) / 2
	}
	return int(math.Round(median))
}
