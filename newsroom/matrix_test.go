package newsroom

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/store"
)

// principal is who sends a request in the matrix test.
type principal struct {
	name  string
	role  auth.Role // "" for someone not logged in
	actor string    // the username acting, for role principals
	token func(e *env) string
}

func principals() []principal {
	ps := []principal{
		{name: "anonymous", token: func(e *env) string { return "" }},
		{name: "garbage cookie", token: func(e *env) string { return "khong-phai-ma-phien" }},
		{name: "unknown token", token: func(e *env) string {
			tok, _, _ := auth.NewSessionToken()
			return tok
		}},
		{name: "idle session", token: func(e *env) string {
			tok := e.newSession(victim)
			e.clock.Add(auth.DefaultSessions.Idle + time.Second)
			return tok
		}},
		{name: "disabled account", token: func(e *env) string { return e.newSession(locked) }},
	}
	for _, r := range auth.Roles() {
		name := roleUser[r]
		ps = append(ps, principal{name: string(r), role: r, actor: name, token: func(e *env) string { return e.tokens[name] }})
	}
	return ps
}

// target fills in a route's path and a form that would change something
// if the request were allowed.
type target func(e *env, actor string) (path string, form url.Values)

func fixed(path string, form url.Values) target {
	return func(*env, string) (string, url.Values) { return path, form }
}

// targets are the cases of every area, merged; each area keeps its own in
// its own file.
var targets = func() map[string]target {
	all := map[string]target{}
	for _, m := range []map[string]target{coreTargets, articleTargets, mediaTargets, commentTargets, adminTargets} {
		for k, v := range m {
			if _, dup := all[k]; dup {
				panic("matrix case listed twice: " + k)
			}
			all[k] = v
		}
	}
	return all
}()

var coreTargets = map[string]target{
	"POST /admin/dang-xuat": fixed("/admin/dang-xuat", nil),
	"GET /admin/{$}":        fixed("/admin/", nil),
	"GET /admin/phien":      fixed("/admin/phien", nil),
	"POST /admin/phien/{id}/thu-hoi": func(e *env, actor string) (string, url.Values) {
		// One's own other session when logged in; someone's session otherwise.
		owner := actor
		if owner == "" {
			owner = victim
		}
		return "/admin/phien/" + auth.SessionID(e.newSession(owner)) + "/thu-hoi", nil
	},
	"POST /admin/mat-khau": fixed("/admin/mat-khau", url.Values{
		"mat_khau_cu": {testPassword}, "mat_khau_moi": {"mật-khẩu-mới-2027"}, "nhap_lai": {"mật-khẩu-mới-2027"}}),
	"GET /admin/tai-khoan": fixed("/admin/tai-khoan", nil),
	"POST /admin/tai-khoan": fixed("/admin/tai-khoan", url.Values{
		"ten_dang_nhap": {"moi.tao"}, "ten_hien_thi": {"Người mới"}, "vai_tro": {"admin"},
		"mat_khau": {"mật-khẩu-mới-2027"}, "nhap_lai": {"mật-khẩu-mới-2027"}}),
	"POST /admin/tai-khoan/{id}/khoa": func(e *env, _ string) (string, url.Values) {
		return "/admin/tai-khoan/" + itoa(e.users[victim].ID) + "/khoa", nil
	},
	"POST /admin/tai-khoan/{id}/mo-khoa": func(e *env, _ string) (string, url.Values) {
		return "/admin/tai-khoan/" + itoa(e.users[locked].ID) + "/mo-khoa", nil
	},
	"GET /admin/nhat-ky": fixed("/admin/nhat-ky?thao_tac=auth.login", nil),
}

// TestEveryRouteEveryRole walks every newsroom route as every role and as
// several kinds of nobody. A request that is not allowed gets 303 to the
// login (a page, for nobody), 401 (anything else, for nobody) or 403 (a
// role without the permission), and leaves every table of the database as
// it was. An allowed one is served, and a form post really changes things,
// which shows the refusals were not refusing a harmless request.
func TestEveryRouteEveryRole(t *testing.T) {
	routes := newEnv(t).n.routes()
	cases, guarded := 0, 0
	for _, rt := range routes {
		if rt.action == public {
			continue
		}
		guarded++
		tg, ok := targets[rt.pattern]
		if !ok {
			t.Errorf("route %q has no case in the matrix test", rt.pattern)
			continue
		}
		method, _, _ := strings.Cut(rt.pattern, " ")
		for _, p := range principals() {
			t.Run(rt.pattern+"/"+p.name, func(t *testing.T) {
				cases++
				e := newEnv(t)
				token := p.token(e)
				path, form := tg(e, p.actor)
				before := e.snapshot()
				res := e.do(req{method: method, path: path, form: form, token: token, csrf: "auto"})
				changed := e.snapshot() != before
				allowed := p.role != "" && auth.RoleAllows(p.role, rt.action)
				switch {
				case allowed:
					if res.Code == http.StatusUnauthorized || res.Code == http.StatusForbidden || res.Code >= 500 {
						t.Fatalf("allowed request refused: %d %s", res.Code, text(res))
					}
					if method == http.MethodPost && !changed {
						t.Errorf("allowed %s changed nothing (status %d): the matrix case proves nothing", path, res.Code)
					}
					if method == http.MethodGet && res.Code != http.StatusOK {
						t.Errorf("allowed GET %s: %d", path, res.Code)
					}
					if method == http.MethodGet {
						checkUniqueIDs(t, res.Body.String())
					}
				case p.role == "" && method == http.MethodGet:
					want := "/admin/dang-nhap?tiep=" + url.QueryEscape(path)
					if path == "/admin/" {
						want = "/admin/dang-nhap"
					}
					if res.Code != http.StatusSeeOther || res.Header().Get("Location") != want {
						t.Errorf("nobody GET %s: %d to %q, want 303 to %q", path, res.Code, res.Header().Get("Location"), want)
					}
				case p.role == "":
					if res.Code != http.StatusUnauthorized || !strings.Contains(text(res), "Bạn chưa đăng nhập") {
						t.Errorf("nobody %s %s: %d, want 401 with the Vietnamese page", method, path, res.Code)
					}
				default:
					if res.Code != http.StatusForbidden || !strings.Contains(text(res), "Vai trò của bạn không được làm việc này") {
						t.Errorf("%s %s %s: %d, want 403 with the Vietnamese page", p.role, method, path, res.Code)
					}
				}
				if !allowed && changed {
					t.Errorf("a refused %s %s changed the database", method, path)
				}
				if allowed && changed {
					// Whatever the request wrote to the audit log has a
					// Vietnamese name the audit page can show and filter.
					entries, err := e.st.Audit(ctx, store.AuditQuery{Limit: 1000})
					if err != nil {
						t.Fatal(err)
					}
					for _, en := range entries {
						if auth.EventLabel(en.Action) == en.Action {
							t.Errorf("audit event %q has no label in auth/events.go", en.Action)
						}
					}
				}
				if cc := res.Header().Get("Cache-Control"); cc != "no-store" {
					t.Errorf("Cache-Control %q", cc)
				}
			})
		}
	}
	if want := guarded * len(principals()); cases != want || guarded < 10 {
		t.Errorf("ran %d cases, want %d", cases, want)
	}
}

// TestPublicRoutes: the login form and the stylesheet need no session.
func TestPublicRoutes(t *testing.T) {
	e := newEnv(t)
	for _, rt := range e.n.routes() {
		if rt.action != public {
			continue
		}
		switch rt.pattern {
		case "GET /admin/dang-nhap", "POST /admin/dang-nhap", "GET /admin/static/{file}":
		default:
			t.Errorf("public route %q is not expected: every other route needs a permission", rt.pattern)
		}
	}
	if res := e.do(req{method: "GET", path: "/admin/dang-nhap"}); res.Code != http.StatusOK || !strings.Contains(text(res), "Đăng nhập tòa soạn") {
		t.Errorf("login form: %d", res.Code)
	}
	css := e.do(req{method: "GET", path: "/admin/static/" + mustHashed(t, "newsroom.css")})
	if css.Code != http.StatusOK || !strings.HasPrefix(css.Header().Get("Content-Type"), "text/css") ||
		!strings.Contains(css.Header().Get("Cache-Control"), "immutable") {
		t.Errorf("stylesheet: %d %v", css.Code, css.Header())
	}
	if res := e.do(req{method: "GET", path: "/admin/static/khong-co.css"}); res.Code != http.StatusNotFound {
		t.Errorf("missing asset: %d", res.Code)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

var idAttr = regexp.MustCompile(`\sid="([^"]+)"`)

// checkUniqueIDs fails on an id used twice in a page: labels, the skip
// link and scripts would find the wrong element.
func checkUniqueIDs(t *testing.T, page string) {
	t.Helper()
	seen := map[string]bool{}
	for _, m := range idAttr.FindAllStringSubmatch(page, -1) {
		if seen[m[1]] {
			t.Errorf("id %q is used twice in the page", m[1])
		}
		seen[m[1]] = true
	}
}
