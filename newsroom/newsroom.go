// Package newsroom is the staff web app under /admin/: login and logout,
// each person's desk, their sessions and password, account management and
// the audit log. Every route names the auth.Action it needs; the guard
// authenticates the session, checks the CSRF token of every state-changing
// request, asks the permission matrix, and only then calls the handler.
// Every change is written to the audit log in the same transaction.
package newsroom

import (
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/comments"
	"github.com/toasoan/toasoan/media"
	"github.com/toasoan/toasoan/store"
)

// Config holds what a Newsroom needs.
type Config struct {
	Store  store.Store
	Logger *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Passwords are the argon2id parameters of new hashes; zero means
	// auth.DefaultParams. A login with a hash made otherwise rehashes it.
	Passwords auth.Params
	// Sessions is the session lifetime policy; zero means auth.DefaultSessions.
	Sessions auth.SessionPolicy
	// SiteChanged is called after something readers see changed (an
	// article published, unpublished or corrected): the site drops its
	// page cache. Nil: nothing.
	SiteChanged func()
	// ScheduleChanged is called after a publish or take-down time was set:
	// the scheduler wakes. Nil: nothing.
	ScheduleChanged func()
	// Comments moderates reader comments (newsroom/comments.go).
	Comments *comments.Service
	// Media is where the media library's files go; MediaLimits bound
	// uploads (zero: media.DefaultLimits).
	Media       media.Disk
	MediaLimits media.Limits
}

// Newsroom is the staff web app.
type Newsroom struct {
	st       store.Store
	log      *slog.Logger
	now      func() time.Time
	params   auth.Params
	sessions auth.SessionPolicy
	cop      *http.CrossOriginProtection
	logins   keyLocks // one login attempt per account at a time, so throttling counts every one
	comments *comments.Service

	siteChanged, scheduleChanged func()

	media  media.Disk
	limits media.Limits

	pruneMu   sync.Mutex
	lastPrune time.Time
}

// New builds a Newsroom.
func New(cfg Config) *Newsroom {
	n := &Newsroom{st: cfg.Store, log: cfg.Logger, now: cfg.Now, params: cfg.Passwords, sessions: cfg.Sessions,
		siteChanged: cfg.SiteChanged, scheduleChanged: cfg.ScheduleChanged, comments: cfg.Comments,
		media: cfg.Media, limits: cfg.MediaLimits}
	if n.siteChanged == nil {
		n.siteChanged = func() {}
	}
	if n.scheduleChanged == nil {
		n.scheduleChanged = func() {}
	}
	if n.limits == (media.Limits{}) {
		n.limits = media.DefaultLimits
	}
	if n.log == nil {
		n.log = slog.Default()
	}
	if n.now == nil {
		n.now = time.Now
	}
	if n.params == (auth.Params{}) {
		n.params = auth.DefaultParams
	}
	if n.sessions == (auth.SessionPolicy{}) {
		n.sessions = auth.DefaultSessions
	}
	n.cop = http.NewCrossOriginProtection()
	n.cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.log.Warn("cross-origin request refused", "request_id", requestID(r), "path", r.URL.Path,
			"origin", r.Header.Get("Origin"), "sec_fetch_site", r.Header.Get("Sec-Fetch-Site"))
		n.renderError(w, r, nil, http.StatusForbidden, msgCrossOrigin)
	}))
	return n
}

// public marks a route anyone may open, logged in or not.
const public auth.Action = ""

// route is one line of the route table.
type route struct {
	pattern string      // method and path, as http.ServeMux reads them
	action  auth.Action // what the user must be allowed to do; public: nothing
	handle  handlerFunc
}

// handlerFunc serves one request. s is the logged-in user's session, nil
// only on public routes when nobody is logged in.
type handlerFunc func(w http.ResponseWriter, r *http.Request, s *staff) error

// routes is the newsroom's whole surface. Each area of the newsroom lists
// its routes in its own file; the matrix test walks them all.
func (n *Newsroom) routes() []route {
	return slices.Concat(n.coreRoutes(), n.articleRoutes(), n.mediaRoutes(), n.commentRoutes(), n.adminRoutes())
}

// coreRoutes: logging in and out, the desk, one's sessions, accounts, the audit log.
func (n *Newsroom) coreRoutes() []route {
	return []route{
		{"GET /admin/static/{file}", public, n.static},
		{"GET /admin/dang-nhap", public, n.loginForm},
		{"POST /admin/dang-nhap", public, n.login},
		{"POST /admin/dang-xuat", auth.DeskView, n.logout},

		{"GET /admin/{$}", auth.DeskView, n.desk},

		{"GET /admin/phien", auth.SessionsOwn, n.sessionList},
		{"POST /admin/phien/{id}/thu-hoi", auth.SessionsOwn, n.revokeSession},
		{"POST /admin/mat-khau", auth.SessionsOwn, n.changePassword},

		{"GET /admin/tai-khoan", auth.UserManage, n.accounts},
		{"POST /admin/tai-khoan", auth.UserManage, n.createAccount},
		{"POST /admin/tai-khoan/{id}/khoa", auth.UserManage, n.disableAccount},
		{"POST /admin/tai-khoan/{id}/mo-khoa", auth.UserManage, n.enableAccount},

		{"GET /admin/nhat-ky", auth.AuditView, n.auditLog},
	}
}

// Handler serves every /admin/ path. The site mounts it inside its own
// middleware (request ids, security headers, panic recovery).
func (n *Newsroom) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range n.routes() {
		mux.Handle(rt.pattern, n.cop.Handler(n.guard(rt)))
	}
	return n.headers(n.withDesignedMuxErrors(mux))
}

// maxForm bounds a form post; the forms of this package are small.
const maxForm = 1 << 20

// bodyLimits lift maxForm for the few routes that take files, by pattern.
var bodyLimits = map[string]int64{mediaUploadPattern: mediaUploadBody}

// Content-Security-Policy for staff pages: stricter than the reader pages'
// (no embeds, no images from elsewhere, never framed).
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// headers sets what every staff response carries: nothing here may be cached
// (hashed static files override it), framed, or leak its URL as a referrer.
func (n *Newsroom) headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Cache-Control", "no-store")
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Frame-Options", "DENY")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Robots-Tag", "noindex, nofollow")
		next.ServeHTTP(w, r)
	})
}

// guard authenticates, checks CSRF and permission, then runs the handler.
// A refused request changes nothing: no audit entry, no session touch.
func (n *Newsroom) guard(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit, ok := bodyLimits[rt.pattern]
		if !ok {
			limit = maxForm
		}
		if r.ContentLength > limit {
			n.refuseTooLarge(w, r, limit)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		// A file part over the form's memory share is spooled to a
		// temporary file; net/http removes those only for the request it
		// made, and this one may be a copy (the site's middleware).
		defer func() {
			if r.MultipartForm != nil {
				r.MultipartForm.RemoveAll()
			}
		}()
		s, err := n.authenticate(w, r)
		if err != nil {
			n.fail(w, r, nil, err)
			return
		}
		if rt.action != public {
			if s == nil {
				n.refuseAnonymous(w, r)
				return
			}
			if !safeMethod(r.Method) && !auth.CheckCSRF(s.token, submittedCSRF(r)) {
				n.log.Warn("csrf token refused", "request_id", requestID(r), "user", s.user.Username, "path", r.URL.Path)
				n.renderError(w, r, s, http.StatusForbidden, msgBadCSRF)
				return
			}
			if !s.user.Allowed(rt.action) {
				n.log.Warn("permission refused", "request_id", requestID(r), "user", s.user.Username,
					"role", s.user.Role, "action", rt.action, "path", r.URL.Path)
				n.renderError(w, r, s, http.StatusForbidden, msgForbidden)
				return
			}
			n.touch(r, s)
		}
		if err := rt.handle(w, r, s); err != nil {
			n.fail(w, r, s, err)
		}
	})
}

func safeMethod(m string) bool { return m == http.MethodGet || m == http.MethodHead }

// submittedCSRF is the synchronizer token a request carries: the hidden form
// field, or for a script's request (the article editor's autosave, later) the
// X-CSRF-Token header, which spares parsing its body.
func submittedCSRF(r *http.Request) string {
	if h := r.Header.Get("X-CSRF-Token"); h != "" {
		return h
	}
	return r.PostFormValue(csrfField)
}

// refuseAnonymous sends a page request to the login form, with the way back,
// and answers anything else with 401.
func (n *Newsroom) refuseAnonymous(w http.ResponseWriter, r *http.Request) {
	if safeMethod(r.Method) {
		http.Redirect(w, r, loginURL(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	n.renderError(w, r, nil, http.StatusUnauthorized, msgLoginNeeded)
}

// userError is a refusal the person can act on: the page says why.
type userError struct {
	status int
	msg    string
}

func (e userError) Error() string { return e.msg }

// fail turns a handler's error into the right page: not found, the person's
// mistake, or a logged 500 with the request id.
func (n *Newsroom) fail(w http.ResponseWriter, r *http.Request, s *staff, err error) {
	var ue userError
	switch {
	case errors.Is(err, store.ErrNotFound):
		n.renderError(w, r, s, http.StatusNotFound, "")
	case errors.As(err, &ue):
		n.renderError(w, r, s, ue.status, ue.msg)
	case r.Context().Err() != nil && errors.Is(err, r.Context().Err()):
		// The client went away; nobody to answer.
	default:
		n.log.Error("newsroom", "request_id", requestID(r), "method", r.Method, "path", r.URL.Path, "err", err)
		n.renderError(w, r, s, http.StatusInternalServerError, "")
	}
}
