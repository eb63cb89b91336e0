package library

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"
	"github.com/pocketbase/pocketbase/tools/hook"

	"amem/internal/content"
	"amem/internal/opus"
	"amem/internal/vocab"
)

// Recordings is the collection of guides read aloud (see the migration
// 1797000160_guide_recordings.go).
const Recordings = "guide_recordings"

// maxRecordingBytes bounds what the check reads of an upload (the field's
// own limit refuses more).
const maxRecordingBytes = 20 << 20

// bindRecordings checks every recording saved, from the dashboard or the
// import: its file is Ogg Opus (any other format is refused with a clear
// error, whatever the browser said it was), its guide and language exist;
// and it measures the file (seconds, bytes) instead of trusting a form.
func bindRecordings(app core.App) {
	app.OnRecordValidate(Recordings).Bind(&hook.Handler[*core.RecordEvent]{
		Id: "amemCheckRecording",
		Func: func(e *core.RecordEvent) error {
			errs := validation.Errors{}
			if files := e.Record.GetUnsavedFiles("audio"); len(files) > 0 {
				info, size, err := measure(files[0])
				if err != nil {
					errs["audio"] = validation.NewError("amem_not_opus", "not an Ogg Opus file: "+err.Error())
				} else {
					e.Record.Set("seconds", info.Seconds())
					e.Record.Set("bytes", size)
				}
			}
			slug, lang := e.Record.GetString("slug"), e.Record.GetString("lang")
			if slug != "" && !guideExists(e.App, "slug = {:v}", slug) {
				errs["slug"] = validation.NewError("amem_no_such_guide", "no guide has this slug")
			}
			// A partner's language is known by its guides.
			if lang != "" && !content.IsRecordingLanguage(lang, nil) && !guideExists(e.App, "lang = {:v}", lang) {
				errs["lang"] = validation.NewError("amem_unknown_recording_lang", "not a known language or dialect")
			}
			if len(errs) > 0 {
				return errs
			}
			return e.Next()
		},
	})
}

func guideExists(app core.App, filter, value string) bool {
	_, err := app.FindFirstRecordByFilter("guides", filter, dbx.Params{"v": value})
	return err == nil
}

// measure reads an uploaded file and checks it is Ogg Opus.
func measure(f *filesystem.File) (opus.Info, int, error) {
	r, err := f.Reader.Open()
	if err != nil {
		return opus.Info{}, 0, err
	}
	defer r.Close()
	data, err := io.ReadAll(io.LimitReader(r, maxRecordingBytes+1))
	if err != nil {
		return opus.Info{}, 0, err
	}
	if len(data) > maxRecordingBytes {
		return opus.Info{}, 0, errors.New("larger than 20 MB")
	}
	info, err := opus.Parse(data)
	return info, len(data), err
}

// importRecordings brings the recordings of lib into the database like
// importGuides does the guides: a new or changed one (file, credit or
// review date) is written, an unchanged one untouched, one made or changed
// in the dashboard kept, one whose file is gone deleted (its tombstone
// tells phones to drop their copy), one with problems left as stored.
// It runs inside importContent's transaction: use only txApp.
func importRecordings(txApp core.App, fsys fs.FS, lib *content.Library, logger *slog.Logger, report *importReport) error {
	collection, err := txApp.FindCollectionByNameOrId(Recordings)
	if err != nil {
		return fmt.Errorf("%s collection: %w", Recordings, err)
	}
	records, err := txApp.FindAllRecords(collection)
	if err != nil {
		return fmt.Errorf("reading %s: %w", Recordings, err)
	}
	stored := map[string]*core.Record{}
	for _, r := range records {
		stored[r.GetString("slug")+"/"+r.GetString("lang")] = r
	}
	counts := &report.Recordings
	for _, rec := range lib.Recordings {
		record := stored[rec.Slug+"/"+rec.Lang]
		switch {
		case record == nil:
			if saveRecording(txApp, core.NewRecord(collection), fsys, rec, logger, report) {
				counts.Created++
			}
		case record.GetString("origin") == vocab.OriginEdited:
			counts.Kept++
		case record.GetString("hash") == rec.Hash:
			counts.Unchanged++
		default:
			if saveRecording(txApp, record, fsys, rec, logger, report) {
				counts.Updated++
			}
		}
	}
	removeGone(txApp, stored, "recording", lib.HasRecordingFile, lib.BrokenRecordings, counts, logger)
	return nil
}

func saveRecording(txApp core.App, record *core.Record, fsys fs.FS, rec *content.Recording, logger *slog.Logger, report *importReport) bool {
	refuse := func(err error) bool {
		p := content.Problem{File: rec.File, Message: "the database refused the recording: " + err.Error()}
		report.Problems = append(report.Problems, p)
		logger.Error("content: "+p.String(), "file", rec.File)
		return false
	}
	data, err := fs.ReadFile(fsys, rec.File)
	if err != nil {
		return refuse(err)
	}
	file, err := filesystem.NewFileFromBytes(data, rec.Lang+content.RecordingExt)
	if err != nil {
		return refuse(err)
	}
	reviewed, _ := time.Parse(time.DateOnly, rec.Reviewed) // checked by content.Load
	record.Set("slug", rec.Slug)
	record.Set("lang", rec.Lang)
	record.Set("audio", file)
	record.Set("credit", rec.Credit)
	record.Set("reviewed", reviewed)
	record.Set("origin", vocab.OriginFile)
	record.Set("hash", rec.Hash)
	if err := txApp.Save(record); err != nil {
		return refuse(err)
	}
	return true
}

// syncedRecording is a recording as it travels with its guide: what the
// phone needs to offer it before downloading it (its name comes from the
// phone's strings, lang.<code>, in the reader's language).
type syncedRecording struct {
	Lang    string `json:"lang"`
	URL     string `json:"url"`
	Seconds int    `json:"seconds"`
	Bytes   int    `json:"bytes"`
}

// recordingsBySlug returns the recordings of the given guides (all when
// slugs is nil) offered to readers of lang, by slug, in language order.
func recordingsBySlug(app core.App, slugs []any, lang string) (map[string][]syncedRecording, error) {
	var list []*core.Record
	var err error
	if slugs == nil {
		list, err = app.FindAllRecords(Recordings)
	} else {
		list, err = app.FindAllRecords(Recordings, dbx.In("slug", slugs...))
	}
	if err != nil {
		return nil, err
	}
	// The reader's own language first, then the dialects.
	order := func(r *core.Record) string {
		if r.GetString("lang") == lang {
			return ""
		}
		return r.GetString("lang")
	}
	slices.SortFunc(list, func(a, b *core.Record) int { return strings.Compare(order(a), order(b)) })
	out := map[string][]syncedRecording{}
	for _, r := range list {
		rec := r.GetString("lang")
		if !vocab.RecordingOffered(rec, lang) || r.GetString("audio") == "" {
			continue
		}
		slug := r.GetString("slug")
		out[slug] = append(out[slug], syncedRecording{Lang: rec, URL: "/api/files/" + Recordings + "/" + r.Id + "/" + r.GetString("audio"),
			Seconds: r.GetInt("seconds"), Bytes: r.GetInt("bytes")})
	}
	return out, nil
}
