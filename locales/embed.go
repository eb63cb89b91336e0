// Package locales holds the go-i18n message files, one per language: the
// single source of every user-visible string, for the server and the web app.
package locales

import "embed"

// FS holds ar.json, en.json, fr.json, …
//
//go:embed *.json
var FS embed.FS
