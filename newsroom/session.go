package newsroom

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/proxy"
	"github.com/toasoan/toasoan/site"
	"github.com/toasoan/toasoan/store"
)

const (
	// sessionCookie carries the session token.
	sessionCookie = "toasoan_phien"
	// loginCookie carries the login form's own CSRF token (there is no
	// session yet to derive one from).
	loginCookie = "toasoan_dang_nhap"
	// csrfField is the hidden input every form carries.
	csrfField = "csrf"
)

// staff is the logged-in person behind a request.
type staff struct {
	user    *store.User
	session *store.Session
	token   string // the cookie's token: the CSRF token derives from it
}

// CSRF is the token the person's forms must carry.
func (s *staff) CSRF() string { return auth.CSRFToken(s.token) }

// authenticate finds the session of the request's cookie. No cookie, an
// unknown, expired or disabled one, all mean nobody (nil, nil); a dead
// cookie is cleared. Nothing is written to the store here.
func (n *Newsroom) authenticate(w http.ResponseWriter, r *http.Request) (*staff, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil, nil
	}
	if !auth.WellFormedToken(c.Value) {
		n.clearCookie(w, r, sessionCookie)
		return nil, nil
	}
	se, err := n.st.Session(r.Context(), auth.SessionID(c.Value))
	if errors.Is(err, store.ErrNotFound) {
		n.clearCookie(w, r, sessionCookie)
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !n.sessions.Alive(se.LastSeen, se.ExpiresAt, n.now()) {
		n.clearCookie(w, r, sessionCookie)
		return nil, nil
	}
	u, err := n.st.User(r.Context(), se.UserID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if u.Disabled {
		n.clearCookie(w, r, sessionCookie)
		return nil, nil
	}
	return &staff{user: u, session: se, token: c.Value}, nil
}

// touch records activity, at most once per SessionPolicy.TouchEvery: the idle
// timeout needs it, and a write per request would be waste.
func (n *Newsroom) touch(r *http.Request, s *staff) {
	now := n.now()
	if !n.sessions.NeedsTouch(s.session.LastSeen, now) {
		return
	}
	if err := n.st.TouchSession(r.Context(), s.session.ID, now); err != nil {
		n.log.Error("touch session", "request_id", requestID(r), "err", err)
		return
	}
	s.session.LastSeen = now
}

// setCookie writes an /admin/ cookie: HttpOnly, SameSite, Secure over TLS.
func (n *Newsroom) setCookie(w http.ResponseWriter, r *http.Request, name, value string, expires time.Time, same http.SameSite) {
	c := &http.Cookie{Name: name, Value: value, Path: "/admin/", HttpOnly: true, SameSite: same, Secure: proxy.Secure(r)}
	if !expires.IsZero() {
		// Max-Age rather than Expires: it does not depend on the browser's clock.
		c.MaxAge = max(1, int(expires.Sub(n.now()).Seconds()))
	}
	http.SetCookie(w, c)
}

func (n *Newsroom) clearCookie(w http.ResponseWriter, r *http.Request, name string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: "/admin/", MaxAge: -1, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: proxy.Secure(r)})
}

// prune deletes dead sessions and forgotten login failures, at most hourly;
// logins call it, so an idle server does no work.
func (n *Newsroom) prune(ctx context.Context) {
	now := n.now()
	n.pruneMu.Lock()
	if now.Sub(n.lastPrune) < time.Hour {
		n.pruneMu.Unlock()
		return
	}
	n.lastPrune = now
	n.pruneMu.Unlock()
	if _, err := n.st.DeleteExpiredSessions(ctx, now, now.Add(-n.sessions.Idle)); err != nil {
		n.log.Error("prune sessions", "err", err)
	}
	forget := max(auth.AccountThrottle.Forget, auth.AddressThrottle.Forget)
	if _, err := n.st.DeleteLoginFailures(ctx, now.Add(-forget)); err != nil {
		n.log.Error("prune login failures", "err", err)
	}
}

// keyLocks serializes work per key: two login attempts at one account run
// one after the other, so each sees the failures before it.
type keyLocks struct {
	mu sync.Mutex
	m  map[string]*keyLock
}

type keyLock struct {
	sync.Mutex
	users int
}

func (k *keyLocks) lock(key string) (unlock func()) {
	k.mu.Lock()
	if k.m == nil {
		k.m = map[string]*keyLock{}
	}
	l := k.m[key]
	if l == nil {
		l = &keyLock{}
		k.m[key] = l
	}
	l.users++
	k.mu.Unlock()
	l.Lock()
	return func() {
		l.Unlock()
		k.mu.Lock()
		if l.users--; l.users == 0 {
			delete(k.m, key)
		}
		k.mu.Unlock()
	}
}

// clientIP is the request's peer address. Behind a reverse proxy it is the
// proxy's, so every client shares one address count (auth.AddressThrottle);
// trusting a forwarding header needs a configured proxy list, not yet built.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func requestID(r *http.Request) string { return site.RequestID(r.Context()) }

// loginURL is the login form that leads back to next.
func loginURL(next string) string {
	next = safeNext(next)
	if next == "/admin/" {
		return "/admin/dang-nhap"
	}
	return "/admin/dang-nhap?tiep=" + url.QueryEscape(next)
}

// safeNext keeps a return path only if it is a page of the newsroom on this
// site: a local absolute path under /admin/, not the login or logout
// themselves. Anything else (other hosts, "//evil", backslashes, schemes)
// becomes /admin/.
func safeNext(next string) string {
	const home = "/admin/"
	if next == "" || len(next) > 2000 || !strings.HasPrefix(next, home) || strings.ContainsAny(next, "\\\x00\r\n\t") {
		return home
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return home
	}
	clean := path.Clean(u.Path)
	if strings.HasSuffix(u.Path, "/") && clean != "/" {
		clean += "/"
	}
	if !strings.HasPrefix(clean, home) || clean == "/admin/dang-nhap" || clean == "/admin/dang-xuat" ||
		strings.HasPrefix(clean, "/admin/static/") {
		return home
	}
	out := (&url.URL{Path: clean, RawQuery: u.RawQuery}).String()
	if !strings.HasPrefix(out, home) || strings.HasPrefix(out, "//") {
		return home
	}
	return out
}
