package content_test

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"amem/internal/content"
	"amem/internal/opus/opustest"
)

// withRecordings is a valid guide file in lang whose front matter lists recordings.
func withRecordings(lang, list string) *fstest.MapFile {
	return guideIn(lang, "reviewed: 2026-11-30\n", "reviewed: 2026-11-30\nrecordings:\n"+list)
}

// guideFolder is a complete valid guide "g" with the given extra files.
func guideFolder(ar *fstest.MapFile, extra map[string]*fstest.MapFile) fstest.MapFS {
	fsys := fstest.MapFS{
		"guides/g/ar.md": ar,
		"guides/g/fr.md": file(validGuide("fr")),
		"guides/g/en.md": file(validGuide("en")),
		"contacts.yaml":  file(validContacts),
	}
	for name, f := range extra {
		fsys["guides/g/"+name] = f
	}
	return fsys
}

func problemTexts(ps []content.Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
}

func TestLoadReadsRecordings(t *testing.T) {
	darija := opustest.File(3*time.Second, "")
	fsys := guideFolder(withRecordings("ar", "  - file: ary.opus\n    credit: Fatima, UMT\n    reviewed: 2026-11-29\n"),
		map[string]*fstest.MapFile{"ary.opus": {Data: darija}})
	lib, problems := content.Load(fsys)
	if len(problems) > 0 {
		t.Fatalf("problems: %q", problemTexts(problems))
	}
	if len(lib.Recordings) != 1 {
		t.Fatalf("recordings: %+v", lib.Recordings)
	}
	r := lib.Recordings[0]
	if r.File != "guides/g/ary.opus" || r.Slug != "g" || r.Lang != "ary" || r.Credit != "Fatima, UMT" ||
		r.Reviewed != "2026-11-29" || r.Seconds != 3 || r.Bytes != len(darija) || r.Hash == "" {
		t.Fatalf("recording = %+v", r)
	}
}

// Each way a recording can be wrong is reported at the file or the entry,
// and the guide's text is still served.
func TestLoadReportsBrokenRecordings(t *testing.T) {
	good := &fstest.MapFile{Data: opustest.File(time.Second, "")}
	for name, c := range map[string]struct {
		ar    *fstest.MapFile
		files map[string]*fstest.MapFile
		want  string
	}{
		"not Opus": {withRecordings("ar", "  - file: ary.opus\n    reviewed: 2026-11-29\n"),
			map[string]*fstest.MapFile{"ary.opus": file("ID3\x04 an mp3 renamed")},
			`guides/g/ary.opus: is not a valid Ogg Opus recording (not an Ogg file: it does not start with the Ogg capture pattern "OggS"): recordings are Opus only; convert it with: ffmpeg`},
		"other format": {file(validGuide("ar")), map[string]*fstest.MapFile{"ary.mp3": file("ID3")},
			`guides/g/ary.mp3: recordings are Ogg Opus files named <lang>.opus only; convert it with: ffmpeg`},
		"unknown language": {withRecordings("ar", "  - file: xx.opus\n    reviewed: 2026-11-29\n"),
			map[string]*fstest.MapFile{"xx.opus": good},
			`guides/g/ar.md:12: recording "xx.opus": "xx" is not a known language or dialect; name the file after the language spoken: ar, fr, en, aeb, ary, mey, tzm, zgh`},
		"not listed": {file(validGuide("ar")), map[string]*fstest.MapFile{"mey.opus": good},
			`guides/g/mey.opus: is not listed under recordings: in the front matter`},
		"missing file": {withRecordings("ar", "  - file: mey.opus\n    reviewed: 2026-11-29\n"), nil,
			`guides/g/ar.md:12: recording "mey.opus" is not in guides/g/`},
		"no review date": {withRecordings("ar", "  - file: mey.opus\n"), map[string]*fstest.MapFile{"mey.opus": good},
			`guides/g/ar.md:12: reviewed is missing`},
	} {
		t.Run(name, func(t *testing.T) {
			lib, problems := content.Load(guideFolder(c.ar, c.files))
			got := problemTexts(problems)
			if !slices.ContainsFunc(got, func(p string) bool { return strings.HasPrefix(p, c.want) }) {
				t.Fatalf("problems %q, want one starting %q", got, c.want)
			}
			if len(lib.Recordings) != 0 {
				t.Errorf("recordings %+v, want none", lib.Recordings)
			}
			if name != "no review date" && len(lib.Guides) != 3 {
				t.Errorf("%d guide files served, want 3", len(lib.Guides))
			}
		})
	}
}

// A recording listed twice, in two languages' files, is one problem.
func TestLoadRecordingListedTwice(t *testing.T) {
	entry := "  - file: ary.opus\n    reviewed: 2026-11-29\n"
	fsys := guideFolder(withRecordings("ar", entry), map[string]*fstest.MapFile{"ary.opus": {Data: opustest.File(time.Second, "")}})
	fsys["guides/g/fr.md"] = withRecordings("fr", entry)
	_, problems := content.Load(fsys)
	if got := problemTexts(problems); !slices.Equal(got, []string{`guides/g/fr.md:12: recording "ary.opus" is listed twice (also in ar.md)`}) {
		t.Fatalf("problems %q", got)
	}
}
