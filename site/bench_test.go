package site

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/demo"
	"github.com/toasoan/toasoan/media"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/store/sqlite"
)

// benchNow fixes the demo's clock so the benchmark database is reused.
var benchNow = time.Date(2026, 11, 1, 12, 0, 0, 0, content.Location)

var (
	benchOnce  sync.Once
	benchStore *sqlite.Store
	benchDir   string
	benchErr   error
)

// benchDB opens (generating once) a 100,000-article demo database under
// bench/out, kept between runs because generating it takes a minute.
func benchDB(b *testing.B) (*sqlite.Store, string) {
	benchOnce.Do(func() {
		benchDir = os.Getenv("TOASOAN_BENCH_DIR")
		if benchDir == "" {
			benchDir = filepath.Join("..", "bench", "out", "site-100k")
		}
		if err := os.MkdirAll(benchDir, 0o755); err != nil {
			benchErr = err
			return
		}
		ctx := context.Background()
		benchStore, benchErr = sqlite.Open(ctx, filepath.Join(benchDir, "toasoan.db"), sqlite.Options{})
		if benchErr != nil {
			return
		}
		n, err := benchStore.ArticleCount(ctx)
		if err != nil {
			benchErr = err
			return
		}
		if n == 0 {
			start := time.Now()
			_, benchErr = demo.Generate(ctx, benchStore, demo.Options{Articles: 100000, Seed: 1, Now: benchNow,
				MediaDir: filepath.Join(benchDir, "media")})
			b.Logf("generated 100,000 articles in %s", time.Since(start).Round(time.Millisecond))
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchStore, benchDir
}

func benchSite(b *testing.B, ttl time.Duration) (http.Handler, []string) {
	st, dir := benchDB(b)
	s, err := New(Config{Store: st, Media: media.Disk{Dir: filepath.Join(dir, "media")},
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return benchNow }, CacheTTL: ttl})
	if err != nil {
		b.Fatal(err)
	}
	// A spread of articles across the archive, old and new.
	ts, err := st.Teasers(context.Background(), store.TeaserQuery{Now: benchNow, Limit: 200, Offset: 0})
	if err != nil {
		b.Fatal(err)
	}
	old, err := st.Teasers(context.Background(), store.TeaserQuery{Now: benchNow, Limit: 200, Offset: 60000})
	if err != nil {
		b.Fatal(err)
	}
	var paths []string
	for _, t := range append(ts, old...) {
		paths = append(paths, t.Path())
	}
	return s.Handler(), paths
}

func serve(b *testing.B, h http.Handler, path string) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	if rec.Code != 200 {
		b.Fatalf("%s: status %d", path, rec.Code)
	}
}

// BenchmarkArticlePage renders article pages with the page cache off: the
// cost of a cache miss (store reads, both related blocks, template).
func BenchmarkArticlePage(b *testing.B) {
	h, paths := benchSite(b, 0)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		serve(b, h, paths[i%len(paths)])
	}
}

// BenchmarkHomePage renders the home page with the page cache off.
func BenchmarkHomePage(b *testing.B) {
	h, _ := benchSite(b, 0)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		serve(b, h, "/")
	}
}

// BenchmarkSectionPage renders a deep page of a section listing.
func BenchmarkSectionPage(b *testing.B) {
	h, _ := benchSite(b, 0)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		serve(b, h, "/chuyen-trang-dia-phuong/?trang=50")
	}
}

// BenchmarkArticlePageCached serves article pages from the page cache.
func BenchmarkArticlePageCached(b *testing.B) {
	h, paths := benchSite(b, time.Hour)
	for _, p := range paths {
		serve(b, h, p)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		serve(b, h, paths[i%len(paths)])
	}
}
