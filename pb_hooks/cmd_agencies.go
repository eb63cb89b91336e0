package pb_hooks

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"
)

var agencyStatuses = []string{"licensed", "suspended", "revoked"}

// agenciesCommand is `amem agencies import FILE.csv`: loads an official list
// of licensed private recruitment agencies, which phones then check offline.
func agenciesCommand(app core.App) *cobra.Command {
	cmd := &cobra.Command{Use: "agencies", Short: "Manage the list of licensed recruitment agencies"}
	var country, source, asOf string
	var replace bool
	importCmd := &cobra.Command{
		Use:   "import FILE.csv",
		Short: "Import an official list of agencies (columns: name, licence[, status])",
		Long: `Import an official list of licensed private recruitment agencies.

The CSV has a header row with the columns name and licence, and optionally status
(licensed, suspended or revoked; licensed when empty). Agencies are matched by
licence number (or by name when there is none): existing ones are updated, new ones
added. With --replace, the country's agencies missing from the file are removed,
and phones remove them at their next sync.`,
		Example:      `  amem agencies import tunisia-2026-11.csv --country TN --source "Ministère de l'Emploi, liste des bureaux agréés" --as-of 2026-11-01 --replace`,
		Args:         cobra.ExactArgs(1),
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := app.RunAppMigrations(); err != nil {
				return err
			}
			codes, err := parseCountries("country", country)
			if err != nil {
				return err
			}
			if len(codes) != 1 {
				return errors.New("--country is required: one two-letter code, e.g. --country TN")
			}
			if strings.TrimSpace(source) == "" {
				return errors.New("--source is required: the official list the file comes from")
			}
			date, err := time.Parse(time.DateOnly, asOf)
			if err != nil {
				return fmt.Errorf("--as-of %q: give the date of the list as YYYY-MM-DD", asOf)
			}
			file, err := os.Open(args[0])
			if err != nil {
				return err
			}
			defer file.Close()
			rows, err := readAgencies(file, args[0])
			if err != nil {
				return err
			}
			report, err := importAgencies(app, codes[0], strings.TrimSpace(source), date, rows, replace)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: %d added, %d updated, %d unchanged, %d removed\n",
				codes[0], report.added, report.updated, report.unchanged, report.removed)
			return nil
		},
	}
	importCmd.Flags().StringVar(&country, "country", "", "country of the list (required)")
	importCmd.Flags().StringVar(&source, "source", "", "the official list, as workers should see it cited (required)")
	importCmd.Flags().StringVar(&asOf, "as-of", "", "date of the list, YYYY-MM-DD (required)")
	importCmd.Flags().BoolVar(&replace, "replace", false, "remove the country's agencies that are not in the file")
	cmd.AddCommand(importCmd)
	return cmd
}

type agencyRow struct {
	line                  int
	name, licence, status string
}

// readAgencies parses the CSV, naming the line of the first problem.
func readAgencies(r io.Reader, name string) ([]agencyRow, error) {
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
	var rows []agencyRow
	seen := map[string]int{}
	for line := 2; ; line++ {
		record, err := reader.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		row := agencyRow{line: line, name: get(record, "name"), licence: get(record, "licence"), status: strings.ToLower(get(record, "status"))}
		if row.name == "" {
			return nil, fmt.Errorf("%s:%d: the agency has no name", name, line)
		}
		if row.status == "" {
			row.status = "licensed"
		}
		if !slices.Contains(agencyStatuses, row.status) {
			return nil, fmt.Errorf("%s:%d: status %q is not one of %s", name, line, row.status, strings.Join(agencyStatuses, ", "))
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
func (r agencyRow) key() string {
	if r.licence != "" {
		return "licence:" + r.licence
	}
	return "name:" + strings.ToLower(r.name)
}

type agencyImportReport struct{ added, updated, unchanged, removed int }

func importAgencies(app core.App, country, source string, asOf time.Time, rows []agencyRow, replace bool) (agencyImportReport, error) {
	var report agencyImportReport
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
			byKey[agencyRow{name: a.GetString("name"), licence: a.GetString("licence")}.key()] = a
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
				report.unchanged++
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
				report.updated++
			} else {
				report.added++
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
				report.removed++
			}
		}
		return nil
	})
	return report, err
}
