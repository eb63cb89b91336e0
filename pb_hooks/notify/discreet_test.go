package notify

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"amem/internal/push"
	"amem/pb_hooks/testapp"
)

// A subscription made in discreet mode gets "New message" in its language,
// for an answer and for an alert alike: no word of AMEM, of a counsellor, a
// question or a country; a click still opens the thread. The worker's other
// browser, not discreet, gets the usual words.
func TestDiscreetSubscriptionGetsTheNeutralWords(t *testing.T) {
	app, handler, service, plain := subscribedWorker(t, "fr")
	f := testapp.Seeded(t)
	discreet := service.Subscribe()
	res := testapp.ServeBody(t, handler, "POST", "/api/amem/push/subscriptions",
		`{"endpoint":"`+discreet.Endpoint+`","keys":{"p256dh":"`+discreet.Keys.P256dh+`","auth":"`+discreet.Keys.Auth+`"},"lang":"fr","countries":["TN"],"discreet":true}`,
		map[string]string{"Authorization": f.Tokens[testapp.Worker], "Content-Type": "application/json"})
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("discreet subscribe = %d %s", res.StatusCode, testapp.ReadAll(t, res))
	}

	answer := `{"question":"` + f.IDs["q1"] + `","text":"Votre employeur doit vous rendre votre passeport."}`
	if res := testapp.ServeBody(t, handler, "POST", "/api/collections/messages/records", answer,
		map[string]string{"Authorization": f.Tokens[testapp.Counsellor], "Content-Type": "application/json"}); res.StatusCode != 200 {
		t.Fatalf("message = %d %s", res.StatusCode, testapp.ReadAll(t, res))
	}
	alerts, _ := app.FindCollectionByNameOrId("alerts")
	alert := core.NewRecord(alerts)
	alert.Set("title", "Faux recruteur à Sfax")
	alert.Set("body", "…")
	alert.Set("country", "TN")
	alert.Set("lang", "fr")
	alert.Set("organisation", f.IDs["orgA"])
	alert.Set("published", true)
	if err := app.Save(alert); err != nil {
		t.Fatal(err)
	}
	service.WaitForMessages(t, 3, 30*time.Second)

	got := service.MessagesTo(discreet.Endpoint)
	if len(got) != 2 {
		t.Fatalf("%d notifications to the discreet browser, want 2 (the answer and the alert)", len(got))
	}
	wants := map[push.Kind]push.Payload{
		push.KindAnswer: {Kind: push.KindAnswer, Title: "Nouveau message", Body: "Vous avez un nouveau message.",
			URL: "/#/questions/" + f.IDs["q1"], Tag: "question-" + f.IDs["q1"]},
		push.KindAlert: {Kind: push.KindAlert, Title: "Nouveau message", Body: "Vous avez un nouveau message.",
			URL: "/#/alerts/" + alert.Id, Tag: "alert-" + alert.Id},
	}
	for _, m := range got {
		p := testapp.PayloadOf(t, m.Payload)
		if p != wants[p.Kind] {
			t.Errorf("discreet notification %+v, want %+v", p, wants[p.Kind])
		}
		for _, word := range []string{"AMEM", "conseiller", "question", "Sfax", "Tunisie", "recruteur"} {
			if strings.Contains(p.Title+" "+p.Body, word) {
				t.Errorf("a discreet notification says %q: %+v", word, p)
			}
		}
	}
	usual := map[push.Kind]string{}
	for _, m := range service.MessagesTo(plain.Endpoint) {
		p := testapp.PayloadOf(t, m.Payload)
		usual[p.Kind] = p.Title
	}
	if usual[push.KindAnswer] != "Un conseiller a répondu à votre question" {
		t.Errorf("the browser not in discreet mode got %v, want the usual answer", usual)
	}
}
