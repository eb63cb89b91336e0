package notify_test

import (
	"io/fs"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"amem/pb_hooks"
	"amem/pb_hooks/testapp"
)

// The tests run on the app as main binds it (see testapp).
func init() {
	testapp.Bind = func(app core.App, content fs.FS) error {
		return pb_hooks.Bind(app, pb_hooks.Config{Content: content})
	}
}

func TestMain(m *testing.M) { testapp.Main(m) }
