package helpline

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"amem/pb_hooks/testapp"
)

// ask posts a question as the worker with the given token, from addr.
func ask(t *testing.T, h http.Handler, token, addr, clientID string) int {
	t.Helper()
	req := httptest.NewRequest("POST", "/api/collections/questions/records",
		strings.NewReader(`{"client_id":"`+clientID+`","lang":"fr","text":"Mon patron garde mon passeport"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", token)
	req.RemoteAddr = addr
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code
}

// fill uses up the worker's questions for the hour.
func fill(t *testing.T, h http.Handler, token, addr, prefix string) {
	t.Helper()
	for i := 0; i < limits["questions"].max; i++ {
		if code := ask(t, h, token, addr, fmt.Sprintf("limits-%s-%02d", prefix, i)); code != 200 {
			t.Fatalf("question %d = %d", i, code)
		}
	}
}

// TestQuestionsCountPerWorkerNotPerAddress: behind one carrier NAT, a
// worker who used up their questions does not block another worker.
func TestQuestionsCountPerWorkerNotPerAddress(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	h := testapp.Handler(t, app)
	const nat = "198.51.100.20:4000"
	fill(t, h, f.Tokens[testapp.Worker], nat, "w1")
	if code := ask(t, h, f.Tokens[testapp.OtherWorker], nat, "limits-w2-first"); code != 200 {
		t.Fatalf("another worker behind the same address = %d, want 200", code)
	}
}

// TestAWorkerHasTwentyNewQuestionsAnHour: the limit still holds per account.
func TestAWorkerHasTwentyNewQuestionsAnHour(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	h := testapp.Handler(t, app)
	fill(t, h, f.Tokens[testapp.Worker], "198.51.100.21:4000", "w1")
	if code := ask(t, h, f.Tokens[testapp.Worker], "198.51.100.22:4000", "limits-w1-one-more"); code != http.StatusTooManyRequests {
		t.Fatalf("one question over the limit, from another address = %d, want 429", code)
	}
}

// TestAResendIsNeverCounted: the app's retries of a question the server
// already has are answered even when the worker's quota is used up.
func TestAResendIsNeverCounted(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	h := testapp.Handler(t, app)
	const addr = "198.51.100.23:4000"
	fill(t, h, f.Tokens[testapp.Worker], addr, "w1")
	if code := ask(t, h, f.Tokens[testapp.Worker], addr, "limits-w1-00"); code != 200 {
		t.Fatalf("a resend of a stored question = %d, want 200", code)
	}
}

// TestResendsLeaveTheQuotaWhole: a first send no longer looks for a stored
// copy (the unique index finds resends), so a resend takes a request from
// the quota and gives it back: resending as often as the quota allows
// still leaves room for every new question the quota allows.
func TestResendsLeaveTheQuotaWhole(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	defer app.Cleanup()
	h := testapp.Handler(t, app)
	const addr = "198.51.100.24:4000"
	max := limits["questions"].max
	if code := ask(t, h, f.Tokens[testapp.Worker], addr, "resent-w1-00"); code != 200 {
		t.Fatalf("first send = %d", code)
	}
	for i := 0; i < max; i++ {
		if code := ask(t, h, f.Tokens[testapp.Worker], addr, "resent-w1-00"); code != 200 {
			t.Fatalf("resend %d = %d, want 200", i+1, code)
		}
	}
	for i := 1; i < max; i++ {
		if code := ask(t, h, f.Tokens[testapp.Worker], addr, fmt.Sprintf("resent-w1-%02d", i)); code != 200 {
			t.Fatalf("new question %d after the resends = %d, want 200", i+1, code)
		}
	}
}

// TestRecoveryAttemptsCountPerIPv6Slash64: rotating addresses within one
// /64 does not buy more guesses at recovery codes.
func TestRecoveryAttemptsCountPerIPv6Slash64(t *testing.T) {
	app := testapp.New(t)
	defer app.Cleanup()
	h := testapp.Handler(t, app)
	last := 0
	for i := 1; i <= limits["workers.recover"].max+1; i++ {
		req := httptest.NewRequest("POST", "/api/amem/workers/recover", strings.NewReader(`{"recoveryCode":"BBBB-BBBB-BBBB-BBBB"}`))
		req.Header.Set("Content-Type", "application/json")
		req.RemoteAddr = fmt.Sprintf("[2001:db8:7:9::%x]:443", i)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		last = rec.Code
	}
	if last != http.StatusTooManyRequests {
		t.Fatalf("attempt %d from one /64 = %d, want 429", limits["workers.recover"].max+1, last)
	}
}
