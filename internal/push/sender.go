package push

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/mail"
	"net/url"
	"strings"
	"time"

	webpush "github.com/SherClockHolmes/webpush-go"
)

// Defaults of Config.
const (
	DefaultConcurrency = 16
	DefaultMaxTries    = 3
	DefaultBaseDelay   = time.Second
	DefaultMaxDelay    = 10 * time.Second
	DefaultTimeout     = 15 * time.Second

	dialTimeout = 10 * time.Second
	keepAlive   = 30 * time.Second
)

// Config configures a Sender. Zero fields take the defaults.
type Config struct {
	Keys Keys // the VAPID key pair (required)

	// Subscriber is the contact the push services see in the VAPID token: a
	// bare e-mail address or an https URL. A "mailto:" prefix is removed
	// (webpush-go adds its own).
	Subscriber string

	Concurrency int           // sends at a time in SendAll
	MaxTries    int           // HTTP requests per message on 429, 5xx and network errors
	BaseDelay   time.Duration // first wait between tries, doubled each time
	MaxDelay    time.Duration // longest wait in-process; a longer Retry-After is left to the caller

	// HTTPClient defaults to NewHTTPClient(Concurrency). Share one between
	// Senders so that connections to the push services are reused.
	HTTPClient *http.Client
}

// Message is one notification to one subscription.
type Message struct {
	Subscription Subscription
	Payload      Payload
}

// Sender delivers messages to push services.
type Sender struct {
	cfg   Config
	sleep func(ctx context.Context, d time.Duration) error // replaced in tests
}

// NewSender checks cfg and fills in the defaults.
func NewSender(cfg Config) (*Sender, error) {
	if err := cfg.Keys.Validate(); err != nil {
		return nil, err
	}
	sub, err := NormaliseSubscriber(cfg.Subscriber)
	if err != nil {
		return nil, err
	}
	cfg.Subscriber = sub
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = DefaultConcurrency
	}
	if cfg.MaxTries <= 0 {
		cfg.MaxTries = DefaultMaxTries
	}
	if cfg.BaseDelay <= 0 {
		cfg.BaseDelay = DefaultBaseDelay
	}
	if cfg.MaxDelay <= 0 {
		cfg.MaxDelay = DefaultMaxDelay
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = NewHTTPClient(cfg.Concurrency)
	}
	return &Sender{cfg: cfg, sleep: sleep}, nil
}

// NewHTTPClient returns the client a Sender uses by default: a timeout on
// every request, no redirects (a push service never redirects; following one
// could lead anywhere), connections only to public addresses (see
// CheckEndpoint), and enough idle connections per host for concurrent sends
// (most subscriptions share a handful of push services).
func NewHTTPClient(concurrency int) *http.Client {
	transport := &http.Transport{
		Proxy:                 nil,
		DialContext:           newDialer().DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          4 * max(concurrency, 1),
		MaxIdleConnsPerHost:   max(concurrency, 1),
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: DefaultTimeout,
		// A push service's answers are empty: asking for gzip would only
		// add "Accept-Encoding: gzip" to every push.
		DisableCompression: true,
	}
	return &http.Client{
		Transport:     transport,
		Timeout:       DefaultTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// NormaliseSubscriber returns the VAPID contact as webpush-go wants it: a
// bare e-mail address or an https URL.
func NormaliseSubscriber(s string) (string, error) {
	s = strings.TrimSpace(s)
	if len(s) >= 7 && strings.EqualFold(s[:7], "mailto:") {
		s = s[7:] // webpush-go prepends mailto: itself (Apple refuses mailto:mailto:)
	}
	if strings.HasPrefix(s, "https://") {
		if u, err := url.Parse(s); err == nil && u.Host != "" {
			return s, nil
		}
	} else if a, err := mail.ParseAddress(s); err == nil && a.Address == s {
		return s, nil
	}
	return "", fmt.Errorf("push: subscriber %q is neither an e-mail address nor an https URL", s)
}

// Send delivers one message, trying again on 429, 5xx and network errors up
// to MaxTries times (honouring Retry-After), as long as the wait is at most
// MaxDelay; beyond that it returns Retry and leaves the wait to the caller.
func (s *Sender) Send(ctx context.Context, m Message) Result {
	if err := ctx.Err(); err != nil {
		return Result{Outcome: Retry, Err: err}
	}
	body, opts, err := s.prepare(m)
	if err != nil {
		return Result{Outcome: Failed, Err: err}
	}
	sub := &webpush.Subscription{Endpoint: m.Subscription.Endpoint,
		Keys: webpush.Keys{P256dh: m.Subscription.Keys.P256dh, Auth: m.Subscription.Keys.Auth}}
	for try := 1; ; try++ {
		r := s.post(ctx, body, sub, opts)
		r.Tries = try
		if r.Outcome != Retry || try >= s.cfg.MaxTries || ctx.Err() != nil {
			return r
		}
		wait := r.RetryAfter
		if wait == 0 {
			wait = Backoff(try, s.cfg.BaseDelay, s.cfg.MaxDelay)
		}
		if wait > s.cfg.MaxDelay {
			return r
		}
		if err := s.sleep(ctx, wait); err != nil {
			r.Err = err
			return r
		}
	}
}

// prepare checks the message and returns its body and sending options.
func (s *Sender) prepare(m Message) ([]byte, *webpush.Options, error) {
	policy, err := PolicyOf(m.Payload.Kind)
	if err != nil {
		return nil, nil, err
	}
	if err := CheckEndpoint(m.Subscription.Endpoint); err != nil {
		return nil, nil, err
	}
	if err := m.Subscription.CheckKeys(); err != nil {
		return nil, nil, err
	}
	body, err := m.Payload.Encode()
	if err != nil {
		return nil, nil, err
	}
	rs, err := recordSize(len(body))
	if err != nil {
		return nil, nil, err
	}
	return body, &webpush.Options{
		HTTPClient:      s.cfg.HTTPClient,
		RecordSize:      rs,
		Subscriber:      s.cfg.Subscriber,
		Topic:           topic(m.Payload.Tag),
		TTL:             int(policy.TTL / time.Second),
		Urgency:         policy.Urgency,
		VAPIDPublicKey:  s.cfg.Keys.PublicKey,
		VAPIDPrivateKey: s.cfg.Keys.PrivateKey,
	}, nil
}

// post makes one HTTP request.
func (s *Sender) post(ctx context.Context, body []byte, sub *webpush.Subscription, opts *webpush.Options) Result {
	// webpush-go appends the padding to the slice it is given: a full slice
	// expression makes it copy, so a retry never sees a padded body.
	res, err := webpush.SendNotificationWithContext(ctx, body[:len(body):len(body)], sub, opts)
	if err != nil {
		var urlErr *url.Error
		if !errors.As(err, &urlErr) || urlErr.Op == "parse" {
			return Result{Outcome: Failed, Err: err} // encryption or request building
		}
		err = urlErr.Err // without the URL: an endpoint is a capability, keep it out of logs
		if errors.Is(err, ErrBlockedAddress) {
			return Result{Outcome: Failed, Err: err}
		}
		return Result{Outcome: Retry, Err: err}
	}
	defer res.Body.Close()
	io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10)) // so the connection is reused
	r := Result{Outcome: classify(res.StatusCode), Status: res.StatusCode}
	if r.Outcome != Delivered {
		r.Err = fmt.Errorf("push service answered %d %s", res.StatusCode, http.StatusText(res.StatusCode))
	}
	if r.Outcome == Retry {
		r.RetryAfter = parseRetryAfter(res.Header.Get("Retry-After"), time.Now())
	}
	return r
}

// topic turns a payload's tag into an RFC 8030 Topic (at most 32 characters
// of URL-safe base64): a newer message replaces a pending one with the same
// topic at the push service. Hashed, so the push service learns no ids.
func topic(tag string) string {
	if tag == "" {
		return ""
	}
	sum := sha256.Sum256([]byte("amem-topic:" + tag))
	return base64.RawURLEncoding.EncodeToString(sum[:])[:32]
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
