package commands

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"amem/internal/push"
	"amem/pb_hooks/notify"
)

// pushCommand is `amem push`: Web Push administration.
//
//	amem push rotate-keys   new VAPID keys; every subscription is deleted
func pushCommand(app core.App) *cobra.Command {
	cmd := &cobra.Command{Use: "push", Short: "Web Push administration"}
	cmd.AddCommand(&cobra.Command{
		Use:   "rotate-keys",
		Short: "Make new VAPID keys and delete every push subscription",
		Long: "Makes a new VAPID key pair in the data directory (" + push.KeyFileName + ").\n" +
			"Browsers subscribed with the old public key cannot receive pushes signed with the\n" +
			"new one, so every push subscription (and every notification waiting to be sent) is\n" +
			"deleted; the app subscribes again with the new key the next time it is opened.\n" +
			"A running server picks the new keys up by itself.",
		Args:         cobra.NoArgs,
		SilenceUsage: true,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := app.RunAppMigrations(); err != nil {
				return err
			}
			n, err := notify.RotateKeys(app)
			if err != nil {
				return err
			}
			fmt.Fprintf(c.OutOrStdout(), "New VAPID keys written to %s/%s.\n", app.DataDir(), push.KeyFileName)
			fmt.Fprintf(c.OutOrStdout(), "Deleted %d push subscriptions: they were made for the old key. "+
				"Phones and browsers subscribe again, with the new key, the next time the app is opened.\n", n)
			return nil
		},
	})
	return cmd
}
