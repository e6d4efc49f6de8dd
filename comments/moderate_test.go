package comments

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
)

func TestEditThenApproveKeepsOriginal(t *testing.T) {
	f := newFixture(t, Limits{})
	c, err := f.submit(f.form("Bai viet hay nhung con thieu so lieu cu the ve so can bo luan chuyen" + "\n\nĐề nghị bổ sung."))
	if err == nil {
		t.Fatal("toneless text was accepted")
	}
	c, err = f.submit(f.form("Bài viết hay nhưng còn thiếu số liệu cụ thể.  Đồ ngốc!"))
	must(t, err)
	by := Moderator{User: f.editor, IP: "192.0.2.5"}
	before := f.changedHit
	// Edit only: stays pending, not public.
	must(t, f.svc.Moderate(ctx, by, Step{IDs: []int64{c.ID}, Body: "Bài viết hay nhưng còn thiếu số liệu cụ thể."}))
	got, _ := f.st.Comment(ctx, c.ID)
	if got.Status != content.CommentPending || !got.Edited() || got.Original != "Bài viết hay nhưng còn thiếu số liệu cụ thể.  Đồ ngốc!" {
		t.Fatalf("after edit: %+v", got)
	}
	if n, _ := f.st.CommentCounts(ctx, []int64{f.a1.ID}); n[f.a1.ID] != 0 {
		t.Error("an edited pending comment is public")
	}
	// Edit again and approve: the reader's text is still the original.
	must(t, f.svc.Moderate(ctx, by, Step{IDs: []int64{c.ID}, Status: content.CommentApproved, Body: "Bài viết hay, nhưng còn thiếu số liệu cụ thể."}))
	got, _ = f.st.Comment(ctx, c.ID)
	if got.Status != content.CommentApproved || got.Body != "Bài viết hay, nhưng còn thiếu số liệu cụ thể." ||
		got.Original != "Bài viết hay nhưng còn thiếu số liệu cụ thể.  Đồ ngốc!" || got.ModeratedBy != f.editor.ID {
		t.Fatalf("after edit and approve: %+v", got)
	}
	list, _ := f.st.ApprovedComments(ctx, f.a1.ID)
	if len(list) != 1 || !list[0].Edited() {
		t.Errorf("public list %+v", list)
	}
	if f.changedHit != before+2 {
		t.Errorf("the page cache was told %d times, want 2", f.changedHit-before)
	}
	es, err := f.st.Audit(ctx, store.AuditQuery{})
	must(t, err)
	var actions []string
	for _, e := range es {
		if e.Object == "comment:"+itoa(c.ID) {
			actions = append(actions, e.Action)
			if e.UserID != f.editor.ID || e.IP != "192.0.2.5" || e.Detail == "" {
				t.Errorf("audit entry %+v", e)
			}
		}
	}
	if len(actions) != 2 || actions[0] != EventApprove || actions[1] != EventEdit {
		t.Errorf("audit actions %v", actions)
	}
	// Empty edits are refused.
	var ee *EditError
	if err := f.svc.Moderate(ctx, by, Step{IDs: []int64{c.ID}, Body: "  \n "}); err != nil && !errors.As(err, &ee) {
		t.Errorf("blank edit: %v", err)
	}
}

func TestRejectAndBulk(t *testing.T) {
	f := newFixture(t, Limits{PerIP: -1, PerEmail: -1})
	var ids []int64
	for _, b := range []string{"Ý kiến thứ nhất.", "Ý kiến thứ hai.", "Ý kiến thứ ba."} {
		c, err := f.submit(f.form(b))
		must(t, err)
		ids = append(ids, c.ID)
	}
	by := Moderator{User: f.editor}
	must(t, f.svc.Moderate(ctx, by, Step{IDs: ids[:2], Status: content.CommentApproved}))
	must(t, f.svc.Moderate(ctx, by, Step{IDs: ids[2:], Status: content.CommentRejected, Reason: "  Lạc đề "}))
	counts, _ := f.st.CommentStatusCounts(ctx, store.CommentQuery{})
	if counts[content.CommentApproved] != 2 || counts[content.CommentRejected] != 1 {
		t.Errorf("counts %v", counts)
	}
	c, _ := f.st.Comment(ctx, ids[2])
	if c.RejectReason != "Lạc đề" {
		t.Errorf("reason %q", c.RejectReason)
	}
	if err := f.svc.Moderate(ctx, by, Step{IDs: ids, Body: "một văn bản"}); err == nil {
		t.Error("an edit of several comments was accepted")
	}
}

func TestModerationRespectsSections(t *testing.T) {
	f := newFixture(t, Limits{PerIP: -1, PerEmail: -1})
	local, err := f.submit(f.form("Ý kiến ở bài địa phương."))
	must(t, err)
	ps := f.form("Ý kiến ở bài thể thao.")
	ps[0] = field(FieldToken, f.svc.Token(f.a2.ID))
	f.clock.Add(5 * time.Second)
	sport, err := f.submitTo(f.a2, "203.0.113.7", ps)
	must(t, err)
	by := Moderator{User: f.localOnly}
	must(t, f.svc.Moderate(ctx, by, Step{IDs: []int64{local.ID}, Status: content.CommentApproved}))
	if err := f.svc.Moderate(ctx, by, Step{IDs: []int64{local.ID, sport.ID}, Status: content.CommentRejected}); !errors.Is(err, ErrForbidden) {
		t.Fatalf("outside the sections: %v", err)
	}
	got, _ := f.st.Comment(ctx, local.ID)
	if got.Status != content.CommentApproved {
		t.Error("a refused bulk step changed a comment")
	}
	if err := f.svc.Moderate(ctx, by, Step{IDs: []int64{999}, Status: content.CommentApproved}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing comment: %v", err)
	}
}

func TestBannedWords(t *testing.T) {
	banned := content.BannedWords("ngu\nđồ khốn, Lừa Đảo;\n\n  ")
	if len(banned) != 3 {
		t.Fatalf("parsed %q", banned)
	}
	cases := []struct {
		text string
		want int
	}{
		{"Bọn này toàn lừa đảo!", 1},
		{"bon nay toan LUA DAO", 1},
		{"Đồ khốn nạn, ngu quá", 2},
		{"Nguyên tắc và nguồn gốc", 0},
		{"Ngư dân ra khơi", 1}, // folded like "ngu": flagged for a look, never dropped
		{"Bài viết hay", 0},
	}
	for _, tc := range cases {
		if got := content.MatchBanned(tc.text, banned); len(got) != tc.want {
			t.Errorf("%q: matched %v, want %d", tc.text, got, tc.want)
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestSweepOrphans(t *testing.T) {
	f := newFixture(t, Limits{})
	c, err := f.submit(f.form(goodBody, file("a.jpg", jpegData)))
	must(t, err)
	kept := f.svc.AttachmentPath(c.Attachments[0].Hash)
	orphan := f.svc.AttachmentPath("ab" + strings.Repeat("0", 62))
	fresh := f.svc.AttachmentPath("cd" + strings.Repeat("0", 62))
	for _, p := range []string{orphan, fresh} {
		must(t, os.MkdirAll(filepath.Dir(p), 0o700))
		must(t, os.WriteFile(p, []byte("x"), 0o600))
	}
	old := f.clock.Now().Add(-time.Hour)
	must(t, os.Chtimes(orphan, old, old))
	must(t, os.Chtimes(kept, old, old))
	must(t, os.Chtimes(fresh, f.clock.Now(), f.clock.Now()))
	n, err := f.svc.SweepOrphans(ctx, 10*time.Minute)
	must(t, err)
	if n != 1 {
		t.Errorf("removed %d, want 1", n)
	}
	for p, want := range map[string]bool{kept: true, fresh: true, orphan: false} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s exists: %v, want %v", p, err == nil, want)
		}
	}
}
