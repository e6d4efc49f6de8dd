package e2e

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/comments"
	"github.com/toasoan/toasoan/demo"
	"github.com/toasoan/toasoan/diacritics"
	"github.com/toasoan/toasoan/media"
	"github.com/toasoan/toasoan/newsroom"
	"github.com/toasoan/toasoan/site"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/store/sqlite"
	"github.com/toasoan/toasoan/workflow"
)

// paperOptions says what newspaper a test needs.
type paperOptions struct {
	demoArticles int                                               // a generated newspaper of this many articles (seed below); 0: none
	seed         int64                                             // the demo's seed
	fill         func(ctx context.Context, st *sqlite.Store) error // the test's own content, written before anything is served
	accounts     []newsroom.NewAccount                             // staff accounts
	cacheTTL     time.Duration                                     // the site's page cache; 0: one second, as serve
	model        bool                                              // train the diacritics model on the articles, as serve does at start
}

// paper is a newspaper served as serve serves it (cmd/toasoan/serve.go):
// the site with the newsroom mounted, the media library, reader comments,
// the scheduler on the wall clock, and the page cache dropped whenever the
// newsroom or the scheduler changes what readers see.
type paper struct {
	srv *httptest.Server
	st  *sqlite.Store
}

func newPaper(t *testing.T, o paperOptions) *paper {
	t.Helper()
	dir := t.TempDir()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "toasoan.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	pictures := media.Disk{Dir: filepath.Join(dir, "media")}
	if o.demoArticles > 0 {
		if _, err := demo.Generate(ctx, st, demo.Options{Articles: o.demoArticles, Seed: o.seed, Now: time.Now(), MediaDir: pictures.Dir}); err != nil {
			t.Fatal(err)
		}
	}
	if o.fill != nil {
		if err := o.fill(ctx, st); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range o.accounts {
		if _, err := newsroom.CreateAccount(ctx, st, a, auth.DefaultParams, store.AuditEntry{At: time.Now(), Detail: "e2e"}); err != nil {
			t.Fatal(err)
		}
	}
	if o.cacheTTL == 0 {
		o.cacheTTL = time.Second
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	cs, err := comments.New(comments.Config{Store: st, Dir: filepath.Join(dir, "attachments"),
		Secret: []byte("khoa-e2e-cho-y-kien-ban-doc-32-b"), Logger: log, Limits: comments.Limits{MinFill: time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	if o.model {
		m, err := diacritics.TrainFromStore(ctx, st, time.Now(), diacritics.TrainOptions{})
		if err != nil {
			t.Fatal(err)
		}
		cs.SetModel(m)
	}
	var s *site.Site
	invalidate := func() { s.Invalidate() }
	sched := workflow.NewScheduler(workflow.SchedulerConfig{Store: st, Logger: log, Changed: invalidate})
	nr := newsroom.New(newsroom.Config{Store: st, Logger: log, SiteChanged: invalidate, ScheduleChanged: sched.Wake,
		Comments: cs, Media: pictures})
	s, err = site.New(site.Config{Store: st, Media: pictures, Logger: log, CacheTTL: o.cacheTTL, Admin: nr.Handler(), Comments: cs})
	if err != nil {
		t.Fatal(err)
	}
	schedCtx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { sched.Run(schedCtx); close(done) }()
	t.Cleanup(func() { stop(); <-done })
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return &paper{srv: srv, st: st}
}
