package commands

import (
	"amem/pb_hooks/library"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"
)

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
			rows, err := library.ReadAgencies(file, args[0])
			if err != nil {
				return err
			}
			report, err := library.ImportAgencies(app, codes[0], strings.TrimSpace(source), date, rows, replace)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: %d added, %d updated, %d unchanged, %d removed\n",
				codes[0], report.Added, report.Updated, report.Unchanged, report.Removed)
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
