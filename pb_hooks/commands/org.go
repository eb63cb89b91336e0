package commands

import (
	"amem/internal/vocab"
	"amem/pb_hooks/helpline"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"
)

// orgCommand is `amem org add`: registers a union or institution whose
// counsellors will answer workers.
func orgCommand(app core.App) *cobra.Command {
	cmd := &cobra.Command{Use: "org", Short: "Manage the organisations whose counsellors answer workers"}

	var name, short, kind, countries, url string
	var fallback bool
	add := &cobra.Command{
		Use:   "add",
		Short: "Add an organisation",
		Example: `  amem org add --name "Union Générale Tunisienne du Travail" --short UGTT --countries TN
  amem org add --name "AMEM helpline" --short AMEM --fallback`,
		Args:         cobra.NoArgs,
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := app.RunAppMigrations(); err != nil {
				return err
			}
			if strings.TrimSpace(name) == "" {
				return errors.New("--name is required")
			}
			if !slices.Contains(vocab.OrganisationKinds, kind) {
				return fmt.Errorf("--kind %q is not one of %s", kind, strings.Join(vocab.OrganisationKinds, ", "))
			}
			codes, err := parseCountries("countries", countries)
			if err != nil {
				return err
			}
			if len(codes) == 0 && !fallback {
				return errors.New("--countries is required: the countries the organisation covers, e.g. --countries MA")
			}
			if fallback {
				if current, err := app.FindFirstRecordByData("organisations", "fallback", true); err == nil {
					return fmt.Errorf("%s is already the fallback organisation: there can be only one", current.GetString("name"))
				}
			}
			collection, err := app.FindCollectionByNameOrId("organisations")
			if err != nil {
				return err
			}
			org := core.NewRecord(collection)
			org.Set("name", strings.TrimSpace(name))
			org.Set("short", strings.TrimSpace(short))
			org.Set("kind", kind)
			org.Set("countries", codes)
			org.Set("url", url)
			org.Set("active", true)
			org.Set("fallback", fallback)
			if err := app.Save(org); err != nil {
				return describeSaveError("organisation", err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "added organisation %s (%s), id %s\n", org.GetString("name"), strings.Join(codes, ","), org.Id)
			if fallback {
				moved, err := helpline.AdoptUnplaced(app, org.Id)
				if err != nil {
					return fmt.Errorf("the organisation was added, but the waiting questions could not be moved to it: %w", err)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "it takes the questions no other organisation covers; %d waiting question(s) moved to its unassigned queue\n", moved)
			}
			return nil
		},
	}
	add.Flags().StringVar(&name, "name", "", "full name (required)")
	add.Flags().StringVar(&short, "short", "", "acronym, e.g. UGTT")
	add.Flags().StringVar(&kind, "kind", "union", "union, institution or ngo")
	add.Flags().StringVar(&countries, "countries", "", "countries covered, e.g. MA,TN (required)")
	add.Flags().StringVar(&url, "url", "", "website (https)")
	add.Flags().BoolVar(&fallback, "fallback", false, "take the questions no other organisation covers (no country, or a country nobody covers), in its inbox's unassigned queue; --countries is then optional")

	cmd.AddCommand(add)
	return cmd
}

// findOrganisation finds an organisation by id, acronym or exact name.
func findOrganisation(app core.App, ref string) (*core.Record, error) {
	records, err := app.FindRecordsByFilter("organisations",
		"id = {:ref} || short = {:ref} || name = {:ref}", "", 2, 0, dbx.Params{"ref": ref})
	if err != nil {
		return nil, err
	}
	switch len(records) {
	case 0:
		return nil, fmt.Errorf("no organisation %q: add it with `amem org add` first", ref)
	case 1:
		return records[0], nil
	default:
		return nil, fmt.Errorf("%q names more than one organisation: use its id", ref)
	}
}

// describeSaveError turns a validation error into one line an admin can act on.
func describeSaveError(what string, err error) error {
	return fmt.Errorf("could not save the %s: %w", what, err)
}
