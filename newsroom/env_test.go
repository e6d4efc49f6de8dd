package newsroom

import (
	"context"
	"crypto/tls"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/comments"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/media"
	"github.com/toasoan/toasoan/site"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/store/sqlite"
)

// tlsState marks a request as served over TLS.
var tlsState tls.ConnectionState

// cheap keeps hashing fast in tests; the rules are the same.
var cheap = auth.Params{Time: 1, Memory: 64, Threads: 1, KeyLen: 32, SaltLen: 16}

const testPassword = "mật-khẩu-thử-2026"

var ctx = context.Background()

// clock is a settable time source.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// env is a newsroom over a fresh SQLite file, mounted in the site as
// production mounts it, with one account per role and two more to act on.
type env struct {
	t      *testing.T
	path   string
	st     *sqlite.Store
	clock  *clock
	n      *Newsroom
	h      http.Handler
	local  content.Category // chuyen-trang-dia-phuong
	sport  content.Category // the-thao
	users  map[string]*store.User
	tokens map[string]string // username → a live session token

	comments *comments.Service // newsroom/comments_matrix_test.go
	mediaDir string            // the media library's files
}

// The accounts every env has. "nannhan" and "dakhoa" are the objects of
// account actions; "dakhoa" is disabled.
var (
	roleUser = map[auth.Role]string{
		auth.Reporter: "phongvien", auth.Editor: "bientap", auth.ManagingEditor: "thuky", auth.Admin: "quantri",
	}
	victim = "nannhan"
	locked = "dakhoa"
)

func newEnv(t *testing.T) *env {
	t.Helper()
	e := &env{t: t, path: filepath.Join(t.TempDir(), "toasoan.db"), users: map[string]*store.User{}, tokens: map[string]string{},
		clock: &clock{t: time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)}}
	e.open()
	e.local = content.Category{Code: "chuyen-trang-dia-phuong", Name: "Chuyên trang địa phương", MenuOrder: 1}
	e.sport = content.Category{Code: "the-thao", Name: "Thể thao", MenuOrder: 2}
	must(t, e.st.CreateCategory(ctx, &e.local))
	must(t, e.st.CreateCategory(ctx, &e.sport))
	sub := content.Category{Code: "tp-thuan-an", Name: "TP. Thuận An", ParentID: e.local.ID}
	must(t, e.st.CreateCategory(ctx, &sub))
	for _, r := range auth.Roles() {
		var secs []int64
		if r == auth.Reporter {
			secs = []int64{e.local.ID}
		}
		e.addUser(roleUser[r], r, secs...)
	}
	e.addUser(victim, auth.Reporter)
	e.addUser(locked, auth.Editor)
	_, err := e.st.SetUserDisabled(ctx, e.users[locked].ID, true, store.AuditEntry{At: e.clock.Now(), Action: auth.EventUserDisable})
	must(t, err)
	e.users[locked].Disabled = true
	for _, name := range []string{"phongvien", "bientap", "thuky", "quantri", victim} {
		e.tokens[name] = e.newSession(name)
	}
	return e
}

func (e *env) open() {
	st, err := sqlite.Open(ctx, e.path, sqlite.Options{})
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { st.Close() })
	e.st = st
	if e.mediaDir == "" {
		e.mediaDir = e.t.TempDir()
	}
	e.comments = newCommentService(e.t, st, filepath.Dir(e.path), e.clock.Now)
	e.n = New(Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: e.clock.Now, Passwords: cheap,
		Comments: e.comments, Media: media.Disk{Dir: e.mediaDir}})
	s, err := site.New(site.Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: e.clock.Now, Admin: e.n.Handler(), Comments: e.comments})
	if err != nil {
		e.t.Fatal(err)
	}
	e.h = s.Handler()
}

// restart closes the store and opens it again with a new Newsroom, as a
// restarted server would.
func (e *env) restart() {
	must(e.t, e.st.Close())
	e.open()
}

func (e *env) addUser(name string, role auth.Role, sections ...int64) *store.User {
	e.t.Helper()
	h, err := auth.HashPassword(testPassword, cheap)
	must(e.t, err)
	u := &store.User{Username: name, DisplayName: "Tên " + name, Role: role, PasswordHash: h, Sections: sections, CreatedAt: e.clock.Now()}
	must(e.t, e.st.CreateUser(ctx, u, store.AuditEntry{At: e.clock.Now(), Action: auth.EventUserCreate, Object: "user:" + name}))
	e.users[name] = u
	return u
}

// newSession makes a live session for a user directly in the store.
func (e *env) newSession(name string) string {
	e.t.Helper()
	tok, id, err := auth.NewSessionToken()
	must(e.t, err)
	now := e.clock.Now()
	must(e.t, e.st.CreateSession(ctx, store.Session{ID: id, UserID: e.users[name].ID, CreatedAt: now, LastSeen: now,
		ExpiresAt: auth.DefaultSessions.ExpiresAt(now), IP: "192.0.2.1", UserAgent: "Mozilla/5.0 (iPad) Safari/605"},
		store.AuditEntry{At: now, UserID: e.users[name].ID, Action: auth.EventLogin}))
	return tok
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// req describes one request.
type req struct {
	method, path string
	form         url.Values
	token        string // session cookie; "" for none
	csrf         string // "auto": the session's token
	header       map[string]string
	remote       string
	tls          bool
	cookies      []*http.Cookie
}

func (e *env) do(r req) *httptest.ResponseRecorder {
	e.t.Helper()
	var body io.Reader
	form := url.Values{}
	for k, v := range r.form {
		form[k] = v
	}
	if r.csrf == "auto" && r.token != "" {
		form.Set(csrfField, auth.CSRFToken(r.token))
	} else if r.csrf != "" && r.csrf != "auto" {
		form.Set(csrfField, r.csrf)
	}
	contentType := "application/x-www-form-urlencoded"
	if r.method == http.MethodPost {
		body = strings.NewReader(form.Encode())
		if b, ct, ok := multipartBody(form); ok {
			body, contentType = b, ct
		}
	}
	hr := httptest.NewRequest(r.method, "http://toasoan.test"+r.path, body)
	if r.method == http.MethodPost {
		hr.Header.Set("Content-Type", contentType)
	}
	if r.token != "" {
		hr.AddCookie(&http.Cookie{Name: sessionCookie, Value: r.token})
	}
	for _, c := range r.cookies {
		hr.AddCookie(c)
	}
	for k, v := range r.header {
		hr.Header.Set(k, v)
	}
	if r.remote != "" {
		hr.RemoteAddr = r.remote
	}
	if r.tls {
		hr.TLS = &tlsState
	}
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, hr)
	return w
}

// login goes through the login form as a browser would and returns the
// session token it was given (empty if none) and the response.
func (e *env) login(username, password string, extra ...func(*req)) (string, *httptest.ResponseRecorder) {
	e.t.Helper()
	r := req{method: "GET", path: "/admin/dang-nhap"}
	for _, f := range extra {
		f(&r)
	}
	form := e.do(r)
	var loginTok *http.Cookie
	for _, c := range form.Result().Cookies() {
		if c.Name == loginCookie {
			loginTok = c
		}
	}
	if loginTok == nil {
		e.t.Fatalf("login form set no %s cookie", loginCookie)
	}
	p := req{method: "POST", path: "/admin/dang-nhap", csrf: loginTok.Value, cookies: []*http.Cookie{loginTok},
		form: url.Values{"ten_dang_nhap": {username}, "mat_khau": {password}}}
	for _, f := range extra {
		f(&p)
	}
	p.method, p.path = "POST", "/admin/dang-nhap"
	res := e.do(p)
	return cookieValue(res, sessionCookie), res
}

func cookieValue(res *httptest.ResponseRecorder, name string) string {
	for _, c := range res.Result().Cookies() {
		if c.Name == name && c.MaxAge >= 0 {
			return c.Value
		}
	}
	return ""
}

// snapshot is every row of every table, as text: two equal snapshots mean
// the request changed nothing in the database.
func (e *env) snapshot() string {
	e.t.Helper()
	db, err := sql.Open("sqlite", "file:"+e.path+"?mode=ro&_pragma=busy_timeout(5000)")
	must(e.t, err)
	defer db.Close()
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	must(e.t, err)
	var tables []string
	for rows.Next() {
		var n string
		must(e.t, rows.Scan(&n))
		tables = append(tables, n)
	}
	rows.Close()
	var b strings.Builder
	for _, tb := range tables {
		rows, err := db.Query(`SELECT * FROM "` + tb + `"`)
		must(e.t, err)
		cols, _ := rows.Columns()
		var lines []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			must(e.t, rows.Scan(ptrs...))
			lines = append(lines, fmt.Sprint(vals...))
		}
		rows.Close()
		sort.Strings(lines)
		fmt.Fprintf(&b, "== %s (%d)\n%s\n", tb, len(lines), strings.Join(lines, "\n"))
	}
	return b.String()
}

// count runs a COUNT query on the database file.
func (e *env) count(q string, args ...any) int {
	e.t.Helper()
	db, err := sql.Open("sqlite", "file:"+e.path+"?mode=ro&_pragma=busy_timeout(5000)")
	must(e.t, err)
	defer db.Close()
	var n int
	must(e.t, db.QueryRow(q, args...).Scan(&n))
	return n
}

var tagRE = regexp.MustCompile(`<[^>]+>`)

// text is a response body without tags, for reading what a person sees.
func text(res *httptest.ResponseRecorder) string {
	return strings.Join(strings.Fields(tagRE.ReplaceAllString(res.Body.String(), " ")), " ")
}
