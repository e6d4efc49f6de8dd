package newsroom

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
)

func (e *env) as(name string) func(method, path string, form url.Values, header ...string) *responseT {
	return func(method, path string, form url.Values, header ...string) *responseT {
		e.t.Helper()
		h := map[string]string{}
		for i := 0; i+1 < len(header); i += 2 {
			h[header[i]] = header[i+1]
		}
		res := e.do(req{method: method, path: path, form: form, token: e.tokens[name], csrf: "auto", header: h})
		return &responseT{res.Code, res.Header().Get("Location"), res.Body.String(), text(res)}
	}
}

type responseT struct {
	Code     int
	Location string
	Body     string
	Text     string
}

func (e *env) meta(id int64) store.ArticleMeta {
	e.t.Helper()
	m, err := e.st.ArticleMeta(ctx, id)
	must(e.t, err)
	return m
}

func TestCreateAndSaveArticle(t *testing.T) {
	e := newEnv(t)
	reporter := e.as("phongvien")
	res := reporter("POST", "/admin/bai-viet", url.Values{"tieu_de": {"  Cầu  mới thông xe "}, "chuyen_muc": {itoa(e.local.ID)},
		"loai": {"1"}, "sapo": {"Sapo"}, "the": {"Giao thông, giao thông, Bình Dương"},
		"noi_dung": {`<h2>Tiêu đề phụ</h2><p onclick="x()">Đoạn <b>một</b></p><script>alert(1)</script><blockquote><p>Trích</p><cite>Ông A</cite></blockquote>`}})
	if res.Code != http.StatusSeeOther || !strings.HasSuffix(res.Location, "?da-tao=1") {
		t.Fatalf("create: %d %s %s", res.Code, res.Location, res.Text)
	}
	var id int64
	ms, _ := e.st.WorkflowArticles(ctx, store.ArticleQuery{})
	id = ms[0].ID
	a, err := e.st.Article(ctx, id)
	must(t, err)
	if a.Title != "Cầu mới thông xe" || a.Slug != "cau-moi-thong-xe" || a.Status != content.StatusDraft || a.Type != content.TypePhotoStory ||
		len(a.Tags) != 2 || a.Byline != "TÊN PHONGVIEN" || len(a.Authors) != 1 || a.Authors[0].Name != "Tên phongvien" {
		t.Errorf("created %+v", a)
	}
	if strings.Contains(a.Body, "script") || strings.Contains(a.Body, "onclick") || !strings.Contains(a.Body, "<cite>Ông A</cite>") {
		t.Errorf("body not sanitized: %s", a.Body)
	}
	if m := e.meta(id); m.OwnerID != e.users["phongvien"].ID || m.Version != 1 {
		t.Errorf("meta %+v", m)
	}
	page := reporter("GET", articlePath(id, ""), nil)
	for _, want := range []string{`id="bai-viet"`, `data-autosave="/admin/bai-viet/` + itoa(id) + `/tu-luu"`, `data-lease=`, `data-release=`,
		`name="phien_ban" value="1"`, `textarea id="than-bai" name="noi_dung" rows="20" data-editor>`, `data-editor-status`, `data-lease-status`,
		`name="gio_dang"`, `name="anh_dai_dien"`, `name="loai"`, `name="the"`, `name="tac_gia"`, "Gửi biên tập"} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("editor page lacks %s", want)
		}
	}
	// The reporter may not write in a section they are not limited to.
	before := e.snapshot()
	res = reporter("POST", "/admin/bai-viet", url.Values{"tieu_de": {"Bóng đá"}, "chuyen_muc": {itoa(e.sport.ID)}, "loai": {"0"}})
	if res.Code != http.StatusBadRequest || !strings.Contains(res.Text, "Bạn không phụ trách chuyên mục vừa chọn") || e.snapshot() != before {
		t.Errorf("create in sport by a local reporter: %d %s", res.Code, res.Text)
	}
	res = reporter("POST", "/admin/bai-viet", url.Values{"tieu_de": {"  "}, "chuyen_muc": {itoa(e.local.ID)}, "sapo": {"Giữ lại sapo này"}})
	if res.Code != http.StatusBadRequest || !strings.Contains(res.Text, "Bài cần có tiêu đề") || !strings.Contains(res.Body, "Giữ lại sapo này") {
		t.Errorf("no title: %d %s", res.Code, res.Text)
	}
}

func TestSaveConflictShowsMergeView(t *testing.T) {
	e := newEnv(t)
	id := e.article("phongvien", content.StatusSubmitted)
	editor, chief := e.as("bientap"), e.as("thuky")
	formA := editorForm(e, id, "Bản của biên tập viên")
	formB := editorForm(e, id, "Bản của thư ký")
	formB.Set("noi_dung", "<p>Thư ký viết lại đoạn đầu</p>")
	if res := editor("POST", articlePath(id, ""), formA); res.Code != http.StatusSeeOther {
		t.Fatalf("first save: %d %s", res.Code, res.Text)
	}
	// The editor's lease would refuse the chief's save: release it to test the version check alone.
	editor("POST", articlePath(id, "/tra-cho"), nil)
	before := e.snapshot()
	res := chief("POST", articlePath(id, ""), formB)
	if res.Code != http.StatusConflict {
		t.Fatalf("stale save: %d %s", res.Code, res.Text)
	}
	if e.snapshot() != before {
		t.Error("a stale save changed the database")
	}
	for _, want := range []string{"Tên bientap đã lưu phiên bản 2", "CHƯA được lưu", "Hợp nhất hai bản", "Bản của biên tập viên", "Lưu bản đã hợp nhất",
		"Tên bientap đã sửa gì so với phiên bản 1 bạn mở"} {
		if !strings.Contains(res.Text, want) {
			t.Errorf("merge view lacks %q", want)
		}
	}
	if !strings.Contains(res.Body, `value="Bản của thư ký"`) || !strings.Contains(res.Body, "Thư ký viết lại đoạn đầu") ||
		!strings.Contains(res.Body, `name="phien_ban" value="2"`) || !strings.Contains(res.Body, "<del>") || !strings.Contains(res.Body, "<ins>") {
		t.Error("merge view does not keep the chief's text on top of version 2 with a diff")
	}
	if !strings.Contains(res.Body, "<del>Bài thử submitted</del><ins>Bản của biên tập viên</ins>") {
		t.Error("merge view does not show what the editor changed since version 1")
	}
	// Saving the merged form goes through.
	formB.Set("phien_ban", "2")
	if res := chief("POST", articlePath(id, ""), formB); res.Code != http.StatusSeeOther || e.meta(id).Version != 3 {
		t.Errorf("merged save: %d", res.Code)
	}
}

func TestAutosave(t *testing.T) {
	e := newEnv(t)
	id := e.article("phongvien", content.StatusDraft)
	reporter := e.as("phongvien")
	form := editorForm(e, id, "Tự lưu lần một")
	res := reporter("POST", articlePath(id, "/tu-luu"), form, "Accept", "application/json")
	var ok struct {
		Version int    `json:"version"`
		Saved   string `json:"saved"`
		Message string `json:"message"`
	}
	if res.Code != http.StatusOK || json.Unmarshal([]byte(res.Body), &ok) != nil || ok.Version != 2 || ok.Saved != "15:00:00" ||
		ok.Message != "Đã tự lưu lúc 15:00:00" {
		t.Fatalf("autosave: %d %s", res.Code, res.Body)
	}
	// The same content again makes no empty revision.
	form.Set("phien_ban", "2")
	if res := reporter("POST", articlePath(id, "/tu-luu"), form); res.Code != http.StatusOK || e.meta(id).Version != 2 {
		t.Errorf("unchanged autosave: %d v%d", res.Code, e.meta(id).Version)
	}
	// Another tab of the same person still on version 1: refused, never overwritten.
	old := editorForm(e, id, "Tab cũ")
	old.Set("phien_ban", "1")
	res = reporter("POST", articlePath(id, "/tu-luu"), old)
	var conflict struct {
		Message  string `json:"message"`
		Conflict bool   `json:"conflict"`
	}
	if res.Code != http.StatusConflict || json.Unmarshal([]byte(res.Body), &conflict) != nil || !conflict.Conflict ||
		!strings.Contains(conflict.Message, "không ghi đè") {
		t.Errorf("stale autosave: %d %s", res.Code, res.Body)
	}
	if a, _ := e.st.Article(ctx, id); a.Title != "Tự lưu lần một" {
		t.Errorf("title %q", a.Title)
	}
	empty := editorForm(e, id, "")
	res = reporter("POST", articlePath(id, "/tu-luu"), empty)
	if res.Code != http.StatusBadRequest || !strings.Contains(res.Body, "Bài cần có tiêu đề") {
		t.Errorf("autosave without title: %d %s", res.Code, res.Body)
	}
	// The header token is enough (the script sends FormData with it).
	if res := e.as("bientap")("POST", articlePath(id, "/tu-luu"), form); res.Code != http.StatusForbidden {
		t.Errorf("editor autosaving a reporter's draft: %d", res.Code)
	}
}

func TestLeases(t *testing.T) {
	e := newEnv(t)
	id := e.article("phongvien", content.StatusSubmitted)
	e.addUser("bientap2", auth.Editor)
	e.tokens["bientap2"] = e.newSession("bientap2")
	editor, editor2, chief := e.as("bientap"), e.as("bientap2"), e.as("thuky")
	lease := func(f func(string, string, url.Values, ...string) *responseT, form url.Values) (holder string, mine bool, msg string) {
		t.Helper()
		res := f("POST", articlePath(id, "/giu-cho"), form, "Accept", "application/json")
		var v struct {
			Holder  string `json:"holder"`
			Mine    bool   `json:"mine"`
			Message string `json:"message"`
		}
		if res.Code != http.StatusOK || json.Unmarshal([]byte(res.Body), &v) != nil {
			t.Fatalf("lease: %d %s", res.Code, res.Body)
		}
		return v.Holder, v.Mine, v.Message
	}
	// Opening the editor takes the lease.
	editor("GET", articlePath(id, ""), nil)
	if h, mine, _ := lease(editor, nil); h != "Tên bientap" || !mine {
		t.Fatalf("holder %q mine %v", h, mine)
	}
	page := editor2("GET", articlePath(id, ""), nil)
	if !strings.Contains(page.Text, "Tên bientap đang mở bài này để sửa") || strings.Contains(page.Text, "Giành quyền sửa") {
		t.Errorf("second editor's page: %s", page.Text)
	}
	// The same rank cannot take over, even asking.
	if h, mine, msg := lease(editor2, url.Values{"gianh": {"1"}}); h != "Tên bientap" || mine || !strings.Contains(msg, "đang mở bài này") {
		t.Errorf("same rank: %q %v %q", h, mine, msg)
	}
	// Saving while someone else holds it is refused, the text kept.
	form := editorForm(e, id, "Bản của người thứ hai")
	before := e.snapshot()
	res := editor2("POST", articlePath(id, ""), form)
	if res.Code != http.StatusConflict || !strings.Contains(res.Text, "Bài đang được Tên bientap mở để sửa") ||
		!strings.Contains(res.Body, `value="Bản của người thứ hai"`) || e.snapshot() != before {
		t.Errorf("save under someone else's lease: %d %s", res.Code, res.Text)
	}
	// The managing editor outranks the holder and takes over.
	if page := chief("GET", articlePath(id, ""), nil); !strings.Contains(page.Text, "Giành quyền sửa") {
		t.Error("no takeover button for the managing editor")
	}
	audits := e.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'article.lease_takeover'`)
	res = chief("POST", articlePath(id, "/giu-cho"), url.Values{"gianh": {"1"}})
	if res.Code != http.StatusSeeOther || e.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'article.lease_takeover'`) != audits+1 {
		t.Fatalf("takeover: %d %s", res.Code, res.Text)
	}
	if h, mine, _ := lease(editor, nil); h != "Tên thuky" || mine {
		t.Errorf("after takeover the old holder sees %q %v", h, mine)
	}
	// Unrenewed, it expires by itself.
	e.clock.Add(leaseTTL + time.Second)
	e.tokens["bientap2"] = e.newSession("bientap2") // the old one went idle? keep a live session
	if h, mine, _ := lease(editor2, nil); h != "Tên bientap2" || !mine {
		t.Errorf("after expiry: %q %v", h, mine)
	}
	// Released on close; logging out releases it too.
	editor2("POST", articlePath(id, "/tra-cho"), nil)
	if l, _ := e.st.CurrentLease(ctx, id, e.clock.Now()); l != nil {
		t.Errorf("released lease held by %s", l.UserName)
	}
	lease(editor, nil)
	editor("POST", "/admin/dang-xuat", nil)
	if l, _ := e.st.CurrentLease(ctx, id, e.clock.Now()); l != nil {
		t.Errorf("lease outlived logout: %s", l.UserName)
	}
}

func TestWorkflowThroughTheNewsroom(t *testing.T) {
	e := newEnv(t)
	changed, scheduled := 0, 0
	e.n.siteChanged = func() { changed++ }
	e.n.scheduleChanged = func() { scheduled++ }
	reporter, editor, chief := e.as("phongvien"), e.as("bientap"), e.as("thuky")
	id := e.article("phongvien", content.StatusDraft)
	step := func(f func(string, string, url.Values, ...string) *responseT, path string, form url.Values, want content.Status) {
		t.Helper()
		res := f("POST", articlePath(id, "/"+path), form)
		if res.Code != http.StatusSeeOther {
			t.Fatalf("%s: %d %s", path, res.Code, res.Text)
		}
		if got := e.meta(id).Status; got != want {
			t.Fatalf("%s: status %s, want %s", path, got, want)
		}
	}
	refused := func(f func(string, string, url.Values, ...string) *responseT, path string, form url.Values, code int, msg string) {
		t.Helper()
		before := e.snapshot()
		res := f("POST", articlePath(id, "/"+path), form)
		if res.Code != code || !strings.Contains(res.Text, msg) {
			t.Errorf("%s: %d %s, want %d %q", path, res.Code, res.Text, code, msg)
		}
		if e.snapshot() != before {
			t.Errorf("refused %s changed the database", path)
		}
	}
	refused(editor, "duyet", nil, http.StatusConflict, "«Bản nháp»")
	refused(e.as("bientap"), "gui", nil, http.StatusForbidden, "Chỉ người viết bài")
	step(reporter, "gui", nil, content.StatusSubmitted)
	refused(reporter, "gui", nil, http.StatusConflict, "«Chờ biên tập»")
	refused(editor, "tra-bai", url.Values{"ly_do": {"  "}}, http.StatusConflict, "Mời bạn ghi lý do")
	step(editor, "tra-bai", url.Values{"ly_do": {"Thiếu ý kiến của người dân"}}, content.StatusReturned)
	desk := reporter("GET", "/admin/", nil)
	if !strings.Contains(desk.Text, "Bị trả lại cho tôi") || !strings.Contains(desk.Text, "Thiếu ý kiến của người dân") {
		t.Errorf("the reporter's desk does not show the returned article with its reason: %s", desk.Text)
	}
	step(reporter, "gui", nil, content.StatusSubmitted)
	step(editor, "nhan", nil, content.StatusEditing)
	step(editor, "duyet", nil, content.StatusApproved)
	refused(editor, "dang", nil, http.StatusForbidden, "Vai trò của bạn không được làm việc này")
	refused(chief, "hen-gio", url.Values{"gio_dang": {"2026-11-02T14:59:59"}}, http.StatusConflict, "Giờ hẹn đăng phải ở tương lai")
	step(chief, "hen-gio", url.Values{"gio_dang": {"2026-11-02T15:30:00"}}, content.StatusScheduled)
	if a, _ := e.st.Article(ctx, id); !a.PublishedAt.Equal(time.Date(2026, 11, 2, 8, 30, 0, 0, time.UTC)) || scheduled != 1 {
		t.Errorf("scheduled for %v (wake %d)", a.PublishedAt, scheduled)
	}
	step(chief, "huy-hen-gio", nil, content.StatusApproved)
	step(chief, "dang", nil, content.StatusPublished)
	a, _ := e.st.Article(ctx, id)
	if changed != 1 || e.do(req{method: "GET", path: a.Path()}).Code != http.StatusOK {
		t.Errorf("published article not on the site (cache hook %d)", changed)
	}
	step(chief, "gio-go", url.Values{"gio_go": {"2026-11-03T06:00:00"}}, content.StatusPublished)
	if m := e.meta(id); !m.TakeDownAt.Equal(time.Date(2026, 11, 2, 23, 0, 0, 0, time.UTC)) {
		t.Errorf("take-down %v", m.TakeDownAt)
	}
	refused(chief, "go-bai", nil, http.StatusConflict, "Mời bạn ghi lý do")
	step(chief, "go-bai", url.Values{"ly_do": {"Thông tin chưa được kiểm chứng"}}, content.StatusUnpublished)
	if changed != 2 || e.do(req{method: "GET", path: a.Path()}).Code != http.StatusNotFound {
		t.Errorf("unpublished article still on the site")
	}
	step(editor, "bien-tap-lai", nil, content.StatusEditing)
	trs, _ := e.st.Transitions(ctx, id)
	if len(trs) != 10 {
		t.Errorf("%d transitions recorded", len(trs))
	}
	if n := e.count(`SELECT COUNT(*) FROM audit_log WHERE object = ? AND action LIKE 'article.%'`, "article:"+itoa(id)); n < 11 {
		t.Errorf("%d audit entries for the article", n)
	}
	page := reporter("GET", articlePath(id, ""), nil)
	if !strings.Contains(page.Text, "Thông tin chưa được kiểm chứng") || !strings.Contains(page.Text, "Đã đăng → Đã gỡ") {
		t.Errorf("history not shown: %s", page.Text)
	}
}

func TestSectionLimits(t *testing.T) {
	e := newEnv(t)
	e.addUser("bientap.dp", auth.Editor, e.local.ID)
	e.tokens["bientap.dp"] = e.newSession("bientap.dp")
	localEditor := e.as("bientap.dp")
	// A submitted sports article.
	now := e.clock.Now()
	a := &content.Article{Title: "Bóng đá", Slug: "bong-da", CategoryID: e.sport.ID, CreatedAt: now, UpdatedAt: now}
	must(t, e.st.CreateDraft(ctx, a, e.users["bientap"].ID, store.AuditEntry{Action: "article.create"}))
	must(t, e.st.Transition(ctx, store.TransitionRequest{ArticleID: a.ID, From: content.StatusDraft, To: content.StatusSubmitted,
		At: now, Audit: store.AuditEntry{Action: "article.submit"}}))
	before := e.snapshot()
	for _, path := range []string{"/duyet", "/nhan", ""} {
		res := localEditor("POST", articlePath(a.ID, path), editorForm(e, a.ID, "Sửa"))
		if res.Code != http.StatusForbidden {
			t.Errorf("local editor %s on sport: %d %s", path, res.Code, res.Text)
		}
	}
	if res := localEditor("GET", articlePath(a.ID, ""), nil); res.Code != http.StatusForbidden {
		t.Errorf("local editor opens a sports article: %d", res.Code)
	}
	if res := e.as("phongvien")("GET", articlePath(a.ID, ""), nil); res.Code != http.StatusForbidden {
		t.Errorf("reporter opens someone else's article: %d", res.Code)
	}
	if e.snapshot() != before {
		t.Error("refusals changed the database")
	}
	// A local-pages article is theirs; moving it to sport is not.
	id := e.article("phongvien", content.StatusSubmitted)
	form := editorForm(e, id, "Sang thể thao")
	form.Set("chuyen_muc", itoa(e.sport.ID))
	if res := localEditor("POST", articlePath(id, ""), form); res.Code != http.StatusForbidden || !strings.Contains(res.Text, "không phụ trách") {
		t.Errorf("move to sport: %d %s", res.Code, res.Text)
	}
	if res := localEditor("POST", articlePath(id, "/duyet"), nil); res.Code != http.StatusSeeOther {
		t.Errorf("approve in own section: %d", res.Code)
	}
}

func TestRevisionsDiffAndRestore(t *testing.T) {
	e := newEnv(t)
	id := e.article("phongvien", content.StatusDraft)
	reporter := e.as("phongvien")
	form := editorForm(e, id, "Tiêu đề thứ hai")
	form.Set("noi_dung", "<p>Thân bài đã viết lại</p>")
	reporter("POST", articlePath(id, ""), form)
	list := reporter("GET", articlePath(id, "/phien-ban"), nil)
	if !strings.Contains(list.Text, "Phiên bản 2 Hiện tại") || !strings.Contains(list.Text, "Phiên bản 1") {
		t.Errorf("revision list: %s", list.Text)
	}
	diff := reporter("GET", articlePath(id, "/phien-ban/2"), nil)
	for _, want := range []string{"<del>Bài thử draft</del><ins>Tiêu đề thứ hai</ins>", "Thân bài<ins> đã viết lại</ins>",
		"Giao <del>thông</del><ins>thông, Bình Dương</ins>"} {
		if !strings.Contains(diff.Body, want) {
			t.Errorf("diff lacks %s", want)
		}
	}
	res := reporter("POST", articlePath(id, "/phien-ban/1/khoi-phuc"), url.Values{"phien_ban": {"2"}})
	if res.Code != http.StatusSeeOther {
		t.Fatalf("restore: %d %s", res.Code, res.Text)
	}
	a, _ := e.st.Article(ctx, id)
	if a.Title != "Bài thử draft" || a.Body != "<p>Thân bài</p>" || e.meta(id).Version != 3 || len(a.Tags) != 1 {
		t.Errorf("restored %q %q v%d", a.Title, a.Body, e.meta(id).Version)
	}
	if res := reporter("POST", articlePath(id, "/phien-ban/2/khoi-phuc"), url.Values{"phien_ban": {"2"}}); res.Code != http.StatusConflict {
		t.Errorf("restore from an outdated page: %d", res.Code)
	}
}

func TestPublishedVersionsKeptAsTheyWere(t *testing.T) {
	e := newEnv(t)
	id := e.article("phongvien", content.StatusPublished)
	chief := e.as("thuky")
	form := editorForm(e, id, "Tiêu đề đã đính chính")
	if res := chief("POST", articlePath(id, ""), form); res.Code != http.StatusSeeOther {
		t.Fatalf("correction: %d %s", res.Code, res.Text)
	}
	chief("POST", articlePath(id, "/go-bai"), url.Values{"ly_do": {"Gỡ để kiểm tra"}})
	pvs, _ := e.st.PublishedVersions(ctx, id)
	if len(pvs) != 2 {
		t.Fatalf("%d published versions", len(pvs))
	}
	first := e.as("quantri")("GET", articlePath(id, "/ban-da-dang/"+itoa(pvs[1].ID)), nil)
	if first.Code != http.StatusOK || !strings.Contains(first.Text, "Bài thử published") || !strings.Contains(first.Body, "<p>Thân bài</p>") ||
		!strings.Contains(first.Text, "không sửa và không xóa được") {
		t.Errorf("first published version: %d %s", first.Code, first.Text)
	}
	if res := chief("GET", articlePath(id+1, "/ban-da-dang/"+itoa(pvs[1].ID)), nil); res.Code != http.StatusNotFound {
		t.Errorf("published version under another article: %d", res.Code)
	}
}

func TestPublishSeveralAtOnce(t *testing.T) {
	e := newEnv(t)
	a, b := e.article("phongvien", content.StatusApproved), e.article("phongvien", content.StatusApproved)
	c := e.article("phongvien", content.StatusSubmitted)
	chief := e.as("thuky")
	list := chief("GET", "/admin/bai-viet?trang_thai=approved", nil)
	if !strings.Contains(list.Body, `name="bai" value="`+itoa(a)+`"`) || !strings.Contains(list.Text, "Đăng cùng lúc các bài đã chọn") {
		t.Errorf("list has no batch form")
	}
	before := e.snapshot()
	res := chief("POST", "/admin/bai-viet/dang-loat", url.Values{"bai": {itoa(a), itoa(c)}})
	if res.Code != http.StatusConflict || !strings.Contains(res.Text, "Chưa đăng bài nào") || e.snapshot() != before {
		t.Errorf("batch with a submitted article: %d %s", res.Code, res.Text)
	}
	e.clock.Add(1500 * time.Millisecond)
	res = chief("POST", "/admin/bai-viet/dang-loat", url.Values{"bai": {itoa(a), itoa(b)}})
	if res.Code != http.StatusSeeOther {
		t.Fatalf("batch: %d %s", res.Code, res.Text)
	}
	x, _ := e.st.Article(ctx, a)
	y, _ := e.st.Article(ctx, b)
	if x.Status != content.StatusPublished || y.Status != content.StatusPublished || !x.PublishedAt.Equal(y.PublishedAt) ||
		x.PublishedAt.Nanosecond() != 0 {
		t.Errorf("batch: %s %v, %s %v", x.Status, x.PublishedAt, y.Status, y.PublishedAt)
	}
}

func TestDeskQueues(t *testing.T) {
	e := newEnv(t)
	e.article("phongvien", content.StatusDraft)
	e.article("phongvien", content.StatusSubmitted)
	e.article("phongvien", content.StatusApproved)
	e.article("phongvien", content.StatusScheduled)
	e.article("phongvien", content.StatusPublished)
	cases := map[string][]string{
		"phongvien": {"Bản nháp của tôi", "Bài thử draft"},
		"bientap":   {"Chờ biên tập", "Bài thử submitted"},
		"thuky":     {"Chờ đăng", "Bài thử approved", "Đã hẹn giờ", "Bài thử scheduled", "Đăng hôm nay", "Bài thử published"},
	}
	for name, wants := range cases {
		desk := e.as(name)("GET", "/admin/", nil)
		for _, w := range wants {
			if !strings.Contains(desk.Text, w) {
				t.Errorf("%s's desk lacks %q", name, w)
			}
		}
	}
	if desk := e.as("phongvien")("GET", "/admin/", nil); strings.Contains(desk.Text, "Chờ đăng") {
		t.Error("the reporter sees the publishing queue")
	}
}

// TestRestoreKeepsTheSchedule: restoring an old revision of a scheduled
// article changes its text, never when it goes live.
func TestRestoreKeepsTheSchedule(t *testing.T) {
	e := newEnv(t)
	id := e.article("phongvien", content.StatusScheduled)
	before, _ := e.st.Article(ctx, id)
	chief := e.as("thuky")
	form := editorForm(e, id, "Tiêu đề mới")
	if res := chief("POST", articlePath(id, ""), form); res.Code != http.StatusSeeOther {
		t.Fatalf("save: %d %s", res.Code, res.Text)
	}
	if res := chief("POST", articlePath(id, "/phien-ban/1/khoi-phuc"), url.Values{"phien_ban": {"2"}}); res.Code != http.StatusSeeOther {
		t.Fatalf("restore: %d %s", res.Code, res.Text)
	}
	after, _ := e.st.Article(ctx, id)
	if after.Title != before.Title || !after.PublishedAt.Equal(before.PublishedAt) || after.Status != content.StatusScheduled {
		t.Errorf("after restore %q at %v (%s), want %q at %v", after.Title, after.PublishedAt, after.Status, before.Title, before.PublishedAt)
	}
}

// TestArticleListFilters: a reporter lists only their own articles; the
// others filter by state, section and headline words without diacritics.
func TestArticleListFilters(t *testing.T) {
	e := newEnv(t)
	mine := e.article("phongvien", content.StatusDraft)
	theirs := e.article(victim, content.StatusSubmitted)
	now := e.clock.Now()
	sport := &content.Article{Title: "Bình Dương thắng đậm", Slug: "binh-duong-thang-dam", CategoryID: e.sport.ID, CreatedAt: now, UpdatedAt: now}
	must(t, e.st.CreateDraft(ctx, sport, e.users["bientap"].ID, store.AuditEntry{Action: "article.create"}))
	link := func(id int64) string { return `href="/admin/bai-viet/` + itoa(id) + `"` }
	cases := []struct {
		who, query string
		want, not  []int64
	}{
		{"phongvien", "", []int64{mine}, []int64{theirs, sport.ID}},
		{"bientap", "", []int64{mine, theirs, sport.ID}, nil},
		{"bientap", "?trang_thai=submitted", []int64{theirs}, []int64{mine, sport.ID}},
		{"bientap", "?chuyen_muc=" + itoa(e.sport.ID), []int64{sport.ID}, []int64{mine, theirs}},
		{"bientap", "?q=THANG+DAM", []int64{sport.ID}, []int64{mine, theirs}},
		{"bientap", "?cua_toi=1", []int64{sport.ID}, []int64{mine, theirs}},
	}
	for _, c := range cases {
		res := e.as(c.who)("GET", "/admin/bai-viet"+c.query, nil)
		if res.Code != http.StatusOK {
			t.Fatalf("%s %s: %d", c.who, c.query, res.Code)
		}
		for _, id := range c.want {
			if !strings.Contains(res.Body, link(id)) {
				t.Errorf("%s %s: article %d missing", c.who, c.query, id)
			}
		}
		for _, id := range c.not {
			if strings.Contains(res.Body, link(id)) {
				t.Errorf("%s %s: article %d listed", c.who, c.query, id)
			}
		}
	}
}

// TestRestoreChecksSectionAndSanitizes: restoring an old revision is a save
// like any other. It may not put the article into a section the person
// does not cover (a revision from before the article was moved), the body
// goes through the sanitizer again whatever the revision holds, and the
// version the person saw is required, never assumed.
func TestRestoreChecksSectionAndSanitizes(t *testing.T) {
	e := newEnv(t)
	reporter := e.as("phongvien") // limited to the local pages
	now := e.clock.Now()
	a := &content.Article{Title: "Bóng đá phong trào", Slug: "bong-da", Body: "<p>Thân bài</p>", CategoryID: e.sport.ID,
		Byline: "PV", CreatedAt: now, UpdatedAt: now}
	must(t, e.st.CreateDraft(ctx, a, e.users["phongvien"].ID, store.AuditEntry{Action: "article.create"}))
	// Someone who covers both moved it to the local pages: version 2.
	a.CategoryID = e.local.ID
	_, err := e.st.SaveArticle(ctx, store.SaveRequest{Article: a, BaseVersion: 1, UserID: e.users["thuky"].ID, At: now,
		Audit: store.AuditEntry{Action: "article.save"}})
	must(t, err)
	before := e.snapshot()
	res := reporter("POST", articlePath(a.ID, "/phien-ban/1/khoi-phuc"), url.Values{"phien_ban": {"2"}})
	if res.Code != http.StatusForbidden || !strings.Contains(res.Text, "không phụ trách") {
		t.Errorf("restore into a section the reporter lacks: %d %s", res.Code, res.Text)
	}
	if e.snapshot() != before {
		t.Error("a refused restore changed the database")
	}
	if m := e.meta(a.ID); m.SectionID != e.local.ID {
		t.Errorf("article moved to section %d", m.SectionID)
	}

	// A revision holding markup the sanitizer refuses (written by anything
	// but the editor form) is cleaned on its way back.
	a.Body = `<p>Đoạn</p><script>alert(1)</script><p onclick="x()">Hai</p>`
	_, err = e.st.SaveArticle(ctx, store.SaveRequest{Article: a, BaseVersion: 2, UserID: e.users["phongvien"].ID, At: now,
		Audit: store.AuditEntry{Action: "article.save"}})
	must(t, err)
	a.Body = "<p>Sạch</p>"
	_, err = e.st.SaveArticle(ctx, store.SaveRequest{Article: a, BaseVersion: 3, UserID: e.users["phongvien"].ID, At: now,
		Audit: store.AuditEntry{Action: "article.save"}})
	must(t, err)
	before = e.snapshot()
	if res := reporter("POST", articlePath(a.ID, "/phien-ban/3/khoi-phuc"), nil); res.Code != http.StatusBadRequest || e.snapshot() != before {
		t.Errorf("restore without the version the person saw: %d %s", res.Code, res.Text)
	}
	if res := reporter("POST", articlePath(a.ID, "/phien-ban/3/khoi-phuc"), url.Values{"phien_ban": {"4"}}); res.Code != http.StatusSeeOther {
		t.Fatalf("restore: %d %s", res.Code, res.Text)
	}
	got, _ := e.st.Article(ctx, a.ID)
	if strings.Contains(got.Body, "script") || strings.Contains(got.Body, "onclick") || !strings.Contains(got.Body, "Đoạn") {
		t.Errorf("restored body not sanitized: %s", got.Body)
	}
}

// TestSaveAfterPublishKeepsTheLiveTime: going live sets the publish time
// without a new version, so a form opened before (another tab, a colleague's
// page) still carries the planned time. Saving it must not move the live article's time, least of
// all into the future, where the article would vanish from the site while
// the newsroom calls it published.
func TestSaveAfterPublishKeepsTheLiveTime(t *testing.T) {
	e := newEnv(t)
	id := e.article("phongvien", content.StatusApproved)
	planned := e.clock.Now().Add(26 * time.Hour)
	a, _ := e.st.Article(ctx, id)
	a.PublishedAt = planned
	_, err := e.st.SaveArticle(ctx, store.SaveRequest{Article: a, BaseVersion: e.meta(id).Version, UserID: e.users["thuky"].ID,
		At: e.clock.Now(), Audit: store.AuditEntry{Action: "article.save"}})
	must(t, err)
	chief := e.as("thuky")
	open := editorForm(e, id, "Đính chính sau khi đăng")
	open.Set("gio_dang", localInput(planned))
	e.clock.Add(time.Minute)
	if res := chief("POST", articlePath(id, "/dang"), nil); res.Code != http.StatusSeeOther {
		t.Fatalf("publish: %d %s", res.Code, res.Text)
	}
	live := e.clock.Now().Truncate(time.Second)
	e.clock.Add(time.Second)
	res := chief("POST", articlePath(id, ""), open)
	if res.Code != http.StatusSeeOther {
		t.Fatalf("save of the page opened before publishing: %d %s", res.Code, res.Text)
	}
	got, _ := e.st.Article(ctx, id)
	if got.Title != "Đính chính sau khi đăng" || !got.PublishedAt.Equal(live) {
		t.Errorf("after the save: %q published at %v, want %v", got.Title, got.PublishedAt, live)
	}
	if res := e.do(req{method: "GET", path: got.Path()}); res.Code != http.StatusOK {
		t.Errorf("the live article left the site: %d", res.Code)
	}
	if pvs, _ := e.st.PublishedVersions(ctx, id); len(pvs) != 2 || !pvs[0].PublishedAt.Equal(live) {
		t.Errorf("published versions %+v", pvs)
	}
	// The same stale form, now also behind a saved version: the merge view
	// offers the live time, not the planned one, for the merged save.
	open.Set("tieu_de", "Bản thứ ba")
	if res := chief("POST", articlePath(id, ""), open); res.Code != http.StatusConflict ||
		!strings.Contains(res.Body, `name="gio_dang" type="datetime-local" step="1" value="`+localInput(live)+`"`) {
		t.Errorf("merge view of the stale form: %d, planned time carried along: %v", res.Code, strings.Contains(res.Body, localInput(planned)))
	}
	// Moving the time on purpose still works, but never into the future:
	// a live article goes live later only by being unpublished and scheduled.
	form := editorForm(e, id, "Đính chính sau khi đăng")
	form.Set("gio_dang", localInput(live.Add(-time.Hour)))
	if res := chief("POST", articlePath(id, ""), form); res.Code != http.StatusSeeOther {
		t.Fatalf("correct the publish time: %d %s", res.Code, res.Text)
	}
	if got, _ := e.st.Article(ctx, id); !got.PublishedAt.Equal(live.Add(-time.Hour)) {
		t.Errorf("corrected time %v", got.PublishedAt)
	}
	before := e.snapshot()
	form = editorForm(e, id, "Đính chính sau khi đăng")
	form.Set("gio_dang", localInput(e.clock.Now().Add(time.Hour)))
	if res := chief("POST", articlePath(id, ""), form); res.Code != http.StatusBadRequest || !strings.Contains(res.Text, "tương lai") ||
		e.snapshot() != before {
		t.Errorf("a live article moved into the future: %d %s", res.Code, res.Text)
	}
}

// TestNoAutosaveOnALiveArticle: every save of a live article goes on the
// site and is kept as a published version, so autosave (a draft's safety
// net, every 10 s while typing) would put half-written corrections in front
// of readers and on the legal record. The editor of a live article does
// not autosave, and the endpoint refuses it.
func TestNoAutosaveOnALiveArticle(t *testing.T) {
	e := newEnv(t)
	id := e.article("phongvien", content.StatusPublished)
	chief := e.as("thuky")
	page := chief("GET", articlePath(id, ""), nil)
	if page.Code != http.StatusOK || !strings.Contains(page.Body, `id="bai-viet"`) || strings.Contains(page.Body, "data-autosave=") {
		t.Errorf("the editor of a live article autosaves: %d", page.Code)
	}
	before := e.snapshot()
	res := chief("POST", articlePath(id, "/tu-luu"), editorForm(e, id, "Đang gõ dở"), "Accept", "application/json")
	var msg jsonMessage
	if res.Code != http.StatusConflict || json.Unmarshal([]byte(res.Body), &msg) != nil || !strings.Contains(msg.Message, "«Lưu»") {
		t.Errorf("autosave of a live article: %d %s", res.Code, res.Body)
	}
	if e.snapshot() != before {
		t.Error("an autosave changed a live article")
	}
	// The plain save still corrects it, as a new published version.
	if res := chief("POST", articlePath(id, ""), editorForm(e, id, "Đã đính chính")); res.Code != http.StatusSeeOther {
		t.Errorf("save: %d %s", res.Code, res.Text)
	}
	// A draft's editor autosaves.
	draft := e.article("phongvien", content.StatusDraft)
	if page := e.as("phongvien")("GET", articlePath(draft, ""), nil); !strings.Contains(page.Body, "data-autosave=") {
		t.Error("a draft's editor does not autosave")
	}
}

// movesMeanwhile is the store with a workflow step landing between the
// newsroom's checks and its save: it submits the article the first time
// the save asks who holds the lease.
type movesMeanwhile struct {
	store.Store
	e    *env
	id   int64
	done bool
}

func (s *movesMeanwhile) CurrentLease(c context.Context, id int64, now time.Time) (*store.Lease, error) {
	if !s.done {
		s.done = true
		must(s.e.t, s.Store.Transition(c, store.TransitionRequest{ArticleID: s.id, From: content.StatusDraft, To: content.StatusSubmitted,
			UserID: s.e.users["phongvien"].ID, At: now, Audit: store.AuditEntry{Action: "article.submit"}}))
	}
	return s.Store.CurrentLease(c, id, now)
}

// TestSaveRefusedWhenMovedMeanwhile: a save checked against the draft state
// (the reporter may write their draft) that lands after the draft was
// submitted is refused, not written into the article the editors now
// hold; the version alone cannot tell, since steps keep it. The person
// gets the page back with their text.
func TestSaveRefusedWhenMovedMeanwhile(t *testing.T) {
	e := newEnv(t)
	id := e.article("phongvien", content.StatusDraft)
	e.n.st = &movesMeanwhile{Store: e.st, e: e, id: id}
	res := e.as("phongvien")("POST", articlePath(id, ""), editorForm(e, id, "Sửa lúc vừa gửi"))
	if res.Code != http.StatusConflict || !strings.Contains(res.Text, "chuyển sang trạng thái khác") ||
		!strings.Contains(res.Body, `value="Sửa lúc vừa gửi"`) {
		t.Errorf("save after the article moved: %d %s", res.Code, res.Text)
	}
	a, _ := e.st.Article(ctx, id)
	if a.Title != "Bài thử draft" || a.Status != content.StatusSubmitted {
		t.Errorf("article %q %s", a.Title, a.Status)
	}
}
