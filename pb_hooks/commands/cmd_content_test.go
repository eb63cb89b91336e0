package commands

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"amem/internal/content"
	"amem/internal/opus/opustest"
	"amem/locales"
	"amem/pb_hooks/testapp"
)

func TestContentCheckPrintsOneProblemPerLine(t *testing.T) {
	fsys := testapp.ContentFS()
	fsys["guides/no-fees/fr.md"].Data = []byte(strings.Replace(testapp.ContentGuide("fr", "x"), "phase: pre_departure", "phase: arrival", 1))
	delete(fsys, "guides/your-contract/ar.md")

	var out, summary bytes.Buffer
	if n := checkContent(&out, &summary, fsys, "content"); n != 2 {
		t.Errorf("found %d problems, want 2", n)
	}
	want := "content/guides/no-fees/fr.md:4: phase \"arrival\" is not one of pre_departure, on_arrival, at_work, return\n" +
		"content/guides/your-contract: has no ar.md: every guide needs ar.md, fr.md and en.md\n"
	if out.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), want)
	}
	if summary.String() != "2 problem(s) in content\n" {
		t.Errorf("summary: %q", summary.String())
	}
}

func TestContentCheckPassesGoodContent(t *testing.T) {
	var out, summary bytes.Buffer
	if n := checkContent(&out, &summary, testapp.ContentFS(), "content"); n != 0 || out.Len() != 0 {
		t.Errorf("%d problems: %s", n, out.String())
	}
	if n := checkContent(&out, &summary, fstest.MapFS{}, "empty"); n != 2 {
		t.Errorf("an empty folder should give 2 problems (no guides, no contacts), got %d", n)
	}
}

func TestContentCommandHasCheckWithDir(t *testing.T) {
	cmd := contentCommand()
	check, _, err := cmd.Find([]string{"check"})
	if err != nil || check.Name() != "check" || check.Flags().Lookup("path") == nil {
		t.Errorf("content check --dir is missing: %v", err)
	}
}

// content check validates recordings: a valid Opus file passes and is
// counted; a file that is not Opus is a problem with the way to convert it.
func TestContentCheckValidatesRecordings(t *testing.T) {
	fsys := testapp.ContentFS()
	testapp.AddRecording(fsys, "no-fees", "ary", opustest.File(2*time.Second, ""), "UMT")
	var out, summary bytes.Buffer
	if n := checkContent(&out, &summary, fsys, "content"); n != 0 || !strings.Contains(summary.String(), "1 recordings") {
		t.Fatalf("%d problems: %s%s", n, out.String(), summary.String())
	}

	testapp.AddRecording(fsys, "your-contract", "mey", []byte("ID3\x04\x00 an MP3 renamed .opus"), "UMT")
	out.Reset()
	if n := checkContent(&out, &summary, fsys, "content"); n != 1 || !strings.HasPrefix(out.String(),
		"content/guides/your-contract/mey.opus: is not a valid Ogg Opus recording (not an Ogg file") || !strings.Contains(out.String(), "libopus") {
		t.Fatalf("%d problems: %s", n, out.String())
	}
}

// content check runs the catalog's check on a partner's locale file: a key
// of en.json missing there is a problem, named.
func TestContentCheckNamesAPartnerLocaleGap(t *testing.T) {
	var messages map[string]any
	en, err := fs.ReadFile(locales.FS, "en.json")
	if err != nil || json.Unmarshal(en, &messages) != nil {
		t.Fatalf("en.json: %v", err)
	}
	messages[content.HelpHeadingKey] = "Test help heading"
	delete(messages, "app.tagline")
	data, _ := json.Marshal(messages)
	fsys := testapp.ContentFS()
	fsys["locales/tzm.json"] = &fstest.MapFile{Data: data}

	var out, summary bytes.Buffer
	if n := checkContent(&out, &summary, fsys, "content"); n != 1 || out.String() != "content/locales/tzm.json: \"app.tagline\" is missing\n" {
		t.Errorf("%d problems: %s", n, out.String())
	}
}
