package site

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/toasoan/toasoan/store"
)

// ViewCounter counts article views in memory and writes them to the store in
// one transaction every few seconds, so that counting never adds a write to a
// reader's request.
type ViewCounter struct {
	st      store.Store
	mu      sync.Mutex
	pending map[int64]int64
}

// NewViewCounter returns a counter that flushes into st.
func NewViewCounter(st store.Store) *ViewCounter {
	return &ViewCounter{st: st, pending: map[int64]int64{}}
}

// Hit counts one view of an article.
func (v *ViewCounter) Hit(id int64) {
	v.mu.Lock()
	v.pending[id]++
	v.mu.Unlock()
}

// Pending reports how many views wait to be written.
func (v *ViewCounter) Pending() int64 {
	v.mu.Lock()
	defer v.mu.Unlock()
	var n int64
	for _, c := range v.pending {
		n += c
	}
	return n
}

// Flush writes the counted views; on failure they are kept for the next try.
func (v *ViewCounter) Flush(ctx context.Context) error {
	v.mu.Lock()
	batch := v.pending
	v.pending = map[int64]int64{}
	v.mu.Unlock()
	if len(batch) == 0 {
		return nil
	}
	if err := v.st.AddViews(ctx, batch); err != nil {
		v.mu.Lock()
		for id, n := range batch {
			v.pending[id] += n
		}
		v.mu.Unlock()
		return err
	}
	return nil
}

// Run flushes every interval until ctx ends. The caller flushes once more
// after the server has stopped taking requests.
func (v *ViewCounter) Run(ctx context.Context, every time.Duration, onErr func(error)) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := v.Flush(ctx); err != nil && onErr != nil {
				onErr(err)
			}
		}
	}
}

// countViews counts a view when an article page was served successfully,
// whether rendered or taken from the page cache.
func (s *Site) countViews(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if r.Method != http.MethodGet || sw.status != http.StatusOK {
			return
		}
		if _, id, ok := parseArticlePath(r.PathValue("page")); ok {
			s.views.Hit(id)
		}
	})
}
