package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"amem/internal/pow"
)

var (
	builtOnce sync.Once
	builtPath string
	builtErr  error
)

// builtBinary builds amem once per test run, into a temporary folder.
func builtBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	builtOnce.Do(func() {
		dir, err := os.MkdirTemp("", "amem-bin-")
		if err != nil {
			builtErr = err
			return
		}
		builtPath = filepath.Join(dir, "amem")
		build := exec.Command("go", "build", "-o", builtPath, ".")
		build.Env = append(os.Environ(), "GOTOOLCHAIN=local")
		if out, err := build.CombinedOutput(); err != nil {
			builtErr = fmt.Errorf("build: %v\n%s", err, out)
		}
	})
	if builtErr != nil {
		t.Fatal(builtErr)
	}
	return builtPath
}

// server is the real binary serving a data folder on 127.0.0.1.
type server struct {
	t    *testing.T
	bin  string
	dir  string
	addr string
	cmd  *exec.Cmd
}

func (s *server) start() {
	s.t.Helper()
	s.cmd = exec.Command(s.bin, "serve", "--http", s.addr, "--dir", s.dir)
	s.cmd.Stdout, s.cmd.Stderr = nil, nil
	if err := s.cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if res, err := http.Get("http://" + s.addr + "/api/health"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return
			}
		}
	}
	s.t.Fatal("the server did not start")
}

// kill stops the server as a power cut would: SIGKILL, no shutdown.
func (s *server) kill() {
	s.cmd.Process.Kill()
	s.cmd.Wait()
}

// TestNoQuestionIsLostOrDuplicatedAcrossCrashes: workers send a stream of
// questions with the app's retry logic (the same client_id until a 200)
// while the server is killed with SIGKILL ten times and restarted. Every
// question the server acknowledged is stored exactly once, with the case
// event of its routing, and nothing else is stored.
func TestNoQuestionIsLostOrDuplicatedAcrossCrashes(t *testing.T) {
	bin := builtBinary(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	srv := &server{t: t, bin: bin, dir: filepath.Join(t.TempDir(), "pb_data"), addr: addr}
	srv.start()
	base := "http://" + addr

	// Four workers, as four phones: each may ask 20 questions an hour.
	var tokens []string
	for i := 0; i < 4; i++ {
		var c struct{ Challenge string }
		if res, err := http.Get(base + "/api/amem/workers/challenge"); err == nil {
			json.NewDecoder(res.Body).Decode(&c)
			res.Body.Close()
		}
		var out struct{ Token string }
		body := fmt.Sprintf(`{"lang":"fr","country":"TN","challenge":%q,"nonce":%q}`, c.Challenge, pow.Solve(c.Challenge))
		if status := postJSON(base+"/api/amem/workers", "", body, &out); status != 200 {
			t.Fatalf("new worker = %d", status)
		}
		tokens = append(tokens, out.Token)
	}

	const total, rounds = 60, 10
	acked := make(chan string, total)
	sent := make([]string, 0, total)
	go func() {
		client := &http.Client{Timeout: 5 * time.Second}
		for i := 0; i < total; i++ {
			id := fmt.Sprintf("crash-test-%04d", i)
			body := fmt.Sprintf(`{"client_id":%q,"text":"Question %d: my employer has not paid me","lang":"fr","country":"TN"}`, id, i)
			// The app's outbox: the same question again until the server says 200.
			for {
				req, _ := http.NewRequest("POST", base+"/api/collections/questions/records", bytes.NewReader([]byte(body)))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Authorization", tokens[i%len(tokens)])
				res, err := client.Do(req)
				if err == nil {
					res.Body.Close()
					if res.StatusCode == 200 {
						break
					}
					if res.StatusCode < 500 {
						t.Errorf("question %d refused: %d", i, res.StatusCode)
						break
					}
				}
				time.Sleep(20 * time.Millisecond)
			}
			acked <- id
		}
		close(acked)
	}()

	kills := 0
	for id := range acked {
		sent = append(sent, id)
		if kills < rounds && len(sent)%(total/(rounds+1)) == 0 {
			// The next question is already on its way: kill mid-stream.
			time.Sleep(time.Duration(kills%3) * 5 * time.Millisecond)
			srv.kill()
			kills++
			srv.start()
		}
	}
	srv.kill()
	if kills != rounds || len(sent) != total {
		t.Fatalf("%d kills, %d questions acknowledged; want %d and %d", kills, len(sent), rounds, total)
	}

	app := core.NewBaseApp(core.BaseAppConfig{DataDir: srv.dir})
	if err := app.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	defer app.ResetBootstrapState()
	for _, id := range sent {
		stored, err := app.FindAllRecords("questions", dbx.HashExp{"client_id": id})
		if err != nil || len(stored) != 1 {
			t.Errorf("%s stored %d times (%v), want once", id, len(stored), err)
			continue
		}
		if n, _ := app.CountRecords("case_events", dbx.HashExp{"question": stored[0].Id, "kind": "routed"}); n != 1 {
			t.Errorf("%s has %d routing events, want 1", id, n)
		}
	}
	if n, _ := app.CountRecords("questions"); n != int64(total) {
		t.Errorf("%d questions stored, want the %d acknowledged", n, total)
	}
}

func postJSON(url, token, body string, out any) int {
	req, _ := http.NewRequest("POST", url, bytes.NewReader([]byte(body)))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0
	}
	defer res.Body.Close()
	json.NewDecoder(res.Body).Decode(out)
	return res.StatusCode
}
