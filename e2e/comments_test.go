package e2e

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/newsroom"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/store/sqlite"
)

const moderatorPassword = "mật-khẩu-biên-tập-2026"

// commentServer serves a small newspaper whose articles teach the
// restoration model the words readers use, with comments and the newsroom
// wired as serve wires them.
func commentServer(t *testing.T) (*httptest.Server, *sqlite.Store, *content.Article) {
	t.Helper()
	var first *content.Article
	fill := func(ctx context.Context, st *sqlite.Store) error {
		cat := content.Category{Code: "thoi-su", Name: "Thời sự"}
		if err := st.CreateCategory(ctx, &cat); err != nil {
			return err
		}
		if err := st.SetSettings(ctx, map[string]string{content.SettingSiteName: "BDO"}); err != nil {
			return err
		}
		pub := time.Now().Add(-time.Hour)
		var arts []*content.Article
		for i, body := range []string{
			"Bạn đọc viết: bài viết rất hay, cảm ơn tòa soạn đã đưa tin kịp thời về công tác luân chuyển cán bộ.",
			"Nhiều ý kiến cho rằng bài viết rất hay và cảm ơn tòa soạn đã đưa tin kịp thời.",
			"Tòa soạn cảm ơn bạn đọc đã góp ý; bài viết rất hay được đưa tin kịp thời.",
		} {
			arts = append(arts, &content.Article{Lang: "vi", Title: "Hiệu quả từ công tác luân chuyển cán bộ " + string(rune('A'+i)),
				Slug: "hieu-qua-luan-chuyen-can-bo-" + string(rune('a'+i)), Sapo: "Qua 4 năm thực hiện.", Body: "<p>" + body + "</p>",
				Status: content.StatusPublished, CategoryID: cat.ID, CreatedAt: pub, UpdatedAt: pub, PublishedAt: pub.Add(time.Duration(i) * time.Minute)})
		}
		first = arts[0]
		return st.CreateArticles(ctx, arts)
	}
	p := newPaper(t, paperOptions{fill: fill, model: true, accounts: []newsroom.NewAccount{{Username: "bientap",
		DisplayName: "Lê Biên Tập", Role: auth.Editor, Password: moderatorPassword}}})
	return p.srv, p.st, first
}

// TestCommentTypedWithoutDiacritics: a reader types a comment without
// diacritics, is warned as they type, accepts the restored text with one
// click, attaches a file and sends; an editor logs in, edits and approves
// it; the article page shows it marked "đã biên tập".
func TestCommentTypedWithoutDiacritics(t *testing.T) {
	b := newTab(t)
	srv, st, a := commentServer(t)
	step, text := b.do, b.text
	const typed = "Bai viet rat hay, cam on toa soan da dua tin kip thoi"
	const restored = "Bài viết rất hay, cảm ơn tòa soạn đã đưa tin kịp thời"
	pic := filepath.Join(t.TempDir(), "ảnh hiện trường.png")
	if err := os.WriteFile(pic, append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 2048)...), 0o644); err != nil {
		t.Fatal(err)
	}

	step("open the article",
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)),
		chromedp.Navigate(srv.URL+a.Path()),
		chromedp.WaitVisible(chromedp.CSS("#gui-y-kien")))
	if rules := text(".comment-rules"); !strings.Contains(rules, "BDO sẽ biên tập ý kiến của bạn đọc trước khi xuất bản") {
		t.Errorf("rules %q", rules)
	}
	step("type without diacritics",
		chromedp.SendKeys(chromedp.CSS("#y-kien-ten"), "Nguyễn Văn An"),
		chromedp.SendKeys(chromedp.CSS("#y-kien-email"), "an@example.vn"),
		chromedp.SendKeys(chromedp.CSS("#y-kien-noi-dung"), typed),
		chromedp.WaitVisible(chromedp.CSS(".diacritics-missing .diacritics-message")),
		chromedp.WaitVisible(chromedp.CSS(".suggestion-accept")))
	if msg := text(".diacritics-message"); !strings.HasPrefix(msg, "Vui lòng gõ tiếng Việt có dấu") {
		t.Errorf("warning %q", msg)
	}
	if got := text(".suggestion .suggestion-text"); got != restored {
		t.Errorf("suggestion %q, want %q", got, restored)
	}
	if v := eval[string](b, `document.querySelector("#y-kien-noi-dung").value`); v != typed {
		t.Errorf("the text changed before the reader accepted: %q", v)
	}
	b.shot("comment-suggestion.png")
	step("accept the suggestion and attach a file",
		chromedp.Click(chromedp.CSS(".suggestion-accept")),
		chromedp.WaitNotPresent(chromedp.CSS(".diacritics-missing")),
		chromedp.SetUploadFiles(chromedp.CSS("#y-kien-tep"), []string{pic}),
		chromedp.Sleep(1200*time.Millisecond)) // the form token's least fill time
	if v := eval[string](b, `document.querySelector("#y-kien-noi-dung").value`); v != restored {
		t.Errorf("after accepting: %q", v)
	}
	if got := text(".comment-field .file-button") + " | " + text(".comment-field .file-picked"); got != "Chọn tệp… | "+filepath.Base(pic) {
		t.Errorf("the file chooser says %q, want the Vietnamese button and the chosen name", got)
	}
	step("send",
		chromedp.Click(chromedp.CSS(".comment-submit")),
		chromedp.WaitVisible(chromedp.CSS(".comment-notice")))
	if n := text(".comment-notice"); !strings.Contains(n, "Cảm ơn bạn đã gửi ý kiến") {
		t.Errorf("acknowledgement %q", n)
	}
	list, err := st.Comments(context.Background(), store.CommentQuery{})
	if err != nil || len(list) != 1 {
		t.Fatalf("stored: %v %v", list, err)
	}
	c, _ := st.Comment(context.Background(), list[0].ID)
	if c.Body != restored || c.Status != content.CommentPending || len(c.Attachments) != 1 || c.Attachments[0].Name != "ảnh hiện trường.png" {
		t.Errorf("stored comment %+v", c)
	}

	second := &content.Comment{ArticleID: a.ID, Status: content.CommentPending, Name: "Trần Thị Bình", Email: "binh@example.vn",
		Body: "Tôi đồng ý với bài viết.", CreatedAt: time.Now().Add(time.Minute)}
	if err := st.CreateComment(context.Background(), second); err != nil {
		t.Fatal(err)
	}
	step("an editor logs in and opens the comment",
		chromedp.Navigate(srv.URL+"/admin/y-kien"),
		chromedp.WaitVisible(chromedp.CSS("section.login #ten")),
		chromedp.SendKeys(chromedp.CSS("#ten"), "bientap"),
		chromedp.SendKeys(chromedp.CSS("#mk"), moderatorPassword),
		chromedp.Click(chromedp.CSS("section.login button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".mod-item")))
	if !eval[bool](b, `document.querySelector(".mod-item.mod-current") !== null`) {
		t.Error("moderation.js did not run: no comment is selected for the keyboard")
	}
	if item := text(".mod-item"); !strings.Contains(item, restored) || !strings.Contains(item, "1 tệp") {
		t.Errorf("queue item %q", item)
	}
	b.shot("comment-queue.png")
	step("approve the second comment from the keyboard: j, then a",
		chromedp.KeyEvent("j"),
		chromedp.KeyEvent("a"),
		chromedp.WaitVisible(chromedp.CSS(".notice-ok")))
	if c, _ := st.Comment(context.Background(), second.ID); c.Status != content.CommentApproved {
		t.Errorf("keyboard approval: %s", c.Status)
	}
	if n := eval[int](b, `document.querySelectorAll(".mod-item").length`); n != 1 {
		t.Errorf("%d comments left in the queue, want 1", n)
	}
	const edited = "Bài viết rất hay, cảm ơn tòa soạn đã đưa tin kịp thời!"
	step("open the comment",
		chromedp.Click(chromedp.CSS(".mod-open")),
		chromedp.WaitVisible(chromedp.CSS("#sua-noi-dung")))
	b.shot("comment-detail.png")
	step("edit and approve",
		chromedp.Clear(chromedp.CSS("#sua-noi-dung")),
		chromedp.SendKeys(chromedp.CSS("#sua-noi-dung"), edited),
		chromedp.Click(chromedp.CSS("#form-sua .mod-approve")),
		chromedp.WaitVisible(chromedp.CSS(".notice-ok")))
	if n := text(".notice-ok"); !strings.Contains(n, "Đã duyệt") {
		t.Errorf("notice %q", n)
	}

	if c, _ := st.Comment(context.Background(), list[0].ID); c.Status != content.CommentApproved || c.Body != edited || c.Original != restored {
		t.Errorf("after moderation: %+v", c)
	}
	step("the reader's page",
		chromedp.Navigate(srv.URL+a.Path()+"?xem=lai"),
		chromedp.WaitVisible(chromedp.CSS(".comment .comment-edited")))
	if got := text(".comment .comment-text"); got != edited { // oldest first
		t.Errorf("published text %q", got)
	}
	if got := text(".comment .comment-edited"); got != "đã biên tập" {
		t.Errorf("mark %q", got)
	}
	if got := text(".article-meta .comment-count"); got != "2 ý kiến" {
		t.Errorf("header count %q", got)
	}
	b.shot("comment-approved.png")
}
