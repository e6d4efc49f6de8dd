package sqlite

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/search"
	"github.com/toasoan/toasoan/store"
)

// TestBulkLoadIndexesWhatAnEditIndexedMeanwhile: an article of a bulk load
// edited by someone else after the load listed what to index (its edit
// indexes it) is neither indexed twice nor makes the load's indexing fail.
func TestBulkLoadIndexesWhatAnEditIndexedMeanwhile(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "t.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cat := content.Category{Code: "thoi-su", Name: "Thời sự"}
	if err := st.CreateCategory(ctx, &cat); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 20, 8, 0, 0, 0, content.Location)
	var arts []*content.Article
	for i, title := range []string{"Cầu Phú Cường thông xe", "Mưa lớn ở Huế"} {
		arts = append(arts, &content.Article{Title: title, Slug: "bai-" + string(rune('a'+i)), Sapo: "Sáng nay",
			Body: "<p>Tin trong ngày.</p>", Status: content.StatusPublished, CategoryID: cat.ID,
			CreatedAt: now, UpdatedAt: now, PublishedAt: now})
	}
	testHookUnindexed = func() {
		testHookUnindexed = nil
		a, err := st.Article(ctx, arts[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		a.Title = "Cầu Phú Cường thông xe sớm"
		if err := st.UpdateArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	defer func() { testHookUnindexed = nil }()
	err = st.BulkLoad(ctx, func(ctx context.Context) error { return st.CreateArticles(ctx, arts) })
	if err != nil {
		t.Fatalf("BulkLoad: %v", err)
	}
	for q, want := range map[string]int{"phu cuong som": 1, "hue": 1} {
		res, err := st.Search(ctx, store.SearchQuery{Query: search.Parse(q), Now: now.Add(time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != want {
			t.Errorf("search %q found %d articles, want %d", q, res.Total, want)
		}
	}
	var docs int
	if err := st.r.QueryRowContext(ctx, `SELECT count(*) FROM search_docs`).Scan(&docs); err != nil {
		t.Fatal(err)
	}
	if docs != 2 {
		t.Errorf("%d articles in the index, want 2", docs)
	}
}

// TestBulkLoadRefusesAnUnindexableID: an article whose id is beyond what
// the index can hold is refused in a bulk load as it is outside one, and
// does not stop a later load from being indexed.
func TestBulkLoadRefusesAnUnindexableID(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "t.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cat := content.Category{Code: "thoi-su", Name: "Thời sự"}
	if err := st.CreateCategory(ctx, &cat); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 20, 8, 0, 0, 0, content.Location)
	article := func(id int64, title, slug string) *content.Article {
		return &content.Article{ID: id, Title: title, Slug: slug, Sapo: "Sáng nay", Body: "<p>Tin trong ngày.</p>",
			Status: content.StatusPublished, CategoryID: cat.ID, CreatedAt: now, UpdatedAt: now, PublishedAt: now}
	}
	err = st.BulkLoad(ctx, func(ctx context.Context) error {
		return st.CreateArticles(ctx, []*content.Article{article(docMask+1, "Bài mã quá lớn", "bai-ma-qua-lon")})
	})
	if err == nil {
		t.Error("a bulk load stored an article the index cannot hold")
	}
	err = st.BulkLoad(ctx, func(ctx context.Context) error {
		return st.CreateArticles(ctx, []*content.Article{article(0, "Mưa lớn ở Huế", "mua-lon-o-hue")})
	})
	if err != nil {
		t.Fatalf("the next bulk load: %v", err)
	}
	res, err := st.Search(ctx, store.SearchQuery{Query: search.Parse("hue"), Now: now.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 {
		t.Errorf("the next load's article is found %d times, want 1", res.Total)
	}
}
