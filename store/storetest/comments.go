package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
)

// RunComments runs the reader comments suite: creation with attachments,
// the moderation queue's filters and counts, moderation with its audit
// trail, edits that keep the reader's text, and the public counts. open must
// return a new empty store each call.
func RunComments(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, st store.Store)
	}{
		{"CreateAndRead", testCommentCreate},
		{"QueueFilters", testCommentFilters},
		{"ModerateKeepsOriginal", testCommentModerate},
		{"ModerateAllOrNothing", testCommentModerateAtomic},
		{"PublicCounts", testCommentCounts},
		{"BannedWordsAudited", testBannedWords},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.fn(t, open(t))
		})
	}
}

type commentFixture struct {
	fixture
	a1, a2, a3 *content.Article // a1, a2 in sub1 of top; a3 in other
	editor     *store.User
}

func setupComments(t *testing.T, st store.Store) commentFixture {
	t.Helper()
	f := commentFixture{fixture: setup(t, st)}
	f.a1 = article("mot", f.sub1.ID, at(8, 0, 0))
	f.a2 = article("hai", f.sub2.ID, at(8, 10, 0))
	f.a3 = article("ba", f.other.ID, at(8, 20, 0))
	must(t, st.CreateArticles(ctx, []*content.Article{f.a1, f.a2, f.a3}))
	f.editor = newUser(t, st, "bientap", auth.Editor)
	return f
}

func newComment(st store.Store, t *testing.T, articleID int64, body string, created time.Time) *content.Comment {
	t.Helper()
	c := &content.Comment{ArticleID: articleID, Status: content.CommentPending, Name: "Bạn đọc", Email: "ban.doc@example.vn",
		Body: body, Fingerprint: content.CommentFingerprint(body), IPHash: "ip-1", CreatedAt: created}
	must(t, st.CreateComment(ctx, c))
	return c
}

func moderation(id int64, status content.CommentStatus, by int64, when time.Time) store.CommentChange {
	return store.CommentChange{ID: id, Status: status, By: by, At: when,
		Audit: store.AuditEntry{At: when, UserID: by, Action: "comment." + string(status), Object: "comment:" + itoa(id)}}
}

func itoa(n int64) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

func testCommentCreate(t *testing.T, st store.Store) {
	f := setupComments(t, st)
	c := &content.Comment{ArticleID: f.a1.ID, Status: content.CommentPending, Name: "Nguyễn Văn A", Email: "a@example.vn",
		Body: "Bài viết rất hay, cảm ơn tòa soạn.\nDòng thứ hai.", Fingerprint: "fp", IPHash: "hash-of-ip", CreatedAt: at(9, 0, 0),
		Attachments: []content.Attachment{
			{Name: "ảnh chụp.jpg", Hash: "ab12", Kind: "jpg", MIME: "image/jpeg", Size: 1234},
			{Name: "đơn.pdf", Hash: "cd34", Kind: "pdf", MIME: "application/pdf", Size: 10485760},
		}}
	must(t, st.CreateComment(ctx, c))
	if c.ID == 0 || c.Attachments[0].ID == 0 || c.Attachments[1].CommentID != c.ID {
		t.Fatalf("ids not set: %+v", c)
	}
	got, err := st.Comment(ctx, c.ID)
	must(t, err)
	if got.Body != c.Body || got.Name != c.Name || got.Email != c.Email || got.IPHash != "hash-of-ip" ||
		got.Status != content.CommentPending || !got.CreatedAt.Equal(c.CreatedAt) || got.Edited() {
		t.Errorf("read back %+v", got)
	}
	if got.ArticleTitle != "mot" || got.ArticlePath != f.a1.Path() || got.SectionID != f.top.ID {
		t.Errorf("article fields: %q %q %d", got.ArticleTitle, got.ArticlePath, got.SectionID)
	}
	if len(got.Attachments) != 2 || got.Attachments[1].Size != 10485760 || got.Attachments[0].Name != "ảnh chụp.jpg" {
		t.Errorf("attachments: %+v", got.Attachments)
	}
	a, err := st.CommentAttachment(ctx, got.Attachments[1].ID)
	must(t, err)
	if a.Hash != "cd34" || a.Kind != "pdf" || a.CommentID != c.ID {
		t.Errorf("attachment: %+v", a)
	}
	if ok, err := st.AttachmentStored(ctx, "cd34"); !ok || err != nil {
		t.Errorf("AttachmentStored(cd34): %v %v", ok, err)
	}
	if ok, err := st.AttachmentStored(ctx, "ffff"); ok || err != nil {
		t.Errorf("AttachmentStored(ffff): %v %v", ok, err)
	}
	if _, err := st.CommentAttachment(ctx, 999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing attachment: %v", err)
	}
	if _, err := st.Comment(ctx, 999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing comment: %v", err)
	}
	bad := &content.Comment{ArticleID: 999, Status: content.CommentPending, Body: "x", CreatedAt: at(9, 0, 0)}
	if err := st.CreateComment(ctx, bad); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("comment on a missing article: %v", err)
	}
	reply := &content.Comment{ArticleID: f.a1.ID, ParentID: c.ID, Status: content.CommentPending, Name: "B", Email: "b@example.vn",
		Body: "Đồng ý.", CreatedAt: at(9, 5, 0)}
	must(t, st.CreateComment(ctx, reply))
	if got, _ := st.Comment(ctx, reply.ID); got == nil || got.ParentID != c.ID {
		t.Errorf("reply parent: %+v", got)
	}
}

func testCommentFilters(t *testing.T, st store.Store) {
	f := setupComments(t, st)
	c1 := newComment(st, t, f.a1.ID, "một", at(9, 0, 0))
	c2 := newComment(st, t, f.a2.ID, "hai", at(10, 0, 0))
	c3 := newComment(st, t, f.a3.ID, "ba", at(11, 0, 0))
	c4 := newComment(st, t, f.a1.ID, "bốn", time.Date(2022, 5, 17, 9, 0, 0, 0, content.Location))
	must(t, st.ModerateComments(ctx, []store.CommentChange{moderation(c2.ID, content.CommentApproved, f.editor.ID, at(12, 0, 0))}))
	must(t, st.ModerateComments(ctx, []store.CommentChange{moderation(c3.ID, content.CommentRejected, f.editor.ID, at(12, 0, 0))}))

	cases := []struct {
		name string
		q    store.CommentQuery
		want []int64
	}{
		{"all newest first", store.CommentQuery{}, []int64{c4.ID, c3.ID, c2.ID, c1.ID}},
		{"oldest first", store.CommentQuery{Oldest: true}, []int64{c1.ID, c2.ID, c3.ID, c4.ID}},
		{"pending", store.CommentQuery{Status: content.CommentPending}, []int64{c4.ID, c1.ID}},
		{"article", store.CommentQuery{ArticleID: f.a1.ID}, []int64{c4.ID, c1.ID}},
		{"section", store.CommentQuery{SectionID: f.top.ID}, []int64{c4.ID, c2.ID, c1.ID}},
		{"limited to sections", store.CommentQuery{Sections: []int64{f.other.ID}}, []int64{c3.ID}},
		{"day", store.CommentQuery{Since: at(0, 0, 0), Until: at(23, 59, 59)}, []int64{c3.ID, c2.ID, c1.ID}},
		{"email", store.CommentQuery{Email: "ban.doc@example.vn", Since: at(10, 0, 0)}, []int64{c4.ID, c3.ID, c2.ID}},
		{"same mailbox", store.CommentQuery{Email: " Ban.Doc+tin-moi@Example.VN", Since: at(10, 0, 0)}, []int64{c4.ID, c3.ID, c2.ID}},
		{"ip", store.CommentQuery{IPHash: "ip-1", Limit: 2}, []int64{c4.ID, c3.ID}},
		{"offset", store.CommentQuery{Limit: 2, Offset: 2}, []int64{c2.ID, c1.ID}},
		{"fingerprint", store.CommentQuery{Fingerprint: content.CommentFingerprint("HAI")}, []int64{c2.ID}},
	}
	for _, tc := range cases {
		got, err := st.Comments(ctx, tc.q)
		must(t, err)
		var gotIDs []int64
		for _, c := range got {
			gotIDs = append(gotIDs, c.ID)
		}
		if !equalIDs(gotIDs, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, gotIDs, tc.want)
		}
		tc.q.Limit, tc.q.Offset = 0, 0
		n, err := st.CountComments(ctx, tc.q)
		must(t, err)
		if tc.name != "ip" && tc.name != "offset" && n != len(tc.want) {
			t.Errorf("%s: count %d, want %d", tc.name, n, len(tc.want))
		}
	}
	counts, err := st.CommentStatusCounts(ctx, store.CommentQuery{Status: content.CommentApproved})
	must(t, err)
	if counts[content.CommentPending] != 2 || counts[content.CommentApproved] != 1 || counts[content.CommentRejected] != 1 {
		t.Errorf("status counts %v", counts)
	}
	counts, err = st.CommentStatusCounts(ctx, store.CommentQuery{SectionID: f.top.ID})
	must(t, err)
	if counts[content.CommentPending] != 2 || counts[content.CommentApproved] != 1 || counts[content.CommentRejected] != 0 {
		t.Errorf("status counts in a section %v", counts)
	}
}

func testCommentModerate(t *testing.T, st store.Store) {
	f := setupComments(t, st)
	c := newComment(st, t, f.a1.ID, "Bai viet hay", at(9, 0, 0))
	before := auditCount(t, st)
	ch := moderation(c.ID, content.CommentApproved, f.editor.ID, at(9, 30, 0))
	ch.Body = "Bài viết hay."
	must(t, st.ModerateComments(ctx, []store.CommentChange{ch}))
	got, err := st.Comment(ctx, c.ID)
	must(t, err)
	if got.Status != content.CommentApproved || got.Body != "Bài viết hay." || got.Original != "Bai viet hay" || !got.Edited() ||
		got.ModeratedBy != f.editor.ID || !got.ModeratedAt.Equal(at(9, 30, 0)) {
		t.Errorf("after edit and approve: %+v", got)
	}
	// A second edit keeps the reader's text, not the first edit.
	ch = moderation(c.ID, content.CommentApproved, f.editor.ID, at(9, 40, 0))
	ch.Body = "Bài viết rất hay."
	must(t, st.ModerateComments(ctx, []store.CommentChange{ch}))
	got, _ = st.Comment(ctx, c.ID)
	if got.Body != "Bài viết rất hay." || got.Original != "Bai viet hay" {
		t.Errorf("second edit: body %q original %q", got.Body, got.Original)
	}
	ch = moderation(c.ID, content.CommentRejected, f.editor.ID, at(9, 50, 0))
	ch.Reason = "Lạc đề"
	must(t, st.ModerateComments(ctx, []store.CommentChange{ch}))
	got, _ = st.Comment(ctx, c.ID)
	if got.Status != content.CommentRejected || got.RejectReason != "Lạc đề" || got.Original != "Bai viet hay" {
		t.Errorf("reject: %+v", got)
	}
	if n := auditCount(t, st); n != before+3 {
		t.Errorf("audit entries %d, want %d", n, before+3)
	}
	es, err := st.Audit(ctx, store.AuditQuery{Action: "comment.rejected"})
	must(t, err)
	if len(es) != 1 || es[0].Object != "comment:"+itoa(c.ID) || es[0].UserID != f.editor.ID {
		t.Errorf("audit: %+v", es)
	}
	if err := st.ModerateComments(ctx, []store.CommentChange{{ID: c.ID, Status: content.CommentApproved}}); err == nil {
		t.Error("a moderation step without an audit entry was accepted")
	}
}

func testCommentModerateAtomic(t *testing.T, st store.Store) {
	f := setupComments(t, st)
	c1 := newComment(st, t, f.a1.ID, "một", at(9, 0, 0))
	before := auditCount(t, st)
	err := st.ModerateComments(ctx, []store.CommentChange{
		moderation(c1.ID, content.CommentApproved, f.editor.ID, at(9, 30, 0)),
		moderation(c1.ID+100, content.CommentApproved, f.editor.ID, at(9, 30, 0)),
	})
	if !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown id: %v", err)
	}
	got, _ := st.Comment(ctx, c1.ID)
	if got.Status != content.CommentPending || auditCount(t, st) != before {
		t.Errorf("a failed bulk step changed something: %s, audit %d→%d", got.Status, before, auditCount(t, st))
	}
}

func testCommentCounts(t *testing.T, st store.Store) {
	f := setupComments(t, st)
	c1 := newComment(st, t, f.a1.ID, "một", at(9, 0, 0))
	c2 := newComment(st, t, f.a1.ID, "hai", at(9, 1, 0))
	c3 := newComment(st, t, f.a1.ID, "ba", at(9, 2, 0))
	c4 := newComment(st, t, f.a2.ID, "bốn", at(9, 3, 0))
	must(t, st.ModerateComments(ctx, []store.CommentChange{
		moderation(c3.ID, content.CommentApproved, f.editor.ID, at(10, 0, 0)),
		moderation(c1.ID, content.CommentApproved, f.editor.ID, at(10, 0, 0)),
		moderation(c2.ID, content.CommentRejected, f.editor.ID, at(10, 0, 0)),
		moderation(c4.ID, content.CommentApproved, f.editor.ID, at(10, 0, 0)),
	}))
	counts, err := st.CommentCounts(ctx, []int64{f.a1.ID, f.a2.ID, f.a3.ID})
	must(t, err)
	if counts[f.a1.ID] != 2 || counts[f.a2.ID] != 1 || len(counts) != 2 {
		t.Errorf("counts %v", counts)
	}
	list, err := st.ApprovedComments(ctx, f.a1.ID)
	must(t, err)
	if len(list) != 2 || list[0].ID != c1.ID || list[1].ID != c3.ID {
		t.Errorf("approved oldest first: %+v", list)
	}
	if empty, err := st.CommentCounts(ctx, nil); err != nil || len(empty) != 0 {
		t.Errorf("no ids: %v %v", empty, err)
	}

	// An approved reply whose comment was later rejected or sent back is
	// not shown under the article, so listings must not count it.
	r := &content.Comment{ArticleID: f.a2.ID, ParentID: c4.ID, Status: content.CommentPending, Name: "Bạn đọc",
		Email: "ban.doc@example.vn", Body: "trả lời", Fingerprint: content.CommentFingerprint("trả lời"), CreatedAt: at(9, 4, 0)}
	must(t, st.CreateComment(ctx, r))
	must(t, st.ModerateComments(ctx, []store.CommentChange{moderation(r.ID, content.CommentApproved, f.editor.ID, at(10, 1, 0))}))
	if counts, _ := st.CommentCounts(ctx, []int64{f.a2.ID}); counts[f.a2.ID] != 2 {
		t.Errorf("approved comment and reply: counts %v, want 2", counts)
	}
	for _, st2 := range []content.CommentStatus{content.CommentRejected, content.CommentPending} {
		must(t, st.ModerateComments(ctx, []store.CommentChange{moderation(c4.ID, st2, f.editor.ID, at(10, 2, 0))}))
		if counts, _ := st.CommentCounts(ctx, []int64{f.a2.ID}); counts[f.a2.ID] != 0 {
			t.Errorf("the comment %s, its approved reply hidden: counts %v, want none", st2, counts)
		}
	}
}

func testBannedWords(t *testing.T, st store.Store) {
	before := auditCount(t, st)
	must(t, st.SetBannedWords(ctx, "lừa đảo\nđồ ngốc", audit("comment.banned_words", "setting")))
	settings, err := st.Settings(ctx)
	must(t, err)
	if settings[content.SettingCommentBannedWords] != "lừa đảo\nđồ ngốc" || auditCount(t, st) != before+1 {
		t.Errorf("setting %q, audit %d→%d", settings[content.SettingCommentBannedWords], before, auditCount(t, st))
	}
	if err := st.SetBannedWords(ctx, "x", store.AuditEntry{}); err == nil {
		t.Error("a change without an audit entry was accepted")
	}
	settings, _ = st.Settings(ctx)
	if settings[content.SettingCommentBannedWords] != "lừa đảo\nđồ ngốc" {
		t.Error("a refused change was written")
	}
}
