package notify

import (
	"amem/internal/push"

	"github.com/pocketbase/pocketbase/core"
)

// RotateKeys replaces the VAPID keys of app's data directory and deletes
// every push subscription and queued notification, which the new key would
// not reach. It returns how many subscriptions were deleted.
func RotateKeys(app core.App) (int64, error) {
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
