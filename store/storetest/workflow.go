package storetest

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
)

// RunWorkflow runs the workflow suite: versions and compare-and-swap saves,
// revisions, transitions, published versions, leases and due schedules.
// open must return a new empty store each call.
func RunWorkflow(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, st store.Store)
	}{
		{"DraftAndRevisions", testDraftAndRevisions},
		{"StaleSave", testStaleSave},
		{"Transitions", testTransitions},
		{"PublishedVersions", testPublishedVersions},
		{"Leases", testLeases},
		{"PublishDueTogether", testPublishDueTogether},
		{"TakeDown", testTakeDown},
		{"WorkflowArticles", testWorkflowArticles},
		{"ImportedBaseline", testImportedBaseline},
		{"UpdateIsAVersion", testUpdateIsAVersion},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := open(t)
			tc.fn(t, st)
		})
	}
}

type wfFixture struct {
	fixture
	reporter, editor, chief *store.User
	pic                     *content.Media
}

func wfSetup(t *testing.T, st store.Store) wfFixture {
	t.Helper()
	f := wfFixture{fixture: setup(t, st)}
	f.reporter = newUser(t, st, "phongvien", auth.Reporter, f.top.ID)
	f.editor = newUser(t, st, "bientap", auth.Editor)
	f.chief = newUser(t, st, "thuky", auth.ManagingEditor)
	f.pic = &content.Media{Hash: "ab" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab", Ext: "jpg",
		MIME: "image/jpeg", Width: 1200, Height: 800, Caption: "Ảnh", CreatedAt: at(8, 0, 0)}
	if _, err := st.CreateMedia(ctx, f.pic); err != nil {
		t.Fatal(err)
	}
	return f
}

func draft(f wfFixture, title string) *content.Article {
	return &content.Article{Title: title, Slug: "bai-" + title, Sapo: "Sapo " + title, Body: "<p>Thân bài " + title + "</p>",
		CategoryID: f.sub1.ID, Byline: "THU THẢO", Tags: []content.Tag{{Name: "Giao thông"}},
		CreatedAt: at(8, 0, 0), UpdatedAt: at(8, 0, 0)}
}

func newDraft(t *testing.T, st store.Store, f wfFixture, title string) *content.Article {
	t.Helper()
	a := draft(f, title)
	must(t, st.CreateDraft(ctx, a, f.reporter.ID, store.AuditEntry{Action: "article.create", Detail: "Viết bài"}))
	if a.ID == 0 {
		t.Fatal("no id")
	}
	return a
}

func save(t *testing.T, st store.Store, a *content.Article, base int, u *store.User, when time.Time) int {
	t.Helper()
	v, err := st.SaveArticle(ctx, store.SaveRequest{Article: a, BaseVersion: base, UserID: u.ID, At: when,
		Audit: store.AuditEntry{Action: "article.save", Detail: "Lưu bài"}})
	must(t, err)
	return v
}

func move(st store.Store, id int64, from, to content.Status, u *store.User, when time.Time, note string, publishAt time.Time) error {
	return st.Transition(ctx, store.TransitionRequest{ArticleID: id, From: from, To: to, UserID: u.ID, At: when, Note: note,
		PublishAt: publishAt, Audit: store.AuditEntry{Action: "article." + string(to), Detail: "chuyển"}})
}

func testDraftAndRevisions(t *testing.T, st store.Store) {
	f := wfSetup(t, st)
	before := auditCount(t, st)
	a := newDraft(t, st, f, "Cầu mới")
	m, err := st.ArticleMeta(ctx, a.ID)
	must(t, err)
	if m.Status != content.StatusDraft || m.Version != 1 || m.OwnerID != f.reporter.ID || m.OwnerName != "Tên phongvien" ||
		m.SectionID != f.top.ID || m.CategoryID != f.sub1.ID {
		t.Fatalf("meta %+v", m)
	}
	// A second save changes every field the revision keeps.
	a.Title, a.Sapo, a.Body, a.Type = "Cầu mới thông xe", "Sapo mới", "<p>Thân bài đã sửa</p>", content.TypePhotoStory
	a.CategoryID, a.Byline, a.PictureID, a.PictureCaption = f.sub2.ID, "CHÂU TIẾN", f.pic.ID, "Chú thích"
	a.Tags = []content.Tag{{Name: "Cầu đường"}, {Name: "Bến Cát"}}
	if v := save(t, st, a, 1, f.editor, at(9, 0, 0)); v != 2 {
		t.Fatalf("version %d, want 2", v)
	}
	if got := auditCount(t, st) - before; got != 2 {
		t.Errorf("%d audit entries for a create and a save, want 2", got)
	}
	revs, err := st.Revisions(ctx, a.ID)
	must(t, err)
	if len(revs) != 2 || revs[0].Version != 2 || revs[1].Version != 1 {
		t.Fatalf("revisions %+v", revs)
	}
	r2, r1 := revs[0], revs[1]
	// A listing does not read every body: an article saved every ten
	// seconds for hours has thousands of versions.
	if r2.Body != "" || r1.Body != "" {
		t.Error("the revision list carries the bodies")
	}
	if r2.Title != "Cầu mới thông xe" || r2.Sapo != "Sapo mới" || revBody(t, st, a.ID, 2) != "<p>Thân bài đã sửa</p>" ||
		r2.Type != content.TypePhotoStory || r2.CategoryID != f.sub2.ID || r2.Byline != "CHÂU TIẾN" ||
		r2.PictureID != f.pic.ID || r2.PictureCaption != "Chú thích" || !slices.Equal(r2.Tags, []string{"Cầu đường", "Bến Cát"}) ||
		r2.UserID != f.editor.ID || r2.UserName != "Tên bientap" || !r2.At.Equal(at(9, 0, 0)) {
		t.Errorf("revision 2 %+v", r2)
	}
	if r1.Title != "Cầu mới" || r1.PictureID != 0 || !slices.Equal(r1.Tags, []string{"Giao thông"}) || r1.UserID != f.reporter.ID {
		t.Errorf("revision 1 %+v", r1)
	}
	one, err := st.Revision(ctx, a.ID, 1)
	must(t, err)
	if one.Body != "<p>Thân bài Cầu mới</p>" {
		t.Errorf("revision 1 body %q", one.Body)
	}
	if _, err := st.Revision(ctx, a.ID, 9); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing revision: %v", err)
	}
	got, err := st.Article(ctx, a.ID)
	must(t, err)
	if got.Title != "Cầu mới thông xe" || got.Status != content.StatusDraft || len(got.Tags) != 2 || got.PictureID != f.pic.ID {
		t.Errorf("article after save %+v", got)
	}
}

func testStaleSave(t *testing.T, st store.Store) {
	f := wfSetup(t, st)
	a := newDraft(t, st, f, "Bản gốc")
	mine := *a
	theirs := *a
	theirs.Title = "Bản của biên tập"
	save(t, st, &theirs, 1, f.editor, at(9, 0, 0))
	audits := auditCount(t, st)
	mine.Title = "Bản của phóng viên"
	_, err := st.SaveArticle(ctx, store.SaveRequest{Article: &mine, BaseVersion: 1, UserID: f.reporter.ID, At: at(9, 1, 0),
		Audit: store.AuditEntry{Action: "article.save"}})
	if !errors.Is(err, store.ErrStale) {
		t.Fatalf("save on version 1 after version 2: %v, want ErrStale", err)
	}
	got, _ := st.Article(ctx, a.ID)
	m, _ := st.ArticleMeta(ctx, a.ID)
	revs, _ := st.Revisions(ctx, a.ID)
	if got.Title != "Bản của biên tập" || m.Version != 2 || len(revs) != 2 || auditCount(t, st) != audits {
		t.Errorf("a refused save changed things: %q v%d, %d revisions", got.Title, m.Version, len(revs))
	}
	// Merged on top of the current version, it goes through.
	mine.Title = "Bản đã hợp nhất"
	if v := save(t, st, &mine, 2, f.reporter, at(9, 2, 0)); v != 3 {
		t.Errorf("merged save version %d", v)
	}
	if _, err := st.SaveArticle(ctx, store.SaveRequest{Article: &content.Article{ID: 999, Title: "x", Slug: "x", CategoryID: f.top.ID},
		BaseVersion: 1, Audit: store.AuditEntry{Action: "article.save"}}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("save of a missing article: %v", err)
	}
	if _, err := st.SaveArticle(ctx, store.SaveRequest{Article: &mine, BaseVersion: 3}); err == nil {
		t.Error("a save without an audit entry was accepted")
	}
	// A save checked against one state (the editor may write a draft) is
	// refused once a transition moved the article meanwhile: transitions
	// keep the version, so the version alone would let it through.
	must(t, move(st, a.ID, content.StatusDraft, content.StatusSubmitted, f.reporter, at(9, 3, 0), "", time.Time{}))
	mine.Title = "Tự lưu đến sau khi gửi"
	_, err = st.SaveArticle(ctx, store.SaveRequest{Article: &mine, BaseVersion: 3, Status: content.StatusDraft, UserID: f.reporter.ID,
		At: at(9, 3, 1), Audit: store.AuditEntry{Action: "article.save"}})
	if !errors.Is(err, store.ErrWrongState) {
		t.Errorf("save checked against the draft state of a submitted article: %v, want ErrWrongState", err)
	}
	if got, _ := st.Article(ctx, a.ID); got.Title != "Bản đã hợp nhất" {
		t.Errorf("title %q", got.Title)
	}
}

func testTransitions(t *testing.T, st store.Store) {
	f := wfSetup(t, st)
	a := newDraft(t, st, f, "Quy trình")
	audits := auditCount(t, st)
	must(t, move(st, a.ID, content.StatusDraft, content.StatusSubmitted, f.reporter, at(9, 0, 0), "", time.Time{}))
	// A second submit from draft finds it submitted already.
	if err := move(st, a.ID, content.StatusDraft, content.StatusSubmitted, f.reporter, at(9, 0, 1), "", time.Time{}); !errors.Is(err, store.ErrWrongState) {
		t.Fatalf("double submit: %v", err)
	}
	must(t, move(st, a.ID, content.StatusSubmitted, content.StatusReturned, f.editor, at(9, 5, 0), "Thiếu nguồn tin", time.Time{}))
	must(t, move(st, a.ID, content.StatusReturned, content.StatusSubmitted, f.reporter, at(9, 10, 0), "", time.Time{}))
	must(t, move(st, a.ID, content.StatusSubmitted, content.StatusApproved, f.editor, at(9, 15, 0), "", time.Time{}))
	must(t, move(st, a.ID, content.StatusApproved, content.StatusPublished, f.chief, at(9, 20, 0), "", at(9, 20, 0)))
	trs, err := st.Transitions(ctx, a.ID)
	must(t, err)
	if len(trs) != 5 {
		t.Fatalf("%d transitions, want 5", len(trs))
	}
	if r := trs[1]; r.From != content.StatusSubmitted || r.To != content.StatusReturned || r.Note != "Thiếu nguồn tin" ||
		r.UserID != f.editor.ID || r.UserName != "Tên bientap" || !r.At.Equal(at(9, 5, 0)) {
		t.Errorf("return %+v", r)
	}
	if got := auditCount(t, st) - audits; got != 5 {
		t.Errorf("%d audit entries for 5 transitions", got)
	}
	got, _ := st.Article(ctx, a.ID)
	if got.Status != content.StatusPublished || !got.PublishedAt.Equal(at(9, 20, 0)) || !got.PublicAt(at(9, 20, 0)) {
		t.Errorf("published article %v %v", got.Status, got.PublishedAt)
	}
	// Transitions do not change the content version.
	if m, _ := st.ArticleMeta(ctx, a.ID); m.Version != 1 {
		t.Errorf("version %d after transitions only", m.Version)
	}
	if err := st.Transition(ctx, store.TransitionRequest{ArticleID: a.ID, From: content.StatusPublished, To: content.StatusUnpublished}); err == nil {
		t.Error("a transition without an audit entry was accepted")
	}
	// Several at once: all or none.
	b, c := newDraft(t, st, f, "Hai"), newDraft(t, st, f, "Ba")
	batch := func(ids ...int64) error {
		var rs []store.TransitionRequest
		for _, id := range ids {
			rs = append(rs, store.TransitionRequest{ArticleID: id, From: content.StatusDraft, To: content.StatusPublished,
				UserID: f.chief.ID, At: at(10, 0, 0), PublishAt: at(10, 0, 0), Audit: store.AuditEntry{Action: "article.publish"}})
		}
		return st.TransitionAll(ctx, rs)
	}
	if err := batch(b.ID, a.ID, c.ID); !errors.Is(err, store.ErrWrongState) {
		t.Fatalf("batch with a published article: %v", err)
	}
	if m, _ := st.ArticleMeta(ctx, b.ID); m.Status != content.StatusDraft {
		t.Errorf("a failed batch published %d", b.ID)
	}
	must(t, batch(b.ID, c.ID))
	if ts, _ := st.Teasers(ctx, store.TeaserQuery{Now: at(10, 0, 0)}); len(ts) != 3 {
		t.Errorf("after the batch %d live", len(ts))
	}
	if err := move(st, 999, content.StatusDraft, content.StatusSubmitted, f.reporter, at(9, 0, 0), "", time.Time{}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing article: %v", err)
	}
}

func testPublishedVersions(t *testing.T, st store.Store) {
	f := wfSetup(t, st)
	a := newDraft(t, st, f, "Bản đăng")
	for _, s := range [][2]content.Status{{content.StatusDraft, content.StatusSubmitted}, {content.StatusSubmitted, content.StatusApproved}} {
		must(t, move(st, a.ID, s[0], s[1], f.editor, at(9, 0, 0), "", time.Time{}))
	}
	must(t, move(st, a.ID, content.StatusApproved, content.StatusPublished, f.chief, at(10, 0, 0), "", at(10, 0, 0)))
	// A correction of the live article is a second published version.
	a.Body = "<p>Đã đính chính</p>"
	a.PublishedAt = at(10, 0, 0)
	save(t, st, a, 1, f.chief, at(11, 0, 0))
	must(t, move(st, a.ID, content.StatusPublished, content.StatusUnpublished, f.chief, at(12, 0, 0), "Sai sự thật", time.Time{}))
	// Edits after unpublishing do not touch what was published.
	a.Body = "<p>Viết lại hoàn toàn</p>"
	save(t, st, a, 2, f.editor, at(13, 0, 0))
	pvs, err := st.PublishedVersions(ctx, a.ID)
	must(t, err)
	if len(pvs) != 2 {
		t.Fatalf("%d published versions, want 2", len(pvs))
	}
	if pvs[0].Body != "" || pvs[1].Body != "" {
		t.Error("the published versions' list carries the bodies")
	}
	if pvBody(t, st, pvs[1].ID) != "<p>Thân bài Bản đăng</p>" || pvs[1].Version != 1 || !pvs[1].RecordedAt.Equal(at(10, 0, 0)) || pvs[1].UserID != f.chief.ID {
		t.Errorf("first published version %+v", pvs[1])
	}
	if pvBody(t, st, pvs[0].ID) != "<p>Đã đính chính</p>" || pvs[0].Version != 2 || !pvs[0].RecordedAt.Equal(at(11, 0, 0)) {
		t.Errorf("correction %+v", pvs[0])
	}
	one, err := st.PublishedVersion(ctx, pvs[1].ID)
	must(t, err)
	if one.Title != "Bản đăng" || !slices.Equal(one.Tags, []string{"Giao thông"}) || !one.PublishedAt.Equal(at(10, 0, 0)) {
		t.Errorf("published version %+v", one)
	}
	if _, err := st.PublishedVersion(ctx, 999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing published version: %v", err)
	}
}

func testLeases(t *testing.T, st store.Store) {
	f := wfSetup(t, st)
	a := newDraft(t, st, f, "Khóa sửa")
	sess := func(u *store.User, name string) string {
		tok, id, err := auth.NewSessionToken()
		must(t, err)
		_ = tok
		must(t, st.CreateSession(ctx, store.Session{ID: id, UserID: u.ID, CreatedAt: at(8, 0, 0), LastSeen: at(8, 0, 0),
			ExpiresAt: at(23, 0, 0)}, store.AuditEntry{Action: auth.EventLogin}))
		return id
	}
	rs, es, cs := sess(f.reporter, "s-reporter"), sess(f.editor, "s-editor"), sess(f.chief, "s-chief")
	req := func(u *store.User, sid string, rank int, now time.Time, takeOver bool) (store.Lease, bool) {
		t.Helper()
		l, mine, err := st.AcquireLease(ctx, store.LeaseRequest{ArticleID: a.ID, UserID: u.ID, SessionID: sid, Rank: rank,
			Now: now, TTL: 90 * time.Second, TakeOver: takeOver, Audit: store.AuditEntry{Action: "article.lease_takeover"}})
		must(t, err)
		return l, mine
	}
	if l, mine := req(f.reporter, rs, 1, at(9, 0, 0), false); !mine || l.UserID != f.reporter.ID || !l.ExpiresAt.Equal(at(9, 1, 30)) {
		t.Fatalf("first lease %+v %v", l, mine)
	}
	// Renewal keeps the start and moves the end.
	if l, mine := req(f.reporter, rs, 1, at(9, 1, 0), false); !mine || !l.AcquiredAt.Equal(at(9, 0, 0)) || !l.ExpiresAt.Equal(at(9, 2, 30)) {
		t.Errorf("renewal %+v", l)
	}
	// Someone else sees the holder, even when asking to take over, unless they outrank the holder.
	if l, mine := req(f.editor, es, 1, at(9, 1, 10), true); mine || l.UserName != "Tên phongvien" {
		t.Errorf("same rank took the lease: %+v", l)
	}
	if l, mine := req(f.editor, es, 2, at(9, 1, 10), false); mine || l.UserID != f.reporter.ID {
		t.Errorf("taken over without asking: %+v", l)
	}
	audits := auditCount(t, st)
	if l, mine := req(f.editor, es, 2, at(9, 1, 20), true); !mine || l.UserID != f.editor.ID {
		t.Fatalf("takeover by a higher rank refused: %+v", l)
	}
	if auditCount(t, st) != audits+1 {
		t.Error("takeover not audited")
	}
	cur, err := st.CurrentLease(ctx, a.ID, at(9, 1, 30))
	must(t, err)
	if cur == nil || cur.UserID != f.editor.ID {
		t.Errorf("current lease %+v", cur)
	}
	// It expires by itself.
	if cur, _ := st.CurrentLease(ctx, a.ID, at(9, 2, 50)); cur != nil {
		t.Errorf("expired lease still held: %+v", cur)
	}
	if l, mine := req(f.reporter, rs, 1, at(9, 3, 0), false); !mine || !l.AcquiredAt.Equal(at(9, 3, 0)) {
		t.Errorf("expired lease not free: %+v", l)
	}
	// Release frees it; releasing someone else's does nothing.
	if ok, _ := st.ReleaseLease(ctx, a.ID, f.editor.ID); ok {
		t.Error("released someone else's lease")
	}
	if ok, _ := st.ReleaseLease(ctx, a.ID, f.reporter.ID); !ok {
		t.Error("release failed")
	}
	if cur, _ := st.CurrentLease(ctx, a.ID, at(9, 3, 1)); cur != nil {
		t.Errorf("released lease still held: %+v", cur)
	}
	// Logging out ends the lease with the session.
	req(f.chief, cs, 3, at(9, 4, 0), false)
	must(t, st.DeleteSession(ctx, cs, store.AuditEntry{Action: auth.EventLogout}))
	if cur, _ := st.CurrentLease(ctx, a.ID, at(9, 4, 1)); cur != nil {
		t.Errorf("lease outlived its session: %+v", cur)
	}
	if _, _, err := st.AcquireLease(ctx, store.LeaseRequest{ArticleID: 999, UserID: f.chief.ID, Rank: 3, Now: at(9, 5, 0), TTL: time.Minute}); err == nil {
		t.Error("lease of a missing article")
	}
}

func testPublishDueTogether(t *testing.T, st store.Store) {
	f := wfSetup(t, st)
	sched := func(title string, when time.Time) int64 {
		a := newDraft(t, st, f, title)
		must(t, move(st, a.ID, content.StatusDraft, content.StatusApproved, f.editor, at(8, 0, 0), "", time.Time{}))
		must(t, move(st, a.ID, content.StatusApproved, content.StatusScheduled, f.chief, at(8, 1, 0), "", when))
		return a.ID
	}
	x := sched("x", at(8, 33, 25))
	y := sched("y", at(8, 33, 25))
	z := sched("z", at(8, 33, 26))
	next, ok, err := st.NextDue(ctx)
	must(t, err)
	if !ok || !next.Equal(at(8, 33, 25)) {
		t.Fatalf("next due %v %v", next, ok)
	}
	visible := func(now time.Time) []int64 {
		ts, err := st.Teasers(ctx, store.TeaserQuery{Now: now, SectionID: f.top.ID})
		must(t, err)
		return ids(ts)
	}
	if got, _ := st.PublishDue(ctx, at(8, 33, 24).Add(999*time.Millisecond)); len(got) != 0 {
		t.Fatalf("published early: %v", got)
	}
	if v := visible(at(8, 33, 25)); len(v) != 0 {
		t.Fatalf("scheduled articles visible before the scheduler ran: %v", v)
	}
	got, err := st.PublishDue(ctx, at(8, 33, 25))
	must(t, err)
	slices.Sort(got)
	if !slices.Equal(got, []int64{x, y}) {
		t.Fatalf("published %v, want %v together", got, []int64{x, y})
	}
	if v := visible(at(8, 33, 25)); len(v) != 2 {
		t.Errorf("visible at the second: %v", v)
	}
	for _, id := range []int64{x, y} {
		a, _ := st.Article(ctx, id)
		if a.Status != content.StatusPublished || !a.PublishedAt.Equal(at(8, 33, 25)) {
			t.Errorf("article %d: %s at %v", id, a.Status, a.PublishedAt)
		}
		pvs, _ := st.PublishedVersions(ctx, id)
		trs, _ := st.Transitions(ctx, id)
		if len(pvs) != 1 || pvs[0].UserID != 0 || len(trs) == 0 || trs[len(trs)-1].To != content.StatusPublished || trs[len(trs)-1].UserID != 0 {
			t.Errorf("article %d: %d published versions, transitions %+v", id, len(pvs), trs)
		}
	}
	if again, _ := st.PublishDue(ctx, at(8, 33, 25)); len(again) != 0 {
		t.Errorf("published twice: %v", again)
	}
	next, ok, _ = st.NextDue(ctx)
	if !ok || !next.Equal(at(8, 33, 26)) {
		t.Errorf("next due %v", next)
	}
	// Late (the server was down): still published, at its planned time.
	got, _ = st.PublishDue(ctx, at(9, 0, 0))
	if !slices.Equal(got, []int64{z}) {
		t.Errorf("late publish %v", got)
	}
	if a, _ := st.Article(ctx, z); !a.PublishedAt.Equal(at(8, 33, 26)) {
		t.Errorf("late article's time %v", a.PublishedAt)
	}
	if _, ok, _ := st.NextDue(ctx); ok {
		t.Error("something still due")
	}
}

func testTakeDown(t *testing.T, st store.Store) {
	f := wfSetup(t, st)
	a := newDraft(t, st, f, "Tự gỡ")
	must(t, move(st, a.ID, content.StatusDraft, content.StatusPublished, f.chief, at(9, 0, 0), "", at(9, 0, 0)))
	must(t, st.SetTakeDown(ctx, a.ID, at(18, 0, 0), store.AuditEntry{At: at(9, 1, 0), UserID: f.chief.ID, Action: "article.take_down_at"}))
	if m, _ := st.ArticleMeta(ctx, a.ID); !m.TakeDownAt.Equal(at(18, 0, 0)) {
		t.Errorf("take-down %v", m.TakeDownAt)
	}
	if next, ok, _ := st.NextDue(ctx); !ok || !next.Equal(at(18, 0, 0)) {
		t.Errorf("next due %v", next)
	}
	if got, _ := st.TakeDownDue(ctx, at(17, 59, 59)); len(got) != 0 {
		t.Errorf("taken down early %v", got)
	}
	got, err := st.TakeDownDue(ctx, at(18, 0, 0))
	must(t, err)
	if !slices.Equal(got, []int64{a.ID}) {
		t.Fatalf("taken down %v", got)
	}
	m, _ := st.ArticleMeta(ctx, a.ID)
	if m.Status != content.StatusUnpublished || !m.TakeDownAt.IsZero() {
		t.Errorf("after take-down %+v", m)
	}
	if ts, _ := st.Teasers(ctx, store.TeaserQuery{Now: at(18, 0, 0)}); len(ts) != 0 {
		t.Errorf("still listed: %v", ids(ts))
	}
	if pvs, _ := st.PublishedVersions(ctx, a.ID); len(pvs) != 1 {
		t.Errorf("published version lost on take-down: %d", len(pvs))
	}
	if err := st.SetTakeDown(ctx, 999, at(18, 0, 0), store.AuditEntry{Action: "article.take_down_at"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing article: %v", err)
	}
	// Only a live article has a take-down time: one set on an article
	// unpublished meanwhile would take it down again the moment it is
	// published once more.
	err = st.SetTakeDown(ctx, a.ID, at(20, 0, 0), store.AuditEntry{At: at(18, 1, 0), UserID: f.chief.ID, Action: "article.take_down_at"})
	if !errors.Is(err, store.ErrWrongState) {
		t.Errorf("take-down time on an unpublished article: %v", err)
	}
	if m, _ := st.ArticleMeta(ctx, a.ID); !m.TakeDownAt.IsZero() {
		t.Errorf("unpublished article has take-down time %v", m.TakeDownAt)
	}
}

func testWorkflowArticles(t *testing.T, st store.Store) {
	f := wfSetup(t, st)
	a := newDraft(t, st, f, "Một")
	b := newDraft(t, st, f, "Hai")
	must(t, move(st, b.ID, content.StatusDraft, content.StatusSubmitted, f.reporter, at(9, 0, 0), "", time.Time{}))
	c := draft(f, "Ba thể thao")
	c.CategoryID = f.other.ID
	must(t, st.CreateDraft(ctx, c, f.editor.ID, store.AuditEntry{Action: "article.create"}))
	list := func(q store.ArticleQuery) []int64 {
		t.Helper()
		ms, err := st.WorkflowArticles(ctx, q)
		must(t, err)
		var out []int64
		for _, m := range ms {
			out = append(out, m.ID)
		}
		slices.Sort(out)
		return out
	}
	cases := []struct {
		name string
		q    store.ArticleQuery
		want []int64
	}{
		{"all", store.ArticleQuery{}, []int64{a.ID, b.ID, c.ID}},
		{"drafts", store.ArticleQuery{Statuses: []content.Status{content.StatusDraft}}, []int64{a.ID, c.ID}},
		{"owner", store.ArticleQuery{OwnerID: f.reporter.ID}, []int64{a.ID, b.ID}},
		{"sections", store.ArticleQuery{Sections: []int64{f.other.ID}}, []int64{c.ID}},
		{"sub-section", store.ArticleQuery{CategoryID: f.sub1.ID}, []int64{a.ID, b.ID}},
		{"section with subs", store.ArticleQuery{CategoryID: f.top.ID}, []int64{a.ID, b.ID}},
		{"title", store.ArticleQuery{Title: "thể"}, []int64{c.ID}},
		{"title without diacritics", store.ArticleQuery{Title: "THE THAO"}, []int64{c.ID}},
		{"title in capitals", store.ArticleQuery{Title: "BA THỂ"}, []int64{c.ID}},
		{"title, a word begun", store.ArticleQuery{Title: "thể th"}, []int64{c.ID}},
		{"title, words in another order", store.ArticleQuery{Title: "thao thể"}, nil},
		{"title, only punctuation", store.ArticleQuery{Title: "«»"}, []int64{a.ID, b.ID, c.ID}},
		{"limit", store.ArticleQuery{Limit: 1}, []int64{b.ID}},
	}
	for _, tc := range cases {
		if got := list(tc.q); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

// testImportedBaseline: an article that came in before the workflow
// (imported, no revision, no published record) keeps its old text as a
// revision and as what readers were shown, on its first edit.
func testImportedBaseline(t *testing.T, st store.Store) {
	f := wfSetup(t, st)
	old := article("cu", f.sub1.ID, at(7, 0, 0))
	must(t, st.CreateArticles(ctx, []*content.Article{old}))
	m, err := st.ArticleMeta(ctx, old.ID)
	must(t, err)
	if m.Version != 1 || m.OwnerID != 0 {
		t.Fatalf("imported meta %+v", m)
	}
	old.Body = "<p>Đính chính</p>"
	save(t, st, old, 1, f.chief, at(9, 0, 0))
	revs, _ := st.Revisions(ctx, old.ID)
	if len(revs) != 2 || revBody(t, st, old.ID, revs[1].Version) != "<p>cu</p>" || revs[1].UserID != 0 || revBody(t, st, old.ID, revs[0].Version) != "<p>Đính chính</p>" {
		t.Errorf("revisions %+v", revs)
	}
	pvs, _ := st.PublishedVersions(ctx, old.ID)
	if len(pvs) != 2 || pvBody(t, st, pvs[1].ID) != "<p>cu</p>" || !pvs[1].RecordedAt.Equal(at(7, 0, 0)) || pvBody(t, st, pvs[0].ID) != "<p>Đính chính</p>" {
		t.Errorf("published versions %+v", pvs)
	}
	// Unpublishing another imported article records what readers saw.
	other := article("khac", f.sub1.ID, at(7, 30, 0))
	must(t, st.CreateArticles(ctx, []*content.Article{other}))
	must(t, move(st, other.ID, content.StatusPublished, content.StatusUnpublished, f.chief, at(9, 0, 0), "Gỡ", time.Time{}))
	if pvs, _ := st.PublishedVersions(ctx, other.ID); len(pvs) != 1 || pvBody(t, st, pvs[0].ID) != "<p>khac</p>" {
		t.Errorf("unpublished import: %+v", pvs)
	}
}

// testUpdateIsAVersion: UpdateArticle (the legacy import run again over an
// article it brought in) is a change like a save: what readers were shown
// before is kept, the new text is a revision and, live, a published
// version, and the version moves so that an editor page opened before
// cannot save over it unnoticed.
func testUpdateIsAVersion(t *testing.T, st store.Store) {
	f := wfSetup(t, st)
	old := article("cu", f.sub1.ID, at(7, 0, 0))
	must(t, st.CreateArticles(ctx, []*content.Article{old}))
	changed := *old
	changed.Body, changed.UpdatedAt = "<p>Bản nhập lại</p>", at(10, 0, 0)
	must(t, st.UpdateArticle(ctx, &changed))
	m, err := st.ArticleMeta(ctx, old.ID)
	must(t, err)
	if m.Version != 2 {
		t.Errorf("version after an update: %d, want 2", m.Version)
	}
	pvs, _ := st.PublishedVersions(ctx, old.ID)
	if len(pvs) != 2 || pvBody(t, st, pvs[1].ID) != "<p>cu</p>" || pvBody(t, st, pvs[0].ID) != "<p>Bản nhập lại</p>" {
		t.Errorf("published versions after an update: %+v", pvs)
	}
	if revs, _ := st.Revisions(ctx, old.ID); len(revs) != 2 || revs[0].Version != 2 || revBody(t, st, old.ID, 2) != "<p>Bản nhập lại</p>" {
		t.Errorf("revisions after an update: %+v", revs)
	}
	mine := *old
	mine.Body = "<p>Sửa trên trang đã mở trước</p>"
	if _, err := st.SaveArticle(ctx, store.SaveRequest{Article: &mine, BaseVersion: 1, UserID: f.chief.ID, At: at(10, 5, 0),
		Audit: store.AuditEntry{Action: "article.save"}}); !errors.Is(err, store.ErrStale) {
		t.Errorf("save based on the version before the update: %v", err)
	}
}

// revBody reads one revision's body (lists leave bodies out).
func revBody(t *testing.T, st store.Store, id int64, v int) string {
	t.Helper()
	r, err := st.Revision(ctx, id, v)
	must(t, err)
	return r.Body
}

// pvBody reads one published version's body.
func pvBody(t *testing.T, st store.Store, id int64) string {
	t.Helper()
	p, err := st.PublishedVersion(ctx, id)
	must(t, err)
	return p.Body
}
