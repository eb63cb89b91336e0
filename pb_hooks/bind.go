// Package pb_hooks attaches AMEM's behaviour to a PocketBase app: record
// hooks, routes and commands, one file per concern. main and the tests call
// the same Bind, so the tests exercise the real wiring.
package pb_hooks

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"amem/internal/i18n"
	"amem/locales"
)

// Bind attaches every hook and route to app. It fails only when a shipped
// file (locales, web assets) is broken, which tests catch before a release.
func Bind(app core.App) error {
	catalog, err := i18n.Load(locales.FS)
	if err != nil {
		return fmt.Errorf("load locales: %w", err)
	}
	bindRevisions(app)
	bindErrors(app, catalog)
	bindI18n(app, catalog)
	if err := bindWeb(app, catalog); err != nil {
		return err
	}
	bindQuestions(app)
	bindMessages(app)
	return nil
}

// Commands returns AMEM's admin commands, added beside PocketBase's own.
func Commands(app core.App) []*cobra.Command {
	return []*cobra.Command{orgCommand(app), counsellorCommand(app)}
}
