// Package content reads the guides and the help contacts shipped in content/,
// checks them against docs/content.md, and renders guide bodies to safe HTML.
//
// It knows nothing about PocketBase: pb_hooks imports what it returns.
package content

import "fmt"

// Problem is one thing an editor has to fix, located in a file.
type Problem struct {
	File    string // path inside the content folder, e.g. guides/no-fees/fr.md
	Line    int    // 1-based; 0 when the problem is about the whole file or folder
	Message string
}

// String formats the problem the way compilers do, so editors can jump to it:
// "guides/no-fees/fr.md:4: phase ...".
func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Message)
}

// problems collects the problems of one file.
type problems struct {
	file string
	list []Problem
}

func (ps *problems) addf(line int, format string, args ...any) {
	ps.list = append(ps.list, Problem{File: ps.file, Line: line, Message: fmt.Sprintf(format, args...)})
}
