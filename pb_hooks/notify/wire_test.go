package notify

import (
	"context"
	"strings"
	"testing"

	"amem/internal/i18n"
	"amem/internal/push"
	"amem/internal/push/pushtest"

	"github.com/pocketbase/pocketbase/core"
)

// Every notification AMEM writes from its own texts (answer, transfer,
// assignment, overdue, and the discreet "new message"), in every language,
// is under 1 KB on the wire, request line and headers included, sent to the
// fake push service on 127.0.0.1 by the real sender.
func TestNotificationsUnder1KBOnTheWire(t *testing.T) {
	t.Setenv(push.AllowLoopbackEnv, "1")
	catalog, err := i18n.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	keys, err := push.GenerateKeys()
	if err != nil {
		t.Fatal(err)
	}
	sender, err := push.NewSender(push.Config{Keys: keys, Subscriber: "ops@amem.example.org"})
	if err != nil {
		t.Fatal(err)
	}
	service := pushtest.NewServer(t)
	svc := &Service{catalog: catalog}
	data := notifyData{Question: "abcdefghijklmno"}
	send := func(lang, kind string, payload push.Payload) {
		s := service.Subscribe()
		var sub push.Subscription
		sub.Endpoint, sub.Keys.P256dh, sub.Keys.Auth = s.Endpoint, s.Keys.P256dh, s.Keys.Auth
		before := service.WireBytes()
		if r := sender.Send(context.Background(), push.Message{Subscription: sub, Payload: payload}); r.Outcome != push.Delivered {
			t.Fatalf("%s %s: not delivered: %+v", lang, kind, r)
		}
		if n := service.WireBytes() - before; n >= 1024 {
			t.Errorf("%s %s %q: %d B on the wire, want under 1 KB", lang, kind, payload.Title, n)
		}
	}
	// An alert's title is the coordinator's, up to the field's 200 characters.
	alert := core.NewRecord(core.NewBaseCollection("alerts"))
	alert.Id = "abcdefghijklmno"
	alert.Set("country", "TN")
	for lang, word := range map[string]string{"ar": "احذروا ", "fr": "Attention ", "en": "Beware "} {
		alert.Set("title", strings.Repeat(word, 200/len([]rune(word))))
		send(lang, "alert", svc.renderAlert(lang, alert))
	}
	for _, lang := range catalog.Langs() {
		for _, kind := range []push.Kind{push.KindAnswer, push.KindTransfer, push.KindAssignment, push.KindOverdue} {
			for _, count := range []int{1, 2, 11, 100} {
				data.Count = count
				p := svc.render(lang, kind, data)
				for _, payload := range []push.Payload{p, svc.neutral(lang, p)} {
					send(lang, string(kind), payload)
				}
				if kind != push.KindOverdue {
					break // only the overdue title has a count
				}
			}
		}
	}
}
