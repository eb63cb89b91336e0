package pb_hooks

import (
	"net/http"
	"strings"
	"testing"
)

func TestGuidePageForSomeoneWithoutTheApp(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	handler := serveHandler(t, app)
	ar := putGuide(t, app, "fees", "ar", "لا أحد يحق له أن يأخذ منك رسوم التوظيف")
	ar.Set("summary", "ملخص")
	ar.Set("sources", []map[string]string{{"title": "اتفاقية منظمة العمل الدولية رقم 181، المادة 7", "url": "https://normlex.ilo.org/x"}})
	if err := app.Save(ar); err != nil {
		t.Fatal(err)
	}
	putGuide(t, app, "english-only", "en", "Only in English")

	res := serveOnce(t, handler, "GET", "/g/ar/fees", nil)
	body := readAll(t, res)
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
	res = serveOnce(t, handler, "GET", "/g/fr/english-only", nil)
	body = readAll(t, res)
	if res.StatusCode != 200 || !strings.Contains(body, "Le voici en English") || !strings.Contains(body, `<article lang="en" dir="ltr">`) {
		t.Fatalf("fallback page = %d %s", res.StatusCode, body)
	}

	for _, url := range []string{"/g/ar/no-such-guide", "/g/xx/fees"} {
		if res := serveOnce(t, handler, "GET", url, nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", url, res.StatusCode)
		}
	}
}
