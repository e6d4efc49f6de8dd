package sqlite_test

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/store/sqlite"
	"github.com/toasoan/toasoan/store/storetest"
)

func TestWorkflowSuite(t *testing.T) { storetest.RunWorkflow(t, openTemp) }

// TestPublishedVersionsImmutable: the database itself refuses to change or
// delete what readers were shown.
func TestPublishedVersionsImmutable(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "toasoan.db")
	st, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cat := content.Category{Code: "thoi-su", Name: "Thời sự"}
	if err := st.CreateCategory(ctx, &cat); err != nil {
		t.Fatal(err)
	}
	u := &store.User{Username: "thuky", DisplayName: "Thư ký", Role: auth.ManagingEditor, PasswordHash: "x", CreatedAt: time.Now()}
	if err := st.CreateUser(ctx, u, store.AuditEntry{Action: auth.EventUserCreate}); err != nil {
		t.Fatal(err)
	}
	a := &content.Article{Title: "Bài", Slug: "bai", Body: "<p>Gốc</p>", CategoryID: cat.ID, CreatedAt: time.Now()}
	if err := st.CreateDraft(ctx, a, u.ID, store.AuditEntry{Action: "article.create"}); err != nil {
		t.Fatal(err)
	}
	if err := st.Transition(ctx, store.TransitionRequest{ArticleID: a.ID, From: content.StatusDraft, To: content.StatusPublished,
		UserID: u.ID, At: time.Now(), PublishAt: time.Now(), Audit: store.AuditEntry{Action: "article.publish"}}); err != nil {
		t.Fatal(err)
	}
	db := rawOpen(t, path)
	defer db.Close()
	for _, q := range []string{`UPDATE published_versions SET body = '<p>Sửa lén</p>'`, `DELETE FROM published_versions`} {
		if _, err := db.Exec(q); err == nil || !strings.Contains(err.Error(), "kept unaltered") {
			t.Errorf("%s: %v", q, err)
		}
	}
	pvs, err := st.PublishedVersions(ctx, a.ID)
	if err == nil && len(pvs) == 1 {
		var pv *content.PublishedVersion
		if pv, err = st.PublishedVersion(ctx, pvs[0].ID); err == nil && pv.Body != "<p>Gốc</p>" {
			t.Errorf("published version body %q", pv.Body)
		}
	}
	if err != nil || len(pvs) != 1 {
		t.Errorf("published versions %+v %v", pvs, err)
	}
}

func benchPaper(b *testing.B) (*sqlite.Store, content.Category, *store.User) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "toasoan.db"), sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	cat := content.Category{Code: "thoi-su", Name: "Thời sự"}
	if err := st.CreateCategory(ctx, &cat); err != nil {
		b.Fatal(err)
	}
	u := &store.User{Username: "thuky", DisplayName: "Thư ký", Role: auth.ManagingEditor, PasswordHash: "x", CreatedAt: time.Now()}
	if err := st.CreateUser(ctx, u, store.AuditEntry{Action: auth.EventUserCreate}); err != nil {
		b.Fatal(err)
	}
	return st, cat, u
}

// BenchmarkSaveArticle: one autosave of a 1,500-word article (compare and
// swap, full revision, tags, search index, audit entry).
func BenchmarkSaveArticle(b *testing.B) {
	ctx := context.Background()
	st, cat, u := benchPaper(b)
	body := "<p>" + strings.Repeat("Lãnh đạo tỉnh kiểm tra tiến độ dự án đường vành đai. ", 150) + "</p>"
	a := &content.Article{Title: "Bài dài", Slug: "bai-dai", Body: body, CategoryID: cat.ID, CreatedAt: time.Now(),
		Tags: []content.Tag{{Name: "Giao thông"}, {Name: "Bình Dương"}}}
	if err := st.CreateDraft(ctx, a, u.ID, store.AuditEntry{Action: "article.create"}); err != nil {
		b.Fatal(err)
	}
	v := 1
	for i := 0; b.Loop(); i++ {
		a.Title = "Bài dài " + strconv.Itoa(i)
		var err error
		if v, err = st.SaveArticle(ctx, store.SaveRequest{Article: a, BaseVersion: v, UserID: u.ID, At: time.Now(),
			Audit: store.AuditEntry{Action: "article.save"}}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPublishDue20: twenty articles scheduled for the same second go
// live in one transaction.
func BenchmarkPublishDue20(b *testing.B) {
	ctx := context.Background()
	st, cat, u := benchPaper(b)
	due := time.Date(2026, 11, 2, 1, 33, 25, 0, time.UTC)
	for b.Loop() {
		b.StopTimer()
		for i := 0; i < 20; i++ {
			a := &content.Article{Title: "Bài", Slug: "bai", Body: "<p>Thân bài</p>", CategoryID: cat.ID, CreatedAt: due}
			if err := st.CreateDraft(ctx, a, u.ID, store.AuditEntry{Action: "article.create"}); err != nil {
				b.Fatal(err)
			}
			if err := st.Transition(ctx, store.TransitionRequest{ArticleID: a.ID, From: content.StatusDraft, To: content.StatusScheduled,
				UserID: u.ID, At: due, PublishAt: due, Audit: store.AuditEntry{Action: "article.schedule"}}); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		ids, err := st.PublishDue(ctx, due)
		if err != nil || len(ids) != 20 {
			b.Fatalf("%d published: %v", len(ids), err)
		}
	}
}
