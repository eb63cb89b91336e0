package push

import (
	"context"
	"sync/atomic"
	"testing"

	"amem/internal/push/pushtest"
)

// BenchmarkSend10000 sends 10,000 notifications (to 10,000 subscriptions)
// through the fake push service on 127.0.0.1, which verifies every VAPID
// token and decrypts every message: both sides' crypto run on this machine.
//
//	go test ./internal/push -run '^$' -bench Send10000 -benchtime 3x
func BenchmarkSend10000(b *testing.B) {
	b.Setenv(AllowLoopbackEnv, "1")
	const n = 10000
	service := pushtest.NewServer(b)
	service.DiscardMessages()
	sender, err := NewSender(Config{Keys: mustKeys(b), Subscriber: "ops@amem.example.org", Concurrency: DefaultConcurrency})
	if err != nil {
		b.Fatal(err)
	}
	msgs := make([]Message, n)
	for i := range msgs {
		msgs[i] = Message{Subscription: subscription(service.Subscribe()),
			Payload: Payload{Kind: KindAnswer, Title: "A counsellor answered your question",
				Body: "Open AMEM to read the answer.", URL: "/#/questions/abcdefghijklmno", Tag: "question-abcdefghijklmno"}}
	}
	b.ResetTimer()
	for b.Loop() {
		var delivered atomic.Int64
		sender.SendAll(context.Background(), msgs, func(_ int, r Result) {
			if r.Outcome == Delivered {
				delivered.Add(1)
			}
		})
		if delivered.Load() != n {
			b.Fatalf("%d of %d delivered", delivered.Load(), n)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "notifications/s")
	if v := service.Violations(); len(v) > 0 {
		b.Fatalf("protocol violations: %v", v[0])
	}
}

func mustKeys(tb testing.TB) Keys {
	k, err := GenerateKeys()
	if err != nil {
		tb.Fatal(err)
	}
	return k
}
