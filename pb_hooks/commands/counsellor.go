package commands

import (
	"amem/pb_hooks/helpline"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"
	"github.com/spf13/cobra"
)

// counsellorCommand is `amem counsellor add | list | deactivate`.
func counsellorCommand(app core.App) *cobra.Command {
	cmd := &cobra.Command{Use: "counsellor", Short: "Manage the counsellors who answer workers"}
	cmd.AddCommand(counsellorAddCommand(app), counsellorListCommand(app), counsellorDeactivateCommand(app))
	return cmd
}

func counsellorAddCommand(app core.App) *cobra.Command {
	var email, name, org, countries, languages, topics, password string
	var capacity int
	var coordinator bool
	add := &cobra.Command{
		Use:          "add",
		Short:        "Add a counsellor to an organisation",
		Example:      `  amem counsellor add --email salma@example.org --name "Salma B." --org UGTT --countries TN --languages ar,fr --capacity 15`,
		Args:         cobra.NoArgs,
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := app.RunAppMigrations(); err != nil {
				return err
			}
			if strings.TrimSpace(email) == "" || strings.TrimSpace(name) == "" || strings.TrimSpace(org) == "" {
				return errors.New("--email, --name and --org are required")
			}
			organisation, err := findOrganisation(app, org)
			if err != nil {
				return err
			}
			countryCodes, err := parseCountries("countries", countries)
			if err != nil {
				return err
			}
			if len(countryCodes) == 0 {
				countryCodes = organisation.GetStringSlice("countries")
			}
			langCodes, err := parseLanguages("languages", languages)
			if err != nil {
				return err
			}
			if len(langCodes) == 0 {
				return errors.New("--languages is required: the languages the counsellor answers in, e.g. --languages ar,fr")
			}
			topicNames, err := parseTopics("topics", topics)
			if err != nil {
				return err
			}
			if capacity < 1 || capacity > 500 {
				return fmt.Errorf("--capacity %d: give the number of open cases the counsellor can carry, from 1 to 500", capacity)
			}
			generated := password == ""
			if generated {
				password = security.RandomString(20)
			}
			collection, err := app.FindCollectionByNameOrId("counsellors")
			if err != nil {
				return err
			}
			c := core.NewRecord(collection)
			c.SetEmail(strings.TrimSpace(email))
			c.SetPassword(password)
			c.SetVerified(true)
			c.Set("name", strings.TrimSpace(name))
			c.Set("organisation", organisation.Id)
			c.Set("countries", countryCodes)
			c.Set("languages", langCodes)
			c.Set("topics", topicNames)
			c.Set("capacity", capacity)
			c.Set("coordinator", coordinator)
			c.Set("active", true)
			if err := app.Save(c); err != nil {
				return describeSaveError("counsellor", err)
			}
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "added counsellor %s <%s> to %s, id %s\n", c.GetString("name"), c.Email(), organisation.GetString("name"), c.Id)
			if generated {
				fmt.Fprintf(out, "initial password (shown once; ask them to change it): %s\n", password)
			}
			return nil
		},
	}
	f := add.Flags()
	f.StringVar(&email, "email", "", "sign-in e-mail (required)")
	f.StringVar(&name, "name", "", "name shown to colleagues (required)")
	f.StringVar(&org, "org", "", "organisation id, acronym or name (required)")
	f.StringVar(&countries, "countries", "", "countries covered (default: the organisation's)")
	f.StringVar(&languages, "languages", "", "languages answered in, e.g. ar,fr (required)")
	f.StringVar(&topics, "topics", "", "topics handled (default: all)")
	f.IntVar(&capacity, "capacity", 10, "open cases the counsellor can carry")
	f.BoolVar(&coordinator, "coordinator", false, "may reassign cases and manage the organisation's counsellors")
	f.StringVar(&password, "password", "", "initial password (default: a random one, printed once)")
	return add
}

func counsellorListCommand(app core.App) *cobra.Command {
	var org string
	list := &cobra.Command{
		Use:          "list",
		Short:        "List counsellors with their open cases",
		Args:         cobra.NoArgs,
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := app.RunAppMigrations(); err != nil {
				return err
			}
			filter, params := "", dbx.Params{}
			if org != "" {
				organisation, err := findOrganisation(app, org)
				if err != nil {
					return err
				}
				filter, params = "organisation = {:org}", dbx.Params{"org": organisation.Id}
			}
			counsellors, err := app.FindRecordsByFilter("counsellors", filter, "name", 0, 0, params)
			if err != nil {
				return err
			}
			app.ExpandRecords(counsellors, []string{"organisation"}, nil)
			w := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "ID\tNAME\tEMAIL\tORGANISATION\tCOUNTRIES\tLANGUAGES\tOPEN/CAPACITY\tACTIVE")
			for _, c := range counsellors {
				orgName := ""
				if o := c.ExpandedOne("organisation"); o != nil {
					orgName = firstNonEmpty(o.GetString("short"), o.GetString("name"))
				}
				open, _ := helpline.CountOpenCases(app, c.Id)
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%d/%d\t%v\n", c.Id, c.GetString("name"), c.Email(), orgName,
					strings.Join(c.GetStringSlice("countries"), ","), strings.Join(c.GetStringSlice("languages"), ","),
					open, c.GetInt("capacity"), c.GetBool("active"))
			}
			return w.Flush()
		},
	}
	list.Flags().StringVar(&org, "org", "", "only this organisation (id, acronym or name)")
	return list
}

func counsellorDeactivateCommand(app core.App) *cobra.Command {
	return &cobra.Command{
		Use:          "deactivate EMAIL_OR_ID",
		Short:        "Stop a counsellor from signing in and from getting new cases",
		Args:         cobra.ExactArgs(1),
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := app.RunAppMigrations(); err != nil {
				return err
			}
			c, err := app.FindAuthRecordByEmail("counsellors", args[0])
			if err != nil {
				c, err = app.FindRecordById("counsellors", args[0])
			}
			if err != nil {
				return fmt.Errorf("no counsellor with e-mail or id %q", args[0])
			}
			c.Set("active", false)
			// A new token key signs the counsellor out of every device.
			c.RefreshTokenKey()
			if err := app.Save(c); err != nil {
				return describeSaveError("counsellor", err)
			}
			open, _ := helpline.CountOpenCases(app, c.Id)
			fmt.Fprintf(cmd.OutOrStdout(), "deactivated %s <%s>; signed out everywhere; %d open case(s) to hand over\n", c.GetString("name"), c.Email(), open)
			return nil
		},
	}
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
