// Package web holds the worker's app and the counsellors' inbox: plain HTML,
// CSS and ES modules, embedded in the binary. pages/ are rendered once at
// start (they reference assets by hashed URL), static/ is served
// fingerprinted, sw.js is the service worker.
package web

import "embed"

// FS is the embedded web app.
//
//go:embed pages static sw.js
var FS embed.FS
