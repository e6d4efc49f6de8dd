package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/search"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/store/sqlite"
)

// FuzzSearch sends whatever a reader may type through the parser into the
// index: every query must run without error (no FTS5 or SQL syntax can get
// through), and so must suggestions.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{
		"luân chuyển", `"thủ dầu một" -bán`, `"`, `-`, `*`, `NEAR(a b)`, `{t}: a`, `a OR b NOT c`, `'; DROP TABLE articles; --`,
		"a\xffb", `"a`, `^a`, `a:b`, `c0 OR np`, `"st" "published"`, "0x1F", "-\"x\" -y z",
	} {
		f.Add(s)
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(f.TempDir(), "fuzz.db"), sqlite.Options{})
	if err != nil {
		f.Fatal(err)
	}
	defer st.Close()
	cat := content.Category{Code: "thoi-su", Name: "Thời sự"}
	if err := st.CreateCategory(ctx, &cat); err != nil {
		f.Fatal(err)
	}
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	if err := st.CreateArticles(ctx, []*content.Article{{Title: "Luân chuyển cán bộ ở Thủ Dầu Một", Slug: "a", Sapo: "NEAR OR NOT AND",
		Body: "<p>c0 np st published</p>", Status: content.StatusPublished, CategoryID: cat.ID, CreatedAt: now, UpdatedAt: now, PublishedAt: now}}); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q := search.Parse(raw)
		for _, byDate := range []bool{false, true} {
			if _, err := st.Search(ctx, store.SearchQuery{Query: q, SortByDate: byDate, SectionID: cat.ID, Now: now.Add(time.Hour)}); err != nil {
				t.Fatalf("Search(%q): %v", raw, err)
			}
		}
		if _, err := st.Search(ctx, store.SearchQuery{Query: q, Statuses: []content.Status{content.Status(raw), content.StatusDraft}}); err != nil {
			t.Fatalf("staff Search(%q): %v", raw, err)
		}
		if _, err := st.Suggest(ctx, store.SuggestQuery{Text: raw, Now: now}); err != nil {
			t.Fatalf("Suggest(%q): %v", raw, err)
		}
		if _, _, err := q.Suggest(func(folds []string) (search.Forms, error) { return st.WordForms(ctx, folds) }); err != nil {
			t.Fatalf("WordForms(%q): %v", raw, err)
		}
	})
}
