// Package httpcache serves response bodies prepared once: each has its ETag
// and its compressed form computed up front, so serving it again costs
// nothing, a matching If-None-Match gets 304, and clients that accept gzip
// get gzip.
package httpcache

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"
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
	if r.gzipped != nil && AcceptsGzip(req) {
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
func AcceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.TrimSpace(name) != "gzip" {
			continue
		}
		q := strings.TrimPrefix(strings.ReplaceAll(params, " ", ""), "q=")
		return q == "" || strings.Trim(q, "0.") != ""
	}
	return false
}
