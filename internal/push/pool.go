package push

import (
	"context"
	"sync"
)

// SendAll sends msgs, at most Concurrency at a time, and calls done with each
// result as soon as it is known. done is called from several goroutines at
// once. SendAll returns when every message has its result; once ctx is
// cancelled the remaining messages come back as Retry with ctx's error.
func (s *Sender) SendAll(ctx context.Context, msgs []Message, done func(i int, r Result)) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(s.cfg.Concurrency, len(msgs)) {
		wg.Go(func() {
			for i := range jobs {
				done(i, s.Send(ctx, msgs[i]))
			}
		})
	}
	for i := range msgs {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
}
