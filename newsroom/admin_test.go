package newsroom

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/site"
	"github.com/toasoan/toasoan/store"
)

// post sends a form as a logged-in user with a valid CSRF token.
func (e *env) post(user, path string, form url.Values) *httptest.ResponseRecorder {
	e.t.Helper()
	return e.do(req{method: "POST", path: path, form: form, token: e.tokens[user], csrf: "auto"})
}

func (e *env) get(user, path string) *httptest.ResponseRecorder {
	e.t.Helper()
	path, _, _ = strings.Cut(path, "#") // browsers never send the fragment
	return e.do(req{method: "GET", path: path, token: e.tokens[user]})
}

// cachedSite mounts the newsroom in a site with its page cache on, wired as
// serve wires them: the newsroom's changes invalidate the site's caches.
func (e *env) cachedSite() {
	e.t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	var s *site.Site
	e.n = New(Config{Store: e.st, Logger: log, Now: e.clock.Now, Passwords: cheap, SiteChanged: func() { s.Invalidate() }})
	var err error
	s, err = site.New(site.Config{Store: e.st, Logger: log, Now: e.clock.Now, CacheTTL: time.Hour, Admin: e.n.Handler()})
	must(e.t, err)
	e.h = s.Handler()
}

// reader fetches a reader page of the site.
func (e *env) reader(path string) string {
	e.t.Helper()
	res := e.do(req{method: "GET", path: path})
	if res.Code != http.StatusOK {
		e.t.Fatalf("GET %s: %d", path, res.Code)
	}
	return res.Body.String()
}

var topTitleRE = regexp.MustCompile(`class="top-title"><a href="([^"]+)">([^<]+)<`)
var featuredRE = regexp.MustCompile(`(?s)<section class="featured".*?</section>`)
var teaserTitleRE = regexp.MustCompile(`class="teaser-title"><a href="[^"]+">([^<]+)<`)

// homeLead reads the home page's top story and featured titles.
func (e *env) homeLead() (string, []string) {
	e.t.Helper()
	body := e.reader("/")
	top := ""
	if m := topTitleRE.FindStringSubmatch(body); m != nil {
		top = m[2]
	}
	var feat []string
	for _, m := range teaserTitleRE.FindAllStringSubmatch(featuredRE.FindString(body), -1) {
		feat = append(feat, m[1])
	}
	return top, feat
}

func auditCount(e *env, action string) int {
	return e.count(`SELECT COUNT(*) FROM audit_log WHERE action = ?`, action)
}

func TestHomeArrangementReachesTheSite(t *testing.T) {
	e := newEnv(t)
	older := e.publishedArticle("Khánh thành cầu Phú Cường mới", e.local.ID, true)
	e.clock.Add(time.Minute)
	feat := e.publishedArticle("Bình Dương thu hút vốn FDI", e.sport.ID, true)
	e.clock.Add(time.Minute)
	newest := e.publishedArticle("Tin mới nhất trong ngày", e.sport.ID, true)
	for i := range 4 {
		e.clock.Add(time.Minute)
		e.publishedArticle("Tin thường "+string(rune('A'+i)), e.local.ID, true)
	}
	if top, _ := e.homeLead(); top != "Tin thường D" {
		t.Fatalf("automatic top story %q, want the newest pictured article", top)
	}

	// The managing editor makes an older article the top story and puts
	// another in the second featured slot.
	res := e.post("thuky", "/admin/trang-chu", url.Values{"o0": {itoa(older.ID)}, "o2": {"#" + itoa(feat.ID)}})
	if res.Code != http.StatusSeeOther || !strings.HasPrefix(res.Header().Get("Location"), "/admin/trang-chu?da-luu=1") {
		t.Fatalf("save: %d %s", res.Code, text(res))
	}
	top, featured := e.homeLead()
	if top != older.Title {
		t.Errorf("top story %q, want %q", top, older.Title)
	}
	// Slot 1 and 3, 4 are automatic: the newest others; slot 2 is the choice.
	if len(featured) != 4 || featured[1] != feat.Title || featured[0] != "Tin thường D" {
		t.Errorf("featured %q", featured)
	}
	body := e.reader("/")
	for _, a := range []*content.Article{older, feat, newest} {
		if n := strings.Count(body, `href="`+a.Path()+`"`); n > 2 {
			t.Errorf("%q is on the home page %d times: an article appears once (picture and title link)", a.Title, n/2)
		}
	}
	if auditCount(e, EventHomeArrange) != 1 {
		t.Error("the arrangement was not audited")
	}
	page := text(e.get("thuky", "/admin/trang-chu?da-luu=1"))
	if !strings.Contains(page, "Đã lưu") || !strings.Contains(page, older.Title) {
		t.Errorf("arrangement page: %s", page)
	}

	// Unpublished, the arranged top story leaves the home page by itself:
	// the slot falls back to the automatic choice.
	a, err := e.st.Article(ctx, older.ID)
	must(t, err)
	a.Status = content.StatusUnpublished
	must(t, e.st.UpdateArticle(ctx, a))
	if top, _ := e.homeLead(); top != "Tin thường D" {
		t.Errorf("after unpublishing, top story %q, want the automatic choice", top)
	}
	// (The week's most read is cached for a minute, and unpublishing
	// through the workflow invalidates it; past that minute the article is
	// nowhere on the page.)
	e.clock.Add(2 * time.Minute)
	if strings.Contains(e.reader("/"), older.Title) {
		t.Error("an unpublished arranged article is still on the home page")
	}
	page = text(e.get("thuky", "/admin/trang-chu"))
	if !strings.Contains(page, "Bài chưa đăng hoặc đã bị gỡ; trang báo bỏ qua ô này") {
		t.Errorf("the page does not warn about the skipped slot: %s", page)
	}
	// It says what the site shows instead, as the site does.
	if !strings.Contains(page, "Trang báo đang tự hiện: Tin thường D") {
		t.Errorf("the page does not say what fills the skipped slot: %s", page)
	}
	// The stale slot does not block rearranging the rest.
	if res := e.post("thuky", "/admin/trang-chu", url.Values{"o0": {itoa(older.ID)}, "o2": {itoa(feat.ID)}, "thao_tac": {"xuong:2"}}); res.Code != http.StatusSeeOther {
		t.Errorf("moving a slot beside a stale one: %d %s", res.Code, text(res))
	}
	if h, _ := e.st.HomeArrangement(ctx); h.Featured[2] != feat.ID || h.Top != older.ID {
		t.Errorf("after moving down: %+v", h)
	}

	// A take-down in the future (published later than now) is not shown either.
	sched, err := e.st.Article(ctx, newest.ID)
	must(t, err)
	sched.PublishedAt = e.clock.Now().Add(time.Hour)
	must(t, e.st.UpdateArticle(ctx, sched))
	from, _ := e.st.HomeArrangement(ctx)
	h := from
	h.Featured[0] = newest.ID
	must(t, e.st.SetHomeArrangement(ctx, from, h, store.AuditEntry{Action: EventHomeArrange}))
	if _, featured := e.homeLead(); strings.Contains(strings.Join(featured, "|"), newest.Title) {
		t.Errorf("an article not yet public is featured: %q", featured)
	}
}

func TestHomeArrangementButtons(t *testing.T) {
	e := newEnv(t)
	var arts []*content.Article
	for i := range 6 {
		e.clock.Add(time.Minute)
		arts = append(arts, e.publishedArticle("Bài số "+itoa(int64(i+1)), e.local.ID, true))
	}
	bare := e.publishedArticle("Bài không có ảnh", e.local.ID, false)
	draft := e.publishedArticle("Bài nháp", e.local.ID, true)
	d, _ := e.st.Article(ctx, draft.ID)
	d.Status = content.StatusDraft
	must(t, e.st.UpdateArticle(ctx, d))

	slots := func() []int64 {
		h, err := e.st.HomeArrangement(ctx)
		must(t, err)
		return slotsOf(h)
	}
	form := func(op string) url.Values {
		v := url.Values{"thao_tac": {op}}
		for i, id := range slots() {
			if id != 0 {
				v.Set("o"+itoa(int64(i)), itoa(id))
			}
		}
		return v
	}
	ok := func(op string, want ...int64) {
		t.Helper()
		if res := e.post("thuky", "/admin/trang-chu", form(op)); res.Code != http.StatusSeeOther {
			t.Fatalf("%s: %d %s", op, res.Code, text(res))
		}
		if got := slots(); !equal(got, want) {
			t.Errorf("after %s: %v, want %v", op, got, want)
		}
	}
	id := func(i int) int64 { return arts[i].ID }
	ok("chinh:"+itoa(id(0)), id(0), 0, 0, 0, 0)
	ok("noi-bat:"+itoa(id(1)), id(0), id(1), 0, 0, 0)
	ok("noi-bat:"+itoa(id(2)), id(0), id(1), id(2), 0, 0)
	ok("len:2", id(0), id(2), id(1), 0, 0)
	ok("len:1", id(2), id(0), id(1), 0, 0)          // up into the top story
	ok("xuong:2", id(2), id(0), 0, id(1), 0)        // down past an empty slot
	ok("chinh:"+itoa(id(1)), id(1), id(0), 0, 0, 0) // from featured to top
	ok("bo:1", id(1), 0, 0, 0, 0)
	ok("noi-bat:"+itoa(id(2)), id(1), id(2), 0, 0, 0)
	ok("noi-bat:"+itoa(id(3)), id(1), id(2), id(3), 0, 0)
	ok("noi-bat:"+itoa(id(4)), id(1), id(2), id(3), id(4), 0)
	ok("noi-bat:"+itoa(id(5)), id(1), id(2), id(3), id(4), id(5))

	refused := []struct {
		name string
		form url.Values
		msg  string
	}{
		{"slots full", form("noi-bat:" + itoa(id(0))), "Các ô nổi bật đã kín"},
		{"already placed", form("noi-bat:" + itoa(id(2))), "đã có trên trang chủ"},
		{"twice", url.Values{"o0": {itoa(id(0))}, "o1": {itoa(id(0))}}, "đang nằm ở hai ô"},
		{"unknown", url.Values{"o0": {"99999"}}, "Không có bài nào mang mã 99999"},
		{"no picture", url.Values{"o0": {itoa(bare.ID)}}, "chưa có ảnh đại diện"},
		{"draft", url.Values{"o0": {itoa(draft.ID)}}, "chưa được đăng hoặc đã bị gỡ"},
		{"not a number", url.Values{"o3": {"abc"}}, "Mã bài ở ô “Nổi bật 3” không hợp lệ"},
		{"bad op", form("xoa-het"), "Thao tác không hợp lệ"},
		{"bad slot", form("len:9"), "Thao tác không hợp lệ"},
	}
	before := e.snapshot()
	for _, tc := range refused {
		res := e.post("thuky", "/admin/trang-chu", tc.form)
		if res.Code != http.StatusBadRequest || !strings.Contains(text(res), tc.msg) {
			t.Errorf("%s: %d, want 400 with %q: %s", tc.name, res.Code, tc.msg, text(res))
		}
	}
	if e.snapshot() != before {
		t.Error("a refused arrangement changed the database")
	}
	// Saving without a change writes nothing.
	if res := e.post("thuky", "/admin/trang-chu", form("luu")); res.Code != http.StatusSeeOther || e.snapshot() != before {
		t.Errorf("an unchanged save: %d, or it wrote", res.Code)
	}
}

func equal(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestHomeArrangementSearch(t *testing.T) {
	e := newEnv(t)
	a := e.publishedArticle("Khánh thành cầu Phú Cường", e.local.ID, true)
	bare := e.publishedArticle("Cầu Thủ Biên thông xe", e.local.ID, false)
	res := e.get("thuky", "/admin/trang-chu?q="+url.QueryEscape("cầu"))
	page := text(res)
	if res.Code != http.StatusOK || !strings.Contains(page, a.Title) || !strings.Contains(page, bare.Title) {
		t.Fatalf("search by title: %d %s", res.Code, page)
	}
	if !strings.Contains(res.Body.String(), `value="chinh:`+itoa(a.ID)+`"`) || strings.Contains(res.Body.String(), `value="chinh:`+itoa(bare.ID)+`"`) {
		t.Error("the pick buttons should offer the pictured article only")
	}
	if !strings.Contains(page, "Chưa có ảnh đại diện") {
		t.Error("the unpictured result does not say why it cannot be picked")
	}
	if page := text(e.get("thuky", "/admin/trang-chu?q=%23"+itoa(a.ID))); !strings.Contains(page, a.Title) {
		t.Errorf("search by id: %s", page)
	}
	if page := text(e.get("thuky", "/admin/trang-chu?q=khongcobainao")); !strings.Contains(page, "Không có bài đã đăng nào khớp") {
		t.Errorf("no result: %s", page)
	}
}

// TestSiteShowsChangesAtOnce: with the page cache on, a change made in the
// newsroom is on the site at the next request.
func TestSiteShowsChangesAtOnce(t *testing.T) {
	e := newEnv(t)
	a := e.publishedArticle("Bài được chọn", e.local.ID, true)
	e.clock.Add(time.Minute)
	e.publishedArticle("Bài mới hơn", e.local.ID, true)
	e.cachedSite()

	if top, _ := e.homeLead(); top != "Bài mới hơn" {
		t.Fatalf("top %q", top)
	}
	// Changed behind the newsroom's back, the cached page stays: the cache is on.
	must(t, e.st.SetSettings(ctx, map[string]string{content.SettingEditorInChief: "Người Lén Sửa"}))
	if strings.Contains(e.reader("/"), "Người Lén Sửa") {
		t.Fatal("the page cache is off; this test proves nothing")
	}
	if res := e.post("thuky", "/admin/trang-chu", url.Values{"o0": {itoa(a.ID)}}); res.Code != http.StatusSeeOther {
		t.Fatalf("arrange: %d", res.Code)
	}
	if top, _ := e.homeLead(); top != a.Title {
		t.Errorf("after arranging, top %q, want %q at once", top, a.Title)
	}
	if res := e.post("quantri", "/admin/cau-hinh", goodSettings()); res.Code != http.StatusSeeOther {
		t.Fatalf("settings: %d %s", res.Code, text(res))
	}
	if body := e.reader("/"); !strings.Contains(body, "Tổng biên tập: Nguyễn Văn Tổng") {
		t.Error("the footer does not show the new settings at once")
	}
	if res := e.post("quantri", "/admin/chuyen-muc", url.Values{"ten": {"Kinh tế"}}); res.Code != http.StatusSeeOther {
		t.Fatalf("section: %d %s", res.Code, text(res))
	}
	if body := e.reader("/"); !strings.Contains(body, `href="/kinh-te/"`) {
		t.Error("the menu does not show the new section at once")
	}
}

func TestSections(t *testing.T) {
	e := newEnv(t)
	e.cachedSite()
	art := e.publishedArticle("Bài thể thao", e.sport.ID, true)
	sections := func() map[string]store.Section {
		secs, err := e.st.Sections(ctx)
		must(t, err)
		out := map[string]store.Section{}
		for _, c := range secs {
			out[c.Code] = c
		}
		return out
	}
	// Create: the code comes from the Vietnamese name (typed in NFD here).
	res := e.post("quantri", "/admin/chuyen-muc", url.Values{"ten": {"  Kinh te\u0302\u0301  "}, "mo_ta": {"Tin kinh tế"}})
	if res.Code != http.StatusSeeOther {
		t.Fatalf("create: %d %s", res.Code, text(res))
	}
	kt, ok := sections()["kinh-te"]
	if !ok || kt.Name != "Kinh tế" || kt.ParentID != 0 || kt.Description != "Tin kinh tế" || kt.MenuOrder != 3 {
		t.Fatalf("created %+v (want NFC name, after the others)", kt)
	}
	res = e.post("quantri", "/admin/chuyen-muc", url.Values{"ten": {"TP. Thủ Dầu Một"}, "cha": {itoa(e.local.ID)}})
	if res.Code != http.StatusSeeOther {
		t.Fatalf("create sub: %d %s", res.Code, text(res))
	}
	if sub := sections()["tp-thu-dau-mot"]; sub.ParentID != e.local.ID {
		t.Errorf("sub-section %+v", sub)
	}
	if page := text(e.get("quantri", res.Header().Get("Location"))); !strings.Contains(page, "Đã tạo chuyên mục “TP. Thủ Dầu Một”") {
		t.Errorf("notice: %s", page)
	}
	e.reader("/chuyen-trang-dia-phuong/tp-thu-dau-mot/")
	if body := e.reader("/"); !strings.Contains(body, `href="/kinh-te/"`) {
		t.Error("the new section is not in the menu")
	}
	if auditCount(e, EventSectionCreate) != 2 {
		t.Error("creations not audited")
	}

	refused := []struct {
		name string
		form url.Values
		msg  string
	}{
		{"no name", url.Values{"ten": {"   "}}, "Mời bạn nhập tên chuyên mục"},
		{"no letters", url.Values{"ten": {"!!! ???"}}, "ít nhất một chữ cái hoặc chữ số"},
		{"reserved", url.Values{"ten": {"Tìm kiếm"}}, "Đường dẫn “tim-kiem” trùng với một trang riêng của báo"},
		{"reserved by hand", url.Values{"ten": {"Quản trị viên"}, "duong_dan": {"Admin"}}, "Đường dẫn “admin” trùng với một trang riêng"},
		{"same name", url.Values{"ten": {"thể thao"}}, "Đã có chuyên mục “Thể thao” ở cùng cấp"},
		{"taken code", url.Values{"ten": {"Thể thao 24h"}, "duong_dan": {"the-thao"}}, "Đường dẫn “the-thao” đã thuộc về chuyên mục “Thể thao”"},
		{"taken by a sub-section", url.Values{"ten": {"TP Thuận An"}}, "đã thuộc về chuyên mục “TP. Thuận An”"},
		{"third level", url.Values{"ten": {"Phường Lái Thiêu"}, "cha": {itoa(sections()["tp-thuan-an"].ID)}}, "chỉ có hai cấp"},
		{"unknown parent", url.Values{"ten": {"Mồ côi"}, "cha": {"9999"}}, "chỉ có hai cấp"},
		{"bad parent", url.Values{"ten": {"Mồ côi"}, "cha": {"x"}}, "Chuyên mục cha không hợp lệ"},
		{"too long", url.Values{"ten": {strings.Repeat("Dài ", 30)}}, "dài quá 100 ký tự"},
	}
	before := e.snapshot()
	for _, tc := range refused {
		res := e.post("quantri", "/admin/chuyen-muc", tc.form)
		if res.Code != http.StatusBadRequest || !strings.Contains(text(res), tc.msg) {
			t.Errorf("%s: %d, want 400 with %q: %s", tc.name, res.Code, tc.msg, text(res))
		}
	}
	if res := e.post("quantri", "/admin/chuyen-muc/"+itoa(e.sport.ID), url.Values{"ten": {"Chuyên trang địa phương"}}); res.Code != http.StatusBadRequest ||
		!strings.Contains(text(res), "Đã có chuyên mục “Chuyên trang địa phương” ở cùng cấp") {
		t.Errorf("rename onto a sibling's name: %d %s", res.Code, text(res))
	}
	if res := e.post("quantri", "/admin/chuyen-muc/"+itoa(e.sport.ID)+"/thu-tu", url.Values{"huong": {"ngang"}}); res.Code != http.StatusBadRequest {
		t.Errorf("bad direction: %d", res.Code)
	}
	if res := e.post("quantri", "/admin/chuyen-muc/9999/an", nil); res.Code != http.StatusNotFound {
		t.Errorf("hide a missing section: %d", res.Code)
	}
	if e.snapshot() != before {
		t.Error("a refused section change changed the database")
	}

	// Rename keeps the code, so links keep working.
	if res := e.post("quantri", "/admin/chuyen-muc/"+itoa(e.sport.ID), url.Values{"ten": {"Thể thao – Giải trí"}}); res.Code != http.StatusSeeOther {
		t.Fatalf("rename: %d %s", res.Code, text(res))
	}
	if c := sections()["the-thao"]; c.Name != "Thể thao – Giải trí" {
		t.Errorf("renamed %+v", c)
	}
	if body := e.reader("/the-thao/"); !strings.Contains(body, "Thể thao – Giải trí") {
		t.Error("the section page does not show the new name")
	}

	// Reorder: Thể thao moves above the local pages in the menu.
	menuOrder := func() (int, int) {
		body := e.reader("/")
		return strings.Index(body, `href="/the-thao/"`), strings.Index(body, `href="/chuyen-trang-dia-phuong/"`)
	}
	if s, l := menuOrder(); s < l {
		t.Fatalf("sport already first (%d < %d)", s, l)
	}
	if res := e.post("quantri", "/admin/chuyen-muc/"+itoa(e.sport.ID)+"/thu-tu", url.Values{"huong": {"len"}}); res.Code != http.StatusSeeOther {
		t.Fatalf("move up: %d %s", res.Code, text(res))
	}
	if s, l := menuOrder(); s > l {
		t.Errorf("after moving up, sport at %d, local pages at %d", s, l)
	}
	// Already first: nothing to do, nothing written.
	before = e.snapshot()
	e.post("quantri", "/admin/chuyen-muc/"+itoa(e.sport.ID)+"/thu-tu", url.Values{"huong": {"len"}})
	if e.snapshot() != before {
		t.Error("moving the first section up wrote something")
	}

	// Hide: out of the menu and the home page; its pages and articles stay.
	if res := e.post("quantri", "/admin/chuyen-muc/"+itoa(e.sport.ID)+"/an", nil); res.Code != http.StatusSeeOther {
		t.Fatalf("hide: %d", res.Code)
	}
	home := e.reader("/")
	if strings.Contains(home, `href="/the-thao/"`) || strings.Contains(home, `id="muc-the-thao"`) {
		t.Error("a hidden section is still in the menu or has a home block")
	}
	if body := e.reader("/the-thao/"); !strings.Contains(body, art.Title) {
		t.Error("a hidden section's page lost its article")
	}
	e.reader(art.Path())
	if page := text(e.get("quantri", "/admin/chuyen-muc")); !strings.Contains(page, "Đang ẩn") {
		t.Error("the sections page does not say the section is hidden")
	}
	if res := e.post("quantri", "/admin/chuyen-muc/"+itoa(e.sport.ID)+"/hien", nil); res.Code != http.StatusSeeOther {
		t.Fatalf("show: %d", res.Code)
	}
	if !strings.Contains(e.reader("/"), `href="/the-thao/"`) {
		t.Error("a shown section is not back in the menu")
	}
	for _, ev := range []string{EventSectionRename, EventSectionReorder, EventSectionHide, EventSectionShow} {
		if auditCount(e, ev) != 1 {
			t.Errorf("%s: %d audit entries, want 1", ev, auditCount(e, ev))
		}
	}
}

func TestSettings(t *testing.T) {
	e := newEnv(t)
	e.cachedSite()
	form := goodSettings()
	form.Set(content.SettingEditorInChief, "  Nguye\u0302\u0303n   Văn Tổng ")
	form.Set(content.SettingLicenceDate, "5/1/2022")
	form.Set(content.SettingBaseURL, "https://baobinhduong.example/")
	res := e.post("quantri", "/admin/cau-hinh", form)
	if res.Code != http.StatusSeeOther {
		t.Fatalf("save: %d %s", res.Code, text(res))
	}
	got, err := e.st.Settings(ctx)
	must(t, err)
	want := map[string]string{
		content.SettingEditorInChief: "Nguyễn Văn Tổng", content.SettingLicenceDate: "05-01-2022",
		content.SettingBaseURL: "https://baobinhduong.example", content.SettingSiteName: "Báo Bình Dương Thử",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	footer := e.reader("/")
	for _, s := range []string{"Tổng biên tập: Nguyễn Văn Tổng", "Tỉnh ủy Bình Dương (thử)", "Giấy phép số 123/GP-BTTTT", "toasoan@example.vn", "(0274) 382 2222"} {
		if !strings.Contains(footer, s) {
			t.Errorf("the footer lacks %q", s)
		}
	}
	if auditCount(e, EventSettingsUpdate) != 1 {
		t.Error("not audited")
	}
	if page := e.get("quantri", "/admin/cau-hinh?da-luu=1").Body.String(); !strings.Contains(page, "Đã lưu cấu hình") ||
		!strings.Contains(page, `value="Nguyễn Văn Tổng"`) {
		t.Errorf("settings page: %s", page)
	}

	refused := []struct {
		key, value, msg string
	}{
		{content.SettingSiteName, "  ", "Mục “Tên báo” không được để trống"},
		{content.SettingAgency, "", "Mục “Cơ quan chủ quản” không được để trống"},
		{content.SettingEditorInChief, "\u00a0", "Mục “Tổng biên tập” không được để trống"},
		{content.SettingEmail, "toasoan at example.vn", "Địa chỉ email không hợp lệ"},
		{content.SettingEmail, "Tòa soạn <toasoan@example.vn>", "Địa chỉ email không hợp lệ"},
		{content.SettingPhone, "gọi 0274", "Số điện thoại chỉ gồm chữ số"},
		{content.SettingPhone, "12345", "từ 8 đến 15 chữ số"},
		{content.SettingLicenceDate, "31-02-2022", "ngày-tháng-năm"},
		{content.SettingBaseURL, "javascript:alert(1)", "https://tên-miền"},
		{content.SettingBaseURL, "https://bao.example/tin", "không kèm đường dẫn"},
		{content.SettingAddress, strings.Repeat("a", 301), "Dài quá 300 ký tự"},
	}
	before := e.snapshot()
	for _, tc := range refused {
		f := goodSettings()
		f.Set(tc.key, tc.value)
		res := e.post("quantri", "/admin/cau-hinh", f)
		if res.Code != http.StatusBadRequest || !strings.Contains(text(res), tc.msg) || !strings.Contains(text(res), "Chưa lưu: 1 mục cần sửa") {
			t.Errorf("%s=%q: %d, want 400 with %q: %s", tc.key, tc.value, res.Code, tc.msg, text(res))
		}
	}
	if e.snapshot() != before {
		t.Error("a refused settings form changed the database")
	}
	// The same values again: nothing to write.
	res = e.post("quantri", "/admin/cau-hinh", form)
	if res.Code != http.StatusSeeOther || res.Header().Get("Location") != "/admin/cau-hinh?khong-doi=1" || e.snapshot() != before {
		t.Errorf("unchanged save: %d %s, or it wrote", res.Code, res.Header().Get("Location"))
	}
}

var versionRE = regexp.MustCompile(`name="phien_ban" value="([^"]*)"`)

// TestHomeArrangementConflict: two managing editors open the page; the
// second to save does not silently undo the first one's choice.
func TestHomeArrangementConflict(t *testing.T) {
	e := newEnv(t)
	a := e.publishedArticle("Bài của người thứ nhất", e.local.ID, true)
	b := e.publishedArticle("Bài của người thứ hai", e.sport.ID, true)
	e.addUser("thuky2", "managing-editor")
	e.tokens["thuky2"] = e.newSession("thuky2")
	versionOf := func(user string) string {
		m := versionRE.FindStringSubmatch(e.get(user, "/admin/trang-chu").Body.String())
		if m == nil {
			t.Fatal("the page has no version field")
		}
		return m[1]
	}
	v1, v2 := versionOf("thuky"), versionOf("thuky2")
	if res := e.post("thuky", "/admin/trang-chu", url.Values{"phien_ban": {v1}, "thao_tac": {"chinh:" + itoa(a.ID)}}); res.Code != http.StatusSeeOther {
		t.Fatalf("first save: %d %s", res.Code, text(res))
	}
	before := e.snapshot()
	res := e.post("thuky2", "/admin/trang-chu", url.Values{"phien_ban": {v2}, "thao_tac": {"chinh:" + itoa(b.ID)}})
	if res.Code != http.StatusConflict || !strings.Contains(text(res), "vừa được người khác sắp xếp lại") || !strings.Contains(text(res), a.Title) {
		t.Errorf("second save on a stale page: %d %s", res.Code, text(res))
	}
	if e.snapshot() != before {
		t.Error("the stale save changed the database")
	}
	// With the page made again, the second editor's change goes through.
	if res := e.post("thuky2", "/admin/trang-chu", url.Values{"phien_ban": {versionOf("thuky2")}, "o0": {itoa(a.ID)}, "thao_tac": {"noi-bat:" + itoa(b.ID)}}); res.Code != http.StatusSeeOther {
		t.Errorf("save on a fresh page: %d %s", res.Code, text(res))
	}
	if h, _ := e.st.HomeArrangement(ctx); h.Top != a.ID || h.Featured[0] != b.ID {
		t.Errorf("arrangement %+v", h)
	}
}
