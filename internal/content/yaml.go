package content

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// yamlReader reads YAML nodes into plain values, reporting every problem
// against the line of the file it came from.
type yamlReader struct {
	*problems
	offset int // file line number of YAML line 1, minus one
}

func (r *yamlReader) line(n *yaml.Node) int { return n.Line + r.offset }

// yamlSyntaxLine pulls the line out of yaml.v3's "yaml: line 3: ..." errors.
var yamlSyntaxLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlParserProblems are the messages of yaml.v3's parser (not its scanner):
// their line is counted from 0, and line 0 is not printed at all.
var yamlParserProblems = []string{
	"did not find expected ',' or ']'", "did not find expected ',' or '}'",
	"did not find expected '-' indicator", "did not find expected <document start>",
	"did not find expected <stream-start>", "did not find expected key",
	"did not find expected node content", "found duplicate %TAG directive",
	"found duplicate %YAML directive", "found incompatible YAML document",
	"found undefined tag handle",
}

// parse decodes YAML text into its root node, reporting syntax errors.
func (r *yamlReader) parse(src []byte, what string) (*yaml.Node, bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		msg, line := err.Error(), 0
		if m := yamlSyntaxLine.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			line, msg = n+r.offset, m[2]
			if slices.Contains(yamlParserProblems, msg) {
				line++
			}
		} else {
			// yaml.v3 leaves the line out when it is the first one.
			msg, line = strings.TrimPrefix(msg, "yaml: "), r.offset+1
		}
		r.addf(line, "%s is not valid YAML: %s", what, msg)
		return nil, false
	}
	if len(doc.Content) == 0 {
		r.addf(r.offset, "%s is empty", what)
		return nil, false
	}
	return deref(doc.Content[0]), true
}

func deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// yamlMap is a mapping whose keys have been checked.
type yamlMap struct {
	line     int // file line of the mapping, used for "x is missing"
	values   map[string]*yaml.Node
	keyLines map[string]int // file line of each key
}

// mapping reads a mapping node; duplicate and unknown keys are problems
// (an unknown key is usually a typo that would silently drop a field).
func (r *yamlReader) mapping(n *yaml.Node, where string, allowed []string, missingLine int) (yamlMap, bool) {
	m := yamlMap{line: missingLine, values: map[string]*yaml.Node{}, keyLines: map[string]int{}}
	if n.Kind != yaml.MappingNode {
		r.addf(r.line(n), "%s must be \"name: value\" lines", where)
		return m, false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], deref(n.Content[i+1])
		key := k.Value
		switch {
		case !slices.Contains(allowed, key):
			hint := ""
			if c := closest(key, allowed); c != "" {
				hint = " (did you mean \"" + c + "\"?)"
			}
			r.addf(r.line(k), "unknown field %q%s in %s; allowed: %s", key, hint, where, oneOf(allowed))
		case m.keyLines[key] != 0:
			r.addf(r.line(k), "%s is given twice (first on line %d)", key, m.keyLines[key])
		default:
			m.keyLines[key] = r.line(k)
			m.values[key] = v
		}
	}
	return m, true
}

// text reads a one-line plain-text field; max is in characters, 0 for no limit.
func (r *yamlReader) text(m yamlMap, key string, required bool, max int) string {
	n, ok := m.values[key]
	if !ok {
		if required {
			r.addf(m.line, "%s is missing", key)
		}
		return ""
	}
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		if n.Tag == "!!null" && !required {
			return ""
		}
		r.addf(r.line(n), "%s must be plain text", key)
		return ""
	}
	v := strings.TrimSpace(n.Value)
	switch {
	case v == "" && required:
		r.addf(r.line(n), "%s is empty", key)
	case strings.ContainsAny(v, "\r\n"):
		r.addf(r.line(n), "%s must be on one line", key)
	case max > 0 && utf8.RuneCountInString(v) > max:
		r.addf(r.line(n), "%s has %d characters; at most %d are allowed", key, utf8.RuneCountInString(v), max)
	}
	return v
}

// flag reads an optional true or false; absent is false.
func (r *yamlReader) flag(m yamlMap, key string) bool {
	n, ok := m.values[key]
	if !ok {
		return false
	}
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		r.addf(r.line(n), "%s must be true or false", key)
		return false
	}
	return strings.EqualFold(n.Value, "true")
}

// choice reads a required field whose value must be one of allowed.
func (r *yamlReader) choice(m yamlMap, key string, allowed []string) string {
	v := r.text(m, key, true, 0)
	if v != "" && !slices.Contains(allowed, v) {
		r.addf(r.line(m.values[key]), "%s %q is not one of %s", key, v, oneOf(allowed))
		return ""
	}
	return v
}

// list reads a list of words, each one of allowed (or matching check when
// allowed is nil), without repeats. singular names one item in messages.
func (r *yamlReader) list(m yamlMap, key, singular string, required bool, allowed []string, check func(string) bool) []string {
	n, ok := m.values[key]
	if !ok {
		if required {
			r.addf(m.line, "%s is missing", key)
		}
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		r.addf(r.line(n), "%s must be a list, e.g. [%s]", key, strings.Join(exampleOf(allowed), ", "))
		return nil
	}
	if len(n.Content) == 0 && required {
		r.addf(r.line(n), "%s is empty; list at least one %s", key, singular)
		return nil
	}
	var out []string
	for _, item := range n.Content {
		item = deref(item)
		v := strings.TrimSpace(item.Value)
		switch {
		case item.Kind != yaml.ScalarNode:
			r.addf(r.line(item), "each %s in %s must be a word", singular, key)
		case allowed != nil && !slices.Contains(allowed, v):
			r.addf(r.line(item), "%s %q is not one of %s", singular, v, oneOf(allowed))
		case allowed == nil && !check(v):
			r.addf(r.line(item), "%s %q is not valid", singular, v)
		case slices.Contains(out, v):
			r.addf(r.line(item), "%s %q is listed twice", singular, v)
		default:
			out = append(out, v)
		}
	}
	return out
}

func exampleOf(allowed []string) []string {
	if len(allowed) > 2 {
		return allowed[:2]
	}
	return allowed
}

// date reads a required YYYY-MM-DD date and returns it in that form.
func (r *yamlReader) date(m yamlMap, key string) string {
	v := r.text(m, key, true, 0)
	if v == "" {
		return ""
	}
	if _, err := time.Parse(time.DateOnly, v); err != nil || !datePattern.MatchString(v) {
		r.addf(r.line(m.values[key]), "%s %q is not a date in the form YYYY-MM-DD", key, v)
		return ""
	}
	return v
}

// httpsURL reads an optional link, which must be an https:// address.
func (r *yamlReader) httpsURL(m yamlMap, key string) string {
	v := r.text(m, key, false, 0)
	if v != "" && !isHTTPS(v) {
		r.addf(r.line(m.values[key]), "%s %q must be a full https:// address", key, v)
		return ""
	}
	return v
}
