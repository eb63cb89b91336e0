package push

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"amem/internal/push/pushtest"
)

// newTestSender returns a Sender for the fake push service whose waits
// between tries are recorded instead of slept.
func newTestSender(t testing.TB, cfg Config) (*Sender, *[]time.Duration) {
	t.Helper()
	if cfg.Keys.PublicKey == "" {
		keys, err := GenerateKeys()
		if err != nil {
			t.Fatal(err)
		}
		cfg.Keys = keys
	}
	if cfg.Subscriber == "" {
		cfg.Subscriber = "mailto:ops@amem.example.org"
	}
	s, err := NewSender(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	waits := &[]time.Duration{}
	s.sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		defer mu.Unlock()
		*waits = append(*waits, d)
		return ctx.Err()
	}
	return s, waits
}

func subscription(s pushtest.Subscription) Subscription {
	var sub Subscription
	sub.Endpoint, sub.Keys.P256dh, sub.Keys.Auth = s.Endpoint, s.Keys.P256dh, s.Keys.Auth
	return sub
}

// TestMessagesArriveDecrypted: the fake push service checks the VAPID token
// and decrypts what the Sender sends; each kind has its TTL and Urgency.
func TestMessagesArriveDecrypted(t *testing.T) {
	t.Setenv(AllowLoopbackEnv, "1")
	service := pushtest.NewServer(t)
	sender, _ := newTestSender(t, Config{})
	cases := []struct {
		kind    Kind
		ttl     int
		urgency string
	}{
		{KindAnswer, 86400, "high"},
		{KindAssignment, 4 * 3600, "high"},
		{KindOverdue, 4 * 3600, "normal"},
		{KindAlert, 3 * 86400, "normal"},
		{KindTransfer, 86400, "normal"},
	}
	for _, tc := range cases {
		t.Run(string(tc.kind), func(t *testing.T) {
			sub := service.Subscribe()
			p := Payload{Kind: tc.kind, Title: "عنوان", Body: "Corps du message", URL: "/#/questions/abc", Tag: "question-abc"}
			r := sender.Send(context.Background(), Message{Subscription: subscription(sub), Payload: p})
			if r.Outcome != Delivered || r.Tries != 1 || r.Status != http.StatusCreated {
				t.Fatalf("Send = %+v", r)
			}
			got := service.MessagesTo(sub.Endpoint)
			if len(got) != 1 {
				t.Fatalf("%d messages arrived, want 1 (violations %v)", len(got), service.Violations())
			}
			m := got[0]
			var back Payload
			if err := json.Unmarshal(m.Payload, &back); err != nil || back != p {
				t.Errorf("decrypted %s (%v), want %+v", m.Payload, err, p)
			}
			if m.TTL != tc.ttl || m.Urgency != tc.urgency {
				t.Errorf("TTL %d Urgency %q, want %d %q", m.TTL, m.Urgency, tc.ttl, tc.urgency)
			}
			if m.Subscriber != "mailto:ops@amem.example.org" || m.PublicKey != sender.cfg.Keys.PublicKey {
				t.Errorf("VAPID sub %q k %q", m.Subscriber, m.PublicKey)
			}
			if m.Topic == "" || strings.Contains(m.Topic, "abc") {
				t.Errorf("topic %q: want a hash of the tag", m.Topic)
			}
		})
	}
	if v := service.Violations(); len(v) > 0 {
		t.Errorf("protocol violations: %v", v)
	}
}

// TestSendOutcomes: what each answer of a push service leads to, and the
// waits between tries (recorded, never slept).
func TestSendOutcomes(t *testing.T) {
	t.Setenv(AllowLoopbackEnv, "1")
	service := pushtest.NewServer(t)
	r429 := func(after string) pushtest.Reply { return pushtest.Reply{Status: 429, RetryAfter: after} }
	r := func(status int) pushtest.Reply { return pushtest.Reply{Status: status} }
	cases := []struct {
		name       string
		replies    []pushtest.Reply
		outcome    Outcome
		tries      int
		delivered  int
		waits      []time.Duration // exact waits; nil with backoff = check the backoff range
		backoff    bool
		retryAfter time.Duration
	}{
		{name: "accepted", outcome: Delivered, tries: 1, delivered: 1},
		{name: "404 not found", replies: []pushtest.Reply{r(404)}, outcome: Gone, tries: 1},
		{name: "410 gone", replies: []pushtest.Reply{r(410)}, outcome: Gone, tries: 1},
		{name: "413 too large", replies: []pushtest.Reply{r(413)}, outcome: Failed, tries: 1},
		{name: "403 refused", replies: []pushtest.Reply{r(403)}, outcome: Failed, tries: 1},
		{name: "429 then accepted", replies: []pushtest.Reply{r429("7")}, outcome: Delivered, tries: 2, delivered: 1,
			waits: []time.Duration{7 * time.Second}},
		{name: "429 with a long Retry-After", replies: []pushtest.Reply{r429("3600")}, outcome: Retry, tries: 1,
			retryAfter: time.Hour},
		{name: "500 then accepted", replies: []pushtest.Reply{r(500)}, outcome: Delivered, tries: 2, delivered: 1, backoff: true},
		{name: "503 twice then accepted", replies: []pushtest.Reply{r(503), r(503)}, outcome: Delivered, tries: 3, delivered: 1, backoff: true},
		{name: "500 every time", replies: []pushtest.Reply{r(500), r(500), r(500), r(500)}, outcome: Retry, tries: 3, backoff: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sender, waits := newTestSender(t, Config{MaxTries: 3, BaseDelay: time.Second, MaxDelay: 10 * time.Second})
			sub := service.Subscribe()
			service.Reply(sub.Endpoint, tc.replies...)
			res := sender.Send(context.Background(), Message{Subscription: subscription(sub),
				Payload: Payload{Kind: KindAnswer, Title: "t", Body: "b", URL: "/", Tag: "x"}})
			if res.Outcome != tc.outcome || res.Tries != tc.tries {
				t.Fatalf("Send = %+v, want %v after %d tries", res, tc.outcome, tc.tries)
			}
			if got := service.Requests(sub.Endpoint); got != tc.tries {
				t.Errorf("%d requests reached the push service, want %d", got, tc.tries)
			}
			if got := len(service.MessagesTo(sub.Endpoint)); got != tc.delivered {
				t.Errorf("%d messages delivered, want %d", got, tc.delivered)
			}
			if res.RetryAfter != tc.retryAfter {
				t.Errorf("RetryAfter = %v, want %v", res.RetryAfter, tc.retryAfter)
			}
			if tc.outcome != Delivered && (res.Err == nil || strings.Contains(res.Err.Error(), sub.Endpoint)) {
				t.Errorf("Err = %v: want a reason without the endpoint", res.Err)
			}
			switch {
			case tc.backoff:
				if len(*waits) != tc.tries-1 {
					t.Fatalf("waits %v, want %d", *waits, tc.tries-1)
				}
				for i, w := range *waits {
					ceiling := time.Second << i
					if w < ceiling/2 || w > ceiling {
						t.Errorf("wait %d = %v, want within [%v, %v]", i, w, ceiling/2, ceiling)
					}
				}
			case len(*waits) != len(tc.waits):
				t.Errorf("waits %v, want %v", *waits, tc.waits)
			default:
				for i := range tc.waits {
					if (*waits)[i] != tc.waits[i] {
						t.Errorf("waits %v, want %v", *waits, tc.waits)
					}
				}
			}
		})
	}
	if v := service.Violations(); len(v) > 0 {
		t.Errorf("protocol violations: %v", v)
	}
}

func TestSendRefusesBeforeSending(t *testing.T) {
	t.Setenv(AllowLoopbackEnv, "1")
	service := pushtest.NewServer(t)
	sender, _ := newTestSender(t, Config{})
	good := service.Subscribe()
	badKey := subscription(good)
	badKey.Keys.P256dh = "k"
	badAuth := subscription(good)
	badAuth.Keys.Auth = "YQ"
	cases := []struct {
		name string
		msg  Message
		want error
	}{
		{"an unknown kind", Message{Subscription: subscription(good), Payload: Payload{Kind: "gossip"}}, nil},
		{"a bad p256dh", Message{Subscription: badKey, Payload: Payload{Kind: KindAnswer}}, ErrP256dh},
		{"a bad auth", Message{Subscription: badAuth, Payload: Payload{Kind: KindAnswer}}, ErrAuth},
		{"a private endpoint", Message{Subscription: Subscription{Endpoint: "https://10.0.0.1/push"}, Payload: Payload{Kind: KindAnswer}}, ErrEndpoint},
		{"too large", Message{Subscription: subscription(good), Payload: Payload{Kind: KindAlert, URL: strings.Repeat("x", 5000)}}, ErrTooLarge},
	}
	for _, tc := range cases {
		r := sender.Send(context.Background(), tc.msg)
		if r.Outcome != Failed || r.Tries != 0 || (tc.want != nil && !errors.Is(r.Err, tc.want)) {
			t.Errorf("%s: %+v, want Failed with %v and no request", tc.name, r, tc.want)
		}
	}
	if n := service.Requests(good.Endpoint); n != 0 {
		t.Errorf("%d requests were made", n)
	}
}

// TestSendRefusesLoopbackByDefault: without AMEM_PUSH_ALLOW_LOOPBACK the fake
// push service on 127.0.0.1 is out of reach.
func TestSendRefusesLoopbackByDefault(t *testing.T) {
	t.Setenv(AllowLoopbackEnv, "1")
	service := pushtest.NewServer(t)
	sub := service.Subscribe()
	t.Setenv(AllowLoopbackEnv, "")
	sender, _ := newTestSender(t, Config{})
	r := sender.Send(context.Background(), Message{Subscription: subscription(sub), Payload: Payload{Kind: KindAnswer}})
	if r.Outcome != Failed || !errors.Is(r.Err, ErrEndpoint) || service.Requests(sub.Endpoint) != 0 {
		t.Errorf("Send = %+v, %d requests; want Failed without a request", r, service.Requests(sub.Endpoint))
	}
}

func TestWrongVAPIDKeyIsRefused(t *testing.T) {
	t.Setenv(AllowLoopbackEnv, "1")
	service := pushtest.NewServer(t)
	old, _ := GenerateKeys()
	sub := service.SubscribeWithKey(old.PublicKey)
	sender, _ := newTestSender(t, Config{}) // new keys
	r := sender.Send(context.Background(), Message{Subscription: subscription(sub), Payload: Payload{Kind: KindAnswer}})
	if r.Outcome != Failed || r.Status != http.StatusForbidden {
		t.Errorf("Send with a rotated key = %+v, want Failed 403", r)
	}
}

// countingTransport measures how many requests are in flight at once.
type countingTransport struct {
	next          http.RoundTripper
	now, maxCount atomic.Int32
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	n := c.now.Add(1)
	defer c.now.Add(-1)
	for {
		m := c.maxCount.Load()
		if n <= m || c.maxCount.CompareAndSwap(m, n) {
			break
		}
	}
	time.Sleep(2 * time.Millisecond) // let requests overlap
	return c.next.RoundTrip(r)
}

func TestSendAllBoundsConcurrency(t *testing.T) {
	t.Setenv(AllowLoopbackEnv, "1")
	service := pushtest.NewServer(t)
	client := NewHTTPClient(4)
	counter := &countingTransport{next: client.Transport}
	client.Transport = counter
	sender, _ := newTestSender(t, Config{Concurrency: 4, HTTPClient: client})
	msgs := make([]Message, 40)
	for i := range msgs {
		msgs[i] = Message{Subscription: subscription(service.Subscribe()), Payload: Payload{Kind: KindAlert, Title: "t"}}
	}
	var mu sync.Mutex
	outcomes := map[Outcome]int{}
	seen := map[int]bool{}
	sender.SendAll(context.Background(), msgs, func(i int, r Result) {
		mu.Lock()
		defer mu.Unlock()
		outcomes[r.Outcome]++
		seen[i] = true
	})
	if outcomes[Delivered] != len(msgs) || len(seen) != len(msgs) {
		t.Errorf("outcomes %v for %d indexes, want %d delivered", outcomes, len(seen), len(msgs))
	}
	if got := counter.maxCount.Load(); got > 4 || got < 2 {
		t.Errorf("%d requests in flight at most, want 2..4", got)
	}
	if got := len(service.Messages()); got != len(msgs) {
		t.Errorf("%d messages arrived, want %d", got, len(msgs))
	}
}

func TestSendAllStopsWhenCancelled(t *testing.T) {
	t.Setenv(AllowLoopbackEnv, "1")
	service := pushtest.NewServer(t)
	sender, _ := newTestSender(t, Config{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	msgs := []Message{{Subscription: subscription(service.Subscribe()), Payload: Payload{Kind: KindAnswer}}}
	sender.SendAll(ctx, msgs, func(i int, r Result) {
		if r.Outcome != Retry || !errors.Is(r.Err, context.Canceled) {
			t.Errorf("result after cancel = %+v, want Retry with context.Canceled", r)
		}
	})
	if len(service.Messages()) != 0 {
		t.Error("a message was sent after cancel")
	}
}

// TestRevokedSubscriptionIsGone: the person turned notifications off; the
// push service answers 410 from then on.
func TestRevokedSubscriptionIsGone(t *testing.T) {
	t.Setenv(AllowLoopbackEnv, "1")
	service := pushtest.NewServer(t)
	sender, waits := newTestSender(t, Config{})
	sub := service.Subscribe()
	service.Unsubscribe(sub.Endpoint)
	r := sender.Send(context.Background(), Message{Subscription: subscription(sub), Payload: Payload{Kind: KindAlert}})
	if r.Outcome != Gone || r.Status != http.StatusGone || r.Tries != 1 || len(*waits) != 0 {
		t.Errorf("Send to a revoked subscription = %+v", r)
	}
}
