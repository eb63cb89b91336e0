package ratelimit

import (
	"testing"
	"time"
)

func TestLimiterRefillsAtItsRate(t *testing.T) {
	now := time.Unix(0, 0)
	l := New(3, time.Hour)
	l.now = func() time.Time { return now }
	for i := 0; i < 3; i++ {
		if !l.Allow("w1") {
			t.Fatalf("request %d refused", i)
		}
	}
	if l.Allow("w1") {
		t.Fatal("a fourth request within the hour was allowed")
	}
	if !l.Allow("w2") {
		t.Fatal("another caller was refused because of the first")
	}
	now = now.Add(20 * time.Minute) // a third of the window: one request back
	if !l.Allow("w1") || l.Allow("w1") {
		t.Fatal("after a third of the window, exactly one more request")
	}
}

func TestAddressKeyGroupsIPv6By64(t *testing.T) {
	cases := map[string]string{
		"203.0.113.7":                      "203.0.113.7",
		"::ffff:203.0.113.7":               "203.0.113.7",
		"2001:db8:1:2:aaaa:bbbb:cccc:dddd": "2001:db8:1:2::/64",
		"2001:db8:1:2::1":                  "2001:db8:1:2::/64",
		"2001:db8:1:3::1":                  "2001:db8:1:3::/64",
		"not an address":                   "not an address",
	}
	for ip, want := range cases {
		if got := AddressKey(ip); got != want {
			t.Errorf("AddressKey(%q) = %q, want %q", ip, got, want)
		}
	}
}

// TestRefundGivesBackOneRequest: a refunded request can be made again, and
// a refund never raises a bucket above its Max.
func TestRefundGivesBackOneRequest(t *testing.T) {
	now := time.Unix(0, 0)
	l := New(2, time.Hour)
	l.now = func() time.Time { return now }
	l.Refund("w") // unknown key: nothing to give back, no bucket above Max
	l.Allow("w")
	l.Allow("w")
	if l.Allow("w") {
		t.Fatal("a third request within the window was allowed")
	}
	l.Refund("w")
	if !l.Allow("w") {
		t.Fatal("the refunded request was refused")
	}
	if l.Allow("w") {
		t.Fatal("a refund gave back more than one request")
	}
}
