package site

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/store/sqlite"
)

// TestHomeLead: arranged slots are kept in their places, empty ones take
// the newest pictured articles not shown elsewhere, and an arranged
// article that lost its picture, was unpublished or is not yet public is
// skipped.
func TestHomeLead(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "toasoan.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cat := content.Category{Code: "thoi-su", Name: "Thời sự"}
	if err := st.CreateCategory(ctx, &cat); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)
	var arts []*content.Article
	for i := range 10 {
		m := &content.Media{Hash: fmt.Sprintf("%064x", i+1), Ext: "jpg", MIME: "image/jpeg", Width: 800, Height: 600, CreatedAt: now}
		if _, err := st.CreateMedia(ctx, m); err != nil {
			t.Fatal(err)
		}
		pub := now.Add(time.Duration(i-10) * time.Hour) // arts[9] is the newest
		arts = append(arts, &content.Article{Lang: "vi", Title: fmt.Sprintf("Bài %d", i), Slug: fmt.Sprintf("bai-%d", i),
			Status: content.StatusPublished, CategoryID: cat.ID, PictureID: m.ID, CreatedAt: pub, UpdatedAt: pub, PublishedAt: pub})
	}
	if err := st.CreateArticles(ctx, arts); err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	lead := func() (int64, []int64) {
		t.Helper()
		top, feat, err := s.homeLead(ctx, now)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, f := range feat {
			ids = append(ids, f.ID)
		}
		if top == nil {
			return 0, ids
		}
		return top.ID, ids
	}
	id := func(i int) int64 { return arts[i].ID }
	same := func(a, b []int64) bool { return fmt.Sprint(a) == fmt.Sprint(b) }

	if top, feat := lead(); top != id(9) || !same(feat, []int64{id(8), id(7), id(6), id(5)}) {
		t.Errorf("automatic: %d %v", top, feat)
	}
	h := store.HomeArrangement{Top: id(1)}
	h.Featured[1], h.Featured[3] = id(2), id(8)
	if err := st.SetHomeArrangement(ctx, store.HomeArrangement{}, h, store.AuditEntry{Action: "home.arrange"}); err != nil {
		t.Fatal(err)
	}
	if top, feat := lead(); top != id(1) || !same(feat, []int64{id(9), id(2), id(7), id(8)}) {
		t.Errorf("arranged: %d %v, want the empty slots filled with the newest others", top, feat)
	}

	// The top story loses its picture, slot 2's article is unpublished,
	// slot 4's is moved to the future: all three fall back.
	change := func(i int, f func(a *content.Article)) {
		a, err := st.Article(ctx, id(i))
		if err != nil {
			t.Fatal(err)
		}
		f(a)
		if err := st.UpdateArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	change(1, func(a *content.Article) { a.PictureID, a.Picture = 0, nil })
	change(2, func(a *content.Article) { a.Status = content.StatusUnpublished })
	change(8, func(a *content.Article) { a.PublishedAt = now.Add(time.Hour) })
	if top, feat := lead(); top != id(9) || !same(feat, []int64{id(7), id(6), id(5), id(4)}) {
		t.Errorf("after the arranged articles left: %d %v", top, feat)
	}
}
