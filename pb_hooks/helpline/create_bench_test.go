package helpline

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"amem/pb_hooks/testapp"
)

// plainQuestions is a collection of the same shape as questions (fields,
// rules, indexes) that no AMEM hook knows: a create there is what PocketBase
// costs without routing, the audit trail and the push outbox.
const plainQuestions = "plain_questions"

// newCreateBenchApp is the fixture with stored questions already asked (all
// closed, spread over the counsellors, as a deployment's history is) in both
// questions and plain_questions, and the rate limiter off (one client makes
// every request).
func newCreateBenchApp(tb testing.TB, stored int) *tests.TestApp {
	app := testapp.New(tb)
	app.Settings().RateLimits.Enabled = false
	src, err := app.FindCollectionByNameOrId("questions")
	if err != nil {
		tb.Fatal(err)
	}
	raw, _ := json.Marshal(src)
	plain := &core.Collection{}
	if err := json.Unmarshal(raw, plain); err != nil {
		tb.Fatal(err)
	}
	plain.Id, plain.Name = "pbc_plainquestion", plainQuestions
	for i, index := range plain.Indexes {
		plain.Indexes[i] = strings.ReplaceAll(index, "questions", plainQuestions)
	}
	if err := app.Save(plain); err != nil {
		tb.Fatal(err)
	}
	f := testapp.Seeded(tb)
	counsellors := [][2]string{{f.IDs["cA"], f.IDs["orgA"]}, {f.IDs["coordA"], f.IDs["orgA"]}, {f.IDs["cB"], f.IDs["orgB"]}}
	err = app.RunInTransaction(func(tx core.App) error {
		for _, table := range []string{"questions", plainQuestions} {
			insert := tx.DB().NewQuery("INSERT INTO " + table + ` (id, worker, client_id, text, lang, country, status, counsellor, organisation, created, updated)
				VALUES ({:id}, {:worker}, {:client}, 'an old question', 'ar', 'TN', 'closed', {:counsellor}, {:org}, {:created}, {:created})`).Prepare()
			base := time.Now().Add(-time.Duration(stored) * time.Minute).UTC()
			for i := 0; i < stored; i++ {
				c := counsellors[i%len(counsellors)]
				_, err := insert.Bind(dbx.Params{"id": fmt.Sprintf("old%012d", i), "worker": f.IDs["w2"], "client": fmt.Sprintf("old-question-%07d", i),
					"counsellor": c[0], "org": c[1], "created": base.Add(time.Duration(i) * time.Minute).Format("2006-01-02 15:04:05.000Z")}).Execute()
				if err != nil {
					return err
				}
			}
			insert.Close()
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return app
}

var createSeq atomic.Int64

// countStatements counts the SQL queries and statements app runs from now
// on, until stop. Counting goes through dbx's log hooks, which format every
// statement with its arguments (PocketBase sets them only in dev mode): stop
// them before timing anything.
func countStatements(app core.App) (n *atomic.Int64, stop func()) {
	n = &atomic.Int64{}
	dbs := []*dbx.DB{app.ConcurrentDB().(*dbx.DB), app.NonconcurrentDB().(*dbx.DB)}
	for _, db := range dbs {
		db.QueryLogFunc = func(context.Context, time.Duration, string, *sql.Rows, error) { n.Add(1) }
		db.ExecLogFunc = func(context.Context, time.Duration, string, sql.Result, error) { n.Add(1) }
	}
	return n, func() {
		for _, db := range dbs {
			db.QueryLogFunc, db.ExecLogFunc = nil, nil
		}
	}
}

// createQuestion sends one question as the worker w1 to the collection's
// records API and returns the status. The plain collection has no hook to
// fill in the worker, so the body names them (the rule allows only oneself).
func createQuestion(send func(req *http.Request) int, base, collection, worker, token string) int {
	body := fmt.Sprintf(`{"worker":%q,"client_id":"bench-%09d","text":"My employer has not paid my wages for two months","lang":"ar","country":"TN","topic":"wages"}`, worker, createSeq.Add(1))
	req, _ := http.NewRequest("POST", base+"/api/collections/"+collection+"/records", strings.NewReader(body))
	req.Header.Set("Authorization", token)
	req.Header.Set("Content-Type", "application/json")
	return send(req)
}

// BenchmarkCreateQuestion: a worker's question through the real router,
// rules and hooks (routing, audit trail, push outbox), beside a plain
// PocketBase create on a collection of the same shape without hooks, with 0
// and 100,000 questions already stored. Flat means the same ns/op at both.
//
//	go test ./pb_hooks/helpline -run '^$' -bench BenchmarkCreateQuestion -benchtime 2000x
func BenchmarkCreateQuestion(b *testing.B) {
	f := testapp.Seeded(b)
	for _, stored := range []int{0, 100_000} {
		app := newCreateBenchApp(b, stored)
		handler := testapp.Handler(b, app)
		send := func(req *http.Request) int {
			rec := httptest.NewRecorder()
			handler.ServeHTTP(rec, req)
			return rec.Code
		}
		for _, collection := range []string{"questions", plainQuestions} {
			b.Run(fmt.Sprintf("stored=%d/%s", stored, collection), func(b *testing.B) {
				// What a shared machine's load does not change: the SQL
				// statements each create runs (the push dispatcher's
				// included), counted over a sample before the timed loop,
				// which runs without the counting hooks.
				const sample = 20
				statements, stop := countStatements(app)
				for range sample {
					if code := createQuestion(send, "http://amem.test", collection, f.IDs["w1"], f.Tokens[testapp.Worker]); code != 200 {
						b.Fatalf("create = %d", code)
					}
				}
				stop()
				perCreate := float64(statements.Load()) / sample
				for b.Loop() {
					if code := createQuestion(send, "http://amem.test", collection, f.IDs["w1"], f.Tokens[testapp.Worker]); code != 200 {
						b.Fatalf("create = %d", code)
					}
				}
				b.ReportMetric(perCreate, "statements/op")
			})
		}
		app.Cleanup()
	}
}

// TestLoadQuestionCreates is the load script for questions: 50 workers'
// phones sending questions at once to a real server on 127.0.0.1, with 0 and
// 100,000 questions stored, AMEM's questions beside the plain collection in
// the same run. It runs only with AMEM_LOAD=1 and reports; it asserts nothing
// about time.
//
//	AMEM_LOAD=1 go test ./pb_hooks/helpline -run TestLoadQuestionCreates -v -count=1
func TestLoadQuestionCreates(t *testing.T) {
	if os.Getenv("AMEM_LOAD") != "1" {
		t.Skip("set AMEM_LOAD=1 to run the load script")
	}
	f := testapp.Seeded(t)
	const clients, perClient = 50, 60
	for _, stored := range []int{0, 100_000} {
		app := newCreateBenchApp(t, stored)
		base := testapp.StartServer(t, app)
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
		send := func(req *http.Request) int {
			res, err := client.Do(req)
			if err != nil {
				return 0
			}
			res.Body.Close()
			return res.StatusCode
		}
		for _, collection := range []string{plainQuestions, "questions"} {
			r := testapp.Load(t, clients, perClient, func() error {
				if code := createQuestion(send, base, collection, f.IDs["w1"], f.Tokens[testapp.Worker]); code != 200 {
					return fmt.Errorf("create = %d", code)
				}
				return nil
			})
			t.Logf("stored %7d, %-15s: creates by %d clients: %v", stored, collection, clients, r)
		}
	}
}
