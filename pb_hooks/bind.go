// Package pb_hooks attaches AMEM's behaviour to a PocketBase app: record
// hooks, routes and commands, one file per concern. main and the tests call
// the same Bind, so the tests exercise the real wiring.
package pb_hooks

import (
	"fmt"
	"io/fs"
	"os"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"amem/internal/i18n"
	"amem/locales"
)

// Config is what Bind needs beyond the app.
type Config struct {
	// Content is the folder of guides and contacts imported when the server
	// starts (laid out like content/); nil imports nothing.
	Content fs.FS
}

// Bind attaches every hook and route to app. It fails only when a shipped
// file (locales, web assets) is broken, which tests catch before a release.
func Bind(app core.App, config Config) error {
	catalog, err := i18n.Load(locales.FS)
	if err != nil {
		return fmt.Errorf("load locales: %w", err)
	}
	bindRevisions(app)
	bindErrors(app, catalog)
	bindQueryPaths(app)
	bindI18n(app, catalog)
	if err := bindWeb(app, catalog); err != nil {
		return err
	}
	if config.Content != nil {
		BindContent(app, config.Content)
	}
	BindDashboardEdits(app)
	bindSync(app, catalog)
	bindWorkers(app)
	bindQuestions(app)
	bindCaseClosing(app)
	bindQuestionVisibility(app)
	bindOverdueQuestions(app)
	bindTransfers(app)
	bindInbox(app)
	bindMail(app, catalog)
	bindStats(app)
	bindMessages(app)
	bindPhotos(app)
	if err := bindPush(app, catalog); err != nil {
		return err
	}
	return nil
}

// Commands returns AMEM's admin commands, added beside PocketBase's own.
// They return their errors; AddCommands turns those into an exit status.
func Commands(app core.App) []*cobra.Command {
	return []*cobra.Command{orgCommand(app), counsellorCommand(app), agenciesCommand(app), ContentCommand(), PushCommand(app)}
}

// AddCommands adds AMEM's commands to root so that a failure exits with
// status 1: PocketBase ignores the error a command returns, and scripts that
// set up a deployment need to know.
func AddCommands(root *cobra.Command, app core.App) {
	for _, cmd := range Commands(app) {
		exitOnError(cmd)
		root.AddCommand(cmd)
	}
}

func exitOnError(cmd *cobra.Command) {
	if run := cmd.RunE; run != nil {
		cmd.SilenceErrors = true
		cmd.RunE = func(c *cobra.Command, args []string) error {
			if err := run(c, args); err != nil {
				fmt.Fprintln(c.ErrOrStderr(), "Error:", err)
				os.Exit(1)
			}
			return nil
		}
	}
	for _, sub := range cmd.Commands() {
		exitOnError(sub)
	}
}
