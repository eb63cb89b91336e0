package helpline

import (
	"amem/internal/retention"
	"amem/pb_hooks/testapp"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/cron"
	"github.com/pocketbase/pocketbase/tools/types"
)

// setQuestion puts a question in a status, last changed at a time, as the
// database would hold it after that long.
func setQuestion(t *testing.T, app core.App, id, status string, updated time.Time) {
	t.Helper()
	at, _ := types.ParseDateTime(updated)
	_, err := app.DB().NewQuery("UPDATE questions SET status = {:status}, updated = {:updated} WHERE id = {:id}").
		Bind(dbx.Params{"status": status, "updated": at.String(), "id": id}).Execute()
	if err != nil {
		t.Fatal(err)
	}
}

func TestRetentionErasesOnlyClosedQuestionsPastThePeriod(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	handler := testapp.Handler(t, app)
	worker := decodeWorkerAuth(t, testapp.ServeBody(t, handler, "POST", "/api/amem/workers", testapp.NewWorkerBody(t, handler, `{"lang":"fr","country":"MA"}`),
		map[string]string{"Content-Type": "application/json"}))

	// The period set in the dashboard: 30 days.
	settings, err := app.FindRecordById(retention.Collection, retention.SettingsID)
	if err != nil {
		t.Fatal(err)
	}
	if settings.GetInt(retention.Field) != retention.DefaultDays {
		t.Fatalf("retention_days = %d, want the default %d", settings.GetInt(retention.Field), retention.DefaultDays)
	}
	settings.Set(retention.Field, 30)
	if err := app.Save(settings); err != nil {
		t.Fatal(err)
	}

	ask := func(clientID string) (*core.Record, []string) {
		q := sendWithFiles(t, app, handler, worker.Token, "questions", map[string]string{"client_id": clientID, "lang": "fr", "text": "Mon contrat"})
		m := sendWithFiles(t, app, handler, worker.Token, "messages", map[string]string{"client_id": clientID + "-m", "question": q.Id, "text": "Et la suite"})
		return q, append(storedFiles(t, app, q), storedFiles(t, app, m)...)
	}
	oldClosed, oldClosedFiles := ask("retention-old-closed")
	oldOpen, oldOpenFiles := ask("retention-old-open")
	newClosed, newClosedFiles := ask("retention-new-closed")
	now := time.Now()
	setQuestion(t, app, oldClosed.Id, "closed", now.AddDate(0, 0, -31))
	setQuestion(t, app, oldOpen.Id, "answered", now.AddDate(0, 0, -31))
	setQuestion(t, app, newClosed.Id, "closed", now.AddDate(0, 0, -29))

	if events, _ := app.CountRecords("case_events", dbx.HashExp{"question": oldClosed.Id}); events == 0 {
		t.Fatal("the old closed question has no case events to erase")
	}

	n, err := eraseExpired(app, now)
	if err != nil || n != 1 {
		t.Fatalf("erased %d (%v), want the one closed question older than 30 days", n, err)
	}
	if _, err := app.FindRecordById("questions", oldClosed.Id); err == nil {
		t.Error("the closed question past the period is still there")
	}
	if left, _ := app.CountRecords("messages", dbx.HashExp{"question": oldClosed.Id}); left != 0 {
		t.Errorf("%d messages of the erased question left", left)
	}
	if left, _ := app.CountRecords("case_events", dbx.HashExp{"question": oldClosed.Id}); left != 0 {
		t.Errorf("%d case events of the erased question left", left)
	}
	filesGone(t, oldClosedFiles)

	for _, kept := range []struct {
		what  string
		q     *core.Record
		files []string
	}{{"an open question as old", oldOpen, oldOpenFiles}, {"a closed question within the period", newClosed, newClosedFiles}} {
		if _, err := app.FindRecordById("questions", kept.q.Id); err != nil {
			t.Errorf("%s was erased", kept.what)
		}
		if left, _ := app.CountRecords("messages", dbx.HashExp{"question": kept.q.Id}); left != 1 {
			t.Errorf("%s has %d messages, want 1", kept.what, left)
		}
		for _, p := range kept.files {
			if _, err := os.Stat(p); err != nil {
				t.Errorf("%s lost a file: %v", kept.what, err)
			}
		}
	}
}

func TestRetentionRunsNightlyAndFallsBackToTheDefault(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	if !slices.ContainsFunc(app.Cron().Jobs(), func(j *cron.Job) bool { return j.Id() == "amemRetention" }) {
		t.Fatal("the retention job is not scheduled")
	}
	settings, _ := app.FindRecordById(retention.Collection, retention.SettingsID)
	if err := app.Delete(settings); err != nil {
		t.Fatal(err)
	}
	if got := retentionDays(app); got != retention.DefaultDays {
		t.Fatalf("without the settings record the period is %d days, want %d", got, retention.DefaultDays)
	}
}
