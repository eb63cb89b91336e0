// Command amem is the AMEM server: a PocketBase application that serves the
// offline-first app for migrant workers and the counsellors' inbox.
package main

import (
	"log"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/plugins/migratecmd"
	"github.com/pocketbase/pocketbase/tools/osutils"

	"amem/content"
	"amem/pb_hooks"
	_ "amem/pb_migrations"
)

func main() {
	// Never in dev mode unless --dev is given: PocketBase guesses "go run"
	// from where the binary is (a temporary folder, the Go cache), and dev
	// mode prints every SQL statement, question texts included.
	app := pocketbase.NewWithConfig(pocketbase.Config{DefaultDev: false})

	migratecmd.MustRegister(app, app.RootCmd, migratecmd.Config{
		Dir:          "pb_migrations",
		TemplateLang: migratecmd.TemplateLangGo,
		// Snapshot dashboard schema edits into new migration files, but only
		// while developing (go run), never in a deployed binary.
		Automigrate: osutils.IsProbablyGoRun(),
	})

	if err := pb_hooks.Bind(app, pb_hooks.Config{Content: content.FS}); err != nil {
		log.Fatal(err)
	}
	pb_hooks.AddCommands(app.RootCmd, app)

	if err := app.Start(); err != nil {
		log.Fatal(err)
	}
}
