package site

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
)

// TestInvalidateDuringRenderIsNotUndone: a page rendered from what the
// database held before an unpublish, and finished after the newsroom
// dropped the cache, must not be stored: the next reader would be shown
// the unpublished article for the cache's lifetime.
func TestInvalidateDuringRenderIsNotUndone(t *testing.T) {
	c := newPageCache(time.Hour)
	entered, release := make(chan struct{}), make(chan struct{})
	var mu sync.Mutex
	body := "bài còn đăng"
	first := true
	h := c.wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		b, wait := body, first
		first = false
		mu.Unlock()
		if wait { // read the database, then get slow
			entered <- struct{}{}
			<-release
		}
		io.WriteString(w, b)
	}))
	done := make(chan struct{})
	go func() {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/bai-1.html", nil))
		close(done)
	}()
	<-entered
	mu.Lock()
	body = "404"
	mu.Unlock()
	c.clear() // the article was unpublished
	close(release)
	<-done
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/bai-1.html", nil))
	if got := w.Body.String(); got != "404" {
		t.Errorf("after the invalidation the cache serves %q", got)
	}
}

// slowMostRead answers the first MostRead from the database and then
// waits, as a request does that read just before a change.
type slowMostRead struct {
	store.Store
	mu               sync.Mutex
	calls            int
	entered, release chan struct{}
}

func (s *slowMostRead) MostRead(ctx context.Context, since, now time.Time, limit int) ([]content.Teaser, error) {
	ts, err := s.Store.MostRead(ctx, since, now, limit)
	s.mu.Lock()
	n := s.calls
	s.calls++
	s.mu.Unlock()
	if n == 0 {
		s.entered <- struct{}{}
		<-s.release
	}
	return ts, err
}

// TestInvalidateDuringMostReadIsNotUndone: the week's most read is kept a
// minute; a ranking read before an unpublish and kept after Invalidate
// would show the unpublished article in every most-read block for that
// minute.
func TestInvalidateDuringMostReadIsNotUndone(t *testing.T) {
	f := newFixture(t)
	slow := &slowMostRead{Store: f.st, entered: make(chan struct{}), release: make(chan struct{})}
	s, err := New(Config{Store: slow, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return f.now }})
	if err != nil {
		t.Fatal(err)
	}
	const gone = 271332 // among the week's most read
	r := httptest.NewRequest("GET", "/", nil)
	done := make(chan struct{})
	go func() {
		if _, err := s.mostRead(r, &navigation{}, nil, mostReadPool); err != nil {
			t.Error(err)
		}
		close(done)
	}()
	<-slow.entered
	if err := f.st.Transition(ctx, store.TransitionRequest{ArticleID: gone, From: content.StatusPublished, To: content.StatusUnpublished,
		At: f.now, Note: "Gỡ", Audit: store.AuditEntry{Action: "article.unpublish"}}); err != nil {
		t.Fatal(err)
	}
	s.Invalidate()
	close(slow.release)
	<-done
	got, err := s.mostRead(r, &navigation{}, nil, mostReadPool)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range got {
		if v.ID == gone {
			t.Errorf("the unpublished article %d is still among the most read", gone)
		}
	}
}
