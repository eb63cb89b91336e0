package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// AxeTags are the rule sets of WCAG 2.2 level AA that axe-core checks.
var AxeTags = []string{"wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"}

// Axe checks pages with axe-core, the accessibility engine, which .ci/run
// installs from npm for the tests only (the phone never gets it) and names
// in AMEM_AXE_JS. Without it the test is skipped, or fails where
// AMEM_REQUIRE_BROWSER=1, as a missing browser does.
type Axe struct{ script string }

// NewAxe reads axe-core's script.
func NewAxe(t testing.TB) Axe {
	t.Helper()
	path := os.Getenv("AMEM_AXE_JS")
	if path == "" {
		if os.Getenv("AMEM_REQUIRE_BROWSER") == "1" {
			t.Fatal("AMEM_AXE_JS is not set and AMEM_REQUIRE_BROWSER=1: install axe-core (npm install axe-core@4) and set AMEM_AXE_JS to its axe.min.js")
		}
		t.Skip("AMEM_AXE_JS not set: accessibility checks skipped (set AMEM_REQUIRE_BROWSER=1 to make this a failure)")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("axe-core: %v", err)
	}
	return Axe{script: string(b)}
}

// violation is one failed rule as axe reports it.
type violation struct {
	ID    string `json:"id"`
	Help  string `json:"help"`
	Nodes []struct {
		Target  []any  `json:"target"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

// Violations runs the WCAG 2.2 AA rules on the tab's document as it is now
// and returns one line per failed rule and element, or none.
func (a Axe) Violations(t testing.TB, ctx context.Context) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	// Runtime.evaluate, like a DevTools console: the page's CSP does not apply.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`window.axe || `+a.script+`; void 0`)); err != nil {
		t.Fatalf("injecting axe-core: %v", err)
	}
	tags, _ := json.Marshal(AxeTags)
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]violation](
		`axe.run(document, { runOnly: { type: "tag", values: `+string(tags)+` }, resultTypes: ["violations"] }).then((r) => r.violations)`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe.run: %v", err)
	}
	var out []string
	for _, v := range got {
		for _, n := range v.Nodes {
			out = append(out, fmt.Sprintf("%s (%s) at %v: %s", v.ID, v.Help, n.Target, strings.ReplaceAll(n.Summary, "\n", " ")))
		}
	}
	return out
}
