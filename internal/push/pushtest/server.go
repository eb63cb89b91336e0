// Package pushtest is a fake push service for tests: it speaks the real
// protocol. It hands out subscriptions for which it holds the browser's keys,
// checks every request's VAPID token (RFC 8292), decrypts every message
// (RFC 8291, aes128gcm of RFC 8188), and records what a phone would receive.
// It can be told to answer an endpoint with errors (404, 410, 429, 500, …)
// or to hold its requests.
package pushtest

import (
	"crypto/ecdh"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// MaxBody is the largest request body accepted; RFC 8030 push services must
// accept 4096 bytes, and larger ones get 413 as from a real service.
const MaxBody = 4096

// Subscription is what PushSubscription.toJSON() gives in a browser.
type Subscription struct {
	Endpoint string `json:"endpoint"`
	Keys     struct {
		P256dh string `json:"p256dh"`
		Auth   string `json:"auth"`
	} `json:"keys"`
}

// Message is a notification as the phone receives it.
type Message struct {
	Endpoint   string
	Payload    []byte // decrypted, without padding
	TTL        int
	Urgency    string // "" when the header was absent
	Topic      string
	Subscriber string // the VAPID token's sub claim
	PublicKey  string // the VAPID public key (k)
}

// Reply is an answer the server gives instead of accepting a message.
type Reply struct {
	Status     int
	RetryAfter string // the Retry-After header, if any
}

// Server is the fake push service. Its methods are safe for concurrent use.
type Server struct {
	// URL is the service's origin, e.g. http://127.0.0.1:41234.
	URL string

	srv        *httptest.Server
	mu         sync.Mutex
	clients    map[string]*client // by endpoint
	messages   []Message
	requests   map[string]int
	violations []error
	discard    bool // count but do not keep messages (benchmarks)
	closing    chan struct{}
	wireIn     atomic.Int64 // bytes read on its connections: requests as sent
}

// client is the browser side of one subscription.
type client struct {
	key       *ecdh.PrivateKey
	auth      []byte
	serverKey string // the applicationServerKey given at subscribe time, if any
	replies   []Reply
	gate      *Gate
	gone      bool
}

// NewServer starts a fake push service on 127.0.0.1, closed when tb ends.
func NewServer(tb testing.TB) *Server {
	s := &Server{clients: map[string]*client{}, requests: map[string]int{}, closing: make(chan struct{})}
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(s.serveHTTP))
	s.srv.Listener = countingListener{s.srv.Listener, &s.wireIn}
	s.srv.Start()
	s.URL = s.srv.URL
	tb.Cleanup(func() {
		close(s.closing) // lets held requests go, so that Close does not wait for them
		s.srv.Close()
	})
	return s
}

// WireBytes is every byte the service has read on its connections (request
// lines, headers and bodies: what senders put on the wire), since it started.
func (s *Server) WireBytes() int64 { return s.wireIn.Load() }

type countingListener struct {
	net.Listener
	n *atomic.Int64
}

func (l countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return countingConn{c, l.n}, nil
}

type countingConn struct {
	net.Conn
	n *atomic.Int64
}

func (c countingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// Subscribe makes a subscription, as pushManager.subscribe does in a browser.
func (s *Server) Subscribe() Subscription { return s.SubscribeWithKey("") }

// SubscribeWithKey makes a subscription bound to a VAPID public key
// (applicationServerKey): requests signed with another key get 403, as from
// a real push service.
func (s *Server) SubscribeWithKey(applicationServerKey string) Subscription {
	key, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		panic(err)
	}
	c := &client{key: key, auth: make([]byte, 16), serverKey: applicationServerKey}
	rand.Read(c.auth)
	id := make([]byte, 12)
	rand.Read(id)
	var sub Subscription
	sub.Endpoint = s.URL + "/push/" + base64.RawURLEncoding.EncodeToString(id)
	sub.Keys.P256dh = base64.RawURLEncoding.EncodeToString(key.PublicKey().Bytes())
	sub.Keys.Auth = base64.RawURLEncoding.EncodeToString(c.auth)
	s.mu.Lock()
	s.clients[sub.Endpoint] = c
	s.mu.Unlock()
	return sub
}

// Reply makes the next requests to endpoint get these answers, one each,
// before the server accepts messages again.
func (s *Server) Reply(endpoint string, replies ...Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.clients[endpoint]; c != nil {
		c.replies = append(c.replies, replies...)
	}
}

// Unsubscribe forgets endpoint, as when the person revokes the permission:
// further requests get 410 Gone.
func (s *Server) Unsubscribe(endpoint string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.clients[endpoint]; c != nil {
		c.gone = true
	}
}

// Gate holds the requests to an endpoint until Release.
type Gate struct {
	arrived, abandoned, released chan struct{}
	arrivedOnce, abandonedOnce   sync.Once
	releaseOnce                  sync.Once
}

// Arrived is closed when the first held request has arrived.
func (g *Gate) Arrived() <-chan struct{} { return g.arrived }

// Abandoned is closed when a held request's sender gave up (its connection
// closed or its context ended) before the release.
func (g *Gate) Abandoned() <-chan struct{} { return g.abandoned }

// Release lets held and further requests through.
func (g *Gate) Release() { g.releaseOnce.Do(func() { close(g.released) }) }

// Hold makes requests to endpoint wait until the gate is released. A request
// whose sender gives up while held is not recorded, as a message never
// accepted by a push service is not delivered.
func (s *Server) Hold(endpoint string) *Gate {
	g := &Gate{arrived: make(chan struct{}), abandoned: make(chan struct{}), released: make(chan struct{})}
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.clients[endpoint]; c != nil {
		c.gate = g
	}
	return g
}

// DiscardMessages makes the server count requests without keeping the
// messages (for benchmarks).
func (s *Server) DiscardMessages() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.discard = true
}

// Messages returns the messages accepted so far, in order of arrival.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

// MessagesTo returns the messages accepted for one endpoint.
func (s *Server) MessagesTo(endpoint string) []Message {
	var out []Message
	for _, m := range s.Messages() {
		if m.Endpoint == endpoint {
			out = append(out, m)
		}
	}
	return out
}

// Requests returns how many requests reached endpoint, whatever the answer.
func (s *Server) Requests(endpoint string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[endpoint]
}

// Violations returns the protocol errors seen: bad VAPID tokens, bodies that
// do not decrypt, missing headers. A test of a correct sender expects none.
func (s *Server) Violations() []error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]error(nil), s.violations...)
}

// WaitForMessages waits until at least n messages were accepted, failing tb
// after timeout. It returns the messages.
func (s *Server) WaitForMessages(tb testing.TB, n int, timeout time.Duration) []Message {
	tb.Helper()
	deadline := time.Now().Add(timeout)
	for {
		if got := s.Messages(); len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			tb.Fatalf("pushtest: %d messages after %v, want %d (violations: %v)", len(s.Messages()), timeout, n, s.Violations())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	endpoint := s.URL + r.URL.Path
	s.mu.Lock()
	c := s.clients[endpoint]
	s.requests[endpoint]++
	var reply *Reply
	if c != nil && len(c.replies) > 0 {
		reply = &c.replies[0]
		c.replies = c.replies[1:]
	}
	var gate *Gate
	if c != nil {
		gate = c.gate
	}
	s.mu.Unlock()

	switch {
	case r.Method != http.MethodPost:
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	case c == nil:
		http.Error(w, "no such subscription", http.StatusNotFound)
		return
	case c.gone:
		http.Error(w, "subscription expired", http.StatusGone)
		return
	case reply != nil:
		if reply.RetryAfter != "" {
			w.Header().Set("Retry-After", reply.RetryAfter)
		}
		w.WriteHeader(reply.Status)
		return
	}
	// Read the body first: only then does the server watch the connection,
	// so that a held request notices its sender giving up.
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxBody+1))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if gate != nil {
		gate.arrivedOnce.Do(func() { close(gate.arrived) })
		select {
		case <-gate.released:
		case <-s.closing:
			return
		case <-r.Context().Done():
			gate.abandonedOnce.Do(func() { close(gate.abandoned) })
			return // the sender gave up: nothing was accepted
		}
	}
	msg, status, err := s.receive(r, body, endpoint, c)
	if err != nil {
		s.mu.Lock()
		s.violations = append(s.violations, err)
		s.mu.Unlock()
		http.Error(w, err.Error(), status)
		return
	}
	if r.Context().Err() != nil {
		return
	}
	s.mu.Lock()
	if !s.discard {
		s.messages = append(s.messages, msg)
	}
	s.mu.Unlock()
	w.Header().Set("Location", s.URL+"/message/"+strconv.Itoa(s.Requests(endpoint)))
	w.WriteHeader(http.StatusCreated)
}

// receive checks a request as a push service does and decrypts it.
func (s *Server) receive(r *http.Request, body []byte, endpoint string, c *client) (Message, int, error) {
	msg := Message{Endpoint: endpoint, Urgency: r.Header.Get("Urgency"), Topic: r.Header.Get("Topic")}
	claims, key, err := verifyVAPID(r.Header.Get("Authorization"), s.URL, time.Now())
	if err != nil {
		return msg, http.StatusUnauthorized, err
	}
	if c.serverKey != "" && key != strings.TrimRight(c.serverKey, "=") {
		return msg, http.StatusForbidden, fmt.Errorf("vapid: key k does not match the subscription's applicationServerKey")
	}
	msg.Subscriber, msg.PublicKey = claims.Sub, key
	ttl, err := strconv.Atoi(r.Header.Get("TTL"))
	if err != nil || ttl < 0 {
		return msg, http.StatusBadRequest, fmt.Errorf("TTL header missing or invalid: %q", r.Header.Get("TTL"))
	}
	msg.TTL = ttl
	switch msg.Urgency {
	case "", "very-low", "low", "normal", "high":
	default:
		return msg, http.StatusBadRequest, fmt.Errorf("urgency %q", msg.Urgency)
	}
	if len(msg.Topic) > 32 || strings.Trim(msg.Topic, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != "" {
		return msg, http.StatusBadRequest, fmt.Errorf("topic %q is not 32 URL-safe base64 characters at most", msg.Topic)
	}
	if enc := r.Header.Get("Content-Encoding"); enc != "aes128gcm" {
		return msg, http.StatusUnsupportedMediaType, fmt.Errorf("content-encoding %q, want aes128gcm", enc)
	}
	if len(body) > MaxBody {
		return msg, http.StatusRequestEntityTooLarge, fmt.Errorf("body larger than %d bytes", MaxBody)
	}
	msg.Payload, err = decrypt(body, c.key, c.auth)
	if err != nil {
		return msg, http.StatusBadRequest, err
	}
	return msg, http.StatusCreated, nil
}
