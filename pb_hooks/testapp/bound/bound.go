// Package bound sets testapp.Bind to pb_hooks.Bind. A package's tests import
// it from an external test file (package x_test may import pb_hooks, which
// imports x), so that every test app is bound as main binds it.
package bound

import (
	"io/fs"

	"github.com/pocketbase/pocketbase/core"

	"amem/pb_hooks"
	"amem/pb_hooks/testapp"
)

func init() {
	testapp.Bind = func(app core.App, content fs.FS) error {
		return pb_hooks.Bind(app, pb_hooks.Config{Content: content})
	}
}
