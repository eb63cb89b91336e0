package content

import (
	"io/fs"
	"path"
	"slices"
	"strings"
)

// ContactsFile is where Load reads the help directory, inside the content folder.
const ContactsFile = "contacts.yaml"

// GuidesDir is the folder of guides inside the content folder.
const GuidesDir = "guides"

// Library is everything valid in a content folder.
type Library struct {
	Guides   []*Guide   // valid guide files, by folder, then in Languages order
	Contacts []*Contact // valid contacts, in file order
	// Valid recordings (guides/<slug>/<lang>.opus), by folder, then by file name.
	Recordings []*Recording

	// Languages a partner added with a locale file (LocalesDir), sorted.
	PartnerLanguages []string

	// What exists but has problems: an importer keeps what it stored for these
	// instead of deleting it, so a typo never removes a guide from phones.
	BrokenGuides     map[string]bool // "slug/lang"
	BrokenContacts   map[string]bool // contact keys
	BrokenRecordings map[string]bool // "slug/lang" of recordings with problems
	ContactsComplete bool            // contacts.yaml was read entry by entry: an absent key was removed
}

// HasGuideFile reports whether a file exists for slug and lang, valid or not.
func (l *Library) HasGuideFile(slug, lang string) bool {
	if l.BrokenGuides[slug+"/"+lang] {
		return true
	}
	return slices.ContainsFunc(l.Guides, func(g *Guide) bool { return g.Slug == slug && g.Lang == lang })
}

// Load reads guides/<slug>/<lang>.md and contacts.yaml from the root of fsys.
// A file with problems is reported and left out; everything valid is
// returned. A guide missing a language or whose languages disagree is
// reported, but its valid files are still returned: readers get a fallback.
func Load(fsys fs.FS) (*Library, []Problem) {
	lib := &Library{BrokenGuides: map[string]bool{}, BrokenContacts: map[string]bool{}, BrokenRecordings: map[string]bool{}}
	langs, all := partnerLanguages(fsys)
	lib.PartnerLanguages = langs.partner

	slugs, ps := guideFolders(fsys)
	all = append(all, ps...)
	for _, slug := range slugs {
		all = append(all, loadGuide(fsys, lib, slug, langs)...)
	}

	var phones map[string]string
	data, err := fs.ReadFile(fsys, ContactsFile)
	if err != nil {
		all = append(all, Problem{File: ContactsFile, Message: "cannot be read: " + errText(err)})
	} else {
		list, ps := ParseContacts(ContactsFile, data)
		all = append(all, ps...)
		lib.Contacts, lib.BrokenContacts, lib.ContactsComplete = list.Contacts, list.Broken, list.Complete
		phones = list.phones
	}

	// A number of the directory written as plain text in a guide.
	for _, g := range lib.Guides {
		all = append(all, checkDirectoryNumbers(g, phones)...)
	}
	return lib, all
}

// guideFolders lists the guide folders. Files directly in guides/ are
// problems; names starting with . or _ are skipped, as go:embed skips them.
func guideFolders(fsys fs.FS) ([]string, []Problem) {
	entries, err := fs.ReadDir(fsys, GuidesDir)
	if err != nil {
		return nil, []Problem{{File: GuidesDir, Message: "cannot be read: " + errText(err)}}
	}
	var slugs []string
	var ps []Problem
	for _, e := range entries {
		switch {
		case hidden(e.Name()):
		case !e.IsDir():
			ps = append(ps, Problem{File: path.Join(GuidesDir, e.Name()), Message: "is not in a guide folder: guides are guides/<slug>/<lang>.md"})
		default:
			slugs = append(slugs, e.Name())
		}
	}
	return slugs, ps
}

// loadGuide reads the files of one guide folder and checks them together.
func loadGuide(fsys fs.FS, lib *Library, slug string, langs languages) []Problem {
	dir := path.Join(GuidesDir, slug)
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return []Problem{{File: dir, Message: "cannot be read: " + errText(err)}}
	}
	var ps []Problem
	found := map[string]*Guide{} // language → valid guide, or nil when broken
	var recordings []string      // the Opus files of the folder
	for _, e := range entries {
		file := path.Join(dir, e.Name())
		if hidden(e.Name()) {
			continue
		}
		if e.IsDir() {
			ps = append(ps, Problem{File: file, Message: "a guide folder holds only ar.md, fr.md and en.md"})
			continue
		}
		if strings.HasSuffix(e.Name(), RecordingExt) {
			recordings = append(recordings, e.Name())
			continue
		}
		if slices.Contains(otherAudio, strings.ToLower(path.Ext(e.Name()))) {
			ps = append(ps, Problem{File: file, Message: "recordings are Ogg Opus files named <lang>.opus only; " + OpusHowTo})
			continue
		}
		lang, isGuideFile := strings.CutSuffix(e.Name(), ".md")
		if !isGuideFile || !langs.has(lang) {
			ps = append(ps, Problem{File: file, Message: "file name " + quote(e.Name()) + " is not a language: use ar.md, fr.md or en.md"})
			continue
		}
		data, err := fs.ReadFile(fsys, file)
		if err != nil {
			ps = append(ps, Problem{File: file, Message: "cannot be read: " + errText(err)})
			lib.BrokenGuides[slug+"/"+lang] = true
			continue
		}
		g, gps := parseGuide(file, data, langs)
		ps = append(ps, gps...)
		found[lang] = g
		if g == nil {
			lib.BrokenGuides[slug+"/"+lang] = true
		}
	}

	var missing []string
	for _, lang := range Languages {
		if _, ok := found[lang]; !ok {
			missing = append(missing, lang+".md")
		}
	}
	if len(missing) > 0 {
		ps = append(ps, Problem{File: dir, Message: "has no " + strings.Join(missing, ", ") + ": every guide needs ar.md, fr.md and en.md"})
	}

	var valid []*Guide // shipped languages first, then partners': the stored order
	for _, lang := range langs.all() {
		if g := found[lang]; g != nil {
			valid = append(valid, g)
		}
	}
	ps = append(ps, compareLanguages(valid)...)
	lib.Guides = append(lib.Guides, valid...)

	var listedHere []recordingEntry
	broken := false
	for _, lang := range langs.all() {
		g, ok := found[lang]
		broken = broken || (ok && g == nil)
		if g != nil {
			listedHere = append(listedHere, g.recordings...)
		}
	}
	if broken {
		// A file that lists a recording may be the broken one: what is not
		// listed is kept as stored, and not reported (the file's problem is).
		var listed []string
		for _, e := range listedHere {
			listed = append(listed, e.File)
		}
		recordings = slices.DeleteFunc(recordings, func(name string) bool {
			if !slices.Contains(listed, name) {
				lib.BrokenRecordings[slug+"/"+strings.TrimSuffix(name, RecordingExt)] = true
				return true
			}
			return false
		})
	}
	ps = append(ps, checkRecordings(fsys, lib, slug, recordings, listedHere, langs)...)
	return ps
}

// compareLanguages checks that the fields shared by every language agree,
// measured against the first language of DefaultFallbackOrder the guide has.
func compareLanguages(guides []*Guide) []Problem {
	if len(guides) < 2 {
		return nil
	}
	ref := guides[0]
	for _, lang := range slices.Backward(DefaultFallbackOrder) {
		if i := slices.IndexFunc(guides, func(g *Guide) bool { return g.Lang == lang }); i >= 0 {
			ref = guides[i]
		}
	}
	refName := path.Base(ref.File)
	var ps []Problem
	for _, g := range guides {
		if g == ref {
			continue
		}
		differs := func(field, got, want string) {
			if got != want {
				ps = append(ps, Problem{File: g.File, Line: g.lines[field], Message: field + " " + got +
					" differs from " + want + " in " + refName + ": phase, countries, topics and reviewed are the same in every language"})
			}
		}
		differs("phase", quote(g.Phase), quote(ref.Phase))
		differs("countries", setText(g.Countries), setText(ref.Countries))
		differs("topics", setText(g.Topics), setText(ref.Topics))
		differs("reviewed", quote(g.Reviewed), quote(ref.Reviewed))
	}
	return ps
}

func quote(s string) string { return `"` + s + `"` }

// setText writes a list in a canonical order: the order of a list is not meaningful.
func setText(list []string) string {
	sorted := slices.Sorted(slices.Values(list))
	return "[" + strings.Join(sorted, ", ") + "]"
}

func hidden(name string) bool { return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") }

// errText drops the path fs errors repeat, since the problem names the file.
func errText(err error) string {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}
