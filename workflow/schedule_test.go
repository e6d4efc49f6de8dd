package workflow_test

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/store/sqlite"
	"github.com/toasoan/toasoan/workflow"
)

// fakeClock is a clock the test moves by hand. Every timer the scheduler
// starts is reported on armed, so the test sees how long it means to sleep.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	waiters []waiter
	armed   chan time.Duration
}

type waiter struct {
	at time.Time
	c  chan time.Time
}

func newFakeClock(t time.Time) *fakeClock {
	return &fakeClock{now: t, armed: make(chan time.Duration, 16)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) (<-chan time.Time, func()) {
	c.mu.Lock()
	ch := make(chan time.Time, 1)
	c.waiters = append(c.waiters, waiter{at: c.now.Add(d), c: ch})
	c.mu.Unlock()
	c.armed <- d
	return ch, func() {}
}

// Set moves the clock and fires the timers that are due.
func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
	keep := c.waiters[:0]
	for _, w := range c.waiters {
		if !w.at.After(t) {
			w.c <- t
		} else {
			keep = append(keep, w)
		}
	}
	c.waiters = keep
}

var ctx = context.Background()

// due is 08:33:25 on a Monday in Vietnam.
var due = time.Date(2026, 11, 2, 8, 33, 25, 0, content.Location).UTC()

type paper struct {
	st      *sqlite.Store
	section content.Category
	chief   *store.User
}

func openPaper(t *testing.T, path string) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func newPaper(t *testing.T, path string) paper {
	t.Helper()
	p := paper{st: openPaper(t, path), section: content.Category{Code: "thoi-su", Name: "Thời sự"}}
	must(t, p.st.CreateCategory(ctx, &p.section))
	p.chief = &store.User{Username: "thuky", DisplayName: "Thư ký", Role: auth.ManagingEditor, PasswordHash: "x", CreatedAt: due}
	must(t, p.st.CreateUser(ctx, p.chief, store.AuditEntry{Action: auth.EventUserCreate}))
	return p
}

// schedule writes an approved article and schedules it for when.
func (p paper) schedule(t *testing.T, title string, when time.Time) int64 {
	t.Helper()
	a := &content.Article{Title: title, Slug: "bai-" + title, Body: "<p>" + title + "</p>", CategoryID: p.section.ID, CreatedAt: due.Add(-time.Hour)}
	must(t, p.st.CreateDraft(ctx, a, p.chief.ID, store.AuditEntry{Action: "article.create"}))
	must(t, p.st.Transition(ctx, store.TransitionRequest{ArticleID: a.ID, From: content.StatusDraft, To: content.StatusApproved,
		UserID: p.chief.ID, At: due.Add(-time.Hour), Audit: store.AuditEntry{Action: "article.approve"}}))
	must(t, p.st.Transition(ctx, store.TransitionRequest{ArticleID: a.ID, From: content.StatusApproved, To: content.StatusScheduled,
		UserID: p.chief.ID, At: due.Add(-time.Hour), PublishAt: when, Audit: store.AuditEntry{Action: "article.schedule"}}))
	return a.ID
}

func (p paper) live(t *testing.T, now time.Time) []int64 {
	t.Helper()
	ts, err := p.st.Teasers(ctx, store.TeaserQuery{Now: now, SectionID: p.section.ID})
	must(t, err)
	var out []int64
	for _, x := range ts {
		out = append(out, x.ID)
	}
	slices.Sort(out)
	return out
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// TestSchedulerSleepsUntilDue: the scheduler sleeps exactly until the next
// due second, publishes the articles of that second together, wakes when a
// new schedule is set, and after a restart past a scheduled time publishes
// at start-up.
func TestSchedulerSleepsUntilDue(t *testing.T) {
	path := filepath.Join(t.TempDir(), "toasoan.db")
	p := newPaper(t, path)
	x := p.schedule(t, "x", due)
	y := p.schedule(t, "y", due)
	z := p.schedule(t, "z", due.Add(time.Second))

	clock := newFakeClock(due.Add(-10 * time.Second))
	changed := make(chan struct{}, 16)
	s := workflow.NewScheduler(workflow.SchedulerConfig{Store: p.st, Clock: clock, Logger: quiet(), Idle: time.Hour,
		Changed: func() { changed <- struct{}{} }})
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { s.Run(runCtx); close(done) }()

	if d := <-clock.armed; d != 10*time.Second {
		t.Fatalf("sleeps %v, want exactly the 10 s until 08:33:25", d)
	}
	if live := p.live(t, due.Add(-time.Millisecond)); len(live) != 0 {
		t.Fatalf("live before the time: %v", live)
	}
	clock.Set(due)
	<-changed
	if live := p.live(t, due); !slices.Equal(live, []int64{x, y}) {
		t.Fatalf("live at 08:33:25: %v, want %v", live, []int64{x, y})
	}
	if d := <-clock.armed; d != time.Second {
		t.Fatalf("next sleep %v, want 1 s", d)
	}
	clock.Set(due.Add(time.Second))
	<-changed
	if live := p.live(t, due.Add(time.Second)); !slices.Equal(live, []int64{x, y, z}) {
		t.Fatalf("live at 08:33:26: %v", live)
	}
	if d := <-clock.armed; d != time.Hour {
		t.Fatalf("idle sleep %v", d)
	}
	// A new schedule wakes it: it now sleeps until that time.
	w := p.schedule(t, "w", due.Add(time.Minute))
	s.Wake()
	if d := <-clock.armed; d != time.Minute-time.Second {
		t.Fatalf("after a wake it sleeps %v, want 59 s", d)
	}
	// The server goes down before 08:34:25 ...
	stop()
	<-done
	must(t, p.st.Close())

	// ... and comes back at 09:00: the article is published at start-up,
	// with the time it was scheduled for.
	st := openPaper(t, path)
	defer st.Close()
	later := newFakeClock(due.Add(27 * time.Minute))
	s2 := workflow.NewScheduler(workflow.SchedulerConfig{Store: st, Clock: later, Logger: quiet(), Idle: time.Hour,
		Changed: func() { changed <- struct{}{} }})
	runCtx2, stop2 := context.WithCancel(ctx)
	defer stop2()
	go s2.Run(runCtx2)
	<-changed
	a, err := st.Article(ctx, w)
	must(t, err)
	if a.Status != content.StatusPublished || !a.PublishedAt.Equal(due.Add(time.Minute)) {
		t.Errorf("after restart: %s at %v", a.Status, a.PublishedAt)
	}
	pvs, _ := st.PublishedVersions(ctx, w)
	if len(pvs) != 1 || !pvs[0].RecordedAt.Equal(due.Add(27*time.Minute)) {
		t.Errorf("published version records when it really went live: %+v", pvs)
	}
}

// TestSchedulerTakesDown: an article with a take-down time leaves the site
// at that time by itself.
func TestSchedulerTakesDown(t *testing.T) {
	p := newPaper(t, filepath.Join(t.TempDir(), "toasoan.db"))
	defer p.st.Close()
	id := p.schedule(t, "tin-nhanh", due)
	clock := newFakeClock(due)
	s := workflow.NewScheduler(workflow.SchedulerConfig{Store: p.st, Clock: clock, Logger: quiet()})
	pub, _, err := s.RunDue(ctx)
	must(t, err)
	if !slices.Equal(pub, []int64{id}) {
		t.Fatalf("published %v", pub)
	}
	must(t, p.st.SetTakeDown(ctx, id, due.Add(2*time.Hour), store.AuditEntry{Action: "article.take_down_at", UserID: p.chief.ID}))
	clock.Set(due.Add(2*time.Hour - time.Second))
	if _, down, _ := s.RunDue(ctx); len(down) != 0 {
		t.Fatalf("taken down early")
	}
	clock.Set(due.Add(2 * time.Hour))
	_, down, err := s.RunDue(ctx)
	must(t, err)
	if !slices.Equal(down, []int64{id}) || len(p.live(t, due.Add(2*time.Hour))) != 0 {
		t.Errorf("taken down %v", down)
	}
}
