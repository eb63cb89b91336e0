// Package assets fingerprints the web app's static files so that they can be
// served at content-hashed URLs with immutable caching, while the pages that
// reference them stay at stable URLs with no-cache.
//
// Nothing is bundled: each file is served under /static/<name with hash>,
// JavaScript and CSS minified once at start-up (the source stays readable,
// with no build step; the hash names the minified bytes), e.g. js/app.js → /static/js/app.3f2a1b9c0d.js.
// ES modules keep importing each other by their plain paths ("/static/js/db.js");
// the import map returned by ImportMap points those at the hashed files.
package assets

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"
)

// Prefix is the URL path under which fingerprinted files are served.
const Prefix = "/static/"

// Asset is one fingerprinted file.
type Asset struct {
	Name string // path inside the FS, e.g. "js/app.js"
	URL  string // hashed URL, e.g. "/static/js/app.3f2a1b9c0d.js"
	Hash string // full sha256 of the content, hex
	Data []byte
}

// Set is the fingerprinted view of a directory of static files.
type Set struct {
	byName  map[string]*Asset
	byURL   map[string]*Asset
	version string
}

// hashLen is how many hex characters of the sha256 go into a URL: 10 are
// plenty to tell versions of one file apart.
const hashLen = 10

// New reads every file under root in fsys and fingerprints it.
func New(fsys fs.FS, root string) (*Set, error) {
	s := &Set{byName: map[string]*Asset{}, byURL: map[string]*Asset{}}
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(strings.TrimPrefix(p, root), "/")
		if data, err = minified(name, data); err != nil {
			return fmt.Errorf("minify %s: %w", name, err)
		}
		sum := sha256.Sum256(data)
		a := &Asset{Name: name, Hash: hex.EncodeToString(sum[:]), Data: data}
		ext := path.Ext(name)
		a.URL = Prefix + strings.TrimSuffix(name, ext) + "." + a.Hash[:hashLen] + ext
		s.byName[name] = a
		s.byURL[a.URL] = a
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("fingerprint %s: %w", root, err)
	}
	if len(s.byName) == 0 {
		return nil, fmt.Errorf("fingerprint %s: no files", root)
	}

	// The version changes whenever any file changes: it names the app shell
	// that the service worker precaches.
	h := sha256.New()
	for _, a := range s.All() {
		fmt.Fprintf(h, "%s %s\n", a.Name, a.Hash)
	}
	s.version = hex.EncodeToString(h.Sum(nil))[:hashLen]
	return s, nil
}

// URL returns the hashed URL of a file, or panics: a page that references a
// missing asset is a programming error that tests catch at start-up.
func (s *Set) URL(name string) string {
	a, ok := s.byName[name]
	if !ok {
		panic("assets: no such file: " + name)
	}
	return a.URL
}

// ByURL returns the asset served at a hashed URL.
func (s *Set) ByURL(url string) (*Asset, bool) {
	a, ok := s.byURL[url]
	return a, ok
}

// Version identifies this exact set of files.
func (s *Set) Version() string { return s.version }

// All returns the assets sorted by name.
func (s *Set) All() []*Asset {
	all := make([]*Asset, 0, len(s.byName))
	for _, a := range s.byName {
		all = append(all, a)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Name < all[j].Name })
	return all
}

// URLs returns the hashed URLs of the files whose names match one of the
// given prefixes (all files when none is given), sorted.
func (s *Set) URLs(prefixes ...string) []string {
	var urls []string
	for _, a := range s.All() {
		if len(prefixes) == 0 || hasAnyPrefix(a.Name, prefixes) {
			urls = append(urls, a.URL)
		}
	}
	return urls
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// ImportMap returns the JSON of an import map that maps every JavaScript
// module's plain URL (/static/js/db.js) to its hashed URL.
func (s *Set) ImportMap() string {
	imports := map[string]string{}
	for _, a := range s.All() {
		if strings.HasSuffix(a.Name, ".js") {
			imports[Prefix+a.Name] = a.URL
		}
	}
	b, _ := json.Marshal(map[string]any{"imports": imports})
	return string(b)
}

// minifier drops what only readers of the source need (comments,
// indentation, long local names) from scripts and stylesheets.
var minifier = func() *minify.M {
	m := minify.New()
	m.AddFunc("text/javascript", js.Minify)
	m.AddFunc("text/css", css.Minify)
	return m
}()

// minified returns the bytes served for a file: JS and CSS minified, any
// other file as written.
func minified(name string, data []byte) ([]byte, error) {
	switch path.Ext(name) {
	case ".js":
		return minifier.Bytes("text/javascript", data)
	case ".css":
		return minifier.Bytes("text/css", data)
	}
	return data, nil
}
