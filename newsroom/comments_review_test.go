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
