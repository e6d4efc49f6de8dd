package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/diacritics"
	"github.com/toasoan/toasoan/store/sqlite"
)

// TestModelRebuild: "toasoan model rebuild" learns from the published
// articles only and writes a model that restores their words.
func TestModelRebuild(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "toasoan.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cat := content.Category{Code: "thoi-su", Name: "Thời sự"}
	if err := st.CreateCategory(ctx, &cat); err != nil {
		t.Fatal(err)
	}
	pub := time.Now().Add(-time.Hour)
	art := func(title, body string, status content.Status) *content.Article {
		return &content.Article{Lang: "vi", Title: title, Slug: "bai", Body: "<p>" + body + "</p>", Status: status,
			CategoryID: cat.ID, CreatedAt: pub, UpdatedAt: pub, PublishedAt: pub}
	}
	if err := st.CreateArticles(ctx, []*content.Article{
		art("Người dân phấn khởi", "Người dân phấn khởi đón xuân mới.", content.StatusPublished),
		art("Bản nháp", "Cá ngừ đại dương.", content.StatusDraft),
	}); err != nil {
		t.Fatal(err)
	}
	st.Close()

	code, out, errOut := runCmd(t, "model", "rebuild", "--data", dir)
	if code != 0 || !strings.Contains(out, "Đã học mô hình thêm dấu") {
		t.Fatalf("model rebuild: %d %q %q", code, out, errOut)
	}
	m, err := diacritics.ReadFile(filepath.Join(dir, modelFile))
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Restore("nguoi dan phan khoi don xuan moi"); got != "người dân phấn khởi đón xuân mới" {
		t.Errorf("restored %q", got)
	}
	if got := m.Candidates("ngu"); len(got) != 0 {
		t.Errorf("learned from a draft: %v", got)
	}
	if code, _, _ := runCmd(t, "model"); code != 2 {
		t.Errorf("model without a subcommand: exit %d", code)
	}
}
