package site

import (
	"amem/pb_hooks/testapp"
	"html/template"
	"net/http"
	"strings"
	"testing"
)

func TestGuidePageForSomeoneWithoutTheApp(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)
	ar := testapp.PutGuide(t, app, "fees", "ar", "لا أحد يحق له أن يأخذ منك رسوم التوظيف")
	ar.Set("summary", "ملخص")
	ar.Set("sources", []map[string]string{{"title": "اتفاقية منظمة العمل الدولية رقم 181، المادة 7", "url": "https://normlex.ilo.org/x"}})
	if err := app.Save(ar); err != nil {
		t.Fatal(err)
	}
	testapp.PutGuide(t, app, "english-only", "en", "Only in English")

	res := testapp.Serve(t, handler, "GET", "/g/ar/fees", nil)
	body := testapp.ReadAll(t, res)
	if res.StatusCode != 200 {
		t.Fatalf("GET /g/ar/fees = %d %s", res.StatusCode, body)
	}
	for _, want := range []string{`<html lang="ar" dir="rtl">`, "لا أحد يحق له أن يأخذ منك رسوم التوظيف", `href="/#/g/fees"`,
		"افتح في تطبيق AMEM", "المصادر", `<a href="https://normlex.ilo.org/x" rel="noopener noreferrer">`, "تمت المراجعة في 2026-11-30"} {
		if !strings.Contains(body, want) {
			t.Errorf("guide page lacks %q", want)
		}
	}
	if strings.Contains(body, "<script") {
		t.Error("a guide page needs no script")
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'none'") {
		t.Errorf("CSP = %q", csp)
	}

	// A guide missing in the reader's language is served in another, and says so.
	res = testapp.Serve(t, handler, "GET", "/g/fr/english-only", nil)
	body = testapp.ReadAll(t, res)
	if res.StatusCode != 200 || !strings.Contains(body, "Le voici en English") || !strings.Contains(body, `<article lang="en" dir="ltr">`) {
		t.Fatalf("fallback page = %d %s", res.StatusCode, body)
	}

	// A missing guide is a page in the reader's language that leads to
	// the app, not an API error: the reader came from a link.
	catalog := testapp.Catalog(t)
	for _, tc := range []struct{ url, lang string }{{"/g/ar/no-such-guide", "ar"}, {"/g/xx/fees", "fr"}} {
		res := testapp.Serve(t, handler, "GET", tc.url, map[string]string{"Accept-Language": "fr-FR,fr;q=0.9"})
		body := testapp.ReadAll(t, res)
		if res.StatusCode != http.StatusNotFound || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") ||
			!strings.Contains(body, `<html lang="`+tc.lang+`"`) || !strings.Contains(body, template.HTMLEscapeString(catalog.T(tc.lang, "guide.not_found", nil, nil))) ||
			!strings.Contains(body, `href="/"`) {
			t.Errorf("GET %s = %d %s %s", tc.url, res.StatusCode, res.Header.Get("Content-Type"), body)
		}
	}
}
