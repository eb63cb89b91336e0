package push

import (
	"errors"
	"net/netip"
	"net/url"
	"strings"
	"testing"
)

// FuzzCheckEndpoint: CheckEndpoint never panics, every refusal wraps
// ErrEndpoint, and whatever it accepts is an https URL without credentials on
// a public address or on a name that cannot be read as an address (a numeric
// or 0x last label is one: resolvers parse "127.0.0.1." and "0x7f.1" as
// IPv4).
func FuzzCheckEndpoint(f *testing.F) {
	for _, seed := range []string{
		"https://fcm.googleapis.com/fcm/send/abc:def",
		"https://updates.push.services.mozilla.com/wpush/v2/gAAA",
		"https://web.push.apple.com/QGx",
		"https://8.8.8.8/push/1",
		"https://127.0.0.1/x",
		"https://127.0.0.1./",
		"https://0x7f.0.0.1/",
		"https://0x7f000001/",
		"https://2130706433/",
		"https://127.1/",
		"https://10.0.0.010/",
		"https://a.0x10/",
		"https://127。0。0。1/",
		"https://xn--bcher-kva.example/x",
		"https://[::1]/x",
		"https://[::ffff:10.0.0.1]/x",
		"https://localhost./x",
		"https://push.localhost/x",
		"https://user:pw@fcm.googleapis.com/x",
		"http://fcm.googleapis.com/x",
		"mailto:x@example.org",
		"",
	} {
		f.Add(seed)
	}
	f.Setenv(AllowLoopbackEnv, "")
	f.Fuzz(func(t *testing.T, endpoint string) {
		err := CheckEndpoint(endpoint)
		if err != nil {
			if !errors.Is(err, ErrEndpoint) {
				t.Fatalf("CheckEndpoint(%q) = %v, want it to wrap ErrEndpoint", endpoint, err)
			}
			return
		}
		u, perr := url.Parse(endpoint)
		if perr != nil {
			t.Fatalf("accepted %q that url.Parse refuses: %v", endpoint, perr)
		}
		if u.Scheme != "https" || u.User != nil {
			t.Fatalf("accepted %q: scheme %q, user %v", endpoint, u.Scheme, u.User)
		}
		host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
		if addr, aerr := netip.ParseAddr(host); aerr == nil {
			if !publicAddr(addr) {
				t.Fatalf("accepted %q on a non-public address %v", endpoint, addr)
			}
			return
		}
		labels := strings.Split(host, ".")
		if last := labels[len(labels)-1]; last == "" || last[0] < 'a' || last[0] > 'z' {
			t.Fatalf("accepted %q whose host %q can be read as an address", endpoint, host)
		}
		for _, label := range labels {
			if label == "" || strings.Trim(label, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
				t.Fatalf("accepted %q whose host %q is not ASCII letters, digits and hyphens", endpoint, host)
			}
		}
		if CheckEndpoint(u.String()) != nil {
			t.Fatalf("accepted %q but not its re-serialised form %q", endpoint, u.String())
		}
	})
}
