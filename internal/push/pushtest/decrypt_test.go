package pushtest

import (
	"crypto/ecdh"
	"crypto/rand"
	"encoding/base64"
	"testing"
)

// TestDecryptRFC8291Example decrypts the worked example of RFC 8291 §5.
func TestDecryptRFC8291Example(t *testing.T) {
	dec := func(s string) []byte {
		b, err := base64.RawURLEncoding.DecodeString(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	uaPrivate, err := ecdh.P256().NewPrivateKey(dec("q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94"))
	if err != nil {
		t.Fatal(err)
	}
	auth := dec("BTBZMqHH6r4Tts7J_aSIgg")
	body := dec("DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN")
	got, err := decrypt(body, uaPrivate, auth)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != "When I grow up, I want to be a watermelon" {
		t.Errorf("decrypted %q", got)
	}

	// A byte changed in transit is refused.
	body[len(body)-1] ^= 1
	if _, err := decrypt(body, uaPrivate, auth); err == nil {
		t.Error("a tampered body decrypted")
	}
	// So is a body for someone else.
	other, _ := ecdh.P256().GenerateKey(rand.Reader)
	body[len(body)-1] ^= 1
	if _, err := decrypt(body, other, auth); err == nil {
		t.Error("a body decrypted with another key")
	}
}
