package helpline

import (
	"io"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"

	"amem/internal/imagemeta"
	"amem/pb_hooks/apierrors"
)

// stripPhotos removes the metadata (location, time, phone model) from every
// photo attached to a question or a message, whoever sends it, before it is
// stored. The create hooks of questions and messages call it first.
func stripPhotos(e *core.RecordRequestEvent) error {
	for _, f := range e.Record.GetUnsavedFiles("photos") {
		if err := stripPhoto(f); err != nil {
			return e.BadRequestError("", apierrors.Field("photos", "validation_invalid_mime_type"))
		}
	}
	return nil
}

// stripPhoto replaces the file's content with its metadata-free copy; the
// file is a pointer held by the record, so the record saves the clean copy.
func stripPhoto(f *filesystem.File) error {
	r, err := f.Reader.Open()
	if err != nil {
		return err
	}
	data, err := io.ReadAll(io.LimitReader(r, 16<<20))
	r.Close()
	if err != nil {
		return err
	}
	clean, err := imagemeta.Strip(data)
	if err != nil {
		return err
	}
	f.Reader = &filesystem.BytesReader{Bytes: clean}
	f.Size = int64(len(clean))
	return nil
}
