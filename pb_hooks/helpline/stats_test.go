package helpline

import (
	"amem/pb_hooks/testapp"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

func TestStatisticsSuppressSmallCells(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)

	// Union A: 6 wage questions from Tunisia, 2 about fees (q1 has no topic).
	collection, _ := app.FindCollectionByNameOrId("questions")
	for i := 0; i < 8; i++ {
		q := core.NewRecord(collection)
		topic := "wages"
		if i >= 6 {
			topic = "fees"
		}
		q.Set("worker", f.IDs["w1"])
		q.Set("client_id", fmt.Sprintf("stats-question-%d", i))
		q.Set("lang", "ar")
		q.Set("country", "TN")
		q.Set("topic", topic)
		q.Set("status", "assigned")
		q.Set("organisation", f.IDs["orgA"])
		if err := app.Save(q); err != nil {
			t.Fatal(err)
		}
	}

	get := func(role, url string) (int, string) {
		res := testapp.ServeBody(t, handler, "GET", url, "", f.Headers(role))
		return res.StatusCode, testapp.ReadAll(t, res)
	}
	for role, want := range map[string]int{testapp.Anonymous: 401, testapp.Worker: 403, testapp.Counsellor: 403, testapp.OtherOrg: 403} {
		if status, _ := get(role, "/api/amem/stats?by=topic"); status != want {
			t.Errorf("stats as %s = %d, want %d", role, status, want)
		}
	}

	status, body := get(testapp.Coordinator, "/api/amem/stats?by=country,topic&lang=fr")
	if status != 200 {
		t.Fatalf("stats = %d %s", status, body)
	}
	// Two fee questions are a small cell: its row is left out, not even named.
	if strings.Contains(body, `"topic":"fees"`) || !strings.Contains(body, `"method":{"maxNoise":2,"name":"cell-key","threshold":5}`) {
		t.Errorf("stats: %s", body)
	}

	res := testapp.ServeBody(t, handler, "GET", "/api/amem/stats?by=topic&format=csv&lang=fr&sep=semicolon", "", f.Headers(testapp.Coordinator))
	csvBody := testapp.ReadAll(t, res)
	if res.Header.Get("Content-Type") != "text/csv; charset=utf-8" || !strings.HasPrefix(csvBody, "\uFEFFThème;Questions;En cours;") || strings.Contains(csvBody, "fees") {
		t.Errorf("csv = %q", csvBody)
	}
	now := time.Now().UTC()
	quarter := fmt.Sprintf("%d-Q%d", now.Year(), int(now.Month()-1)/3+1)
	res = testapp.ServeBody(t, handler, "GET", "/api/amem/stats/indicators?quarter="+quarter+"&lang=fr", "", f.Headers(testapp.Coordinator))
	if body := testapp.ReadAll(t, res); !strings.HasPrefix(body, "\uFEFFREF_AREA,REF_AREA_LABEL,TIME_PERIOD,INDICATOR,") || strings.Contains(body, "fees") {
		t.Errorf("indicators = %q", body)
	}
	res = testapp.ServeBody(t, handler, "GET", "/api/amem/stats/indicators?quarter=2026-Q9", "", f.Headers(testapp.Coordinator))
	if res.StatusCode != http.StatusBadRequest {
		t.Errorf("indicators of quarter 9 = %d, want 400", res.StatusCode)
	}

	for _, bad := range []string{"/api/amem/stats?by=worker", "/api/amem/stats?by=topic,topic", "/api/amem/stats?from=yesterday", "/api/amem/stats?from=2026-12&to=2026-01", "/api/amem/stats?by=topic,country,lang"} {
		if status, _ := get(testapp.Coordinator, bad); status != http.StatusBadRequest {
			t.Errorf("%s = %d, want 400", bad, status)
		}
	}
}

// TestStatisticsCountReportsByAgency: reports count by the agency they name,
// labelled with its name (not its id), and questions and reports by kind.
func TestStatisticsCountReportsByAgency(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)
	collection, _ := app.FindCollectionByNameOrId("questions")
	for i := 0; i < 16; i++ {
		q := core.NewRecord(collection)
		q.Load(map[string]any{"worker": f.IDs["w1"], "client_id": fmt.Sprintf("stats-report-%d", i), "lang": "ar", "country": "TN",
			"status": "assigned", "organisation": f.IDs["orgA"]})
		if i < 8 {
			q.Set("kind", "report")
			q.Set("agency", f.IDs["agency1"])
			q.Set("fees", "1500 TND")
		}
		if err := app.Save(q); err != nil {
			t.Fatal(err)
		}
	}
	res := testapp.ServeBody(t, handler, "GET", "/api/amem/stats?by=kind,agency&lang=fr", "", f.Headers(testapp.Coordinator))
	body := testapp.ReadAll(t, res)
	if res.StatusCode != 200 || !strings.Contains(body, `"agency":"`+f.IDs["agency1"]+`"`) ||
		!strings.Contains(body, `"labels":{"agency":"Agency one","kind":"Signalement d’un recruteur ou d’un employeur"}`) ||
		!strings.Contains(body, `"kind":"question"`) {
		t.Errorf("reports by agency: %d %s", res.StatusCode, body)
	}
	res = testapp.ServeBody(t, handler, "GET", "/api/amem/stats?by=agency&format=csv&lang=fr", "", f.Headers(testapp.Coordinator))
	if csv := testapp.ReadAll(t, res); !strings.HasPrefix(csv, "\ufeffAgence signalée,") || !strings.Contains(csv, "\r\nAgency one,") || strings.Contains(csv, f.IDs["agency1"]) {
		t.Errorf("reports by agency in CSV: %q", csv)
	}
}

// TestIndicatorsBreakReportsDownByKindAndAgency: the quarterly export
// carries reports beside questions (KIND) and reports by the agency they
// name (AGENCY), coded by its licence number, never by a record id.
func TestIndicatorsBreakReportsDownByKindAndAgency(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)
	collection, _ := app.FindCollectionByNameOrId("questions")
	for i := 0; i < 16; i++ {
		q := core.NewRecord(collection)
		q.Load(map[string]any{"worker": f.IDs["w1"], "client_id": fmt.Sprintf("indicator-report-%d", i), "lang": "ar", "country": "TN",
			"status": "assigned", "organisation": f.IDs["orgA"]})
		if i < 8 {
			q.Set("kind", "report")
			q.Set("agency", f.IDs["agency1"])
		}
		if err := app.Save(q); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Now().UTC()
	quarter := fmt.Sprintf("%d-Q%d", now.Year(), int(now.Month()-1)/3+1)
	res := testapp.ServeBody(t, handler, "GET", "/api/amem/stats/indicators?quarter="+quarter+"&lang=fr", "", f.Headers(testapp.Coordinator))
	body := testapp.ReadAll(t, res)
	for _, want := range []string{
		",QUESTIONS,KIND,report,Signalement d’un recruteur ou d’un employeur,",
		",QUESTIONS,KIND,question,",
		",QUESTIONS,AGENCY,L-1,Agency one,",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("indicators lack %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, f.IDs["agency1"]) {
		t.Errorf("indicators name the agency by its record id:\n%s", body)
	}
}
