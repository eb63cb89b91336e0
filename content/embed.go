// Package content ships the guides and the help directory inside the binary.
// The format is docs/content.md; internal/content reads and checks it.
package content

import "embed"

// FS holds guides/<slug>/<lang>.md, contacts.yaml and locales/ (the
// languages a partner adds: locales/<lang>.json) at its root.
// go:embed leaves out names starting with . or _, and so does the loader.
//
//go:embed guides contacts.yaml locales
var FS embed.FS
