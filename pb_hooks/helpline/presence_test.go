package helpline

import (
	"amem/pb_hooks/testapp"
	"net/http"
	"strings"
	"testing"
)

func TestPresenceIsSharedOnlyWithinTheOrganisation(t *testing.T) {
	f := testapp.Seeded(t)
	base := testapp.StartServer(t, testapp.New(t))
	post := func(role, url, body string) int {
		req, _ := http.NewRequest("POST", base+url, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", f.Tokens[role])
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	topic := presenceTopicPrefix + f.IDs["q1"]

	outsider := testapp.ConnectRealtime(t, base)
	if s := post(testapp.OtherOrg, "/api/realtime", `{"clientId":"`+outsider.ID+`","subscriptions":["`+topic+`"]}`); s != 403 {
		t.Fatalf("a counsellor of another union subscribing = %d, want 403", s)
	}
	colleague := testapp.ConnectRealtime(t, base)
	if s := post(testapp.Counsellor, "/api/realtime", `{"clientId":"`+colleague.ID+`","subscriptions":["`+topic+`"]}`); s != 204 {
		t.Fatalf("a colleague subscribing = %d", s)
	}

	if s := post(testapp.OtherOrg, "/api/amem/questions/"+f.IDs["q1"]+"/presence", `{"state":"typing"}`); s != 404 {
		t.Fatalf("presence on another union's case = %d", s)
	}
	if s := post(testapp.Coordinator, "/api/amem/questions/"+f.IDs["q1"]+"/presence", `{"state":"dancing"}`); s != 400 {
		t.Fatalf("unknown state = %d", s)
	}
	if s := post(testapp.Coordinator, "/api/amem/questions/"+f.IDs["q1"]+"/presence", `{"state":"typing"}`); s != 204 {
		t.Fatalf("presence = %d", s)
	}
	line := colleague.WaitFor(t, `"state":"typing"`)
	if !strings.Contains(line, `"name":"coordA"`) || !strings.Contains(line, f.IDs["coordA"]) {
		t.Fatalf("presence event %s", line)
	}
}
