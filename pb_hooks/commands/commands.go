// Package commands is AMEM's administration beside PocketBase's own
// commands: organisations, counsellors, agencies, content checks and Web
// Push keys. Each prints what it did and exits with status 1 and a one-line
// reason on bad input, so that scripts setting up a deployment know.
package commands

import (
	"fmt"
	"os"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"
)

// All returns AMEM's commands. They return their errors; Add turns those
// into an exit status.
func All(app core.App) []*cobra.Command {
	return []*cobra.Command{orgCommand(app), counsellorCommand(app), agenciesCommand(app), contentCommand(), pushCommand(app)}
}

// Add adds AMEM's commands to root so that a failure exits with status 1:
// PocketBase ignores the error a command returns.
func Add(root *cobra.Command, app core.App) {
	for _, cmd := range All(app) {
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
