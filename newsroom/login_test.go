package newsroom

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/store"
)

func TestLoginAndLogout(t *testing.T) {
	e := newEnv(t)
	// Any admin page without a session leads to the login, with the way back.
	res := e.do(req{method: "GET", path: "/admin/nhat-ky?thao_tac=auth.login"})
	if res.Code != http.StatusSeeOther || res.Header().Get("Location") != "/admin/dang-nhap?tiep=%2Fadmin%2Fnhat-ky%3Fthao_tac%3Dauth.login" {
		t.Fatalf("redirect %d %q", res.Code, res.Header().Get("Location"))
	}
	form := e.do(req{method: "GET", path: res.Header().Get("Location")})
	if !strings.Contains(form.Body.String(), `name="tiep" value="/admin/nhat-ky?thao_tac=auth.login"`) {
		t.Errorf("login form lost the way back:\n%s", form.Body.String())
	}

	token, res := e.login("  ThuKy ", testPassword, func(r *req) {
		if r.method == "POST" {
			r.form.Set("tiep", "/admin/nhat-ky?thao_tac=auth.login")
		}
	})
	if res.Code != http.StatusSeeOther || res.Header().Get("Location") != "/admin/nhat-ky?thao_tac=auth.login" || token == "" {
		t.Fatalf("login: %d %q token %q", res.Code, res.Header().Get("Location"), token)
	}
	var sc *http.Cookie
	for _, c := range res.Result().Cookies() {
		if c.Name == sessionCookie {
			sc = c
		}
	}
	if !sc.HttpOnly || sc.SameSite != http.SameSiteLaxMode || sc.Path != "/admin/" || sc.Secure || sc.MaxAge != int((30*24*time.Hour).Seconds()) {
		t.Errorf("session cookie %+v", sc)
	}
	// Only the token's hash is stored.
	if strings.Contains(e.snapshot(), token) || e.count(`SELECT COUNT(*) FROM sessions WHERE id = ?`, auth.SessionID(token)) != 1 {
		t.Error("the session is not stored under the token's hash alone")
	}
	desk := e.do(req{method: "GET", path: "/admin/", token: token})
	if desk.Code != 200 || !strings.Contains(text(desk), "Chào Tên thuky") || !strings.Contains(text(desk), "Thư ký tòa soạn") {
		t.Errorf("desk: %d %s", desk.Code, text(desk))
	}
	// Logged in, the login form sends you on.
	if res := e.do(req{method: "GET", path: "/admin/dang-nhap", token: token}); res.Code != http.StatusSeeOther {
		t.Errorf("login form while logged in: %d", res.Code)
	}

	out := e.do(req{method: "POST", path: "/admin/dang-xuat", token: token, csrf: "auto"})
	if out.Code != http.StatusSeeOther || out.Header().Get("Location") != "/admin/dang-nhap?thoat=1" {
		t.Errorf("logout: %d %q", out.Code, out.Header().Get("Location"))
	}
	if e.count(`SELECT COUNT(*) FROM sessions WHERE id = ?`, auth.SessionID(token)) != 0 {
		t.Error("logout left the session")
	}
	if res := e.do(req{method: "GET", path: "/admin/", token: token}); res.Code != http.StatusSeeOther {
		t.Errorf("after logout: %d", res.Code)
	}
	if n := e.count(`SELECT COUNT(*) FROM audit_log WHERE action IN (?, ?) AND user_id = ?`, auth.EventLogin, auth.EventLogout, e.users["thuky"].ID); n != 3 {
		t.Errorf("%d login/logout audit entries for thuky, want 3 (setup, login, logout)", n)
	}
	if !strings.Contains(text(e.do(req{method: "GET", path: "/admin/dang-nhap?thoat=1"})), "Bạn đã đăng xuất.") {
		t.Error("no logout notice")
	}
}

func TestLoginCookieSecureOverTLS(t *testing.T) {
	e := newEnv(t)
	_, res := e.login("quantri", testPassword, func(r *req) { r.tls = true })
	if res.Code != http.StatusSeeOther {
		t.Fatalf("login over TLS: %d", res.Code)
	}
	for _, c := range res.Result().Cookies() {
		if !c.Secure {
			t.Errorf("cookie %s not Secure over TLS", c.Name)
		}
	}
}

func TestLoginRefusals(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		name, user, pass string
	}{
		{"wrong password", "bientap", "sai-mat-khau-roi"},
		{"no such account", "khongco", testPassword},
		{"disabled account", locked, testPassword},
	}
	for _, tc := range tests {
		before := e.count(`SELECT COUNT(*) FROM sessions`)
		token, res := e.login(tc.user, tc.pass)
		if token != "" || res.Code != http.StatusUnauthorized || !strings.Contains(text(res), "Tên đăng nhập hoặc mật khẩu không đúng") {
			t.Errorf("%s: %d token %q: %s", tc.name, res.Code, token, text(res))
		}
		if e.count(`SELECT COUNT(*) FROM sessions`) != before {
			t.Errorf("%s: a session was made", tc.name)
		}
	}
	if n := e.count(`SELECT COUNT(*) FROM audit_log WHERE action = ?`, auth.EventLoginFailed); n != 3 {
		t.Errorf("%d failed-login audit entries, want 3", n)
	}
	// Empty fields: said so, not counted.
	_, res := e.login("", "")
	if res.Code != http.StatusBadRequest || !strings.Contains(text(res), "Mời bạn nhập tên đăng nhập và mật khẩu") {
		t.Errorf("empty: %d", res.Code)
	}
	// The way back may only lead into the newsroom.
	for _, bad := range []string{"https://evil.example/admin/", "//evil.example/admin/", "/admin/../khac", "/chuyen-muc/"} {
		_, res := e.login("quantri", testPassword, func(r *req) {
			if r.method == "POST" {
				r.form.Set("tiep", bad)
			}
		})
		if loc := res.Header().Get("Location"); res.Code != http.StatusSeeOther || loc != "/admin/" {
			t.Errorf("next %q: %d to %q", bad, res.Code, loc)
		}
	}
}

func TestSafeNext(t *testing.T) {
	tests := map[string]string{
		"":                                 "/admin/",
		"/admin/":                          "/admin/",
		"/admin/tai-khoan":                 "/admin/tai-khoan",
		"/admin/nhat-ky?nguoi=3&tu=2026-1": "/admin/nhat-ky?nguoi=3&tu=2026-1",
		"/admin/bai/12/":                   "/admin/bai/12/",
		"/admin/../etc":                    "/admin/",
		"/admin/./tai-khoan":               "/admin/tai-khoan",
		"/admin//evil.example":             "/admin/evil.example",
		"//evil.example/admin/":            "/admin/",
		"https://evil.example/admin/":      "/admin/",
		"/admin\\evil":                     "/admin/",
		"/admin/\r\nSet-Cookie: x":         "/admin/",
		"/admin/dang-nhap":                 "/admin/",
		"/admin/dang-xuat":                 "/admin/",
		"/admin/static/x.css":              "/admin/",
		"javascript:alert(1)":              "/admin/",
		"/the-thao/":                       "/admin/",
		"/admin":                           "/admin/",
	}
	for in, want := range tests {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAccountThrottling(t *testing.T) {
	e := newEnv(t)
	for i := 1; i <= auth.AccountThrottle.Free; i++ {
		if _, res := e.login("bientap", "sai-mat-khau-roi"); res.Code != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i, res.Code)
		}
	}
	// Now even the right password waits, and is not looked at.
	token, res := e.login("bientap", testPassword)
	if token != "" || res.Code != http.StatusTooManyRequests || res.Header().Get("Retry-After") != "30" ||
		!strings.Contains(text(res), "Vui lòng thử lại sau 30 giây.") {
		t.Fatalf("throttled: %d %q %s", res.Code, res.Header().Get("Retry-After"), text(res))
	}
	e.clock.Add(20 * time.Second)
	if _, res := e.login("bientap", testPassword); !strings.Contains(text(res), "thử lại sau 10 giây") {
		t.Errorf("10 s left: %s", text(res))
	}
	// Another account from the same address is not held up.
	if tok, _ := e.login("thuky", testPassword); tok == "" {
		t.Error("another account throttled")
	}
	e.clock.Add(11 * time.Second)
	// A further failure doubles the wait.
	if _, res := e.login("bientap", "van-sai-mat-khau"); res.Code != http.StatusUnauthorized {
		t.Fatalf("sixth failure: %d", res.Code)
	}
	if _, res := e.login("bientap", testPassword); res.Code != http.StatusTooManyRequests || !strings.Contains(text(res), "1 phút") {
		t.Errorf("after the sixth: %d %s", res.Code, text(res))
	}
	e.clock.Add(time.Minute)
	if tok, res := e.login("bientap", testPassword); tok == "" {
		t.Fatalf("after the wait: %d %s", res.Code, text(res))
	}
	// Success cleared the account's count.
	if _, res := e.login("bientap", "sai-mat-khau-roi"); res.Code != http.StatusUnauthorized {
		t.Errorf("after success, a failure is throttled: %d", res.Code)
	}
	// Counts survive a restart.
	for i := 0; i < auth.AccountThrottle.Free; i++ {
		e.login("phongvien", "sai-mat-khau-roi")
	}
	e.restart()
	if _, res := e.login("phongvien", testPassword); res.Code != http.StatusTooManyRequests {
		t.Errorf("after restart: %d", res.Code)
	}
	// Names without an account are throttled alike: nothing tells them apart.
	for i := 0; i < auth.AccountThrottle.Free; i++ {
		e.login("khongco", "sai-mat-khau-roi")
	}
	if _, res := e.login("khongco", "sai-mat-khau-roi"); res.Code != http.StatusTooManyRequests {
		t.Errorf("unknown name: %d", res.Code)
	}
	// Forgotten after a day without failures.
	e.clock.Add(auth.AccountThrottle.Forget)
	if tok, _ := e.login("phongvien", testPassword); tok == "" {
		t.Error("failures not forgotten after a day")
	}
}

func TestAddressThrottling(t *testing.T) {
	e := newEnv(t)
	from := func(addr string) func(*req) { return func(r *req) { r.remote = addr } }
	for i := 0; i < auth.AddressThrottle.Free; i++ {
		name := "thu" + strings.Repeat("x", i%4) + string(rune('a'+i))
		if _, res := e.login(name, "sai-mat-khau-roi", from("203.0.113.50:4000")); res.Code != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i, res.Code)
		}
	}
	if _, res := e.login("quantri", testPassword, from("203.0.113.50:4001")); res.Code != http.StatusTooManyRequests {
		t.Errorf("address not throttled after %d failures: %d", auth.AddressThrottle.Free, res.Code)
	}
	if tok, _ := e.login("quantri", testPassword, from("198.51.100.7:4000")); tok == "" {
		t.Error("another address throttled")
	}
	// IPv6 clients are counted per /64.
	for i := 0; i < auth.AddressThrottle.Free; i++ {
		e.login("khong"+string(rune('a'+i)), "sai-mat-khau-roi", from("[2001:db8:1:2::"+strings.Repeat("1", 1+i%3)+"]:443"))
	}
	if _, res := e.login("thuky", testPassword, from("[2001:db8:1:2:ffff::9]:443")); res.Code != http.StatusTooManyRequests {
		t.Errorf("same /64 not throttled: %d", res.Code)
	}
}

// TestConcurrentGuessesAreCounted fires guesses at one account at once:
// each must see the failures before it, so only Free of them are tried.
func TestConcurrentGuessesAreCounted(t *testing.T) {
	e := newEnv(t)
	form := e.do(req{method: "GET", path: "/admin/dang-nhap"})
	lc := form.Result().Cookies()[0]
	var mu sync.Mutex
	codes := map[int]int{}
	var wg sync.WaitGroup
	for i := 0; i < 12; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res := e.do(req{method: "POST", path: "/admin/dang-nhap", csrf: lc.Value, cookies: []*http.Cookie{lc},
				form: url.Values{"ten_dang_nhap": {"bientap"}, "mat_khau": {"doan-mo-mat-khau"}}})
			mu.Lock()
			codes[res.Code]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	if codes[http.StatusUnauthorized] != auth.AccountThrottle.Free || codes[http.StatusTooManyRequests] != 12-auth.AccountThrottle.Free {
		t.Errorf("codes %v: want %d tried and the rest throttled", codes, auth.AccountThrottle.Free)
	}
}

func TestLoginCSRF(t *testing.T) {
	e := newEnv(t)
	post := func(r req) (int, string) {
		r.method, r.path = "POST", "/admin/dang-nhap"
		r.form = url.Values{"ten_dang_nhap": {"quantri"}, "mat_khau": {testPassword}}
		res := e.do(r)
		return res.Code, cookieValue(res, sessionCookie)
	}
	form := e.do(req{method: "GET", path: "/admin/dang-nhap"})
	var lc *http.Cookie
	for _, c := range form.Result().Cookies() {
		if c.Name == loginCookie {
			lc = c
		}
	}
	if lc == nil || !lc.HttpOnly || lc.SameSite != http.SameSiteStrictMode || !strings.Contains(form.Body.String(), `value="`+lc.Value+`"`) {
		t.Fatalf("login form token: %+v", lc)
	}
	if code, tok := post(req{}); code != http.StatusForbidden || tok != "" {
		t.Errorf("no token at all: %d", code)
	}
	if code, tok := post(req{csrf: lc.Value}); code != http.StatusForbidden || tok != "" {
		t.Errorf("form token without cookie: %d", code)
	}
	if code, tok := post(req{cookies: []*http.Cookie{lc}}); code != http.StatusForbidden || tok != "" {
		t.Errorf("cookie without form token: %d", code)
	}
	other, _, _ := auth.NewSessionToken()
	if code, tok := post(req{cookies: []*http.Cookie{lc}, csrf: other}); code != http.StatusForbidden || tok != "" {
		t.Errorf("mismatched token: %d", code)
	}
	if code, tok := post(req{cookies: []*http.Cookie{lc}, csrf: lc.Value, header: map[string]string{"Sec-Fetch-Site": "cross-site"}}); code != http.StatusForbidden || tok != "" {
		t.Errorf("cross-site login: %d", code)
	}
	if e.count(`SELECT COUNT(*) FROM sessions WHERE user_id = ?`, e.users["quantri"].ID) != 1 {
		t.Error("a refused login made a session")
	}
	if code, tok := post(req{cookies: []*http.Cookie{lc}, csrf: lc.Value, header: map[string]string{"Sec-Fetch-Site": "same-origin"}}); code != http.StatusSeeOther || tok == "" {
		t.Errorf("good login: %d", code)
	}
}

// TestCSRF: a logged-in person's state-changing request needs the form
// token of their session and must not come from another site.
func TestCSRF(t *testing.T) {
	e := newEnv(t)
	admin := e.tokens["quantri"]
	create := url.Values{"ten_dang_nhap": {"moi.tao"}, "vai_tro": {"reporter"}, "mat_khau": {"mật-khẩu-mới-2027"}, "nhap_lai": {"mật-khẩu-mới-2027"}}
	tests := []struct {
		name   string
		csrf   string
		header map[string]string
	}{
		{"missing token", "", nil},
		{"another session's token", auth.CSRFToken(e.tokens["thuky"]), nil},
		{"garbage token", "abc", nil},
		{"cross-site fetch", "auto", map[string]string{"Sec-Fetch-Site": "cross-site"}},
		{"same-site other origin", "auto", map[string]string{"Sec-Fetch-Site": "same-site"}},
		{"foreign Origin, old browser", "auto", map[string]string{"Origin": "https://evil.example"}},
		{"wrong header token", "", map[string]string{"X-CSRF-Token": auth.CSRFToken(e.tokens["thuky"])}},
	}
	for _, tc := range tests {
		before := e.snapshot()
		res := e.do(req{method: "POST", path: "/admin/tai-khoan", token: admin, csrf: tc.csrf, form: create, header: tc.header})
		if res.Code != http.StatusForbidden {
			t.Errorf("%s: %d, want 403", tc.name, res.Code)
		}
		if body := text(res); !strings.Contains(body, "Biểu mẫu đã quá hạn") && !strings.Contains(body, "đến từ một trang web khác") {
			t.Errorf("%s: page says %q", tc.name, body)
		}
		if e.snapshot() != before {
			t.Errorf("%s: the database changed", tc.name)
		}
	}
	// The token may come in a header instead, for scripts.
	res := e.do(req{method: "POST", path: "/admin/dang-xuat", token: e.tokens["thuky"],
		header: map[string]string{"X-CSRF-Token": auth.CSRFToken(e.tokens["thuky"])}})
	if res.Code != http.StatusSeeOther {
		t.Errorf("token in a header: %d", res.Code)
	}
	res = e.do(req{method: "POST", path: "/admin/tai-khoan", token: admin, csrf: "auto", form: create,
		header: map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": "http://toasoan.test"}})
	if res.Code != http.StatusSeeOther {
		t.Errorf("good request: %d %s", res.Code, text(res))
	}
	if _, err := e.st.UserByUsername(ctx, "moi.tao"); err != nil {
		t.Errorf("account not created: %v", err)
	}
}

// TestRehashOnLogin: raising the hashing parameters upgrades each hash at
// its owner's next login.
func TestRehashOnLogin(t *testing.T) {
	e := newEnv(t)
	old := e.users["bientap"].PasswordHash
	stronger := cheap
	stronger.Time = 2
	e.n.params = stronger
	if tok, res := e.login("bientap", testPassword); tok == "" {
		t.Fatalf("login: %d", res.Code)
	}
	u, err := e.st.UserByUsername(ctx, "bientap")
	must(t, err)
	if u.PasswordHash == old || !strings.Contains(u.PasswordHash, "t=2,") {
		t.Errorf("hash not upgraded: %q", u.PasswordHash)
	}
	if ok, rehash, _ := auth.VerifyPassword(u.PasswordHash, testPassword, stronger); !ok || rehash {
		t.Error("the new hash does not verify with the new parameters")
	}
	es, err := e.st.Audit(ctx, store.AuditQuery{Action: auth.EventPasswordRehash})
	must(t, err)
	if len(es) != 1 || es[0].UserID != u.ID {
		t.Errorf("rehash audit: %+v", es)
	}
}
