// Package ratelimit counts requests per caller: per account for a signed-in
// worker, per address for anyone else, with an IPv6 address counted by its
// /64 (one phone or one home gets a whole /64 and can rotate within it).
//
// PocketBase's own limiter counts per address only, which behind a carrier's
// NAT (common on Maghreb mobile networks) makes a whole city share one
// quota, and lets one abuser block everyone behind the same address.
package ratelimit

import (
	"net/netip"
	"sync"
	"time"
)

// Limiter is a token bucket per key: Max requests at once, refilled at Max
// per Window. It is safe for concurrent use.
type Limiter struct {
	Max    int
	Window time.Duration

	mu      sync.Mutex
	buckets map[string]*bucket
	calls   int
	now     func() time.Time
}

type bucket struct {
	tokens float64
	at     time.Time
}

// New returns a limiter of max requests per window.
func New(max int, window time.Duration) *Limiter {
	return &Limiter{Max: max, Window: window, buckets: map[string]*bucket{}, now: time.Now}
}

// Allow takes one request from key's bucket and reports whether there was
// one to take.
func (l *Limiter) Allow(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b := l.buckets[key]
	if b == nil {
		b = &bucket{tokens: float64(l.Max), at: now}
		l.buckets[key] = b
	}
	l.refill(b, now)
	if l.calls++; l.calls%1024 == 0 {
		l.forgetFull(now)
	}
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// Refund gives back a request Allow took from key, for a request that turned
// out to cost nothing (a resend answered with what was stored).
func (l *Limiter) Refund(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if b := l.buckets[key]; b != nil {
		l.refill(b, l.now())
		b.tokens = min(float64(l.Max), b.tokens+1)
	}
}

func (l *Limiter) refill(b *bucket, now time.Time) {
	rate := float64(l.Max) / l.Window.Seconds()
	b.tokens = min(float64(l.Max), b.tokens+now.Sub(b.at).Seconds()*rate)
	b.at = now
}

// forgetFull drops the buckets that have filled up again, so that memory
// follows the callers of the last window only.
func (l *Limiter) forgetFull(now time.Time) {
	for k, b := range l.buckets {
		if l.refill(b, now); b.tokens >= float64(l.Max) {
			delete(l.buckets, k)
		}
	}
}

// AddressKey is the key of a client address: an IPv4 address as it is, an
// IPv6 address as its /64 (an IPv4-mapped IPv6 address as the IPv4 one).
// Something that is not an address is its own key.
func AddressKey(ip string) string {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return ip
	}
	addr = addr.Unmap()
	if addr.Is4() {
		return addr.String()
	}
	prefix, _ := addr.Prefix(64)
	return prefix.String()
}

// AccountKey is the key of a signed-in caller.
func AccountKey(collection, id string) string { return collection + ":" + id }
