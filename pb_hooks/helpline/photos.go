package helpline

import (
	"io"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"

	"amem/internal/imagemeta"
	"amem/pb_hooks/apierrors"
)

// bindPhotos strips the metadata (location, time, phone model) from every
// photo a worker or counsellor attaches, before it is stored.
func bindPhotos(app core.App) {
	app.OnRecordCreateRequest("questions", "messages").BindFunc(func(e *core.RecordRequestEvent) error {
		for _, f := range e.Record.GetUnsavedFiles("photos") {
			if err := stripPhoto(f); err != nil {
				return e.BadRequestError("", apierrors.Field("photos", "validation_invalid_mime_type"))
			}
		}
		return e.Next()
	})
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
