package pb_hooks

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"amem/internal/push"
)

// PushCommand is `amem push`: Web Push administration.
//
//	amem push rotate-keys   new VAPID keys; every subscription is deleted
func PushCommand(app core.App) *cobra.Command {
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
			n, err := rotatePushKeys(app)
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

// rotatePushKeys replaces the VAPID keys of app's data directory and deletes
// every push subscription and queued notification, which the new key would
// not reach. It returns how many subscriptions were deleted.
func rotatePushKeys(app core.App) (int64, error) {
	keys, err := push.GenerateKeys()
	if err != nil {
		return 0, err
	}
	var deleted int64
	err = app.RunInTransaction(func(txApp core.App) error {
		if _, err := txApp.NonconcurrentDB().NewQuery("DELETE FROM {{push_outbox}}").Execute(); err != nil {
			return err
		}
		res, err := txApp.NonconcurrentDB().NewQuery("DELETE FROM {{push_subscriptions}}").Execute()
		if err != nil {
			return err
		}
		deleted, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, err
	}
	// Written after the deletion: if writing failed, the old key stays and
	// browsers simply subscribe again with it.
	return deleted, push.WriteKeys(app.DataDir(), keys)
}
