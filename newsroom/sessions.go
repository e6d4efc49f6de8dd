package newsroom

import (
	"errors"
	"net/http"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/store"
)

type sessionsPage struct {
	frame
	Sessions []sessionRow
	Notice   string
	Error    string
}

type sessionRow struct {
	store.Session
	Current bool
}

// sessionList shows the person's sessions, with revoke buttons, and the
// password form.
func (n *Newsroom) sessionList(w http.ResponseWriter, r *http.Request, s *staff) error {
	q := r.URL.Query()
	notice := ""
	switch {
	case q.Has("da-thu-hoi"):
		notice = "Đã thu hồi phiên đăng nhập."
	case q.Has("da-doi-mat-khau"):
		notice = "Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã bị thu hồi."
	}
	return n.renderSessions(w, r, s, http.StatusOK, notice, "")
}

func (n *Newsroom) renderSessions(w http.ResponseWriter, r *http.Request, s *staff, status int, notice, errMsg string) error {
	ss, err := n.st.UserSessions(r.Context(), s.user.ID)
	if err != nil {
		return err
	}
	p := sessionsPage{frame: n.frame(r, s, "Phiên đăng nhập và mật khẩu"), Notice: notice, Error: errMsg}
	for _, se := range ss {
		p.Sessions = append(p.Sessions, sessionRow{Session: se, Current: se.ID == s.session.ID})
	}
	return n.render(w, r, status, "sessions.html", &p)
}

// revokeSession ends one of the person's own sessions. Someone else's
// session is "not found": its existence is not theirs to learn.
func (n *Newsroom) revokeSession(w http.ResponseWriter, r *http.Request, s *staff) error {
	id := r.PathValue("id")
	se, err := n.st.Session(r.Context(), id)
	if err != nil {
		return err
	}
	if se.UserID != s.user.ID {
		return store.ErrNotFound
	}
	err = n.st.DeleteSession(r.Context(), se.ID, store.AuditEntry{At: n.now(), UserID: s.user.ID, Action: auth.EventSessionRevoke,
		Object: sessionObject(se.ID), Detail: "Thu hồi phiên " + describeAgent(se.UserAgent) + " (" + se.IP + ")", IP: clientIP(r)})
	if err != nil {
		return err
	}
	if se.ID == s.session.ID {
		n.clearCookie(w, r, sessionCookie)
		http.Redirect(w, r, "/admin/dang-nhap?thoat=1", http.StatusSeeOther)
		return nil
	}
	http.Redirect(w, r, "/admin/phien?da-thu-hoi=1", http.StatusSeeOther)
	return nil
}

// changePassword replaces the person's password after checking the current
// one (throttled like a login), then revokes their other sessions: a
// password is usually changed because someone else may know it.
func (n *Newsroom) changePassword(w http.ResponseWriter, r *http.Request, s *staff) error {
	ctx := r.Context()
	current, next, again := r.PostFormValue("mat_khau_cu"), r.PostFormValue("mat_khau_moi"), r.PostFormValue("nhap_lai")
	ip := clientIP(r)
	key := auth.AccountKey(s.user.Username)
	unlock := n.logins.lock(key)
	defer unlock()
	now := n.now()
	fails, err := n.st.LoginFailures(ctx, key)
	if err != nil {
		return err
	}
	f := fails[key]
	if wait := auth.AccountThrottle.Wait(f.Count, f.Last, now); wait > 0 {
		return n.renderSessions(w, r, s, http.StatusTooManyRequests, "", auth.WaitMessage(wait))
	}
	ok, _, err := auth.VerifyPassword(s.user.PasswordHash, current, n.params)
	if err != nil {
		n.log.Error("stored password hash unreadable", "request_id", requestID(r), "user", s.user.Username, "err", err)
	}
	if !ok {
		err := n.st.SetLoginFailures(ctx, []store.LoginFailure{
			{Key: key, Count: auth.AccountThrottle.Count(f.Count, f.Last, now) + 1, Last: now},
		}, store.AuditEntry{At: now, UserID: s.user.ID, Action: auth.EventLoginFailed, Object: userObject(s.user),
			Detail: "Sai mật khẩu hiện tại khi đổi mật khẩu", IP: ip})
		if err != nil {
			return err
		}
		return n.renderSessions(w, r, s, http.StatusBadRequest, "", "Mật khẩu hiện tại không đúng.")
	}
	if err := auth.CheckPassword(s.user.Username, next); err != nil {
		return n.renderSessions(w, r, s, http.StatusBadRequest, "", err.Error())
	}
	if next != again {
		return n.renderSessions(w, r, s, http.StatusBadRequest, "", "Hai lần nhập mật khẩu mới không khớp nhau.")
	}
	if next == current {
		return n.renderSessions(w, r, s, http.StatusBadRequest, "", "Mật khẩu mới phải khác mật khẩu hiện tại.")
	}
	hash, err := auth.HashPassword(next, n.params)
	if err != nil {
		return err
	}
	if err := n.st.SetPassword(ctx, s.user.ID, hash, store.AuditEntry{At: now, UserID: s.user.ID,
		Action: auth.EventPasswordChange, Object: userObject(s.user), Detail: "Tự đổi mật khẩu", IP: ip}); err != nil {
		return err
	}
	others, err := n.st.UserSessions(ctx, s.user.ID)
	if err != nil {
		return err
	}
	for _, se := range others {
		if se.ID == s.session.ID {
			continue
		}
		err := n.st.DeleteSession(ctx, se.ID, store.AuditEntry{At: now, UserID: s.user.ID, Action: auth.EventSessionRevoke,
			Object: sessionObject(se.ID), Detail: "Thu hồi khi đổi mật khẩu", IP: ip})
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
	}
	http.Redirect(w, r, "/admin/phien?da-doi-mat-khau=1", http.StatusSeeOther)
	return nil
}
