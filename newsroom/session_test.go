package newsroom

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/auth"
)

func (e *env) lastSeen(token string) time.Time {
	e.t.Helper()
	se, err := e.st.Session(ctx, auth.SessionID(token))
	must(e.t, err)
	return se.LastSeen
}

func (e *env) works(token string) bool {
	e.t.Helper()
	return e.do(req{method: "GET", path: "/admin/", token: token}).Code == http.StatusOK
}

func TestIdleTimeoutAndTouch(t *testing.T) {
	e := newEnv(t)
	tok := e.tokens["bientap"]
	start := e.lastSeen(tok)
	e.clock.Add(time.Minute)
	if !e.works(tok) || !e.lastSeen(tok).Equal(start) {
		t.Error("a request a minute later wrote last-seen: one write per request")
	}
	e.clock.Add(5 * time.Minute)
	if !e.works(tok) || !e.lastSeen(tok).Equal(e.clock.Now()) {
		t.Error("last-seen not written after five minutes")
	}
	// Used every 11 hours, the session lives on.
	for i := 0; i < 3; i++ {
		e.clock.Add(11 * time.Hour)
		if !e.works(tok) {
			t.Fatalf("session died at %d×11 h of use", i+1)
		}
	}
	e.clock.Add(12 * time.Hour)
	res := e.do(req{method: "GET", path: "/admin/phien", token: tok})
	if res.Code != http.StatusSeeOther || !strings.HasPrefix(res.Header().Get("Location"), "/admin/dang-nhap") {
		t.Errorf("idle session: %d", res.Code)
	}
	if !strings.Contains(res.Header().Get("Set-Cookie"), sessionCookie+"=;") {
		t.Errorf("the dead cookie was not cleared: %q", res.Header().Get("Set-Cookie"))
	}
}

func TestAbsoluteLifetime(t *testing.T) {
	e := newEnv(t)
	tok := e.tokens["bientap"]
	for used := time.Duration(0); used < 30*24*time.Hour-10*time.Hour; used += 10 * time.Hour {
		e.clock.Add(10 * time.Hour)
		if !e.works(tok) {
			t.Fatalf("session died after %v of steady use", used)
		}
	}
	e.clock.Add(10 * time.Hour)
	if e.works(tok) {
		t.Error("session outlived 30 days")
	}
	// Expired sessions are swept at the next login.
	if tok, _ := e.login("thuky", testPassword); tok == "" {
		t.Fatal("login")
	}
	if e.count(`SELECT COUNT(*) FROM sessions WHERE id = ?`, auth.SessionID(e.tokens["bientap"])) != 0 {
		t.Error("expired session not swept")
	}
}

func TestRevokeSessions(t *testing.T) {
	e := newEnv(t)
	a := e.tokens["bientap"]
	b := e.newSession("bientap")
	page := e.do(req{method: "GET", path: "/admin/phien", token: a})
	body := page.Body.String()
	if !strings.Contains(body, "/admin/phien/"+auth.SessionID(b)+"/thu-hoi") || !strings.Contains(text(page), "Phiên này") ||
		!strings.Contains(text(page), "Safari trên iPad") {
		t.Fatalf("sessions page: %s", text(page))
	}
	// Someone else's session is not found, and stays.
	other := auth.SessionID(e.tokens["thuky"])
	before := e.snapshot()
	if res := e.do(req{method: "POST", path: "/admin/phien/" + other + "/thu-hoi", token: a, csrf: "auto"}); res.Code != http.StatusNotFound {
		t.Errorf("revoking another's session: %d", res.Code)
	}
	if res := e.do(req{method: "POST", path: "/admin/phien/khong-co/thu-hoi", token: a, csrf: "auto"}); res.Code != http.StatusNotFound {
		t.Errorf("revoking nothing: %d", res.Code)
	}
	if e.snapshot() != before || !e.works(e.tokens["thuky"]) {
		t.Error("another's session was touched")
	}
	res := e.do(req{method: "POST", path: "/admin/phien/" + auth.SessionID(b) + "/thu-hoi", token: a, csrf: "auto"})
	if res.Code != http.StatusSeeOther || res.Header().Get("Location") != "/admin/phien?da-thu-hoi=1" {
		t.Fatalf("revoke: %d %q", res.Code, res.Header().Get("Location"))
	}
	if e.works(b) || !e.works(a) {
		t.Error("revoking b should end b and keep a")
	}
	// Revoking the current session logs out.
	res = e.do(req{method: "POST", path: "/admin/phien/" + auth.SessionID(a) + "/thu-hoi", token: a, csrf: "auto"})
	if res.Code != http.StatusSeeOther || res.Header().Get("Location") != "/admin/dang-nhap?thoat=1" || e.works(a) {
		t.Errorf("revoking the current session: %d %q", res.Code, res.Header().Get("Location"))
	}
	if n := e.count(`SELECT COUNT(*) FROM audit_log WHERE action = ?`, auth.EventSessionRevoke); n != 2 {
		t.Errorf("%d revoke audit entries, want 2", n)
	}
}

func TestDisableEndsSessionsAtOnce(t *testing.T) {
	e := newEnv(t)
	second := e.newSession(victim)
	if !e.works(e.tokens[victim]) || !e.works(second) {
		t.Fatal("victim's sessions do not work")
	}
	res := e.do(req{method: "POST", path: "/admin/tai-khoan/" + itoa(e.users[victim].ID) + "/khoa", token: e.tokens["quantri"], csrf: "auto"})
	if res.Code != http.StatusSeeOther {
		t.Fatalf("disable: %d %s", res.Code, text(res))
	}
	if e.works(e.tokens[victim]) || e.works(second) || e.count(`SELECT COUNT(*) FROM sessions WHERE user_id = ?`, e.users[victim].ID) != 0 {
		t.Error("the disabled account's sessions live on")
	}
	if tok, _ := e.login(victim, testPassword); tok != "" {
		t.Error("a disabled account logged in")
	}
	res = e.do(req{method: "POST", path: "/admin/tai-khoan/" + itoa(e.users[victim].ID) + "/mo-khoa", token: e.tokens["quantri"], csrf: "auto"})
	if res.Code != http.StatusSeeOther {
		t.Fatalf("enable: %d", res.Code)
	}
	if tok, _ := e.login(victim, testPassword); tok == "" {
		t.Error("the re-enabled account cannot log in")
	}
}

// TestSessionsSurviveRestart: sessions live in the database, not in memory.
func TestSessionsSurviveRestart(t *testing.T) {
	e := newEnv(t)
	tok, res := e.login("phongvien", testPassword)
	if tok == "" {
		t.Fatalf("login: %d", res.Code)
	}
	e.restart()
	if !e.works(tok) {
		t.Error("the session did not survive a restart")
	}
	// And its CSRF token still holds: it is derived, not kept in memory.
	res = e.do(req{method: "POST", path: "/admin/dang-xuat", token: tok, csrf: "auto"})
	if res.Code != http.StatusSeeOther {
		t.Errorf("logout after restart: %d", res.Code)
	}
}

func TestChangePassword(t *testing.T) {
	e := newEnv(t)
	tok := e.tokens["bientap"]
	other := e.newSession("bientap")
	change := func(cur, next, again string) (int, string) {
		res := e.do(req{method: "POST", path: "/admin/mat-khau", token: tok, csrf: "auto",
			form: url.Values{"mat_khau_cu": {cur}, "mat_khau_moi": {next}, "nhap_lai": {again}}})
		return res.Code, text(res)
	}
	tests := []struct{ cur, next, again, msg string }{
		{"sai-mat-khau-roi", "mật-khẩu-mới-2027", "mật-khẩu-mới-2027", "Mật khẩu hiện tại không đúng."},
		{testPassword, "ngắn", "ngắn", "ít nhất 10 ký tự"},
		{testPassword, "bientap", "bientap", "ít nhất 10 ký tự"},
		{testPassword, "mật-khẩu-mới-2027", "mật-khẩu-khác-2027", "không khớp"},
		{testPassword, testPassword, testPassword, "phải khác mật khẩu hiện tại"},
	}
	hash := e.users["bientap"].PasswordHash
	for _, tc := range tests {
		code, body := change(tc.cur, tc.next, tc.again)
		if code != http.StatusBadRequest || !strings.Contains(body, tc.msg) {
			t.Errorf("%q→%q: %d, want 400 with %q: %s", tc.cur, tc.next, code, tc.msg, body)
		}
	}
	if u, _ := e.st.UserByUsername(ctx, "bientap"); u.PasswordHash != hash {
		t.Fatal("a refused change changed the password")
	}
	code, _ := change(testPassword, "mật-khẩu-mới-2027", "mật-khẩu-mới-2027")
	if code != http.StatusSeeOther {
		t.Fatalf("change: %d", code)
	}
	if !e.works(tok) || e.works(other) {
		t.Error("after a change the current session must stay and the others end")
	}
	if t1, _ := e.login("bientap", testPassword); t1 != "" {
		t.Error("the old password still works")
	}
	if t2, _ := e.login("bientap", "mật-khẩu-mới-2027"); t2 == "" {
		t.Error("the new password does not work")
	}
}
