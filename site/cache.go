package site

import (
	"bytes"
	"net/http"
	"sync"
	"time"

	"github.com/toasoan/toasoan/proxy"
)

// pageCache keeps rendered pages in memory for a short time. Pages are the
// same for every reader, so a burst of readers on one article costs one
// render; the short lifetime bounds how stale a page can be when another
// instance changed the database, and Invalidate clears it at once locally.
type pageCache struct {
	ttl     time.Duration
	mu      sync.RWMutex
	entries map[string]*cachedPage
	// gen counts clears: a page whose render began before a clear may
	// hold what the clear was for, and is not stored.
	gen uint64
}

type cachedPage struct {
	status  int
	header  http.Header
	body    []byte
	expires time.Time
}

// maxCachedPages bounds memory: when full, the cache starts over.
const maxCachedPages = 20000

func newPageCache(ttl time.Duration) *pageCache {
	return &pageCache{ttl: ttl, entries: map[string]*cachedPage{}}
}

func (c *pageCache) clear() {
	c.mu.Lock()
	c.entries = map[string]*cachedPage{}
	c.gen++
	c.mu.Unlock()
}

// cacheRecorder buffers a response so that it can be stored and replayed.
type cacheRecorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *cacheRecorder) Header() http.Header { return r.header }
func (r *cacheRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
}
func (r *cacheRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.Write(b)
}

// cachedHeaders are the response headers a cached page keeps.
var cachedHeaders = []string{"Content-Type", "Content-Length", "Cache-Control", "Last-Modified", "Location"}

func (c *pageCache) wrap(h http.Handler) http.Handler {
	if c.ttl <= 0 {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Pages name their own address (canonical, Open Graph) from the
		// request's host and scheme when no base URL is set: a page asked
		// for under another Host header is another page, never served to
		// readers of this one.
		scheme := "http://"
		if proxy.Secure(r) {
			scheme = "https://"
		}
		key := r.Method + " " + scheme + r.Host + r.URL.Path + "?" + r.URL.RawQuery
		now := time.Now()
		c.mu.RLock()
		e, gen := c.entries[key], c.gen
		c.mu.RUnlock()
		if e == nil || now.After(e.expires) {
			rec := &cacheRecorder{header: http.Header{}}
			h.ServeHTTP(rec, r)
			e = &cachedPage{status: rec.status, header: http.Header{}, body: rec.body.Bytes(), expires: now.Add(c.ttl)}
			for _, k := range cachedHeaders {
				if v := rec.header.Values(k); len(v) > 0 {
					e.header[k] = v
				}
			}
			// Error pages carry a request id and are never shared.
			if rec.status == http.StatusOK || rec.status == http.StatusMovedPermanently {
				c.mu.Lock()
				if len(c.entries) >= maxCachedPages {
					c.entries = map[string]*cachedPage{}
				}
				if c.gen == gen {
					c.entries[key] = e
				}
				c.mu.Unlock()
			} else {
				// Replay everything the handler set, not just what a cached page keeps.
				e.header = rec.header
			}
		}
		dst := w.Header()
		for k, v := range e.header {
			dst[k] = v
		}
		w.WriteHeader(e.status)
		w.Write(e.body)
	})
}
