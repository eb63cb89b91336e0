package push

import (
	"errors"
	"testing"
)

func TestCheckEndpoint(t *testing.T) {
	cases := []struct {
		endpoint string
		loopback bool // with AMEM_PUSH_ALLOW_LOOPBACK=1
		ok       bool
	}{
		{"https://fcm.googleapis.com/fcm/send/abc:def", false, true},
		{"https://updates.push.services.mozilla.com/wpush/v2/gAAA", false, true},
		{"https://web.push.apple.com/QGx", false, true},
		{"https://wns2-par02p.notify.windows.com/w/?token=abc", false, true},
		{"https://fcm.googleapis.com:443/fcm/send/abc", false, true},
		{"https://8.8.8.8/push/1", false, false},                       // public, but no push service
		{"https://push.example.org/x", false, false},                   // a host anyone could pick
		{"https://fcm.googleapis.com:8443/fcm/send/abc", false, false}, // not 443
		{"https://fcm.googleapis.com.evil.example/x", false, false},
		{"https://evilfcm.googleapis.com.example/x", false, false},
		{"http://fcm.googleapis.com/fcm/send/abc", false, false}, // not https
		{"https://localhost/push", false, false},
		{"https://push.localhost/x", false, false},
		{"https://printer.local/x", false, false},
		{"https://intranet/x", false, false},
		{"https://127.0.0.1/x", false, false},
		{"https://10.1.2.3/x", false, false},
		{"https://192.168.1.1/x", false, false},
		{"https://172.16.0.1/x", false, false},
		{"https://169.254.169.254/latest/meta-data", false, false}, // cloud metadata
		{"https://100.64.0.1/x", false, false},
		{"https://[::1]/x", false, false},
		{"https://[fd00::1]/x", false, false},
		{"https://[::ffff:10.0.0.1]/x", false, false},
		{"https://0.0.0.0/x", false, false},
		{"https://user:pw@fcm.googleapis.com/x", false, false},
		{"/relative", false, false},
		{"mailto:x@example.org", false, false},
		{"", false, false},
		{"http://127.0.0.1:4321/push/x", false, false},
		{"http://127.0.0.1:4321/push/x", true, true},
		{"http://[::1]:4321/push/x", true, true},
		{"http://10.0.0.1/push/x", true, false}, // loopback only, not private
		{"http://localhost:4321/x", true, false},
		{"https://fcm.googleapis.com/" + string(make([]byte, MaxEndpointLength)), false, false},
	}
	for _, tc := range cases {
		if tc.loopback {
			t.Setenv(AllowLoopbackEnv, "1")
		} else {
			t.Setenv(AllowLoopbackEnv, "")
		}
		err := CheckEndpoint(tc.endpoint)
		if (err == nil) != tc.ok {
			t.Errorf("CheckEndpoint(%.60q) loopback=%v = %v, want ok=%v", tc.endpoint, tc.loopback, err, tc.ok)
		}
		if err != nil && !errors.Is(err, ErrEndpoint) {
			t.Errorf("CheckEndpoint(%.60q) = %v, want it to wrap ErrEndpoint", tc.endpoint, err)
		}
	}
}

// TestDialerRefusesPrivateAddresses: a public name that resolves to a private
// address is refused when connecting.
func TestDialerRefusesPrivateAddresses(t *testing.T) {
	cases := []struct {
		address  string
		loopback bool
		ok       bool
	}{
		{"142.250.180.10:443", false, true},
		{"[2a00:1450:4007:80c::200a]:443", false, true},
		{"127.0.0.1:443", false, false},
		{"10.0.0.7:443", false, false},
		{"169.254.169.254:80", false, false},
		{"[::1]:443", false, false},
		{"[fe80::1]:443", false, false},
		{"127.0.0.1:443", true, true},
		{"10.0.0.7:443", true, false},
	}
	for _, tc := range cases {
		if tc.loopback {
			t.Setenv(AllowLoopbackEnv, "1")
		} else {
			t.Setenv(AllowLoopbackEnv, "")
		}
		err := dialControl("tcp", tc.address, nil)
		if (err == nil) != tc.ok {
			t.Errorf("dial %s loopback=%v: %v, want ok=%v", tc.address, tc.loopback, err, tc.ok)
		}
		if err != nil && !errors.Is(err, ErrBlockedAddress) {
			t.Errorf("dial %s: %v, want ErrBlockedAddress", tc.address, err)
		}
	}
}
