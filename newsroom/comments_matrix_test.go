package newsroom

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/comments"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
)

func newCommentService(t *testing.T, st store.Store, dataDir string, now func() time.Time) *comments.Service {
	t.Helper()
	cs, err := comments.New(comments.Config{Store: st, Dir: filepath.Join(dataDir, "attachments"),
		Secret: []byte("khoa-thu-nghiem-cho-toa-soan-32b!"), Now: now})
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// commentArticle returns a published article in the given section, made
// once per env.
func (e *env) commentArticle(cat content.Category) *content.Article {
	e.t.Helper()
	pub := e.clock.Now().Add(-time.Hour)
	a := &content.Article{Lang: "vi", Title: "Bài để bạn đọc góp ý " + cat.Code, Slug: "bai-gop-y-" + cat.Code,
		Status: content.StatusPublished, CategoryID: cat.ID, CreatedAt: pub, UpdatedAt: pub, PublishedAt: pub}
	if err := e.st.CreateArticles(ctx, []*content.Article{a}); err != nil {
		e.t.Fatal(err)
	}
	return a
}

// pendingComment stores a pending comment, with a file on disk if data is
// not nil.
func (e *env) pendingComment(a *content.Article, body string, data []byte) *content.Comment {
	e.t.Helper()
	c := &content.Comment{ArticleID: a.ID, Status: content.CommentPending, Name: "Bạn đọc Trần Thị B", Email: "b@example.vn",
		Body: body, Fingerprint: content.CommentFingerprint(body), IPHash: "h", CreatedAt: e.clock.Now()}
	if data != nil {
		sum := sha256.Sum256(data)
		hash := hex.EncodeToString(sum[:])
		p := e.comments.AttachmentPath(hash)
		must(e.t, os.MkdirAll(filepath.Dir(p), 0o700))
		must(e.t, os.WriteFile(p, data, 0o600))
		c.Attachments = []content.Attachment{{Name: "Đơn <thư>\".html.pdf", Hash: hash, Kind: "pdf", MIME: "application/pdf", Size: int64(len(data))}}
	}
	must(e.t, e.st.CreateComment(ctx, c))
	return c
}

func commentTarget(suffix string, form url.Values) target {
	return func(e *env, _ string) (string, url.Values) {
		c := e.pendingComment(e.commentArticle(e.local), "Bài viết rất hay.", nil)
		return "/admin/y-kien/" + itoa(c.ID) + suffix, form
	}
}

// commentTargets are the matrix test's cases for commentRoutes.
var commentTargets = map[string]target{
	"GET /admin/y-kien":               fixed("/admin/y-kien?trang_thai=pending", nil),
	"GET /admin/y-kien/{id}":          commentTarget("", nil),
	"POST /admin/y-kien/{id}/duyet":   commentTarget("/duyet", nil),
	"POST /admin/y-kien/{id}/tu-choi": commentTarget("/tu-choi", url.Values{"ly_do": {"Lạc đề"}}),
	"POST /admin/y-kien/{id}/sua":     commentTarget("/sua", url.Values{"noi_dung": {"Bài viết rất hay!"}}),
	"POST /admin/y-kien/tu-cam":       fixed("/admin/y-kien/tu-cam", url.Values{"tu_cam": {"lừa đảo"}}),
	"POST /admin/y-kien/hang-loat": func(e *env, _ string) (string, url.Values) {
		a := e.commentArticle(e.local)
		c1, c2 := e.pendingComment(a, "Một.", nil), e.pendingComment(a, "Hai.", nil)
		return "/admin/y-kien/hang-loat", url.Values{"chon": {itoa(c1.ID), itoa(c2.ID)}, "thao_tac": {"duyet"}}
	},
	"GET /admin/y-kien/tep/{id}": func(e *env, _ string) (string, url.Values) {
		c := e.pendingComment(e.commentArticle(e.local), "Có tệp.", []byte("%PDF-1.4 tệp thử"))
		return "/admin/y-kien/tep/" + itoa(c.Attachments[0].ID), nil
	},
}

func (e *env) comment(id int64) *content.Comment {
	e.t.Helper()
	c, err := e.st.Comment(ctx, id)
	must(e.t, err)
	return c
}

// TestCommentQueue: counts per state, filters, flags, and that an edit
// then an approval keeps the reader's text for staff while readers see
// the edit marked "đã biên tập".
func TestCommentQueue(t *testing.T) {
	e := newEnv(t)
	a := e.commentArticle(e.local)
	other := e.commentArticle(e.sport)
	c1 := e.pendingComment(a, "Bai viet hay, nhung lừa đảo thì sao?", nil)
	c2 := e.pendingComment(a, "Ý kiến thứ hai.", nil)
	e.pendingComment(other, "Ý kiến ở bài thể thao.", nil)
	tok := e.tokens["bientap"]
	must(t, e.st.SetSettings(ctx, map[string]string{content.SettingCommentBannedWords: "Lừa đảo"}))

	res := e.do(req{method: "GET", path: "/admin/y-kien", token: tok})
	body := text(res)
	if res.Code != 200 || !strings.Contains(body, "3 Chờ duyệt") || !strings.Contains(body, "3 ý kiến") ||
		!strings.Contains(body, "Cần chú ý: có từ trong danh sách từ cấm (“lua dao”)") {
		t.Fatalf("queue: %d %s", res.Code, body)
	}
	if !strings.Contains(res.Body.String(), "moderation.") {
		t.Error("no keyboard shortcuts script")
	}
	res = e.do(req{method: "GET", path: "/admin/y-kien?chuyen_muc=" + itoa(e.sport.ID), token: tok})
	if body := text(res); !strings.Contains(body, "1 ý kiến") || strings.Contains(body, "Ý kiến thứ hai") {
		t.Errorf("section filter: %s", body)
	}
	res = e.do(req{method: "GET", path: "/admin/y-kien?tu=2026-11-03", token: tok})
	if body := text(res); !strings.Contains(body, "0 ý kiến") {
		t.Errorf("date filter: %s", body)
	}

	// Edit, then approve from the detail page.
	res = e.do(req{method: "POST", path: "/admin/y-kien/" + itoa(c1.ID) + "/duyet", token: tok, csrf: "auto",
		form: url.Values{"noi_dung": {"Bài viết hay, nhưng nếu có lừa đảo thì sao?"}, "ve": {"/admin/y-kien/" + itoa(c1.ID)}}})
	if res.Code != http.StatusSeeOther {
		t.Fatalf("approve: %d %s", res.Code, text(res))
	}
	got := e.comment(c1.ID)
	if got.Status != content.CommentApproved || got.Original != "Bai viet hay, nhung lừa đảo thì sao?" || !got.Edited() {
		t.Fatalf("after edit and approve: %+v", got)
	}
	if got.LinksAllowed {
		t.Error("links allowed without the box")
	}
	res = e.do(req{method: "POST", path: "/admin/y-kien/" + itoa(c1.ID) + "/sua", token: tok, csrf: "auto",
		form: url.Values{"noi_dung": {got.Body}, "co_lien_ket": {"1"}, "lien_ket": {"1"}}})
	if res.Code != http.StatusSeeOther || !e.comment(c1.ID).LinksAllowed || e.comment(c1.ID).Status != content.CommentApproved {
		t.Errorf("allow links: %d %+v", res.Code, e.comment(c1.ID))
	}
	res = e.do(req{method: "GET", path: "/admin/y-kien/" + itoa(c1.ID), token: tok})
	if body := text(res); !strings.Contains(body, "Bản gốc của bạn đọc Bai viet hay, nhung lừa đảo thì sao?") {
		t.Errorf("detail page does not show the original: %s", body)
	}
	page := e.do(req{method: "GET", path: a.Path()})
	if body := text(page); !strings.Contains(body, "Bài viết hay, nhưng nếu có lừa đảo thì sao?") ||
		!strings.Contains(body, "đã biên tập") || strings.Contains(body, "Bai viet hay") || !strings.Contains(body, "1 ý kiến") {
		t.Errorf("article page: %s", body)
	}
	// Reject with a reason, in bulk.
	res = e.do(req{method: "POST", path: "/admin/y-kien/hang-loat", token: tok, csrf: "auto",
		form: url.Values{"chon": {itoa(c2.ID)}, "thao_tac": {"tu-choi"}, "ly_do": {"Trùng ý"}}})
	if res.Code != http.StatusSeeOther {
		t.Fatalf("bulk: %d %s", res.Code, text(res))
	}
	if got := e.comment(c2.ID); got.Status != content.CommentRejected || got.RejectReason != "Trùng ý" {
		t.Errorf("bulk reject: %+v", got)
	}
	if n := e.count(`SELECT COUNT(*) FROM audit_log WHERE action LIKE 'comment.%'`); n != 3 {
		t.Errorf("%d audit entries", n)
	}
	// Nothing ticked, an unknown action: refused with a sentence.
	res = e.do(req{method: "POST", path: "/admin/y-kien/hang-loat", token: tok, csrf: "auto", form: url.Values{"thao_tac": {"duyet"}}})
	if res.Code != http.StatusBadRequest || !strings.Contains(text(res), "chưa chọn") {
		t.Errorf("bulk without ids: %d", res.Code)
	}
}

func TestCommentAttachmentDownload(t *testing.T) {
	e := newEnv(t)
	data := []byte("%PDF-1.4 <script>alert(1)</script>")
	c := e.pendingComment(e.commentArticle(e.local), "Có tệp.", data)
	res := e.do(req{method: "GET", path: "/admin/y-kien/tep/" + itoa(c.Attachments[0].ID), token: e.tokens["bientap"]})
	h := res.Header()
	if res.Code != 200 || res.Body.String() != string(data) {
		t.Fatalf("download: %d", res.Code)
	}
	if cd := h.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, "filename*=utf-8''") {
		t.Errorf("Content-Disposition %q", cd)
	}
	if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Content-Type") != "application/pdf" ||
		!strings.Contains(h.Get("Content-Security-Policy"), "sandbox") {
		t.Errorf("headers %v", h)
	}
	// Never from the public site.
	for _, p := range []string{"/media/" + c.Attachments[0].Hash[:2] + "/" + c.Attachments[0].Hash, "/attachments/" + c.Attachments[0].Path()} {
		if res := e.do(req{method: "GET", path: p}); res.Code != http.StatusNotFound {
			t.Errorf("public %s: %d", p, res.Code)
		}
	}
}

func TestCommentSectionLimits(t *testing.T) {
	e := newEnv(t)
	e.addUser("bientap.thethao", auth.Editor, e.sport.ID)
	tok := e.newSession("bientap.thethao")
	local := e.pendingComment(e.commentArticle(e.local), "Ở bài địa phương.", []byte("%PDF-1.4"))
	sport := e.pendingComment(e.commentArticle(e.sport), "Ở bài thể thao.", nil)
	res := e.do(req{method: "GET", path: "/admin/y-kien", token: tok})
	if body := text(res); !strings.Contains(body, "Ở bài thể thao") || strings.Contains(body, "Ở bài địa phương") {
		t.Errorf("queue of a section-limited editor: %s", body)
	}
	before := e.snapshot()
	for _, r := range []req{
		{method: "POST", path: "/admin/y-kien/" + itoa(local.ID) + "/duyet"},
		{method: "POST", path: "/admin/y-kien/hang-loat", form: url.Values{"chon": {itoa(sport.ID), itoa(local.ID)}, "thao_tac": {"duyet"}}},
		{method: "GET", path: "/admin/y-kien/" + itoa(local.ID)},
		{method: "GET", path: "/admin/y-kien/tep/" + itoa(local.Attachments[0].ID)},
	} {
		r.token, r.csrf = tok, "auto"
		if res := e.do(r); res.Code != http.StatusForbidden || !strings.Contains(text(res), "chuyên mục bạn không phụ trách") {
			t.Errorf("%s %s: %d", r.method, r.path, res.Code)
		}
	}
	if e.snapshot() != before {
		t.Error("a refused moderation changed the database")
	}
	res = e.do(req{method: "POST", path: "/admin/y-kien/" + itoa(sport.ID) + "/duyet", token: tok, csrf: "auto"})
	if res.Code != http.StatusSeeOther || e.comment(sport.ID).Status != content.CommentApproved {
		t.Errorf("own section: %d", res.Code)
	}
}
