package sqlite_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/demo"
	"github.com/toasoan/toasoan/search"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/store/sqlite"
)

// oneByOne hides BulkLoad, so that demo.Generate writes through the
// ordinary path that indexes every batch as it is written.
type oneByOne struct{ store.Store }

// TestBulkLoadIndexesLikeOneByOne: a newspaper generated with BulkLoad
// (indexed at the end, in docid order) has exactly the search index of one
// written batch by batch: the same index rows, the same word counts, the
// same answers to searches and suggestions.
func TestBulkLoadIndexesLikeOneByOne(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 20, 8, 0, 0, 0, content.Location)
	open := func(name string) (*sqlite.Store, string) {
		path := filepath.Join(t.TempDir(), name)
		st, err := sqlite.Open(ctx, path, sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st, path
	}
	bulk, bulkPath := open("bulk.db")
	plain, plainPath := open("plain.db")
	if _, ok := any(oneByOne{plain}).(store.BulkLoader); ok {
		t.Fatal("the wrapper must hide BulkLoad")
	}
	opt := demo.Options{Articles: 1200, Seed: 7, Now: now}
	if _, err := demo.Generate(ctx, bulk, opt); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Generate(ctx, oneByOne{plain}, opt); err != nil {
		t.Fatal(err)
	}

	dump := func(path, query string) string {
		db := rawOpen(t, path)
		defer db.Close()
		rows, err := db.Query(query)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var b strings.Builder
		for rows.Next() {
			var a, c any
			var w string
			if err := rows.Scan(&a, &w, &c); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%v|%s|%v\n", a, w, c)
		}
		return b.String()
	}
	for _, q := range []string{
		`SELECT id, title_keys, docid FROM search_docs ORDER BY id`,
		`SELECT fold, word, docs FROM search_words ORDER BY fold, word`,
	} {
		got, want := dump(bulkPath, q), dump(plainPath, q)
		if got != want || len(want) < 1000 {
			t.Errorf("%s: bulk and one-by-one differ (%d and %d bytes)", q, len(got), len(want))
		}
	}

	hits := func(st store.Store, q store.SearchQuery) string {
		res, err := st.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		ids := make([]string, len(res.Hits))
		for i, h := range res.Hits {
			ids[i] = fmt.Sprint(h.ID)
		}
		return fmt.Sprintf("%d %v: %s", res.Total, res.Capped, strings.Join(ids, ","))
	}
	searched := 0
	for _, raw := range []string{"Thủ Dầu Một", "thu dau mot", "doanh nghiệp", "\"kinh tế\"", "bóng đá -Bình", "giao thong", "xe"} {
		for _, q := range []store.SearchQuery{
			{Query: search.Parse(raw), Now: now, Limit: 50},
			{Query: search.Parse(raw), Now: now, Limit: 50, SortByDate: true},
			{Query: search.Parse(raw), Now: now, Limit: 50, AnyState: true},
		} {
			got, want := hits(bulk, q), hits(plain, q)
			if got != want {
				t.Errorf("search %q: bulk %s, one by one %s", raw, got, want)
			}
			if !strings.HasPrefix(want, "0 ") {
				searched++
			}
		}
		sq := store.SuggestQuery{Text: raw, Now: now, Limit: 8}
		got, err1 := bulk.Suggest(ctx, sq)
		want, err2 := plain.Suggest(ctx, sq)
		if err := errors.Join(err1, err2); err != nil {
			t.Fatal(err)
		}
		if !slices.EqualFunc(got, want, func(a, b store.Suggestion) bool { return fmt.Sprint(a) == fmt.Sprint(b) }) {
			t.Errorf("suggest %q: bulk %v, one by one %v", raw, got, want)
		}
	}
	if searched < 10 {
		t.Errorf("only %d searches found anything: the comparison proves little", searched)
	}
}

// TestBulkLoadIndexesAfterFailure: when the load fails half-way, what it
// did write is searchable all the same.
func TestBulkLoadIndexesAfterFailure(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "t.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cats := []content.Category{{Code: "thoi-su", Name: "Thời sự"}}
	if err := st.CreateCategory(ctx, &cats[0]); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 20, 8, 0, 0, 0, content.Location)
	boom := errors.New("hỏng giữa chừng")
	err = st.BulkLoad(ctx, func(ctx context.Context) error {
		a := &content.Article{Title: "Cầu Phú Cường thông xe", Slug: "cau-phu-cuong-thong-xe", Sapo: "Sáng nay",
			Body: "<p>Cây cầu mới nối đôi bờ.</p>", Status: content.StatusPublished, CategoryID: cats[0].ID,
			CreatedAt: now, UpdatedAt: now, PublishedAt: now}
		if err := st.CreateArticles(ctx, []*content.Article{a}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("BulkLoad returned %v, want the load's own error", err)
	}
	res, err := st.Search(ctx, store.SearchQuery{Query: search.Parse("phu cuong"), Now: now.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 {
		t.Errorf("found %d articles after a failed load, want the one it wrote", res.Total)
	}
}
