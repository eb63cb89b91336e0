// Package httpcache serves response bodies prepared once: each has its ETag
// and its compressed form computed up front, so serving it again costs
// nothing, a matching If-None-Match gets 304, clients that accept gzip get
// gzip, and for bodies prepared WithBrotli, clients that accept Brotli get
// Brotli (quality 11, computed once, on the first request that asks).
package httpcache

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
)

// Cache policies. Pages and the service worker are revalidated on every
// load (a stale cached shell would pin installed apps forever); files at
// content-hashed URLs never change, so phones keep them for a year.
const (
	Revalidate = "no-cache"
	Immutable  = "public, max-age=31536000, immutable"
)

// JSONType is the content type of every JSON body AMEM prepares.
const JSONType = "application/json; charset=utf-8"

// A Representation is a response body prepared once.
type Representation struct {
	contentType string
	body        []byte
	gzipped     []byte // nil when compressing would not pay
	etag        string

	withBrotli bool
	brotliOnce sync.Once
	brotli     []byte // nil until first asked for, or when it would not pay
}

// New prepares body: its ETag, and its gzip form when that is smaller.
func New(contentType string, body []byte) *Representation {
	sum := sha256.Sum256(body)
	r := &Representation{contentType: contentType, body: body, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
	if compressible(contentType) && len(body) > 256 {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(body)
		zw.Close()
		if buf.Len() < len(body) {
			r.gzipped = buf.Bytes()
		}
	}
	return r
}

// WithBrotli makes r send Brotli to clients that accept it. Brotli at its
// best quality is slow to compress (about a second for a language's whole
// library) and small to send: meant for the bodies that are built once per
// change and sent to many phones (the full sync, the shell's hashed files), compressed on the first
// request that accepts Brotli, never per request.
func (r *Representation) WithBrotli() *Representation {
	r.withBrotli = r.gzipped != nil
	return r
}

// brotliBody returns the Brotli form of the body, compressing it once.
func (r *Representation) brotliBody() []byte {
	r.brotliOnce.Do(func() {
		var buf bytes.Buffer
		bw := brotli.NewWriterLevel(&buf, brotli.BestCompression)
		bw.Write(r.body)
		bw.Close()
		if buf.Len() < len(r.gzipped) {
			r.brotli = buf.Bytes()
		}
	})
	return r.brotli
}

// NewJSON marshals v (see MarshalJSON) and prepares it.
func NewJSON(v any) (*Representation, error) {
	body, err := MarshalJSON(v)
	if err != nil {
		return nil, err
	}
	return New(JSONType, body), nil
}

// Body is the uncompressed body.
func (r *Representation) Body() []byte { return r.body }

// ETag is the body's entity tag, quoted.
func (r *Representation) ETag() string { return r.etag }

func compressible(contentType string) bool {
	for _, t := range []string{"text/", "javascript", "json", "xml", "svg", "manifest"} {
		if strings.Contains(contentType, t) {
			return true
		}
	}
	return false
}

// Serve writes the representation with cacheControl, answering 304 to a
// matching If-None-Match and sending gzip to clients that accept it.
func (r *Representation) Serve(w http.ResponseWriter, req *http.Request, cacheControl string) error {
	h := w.Header()
	h.Set("Content-Type", r.contentType)
	h.Set("Cache-Control", cacheControl)
	h.Set("ETag", r.etag)
	if r.gzipped != nil {
		h.Add("Vary", "Accept-Encoding")
	}
	if ETagMatches(req.Header.Get("If-None-Match"), r.etag) {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	body := r.body
	if br := r.withBrotli && accepts(req, "br"); br && r.brotliBody() != nil {
		h.Set("Content-Encoding", "br")
		body = r.brotli
	} else if r.gzipped != nil && AcceptsGzip(req) {
		h.Set("Content-Encoding", "gzip")
		body = r.gzipped
	}
	w.WriteHeader(http.StatusOK)
	if req.Method == http.MethodHead {
		return nil
	}
	_, err := w.Write(body)
	return err
}

// MarshalJSON encodes v without escaping <, > and & (guides carry HTML, and
// the escapes would only cost bytes).
func MarshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// ServeJSON marshals v and serves it like a representation.
func ServeJSON(w http.ResponseWriter, req *http.Request, v any, cacheControl string) error {
	r, err := NewJSON(v)
	if err != nil {
		return err
	}
	return r.Serve(w, req, cacheControl)
}

// ETagMatches reports whether an If-None-Match header names etag.
func ETagMatches(ifNoneMatch, etag string) bool {
	for _, candidate := range strings.Split(ifNoneMatch, ",") {
		candidate = strings.TrimPrefix(strings.TrimSpace(candidate), "W/")
		if candidate == etag || candidate == "*" {
			return true
		}
	}
	return false
}

// AcceptsGzip reports whether the request accepts a gzip body.
func AcceptsGzip(r *http.Request) bool { return accepts(r, "gzip") }

// accepts reports whether the request's Accept-Encoding names encoding with a
// non-zero q.
func accepts(r *http.Request, encoding string) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.TrimSpace(name) != encoding {
			continue
		}
		q := strings.TrimPrefix(strings.ReplaceAll(params, " ", ""), "q=")
		return q == "" || strings.Trim(q, "0.") != ""
	}
	return false
}
