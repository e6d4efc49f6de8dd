package site

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/toasoan/toasoan/demo"
	"github.com/toasoan/toasoan/media"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/store/sqlite"
)

// BenchmarkHomeArranged renders the home page without the page cache,
// with the automatic choice and with all five slots arranged (each an
// article read and checked), on a 2,000-article demo paper.
func BenchmarkHomeArranged(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "toasoan.db"), sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := demo.Generate(ctx, st, demo.Options{Articles: 2000, Seed: 3, Now: benchNow, MediaDir: filepath.Join(dir, "media")}); err != nil {
		b.Fatal(err)
	}
	s, err := New(Config{Store: st, Media: media.Disk{Dir: filepath.Join(dir, "media")},
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return benchNow }})
	if err != nil {
		b.Fatal(err)
	}
	h := s.Handler()
	get := func(b *testing.B) {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/", nil))
		if w.Code != http.StatusOK {
			b.Fatalf("home: %d", w.Code)
		}
	}
	b.Run("automatic", func(b *testing.B) {
		for b.Loop() {
			get(b)
		}
	})
	older, err := st.Teasers(ctx, store.TeaserQuery{Now: benchNow, WithPicture: true, Offset: 50, Limit: 5})
	if err != nil || len(older) != 5 {
		b.Fatalf("%d older articles: %v", len(older), err)
	}
	arr := store.HomeArrangement{Top: older[0].ID}
	for i := range arr.Featured {
		arr.Featured[i] = older[i+1].ID
	}
	from, err := st.HomeArrangement(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if err := st.SetHomeArrangement(ctx, from, arr, store.AuditEntry{Action: "home.arrange"}); err != nil {
		b.Fatal(err)
	}
	b.Run("arranged", func(b *testing.B) {
		for b.Loop() {
			get(b)
		}
	})
}
