package demo

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/toasoan/toasoan/store/sqlite"
)

func benchmarkGenerate(b *testing.B, n int, pictures bool) {
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := b.TempDir()
		st, err := sqlite.Open(context.Background(), filepath.Join(dir, "demo.db"), sqlite.Options{})
		if err != nil {
			b.Fatal(err)
		}
		opt := Options{Articles: n, Seed: 1, Now: testNow}
		if pictures {
			opt.MediaDir = filepath.Join(dir, "media")
		}
		b.StartTimer()
		stats, err := Generate(context.Background(), st, opt)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if fi, err := os.Stat(filepath.Join(dir, "demo.db")); err == nil {
			b.ReportMetric(float64(fi.Size())/(1<<20), "MB-db")
		}
		b.ReportMetric(float64(n)/stats.Took.Seconds(), "articles/s")
		st.Close()
	}
}

// BenchmarkGenerate3k is the serve --demo default, with pictures.
func BenchmarkGenerate3k(b *testing.B) { benchmarkGenerate(b, 3000, true) }

// BenchmarkGenerate100k must stay under two minutes on a 2-core machine:
//
//	go test ./demo -run=^$ -bench=Generate100k -benchtime=1x
func BenchmarkGenerate100k(b *testing.B) { benchmarkGenerate(b, 100_000, true) }
