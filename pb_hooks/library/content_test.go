package library

import (
	"io"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"amem/internal/content"
	"amem/pb_hooks/testapp"
	_ "amem/pb_migrations"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// newContentTestApp binds what main binds for content, and the revision
// numbering the import relies on for "nothing changed".
func newContentTestApp(t testing.TB) *tests.TestApp {
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	bindRevisions(app)
	bindDashboardEdits(app)
	bindRecordings(app)
	return app
}

func mustImport(t *testing.T, app core.App, fsys fstest.MapFS) importReport {
	t.Helper()
	report, err := importContent(app, fsys, quiet)
	if err != nil {
		t.Fatal(err)
	}
	return report
}

// snapshot is what a phone would notice of a collection: ids, revisions and
// update times.
func snapshot(t *testing.T, app core.App, collection string) map[string]string {
	t.Helper()
	records, err := app.FindAllRecords(collection)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, r := range records {
		out[r.Id] = r.GetString("rev") + " " + r.GetString("updated") + " " + r.GetString("hash")
	}
	return out
}

func findGuide(t *testing.T, app core.App, slug, lang string) *core.Record {
	t.Helper()
	r, err := app.FindFirstRecordByFilter("guides", "slug = {:slug} && lang = {:lang}", map[string]any{"slug": slug, "lang": lang})
	if err != nil {
		t.Fatalf("guide %s/%s: %v", slug, lang, err)
	}
	return r
}

func TestImportContentCreatesThenChangesNothing(t *testing.T) {
	app := newContentTestApp(t)
	defer app.Cleanup()
	fsys := testapp.ContentFS()

	first := mustImport(t, app, fsys)
	if first.Guides.Created != 6 || first.Contacts.Created != 2 || len(first.Problems) != 0 {
		t.Fatalf("first import: %+v", first)
	}
	g := findGuide(t, app, "no-fees", "fr")
	if g.GetString("origin") != "file" || g.GetString("title") != "Title of no-fees" ||
		!strings.Contains(g.GetString("html"), "<h2>Où trouver de l'aide</h2>") ||
		g.GetString("hash") != content.Hash(fsys["guides/no-fees/fr.md"].Data) ||
		g.GetDateTime("reviewed").Time().Format("2006-01-02") != "2026-11-30" ||
		g.GetString("countries") != `["MA","TN"]` ||
		g.GetString("sources") != `[{"title":"ILO Convention No. 181 (1997), Art. 7(1)"}]` ||
		g.GetInt("rev") == 0 {
		t.Errorf("stored guide: %v", g.FieldsData())
	}
	c, err := app.FindFirstRecordByData("contacts", "key", "tn-police")
	if err != nil || c.GetString("phone") != "197" || c.GetString("languages") != `["ar","fr"]` ||
		!strings.Contains(c.GetString("about"), `"fr":"La police."`) {
		t.Errorf("stored contact: %v %v", c, err)
	}

	guides, contacts := snapshot(t, app, "guides"), snapshot(t, app, "contacts")
	revision, _ := CurrentRevision(app)
	second := mustImport(t, app, fsys)
	if second.Guides != (importCounts{Unchanged: 6}) || second.Contacts != (importCounts{Unchanged: 2}) {
		t.Errorf("second import: %+v", second)
	}
	if after := snapshot(t, app, "guides"); !maps.Equal(after, guides) {
		t.Errorf("the second import touched guides:\n%v\n%v", guides, after)
	}
	if after := snapshot(t, app, "contacts"); !maps.Equal(after, contacts) {
		t.Errorf("the second import touched contacts:\n%v\n%v", contacts, after)
	}
	if again, _ := CurrentRevision(app); again != revision {
		t.Errorf("revision moved from %d to %d", revision, again)
	}
}

func TestImportContentUpdatesAChangedFile(t *testing.T) {
	app := newContentTestApp(t)
	defer app.Cleanup()
	fsys := testapp.ContentFS()
	mustImport(t, app, fsys)
	before := findGuide(t, app, "no-fees", "en")

	fsys["guides/no-fees/en.md"].Data = []byte(testapp.ContentGuide("en", "A better title"))
	fsys["contacts.yaml"].Data = []byte(strings.Replace(testapp.ContentContacts, `phone: "197"`, `phone: "198"`, 1))
	report := mustImport(t, app, fsys)
	if report.Guides != (importCounts{Updated: 1, Unchanged: 5}) || report.Contacts != (importCounts{Updated: 1, Unchanged: 1}) {
		t.Errorf("report: %+v", report)
	}
	after := findGuide(t, app, "no-fees", "en")
	if after.Id != before.Id || after.GetString("title") != "A better title" || after.GetInt("rev") <= before.GetInt("rev") {
		t.Errorf("updated guide: %v", after.FieldsData())
	}
}

func TestImportContentDeletesAGuideWhoseFileWasRemoved(t *testing.T) {
	app := newContentTestApp(t)
	defer app.Cleanup()
	fsys := testapp.ContentFS()
	mustImport(t, app, fsys)
	gone := findGuide(t, app, "your-contract", "fr")

	delete(fsys, "guides/your-contract/fr.md")
	fsys["contacts.yaml"].Data = []byte(testapp.ContentContacts[:strings.Index(testapp.ContentContacts, "- key: tn-police")])
	report := mustImport(t, app, fsys)
	if report.Guides != (importCounts{Deleted: 1, Unchanged: 5}) || report.Contacts != (importCounts{Deleted: 1, Unchanged: 1}) {
		t.Errorf("report: %+v", report)
	}
	if _, err := app.FindRecordById("guides", gone.Id); err == nil {
		t.Errorf("the guide of the removed file is still stored")
	}
	if _, err := app.FindFirstRecordByData("tombstones", "record", gone.Id); err != nil {
		t.Errorf("the deletion left no tombstone for phones: %v", err)
	}
	if _, err := app.FindFirstRecordByData("contacts", "key", "tn-police"); err == nil {
		t.Errorf("the removed contact is still stored")
	}
	if len(report.Problems) != 1 || report.Problems[0].File != "guides/your-contract" {
		t.Errorf("the missing language should be reported: %v", report.Problems)
	}
}

func TestImportContentKeepsWhatWasStoredForABrokenFile(t *testing.T) {
	app := newContentTestApp(t)
	defer app.Cleanup()
	fsys := testapp.ContentFS()
	mustImport(t, app, fsys)
	guides, contacts := snapshot(t, app, "guides"), snapshot(t, app, "contacts")

	fsys["guides/no-fees/ar.md"].Data = []byte(strings.Replace(testapp.ContentGuide("ar", "x"), "phase: pre_departure", "phase: arrival", 1))
	fsys["contacts.yaml"].Data = []byte(strings.Replace(testapp.ContentContacts, "kind: hotline", "kind: police", 1))
	report := mustImport(t, app, fsys)
	if report.Guides != (importCounts{Unchanged: 5, Kept: 1}) || report.Contacts != (importCounts{Unchanged: 1, Kept: 1}) {
		t.Errorf("report: %+v", report)
	}
	var problems []string
	for _, p := range report.Problems {
		problems = append(problems, p.String())
	}
	want := []string{
		`guides/no-fees/ar.md:4: phase "arrival" is not one of pre_departure, on_arrival, at_work, return`,
		`contacts.yaml:3: kind "police" is not one of union, hotline, ministry, agency, embassy, ngo`,
	}
	if !slices.Equal(problems, want) {
		t.Errorf("problems:\n got  %q\n want %q", problems, want)
	}
	if after := snapshot(t, app, "guides"); !maps.Equal(after, guides) {
		t.Errorf("a broken file changed the stored guides")
	}
	if after := snapshot(t, app, "contacts"); !maps.Equal(after, contacts) {
		t.Errorf("a broken entry changed the stored contacts")
	}

	// A contacts file that cannot be read at all deletes no contact.
	fsys["contacts.yaml"].Data = []byte("- key: [")
	report = mustImport(t, app, fsys)
	if report.Contacts != (importCounts{Kept: 2}) {
		t.Errorf("unreadable contacts.yaml: %+v", report.Contacts)
	}
}

func TestImportContentNeverOverwritesAnEditedGuide(t *testing.T) {
	app := newContentTestApp(t)
	defer app.Cleanup()
	fsys := testapp.ContentFS()
	mustImport(t, app, fsys)

	edited := findGuide(t, app, "no-fees", "fr")
	edited.Set("title", "Titre corrigé par une conseillère")
	edited.Set("origin", "edited")
	if err := app.Save(edited); err != nil {
		t.Fatal(err)
	}
	unchanged := mustImport(t, app, fsys)
	if unchanged.Guides.Kept != 1 || len(unchanged.Conflicts) != 0 {
		t.Errorf("an edit of an unchanged file is no conflict: %+v", unchanged)
	}

	fsys["guides/no-fees/fr.md"].Data = []byte(testapp.ContentGuide("fr", "Nouveau titre du fichier"))
	report := mustImport(t, app, fsys)
	if report.Guides != (importCounts{Unchanged: 5, Kept: 1}) || !slices.Equal(report.Conflicts, []string{"no-fees/fr"}) {
		t.Errorf("report: %+v", report)
	}
	if g := findGuide(t, app, "no-fees", "fr"); g.GetString("title") != "Titre corrigé par une conseillère" {
		t.Errorf("the edit was overwritten: %q", g.GetString("title"))
	}

	delete(fsys, "guides/no-fees/fr.md")
	if report := mustImport(t, app, fsys); report.Guides != (importCounts{Unchanged: 5, Kept: 1}) {
		t.Errorf("after the file was removed: %+v", report.Guides)
	}
	if g := findGuide(t, app, "no-fees", "fr"); g.GetString("origin") != "edited" {
		t.Errorf("an edited guide must survive the removal of its file")
	}
}
