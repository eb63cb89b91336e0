package content

import (
	"io/fs"
	"path"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"amem/internal/opus"
	"amem/internal/vocab"
)

// RecordingExt is the extension of a recording beside a guide's Markdown:
// guides/<slug>/<lang>.opus, lang being the language spoken.
const RecordingExt = ".opus"

// MaxCredit is the longest credit of a recording, in characters.
const MaxCredit = 200

// otherAudio are the extensions of audio files an editor may drop in a guide
// folder by mistake: recordings are Opus only.
var otherAudio = []string{".mp3", ".m4a", ".aac", ".wav", ".ogg", ".oga", ".webm", ".flac", ".amr", ".3gp", ".wma"}

// Recording is a guide read aloud, shipped beside its Markdown and listed in
// the front matter of one of its files.
type Recording struct {
	File     string // guides/<slug>/<lang>.opus
	Slug     string
	Lang     string // the language spoken
	Credit   string // who reads it; may be empty
	Reviewed string // YYYY-MM-DD
	Seconds  int
	Bytes    int
	Hash     string // of the file's bytes, the credit and the review date
}

// recordingEntry is one item of a guide file's "recordings:" list.
type recordingEntry struct {
	File     string // the name in the folder, e.g. ary.opus
	Credit   string
	Reviewed string
	line     int
	listedIn string // the guide file
}

// IsRecordingLanguage reports whether lang may be spoken in a recording:
// a language guides are written in, a dialect (vocab.Dialects), or one of
// partners (extra).
func IsRecordingLanguage(lang string, extra []string) bool {
	_, dialect := vocab.Dialects[lang]
	return dialect || slices.Contains(vocab.Languages, lang) || slices.Contains(extra, lang)
}

// RecordingLanguages lists the languages IsRecordingLanguage accepts
// besides extra, for messages.
func RecordingLanguages() []string {
	out := slices.Clone(vocab.Languages)
	return append(out, slices.Sorted(func(yield func(string) bool) {
		for l := range vocab.Dialects {
			if !yield(l) {
				return
			}
		}
	})...)
}

// OpusHowTo is the line that tells an editor how to make a recording.
const OpusHowTo = "convert it with: ffmpeg -i in.mp3 -ac 1 -c:a libopus -b:a 24k -application voip <lang>.opus (docs/content.md)"

// readRecordings reads the optional "recordings:" list of a guide file.
func readRecordings(r *yamlReader, m yamlMap, file string) []recordingEntry {
	n, ok := m.values["recordings"]
	if !ok {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		r.addf(r.line(n), "recordings must be a list of entries, each with a file, a reviewed date and an optional credit")
		return nil
	}
	var out []recordingEntry
	for _, item := range n.Content {
		item = deref(item)
		rm, ok := r.mapping(item, "a recording", []string{"file", "credit", "reviewed"}, r.line(item))
		if !ok {
			continue
		}
		e := recordingEntry{File: r.text(rm, "file", true, 0), Credit: r.text(rm, "credit", false, MaxCredit),
			Reviewed: r.date(rm, "reviewed"), line: r.line(item), listedIn: file}
		if e.File != "" && (path.Base(e.File) != e.File || !strings.HasSuffix(e.File, RecordingExt)) {
			r.addf(r.line(rm.values["file"]), "file %q must be the name of an Opus file in this guide's folder, like ary.opus", e.File)
			continue
		}
		if e.Reviewed > Today() {
			r.addf(r.line(rm.values["reviewed"]), "reviewed %s is after today (%s)", e.Reviewed, Today())
		}
		out = append(out, e)
	}
	return out
}

// checkRecordings checks the recordings of one guide folder: each Opus file
// listed once in the front matter of one of its languages, each listed file
// there, each one Ogg Opus in a known language. Valid ones go to lib; a
// listed one with problems is marked broken (the import keeps what it had).
func checkRecordings(fsys fs.FS, lib *Library, slug string, files []string, entries []recordingEntry, langs languages) []Problem {
	var ps []Problem
	dir := path.Join(GuidesDir, slug)
	listed := map[string]recordingEntry{}
	for _, e := range entries {
		if first, twice := listed[e.File]; twice {
			ps = append(ps, Problem{File: e.listedIn, Line: e.line, Message: "recording " + quote(e.File) + " is listed twice (also in " + path.Base(first.listedIn) + ")"})
			continue
		}
		listed[e.File] = e
	}
	for _, name := range files {
		if _, ok := listed[name]; !ok {
			ps = append(ps, Problem{File: path.Join(dir, name), Message: "is not listed under recordings: in the front matter of one of the guide's files, with its reviewed date"})
		}
	}
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for n := range listed {
			if !yield(n) {
				return
			}
		}
	}) {
		e := listed[name]
		file := path.Join(dir, name)
		lang := strings.TrimSuffix(name, RecordingExt)
		key := slug + "/" + lang
		problem := func(at string, line int, msg string) {
			ps = append(ps, Problem{File: at, Line: line, Message: msg})
			lib.BrokenRecordings[key] = true
		}
		if !localeName.MatchString(lang) || !IsRecordingLanguage(lang, langs.partner) {
			problem(e.listedIn, e.line, "recording "+quote(name)+": "+quote(lang)+" is not a known language or dialect; name the file after the language spoken: "+oneOf(append(RecordingLanguages(), langs.partner...)))
			continue
		}
		if !slices.Contains(files, name) {
			problem(e.listedIn, e.line, "recording "+quote(name)+" is not in "+dir+"/")
			continue
		}
		data, err := fs.ReadFile(fsys, file)
		if err != nil {
			problem(file, 0, "cannot be read: "+errText(err))
			continue
		}
		info, err := opus.Parse(data)
		if err != nil {
			problem(file, 0, "is not a valid Ogg Opus recording ("+err.Error()+"): recordings are Opus only; "+OpusHowTo)
			continue
		}
		lib.Recordings = append(lib.Recordings, &Recording{File: file, Slug: slug, Lang: lang, Credit: e.Credit, Reviewed: e.Reviewed,
			Seconds: info.Seconds(), Bytes: len(data), Hash: Hash([]byte(Hash(data) + "\n" + e.Credit + "\n" + e.Reviewed))})
	}
	return ps
}

// HasRecordingFile reports whether a recording of slug in lang is listed,
// valid or not.
func (l *Library) HasRecordingFile(slug, lang string) bool {
	if l.BrokenRecordings[slug+"/"+lang] {
		return true
	}
	return slices.ContainsFunc(l.Recordings, func(r *Recording) bool { return r.Slug == slug && r.Lang == lang })
}
