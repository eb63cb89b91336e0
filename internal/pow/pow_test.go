package pow

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestCheck(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	issuer := NewIssuer()
	challenge := issuer.Issue(now)
	nonce := Solve(challenge)
	other := NewIssuer().Issue(now)

	wrong := "0"
	for LeadingZeroBits(challenge, wrong) >= Bits {
		wrong += "0"
	}
	scenarios := []struct {
		name             string
		challenge, nonce string
		at               time.Time
		want             error
	}{
		{"unsolved", challenge, wrong, now, ErrNotSolved},
		{"another server's", other, Solve(other), now, ErrForged},
		{"easier bits", strings.Replace(challenge, ".16.", ".8.", 1), nonce, now, ErrForged},
		{"too old", challenge, nonce, now.Add(MaxAge + time.Second), ErrExpired},
		{"garbage", "x", "1", now, ErrMalformed},
		{"solved", challenge, nonce, now.Add(time.Minute), nil},
		{"used twice", challenge, nonce, now.Add(2 * time.Minute), ErrSpent},
	}
	for _, s := range scenarios {
		if err := issuer.Check(s.challenge, s.nonce, s.at); !errors.Is(err, s.want) {
			t.Errorf("%s: %v, want %v", s.name, err, s.want)
		}
	}
}

func BenchmarkSolve(b *testing.B) {
	issuer := NewIssuer()
	for b.Loop() {
		Solve(issuer.Issue(time.Now()))
	}
}
