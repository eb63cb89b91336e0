package pb_hooks

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// A representation is a response body prepared once: its ETag and its gzip
// form are computed up front, so that serving it again costs nothing.
type representation struct {
	contentType string
	body        []byte
	gzipped     []byte // nil when compressing would not pay
	etag        string
}

func newRepresentation(contentType string, body []byte) *representation {
	sum := sha256.Sum256(body)
	r := &representation{contentType: contentType, body: body, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
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

func compressible(contentType string) bool {
	for _, t := range []string{"text/", "javascript", "json", "xml", "svg", "manifest"} {
		if strings.Contains(contentType, t) {
			return true
		}
	}
	return false
}

// serve writes the representation with cacheControl, answering 304 to a
// matching If-None-Match and sending gzip to clients that accept it.
func (r *representation) serve(e *core.RequestEvent, cacheControl string) error {
	h := e.Response.Header()
	h.Set("Content-Type", r.contentType)
	h.Set("Cache-Control", cacheControl)
	h.Set("ETag", r.etag)
	if r.gzipped != nil {
		h.Add("Vary", "Accept-Encoding")
	}
	if etagMatches(e.Request.Header.Get("If-None-Match"), r.etag) {
		e.Response.WriteHeader(http.StatusNotModified)
		return nil
	}
	body := r.body
	if r.gzipped != nil && acceptsGzip(e.Request) {
		h.Set("Content-Encoding", "gzip")
		body = r.gzipped
	}
	if e.Request.Method == http.MethodHead {
		e.Response.WriteHeader(http.StatusOK)
		return nil
	}
	return e.Blob(http.StatusOK, r.contentType, body)
}

// jsonMarshal encodes v without escaping <, > and & (guides carry HTML, and
// the escapes would only cost bytes).
func jsonMarshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// serveJSONWithETag marshals v and serves it like a representation.
func serveJSONWithETag(e *core.RequestEvent, v any, cacheControl string) error {
	body, err := jsonMarshal(v)
	if err != nil {
		return e.InternalServerError("", err)
	}
	return newRepresentation("application/json; charset=utf-8", body).serve(e, cacheControl)
}

func etagMatches(ifNoneMatch, etag string) bool {
	for _, candidate := range strings.Split(ifNoneMatch, ",") {
		candidate = strings.TrimPrefix(strings.TrimSpace(candidate), "W/")
		if candidate == etag || candidate == "*" {
			return true
		}
	}
	return false
}

func acceptsGzip(r *http.Request) bool {
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
