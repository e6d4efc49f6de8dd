package site

import (
	"net/http"
	"strings"
	"testing"

	"github.com/toasoan/toasoan/comments"
	"github.com/toasoan/toasoan/content"
)

// TestRefusedReplyNamesItsComment: a reply refused (here for its missing
// diacritics) comes back as the reply form, naming the comment answered,
// not "Trả lời ý kiến của" and nothing.
func TestRefusedReplyNamesItsComment(t *testing.T) {
	c := newCommentSite(t)
	first := &content.Comment{ArticleID: c.a.ID, Status: content.CommentPending, Name: "Người thứ nhất", Email: "x@example.vn",
		Body: "Ý kiến đầu tiên.", CreatedAt: c.clock.Now()}
	noErr(t, c.st.CreateComment(ctx, first))
	noErr(t, c.cs.Moderate(ctx, comments.Moderator{User: c.editor}, comments.Step{IDs: []int64{first.ID}, Status: content.CommentApproved}))
	res := c.post(map[string]string{"ten": "Bạn đọc", "email": "b@example.vn", "tra_loi": itoa(first.ID),
		"noi_dung": "Toi dong y voi y kien cua ban ve van de nay"}, nil)
	page := plain(res.Body.String())
	if res.Code != http.StatusUnprocessableEntity {
		t.Fatalf("refusal %d: %s", res.Code, page)
	}
	if !strings.Contains(page, "Trả lời ý kiến của Người thứ nhất") || !strings.Contains(res.Body.String(), `name="tra_loi" value="`+itoa(first.ID)+`"`) {
		t.Errorf("the refused reply's form: %s", page)
	}
	// The page answers the submission; it does not list the comments, so
	// it must not say that none is published.
	if strings.Contains(page, "Chưa có ý kiến nào được đăng") {
		t.Errorf("the refusal page says no comment is published: %s", page)
	}
}
