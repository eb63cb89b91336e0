package library

import (
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"amem/internal/content"
	"amem/internal/vocab"
)

// Values of the guides' origin field.
// importGuides runs inside importContent's transaction: use only txApp.
func importGuides(txApp core.App, lib *content.Library, logger *slog.Logger, report *importReport) error {
	collection, err := txApp.FindCollectionByNameOrId("guides")
	if err != nil {
		return fmt.Errorf("guides collection: %w", err)
	}
	records, err := txApp.FindAllRecords(collection)
	if err != nil {
		return fmt.Errorf("reading guides: %w", err)
	}
	stored := map[string]*core.Record{} // "slug/lang"
	for _, r := range records {
		stored[r.GetString("slug")+"/"+r.GetString("lang")] = r
	}

	counts := &report.Guides
	for _, g := range lib.Guides {
		key := g.Slug + "/" + g.Lang
		record := stored[key]
		switch {
		case record == nil:
			record = core.NewRecord(collection)
			if saveGuide(txApp, record, g, logger, report) {
				counts.Created++
			}
		case record.GetString("origin") == vocab.OriginEdited:
			counts.Kept++
			if record.GetString("hash") != g.Hash {
				report.Conflicts = append(report.Conflicts, key)
				logger.Warn("content: "+g.File+" changed, but guide "+key+" was edited in the dashboard; "+
					"the edit is kept. To take the file instead, set origin to \"file\" in the dashboard.",
					"slug", g.Slug, "lang", g.Lang, "fileHash", g.Hash, "storedHash", record.GetString("hash"))
			}
		case record.GetString("hash") == g.Hash && record.GetString("html") == g.HTML:
			// The html check re-renders stored guides when the renderer changes.
			counts.Unchanged++
		default:
			if saveGuide(txApp, record, g, logger, report) {
				counts.Updated++
			}
		}
	}

	removeGone(txApp, stored, "guide", lib.HasGuideFile, lib.BrokenGuides, counts, logger)
	return nil
}

// saveGuide writes a guide file's values into record. A record the database
// refuses is logged like a broken file and the import goes on.
func saveGuide(txApp core.App, record *core.Record, g *content.Guide, logger *slog.Logger, report *importReport) bool {
	reviewed, _ := time.Parse(time.DateOnly, g.Reviewed) // checked by content.ParseGuide
	record.Set("slug", g.Slug)
	record.Set("lang", g.Lang)
	record.Set("title", g.Title)
	record.Set("summary", g.Summary)
	record.Set("body", g.Body)
	record.Set("html", g.HTML)
	record.Set("phase", g.Phase)
	record.Set("countries", g.Countries)
	record.Set("topics", g.Topics)
	record.Set("sources", g.Sources)
	record.Set("reviewed", reviewed)
	record.Set("origin", vocab.OriginFile)
	record.Set("hash", g.Hash)
	if err := txApp.Save(record); err != nil {
		p := content.Problem{File: g.File, Message: "the database refused the guide: " + err.Error()}
		report.Problems = append(report.Problems, p)
		logger.Error("content: "+p.String(), "file", g.File)
		return false
	}
	return true
}

// removeGone deletes the stored records (keyed "slug/lang") whose file left
// content/, for guides and their recordings alike. One edited in the
// dashboard is not the file's to delete; one whose file is there but broken
// is kept as stored. The revision hooks turn a deletion into a tombstone for
// phones.
func removeGone(txApp core.App, stored map[string]*core.Record, what string, hasFile func(slug, lang string) bool,
	broken map[string]bool, counts *importCounts, logger *slog.Logger) {
	for _, key := range slices.Sorted(maps.Keys(stored)) {
		record := stored[key]
		slug, lang, _ := strings.Cut(key, "/")
		switch {
		case hasFile(slug, lang):
			if broken[key] {
				counts.Kept++
			}
		case record.GetString("origin") == vocab.OriginEdited:
			counts.Kept++
		default:
			if err := txApp.Delete(record); err != nil {
				logger.Error("content: cannot delete "+what+" "+key, "error", err)
				continue
			}
			counts.Deleted++
		}
	}
}
