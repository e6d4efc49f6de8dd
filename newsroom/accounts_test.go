package newsroom

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
)

func TestEditAccount(t *testing.T) {
	e := newEnv(t)
	v := e.users[victim]
	path := "/admin/tai-khoan/" + itoa(v.ID)
	page := e.get("quantri", path)
	if page.Code != http.StatusOK || !strings.Contains(page.Body.String(), `value="Tên nannhan"`) {
		t.Fatalf("edit page: %d %s", page.Code, text(page))
	}
	if !strings.Contains(e.get("quantri", "/admin/tai-khoan").Body.String(), `href="`+path+`"`) {
		t.Error("the accounts list does not link to the edit page")
	}
	res := e.post("quantri", path, url.Values{"ten_hien_thi": {"  Châu   Tiến "}, "vai_tro": {"editor"},
		"chuyen_muc": {itoa(e.sport.ID), itoa(e.local.ID)}})
	if res.Code != http.StatusSeeOther || res.Header().Get("Location") != path+"?da-luu=1" {
		t.Fatalf("save: %d %s", res.Code, text(res))
	}
	got, err := e.st.User(ctx, v.ID)
	must(t, err)
	if got.DisplayName != "Châu Tiến" || got.Role != auth.Editor || !sameSet(got.Sections, []int64{e.sport.ID, e.local.ID}) {
		t.Errorf("after edit %+v", got)
	}
	es, err := e.st.Audit(ctx, store.AuditQuery{Action: auth.EventUserUpdate})
	must(t, err)
	if len(es) != 1 || es[0].UserID != e.users["quantri"].ID || !strings.Contains(es[0].Detail, "vai trò Phóng viên → Biên tập viên") ||
		!strings.Contains(es[0].Detail, "tên hiển thị “Tên nannhan” → “Châu Tiến”") {
		t.Errorf("audit %+v", es)
	}
	if page := text(e.get("quantri", path+"?da-luu=1")); !strings.Contains(page, "Đã lưu thay đổi của tài khoản nannhan") {
		t.Errorf("notice: %s", page)
	}

	// The same form again changes nothing and writes nothing.
	before := e.snapshot()
	res = e.post("quantri", path, url.Values{"ten_hien_thi": {"Châu Tiến"}, "vai_tro": {"editor"},
		"chuyen_muc": {itoa(e.local.ID), itoa(e.sport.ID)}})
	if res.Code != http.StatusSeeOther || !strings.HasSuffix(res.Header().Get("Location"), "?khong-doi=1") || e.snapshot() != before {
		t.Errorf("unchanged save: %d %q", res.Code, res.Header().Get("Location"))
	}

	refused := []struct {
		name string
		form url.Values
		msg  string
	}{
		{"no role", url.Values{"vai_tro": {""}}, "Mời bạn chọn vai trò"},
		{"unknown role", url.Values{"vai_tro": {"chief"}}, "Mời bạn chọn vai trò"},
		{"sub-section", url.Values{"vai_tro": {"editor"}, "chuyen_muc": {"3"}}, "không phải chuyên mục chính"},
		{"bad section", url.Values{"vai_tro": {"editor"}, "chuyen_muc": {"x"}}, "Chuyên mục không hợp lệ"},
		{"long name", url.Values{"vai_tro": {"editor"}, "ten_hien_thi": {strings.Repeat("Tên ", 30)}}, "dài quá 100 ký tự"},
		{"unknown author", url.Values{"vai_tro": {"editor"}, "tac_gia": {"999"}}, "Tác giả đã chọn không có"},
		{"bad author", url.Values{"vai_tro": {"editor"}, "tac_gia": {"ai-do"}}, "Tác giả không hợp lệ"},
	}
	for _, tc := range refused {
		res := e.post("quantri", path, tc.form)
		if res.Code != http.StatusBadRequest || !strings.Contains(text(res), tc.msg) {
			t.Errorf("%s: %d, want 400 with %q: %s", tc.name, res.Code, tc.msg, text(res))
		}
	}
	if res := e.get("quantri", "/admin/tai-khoan/9999"); res.Code != http.StatusNotFound {
		t.Errorf("missing account: %d", res.Code)
	}
	if res := e.post("quantri", "/admin/tai-khoan/9999", url.Values{"vai_tro": {"editor"}}); res.Code != http.StatusNotFound {
		t.Errorf("edit missing account: %d", res.Code)
	}
	if e.snapshot() != before {
		t.Error("a refused edit changed the database")
	}
}

func TestAccountByline(t *testing.T) {
	e := newEnv(t)
	// Articles by "Thu Thảo" already exist: her author record is there.
	a := e.publishedArticle("Bài của Thu Thảo", e.local.ID, true)
	full, _ := e.st.Article(ctx, a.ID)
	full.Authors = []content.Author{{Name: "Thu Thảo", Slug: "thu-thao"}}
	must(t, e.st.UpdateArticle(ctx, full))
	authors, err := e.st.Authors(ctx)
	must(t, err)
	if len(authors) != 1 {
		t.Fatalf("authors %+v", authors)
	}
	v := e.users[victim]
	path := "/admin/tai-khoan/" + itoa(v.ID)

	// Pick the existing author.
	if res := e.post("quantri", path, url.Values{"ten_hien_thi": {"Nạn Nhân"}, "vai_tro": {"reporter"}, "tac_gia": {itoa(authors[0].ID)}}); res.Code != http.StatusSeeOther {
		t.Fatalf("link: %d %s", res.Code, text(res))
	}
	u, _ := e.st.User(ctx, v.ID)
	au, err := AccountAuthor(ctx, e.st, u)
	must(t, err)
	if au == nil || au.Slug != "thu-thao" {
		t.Errorf("author %+v", au)
	}
	if !strings.Contains(e.get("quantri", path).Body.String(), `value="`+itoa(authors[0].ID)+`" selected`) {
		t.Error("the edit page does not show the linked author")
	}
	// What the account writes now is credited to that author.
	res := e.do(req{method: "POST", path: "/admin/bai-viet", token: e.newSession(victim), csrf: "auto",
		form: url.Values{"tieu_de": {"Bài mới của Thu Thảo"}, "chuyen_muc": {itoa(e.local.ID)}, "loai": {"0"}}})
	if res.Code != http.StatusSeeOther {
		t.Fatalf("write as the linked account: %d %s", res.Code, text(res))
	}
	id, _ := strconv.ParseInt(strings.TrimPrefix(strings.Split(res.Header().Get("Location"), "?")[0], "/admin/bai-viet/"), 10, 64)
	written, err := e.st.Article(ctx, id)
	must(t, err)
	if len(written.Authors) != 1 || written.Authors[0].ID != authors[0].ID || written.Byline != "THU THẢO" {
		t.Errorf("new article credited to %+v, byline %q; want the linked author Thu Thảo", written.Authors, written.Byline)
	}

	// "By display name": a new author made once, then reused.
	if res := e.post("quantri", path, url.Values{"ten_hien_thi": {"Châu Tiến"}, "vai_tro": {"reporter"}, "tac_gia": {"moi"}}); res.Code != http.StatusSeeOther {
		t.Fatalf("new author: %d %s", res.Code, text(res))
	}
	u, _ = e.st.User(ctx, v.ID)
	au, _ = AccountAuthor(ctx, e.st, u)
	if au == nil || au.Name != "Châu Tiến" || au.Slug != "chau-tien" {
		t.Errorf("new author %+v", au)
	}
	if auditCount(e, EventAuthorCreate) != 1 {
		t.Error("the new author was not audited")
	}
	other := e.users["bientap"]
	if res := e.post("quantri", "/admin/tai-khoan/"+itoa(other.ID), url.Values{"ten_hien_thi": {"Châu Tiến"}, "vai_tro": {"editor"}, "tac_gia": {"moi"}}); res.Code != http.StatusSeeOther {
		t.Fatalf("reuse author: %d %s", res.Code, text(res))
	}
	o, _ := e.st.User(ctx, other.ID)
	if o.AuthorID != u.AuthorID || auditCount(e, EventAuthorCreate) != 1 {
		t.Errorf("the same name made a second author: %d vs %d", o.AuthorID, u.AuthorID)
	}

	// Unlink.
	if res := e.post("quantri", path, url.Values{"ten_hien_thi": {"Châu Tiến"}, "vai_tro": {"reporter"}, "tac_gia": {""}}); res.Code != http.StatusSeeOther {
		t.Fatalf("unlink: %d", res.Code)
	}
	if u, _ := e.st.User(ctx, v.ID); u.AuthorID != 0 {
		t.Error("not unlinked")
	}
}

func TestResetPassword(t *testing.T) {
	e := newEnv(t)
	v := e.users[victim]
	path := "/admin/tai-khoan/" + itoa(v.ID) + "/mat-khau"
	second := e.newSession(victim)
	refused := []struct {
		name string
		form url.Values
		msg  string
	}{
		{"mismatch", url.Values{"mat_khau_moi": {"mật-khẩu-mới-2027"}, "nhap_lai": {"mật-khẩu-khác-2027"}}, "không khớp"},
		{"short", url.Values{"mat_khau_moi": {"ngắn"}, "nhap_lai": {"ngắn"}}, "ít nhất 10 ký tự"},
	}
	before := e.snapshot()
	for _, tc := range refused {
		res := e.post("quantri", path, tc.form)
		if res.Code != http.StatusBadRequest || !strings.Contains(text(res), tc.msg) {
			t.Errorf("%s: %d %s", tc.name, res.Code, text(res))
		}
	}
	self := e.post("quantri", "/admin/tai-khoan/"+itoa(e.users["quantri"].ID)+"/mat-khau",
		url.Values{"mat_khau_moi": {"mật-khẩu-mới-2027"}, "nhap_lai": {"mật-khẩu-mới-2027"}})
	if self.Code != http.StatusBadRequest || !strings.Contains(text(self), "Phiên và mật khẩu") {
		t.Errorf("resetting one's own password here: %d %s", self.Code, text(self))
	}
	if e.snapshot() != before {
		t.Error("a refused reset changed the database")
	}

	res := e.post("quantri", path, url.Values{"mat_khau_moi": {"mật-khẩu-đặt-lại-2027"}, "nhap_lai": {"mật-khẩu-đặt-lại-2027"}})
	if res.Code != http.StatusSeeOther {
		t.Fatalf("reset: %d %s", res.Code, text(res))
	}
	// Both of the user's sessions are gone; the admin's is not.
	for _, tok := range []string{e.tokens[victim], second} {
		if r := e.do(req{method: "GET", path: "/admin/", token: tok}); r.Code != http.StatusSeeOther {
			t.Errorf("a session survived the reset: %d", r.Code)
		}
	}
	if r := e.get("quantri", "/admin/"); r.Code != http.StatusOK {
		t.Errorf("the admin was logged out: %d", r.Code)
	}
	if tok, _ := e.login(victim, testPassword); tok != "" {
		t.Error("the old password still works")
	}
	if tok, _ := e.login(victim, "mật-khẩu-đặt-lại-2027"); tok == "" {
		t.Error("the new password does not work")
	}
	es, _ := e.st.Audit(ctx, store.AuditQuery{Action: EventPasswordReset})
	if len(es) != 1 || es[0].Object != "user:"+victim || es[0].UserID != e.users["quantri"].ID {
		t.Errorf("audit %+v", es)
	}
}

func TestLastAdminStays(t *testing.T) {
	e := newEnv(t)
	admin := e.users["quantri"]
	self := "/admin/tai-khoan/" + itoa(admin.ID)
	before := e.snapshot()
	res := e.post("quantri", self, url.Values{"ten_hien_thi": {"Quản trị"}, "vai_tro": {"editor"}})
	if res.Code != http.StatusBadRequest || !strings.Contains(text(res), "tài khoản quản trị cuối cùng còn hoạt động") {
		t.Fatalf("demoting the only admin: %d %s", res.Code, text(res))
	}
	if e.snapshot() != before {
		t.Error("the refused demotion changed the database")
	}
	// Nor does asking for a new byline author with it leave one behind.
	res = e.post("quantri", self, url.Values{"ten_hien_thi": {"Quản trị"}, "vai_tro": {"editor"}, "tac_gia": {"moi"}})
	if res.Code != http.StatusBadRequest || !strings.Contains(text(res), "tài khoản quản trị cuối cùng còn hoạt động") {
		t.Fatalf("demoting the only admin with a new author: %d %s", res.Code, text(res))
	}
	if e.snapshot() != before {
		t.Error("the refused demotion with a new author changed the database")
	}
	if res := e.post("quantri", self+"/khoa", nil); res.Code != http.StatusBadRequest {
		t.Errorf("disabling oneself: %d", res.Code)
	}
	// The command line cannot disable the last admin either.
	if _, err := DisableAccount(ctx, e.st, admin, store.AuditEntry{At: e.clock.Now()}); err == nil ||
		!strings.Contains(err.Error(), "quản trị cuối cùng") {
		t.Errorf("DisableAccount of the last admin: %v", err)
	}

	// With a second admin, one may step down; the pages are then not theirs.
	e.addUser("quantri2", auth.Admin)
	res = e.post("quantri", self, url.Values{"ten_hien_thi": {"Quản trị cũ"}, "vai_tro": {"managing-editor"}})
	if res.Code != http.StatusSeeOther || res.Header().Get("Location") != "/admin/" {
		t.Fatalf("stepping down: %d %q %s", res.Code, res.Header().Get("Location"), text(res))
	}
	if u, _ := e.st.User(ctx, admin.ID); u.Role != auth.ManagingEditor {
		t.Errorf("role %s", u.Role)
	}
	if res := e.get("quantri", "/admin/tai-khoan"); res.Code != http.StatusForbidden {
		t.Errorf("a former admin opens the accounts page: %d", res.Code)
	}
}

// TestAccountEditAfterSomeoneElse: two admins open the same account; the
// first saves a new role, the second's form (opened before) is refused
// with 409 and what is stored now, never saved over the first's change;
// sent again from the refreshed form it goes through.
func TestAccountEditAfterSomeoneElse(t *testing.T) {
	e := newEnv(t)
	v := e.users[victim]
	path := "/admin/tai-khoan/" + itoa(v.ID)
	stamp := func(page string) string {
		m := regexp.MustCompile(`name="ban_goc" value="([0-9a-f]+)"`).FindStringSubmatch(page)
		if m == nil {
			t.Fatal("the edit form carries no stamp")
		}
		return m[1]
	}
	opened := stamp(e.get("quantri", path).Body.String())

	if res := e.post("quantri", path, url.Values{"ban_goc": {opened}, "ten_hien_thi": {"Nạn Nhân"}, "vai_tro": {"editor"}}); res.Code != http.StatusSeeOther {
		t.Fatalf("first save: %d %s", res.Code, text(res))
	}
	before := e.snapshot()
	res := e.post("quantri", path, url.Values{"ban_goc": {opened}, "ten_hien_thi": {"Nạn Nhân Hai"}, "vai_tro": {"reporter"}})
	if res.Code != http.StatusConflict || !strings.Contains(text(res), "vừa được người khác sửa") ||
		!strings.Contains(text(res), "Biên tập viên") || !strings.Contains(res.Body.String(), `value="Nạn Nhân Hai"`) {
		t.Fatalf("stale save: %d %s", res.Code, text(res))
	}
	if e.snapshot() != before {
		t.Error("the stale form changed the account")
	}
	res = e.post("quantri", path, url.Values{"ban_goc": {stamp(res.Body.String())}, "ten_hien_thi": {"Nạn Nhân Hai"}, "vai_tro": {"reporter"}})
	if res.Code != http.StatusSeeOther {
		t.Fatalf("save from the refreshed form: %d %s", res.Code, text(res))
	}
	if u, _ := e.st.User(ctx, v.ID); u.DisplayName != "Nạn Nhân Hai" || u.Role != auth.Reporter {
		t.Errorf("after the second save: %q %s", u.DisplayName, u.Role)
	}
}
