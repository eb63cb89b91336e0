package testapp

import (
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"
)

// LoadResult is what a load run measured.
type LoadResult struct {
	Requests      int
	Elapsed       time.Duration
	P50, P95, P99 time.Duration
}

// PerSecond is the requests served per second.
func (r LoadResult) PerSecond() float64 { return float64(r.Requests) / r.Elapsed.Seconds() }

func (r LoadResult) String() string {
	return fmt.Sprintf("%d requests in %v: %.0f/s, p50 %v, p95 %v, p99 %v", r.Requests, r.Elapsed.Round(time.Millisecond),
		r.PerSecond(), r.P50.Round(time.Millisecond/10), r.P95.Round(time.Millisecond/10), r.P99.Round(time.Millisecond/10))
}

// Load runs do perClient times in each of clients goroutines at once and
// measures the successful ones; do reports a failure with an error, which
// fails the test and stops that client. It fails the test when none succeeded.
func Load(t testing.TB, clients, perClient int, do func() error) LoadResult {
	t.Helper()
	latencies := make([]time.Duration, 0, clients*perClient)
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now()
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < perClient; i++ {
				t0 := time.Now()
				if err := do(); err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				latencies = append(latencies, time.Since(t0))
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	r := LoadResult{Requests: len(latencies), Elapsed: time.Since(start)}
	if r.Requests == 0 {
		t.Fatal("no request succeeded")
	}
	sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
	r.P50, r.P95, r.P99 = latencies[r.Requests/2], latencies[r.Requests*95/100], latencies[r.Requests*99/100]
	return r
}
