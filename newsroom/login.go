package newsroom

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/store"
)

type loginPage struct {
	frame
	Username string
	Next     string
	Token    string // the login form's CSRF token
	Error    string
	Notice   string
}

// loginFormLife is how long a login form may sit before it is submitted.
const loginFormLife = 2 * time.Hour

func (n *Newsroom) loginForm(w http.ResponseWriter, r *http.Request, s *staff) error {
	next := safeNext(r.URL.Query().Get("tiep"))
	if s != nil {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return nil
	}
	p := loginPage{Next: next}
	if r.URL.Query().Has("thoat") {
		p.Notice = "Bạn đã đăng xuất."
	}
	return n.renderLogin(w, r, http.StatusOK, p)
}

// renderLogin shows the login form with a double-submit CSRF token: the same
// random value in a SameSite=Strict cookie and in the form. A form open in
// two tabs keeps working: an existing token is reused.
func (n *Newsroom) renderLogin(w http.ResponseWriter, r *http.Request, status int, p loginPage) error {
	token := ""
	if c, err := r.Cookie(loginCookie); err == nil && auth.WellFormedToken(c.Value) {
		token = c.Value
	} else {
		var err error
		if token, _, err = auth.NewSessionToken(); err != nil {
			return err
		}
	}
	n.setCookie(w, r, loginCookie, token, n.now().Add(loginFormLife), http.SameSiteStrictMode)
	p.Token = token
	p.frame = n.frame(r, nil, "Đăng nhập")
	return n.render(w, r, status, "login.html", &p)
}

func (n *Newsroom) checkLoginToken(r *http.Request) bool {
	c, err := r.Cookie(loginCookie)
	if err != nil || !auth.WellFormedToken(c.Value) {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(c.Value), []byte(r.PostFormValue(csrfField))) == 1
}

// maxUsernameInput bounds what a failed login writes into the audit log.
const maxUsernameInput = 64

func (n *Newsroom) login(w http.ResponseWriter, r *http.Request, s *staff) error {
	ctx := r.Context()
	username := auth.NormalizeUsername(r.PostFormValue("ten_dang_nhap"))
	if utf8.RuneCountInString(username) > maxUsernameInput {
		username = string([]rune(username)[:maxUsernameInput])
	}
	password := r.PostFormValue("mat_khau")
	p := loginPage{Username: username, Next: safeNext(r.PostFormValue("tiep"))}
	if !n.checkLoginToken(r) {
		p.Error = msgLoginFormExpired
		return n.renderLogin(w, r, http.StatusForbidden, p)
	}
	if username == "" || password == "" {
		p.Error = "Mời bạn nhập tên đăng nhập và mật khẩu."
		return n.renderLogin(w, r, http.StatusBadRequest, p)
	}

	ip := clientIP(r)
	accountKey, addressKey := auth.AccountKey(username), auth.AddressKey(ip)
	unlock := n.logins.lock(accountKey)
	defer unlock()
	now := n.now()
	fails, err := n.st.LoginFailures(ctx, accountKey, addressKey)
	if err != nil {
		return err
	}
	fa, fi := fails[accountKey], fails[addressKey]
	wait := max(auth.AccountThrottle.Wait(fa.Count, fa.Last, now), auth.AddressThrottle.Wait(fi.Count, fi.Last, now))
	if wait > 0 {
		// Refused before the password is looked at: a throttled guess
		// learns nothing, and costs no hashing.
		n.log.Warn("login throttled", "request_id", requestID(r), "user", username, "ip", ip, "wait", wait)
		w.Header().Set("Retry-After", strconv.Itoa(int((wait+time.Second-1)/time.Second)))
		p.Error = auth.WaitMessage(wait)
		return n.renderLogin(w, r, http.StatusTooManyRequests, p)
	}

	u, err := n.st.UserByUsername(ctx, username)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	ok, rehash := false, false
	why := "Không có tài khoản này"
	switch {
	case u == nil:
		auth.WasteTime(password, n.params)
	case u.Disabled:
		why = "Tài khoản đã bị khóa"
		auth.WasteTime(password, n.params)
	default:
		why = "Sai mật khẩu"
		if ok, rehash, err = auth.VerifyPassword(u.PasswordHash, password, n.params); err != nil {
			n.log.Error("stored password hash unreadable", "request_id", requestID(r), "user", u.Username, "err", err)
			why = "Mã băm mật khẩu đã lưu bị hỏng"
		}
	}
	if !ok {
		entry := store.AuditEntry{At: now, Action: auth.EventLoginFailed, Object: "user:" + username, Detail: why, IP: ip}
		if u != nil {
			entry.UserID = u.ID
		}
		err := n.st.SetLoginFailures(ctx, []store.LoginFailure{
			{Key: accountKey, Count: auth.AccountThrottle.Count(fa.Count, fa.Last, now) + 1, Last: now},
			{Key: addressKey, Count: auth.AddressThrottle.Count(fi.Count, fi.Last, now) + 1, Last: now},
		}, entry)
		if err != nil {
			return err
		}
		n.log.Info("login failed", "request_id", requestID(r), "user", username, "ip", ip, "why", why)
		p.Error = msgBadLogin
		return n.renderLogin(w, r, http.StatusUnauthorized, p)
	}

	if fa.Count > 0 {
		if err := n.st.SetLoginFailures(ctx, []store.LoginFailure{{Key: accountKey}}, store.AuditEntry{}); err != nil {
			return err
		}
	}
	if rehash {
		n.rehash(r, u, password, now)
	}
	token, id, err := auth.NewSessionToken()
	if err != nil {
		return err
	}
	ua := truncate(r.UserAgent(), 400)
	se := store.Session{ID: id, UserID: u.ID, CreatedAt: now, LastSeen: now, ExpiresAt: n.sessions.ExpiresAt(now), IP: ip, UserAgent: ua}
	if err := n.st.CreateSession(ctx, se, store.AuditEntry{At: now, UserID: u.ID, Action: auth.EventLogin,
		Object: sessionObject(id), Detail: "Đăng nhập từ " + describeAgent(ua), IP: ip}); err != nil {
		return err
	}
	n.setCookie(w, r, sessionCookie, token, se.ExpiresAt, http.SameSiteLaxMode)
	n.clearCookie(w, r, loginCookie)
	n.log.Info("login", "request_id", requestID(r), "user", u.Username, "ip", ip)
	n.prune(ctx)
	http.Redirect(w, r, p.Next, http.StatusSeeOther)
	return nil
}

// rehash stores a hash with the current parameters after a login proved the
// password. Failing here must not fail the login: it is logged and retried
// at the next one.
func (n *Newsroom) rehash(r *http.Request, u *store.User, password string, now time.Time) {
	h, err := auth.HashPassword(password, n.params)
	if err == nil {
		err = n.st.SetPassword(r.Context(), u.ID, h, store.AuditEntry{At: now, UserID: u.ID, Action: auth.EventPasswordRehash,
			Object: userObject(u), Detail: "Mã băm mật khẩu được làm lại với tham số mới khi đăng nhập", IP: clientIP(r)})
	}
	if err != nil {
		n.log.Error("rehash password", "request_id", requestID(r), "user", u.Username, "err", err)
	}
}

func (n *Newsroom) logout(w http.ResponseWriter, r *http.Request, s *staff) error {
	err := n.st.DeleteSession(r.Context(), s.session.ID, store.AuditEntry{At: n.now(), UserID: s.user.ID,
		Action: auth.EventLogout, Object: sessionObject(s.session.ID), IP: clientIP(r)})
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	n.clearCookie(w, r, sessionCookie)
	http.Redirect(w, r, "/admin/dang-nhap?thoat=1", http.StatusSeeOther)
	return nil
}

// sessionObject names a session in the audit log by the start of its id:
// enough to tell sessions apart, and no use to anyone who reads it.
func sessionObject(id string) string { return "session:" + id[:min(12, len(id))] }

func userObject(u *store.User) string { return "user:" + u.Username }

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
