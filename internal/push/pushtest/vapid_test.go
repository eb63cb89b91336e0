package pushtest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// token signs claims as a VAPID sender would; signer may differ from the key
// announced in k, to forge a token.
func token(t *testing.T, signer, announced *ecdsa.PrivateKey, alg string, claims map[string]any) string {
	t.Helper()
	enc := base64.RawURLEncoding
	h, _ := json.Marshal(map[string]string{"typ": "JWT", "alg": alg})
	c, _ := json.Marshal(claims)
	input := enc.EncodeToString(h) + "." + enc.EncodeToString(c)
	digest := sha256.Sum256([]byte(input))
	r, s, err := ecdsa.Sign(rand.Reader, signer, digest[:])
	if err != nil {
		t.Fatal(err)
	}
	sig := make([]byte, 64)
	r.FillBytes(sig[:32])
	s.FillBytes(sig[32:])
	pub, err := announced.PublicKey.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return "vapid t=" + input + "." + enc.EncodeToString(sig) + ", k=" + enc.EncodeToString(pub)
}

// TestVerifyVAPID: the fake refuses what a real push service refuses, so a
// passing sender test means something.
func TestVerifyVAPID(t *testing.T) {
	const origin = "http://127.0.0.1:4321"
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	other, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	claims := func(aud string, exp time.Time, sub string) map[string]any {
		c := map[string]any{"aud": aud, "exp": exp.Unix()}
		if sub != "" {
			c["sub"] = sub
		}
		return c
	}
	good := claims(origin, now.Add(12*time.Hour), "mailto:ops@example.org")
	cases := []struct {
		name   string
		header string
		want   string // "" = accepted, else a part of the error
	}{
		{"a good token", token(t, key, key, "ES256", good), ""},
		{"an https contact", token(t, key, key, "ES256", claims(origin, now.Add(time.Hour), "https://example.org")), ""},
		{"signed by another key", token(t, other, key, "ES256", good), "bad signature"},
		{"another audience", token(t, key, key, "ES256", claims("https://fcm.googleapis.com", now.Add(time.Hour), "mailto:a@b.c")), "aud"},
		{"expired", token(t, key, key, "ES256", claims(origin, now.Add(-time.Minute), "mailto:a@b.c")), "expired"},
		{"too far ahead", token(t, key, key, "ES256", claims(origin, now.Add(25*time.Hour), "mailto:a@b.c")), "24 hours"},
		{"no contact", token(t, key, key, "ES256", claims(origin, now.Add(time.Hour), "")), "sub"},
		{"mailto twice", token(t, key, key, "ES256", claims(origin, now.Add(time.Hour), "mailto:mailto:a@b.c")), "sub"},
		{"another algorithm", token(t, key, key, "HS256", good), "ES256"},
		{"a bearer token", "Bearer abc", "vapid"},
		{"no key", "vapid t=a.b.c", "missing"},
	}
	for _, tc := range cases {
		_, _, err := verifyVAPID(tc.header, origin, now)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: refused: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: %v, want an error about %q", tc.name, err, tc.want)
		}
	}
}
