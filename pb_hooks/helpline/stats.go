package helpline

import (
	"amem/pb_hooks/apierrors"
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// minCellSize is the smallest count shown: a smaller cell is suppressed
// (null), so that no worker can be singled out from the statistics.
const minCellSize = 5

// statsDimensions maps each dimension a caller may group by to its SQL.
var statsDimensions = map[string]string{
	"country":      "country",
	"destination":  "destination",
	"topic":        "topic",
	"lang":         "lang",
	"phase":        "phase",
	"status":       "status",
	"urgent":       "urgent",
	"helpful":      "helpful",
	"organisation": "organisation",
	"month":        "substr(created, 1, 7)",
}

// Statistics serves GET /api/amem/stats?from=&to=&by=country,topic[&format=csv]
// for coordinators (their organisation's questions) and superusers (all):
// counts of questions by the requested dimensions, for the national
// tripartite committees. Cells under minCellSize are null.
func Statistics(e *core.RequestEvent) error {
	org := ""
	switch {
	case e.HasSuperuserAuth():
	case e.Auth != nil && e.Auth.Collection().Name == "counsellors" && e.Auth.GetBool("coordinator"):
		org = e.Auth.GetString("organisation")
	case e.Auth == nil:
		return e.UnauthorizedError("", nil)
	default:
		return e.ForbiddenError("", nil)
	}

	query := e.Request.URL.Query()
	by := []string{}
	for _, d := range strings.Split(query.Get("by"), ",") {
		if d = strings.TrimSpace(d); d == "" {
			continue
		}
		if _, ok := statsDimensions[d]; !ok || slices.Contains(by, d) {
			return e.BadRequestError("", apierrors.Field("by", "validation_in_invalid"))
		}
		by = append(by, d)
	}
	from, to, err := statsPeriod(query.Get("from"), query.Get("to"))
	if err != nil {
		return e.BadRequestError("", apierrors.Field("from", "validation_invalid_date"))
	}

	selects := []string{"COUNT(*) AS questions"}
	groups := []string{}
	for _, d := range by {
		selects = append(selects, statsDimensions[d]+" AS "+d)
		groups = append(groups, d)
	}
	q := e.App.DB().Select(selects...).From("questions").
		Where(dbx.NewExp("created >= {:from} AND created < {:to}", dbx.Params{"from": from.Format(dbTime), "to": to.Format(dbTime)}))
	if org != "" {
		q.AndWhere(dbx.HashExp{"organisation": org})
	}
	if len(groups) > 0 {
		q.GroupBy(groups...).OrderBy(groups...)
	}
	rows := []dbx.NullStringMap{}
	if err := q.All(&rows); err != nil {
		return e.InternalServerError("", err)
	}

	cells := make([]map[string]any, 0, len(rows))
	suppressed := 0
	for _, row := range rows {
		cell := map[string]any{}
		for _, d := range by {
			cell[d] = row[d].String
		}
		n, _ := strconv.Atoi(row["questions"].String)
		if n < minCellSize {
			cell["questions"] = nil
			suppressed++
		} else {
			cell["questions"] = n
		}
		cells = append(cells, cell)
	}

	if query.Get("format") == "csv" {
		return statsCSV(e, by, cells)
	}
	return e.JSON(http.StatusOK, map[string]any{
		"from": from.Format(time.DateOnly), "to": to.Format(time.DateOnly), "by": by,
		"rows": cells, "suppressed": suppressed, "minCellSize": minCellSize,
	})
}

// dbTime is how PocketBase stores dates.
const dbTime = "2006-01-02 15:04:05.000Z"

// statsPeriod reads from and to (YYYY-MM-DD, to inclusive); by default the
// last 365 days.
func statsPeriod(fromText, toText string) (time.Time, time.Time, error) {
	to := time.Now().UTC().Truncate(24 * time.Hour).Add(24 * time.Hour)
	if toText != "" {
		t, err := time.Parse(time.DateOnly, toText)
		if err != nil {
			return time.Time{}, time.Time{}, err
		}
		to = t.Add(24 * time.Hour)
	}
	from := to.AddDate(-1, 0, 0)
	if fromText != "" {
		t, err := time.Parse(time.DateOnly, fromText)
		if err != nil {
			return time.Time{}, time.Time{}, err
		}
		from = t
	}
	if !from.Before(to) {
		return time.Time{}, time.Time{}, fmt.Errorf("from is after to")
	}
	return from, to, nil
}

func statsCSV(e *core.RequestEvent, by []string, cells []map[string]any) error {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(append(append([]string{}, by...), "questions"))
	for _, cell := range cells {
		record := make([]string, 0, len(by)+1)
		for _, d := range by {
			record = append(record, fmt.Sprint(cell[d]))
		}
		if n, ok := cell["questions"].(int); ok {
			record = append(record, strconv.Itoa(n))
		} else {
			record = append(record, "") // suppressed
		}
		w.Write(record)
	}
	w.Flush()
	e.Response.Header().Set("Content-Disposition", `attachment; filename="amem-statistics.csv"`)
	return e.Blob(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}
