package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"amem/locales"
)

// messageID is the shape of our message ids ("inbox.queue.count").
var messageID = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$`)

// jsT is the web apps' translate call with a literal id: t('key') or
// t("key"), not t('topic.' + code).
var jsT = regexp.MustCompile(`\bt\(\s*['"]([^'"]+)['"]\s*[,)]`)

// TestEveryUsedMessageExists finds every message id the code uses literally
// and fails when ar, fr or en lacks it: in Go, calls of a catalog's T and
// of the local t helpers that wrap it, the ids *MessageID functions return,
// and apierrors.Field codes "amem_x" (error.field.x); in the web apps'
// JavaScript, t('key'). Ids built at run time ("country." + code) are not
// seen here; TestShippedLocalesAreComplete keeps the languages equal.
func TestEveryUsedMessageExists(t *testing.T) {
	c, err := Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Join("..", "..")
	used := map[string]string{} // id → first place it is used
	add := func(id, where string) {
		if _, seen := used[id]; !seen {
			used[id] = where
		}
	}
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		switch {
		case strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go"):
			return goMessageIDs(path, rel, add)
		case strings.HasSuffix(name, ".js") && strings.HasPrefix(rel, "web"+string(filepath.Separator)):
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, m := range jsT.FindAllSubmatchIndex(src, -1) {
				line := 1 + strings.Count(string(src[:m[0]]), "\n")
				add(string(src[m[2]:m[3]]), rel+":"+strconv.Itoa(line))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d message ids in use", len(used))
	if len(used) < 100 {
		t.Fatalf("found only %d message ids in use: is the scan still looking in the right places?", len(used))
	}
	ids := make([]string, 0, len(used))
	for id := range used {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, lang := range []string{"ar", "fr", "en"} {
		for _, id := range ids {
			if _, ok := c.messages[lang][id]; !ok {
				t.Errorf("%s uses %q, which locales/%s.json lacks", used[id], id, lang)
			}
		}
	}
}

// goMessageIDs adds the message ids the Go file at path uses literally.
func goMessageIDs(path, rel string, add func(id, where string)) error {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, path, nil, 0)
	if err != nil {
		return err
	}
	literal := func(e ast.Expr) (string, bool) {
		lit, ok := e.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(lit.Value)
		return s, err == nil
	}
	where := func(n ast.Node) string { return rel + ":" + strconv.Itoa(fset.Position(n.Pos()).Line) }
	ast.Inspect(file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			// statusMessageID, fieldMessageID: every id they can return.
			if strings.HasSuffix(n.Name.Name, "MessageID") && n.Body != nil {
				ast.Inspect(n.Body, func(m ast.Node) bool {
					if ret, ok := m.(*ast.ReturnStmt); ok && len(ret.Results) == 1 {
						if s, ok := literal(ret.Results[0]); ok && messageID.MatchString(s) {
							add(s, where(ret))
						}
					}
					return true
				})
			}
		case *ast.CallExpr:
			var fn string
			switch f := n.Fun.(type) {
			case *ast.Ident:
				fn = f.Name
			case *ast.SelectorExpr:
				fn = f.Sel.Name
				if x, ok := f.X.(*ast.Ident); ok && x.Name == "apierrors" && fn == "Field" && len(n.Args) == 2 {
					if code, ok := literal(n.Args[1]); ok && strings.HasPrefix(code, "amem_") {
						add("error.field."+strings.TrimPrefix(code, "amem_"), where(n))
					}
					return true
				}
			}
			// catalog.T(lang, id, …), and t(id) or t(lang, id) helpers.
			if fn != "T" && fn != "t" {
				return true
			}
			for i, arg := range n.Args {
				if i > 1 {
					break
				}
				if s, ok := literal(arg); ok && messageID.MatchString(s) {
					add(s, where(n))
					break
				}
			}
		}
		return true
	})
	return nil
}
