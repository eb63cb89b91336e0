package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"amem/internal/pow"
)

// TestLoadServerProcess is the load script of the real binary on 127.0.0.1:
// its size, its start-up with the shipped content (first start: migrations
// and the import; then a restart), its resident memory at idle, and realtime:
// the resident memory per connected SSE client and the delay of a change
// reaching them all. It runs only with AMEM_LOAD=1, reports, and asserts
// nothing about time. AMEM_SSE_CLIENTS sets the number of realtime clients
// (default 10,000; each side of each connection needs a file descriptor, so
// raise the limit first):
//
//	ulimit -n "$(ulimit -Hn)"; AMEM_LOAD=1 go test . -run TestLoadServerProcess -v -count=1
func TestLoadServerProcess(t *testing.T) {
	if os.Getenv("AMEM_LOAD") != "1" {
		t.Skip("set AMEM_LOAD=1 to run the load script")
	}
	bin := builtBinary(t)
	if info, err := os.Stat(bin); err == nil {
		t.Logf("binary (go build): %.1f MB", float64(info.Size())/1e6)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	base := "http://" + addr
	dir := filepath.Join(t.TempDir(), "pb_data")

	// First start: an empty folder, migrations, the shipped library imported.
	cmd, took := startTimed(t, bin, dir, addr)
	t.Logf("first start (migrations, shipped content imported): %v to the first /api/health", took.Round(time.Millisecond))
	time.Sleep(3 * time.Second)
	t.Logf("resident memory at idle after the first start: %.1f MB", float64(rss(t, cmd.Process.Pid))/1e6)
	stop(cmd)

	// PocketBase's rate limiter off for the measurements (every client is
	// 127.0.0.1 here), as an operator sets it in the dashboard.
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: dir})
	if err := app.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	app.Settings().RateLimits.Enabled = false
	if err := app.Save(app.Settings()); err != nil {
		t.Fatal(err)
	}
	app.ResetBootstrapState()

	cmd, took = startTimed(t, bin, dir, addr)
	defer stop(cmd)
	t.Logf("restart (content already imported): %v to the first /api/health", took.Round(time.Millisecond))
	time.Sleep(3 * time.Second)
	idle := rss(t, cmd.Process.Pid)
	t.Logf("resident memory at idle: %.1f MB", float64(idle)/1e6)

	// Realtime: clients subscribed to questions/* as one worker (each event
	// is checked against the list rule for each client, as for the inbox).
	clients := 10000
	if n, err := strconv.Atoi(os.Getenv("AMEM_SSE_CLIENTS")); err == nil {
		clients = n
	}
	token := newWorkerToken(t, base)
	received := make([]atomic.Int64, clients) // unix nanoseconds of the last event
	var connected, failed atomic.Int64
	subscriber := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}, Timeout: time.Minute}
	var wg sync.WaitGroup
	slots := make(chan struct{}, 64)
	conns := make([]net.Conn, clients)
	start := time.Now()
	for i := range clients {
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-slots }()
			conn, err := connectSSE(addr, token, subscriber, &received[i])
			if err != nil {
				if failed.Add(1) <= 3 {
					t.Logf("client %d: %v", i, err)
				}
				return
			}
			conns[i] = conn
			connected.Add(1)
		}()
	}
	wg.Wait()
	defer func() {
		for _, c := range conns {
			if c != nil {
				c.Close()
			}
		}
	}()
	t.Logf("%d realtime clients connected and subscribed in %v (%d failed)", connected.Load(), time.Since(start).Round(time.Millisecond), failed.Load())
	time.Sleep(3 * time.Second)
	withClients := rss(t, cmd.Process.Pid)
	n := connected.Load()
	if n == 0 {
		t.Fatal("no realtime client connected")
	}
	t.Logf("resident memory with %d clients: %.1f MB, %.1f KB per client", n, float64(withClients)/1e6, float64(withClients-idle)/float64(n)/1e3)

	// Changes: a question each time; how long until every client has it.
	for change := range 5 {
		t0 := time.Now()
		body := fmt.Sprintf(`{"client_id":"realtime-load-%d","text":"My employer keeps my passport","lang":"fr","country":"TN"}`, change)
		if status := postJSON(base+"/api/collections/questions/records", token, body, &struct{}{}); status != 200 {
			t.Fatalf("question %d: %d", change, status)
		}
		var delays []time.Duration
		deadline := time.Now().Add(2 * time.Minute)
		for {
			delays = delays[:0]
			for i := range received {
				if conns[i] != nil {
					if at := received[i].Load(); at >= t0.UnixNano() {
						delays = append(delays, time.Duration(at-t0.UnixNano()))
					}
				}
			}
			if int64(len(delays)) == n || time.Now().After(deadline) {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		sort.Slice(delays, func(i, j int) bool { return delays[i] < delays[j] })
		if len(delays) == 0 {
			t.Fatalf("change %d reached no client", change)
		}
		t.Logf("change %d reached %d of %d clients: p50 %v, p99 %v, last %v", change, len(delays), n,
			delays[len(delays)/2].Round(time.Millisecond), delays[len(delays)*99/100].Round(time.Millisecond), delays[len(delays)-1].Round(time.Millisecond))
	}
}

// startTimed starts the binary and returns how long until /api/health answered.
func startTimed(t *testing.T, bin, dir, addr string) (*exec.Cmd, time.Duration) {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--http", addr, "--dir", dir)
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Timeout: time.Second}
	for deadline := t0.Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
		if res, err := client.Get("http://" + addr + "/api/health"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return cmd, time.Since(t0)
			}
		}
	}
	stop(cmd)
	t.Fatal("the server did not start")
	return nil, 0
}

func stop(cmd *exec.Cmd) {
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		<-done
	}
}

// rss is the process's resident memory (VmRSS), in bytes.
func rss(t *testing.T, pid int) int64 {
	t.Helper()
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb * 1024
		}
	}
	t.Fatal("no VmRSS")
	return 0
}

func newWorkerToken(t *testing.T, base string) string {
	t.Helper()
	var c struct{ Challenge string }
	res, err := http.Get(base + "/api/amem/workers/challenge")
	if err != nil {
		t.Fatal(err)
	}
	json.NewDecoder(res.Body).Decode(&c)
	res.Body.Close()
	var out struct{ Token string }
	body := fmt.Sprintf(`{"lang":"fr","country":"TN","challenge":%q,"nonce":%q}`, c.Challenge, pow.Solve(c.Challenge))
	if status := postJSON(base+"/api/amem/workers", "", body, &out); status != 200 {
		t.Fatalf("new worker = %d", status)
	}
	return out.Token
}

// connectSSE opens one realtime connection with as little as a client needs
// (one connection, a small buffer), subscribes it to questions/* with token,
// and records in last the time of each questions event it reads.
func connectSSE(addr, token string, subscriber *http.Client, last *atomic.Int64) (net.Conn, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(conn, "GET /api/realtime HTTP/1.1\r\nHost: %s\r\nAccept: text/event-stream\r\n\r\n", addr)
	r := bufio.NewReaderSize(conn, 512)
	clientID := ""
	for clientID == "" {
		line, err := r.ReadString('\n')
		if err != nil {
			conn.Close()
			return nil, err
		}
		if _, rest, ok := strings.Cut(line, `"clientId":"`); ok {
			clientID, _, _ = strings.Cut(rest, `"`)
		}
	}
	body, _ := json.Marshal(map[string]any{"clientId": clientID, "subscriptions": []string{"questions/*"}})
	req, _ := http.NewRequest("POST", "http://"+addr+"/api/realtime", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", token)
	res, err := subscriber.Do(req)
	if err != nil {
		conn.Close()
		return nil, err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNoContent {
		conn.Close()
		return nil, fmt.Errorf("subscribe: %d", res.StatusCode)
	}
	go func() {
		for {
			line, err := r.ReadSlice('\n')
			if err != nil && err != bufio.ErrBufferFull {
				return
			}
			if bytes.HasPrefix(line, []byte("event:questions")) {
				last.Store(time.Now().UnixNano())
			}
		}
	}()
	return conn, nil
}
