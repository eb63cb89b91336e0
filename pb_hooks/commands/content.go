package commands

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"

	"github.com/spf13/cobra"

	shipped "amem/content"
	"amem/internal/content"
)

// contentCommand is "content check": it checks the guides and contacts
// against docs/content.md, prints each problem as file:line: message and
// exits with status 1 when there is any. It needs no database.
func contentCommand() *cobra.Command {
	command := &cobra.Command{
		Use:   "content",
		Short: "Work with the guides and contacts shipped in content/",
	}
	var dir string
	check := &cobra.Command{
		Use:   "check",
		Short: "Check every guide, recording and contacts.yaml against docs/content.md",
		Args:  cobra.NoArgs,
		// The problems are printed already: no usage, no repeated error.
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fsys, name := fs.FS(shipped.FS), "content"
			if dir != "" {
				fsys, name = os.DirFS(dir), dir
			}
			if n := checkContent(cmd.OutOrStdout(), cmd.ErrOrStderr(), fsys, name); n > 0 {
				return fmt.Errorf("%d problem(s) in %s", n, name)
			}
			return nil
		},
	}
	// Not --dir: that is PocketBase's global flag for the data directory.
	check.Flags().StringVar(&dir, "path", "", "check this content folder instead of the one built into the binary")
	command.AddCommand(check)
	return command
}

// checkContent prints the problems of the content folder fsys (called name
// in the output) to out, a summary to summary, and returns how many problems
// it found.
func checkContent(out, summary io.Writer, fsys fs.FS, name string) int {
	lib, problems := content.Load(fsys)
	for _, p := range problems {
		p.File = path.Join(name, p.File)
		fmt.Fprintln(out, p)
	}
	if len(problems) > 0 {
		fmt.Fprintf(summary, "%d problem(s) in %s\n", len(problems), name)
	} else {
		fmt.Fprintf(summary, "%s: %d guide files, %d recordings and %d contacts, no problems\n", name, len(lib.Guides), len(lib.Recordings), len(lib.Contacts))
	}
	return len(problems)
}
