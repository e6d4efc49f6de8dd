package storetest

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
)

// RunAccounts runs the accounts suite: staff accounts, sessions, login
// failure counts, the audit log and the desk's counts. open must return a
// new empty store each call.
func RunAccounts(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, st store.Store)
	}{
		{"Users", testUsers},
		{"UserChanges", testUserChanges},
		{"DisableRevokesSessions", testDisableRevokesSessions},
		{"Sessions", testSessions},
		{"LoginFailures", testLoginFailures},
		{"AuditLog", testAuditLog},
		{"StatusCounts", testStatusCounts},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := open(t)
			tc.fn(t, st)
		})
	}
}

// A fixed fake hash: the store keeps it as given.
const fakeHash = "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U"

func audit(action, object string) store.AuditEntry {
	return store.AuditEntry{At: at(9, 0, 0), Action: action, Object: object, Detail: "thử", IP: "203.0.113.1"}
}

func newUser(t *testing.T, st store.Store, name string, role auth.Role, sections ...int64) *store.User {
	t.Helper()
	u := &store.User{Username: name, DisplayName: "Tên " + name, Role: role, PasswordHash: fakeHash,
		Sections: sections, CreatedAt: at(8, 0, 0)}
	must(t, st.CreateUser(ctx, u, audit(auth.EventUserCreate, "user:"+name)))
	if u.ID == 0 {
		t.Fatal("no id assigned")
	}
	return u
}

func auditCount(t *testing.T, st store.Store) int {
	t.Helper()
	es, err := st.Audit(ctx, store.AuditQuery{Limit: 10000})
	must(t, err)
	return len(es)
}

func testUsers(t *testing.T, st store.Store) {
	f := setup(t, st)
	u := newUser(t, st, "phongvien", auth.Reporter, f.other.ID, f.top.ID)
	got, err := st.User(ctx, u.ID)
	must(t, err)
	if got.Username != "phongvien" || got.DisplayName != "Tên phongvien" || got.Role != auth.Reporter ||
		got.PasswordHash != fakeHash || got.Disabled || !got.CreatedAt.Equal(at(8, 0, 0)) {
		t.Errorf("read back %+v", got)
	}
	if len(got.Sections) != 2 || !containsAll(got.Sections, f.top.ID, f.other.ID) {
		t.Errorf("sections %v", got.Sections)
	}
	byName, err := st.UserByUsername(ctx, "phongvien")
	must(t, err)
	if byName.ID != u.ID || len(byName.Sections) != 2 {
		t.Errorf("by username: %+v", byName)
	}
	if _, err := st.UserByUsername(ctx, "khongco"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing username: %v", err)
	}
	if _, err := st.User(ctx, 9999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing id: %v", err)
	}
	if !got.Can(auth.ArticleCreate, f.top.ID) || got.Can(auth.ArticleCreate, f.sub1.ID) || got.Can(auth.UserManage, 0) {
		t.Error("User.Can does not follow the matrix and the sections")
	}

	before := auditCount(t, st)
	dup := &store.User{Username: "phongvien", DisplayName: "Khác", Role: auth.Editor, PasswordHash: fakeHash}
	if err := st.CreateUser(ctx, dup, audit(auth.EventUserCreate, "x")); !errors.Is(err, store.ErrConflict) {
		t.Errorf("duplicate username: %v", err)
	}
	bad := []*store.User{
		{Username: "a1", DisplayName: "A", Role: "chief", PasswordHash: fakeHash},
		{Username: "", DisplayName: "A", Role: auth.Editor, PasswordHash: fakeHash},
		{Username: "a2", DisplayName: "A", Role: auth.Editor},
		{Username: "a3", DisplayName: "A", Role: auth.Editor, PasswordHash: fakeHash, Sections: []int64{f.sub1.ID}},
		{Username: "a4", DisplayName: "A", Role: auth.Editor, PasswordHash: fakeHash, Sections: []int64{424242}},
	}
	for _, b := range bad {
		if err := st.CreateUser(ctx, b, audit(auth.EventUserCreate, "x")); err == nil {
			t.Errorf("accepted %+v", b)
		}
	}
	// Without an audit entry nothing is written.
	quiet := &store.User{Username: "lang.le", DisplayName: "L", Role: auth.Editor, PasswordHash: fakeHash}
	if err := st.CreateUser(ctx, quiet, store.AuditEntry{}); err == nil {
		t.Error("a user was created without an audit entry")
	}
	if _, err := st.UserByUsername(ctx, "lang.le"); !errors.Is(err, store.ErrNotFound) {
		t.Error("the unaudited user exists")
	}
	if n := auditCount(t, st); n != before {
		t.Errorf("failed creations left %d audit entries", n-before)
	}

	newUser(t, st, "bientap", auth.Editor)
	newUser(t, st, "anh.quan", auth.Admin)
	all, err := st.Users(ctx)
	must(t, err)
	var names []string
	for _, u := range all {
		names = append(names, u.Username)
	}
	if strings.Join(names, ",") != "anh.quan,bientap,phongvien" {
		t.Errorf("users %v", names)
	}
	if len(all[2].Sections) != 2 || len(all[0].Sections) != 0 {
		t.Errorf("sections in list: %v %v", all[2].Sections, all[0].Sections)
	}
}

func containsAll(got []int64, want ...int64) bool {
	for _, w := range want {
		found := false
		for _, g := range got {
			found = found || g == w
		}
		if !found {
			return false
		}
	}
	return true
}

func testUserChanges(t *testing.T, st store.Store) {
	f := setup(t, st)
	u := newUser(t, st, "bientap", auth.Editor)
	u.DisplayName, u.Role, u.Sections = "Biên tập Lan", auth.ManagingEditor, []int64{f.other.ID}
	must(t, st.UpdateUser(ctx, *u, audit(auth.EventUserUpdate, "user:bientap")))
	got, err := st.User(ctx, u.ID)
	must(t, err)
	if got.DisplayName != "Biên tập Lan" || got.Role != auth.ManagingEditor || len(got.Sections) != 1 || got.Sections[0] != f.other.ID {
		t.Errorf("after update %+v", got)
	}
	u.Sections = nil
	must(t, st.UpdateUser(ctx, *u, audit(auth.EventUserUpdate, "user:bientap")))
	if got, _ := st.User(ctx, u.ID); len(got.Sections) != 0 {
		t.Errorf("sections not cleared: %v", got.Sections)
	}
	if err := st.UpdateUser(ctx, store.User{ID: 999, Role: auth.Editor}, audit(auth.EventUserUpdate, "x")); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("update missing: %v", err)
	}
	must(t, st.SetPassword(ctx, u.ID, "$argon2id$new", audit(auth.EventPasswordChange, "user:bientap")))
	if got, _ := st.User(ctx, u.ID); got.PasswordHash != "$argon2id$new" {
		t.Errorf("hash %q", got.PasswordHash)
	}
	if err := st.SetPassword(ctx, 999, "x", audit(auth.EventPasswordChange, "x")); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("password of missing user: %v", err)
	}
	if err := st.SetPassword(ctx, u.ID, "other", store.AuditEntry{}); err == nil {
		t.Error("password changed without an audit entry")
	}
	if got, _ := st.User(ctx, u.ID); got.PasswordHash != "$argon2id$new" {
		t.Error("the unaudited password change happened")
	}
}

func session(id string, userID int64, created time.Time) store.Session {
	return store.Session{ID: strings.Repeat(id, 64/len(id)), UserID: userID, CreatedAt: created, LastSeen: created,
		ExpiresAt: created.Add(30 * 24 * time.Hour), IP: "203.0.113.9", UserAgent: "Mozilla/5.0 (iPad)"}
}

func testDisableRevokesSessions(t *testing.T, st store.Store) {
	u := newUser(t, st, "phongvien", auth.Reporter)
	other := newUser(t, st, "bientap", auth.Editor)
	must(t, st.CreateSession(ctx, session("a", u.ID, at(8, 0, 0)), audit(auth.EventLogin, "user:phongvien")))
	must(t, st.CreateSession(ctx, session("b", u.ID, at(8, 5, 0)), audit(auth.EventLogin, "user:phongvien")))
	must(t, st.CreateSession(ctx, session("c", other.ID, at(8, 5, 0)), audit(auth.EventLogin, "user:bientap")))
	n, err := st.SetUserDisabled(ctx, u.ID, true, audit(auth.EventUserDisable, "user:phongvien"))
	must(t, err)
	if n != 2 {
		t.Errorf("revoked %d sessions, want 2", n)
	}
	got, _ := st.User(ctx, u.ID)
	if !got.Disabled || got.Can(auth.DeskView, 0) || got.Allowed(auth.DeskView) {
		t.Errorf("disabled user: %+v", got)
	}
	if ss, _ := st.UserSessions(ctx, u.ID); len(ss) != 0 {
		t.Errorf("sessions left: %d", len(ss))
	}
	if ss, _ := st.UserSessions(ctx, other.ID); len(ss) != 1 {
		t.Errorf("another user's sessions touched: %d", len(ss))
	}
	n, err = st.SetUserDisabled(ctx, u.ID, false, audit(auth.EventUserEnable, "user:phongvien"))
	must(t, err)
	if got, _ := st.User(ctx, u.ID); got.Disabled || n != 0 {
		t.Error("not re-enabled")
	}
	if _, err := st.SetUserDisabled(ctx, 999, true, audit(auth.EventUserDisable, "x")); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("disable missing: %v", err)
	}
	if _, err := st.SetUserDisabled(ctx, other.ID, true, store.AuditEntry{}); err == nil {
		t.Error("disabled without an audit entry")
	}
	if ss, _ := st.UserSessions(ctx, other.ID); len(ss) != 1 {
		t.Error("an unaudited disable revoked sessions")
	}
}

func testSessions(t *testing.T, st store.Store) {
	u := newUser(t, st, "phongvien", auth.Reporter)
	s1, s2 := session("1", u.ID, at(8, 0, 0)), session("2", u.ID, at(8, 30, 0))
	must(t, st.CreateSession(ctx, s1, audit(auth.EventLogin, "user:phongvien")))
	must(t, st.CreateSession(ctx, s2, audit(auth.EventLogin, "user:phongvien")))
	if err := st.CreateSession(ctx, s1, audit(auth.EventLogin, "user:phongvien")); !errors.Is(err, store.ErrConflict) {
		t.Errorf("duplicate session: %v", err)
	}
	if err := st.CreateSession(ctx, store.Session{ID: "short", UserID: u.ID}, audit(auth.EventLogin, "x")); err == nil {
		t.Error("a session id that is not a SHA-256 was accepted")
	}
	got, err := st.Session(ctx, s1.ID)
	must(t, err)
	if got.UserID != u.ID || !got.CreatedAt.Equal(s1.CreatedAt) || !got.LastSeen.Equal(s1.LastSeen) ||
		!got.ExpiresAt.Equal(s1.ExpiresAt) || got.IP != s1.IP || got.UserAgent != s1.UserAgent {
		t.Errorf("read back %+v", got)
	}
	if _, err := st.Session(ctx, strings.Repeat("f", 64)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing session: %v", err)
	}
	// Touch moves last-seen forward only.
	must(t, st.TouchSession(ctx, s1.ID, at(9, 0, 0)))
	must(t, st.TouchSession(ctx, s1.ID, at(8, 10, 0)))
	if got, _ := st.Session(ctx, s1.ID); !got.LastSeen.Equal(at(9, 0, 0)) {
		t.Errorf("last seen %v", got.LastSeen)
	}
	ss, err := st.UserSessions(ctx, u.ID)
	must(t, err)
	if len(ss) != 2 || ss[0].ID != s1.ID || ss[1].ID != s2.ID {
		t.Errorf("sessions not most recent first: %+v", ss)
	}
	must(t, st.DeleteSession(ctx, s2.ID, audit(auth.EventLogout, "user:phongvien")))
	if err := st.DeleteSession(ctx, s2.ID, audit(auth.EventLogout, "user:phongvien")); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("delete twice: %v", err)
	}
	if err := st.DeleteSession(ctx, s1.ID, store.AuditEntry{}); err == nil {
		t.Error("session deleted without an audit entry")
	}
	// Expiry: s3 is past its absolute end, s4 idle, s1 alive.
	s3 := session("3", u.ID, at(1, 0, 0))
	s3.ExpiresAt = at(10, 0, 0)
	s4 := session("4", u.ID, at(2, 0, 0))
	must(t, st.CreateSession(ctx, s3, audit(auth.EventLogin, "user:phongvien")))
	must(t, st.CreateSession(ctx, s4, audit(auth.EventLogin, "user:phongvien")))
	n, err := st.DeleteExpiredSessions(ctx, at(10, 0, 0), at(8, 30, 0))
	must(t, err)
	if n != 2 {
		t.Errorf("deleted %d expired sessions, want 2", n)
	}
	if ss, _ := st.UserSessions(ctx, u.ID); len(ss) != 1 || ss[0].ID != s1.ID {
		t.Errorf("left %+v", ss)
	}
}

func testLoginFailures(t *testing.T, st store.Store) {
	fs, err := st.LoginFailures(ctx, "u:a", "ip:203.0.113.1")
	must(t, err)
	if len(fs) != 0 {
		t.Errorf("fresh store has failures %v", fs)
	}
	if fs, err := st.LoginFailures(ctx); err != nil || len(fs) != 0 {
		t.Errorf("no keys: %v %v", fs, err)
	}
	before := auditCount(t, st)
	must(t, st.SetLoginFailures(ctx, []store.LoginFailure{
		{Key: "u:a", Count: 3, Last: at(9, 0, 0)},
		{Key: "ip:203.0.113.1", Count: 7, Last: at(9, 0, 1)},
	}, store.AuditEntry{At: at(9, 0, 1), Action: auth.EventLoginFailed, Object: "user:a"}))
	if auditCount(t, st) != before+1 {
		t.Error("the failure's audit entry is missing")
	}
	must(t, st.SetLoginFailures(ctx, []store.LoginFailure{{Key: "u:a", Count: 4, Last: at(9, 1, 0)}}, store.AuditEntry{}))
	if auditCount(t, st) != before+1 {
		t.Error("an entry without an action was written")
	}
	fs, err = st.LoginFailures(ctx, "u:a", "ip:203.0.113.1", "u:b")
	must(t, err)
	if len(fs) != 2 || fs["u:a"].Count != 4 || !fs["u:a"].Last.Equal(at(9, 1, 0)) || fs["ip:203.0.113.1"].Count != 7 {
		t.Errorf("failures %+v", fs)
	}
	must(t, st.SetLoginFailures(ctx, []store.LoginFailure{{Key: "u:a"}}, store.AuditEntry{}))
	if fs, _ := st.LoginFailures(ctx, "u:a"); len(fs) != 0 {
		t.Errorf("zero count not deleted: %v", fs)
	}
	n, err := st.DeleteLoginFailures(ctx, at(9, 0, 2))
	must(t, err)
	if fs, _ := st.LoginFailures(ctx, "ip:203.0.113.1"); n != 1 || len(fs) != 0 {
		t.Errorf("stale failures kept: %d %v", n, fs)
	}
}

func testAuditLog(t *testing.T, st store.Store) {
	a := newUser(t, st, "quantri", auth.Admin)    // entry 1: user.create at 9:00
	b := newUser(t, st, "phongvien", auth.Editor) // entry 2
	add := func(e store.AuditEntry) {
		t.Helper()
		must(t, st.AddAudit(ctx, &e))
		if e.ID == 0 {
			t.Fatal("no id")
		}
	}
	add(store.AuditEntry{At: at(10, 0, 0), UserID: a.ID, Action: auth.EventLogin, Object: "user:quantri", IP: "203.0.113.5"})
	add(store.AuditEntry{At: at(11, 0, 0), UserID: b.ID, Action: auth.EventLogin, Object: "user:phongvien"})
	add(store.AuditEntry{At: at(12, 0, 0), UserID: a.ID, Action: auth.EventUserDisable, Object: "user:phongvien", Detail: "Khóa tài khoản phongvien"})
	if err := st.AddAudit(ctx, &store.AuditEntry{At: at(12, 0, 0)}); err == nil {
		t.Error("an entry without an action was accepted")
	}
	all, err := st.Audit(ctx, store.AuditQuery{})
	must(t, err)
	if len(all) != 5 || all[0].Action != auth.EventUserDisable || all[4].Action != auth.EventUserCreate {
		t.Fatalf("all: %+v", all)
	}
	if e := all[0]; e.UserID != a.ID || e.Detail != "Khóa tài khoản phongvien" || !e.At.Equal(at(12, 0, 0)) || e.At.Location() != time.UTC {
		t.Errorf("entry %+v", e)
	}
	if all[4].UserID != 0 || all[4].IP != "203.0.113.1" {
		t.Errorf("command-line entry %+v", all[4])
	}
	count := func(name string, q store.AuditQuery, want int) {
		t.Helper()
		got, err := st.Audit(ctx, q)
		must(t, err)
		if len(got) != want {
			t.Errorf("%s: %d entries, want %d", name, len(got), want)
		}
	}
	count("by user", store.AuditQuery{UserID: a.ID}, 2)
	count("by action", store.AuditQuery{Action: auth.EventLogin}, 2)
	count("by user and action", store.AuditQuery{UserID: a.ID, Action: auth.EventLogin}, 1)
	count("since", store.AuditQuery{Since: at(11, 0, 0)}, 2)
	count("until", store.AuditQuery{Until: at(11, 0, 0)}, 3)
	count("window", store.AuditQuery{Since: at(10, 0, 0), Until: at(12, 0, 0)}, 2)
	count("limit", store.AuditQuery{Limit: 2}, 2)
	count("next page", store.AuditQuery{BeforeID: all[1].ID}, 3)
}

func testStatusCounts(t *testing.T, st store.Store) {
	f := setup(t, st)
	mk := func(title string, cat int64, s content.Status) *content.Article {
		a := article(title, cat, at(8, 0, 0))
		a.Status = s
		return a
	}
	must(t, st.CreateArticles(ctx, []*content.Article{
		mk("a", f.sub1.ID, content.StatusPublished), mk("b", f.sub2.ID, content.StatusPublished),
		mk("c", f.top.ID, content.StatusDraft), mk("d", f.other.ID, content.StatusSubmitted),
		mk("e", f.other.ID, content.StatusPublished),
	}))
	all, err := st.StatusCounts(ctx, nil)
	must(t, err)
	if all[content.StatusPublished] != 3 || all[content.StatusDraft] != 1 || all[content.StatusSubmitted] != 1 || len(all) != 3 {
		t.Errorf("all sections: %v", all)
	}
	local, err := st.StatusCounts(ctx, []int64{f.top.ID})
	must(t, err)
	if local[content.StatusPublished] != 2 || local[content.StatusDraft] != 1 || local[content.StatusSubmitted] != 0 {
		t.Errorf("local pages: %v", local)
	}
	both, err := st.StatusCounts(ctx, []int64{f.top.ID, f.other.ID})
	must(t, err)
	if both[content.StatusPublished] != 3 {
		t.Errorf("two sections: %v", both)
	}
}
