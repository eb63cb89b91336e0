package library

import (
	"amem/pb_hooks/testapp"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

// editorApp returns a factory for an app holding the imported test content
// and a superuser whose token it puts in headers (the scenario reads the
// headers after the factory ran).
func editorApp(headers map[string]string) func(t testing.TB) *tests.TestApp {
	return func(t testing.TB) *tests.TestApp {
		app := newContentTestApp(t)
		if _, err := importContent(app, testapp.ContentFS(), quiet); err != nil {
			t.Fatal(err)
		}
		guide, err := app.FindFirstRecordByFilter("guides", "slug = 'no-fees' && lang = 'en'")
		if err != nil {
			t.Fatal(err)
		}
		// A known id, so that the scenario's URL can name it.
		if _, err := app.DB().NewQuery("UPDATE guides SET id = 'guidenofeesen01' WHERE id = {:id}").
			Bind(map[string]any{"id": guide.Id}).Execute(); err != nil {
			t.Fatal(err)
		}
		superusers, err := app.FindCollectionByNameOrId(core.CollectionNameSuperusers)
		if err != nil {
			t.Fatal(err)
		}
		editor := core.NewRecord(superusers)
		editor.SetEmail("editor@example.org")
		editor.SetPassword("a long editor password")
		if err := app.Save(editor); err != nil {
			t.Fatal(err)
		}
		token, err := editor.NewAuthToken()
		if err != nil {
			t.Fatal(err)
		}
		headers["Authorization"] = token
		return app
	}
}

func TestContentGuideEditsThroughTheAPI(t *testing.T) {
	hostileBody := `"## Corrected\n\nNew text <script>alert(1)</script> [x](javascript:alert(1))\n\n## Where to get help\n\nAsk."`
	scenarios := []tests.ApiScenario{
		{
			Name:            "an update re-renders html and marks the guide edited",
			Method:          http.MethodPatch,
			URL:             "/api/collections/guides/records/guidenofeesen01",
			Body:            strings.NewReader(`{"body": ` + hostileBody + `, "html": "<script>sent by the client</script>"}`),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"origin":"edited"`, `"id":"guidenofeesen01"`},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				g, err := app.FindRecordById("guides", "guidenofeesen01")
				if err != nil {
					t.Fatal(err)
				}
				html := g.GetString("html")
				if !strings.Contains(html, "<h2>Corrected</h2>") || strings.Contains(html, "script") || strings.Contains(html, "javascript") {
					t.Errorf("html: %s", html)
				}
				if g.GetString("origin") != "edited" || g.GetString("hash") == "" {
					t.Errorf("origin %q, hash %q: an edit keeps the hash of the file it started from", g.GetString("origin"), g.GetString("hash"))
				}
			},
		},
		{
			Name:            "a new guide is rendered and edited",
			Method:          http.MethodPost,
			URL:             "/api/collections/guides/records",
			Body:            strings.NewReader(`{"slug": "new-guide", "lang": "fr", "title": "Nouveau", "phase": "at_work", "reviewed": "2026-11-30", "origin": "file", "body": "## Où trouver de l'aide\n\n<img src=x onerror=alert(1)>Demandez."}`),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"origin":"edited"`, `"slug":"new-guide"`},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				g, err := app.FindFirstRecordByData("guides", "slug", "new-guide")
				if err != nil {
					t.Fatal(err)
				}
				if html := g.GetString("html"); !strings.Contains(html, "Demandez.") || strings.Contains(html, "onerror") || strings.Contains(html, "<img") {
					t.Errorf("html: %s", html)
				}
			},
		},
		{
			Name:            "setting origin back to file hands the guide back to its file",
			Method:          http.MethodPatch,
			URL:             "/api/collections/guides/records/guidenofeesen01",
			Body:            strings.NewReader(`{"origin": "file"}`),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"origin":"file"`, `"hash":""`},
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
				g, err := app.FindRecordById("guides", "guidenofeesen01")
				if err != nil {
					t.Fatal(err)
				}
				g.Set("origin", "edited")
				if err := app.Save(g); err != nil {
					t.Fatal(err)
				}
			},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				g, _ := app.FindRecordById("guides", "guidenofeesen01")
				if g.GetString("origin") != "file" || g.GetString("hash") != "" {
					t.Errorf("origin %q, hash %q", g.GetString("origin"), g.GetString("hash"))
				}
				report, err := importContent(app, testapp.ContentFS(), quiet)
				if err != nil || report.Guides.Updated != 1 {
					t.Errorf("the next import should rewrite it from the file: %+v %v", report.Guides, err)
				}
			},
		},
	}
	for _, s := range scenarios {
		headers := map[string]string{}
		s.Headers = headers
		s.TestAppFactory = editorApp(headers)
		s.Test(t)
	}
}

// TestGuideSlugsNeverChange: a slug is a guide's shared address.
func TestGuideSlugsNeverChange(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)
	res := testapp.ServeBody(t, handler, "PATCH", "/api/collections/guides/records/"+f.IDs["g1"], `{"slug":"renamed"}`,
		map[string]string{"Authorization": f.Tokens[testapp.Superuser], "Content-Type": "application/json"})
	body := testapp.ReadAll(t, res)
	if res.StatusCode != 400 || !strings.Contains(body, "cannot change: links to it are already shared") {
		t.Fatalf("renaming a slug = %d %s", res.StatusCode, body)
	}
	if g, _ := app.FindRecordById("guides", f.IDs["g1"]); g.GetString("slug") != "guide-one" {
		t.Fatal("the slug changed")
	}
}
