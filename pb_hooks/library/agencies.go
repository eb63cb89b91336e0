package library

import (
	"amem/internal/vocab"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// AgencyRow is one agency of a list, with its line in the file.
type AgencyRow struct {
	line                  int
	name, licence, status string
}

// ReadAgencies parses an official list (CSV with a header: name, licence[, status]), naming the line of the first problem.
func ReadAgencies(r io.Reader, name string) ([]AgencyRow, error) {
	reader := csv.NewReader(r)
	reader.TrimLeadingSpace = true
	header, err := reader.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the header row: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	if _, ok := col["name"]; !ok {
		return nil, fmt.Errorf("%s:1: the header has no \"name\" column (found %s)", name, strings.Join(header, ", "))
	}
	get := func(record []string, key string) string {
		if i, ok := col[key]; ok && i < len(record) {
			return strings.TrimSpace(record[i])
		}
		return ""
	}
	var rows []AgencyRow
	seen := map[string]int{}
	for line := 2; ; line++ {
		record, err := reader.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		row := AgencyRow{line: line, name: get(record, "name"), licence: get(record, "licence"), status: strings.ToLower(get(record, "status"))}
		if row.name == "" {
			return nil, fmt.Errorf("%s:%d: the agency has no name", name, line)
		}
		if row.status == "" {
			row.status = "licensed"
		}
		if !slices.Contains(vocab.AgencyStatuses, row.status) {
			return nil, fmt.Errorf("%s:%d: status %q is not one of %s", name, line, row.status, strings.Join(vocab.AgencyStatuses, ", "))
		}
		key := row.key()
		if first, dup := seen[key]; dup {
			return nil, fmt.Errorf("%s:%d: the same agency as on line %d", name, line, first)
		}
		seen[key] = line
		rows = append(rows, row)
	}
	return rows, nil
}

// key identifies an agency within a country: its licence, else its name.
func (r AgencyRow) key() string {
	if r.licence != "" {
		return "licence:" + r.licence
	}
	return "name:" + strings.ToLower(r.name)
}

// AgencyImportReport counts what an import did.
type AgencyImportReport struct{ Added, Updated, Unchanged, Removed int }

// ImportAgencies brings rows into the agencies of country in one
// transaction; unchanged agencies are not written (phones download nothing),
// and with replace the agencies missing from rows are removed.
func ImportAgencies(app core.App, country, source string, asOf time.Time, rows []AgencyRow, replace bool) (AgencyImportReport, error) {
	var report AgencyImportReport
	err := app.RunInTransaction(func(txApp core.App) error {
		collection, err := txApp.FindCollectionByNameOrId("agencies")
		if err != nil {
			return err
		}
		existing, err := txApp.FindAllRecords("agencies", dbx.HashExp{"country": country})
		if err != nil {
			return err
		}
		byKey := map[string]*core.Record{}
		for _, a := range existing {
			byKey[AgencyRow{name: a.GetString("name"), licence: a.GetString("licence")}.key()] = a
		}
		inFile := map[string]bool{}
		for _, row := range rows {
			inFile[row.key()] = true
			a, found := byKey[row.key()]
			if !found {
				a = core.NewRecord(collection)
				a.Set("country", country)
			}
			same := found && a.GetString("name") == row.name && a.GetString("status") == row.status &&
				a.GetString("source") == source && a.GetDateTime("as_of").Time().Equal(asOf)
			if same {
				report.Unchanged++
				continue // no new revision: phones download nothing
			}
			a.Set("name", row.name)
			a.Set("licence", row.licence)
			a.Set("status", row.status)
			a.Set("source", source)
			a.Set("as_of", asOf)
			if err := txApp.Save(a); err != nil {
				return fmt.Errorf("line %d (%s): %w", row.line, row.name, err)
			}
			if found {
				report.Updated++
			} else {
				report.Added++
			}
		}
		if !replace {
			return nil
		}
		for key, a := range byKey {
			if !inFile[key] {
				if err := txApp.Delete(a); err != nil {
					return err
				}
				report.Removed++
			}
		}
		return nil
	})
	return report, err
}
