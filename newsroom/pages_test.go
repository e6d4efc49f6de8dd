package newsroom

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
)

func TestCreateAccount(t *testing.T) {
	e := newEnv(t)
	admin := e.tokens["quantri"]
	post := func(form url.Values) (int, string) {
		res := e.do(req{method: "POST", path: "/admin/tai-khoan", token: admin, csrf: "auto", form: form})
		return res.Code, text(res)
	}
	good := func() url.Values {
		return url.Values{"ten_dang_nhap": {"Thu.Thao"}, "ten_hien_thi": {"  Nguyễn   Thu Thảo "}, "vai_tro": {"reporter"},
			"chuyen_muc": {itoa(e.sport.ID)}, "mat_khau": {"mật-khẩu-mới-2027"}, "nhap_lai": {"mật-khẩu-mới-2027"}}
	}
	bad := []struct {
		name string
		set  url.Values
		msg  string
	}{
		{"short name", url.Values{"ten_dang_nhap": {"ab"}}, "từ 3 đến 32 ký tự"},
		{"accented name", url.Values{"ten_dang_nhap": {"thảo"}}, "chỉ gồm chữ cái không dấu"},
		{"taken name", url.Values{"ten_dang_nhap": {"BienTap"}}, "đã có người dùng"},
		{"no role", url.Values{"vai_tro": {""}}, "Mời bạn chọn vai trò"},
		{"unknown role", url.Values{"vai_tro": {"chief"}}, "Mời bạn chọn vai trò"},
		{"sub-section", url.Values{"chuyen_muc": {"3"}}, "không phải chuyên mục chính"},
		{"unknown section", url.Values{"chuyen_muc": {"999"}}, "không phải chuyên mục chính"},
		{"bad section", url.Values{"chuyen_muc": {"x"}}, "Chuyên mục không hợp lệ"},
		{"mismatch", url.Values{"nhap_lai": {"mật-khẩu-khác-2027"}}, "không khớp"},
		{"short password", url.Values{"mat_khau": {"ngắn"}, "nhap_lai": {"ngắn"}}, "ít nhất 10 ký tự"},
		{"password is the name", url.Values{"mat_khau": {"Thu.Thao.1"}, "nhap_lai": {"Thu.Thao.1"}, "ten_dang_nhap": {"thu.thao.1"}}, "trùng với tên đăng nhập"},
	}
	before := e.snapshot()
	for _, tc := range bad {
		f := good()
		for k, v := range tc.set {
			f[k] = v
		}
		code, body := post(f)
		if code != http.StatusBadRequest || !strings.Contains(body, tc.msg) {
			t.Errorf("%s: %d, want 400 with %q: %s", tc.name, code, tc.msg, body)
		}
	}
	if e.snapshot() != before {
		t.Fatal("a refused form changed the database")
	}
	if code, body := post(good()); code != http.StatusSeeOther {
		t.Fatalf("good form: %d %s", code, body)
	}
	u, err := e.st.UserByUsername(ctx, "thu.thao")
	must(t, err)
	if u.DisplayName != "Nguyễn Thu Thảo" || u.Role != auth.Reporter || len(u.Sections) != 1 || u.Sections[0] != e.sport.ID {
		t.Errorf("created %+v", u)
	}
	es, err := e.st.Audit(ctx, store.AuditQuery{Action: auth.EventUserCreate, UserID: e.users["quantri"].ID})
	must(t, err)
	if len(es) != 1 || es[0].Object != "user:thu.thao" || !strings.Contains(es[0].Detail, "Phóng viên") || !strings.Contains(es[0].Detail, "Thể thao") {
		t.Errorf("audit %+v", es)
	}
	page := e.do(req{method: "GET", path: "/admin/tai-khoan?da-tao=thu.thao", token: admin})
	if !strings.Contains(text(page), "Đã tạo tài khoản thu.thao.") || !strings.Contains(text(page), "Nguyễn Thu Thảo") {
		t.Errorf("list after create: %s", text(page))
	}
	if strings.Contains(text(e.do(req{method: "GET", path: "/admin/tai-khoan?da-tao=khong.co", token: admin})), "Đã tạo tài khoản") {
		t.Error("a made-up notice was shown")
	}
	// The new reporter can log in and is limited to their section.
	tok, _ := e.login("thu.thao", "mật-khẩu-mới-2027")
	desk := e.do(req{method: "GET", path: "/admin/", token: tok})
	if !strings.Contains(text(desk), "Chuyên mục Thể thao") || strings.Contains(text(desk), "Bài viết theo tình trạng") {
		t.Errorf("reporter desk: %s", text(desk))
	}
}

func TestAdminCannotDisableSelf(t *testing.T) {
	e := newEnv(t)
	before := e.snapshot()
	res := e.do(req{method: "POST", path: "/admin/tai-khoan/" + itoa(e.users["quantri"].ID) + "/khoa", token: e.tokens["quantri"], csrf: "auto"})
	if res.Code != http.StatusBadRequest || !strings.Contains(text(res), "không thể tự khóa") || e.snapshot() != before {
		t.Errorf("self-disable: %d %s", res.Code, text(res))
	}
	if res := e.do(req{method: "POST", path: "/admin/tai-khoan/99999/khoa", token: e.tokens["quantri"], csrf: "auto"}); res.Code != http.StatusNotFound {
		t.Errorf("missing account: %d", res.Code)
	}
	if res := e.do(req{method: "POST", path: "/admin/tai-khoan/abc/khoa", token: e.tokens["quantri"], csrf: "auto"}); res.Code != http.StatusNotFound {
		t.Errorf("bad id: %d", res.Code)
	}
}

func TestDesk(t *testing.T) {
	e := newEnv(t)
	now := e.clock.Now()
	mk := func(title string, cat int64, st content.Status, pub time.Time) *content.Article {
		return &content.Article{Title: title, Slug: "bai", Status: st, CategoryID: cat, CreatedAt: pub, UpdatedAt: pub, PublishedAt: pub}
	}
	must(t, e.st.CreateArticles(ctx, []*content.Article{
		mk("Tin địa phương đã đăng", e.local.ID, content.StatusPublished, now.Add(-time.Hour)),
		mk("Tin thể thao đã đăng", e.sport.ID, content.StatusPublished, now.Add(-2*time.Hour)),
		mk("Bản nháp địa phương", e.local.ID, content.StatusDraft, now),
		mk("Bài chờ biên tập thể thao", e.sport.ID, content.StatusSubmitted, now),
		mk("Hẹn giờ ngày mai", e.sport.ID, content.StatusPublished, now.Add(24*time.Hour)),
	}))
	editor := text(e.do(req{method: "GET", path: "/admin/", token: e.tokens["bientap"]}))
	for _, want := range []string{"Bài viết theo tình trạng", "1 Bản nháp", "1 Chờ biên tập", "3 Đã đăng", "Bạn đọc đang xem được 2 bài",
		"Tin địa phương đã đăng", "Tin thể thao đã đăng", "Mọi chuyên mục", "Duyệt bài"} {
		if !strings.Contains(editor, want) {
			t.Errorf("editor's desk lacks %q:\n%s", want, editor)
		}
	}
	if strings.Contains(editor, "Hẹn giờ ngày mai") || strings.Contains(editor, "Đăng bài") {
		t.Error("editor's desk shows a future article or a permission they lack")
	}
	reporter := text(e.do(req{method: "GET", path: "/admin/", token: e.tokens["phongvien"]}))
	for _, want := range []string{"Chuyên trang địa phương", "Bạn đọc đang xem được 1 bài", "Tin địa phương đã đăng", "Viết bài mới"} {
		if !strings.Contains(reporter, want) {
			t.Errorf("reporter's desk lacks %q:\n%s", want, reporter)
		}
	}
	for _, not := range []string{"Tin thể thao đã đăng", "Bài viết theo tình trạng", "Tài khoản Nhật ký", "Duyệt bài"} {
		if strings.Contains(reporter, not) {
			t.Errorf("reporter's desk shows %q", not)
		}
	}
	admin := text(e.do(req{method: "GET", path: "/admin/", token: e.tokens["quantri"]}))
	if !strings.Contains(admin, "Tài khoản") || !strings.Contains(admin, "Nhật ký") || !strings.Contains(admin, "Quản lý tài khoản") {
		t.Errorf("admin's menu: %s", admin)
	}
}

func TestAuditPage(t *testing.T) {
	e := newEnv(t)
	e.login("bientap", "sai-mat-khau-roi")
	e.clock.Add(48 * time.Hour)
	tok, _ := e.login("thuky", testPassword)
	get := func(q string) string {
		res := e.do(req{method: "GET", path: "/admin/nhat-ky" + q, token: tok})
		if res.Code != http.StatusOK {
			t.Fatalf("%s: %d", q, res.Code)
		}
		return text(res)
	}
	all := get("")
	for _, want := range []string{"Đăng nhập thất bại", "Sai mật khẩu", "Tạo tài khoản", "Khóa tài khoản", "Dòng lệnh / hệ thống"} {
		if !strings.Contains(all, want) {
			t.Errorf("audit page lacks %q", want)
		}
	}
	failed := get("?thao_tac=" + auth.EventLoginFailed)
	if !strings.Contains(failed, "user:bientap") || strings.Contains(failed, "Đăng nhập từ") {
		t.Errorf("filtered by action: %s", failed)
	}
	byUser := get("?nguoi=" + itoa(e.users["thuky"].ID))
	if strings.Contains(byUser, "user:bientap") || !strings.Contains(byUser, "Đăng nhập từ") {
		t.Errorf("filtered by user: %s", byUser)
	}
	day := e.clock.Now().In(content.Location).Format(dateLayout)
	today := get("?tu=" + day + "&den=" + day)
	if !strings.Contains(today, "Đăng nhập từ") || strings.Contains(today, "user:bientap") {
		t.Errorf("filtered by day: %s", today)
	}
	if bad := get("?tu=hom-qua"); !strings.Contains(bad, "Ngày bắt đầu không đúng dạng") {
		t.Error("a bad date is not reported")
	}
}

func TestAuditPaging(t *testing.T) {
	e := newEnv(t)
	for i := 0; i < auditPageLen+5; i++ {
		must(t, e.st.AddAudit(ctx, &store.AuditEntry{At: e.clock.Now(), Action: "thu.nghiem", Object: "so:" + itoa(int64(i))}))
	}
	first := e.do(req{method: "GET", path: "/admin/nhat-ky?thao_tac=thu.nghiem", token: e.tokens["quantri"]})
	body := first.Body.String()
	i := strings.Index(body, `href="/admin/nhat-ky?`)
	if i < 0 {
		t.Fatal("no link to older entries")
	}
	link := body[i+6 : i+6+strings.Index(body[i+6:], `"`)]
	link = strings.ReplaceAll(link, "&amp;", "&")
	second := text(e.do(req{method: "GET", path: link, token: e.tokens["quantri"]}))
	if !strings.Contains(second, "so:0") || strings.Contains(second, "so:6 ") || strings.Contains(second, "Xem cũ hơn") {
		t.Errorf("second page via %q: %s", link, second)
	}
}

func TestHeadersAndDesignedErrors(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		r    req
		code int
		says string
	}{
		{req{method: "GET", path: "/admin/khong-co-trang-nay", token: e.tokens["bientap"]}, 404, "Không tìm thấy"},
		{req{method: "GET", path: "/admin/dang-xuat"}, 405, "Thao tác không được hỗ trợ"},
		{req{method: "DELETE", path: "/admin/tai-khoan"}, 405, "Thao tác không được hỗ trợ"},
		{req{method: "GET", path: "/admin/tai-khoan", token: e.tokens["bientap"]}, 403, "không được làm việc này"},
		{req{method: "GET", path: "/admin/dang-nhap"}, 200, "Đăng nhập tòa soạn"},
		{req{method: "GET", path: "/admin/"}, 303, ""},
	}
	for _, tc := range tests {
		res := e.do(tc.r)
		if res.Code != tc.code || !strings.Contains(text(res), tc.says) {
			t.Errorf("%s %s: %d, want %d saying %q", tc.r.method, tc.r.path, res.Code, tc.code, tc.says)
		}
		h := res.Header()
		if h.Get("Cache-Control") != "no-store" || !strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") ||
			strings.Contains(h.Get("Content-Security-Policy"), "unsafe-inline") || h.Get("X-Content-Type-Options") != "nosniff" ||
			h.Get("X-Frame-Options") != "DENY" || h.Get("X-Request-Id") == "" {
			t.Errorf("%s %s headers: %v", tc.r.method, tc.r.path, h)
		}
		if strings.Contains(res.Body.String(), "<script") || strings.Contains(res.Body.String(), " style=") {
			t.Errorf("%s: inline script or style", tc.r.path)
		}
	}
	if res := e.do(req{method: "GET", path: "/admin/dang-xuat"}); res.Header().Get("Allow") == "" {
		t.Error("405 without Allow")
	}
	// The site still serves /admin without the slash as a redirect.
	if res := e.do(req{method: "GET", path: "/admin"}); res.Code != http.StatusMovedPermanently || res.Header().Get("Location") != "/admin/" {
		t.Errorf("/admin: %d %q", res.Code, res.Header().Get("Location"))
	}
}

func TestDescribeAgent(t *testing.T) {
	tests := map[string]string{
		"": "trình duyệt không rõ",
		"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36":             "Chrome trên Windows",
		"Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile Safari/604.1": "Safari trên iPad",
		"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0":                                                  "Firefox trên Linux",
		"Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 (KHTML, like Gecko) coc_coc_browser/120 Chrome/120 Safari/537.36":       "Cốc Cốc trên Windows",
		"curl/8.5.0": "chương trình",
	}
	for ua, want := range tests {
		if got := describeAgent(ua); got != want {
			t.Errorf("%q: %q, want %q", ua, got, want)
		}
	}
}
