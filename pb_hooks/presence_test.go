package pb_hooks

import (
	"bufio"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

// sseClient is a realtime connection, as the inbox opens one.
type sseClient struct {
	id     string
	lines  chan string
	cancel context.CancelFunc
}

func connectRealtime(t *testing.T, base string) *sseClient {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/api/realtime", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	c := &sseClient{lines: make(chan string, 100), cancel: cancel}
	go func() {
		defer res.Body.Close()
		scanner := bufio.NewScanner(res.Body)
		for scanner.Scan() {
			c.lines <- scanner.Text()
		}
		close(c.lines)
	}()
	t.Cleanup(cancel)
	c.id = c.waitFor(t, `"clientId":"`)
	c.id = between(c.id, `"clientId":"`, `"`)
	return c
}

// waitFor returns the first line containing s, or fails after a generous wait.
func (c *sseClient) waitFor(t *testing.T, s string) string {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case line, ok := <-c.lines:
			if !ok {
				t.Fatalf("realtime stream closed before %q", s)
			}
			if strings.Contains(line, s) {
				return line
			}
		case <-timeout:
			t.Fatalf("no %q on the realtime stream", s)
		}
	}
}

func TestPresenceIsSharedOnlyWithinTheOrganisation(t *testing.T) {
	f := getFixture(t)
	base := startServer(t, newTestApp(t))
	post := func(role, url, body string) int {
		req, _ := http.NewRequest("POST", base+url, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", f.tokens[role])
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	topic := presenceTopicPrefix + f.ids["q1"]

	outsider := connectRealtime(t, base)
	if s := post(roleOtherOrg, "/api/realtime", `{"clientId":"`+outsider.id+`","subscriptions":["`+topic+`"]}`); s != 403 {
		t.Fatalf("a counsellor of another union subscribing = %d, want 403", s)
	}
	colleague := connectRealtime(t, base)
	if s := post(roleCounsellor, "/api/realtime", `{"clientId":"`+colleague.id+`","subscriptions":["`+topic+`"]}`); s != 204 {
		t.Fatalf("a colleague subscribing = %d", s)
	}

	if s := post(roleOtherOrg, "/api/amem/questions/"+f.ids["q1"]+"/presence", `{"state":"typing"}`); s != 404 {
		t.Fatalf("presence on another union's case = %d", s)
	}
	if s := post(roleCoordinator, "/api/amem/questions/"+f.ids["q1"]+"/presence", `{"state":"dancing"}`); s != 400 {
		t.Fatalf("unknown state = %d", s)
	}
	if s := post(roleCoordinator, "/api/amem/questions/"+f.ids["q1"]+"/presence", `{"state":"typing"}`); s != 204 {
		t.Fatalf("presence = %d", s)
	}
	line := colleague.waitFor(t, `"state":"typing"`)
	if !strings.Contains(line, `"name":"coordA"`) || !strings.Contains(line, f.ids["coordA"]) {
		t.Fatalf("presence event %s", line)
	}
}
