package content

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"path"
	"strings"

	"gopkg.in/yaml.v3"

	"amem/internal/vocab"
)

// Guide is one language of one guide, checked and rendered.
type Guide struct {
	File      string // path inside the content folder: guides/<slug>/<lang>.md
	Slug      string
	Lang      string
	Title     string
	Summary   string
	Phase     string
	Countries []string
	Topics    []string
	Sources   []Source
	Reviewed  string // YYYY-MM-DD
	Body      string // the Markdown after the front matter, without leading blank lines
	HTML      string // Body rendered and sanitised
	Hash      string // Hash of the file's bytes

	lines      map[string]int   // file line of each front-matter field, for cross-language problems
	numbers    []plainNumber    // numbers in the body's plain text, to compare with the directory
	recordings []recordingEntry // the front matter's recordings: list (checked with the folder)
}

// Source is a law or convention behind the rights a guide states.
type Source struct {
	Title string `json:"title"`
	URL   string `json:"url,omitempty"`
}

// Hash is the hex SHA-256 of a content file's bytes: the importer compares it
// with the stored one to skip files that did not change.
func Hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

var frontMatterFields = []string{"title", "summary", "phase", "countries", "topics", "sources", "reviewed", "recordings"}

// ParseGuide checks one guide file, named by its path inside the content
// folder (guides/<slug>/<lang>.md), and renders its body. With any problem it
// returns a nil guide: a file is imported whole or not at all.
func ParseGuide(file string, data []byte) (*Guide, []Problem) {
	return parseGuide(file, data, shipped)
}

// parseGuide is ParseGuide in a content folder that may add languages.
func parseGuide(file string, data []byte, langs languages) (*Guide, []Problem) {
	ps := &problems{file: file}
	g := &Guide{File: file, Hash: Hash(data)}
	g.Slug, g.Lang = guidePath(ps, file, langs)

	// CRLF from a Windows editor must not shift lines or break "---".
	src := bytes.ReplaceAll(bytes.TrimPrefix(data, []byte("\ufeff")), []byte("\r\n"), []byte("\n"))
	front, body, bodyLine, ok := splitFrontMatter(ps, src)
	if ok {
		readFrontMatter(ps, g, front)
		g.Body = strings.TrimLeft(string(body), "\n")
		g.HTML, g.numbers = renderChecked(ps, body, bodyLine, langs.headings[g.Lang])
		switch g.Lang {
		case "ar":
			checkArabicAmounts(ps, src)
			checkArabicMonths(ps, src)
		case "fr":
			checkFrenchSpaces(ps, src)
		}
	}
	if len(ps.list) > 0 {
		return nil, ps.list
	}
	return g, nil
}

// guidePath checks the folder and file name of a guide and returns slug and language.
func guidePath(ps *problems, file string, langs languages) (slug, lang string) {
	dir, name := path.Split(file)
	slug = path.Base(dir)
	lang = strings.TrimSuffix(name, ".md")
	if !slugPattern.MatchString(slug) {
		ps.addf(0, "folder name %q is not a slug: use lower-case letters a-z, digits and single hyphens", slug)
	}
	if !strings.HasSuffix(name, ".md") || !langs.has(lang) {
		ps.addf(0, "file name %q is not a language: use ar.md, fr.md or en.md", name)
	}
	return slug, lang
}

// splitFrontMatter cuts the file at the "---" lines. bodyLine is the file
// line the body starts on.
func splitFrontMatter(ps *problems, src []byte) (front, body []byte, bodyLine int, ok bool) {
	lines := bytes.SplitAfter(src, []byte("\n"))
	if len(lines) == 0 || !isFence(lines[0]) {
		ps.addf(1, "the file must start with front matter: a line \"---\", the fields, then another \"---\"")
		return nil, nil, 0, false
	}
	for i := 1; i < len(lines); i++ {
		if isFence(lines[i]) {
			return bytes.Join(lines[1:i], nil), bytes.Join(lines[i+1:], nil), i + 2, true
		}
	}
	ps.addf(1, "the front matter is not closed: add a line \"---\" after the last field")
	return nil, nil, 0, false
}

func isFence(line []byte) bool { return string(bytes.TrimRight(line, " \t\n")) == "---" }

func readFrontMatter(ps *problems, g *Guide, front []byte) {
	r := &yamlReader{problems: ps, offset: 1} // YAML line 1 is file line 2
	root, ok := r.parse(front, "the front matter")
	if !ok {
		return
	}
	m, ok := r.mapping(root, "the front matter", frontMatterFields, 1)
	if !ok {
		return
	}
	g.lines = m.keyLines
	g.Title = r.text(m, "title", true, MaxTitle)
	g.Summary = r.text(m, "summary", true, MaxSummary)
	g.Phase = r.choice(m, "phase", vocab.Phases)
	g.Countries = r.list(m, "countries", "country", true, vocab.Countries, nil)
	g.Topics = r.list(m, "topics", "topic", true, vocab.Topics, nil)
	g.Sources = readSources(r, m)
	g.Reviewed = r.date(m, "reviewed")
	g.recordings = readRecordings(r, m, g.File)
	if g.Reviewed > Today() {
		r.addf(g.lines["reviewed"], "reviewed %s is after today (%s): write the date of the last review", g.Reviewed, Today())
	}
}

func readSources(r *yamlReader, m yamlMap) []Source {
	n, ok := m.values["sources"]
	if !ok {
		r.addf(m.line, "sources is missing: cite at least one law or convention")
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		r.addf(r.line(n), "sources must be a list of entries, each with a title and an optional url")
		return nil
	}
	if len(n.Content) == 0 {
		r.addf(r.line(n), "sources is empty: cite at least one law or convention")
		return nil
	}
	var out []Source
	for _, item := range n.Content {
		item = deref(item)
		sm, ok := r.mapping(item, "a source", []string{"title", "url"}, r.line(item))
		if !ok {
			continue
		}
		src := Source{Title: r.text(sm, "title", true, 0), URL: r.httpsURL(sm, "url")}
		if internalFile.MatchString(src.Title) {
			r.addf(r.line(sm.values["title"]), "source %q names a file of the project: readers cannot open it; cite the law or the public page it came from", src.Title)
		}
		out = append(out, src)
	}
	return out
}
