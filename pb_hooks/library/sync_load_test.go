package library

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sync/atomic"
	"testing"

	"amem/pb_hooks/testapp"
)

// TestLoadSyncChecks is the load script of the most frequent request a phone
// makes, side by side in one run with the cheapest one PocketBase has and the
// plain way of fetching the same guides: 50 clients, each kind in turn, three
// rounds (so that the machine's noise falls on every kind alike), against a
// real server on 127.0.0.1 with the shipped library and the rate limiter off.
// It reports; it asserts nothing about time.
//
//	AMEM_LOAD=1 go test ./pb_hooks/library -run TestLoadSyncChecks -v -count=1
func TestLoadSyncChecks(t *testing.T) {
	base := loadServer(t)

	var down, up atomic.Int64
	const clients, perClient = 50, 100
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients, DisableCompression: true,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
			return countedConn{c, &down, &up}, err
		}}}
	get := func(path string, headers map[string]string, want int) error {
		req, _ := http.NewRequest("GET", base+path, nil)
		req.Header.Set("Accept-Encoding", "gzip, deflate, br")
		for k, v := range headers {
			req.Header.Set(k, v)
		}
		res, err := client.Do(req)
		if err != nil {
			return err
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != want {
			return fmt.Errorf("GET %s: %d, want %d", path, res.StatusCode, want)
		}
		return nil
	}

	full, err := getSync(client, base+"/api/amem/sync?lang=ar", "gzip")
	if err != nil {
		t.Fatal(err)
	}
	delta := "/api/amem/sync?lang=ar&since=" + full.Cursor
	res, err := client.Get(base + delta)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	etag := res.Header.Get("ETag")
	kinds := []struct {
		name    string
		path    string
		headers map[string]string
		status  int
		each    int // requests per client and round
	}{
		{"PocketBase /api/health", "/api/health", nil, 200, perClient},
		{"unchanged sync check (304)", delta, map[string]string{"If-None-Match": etag}, 304, perClient},
		{"empty delta sync (200)", delta, nil, 200, perClient},
		{"plain list of the same guides", "/api/collections/guides/records?perPage=500&skipTotal=1&filter=" + url.QueryEscape("lang='ar'"), nil, 200, 2}, // 580 KB each
	}
	type total struct {
		requests      int
		seconds       float64
		down, up      int64
		p99           []string
		bytesMeasured bool
	}
	totals := make([]total, len(kinds))
	for round := 0; round < 3; round++ {
		for i, k := range kinds {
			if !totals[i].bytesMeasured { // one request alone: its bytes on the wire
				down.Store(0)
				up.Store(0)
				if err := get(k.path, k.headers, k.status); err != nil {
					t.Fatal(err)
				}
				totals[i].down, totals[i].up, totals[i].bytesMeasured = down.Load(), up.Load(), true
			}
			r := testapp.Load(t, clients, k.each, func() error { return get(k.path, k.headers, k.status) })
			totals[i].requests += r.Requests
			totals[i].seconds += r.Elapsed.Seconds()
			totals[i].p99 = append(totals[i].p99, r.P99.Round(100_000).String())
		}
	}
	health := float64(totals[0].requests) / totals[0].seconds
	plain := float64(totals[3].requests) / totals[3].seconds
	for i, k := range kinds {
		rate := float64(totals[i].requests) / totals[i].seconds
		t.Logf("| %s | %.0f/s | %.2f | %.1f | %d B down, %d B up | %v |", k.name, rate, rate/health, rate/plain, totals[i].down, totals[i].up, totals[i].p99)
	}
}

// countedConn counts the bytes a client reads (down) and writes (up).
type countedConn struct {
	net.Conn
	down, up *atomic.Int64
}

func (c countedConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.down.Add(int64(n))
	return n, err
}

func (c countedConn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	c.up.Add(int64(n))
	return n, err
}
