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
	post := poster(t, base, f)
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

// A counsellor who signs out everywhere (a lost laptop) stops hearing the
// presence on the cases they watched: their subscription ends at the next
// presence event, while a colleague's goes on.
func TestPresenceEndsWithASignOutEverywhere(t *testing.T) {
	f := testapp.Seeded(t)
	app := testapp.New(t)
	base := testapp.StartServer(t, app)
	post := poster(t, base, f)
	topic := presenceTopicPrefix + f.IDs["q1"]
	lost := testapp.ConnectRealtime(t, base)
	colleague := testapp.ConnectRealtime(t, base)
	for role, c := range map[string]*testapp.SSEClient{testapp.Counsellor: lost, testapp.Coordinator: colleague} {
		if s := post(role, "/api/realtime", `{"clientId":"`+c.ID+`","subscriptions":["`+topic+`"]}`); s != 204 {
			t.Fatalf("%s subscribing = %d", role, s)
		}
	}
	if s := post(testapp.Counsellor, "/api/amem/counsellors/signout-everywhere", ``); s != 204 {
		t.Fatalf("sign-out everywhere = %d", s)
	}
	if s := post(testapp.Coordinator, "/api/amem/questions/"+f.IDs["q1"]+"/presence", `{"state":"typing"}`); s != 204 {
		t.Fatalf("presence = %d", s)
	}
	colleague.WaitFor(t, `"state":"typing"`) // the broadcast is over
	client, err := app.SubscriptionsBroker().ClientById(lost.ID)
	if err != nil {
		t.Fatal(err)
	}
	if client.HasSubscription(topic) {
		t.Error("the signed-out counsellor is still subscribed to the case's presence")
	}
	if c, _ := app.SubscriptionsBroker().ClientById(colleague.ID); !c.HasSubscription(topic) {
		t.Error("the colleague lost their subscription")
	}
}

// poster posts JSON to the server as a role and returns the status.
func poster(t *testing.T, base string, f *testapp.Fixture) func(role, url, body string) int {
	return func(role, url, body string) int {
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
}
