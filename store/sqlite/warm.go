package sqlite

import (
	"runtime"
	"sync"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/richtext"
	"github.com/toasoan/toasoan/search"
)

// The index statements call back into Go (search_plain, search_fold,
// search_keys) from inside SQLite, on the one writer connection: for a
// batch of articles that is most of the write's time, spent on one core.
// warm computes the same results for a batch on every core before the
// write transaction starts; the SQL functions then find them here. What is
// not found (another writer's text, a cleared entry) is computed as before,
// so warming only ever saves time.

var warmed = struct {
	sync.RWMutex
	plain map[string]string    // body HTML → plain text
	text  map[string][2]string // text → folded words, key words
}{plain: map[string]string{}, text: map[string][2]string{}}

func warmPlain(html string) (string, bool) {
	warmed.RLock()
	defer warmed.RUnlock()
	p, ok := warmed.plain[html]
	return p, ok
}

func warmText(s string) ([2]string, bool) {
	warmed.RLock()
	defer warmed.RUnlock()
	t, ok := warmed.text[s]
	return t, ok
}

// warm fills the cache for the articles and returns the function that
// takes their entries out again, to be called when the write is done.
// Small writes are not worth the goroutines.
func warm(articles []*content.Article) (forget func()) {
	if len(articles) < 16 {
		return func() {}
	}
	type result struct {
		body, title, sapo string
		plain             string
		bodyT, titleT     [2]string
		sapoT             [2]string
	}
	results := make([]result, len(articles))
	workers := min(runtime.GOMAXPROCS(0), len(articles))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(articles); i += workers {
				a := articles[i]
				r := result{body: a.Body, title: a.Title, sapo: a.Sapo}
				r.plain = richtext.PlainText(a.Body)
				r.bodyT[0], r.bodyT[1] = search.IndexText(r.plain)
				r.titleT[0], r.titleT[1] = search.IndexText(a.Title)
				r.sapoT[0], r.sapoT[1] = search.IndexText(a.Sapo)
				results[i] = r
			}
		})
	}
	wg.Wait()
	warmed.Lock()
	for _, r := range results {
		warmed.plain[r.body] = r.plain
		warmed.text[r.plain] = r.bodyT
		warmed.text[r.title] = r.titleT
		warmed.text[r.sapo] = r.sapoT
	}
	warmed.Unlock()
	return func() {
		warmed.Lock()
		for _, r := range results {
			delete(warmed.plain, r.body)
			delete(warmed.text, r.plain)
			delete(warmed.text, r.title)
			delete(warmed.text, r.sapo)
		}
		warmed.Unlock()
	}
}
