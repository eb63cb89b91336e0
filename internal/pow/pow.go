// Package pow is the proof of work a phone pays for a new anonymous
// account: the server issues a signed challenge, and the phone finds a
// nonce such that SHA-256(challenge ":" nonce) starts with Bits zero bits
// (about 65,000 hashes: a second or two on a cheap phone, once; a flood of
// accounts pays it for each). The challenge is stateless (an HMAC over its
// time and random part); a solved one is accepted once (Spent).
package pow

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"math/bits"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Bits is the work asked: leading zero bits of the hash.
const Bits = 16

// MaxAge is how long a challenge may be solved and used.
const MaxAge = 10 * time.Minute

var (
	ErrMalformed = errors.New("pow: malformed challenge")
	ErrForged    = errors.New("pow: challenge not issued here")
	ErrExpired   = errors.New("pow: challenge expired")
	ErrNotSolved = errors.New("pow: nonce does not solve the challenge")
	ErrSpent     = errors.New("pow: challenge already used")
)

var b64 = base64.RawURLEncoding

// Issuer issues and checks challenges with its secret.
type Issuer struct {
	secret []byte
	mu     sync.Mutex
	spent  map[string]time.Time
}

// NewIssuer makes an issuer with a random secret: challenges do not outlive
// the process (a phone whose challenge is refused asks for another).
func NewIssuer() *Issuer {
	secret := make([]byte, 32)
	rand.Read(secret)
	return &Issuer{secret: secret, spent: map[string]time.Time{}}
}

// Issue returns a new challenge: "<unix>.<random>.<bits>.<mac>".
func (i *Issuer) Issue(now time.Time) string {
	random := make([]byte, 12)
	rand.Read(random)
	body := strconv.FormatInt(now.Unix(), 10) + "." + b64.EncodeToString(random) + "." + strconv.Itoa(Bits)
	return body + "." + i.mac(body)
}

func (i *Issuer) mac(body string) string {
	m := hmac.New(sha256.New, i.secret)
	m.Write([]byte(body))
	return b64.EncodeToString(m.Sum(nil)[:16])
}

// Check verifies that nonce solves challenge, that the challenge was issued
// here within MaxAge, and that it was not used before; it is then spent.
func (i *Issuer) Check(challenge, nonce string, now time.Time) error {
	parts := strings.Split(challenge, ".")
	if len(parts) != 4 || len(nonce) == 0 || len(nonce) > 32 {
		return ErrMalformed
	}
	body := strings.Join(parts[:3], ".")
	if !hmac.Equal([]byte(parts[3]), []byte(i.mac(body))) {
		return ErrForged
	}
	issued, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil {
		return ErrMalformed
	}
	if age := now.Sub(time.Unix(issued, 0)); age > MaxAge || age < -time.Minute {
		return ErrExpired
	}
	need, err := strconv.Atoi(parts[2])
	if err != nil || need < Bits {
		return ErrMalformed
	}
	if LeadingZeroBits(challenge, nonce) < need {
		return ErrNotSolved
	}
	i.mu.Lock()
	defer i.mu.Unlock()
	for c, at := range i.spent {
		if now.Sub(at) > MaxAge+time.Minute {
			delete(i.spent, c)
		}
	}
	if _, used := i.spent[challenge]; used {
		return ErrSpent
	}
	i.spent[challenge] = now
	return nil
}

// LeadingZeroBits counts the zero bits that SHA-256(challenge ":" nonce)
// starts with.
func LeadingZeroBits(challenge, nonce string) int {
	sum := sha256.Sum256([]byte(challenge + ":" + nonce))
	n := 0
	for _, b := range sum {
		if b != 0 {
			return n + bits.LeadingZeros8(b)
		}
		n += 8
	}
	return n
}

// Solve finds a nonce for challenge, as the phone does (tests and tools).
func Solve(challenge string) string {
	need := Bits
	if parts := strings.Split(challenge, "."); len(parts) == 4 {
		if n, err := strconv.Atoi(parts[2]); err == nil {
			need = n
		}
	}
	for n := 0; ; n++ {
		nonce := strconv.FormatInt(int64(n), 36)
		if LeadingZeroBits(challenge, nonce) >= need {
			return nonce
		}
	}
}
