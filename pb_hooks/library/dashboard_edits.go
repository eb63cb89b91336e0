package library

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"amem/internal/content"
	"amem/internal/vocab"
	"amem/pb_hooks/apierrors"
)

// bindDashboardEdits marks guides, contacts and recordings created or changed through the
// API (the dashboard) as "edited", so that content imports never overwrite
// the edit, and renders a guide's body to html: html is never taken from a
// client.
//
// Setting origin back to "file" in the dashboard hands a record back to its
// shipped file: its hash is cleared, so the next import rewrites it from the
// file (or deletes it when the file is gone).
func bindDashboardEdits(app core.App) {
	for _, collection := range []string{"guides", "contacts", Recordings} {
		app.OnRecordCreateRequest(collection).Bind(&hook.Handler[*core.RecordRequestEvent]{
			Id: "amemDashboardCreate" + collection,
			Func: func(e *core.RecordRequestEvent) error {
				e.Record.Set("origin", vocab.OriginEdited)
				return renderGuideBody(e)
			},
		})
		app.OnRecordUpdateRequest(collection).Bind(&hook.Handler[*core.RecordRequestEvent]{
			Id: "amemDashboardUpdate" + collection,
			Func: func(e *core.RecordRequestEvent) error {
				// A guide's slug is its address (/g/{lang}/{slug}), shared in
				// messages and kept on phones: it never changes.
				if e.Record.Collection().Name == "guides" && e.Record.GetString("slug") != e.Record.Original().GetString("slug") {
					return e.BadRequestError("", apierrors.Field("slug", "amem_slug_fixed"))
				}
				handBack := e.Record.Original().GetString("origin") == vocab.OriginEdited &&
					e.Record.GetString("origin") == vocab.OriginFile
				if handBack {
					e.Record.Set("hash", "")
				} else {
					e.Record.Set("origin", vocab.OriginEdited)
				}
				return renderGuideBody(e)
			},
		})
	}
}

// renderGuideBody replaces whatever html the request carried with the
// sanitised rendering of a guide's body (contacts have no body).
func renderGuideBody(e *core.RecordRequestEvent) error {
	if e.Record.Collection().Name != "guides" {
		return e.Next()
	}
	html, err := content.Render(e.Record.GetString("body"))
	if err != nil {
		return e.BadRequestError("The guide body cannot be rendered.", err)
	}
	e.Record.Set("html", html)
	return e.Next()
}
