// Package content ships the guides and the help directory inside the binary.
// The format is docs/content.md; internal/content reads and checks it.
package content

import "embed"

// FS holds guides/<slug>/<lang>.md and contacts.yaml at its root.
// go:embed leaves out names starting with . or _, and so does the loader.
//
//go:embed guides contacts.yaml
var FS embed.FS
