package push

import (
	"crypto/ecdh"
	"encoding/base64"
	"errors"
	"strings"
)

// Subscription is a browser's PushSubscription: where to send and the keys
// to encrypt for (URL-safe base64, as PushSubscription.toJSON gives them).
type Subscription struct {
	Endpoint string `json:"endpoint"`
	Keys     struct {
		P256dh string `json:"p256dh"`
		Auth   string `json:"auth"`
	} `json:"keys"`
}

// Errors of CheckKeys.
var (
	ErrP256dh = errors.New("push: p256dh is not a P-256 public key")
	ErrAuth   = errors.New("push: auth is not a 16-byte secret")
)

// CheckKeys reports whether the subscription's keys can be encrypted for:
// p256dh an uncompressed P-256 point, auth a 16-byte secret.
func (s Subscription) CheckKeys() error {
	pub, err := decodeKey(s.Keys.P256dh)
	if err != nil || len(pub) != 65 {
		return ErrP256dh
	}
	if _, err := ecdh.P256().NewPublicKey(pub); err != nil {
		return ErrP256dh
	}
	if auth, err := decodeKey(s.Keys.Auth); err != nil || len(auth) != 16 {
		return ErrAuth
	}
	return nil
}

// decodeKey accepts URL-safe or standard base64, padded or not: browsers send
// the first, some libraries the second.
func decodeKey(s string) ([]byte, error) {
	s = strings.TrimRight(s, "=")
	s = strings.NewReplacer("+", "-", "/", "_").Replace(s)
	return base64.RawURLEncoding.DecodeString(s)
}
