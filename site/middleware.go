package site

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/toasoan/toasoan/store"
)

type ctxKey int

const requestIDKey ctxKey = 0

// RequestID returns the id the middleware gave this request.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

func newRequestID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// statusWriter remembers whether anything was written, so that a panic
// after the first byte is not followed by a second page.
type statusWriter struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.status, w.wrote = http.StatusOK, true
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Content-Security-Policy for reader pages: no inline script, no plugins,
// embeds only from the video hosts the body sanitizer allows.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; " +
	"frame-src https://www.youtube-nocookie.com https://www.youtube.com https://player.vimeo.com; " +
	"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"

// middleware gives every request an id, security headers, a log line, and
// turns a panic into the designed 500 page.
func (s *Site) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := newRequestID()
		r = r.WithContext(context.WithValue(r.Context(), requestIDKey, id))
		h := w.Header()
		h.Set("X-Request-Id", id)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Frame-Options", "SAMEORIGIN")
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", "request_id", id, "method", r.Method, "path", r.URL.Path,
					"panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				if !sw.wrote {
					s.renderError(sw, r, http.StatusInternalServerError)
				}
			}
			level := slog.LevelDebug
			if sw.status >= 500 {
				level = slog.LevelError
			}
			s.log.Log(r.Context(), level, "request", "request_id", id, "method", r.Method, "path", r.URL.Path,
				"status", sw.status, "duration", time.Since(start))
		}()
		next.ServeHTTP(sw, r)
	})
}

// errBadRequest marks an error as the reader's: the page says what was wrong.
type badRequest struct{ msg string }

func (e badRequest) Error() string { return e.msg }

// handle adapts a handler that returns an error: not-found errors become the
// 404 page, a bad request the 400 page, anything else is logged and becomes
// the 500 page with the request id.
func (s *Site) handle(h func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		if err == nil {
			return
		}
		var br badRequest
		switch {
		case errors.Is(err, store.ErrNotFound):
			s.renderError(w, r, http.StatusNotFound)
		case errors.As(err, &br):
			s.renderErrorMessage(w, r, http.StatusBadRequest, br.msg)
		case errors.Is(err, context.Canceled):
			// The reader went away; nobody to answer.
		default:
			s.log.Error("handler", "request_id", RequestID(r.Context()), "path", r.URL.Path, "err", err)
			s.renderError(w, r, http.StatusInternalServerError)
		}
	})
}

// captureWriter records what the mux's own 404 and 405 handlers write, so
// the designed page can replace their plain text.
type captureWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (c *captureWriter) Header() http.Header         { return c.header }
func (c *captureWriter) WriteHeader(code int)        { c.status = code }
func (c *captureWriter) Write(b []byte) (int, error) { return c.body.Write(b) }

// withDesignedMuxErrors serves the mux, but when no route matched it renders
// the designed error page with the status the mux chose (404 or 405, keeping
// its Allow header).
func (s *Site) withDesignedMuxErrors(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, pattern := mux.Handler(r)
		if pattern != "" {
			mux.ServeHTTP(w, r)
			return
		}
		c := &captureWriter{header: http.Header{}, status: http.StatusOK}
		h.ServeHTTP(c, r)
		if c.status < 400 {
			// A redirect the mux decided on (cleaned path, added slash).
			for k, v := range c.header {
				w.Header()[k] = v
			}
			w.WriteHeader(c.status)
			w.Write(c.body.Bytes())
			return
		}
		if allow := c.header.Get("Allow"); allow != "" {
			w.Header().Set("Allow", allow)
		}
		s.renderError(w, r, c.status)
	})
}

var errorMessages = map[int]struct{ title, text string }{
	http.StatusBadRequest:          {"Yêu cầu không hợp lệ", "Địa chỉ bạn mở có tham số không đúng."},
	http.StatusNotFound:            {"Không tìm thấy trang", "Trang bạn tìm không có hoặc đã được gỡ. Mời bạn về trang chủ hoặc xem các chuyên mục bên dưới."},
	http.StatusMethodNotAllowed:    {"Thao tác không được hỗ trợ", "Trang này không nhận kiểu yêu cầu bạn vừa gửi."},
	http.StatusInternalServerError: {"Hệ thống đang gặp sự cố", "Xin lỗi bạn, trang chưa hiển thị được. Chúng tôi đã ghi nhận lỗi; mời bạn thử lại sau ít phút."},
	http.StatusServiceUnavailable:  {"Hệ thống đang bận", "Mời bạn thử lại sau ít phút."},
}

func (s *Site) renderError(w http.ResponseWriter, r *http.Request, status int) {
	s.renderErrorMessage(w, r, status, "")
}

// renderErrorMessage writes the designed error page. It never includes the
// error itself: only a Vietnamese sentence and the request id.
func (s *Site) renderErrorMessage(w http.ResponseWriter, r *http.Request, status int, msg string) {
	m, ok := errorMessages[status]
	if !ok {
		m = errorMessages[http.StatusInternalServerError]
		if status < 500 {
			m = errorMessages[http.StatusBadRequest]
		}
	}
	if msg == "" {
		msg = m.text
	}
	data := errorPage{Status: status, Message: msg, RequestID: RequestID(r.Context())}
	// The navigation may be what failed; the error page must render without it.
	nav, err := s.navigation(r.Context())
	if err != nil {
		nav = &navigation{}
	}
	data.page = s.basePage(r, nav, m.title, "")
	data.NoIndex = true
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, "error.html", data); err != nil {
		s.log.Error("render error page", "request_id", data.RequestID, "err", err)
		buf.Reset()
		buf.WriteString("<!doctype html><meta charset=utf-8><title>Lỗi</title><p>" + m.title + ". Mã yêu cầu: " + data.RequestID)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Del("Content-Length")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(buf.Bytes())
	}
}
