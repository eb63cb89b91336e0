package push

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"os"
	"strings"
	"syscall"
)

// AllowLoopbackEnv names the environment variable that, set to "1", lets
// push endpoints be plain http on a loopback address: tests run a fake push
// service on 127.0.0.1. Never set it on a server.
const AllowLoopbackEnv = "AMEM_PUSH_ALLOW_LOOPBACK"

// MaxEndpointLength is the longest endpoint accepted (browsers' are < 1 KB).
const MaxEndpointLength = 2000

// ErrEndpoint is the error CheckEndpoint wraps.
var ErrEndpoint = errors.New("push endpoint not allowed")

// ErrBlockedAddress is returned when a push endpoint's host resolves to an
// address that is not public.
var ErrBlockedAddress = errors.New("push: address not allowed")

// AllowLoopback reports whether AllowLoopbackEnv is set.
func AllowLoopback() bool { return os.Getenv(AllowLoopbackEnv) == "1" }

// CheckEndpoint accepts only what a real push service hands out: an https URL
// on port 443 of a known push service (pushServices), without credentials. With
// AllowLoopbackEnv set, http and https on loopback addresses are accepted too.
// The host name is checked again at connection time (see the Sender's
// dialer): a public name may resolve to a private address.
func CheckEndpoint(endpoint string) error {
	if len(endpoint) > MaxEndpointLength {
		return fmt.Errorf("%w: longer than %d bytes", ErrEndpoint, MaxEndpointLength)
	}
	u, err := url.Parse(endpoint)
	if err != nil || !u.IsAbs() || u.Host == "" || u.Opaque != "" {
		return fmt.Errorf("%w: not an absolute URL", ErrEndpoint)
	}
	if u.User != nil {
		return fmt.Errorf("%w: credentials in the URL", ErrEndpoint)
	}
	host := strings.ToLower(u.Hostname())
	if addr, err := netip.ParseAddr(host); err == nil {
		if AllowLoopback() && addr.Unmap().IsLoopback() && (u.Scheme == "http" || u.Scheme == "https") {
			return nil
		}
		if !publicAddr(addr) {
			return fmt.Errorf("%w: not a public address", ErrEndpoint)
		}
	} else if !publicName(host) {
		return fmt.Errorf("%w: not a public host name", ErrEndpoint)
	}
	if u.Scheme != "https" {
		return fmt.Errorf("%w: not https", ErrEndpoint)
	}
	if !pushService(host) || (u.Port() != "" && u.Port() != "443") {
		return fmt.Errorf("%w: not a known push service on port 443", ErrEndpoint)
	}
	return nil
}

// pushServices are the hosts (and the domains under which they are) of the
// push services browsers use: Google's FCM (Chrome, Samsung Internet, Opera
// and most Android browsers), Mozilla's autopush (Firefox), Apple's
// (Safari), Microsoft's WNS (Edge). As ntfy does, nothing else is sent to:
// an endpoint is a URL the server fetches, chosen by whoever subscribes.
var pushServices = []string{
	"fcm.googleapis.com",
	"android.googleapis.com",
	"push.services.mozilla.com",
	"push.apple.com",
	"notify.windows.com",
}

func pushService(host string) bool {
	host = strings.TrimSuffix(host, ".")
	for _, s := range pushServices {
		if host == s || strings.HasSuffix(host, "."+s) {
			return true
		}
	}
	return false
}

// publicName rejects names that only mean something inside a network, and
// names a resolver reads as an IPv4 address: a numeric or "0x" last label
// ("127.0.0.1.", "10.0.0.010", "a.0x10"). Push services' hosts are plain
// ASCII names whose top-level label starts with a letter.
func publicName(host string) bool {
	host = strings.TrimSuffix(host, ".")
	labels := strings.Split(host, ".")
	if len(labels) < 2 {
		return false // "localhost", "intranet", …
	}
	for _, label := range labels {
		if label == "" || strings.Trim(label, ldhChars) != "" {
			return false
		}
	}
	if tld := labels[len(labels)-1]; tld[0] < 'a' || tld[0] > 'z' {
		return false
	}
	for _, suffix := range []string{".localhost", ".local", ".internal", ".home.arpa", ".lan"} {
		if strings.HasSuffix(host, suffix) {
			return false
		}
	}
	return true
}

// ldhChars are the characters of a host name label (letters, digits, hyphen).
const ldhChars = "abcdefghijklmnopqrstuvwxyz0123456789-"

// nonPublic are special-purpose ranges that netip's predicates do not cover.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"), // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("192.0.2.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"), // NAT64 can reach private IPv4
	netip.MustParsePrefix("2001:db8::/32"),
}

// publicAddr reports whether addr is a global unicast address outside the
// private, loopback, link-local and documentation ranges.
func publicAddr(addr netip.Addr) bool {
	addr = addr.Unmap()
	if !addr.IsGlobalUnicast() || addr.IsPrivate() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(addr) {
			return false
		}
	}
	return true
}

// dialControl runs after name resolution, before connecting: it refuses
// addresses that are not public (loopback only when AllowLoopback).
func dialControl(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: %s", ErrBlockedAddress, network)
	}
	addr := ap.Addr().Unmap()
	if publicAddr(addr) || (AllowLoopback() && addr.IsLoopback()) {
		return nil
	}
	return ErrBlockedAddress
}

// newDialer returns a dialer that connects only to allowed addresses.
func newDialer() *net.Dialer {
	return &net.Dialer{Timeout: dialTimeout, KeepAlive: keepAlive, Control: dialControl}
}
