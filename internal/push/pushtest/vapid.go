package pushtest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"
)

// claims are the VAPID token's claims (RFC 8292 §2).
type claims struct {
	Aud string `json:"aud"`
	Exp int64  `json:"exp"`
	Sub string `json:"sub"`
}

// verifyVAPID checks an Authorization header "vapid t=<JWT>, k=<key>": an
// ES256 signature by k, aud the push service's origin, exp in the future and
// at most 24 hours ahead, and a contact in sub. It returns the claims and k.
func verifyVAPID(header, origin string, now time.Time) (claims, string, error) {
	var c claims
	scheme, params, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "vapid") {
		return c, "", fmt.Errorf("vapid: Authorization %q is not a vapid scheme", scheme)
	}
	var token, key string
	for _, p := range strings.Split(params, ",") {
		name, value, _ := strings.Cut(strings.TrimSpace(p), "=")
		switch name {
		case "t":
			token = value
		case "k":
			key = strings.TrimRight(value, "=")
		}
	}
	if token == "" || key == "" {
		return c, "", errors.New("vapid: t or k missing")
	}
	keyBytes, err := base64.RawURLEncoding.DecodeString(key)
	if err != nil {
		return c, "", fmt.Errorf("vapid: k: %w", err)
	}
	pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), keyBytes)
	if err != nil {
		return c, "", fmt.Errorf("vapid: k: %w", err)
	}

	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return c, "", errors.New("vapid: t is not a JWT")
	}
	var jwtHeader struct{ Alg, Typ string }
	if err := decodeJSON(parts[0], &jwtHeader); err != nil || jwtHeader.Alg != "ES256" {
		return c, "", fmt.Errorf("vapid: JWT header %+v (%v), want alg ES256", jwtHeader, err)
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil || len(sig) != 64 {
		return c, "", errors.New("vapid: the signature is not 64 bytes of r||s")
	}
	digest := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	r, s := new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])
	if !ecdsa.Verify(pub, digest[:], r, s) {
		return c, "", errors.New("vapid: bad signature")
	}
	if err := decodeJSON(parts[1], &c); err != nil {
		return c, "", fmt.Errorf("vapid: claims: %w", err)
	}
	exp := time.Unix(c.Exp, 0)
	switch {
	case c.Aud != origin:
		return c, "", fmt.Errorf("vapid: aud %q, want %q", c.Aud, origin)
	case !exp.After(now):
		return c, "", fmt.Errorf("vapid: expired at %v", exp)
	case exp.After(now.Add(24 * time.Hour)):
		return c, "", fmt.Errorf("vapid: exp %v is more than 24 hours ahead", exp)
	case !strings.HasPrefix(c.Sub, "mailto:") && !strings.HasPrefix(c.Sub, "https:"):
		return c, "", fmt.Errorf("vapid: sub %q is neither mailto: nor https:", c.Sub)
	case strings.HasPrefix(c.Sub, "mailto:mailto:"):
		return c, "", fmt.Errorf("vapid: sub %q", c.Sub)
	}
	return c, key, nil
}

func decodeJSON(part string, v any) error {
	b, err := base64.RawURLEncoding.DecodeString(part)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}
