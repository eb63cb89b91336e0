package helpline

import (
	"amem/internal/vocab"
	"amem/pb_hooks/apierrors"
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// labeller returns what a dimension's value is called in lang: the
// vocabularies' names, organisations' names, months in words; a value with
// no name stays as it is, and an empty one is "not given".
func (s *Statistics) labeller(app core.App, lang string) (func(dim, value string) string, error) {
	orgs := map[string]string{}
	records, err := app.FindAllRecords("organisations")
	if err != nil {
		return nil, err
	}
	for _, r := range records {
		orgs[r.Id] = r.GetString("name")
	}
	agencies := map[string]string{}
	records, err = app.FindAllRecords("agencies")
	if err != nil {
		return nil, err
	}
	for _, r := range records {
		agencies[r.Id] = r.GetString("name")
	}
	named := func(id, fallback string) string {
		if text := s.catalog.T(lang, id, nil, nil); text != id {
			return text
		}
		return fallback
	}
	return func(dim, value string) string {
		if value == "" {
			return s.catalog.T(lang, "stats.not_given", nil, nil)
		}
		switch dim {
		case "month":
			if len(value) == 7 {
				return named("stats.month."+value[5:], value[5:]) + " " + value[:4]
			}
		case "country", "destination":
			return named("country."+value, value)
		case "topic", "phase", "lang":
			return named(dim+"."+value, value)
		case "urgent":
			return named("stats.urgent."+value, value)
		case "organisation":
			if name, ok := orgs[value]; ok {
				return name
			}
		case "agency":
			if name, ok := agencies[value]; ok {
				return name
			}
		case "kind":
			return named("stats.kind."+value, value)
		}
		return value
	}, nil
}

// statsColumns are the CSV's measure columns, in order.
var statsColumns = []string{"questions", "open", "overdue", "rated", "helpful", "helpfulRate", "firstAnswerHours", "closeHours"}

// newStatsCSV starts a CSV that Excel and LibreOffice open cleanly in any
// locale: UTF-8 with a byte-order mark (or Excel reads Arabic as Latin-1),
// CRLF line ends, and ";" on request (Excel in French expects it).
func newStatsCSV(e *core.RequestEvent) (*bytes.Buffer, *csv.Writer) {
	buf := bytes.NewBufferString("\uFEFF")
	w := csv.NewWriter(buf)
	w.UseCRLF = true
	if e.Request.URL.Query().Get("sep") == "semicolon" {
		w.Comma = ';'
	}
	return buf, w
}

func sendStatsCSV(e *core.RequestEvent, buf *bytes.Buffer, w *csv.Writer, name string) error {
	w.Flush()
	if err := w.Error(); err != nil {
		return e.InternalServerError("", err)
	}
	e.Response.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	return e.Blob(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}

func (s *Statistics) serveTableCSV(e *core.RequestEvent, q statsQuery, rows []*statRow, labels func(string, string) string) error {
	buf, w := newStatsCSV(e)
	header := []string{}
	for _, d := range q.by {
		header = append(header, s.catalog.T(q.lang, "stats.dim."+d, nil, nil))
	}
	for _, m := range statsColumns {
		header = append(header, s.catalog.T(q.lang, "stats.measure."+m, nil, nil))
	}
	w.Write(header)
	for _, row := range rows {
		published := publishRow(row)
		if published == nil {
			continue
		}
		record := []string{}
		for _, d := range q.by {
			record = append(record, labels(d, row.dims[d]))
		}
		for _, m := range statsColumns {
			record = append(record, csvNumber(published[m]))
		}
		w.Write(record)
	}
	name := fmt.Sprintf("amem-statistics-%s-%s.csv", q.from.Format(monthLayout), q.to.AddDate(0, -1, 0).Format(monthLayout))
	return sendStatsCSV(e, buf, w, name)
}

// csvNumber writes a published number, or nothing for a withheld one.
func csvNumber(v any) string {
	if n, ok := v.(int); ok {
		return strconv.Itoa(n)
	}
	return ""
}

// indicators are the quarterly export's indicators: code, measure, unit.
var indicators = []struct{ code, measure, unit string }{
	{"QUESTIONS", "questions", "NUMBER"},
	{"QUESTIONS_OPEN", "open", "NUMBER"},
	{"QUESTIONS_OVERDUE", "overdue", "NUMBER"},
	{"HELPFUL_RATE", "helpfulRate", "PERCENT"},
	{"FIRST_ANSWER_MEDIAN", "firstAnswerHours", "HOUR"},
	{"CLOSE_MEDIAN", "closeHours", "HOUR"},
}

// indicatorBreakdowns are the breakdowns of the quarterly export, beside the total.
// KIND sets reports of recruiters apart from questions, and AGENCY counts
// them by the agency they name, coded by its licence number.
var indicatorBreakdowns = []string{"month", "destination", "topic", "phase", "lang", "urgent", "kind", "agency"}

// Indicators serves GET /api/amem/stats/indicators?quarter=2026-Q3[&country=TN][&lang=fr][&sep=semicolon]:
// the quarter's indicators for national observatories, one observation a
// line, by the country where the workers are (docs/statistics.md describes
// each field). Every value is a cell of a table /api/amem/stats answers
// (by=country or by=country,<breakdown> over the quarter's months), so
// it carries exactly the same perturbation.
func (s *Statistics) Indicators(e *core.RequestEvent) error {
	org, err := statsAccess(e)
	if err != nil {
		return err
	}
	query := e.Request.URL.Query()
	from, err := parseQuarter(query.Get("quarter"))
	if err != nil {
		return e.BadRequestError("", apierrors.Field("quarter", "validation_invalid_date"))
	}
	country := query.Get("country")
	if country != "" && !countryCode.MatchString(country) {
		return e.BadRequestError("", apierrors.Field("country", "validation_invalid_value"))
	}
	lang := s.catalog.Match(query.Get("lang"), e.Request.Header.Get("Accept-Language"))
	q := statsQuery{org: org, from: from, to: from.AddDate(0, 3, 0), lang: lang}
	records, err := loadStatRecords(e.App, q, time.Now())
	if err != nil {
		return e.InternalServerError("", err)
	}
	labels, err := s.labeller(e.App, lang)
	if err != nil {
		return e.InternalServerError("", err)
	}
	licences, err := agencyLicences(e.App)
	if err != nil {
		return e.InternalServerError("", err)
	}
	period := fmt.Sprintf("%d-Q%d", from.Year(), int(from.Month()-1)/3+1)

	buf, w := newStatsCSV(e)
	w.Write([]string{"REF_AREA", "REF_AREA_LABEL", "TIME_PERIOD", "INDICATOR", "BREAKDOWN", "BREAKDOWN_CODE", "BREAKDOWN_LABEL", "OBS_VALUE", "UNIT_MEASURE", "OBS_STATUS"})
	for _, breakdown := range append([]string{""}, indicatorBreakdowns...) {
		by := []string{"country"}
		if breakdown != "" {
			by = append(by, breakdown)
		}
		for _, row := range tabulate(records, by) {
			area := row.dims["country"]
			if area == "" || (country != "" && area != country) {
				continue
			}
			published := publishRow(row)
			if published == nil {
				continue
			}
			name, code, label := "TOTAL", "_T", s.catalog.T(lang, "stats.total", nil, nil)
			if breakdown != "" {
				name, code, label = strings.ToUpper(breakdown), row.dims[breakdown], labels(breakdown, row.dims[breakdown])
				if breakdown == "agency" && code != "" {
					code = licences[code] // an observatory knows the licence, not our record id
				}
				if code == "" {
					code = "_Z"
				}
			}
			for _, ind := range indicators {
				value := csvNumber(published[ind.measure])
				if value == "" {
					continue // withheld: not even the combination is named
				}
				w.Write([]string{area, labels("country", area), period, ind.code, name, code, label, value, ind.unit, "A"})
			}
		}
	}
	return sendStatsCSV(e, buf, w, "amem-indicators-"+period+".csv")
}

// countryCode is the form of a country in a request.
var countryCode = regexp.MustCompile(vocab.CountryPattern)

// agencyLicences maps each agency's record id to its licence number.
func agencyLicences(app core.App) (map[string]string, error) {
	records, err := app.FindAllRecords("agencies")
	if err != nil {
		return nil, err
	}
	licences := make(map[string]string, len(records))
	for _, r := range records {
		licences[r.Id] = r.GetString("licence")
	}
	return licences, nil
}

// parseQuarter reads "2026-Q3" as the quarter's first day.
func parseQuarter(text string) (time.Time, error) {
	var year, quarter int
	if _, err := fmt.Sscanf(text, "%4d-Q%1d", &year, &quarter); err != nil || quarter < 1 || quarter > 4 || year < 2000 || len(text) != 7 {
		return time.Time{}, fmt.Errorf("not a quarter: %q", text)
	}
	return time.Date(year, time.Month(3*(quarter-1)+1), 1, 0, 0, 0, 0, time.UTC), nil
}
