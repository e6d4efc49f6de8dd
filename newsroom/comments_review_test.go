package newsroom

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/content"
)

// TestBannedWordsNeedEverySection: the banned-word list flags comments in
// every section, so a moderator limited to some sections may not change
// it (and so stop the flags in sections they do not moderate).
func TestBannedWordsNeedEverySection(t *testing.T) {
	e := newEnv(t)
	e.addUser("bientap.thethao", auth.Editor, e.sport.ID)
	tok := e.newSession("bientap.thethao")
	must(t, e.st.SetSettings(ctx, map[string]string{content.SettingCommentBannedWords: "lừa đảo"}))
	before := e.snapshot()
	res := e.do(req{method: "POST", path: "/admin/y-kien/tu-cam", token: tok, csrf: "auto", form: url.Values{"tu_cam": {""}}})
	if res.Code != http.StatusForbidden {
		t.Errorf("a section-limited editor saved the banned words: %d", res.Code)
	}
	if e.snapshot() != before {
		t.Error("the refused change changed the database")
	}
	if body := e.do(req{method: "GET", path: "/admin/y-kien", token: tok}).Body.String(); strings.Contains(body, `action="/admin/y-kien/tu-cam"`) {
		t.Error("the queue offers a section-limited editor the banned-word form")
	}
	res = e.do(req{method: "POST", path: "/admin/y-kien/tu-cam", token: e.tokens["bientap"], csrf: "auto", form: url.Values{"tu_cam": {"lừa đảo\nlưu manh"}}})
	if res.Code != http.StatusSeeOther {
		t.Errorf("an editor of every section: %d", res.Code)
	}
}

// TestQueueNoticeSaysTheLastAction: the queue's actions return to the
// page they came from, whose address already carries the previous
// action's notice; the notice shown must be the last action's.
func TestQueueNoticeSaysTheLastAction(t *testing.T) {
	e := newEnv(t)
	a := e.commentArticle(e.local)
	c1, c2 := e.pendingComment(a, "Một.", nil), e.pendingComment(a, "Hai.", nil)
	tok := e.tokens["bientap"]
	res := e.do(req{method: "POST", path: "/admin/y-kien/" + itoa(c1.ID) + "/duyet", token: tok, csrf: "auto",
		form: url.Values{"ve": {"/admin/y-kien?trang_thai=pending"}}})
	back := res.Header().Get("Location")
	res = e.do(req{method: "POST", path: "/admin/y-kien/" + itoa(c2.ID) + "/tu-choi", token: tok, csrf: "auto",
		form: url.Values{"ve": {back}, "ly_do": {"Lạc đề"}}})
	loc := res.Header().Get("Location")
	page := text(e.do(req{method: "GET", path: loc, token: tok}))
	if !strings.Contains(page, "Đã từ chối ý kiến") || strings.Contains(page, "Đã duyệt:") {
		t.Errorf("after approving then rejecting, %s says: %s", loc, page)
	}
	if !strings.Contains(loc, "trang_thai=pending") {
		t.Errorf("the queue's filter was lost: %s", loc)
	}
}
