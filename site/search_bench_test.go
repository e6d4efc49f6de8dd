package site

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/search"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/store/sqlite"
	"github.com/toasoan/toasoan/viet"
)

// benchSearchIndex makes sure the 100,000-article database has its search
// index. A database generated before the search migration gets it when
// benchDB opens it (the migration indexes existing articles); one that went
// through the migration's old placeholder has no index tables, and
// Reindex builds them.
func benchSearchIndex(b *testing.B, st *sqlite.Store) {
	ctx := context.Background()
	res, err := st.Search(ctx, store.SearchQuery{Query: search.Parse("tinh"), Now: benchNow, Limit: 1})
	if err == nil && res.Total > 0 {
		return
	}
	start := time.Now()
	if err := st.Reindex(ctx, nil); err != nil {
		b.Fatal(err)
	}
	b.Logf("built the search index in %s", time.Since(start).Round(time.Millisecond))
}

// benchQueries returns n one- to three-word queries taken from headlines,
// sapos and bodies across the archive: a third of each length, half of
// them typed without diacritics.
func benchQueries(b *testing.B, st *sqlite.Store, n int) []string {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(7, 11))
	var out []string
	for len(out) < n {
		ts, err := st.Teasers(ctx, store.TeaserQuery{Now: benchNow, Limit: 50, Offset: r.IntN(99000)})
		if err != nil {
			b.Fatal(err)
		}
		for _, t := range ts {
			if len(out) == n {
				break
			}
			text := t.Title
			if r.IntN(2) == 0 {
				text = t.Sapo
			}
			var words []string
			for _, tok := range search.Tokenize(viet.Normalize(text)) {
				words = append(words, text[tok.Start:tok.End])
			}
			k := 1 + len(out)%3
			if len(words) < k {
				continue
			}
			i := r.IntN(len(words) - k + 1)
			q := strings.Join(words[i:i+k], " ")
			if (len(out)/3)%2 == 1 {
				q = viet.Fold(q)
			}
			out = append(out, q)
		}
	}
	return out
}

func percentile(ds []time.Duration, p float64) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, int(float64(len(s))*p))]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// BenchmarkSearchPage serves /tim-kiem for 1,500 one- to three-word
// queries, accented and not, on the 100,000-article database, and reports
// the latency percentiles of the whole page (parse, rank, count, passages,
// template) per query kind. Run it with -benchtime 1x: one pass after a
// warm-up pass.
func BenchmarkSearchPage(b *testing.B) {
	st, dir := benchDB(b)
	benchSearchIndex(b, st)
	h, _ := benchSite(b, 0)
	_ = dir
	qs := benchQueries(b, st, 1500)
	serveQ := func(q string) time.Duration {
		start := time.Now()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/tim-kiem?q="+url.QueryEscape(q), nil))
		d := time.Since(start)
		if rec.Code != 200 {
			b.Fatalf("%q: status %d", q, rec.Code)
		}
		return d
	}
	for _, q := range qs {
		serveQ(q)
	}
	b.ResetTimer()
	kinds := map[string][]time.Duration{}
	var all []time.Duration
	for i := 0; i < b.N; i++ {
		for j, q := range qs {
			d := serveQ(q)
			all = append(all, d)
			kind := fmt.Sprintf("%d word", 1+j%3)
			if (j/3)%2 == 1 {
				kind += ", unaccented"
			} else {
				kind += ", accented"
			}
			kinds[kind] = append(kinds[kind], d)
		}
	}
	b.StopTimer()
	var names []string
	for k := range kinds {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		b.Logf("%-22s n=%4d  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %6.2f ms", k, len(kinds[k]),
			ms(percentile(kinds[k], 0.5)), ms(percentile(kinds[k], 0.9)), ms(percentile(kinds[k], 0.99)), ms(slices.Max(kinds[k])))
	}
	b.ReportMetric(ms(percentile(all, 0.5)), "p50-ms")
	b.ReportMetric(ms(percentile(all, 0.99)), "p99-ms")
	b.ReportMetric(ms(slices.Max(all)), "max-ms")
}

// BenchmarkSearchStore is BenchmarkSearchPage without HTTP and templates:
// Store.Search alone, with the relevance and the date order.
func BenchmarkSearchStore(b *testing.B) {
	st, _ := benchDB(b)
	benchSearchIndex(b, st)
	qs := benchQueries(b, st, 1500)
	ctx := context.Background()
	for _, byDate := range []bool{false, true} {
		name := "relevance"
		if byDate {
			name = "newest"
		}
		b.Run(name, func(b *testing.B) {
			run := func(q string) time.Duration {
				start := time.Now()
				if _, err := st.Search(ctx, store.SearchQuery{Query: search.Parse(q), SortByDate: byDate, Now: benchNow, Limit: 20}); err != nil {
					b.Fatal(err)
				}
				return time.Since(start)
			}
			for _, q := range qs {
				run(q)
			}
			b.ResetTimer()
			var all []time.Duration
			for i := 0; i < b.N; i++ {
				for _, q := range qs {
					all = append(all, run(q))
				}
			}
			b.StopTimer()
			b.ReportMetric(ms(percentile(all, 0.5)), "p50-ms")
			b.ReportMetric(ms(percentile(all, 0.99)), "p99-ms")
		})
	}
}

// BenchmarkSearchSuggest measures the headlines offered while typing: the
// first letters of one to three headline words.
func BenchmarkSearchSuggest(b *testing.B) {
	st, _ := benchDB(b)
	benchSearchIndex(b, st)
	qs := benchQueries(b, st, 600)
	ctx := context.Background()
	var typed []string
	for _, q := range qs {
		rs := []rune(q)
		typed = append(typed, string(rs[:max(1, len(rs)*2/3)]))
	}
	b.ResetTimer()
	var all []time.Duration
	for i := 0; i < b.N; i++ {
		for _, q := range typed {
			start := time.Now()
			if _, err := st.Suggest(ctx, store.SuggestQuery{Text: q, Now: benchNow}); err != nil {
				b.Fatal(err)
			}
			all = append(all, time.Since(start))
		}
	}
	b.StopTimer()
	b.ReportMetric(ms(percentile(all, 0.5)), "p50-ms")
	b.ReportMetric(ms(percentile(all, 0.99)), "p99-ms")
}

// BenchmarkSearchReindex rebuilds the whole index once and reports its
// size. Run it with -benchtime 1x (it takes about a minute).
func BenchmarkSearchReindex(b *testing.B) {
	st, dir := benchDB(b)
	benchSearchIndex(b, st)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := st.Reindex(ctx, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "toasoan.db")+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT CASE WHEN name LIKE 'search_fts%' THEN 'search_fts' WHEN name LIKE 'search_head%' THEN 'search_head'
		WHEN name LIKE 'search_titles%' THEN 'search_titles' WHEN name LIKE 'search_%' THEN 'search_docs+words'
		WHEN name LIKE 'article%' THEN 'articles' ELSE 'other' END AS part, sum(pgsize) FROM dbstat GROUP BY part ORDER BY 2 DESC`)
	if err != nil {
		b.Logf("no dbstat: %v", err)
		return
	}
	defer rows.Close()
	var index int64
	for rows.Next() {
		var part string
		var size int64
		if err := rows.Scan(&part, &size); err != nil {
			b.Fatal(err)
		}
		b.Logf("%-18s %7.1f MB", part, float64(size)/(1<<20))
		if strings.HasPrefix(part, "search") {
			index += size
		}
	}
	b.ReportMetric(float64(index)/(1<<20), "index-MB")
}
