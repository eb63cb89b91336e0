package testapp

import (
	"bufio"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

// SSEClient is a realtime connection, as the inbox opens one.
type SSEClient struct {
	ID     string
	lines  chan string
	cancel context.CancelFunc
}

// ConnectRealtime opens a realtime connection and reads its client id.
func ConnectRealtime(t *testing.T, base string) *SSEClient {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/api/realtime", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	c := &SSEClient{lines: make(chan string, 100), cancel: cancel}
	go func() {
		defer res.Body.Close()
		scanner := bufio.NewScanner(res.Body)
		for scanner.Scan() {
			c.lines <- scanner.Text()
		}
		close(c.lines)
	}()
	t.Cleanup(cancel)
	c.ID = c.WaitFor(t, `"clientId":"`)
	c.ID = Between(c.ID, `"clientId":"`, `"`)
	return c
}

// WaitFor returns the first line containing s, or fails after a generous wait.
func (c *SSEClient) WaitFor(t *testing.T, s string) string {
	t.Helper()
	lines := c.Until(t, s)
	return lines[len(lines)-1]
}

// Until returns the lines read up to the first one containing s (included),
// or fails after a generous wait.
func (c *SSEClient) Until(t *testing.T, s string) []string {
	t.Helper()
	var read []string
	timeout := time.After(10 * time.Second)
	for {
		select {
		case line, ok := <-c.lines:
			if !ok {
				t.Fatalf("realtime stream closed before %q", s)
			}
			read = append(read, line)
			if strings.Contains(line, s) {
				return read
			}
		case <-timeout:
			t.Fatalf("no %q on the realtime stream", s)
		}
	}
}
