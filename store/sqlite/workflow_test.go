package sqlite_test

import (
	"context"
	"path/filepath"
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
	if err != nil || len(pvs) != 1 || pvs[0].Body != "<p>Gốc</p>" {
		t.Errorf("published versions %+v %v", pvs, err)
	}
}
