package push

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"

	webpush "github.com/SherClockHolmes/webpush-go"

	"amem/internal/push/pushtest"
)

// BenchmarkPushWire sends the same pushes with AMEM's sender (record size
// the smallest multiple of 128 that fits, no Accept-Encoding) and with
// webpush-go's defaults (every push padded to 4096), side by side in one
// run, 16 at a time, to the fake push service on 127.0.0.1 (which checks
// the VAPID token and decrypts each message): bytes on the wire per push
// (request line, headers, body) and pushes a second.
//
//	go test ./internal/push -run '^$' -bench PushWire -benchtime 2000x
func BenchmarkPushWire(b *testing.B) {
	b.Setenv(AllowLoopbackEnv, "1")
	payloads := []struct {
		name string
		p    Payload
	}{
		{"answer-ar", Payload{Kind: KindAnswer, Title: "أجاب مستشار على سؤالك", Body: "افتح تطبيق AMEM لقراءة الإجابة.",
			URL: "/#/questions/abcdefghijklmno", Tag: "question-abcdefghijklmno"}},
		{"alert-ar-60-chars", Payload{Kind: KindAlert, Title: strings.Repeat("تحذير ", 10), Body: "تنبيه بشأن تونس. افتح تطبيق AMEM لقراءته.",
			URL: "/#/alerts/abcdefghijklmno", Tag: "alert-abcdefghijklmno"}},
		{"alert-ar-120-chars", Payload{Kind: KindAlert, Title: strings.Repeat("تحذير ", 20), Body: "تنبيه بشأن تونس. افتح تطبيق AMEM لقراءته.",
			URL: "/#/alerts/abcdefghijklmno", Tag: "alert-abcdefghijklmno"}},
	}
	keys := mustKeys(b)
	sender, err := NewSender(Config{Keys: keys, Subscriber: "ops@amem.example.org", Concurrency: DefaultConcurrency})
	if err != nil {
		b.Fatal(err)
	}
	sides := []struct {
		name string
		send func(Message) error
	}{
		{"amem", func(m Message) error {
			if r := sender.Send(context.Background(), m); r.Outcome != Delivered {
				return r.Err
			}
			return nil
		}},
		{"webpush-go-defaults", func(m Message) error {
			body, opts, err := sender.prepare(m)
			if err != nil {
				return err
			}
			opts.RecordSize = 0 // webpush-go pads to 4096
			opts.HTTPClient = defaultsClient
			sub := &webpush.Subscription{Endpoint: m.Subscription.Endpoint, Keys: webpush.Keys{P256dh: m.Subscription.Keys.P256dh, Auth: m.Subscription.Keys.Auth}}
			res, err := webpush.SendNotificationWithContext(context.Background(), body, sub, opts)
			if err != nil {
				return err
			}
			res.Body.Close()
			return nil
		}},
	}
	for _, p := range payloads {
		for _, side := range sides {
			b.Run(p.name+"/"+side.name, func(b *testing.B) {
				service := pushtest.NewServer(b)
				service.DiscardMessages()
				msgs := make([]Message, b.N)
				for i := range msgs {
					msgs[i] = Message{Subscription: subscription(service.Subscribe()), Payload: p.p}
				}
				before := service.WireBytes()
				work := make(chan Message)
				var wg sync.WaitGroup
				b.ResetTimer()
				for range DefaultConcurrency {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for m := range work {
							if err := side.send(m); err != nil {
								b.Error(err)
							}
						}
					}()
				}
				for _, m := range msgs {
					work <- m
				}
				close(work)
				wg.Wait()
				b.StopTimer()
				b.ReportMetric(float64(service.WireBytes()-before)/float64(b.N), "wire-B/push")
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pushes/s")
			})
		}
	}
}

// defaultsClient is AMEM's HTTP client but for Go's default of asking for
// gzip, as most webpush-go users send.
var defaultsClient = func() *http.Client {
	c := NewHTTPClient(DefaultConcurrency)
	c.Transport.(*http.Transport).DisableCompression = false
	return c
}()
