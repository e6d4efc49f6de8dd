package diacritics

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/demo"
	"github.com/toasoan/toasoan/store/sqlite"
)

var tmpRoot string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "diacritics-test-")
	if err != nil {
		panic(err)
	}
	tmpRoot = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// Corpus sizes of the evaluation: the demo newspaper's default size for
// training, and articles from another seed, more than the hand-written
// stories every demo publishes, so that some are generated ones the model
// never saw (see generatedOnly).
const (
	trainArticles = demo.DefaultArticles
	trainSeed     = 1
	heldArticles  = 1800
	heldSeed      = 2
)

var demoNow = time.Date(2022, 5, 16, 8, 40, 0, 0, content.Location)

var corpora sync.Map // "seed/n" → *corpusResult

type corpusResult struct {
	once  sync.Once
	texts []string
	err   error
}

// demoTexts returns the ArticleText of n demo articles generated with seed,
// through a real SQLite store; generated once per test binary.
func demoTexts(t testing.TB, seed int64, n int) []string {
	t.Helper()
	v, _ := corpora.LoadOrStore(fmt.Sprintf("%d/%d", seed, n), new(corpusResult))
	c := v.(*corpusResult)
	c.once.Do(func() { c.texts, c.err = generateTexts(seed, n) })
	if c.err != nil {
		t.Fatal(c.err)
	}
	return c.texts
}

func generateTexts(seed int64, n int) ([]string, error) {
	ctx := context.Background()
	dir, err := os.MkdirTemp(tmpRoot, "demo-")
	if err != nil {
		return nil, err
	}
	st, err := sqlite.Open(ctx, filepath.Join(dir, "demo.db"), sqlite.Options{})
	if err != nil {
		return nil, err
	}
	defer st.Close()
	if _, err := demo.Generate(ctx, st, demo.Options{Articles: n, Seed: seed, Now: demoNow}); err != nil {
		return nil, err
	}
	texts := make([]string, 0, n)
	for id := int64(1); id <= int64(n); id++ {
		a, err := st.Article(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("article %d: %w", id, err)
		}
		texts = append(texts, ArticleText(a))
	}
	return texts, nil
}
