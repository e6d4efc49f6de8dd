package workflow

import (
	"context"
	"log/slog"
	"time"

	"github.com/toasoan/toasoan/store"
)

// Clock is the scheduler's time source; tests give a fake one.
type Clock interface {
	Now() time.Time
	// After returns a channel that receives once d has passed, and a
	// function that stops the timer.
	After(d time.Duration) (<-chan time.Time, func())
}

// RealClock is the wall clock.
type RealClock struct{}

// Now returns time.Now.
func (RealClock) Now() time.Time { return time.Now() }

// After starts a real timer.
func (RealClock) After(d time.Duration) (<-chan time.Time, func()) {
	t := time.NewTimer(d)
	return t.C, func() { t.Stop() }
}

// DueStore is what the scheduler needs of the store.
type DueStore interface {
	PublishDue(ctx context.Context, now time.Time) ([]int64, error)
	TakeDownDue(ctx context.Context, now time.Time) ([]int64, error)
	NextDue(ctx context.Context) (time.Time, bool, error)
}

var _ DueStore = store.Store(nil)

// Scheduler publishes scheduled articles when their time comes and takes
// articles down at their take-down time. It sleeps until the next due time
// (no polling), wakes when told a schedule changed, and on start publishes
// whatever came due while the server was down.
type Scheduler struct {
	st    DueStore
	clock Clock
	log   *slog.Logger
	// changed is called after articles went live or left the site: the
	// site drops its page cache.
	changed func()
	wake    chan struct{}
	// idle bounds a sleep, so that a schedule set by another server
	// instance (which cannot Wake this one) is found within it, and a
	// wall-clock step does not leave a long timer wrong for long.
	idle time.Duration
}

// SchedulerConfig holds what a Scheduler needs.
type SchedulerConfig struct {
	Store   DueStore
	Clock   Clock // nil: the wall clock
	Logger  *slog.Logger
	Changed func() // nil: nothing
	// Idle is the longest sleep; zero means five minutes. Due times set
	// through this process wake the scheduler at once (Wake).
	Idle time.Duration
}

// NewScheduler builds a Scheduler; Run starts it.
func NewScheduler(cfg SchedulerConfig) *Scheduler {
	s := &Scheduler{st: cfg.Store, clock: cfg.Clock, log: cfg.Logger, changed: cfg.Changed,
		wake: make(chan struct{}, 1), idle: cfg.Idle}
	if s.clock == nil {
		s.clock = RealClock{}
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.changed == nil {
		s.changed = func() {}
	}
	if s.idle <= 0 {
		s.idle = 5 * time.Minute
	}
	return s
}

// Wake tells the scheduler a schedule or take-down time changed; it never
// blocks.
func (s *Scheduler) Wake() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// RunDue publishes and takes down what is due now, once.
func (s *Scheduler) RunDue(ctx context.Context) (published, takenDown []int64, err error) {
	now := s.clock.Now()
	published, err = s.st.PublishDue(ctx, now)
	if err != nil {
		return nil, nil, err
	}
	takenDown, err = s.st.TakeDownDue(ctx, now)
	if len(published)+len(takenDown) > 0 {
		s.changed()
		s.log.Info("scheduler", "published", published, "taken_down", takenDown, "at", now.UTC().Format(time.RFC3339))
	}
	return published, takenDown, err
}

// sleep is how long to wait for the next due time.
func (s *Scheduler) sleep(ctx context.Context) time.Duration {
	next, ok, err := s.st.NextDue(ctx)
	if err != nil {
		s.log.Error("scheduler: next due time", "err", err)
		return 5 * time.Second
	}
	if !ok {
		return s.idle
	}
	// Due times are whole seconds; waking at the second is on time.
	return min(max(next.Sub(s.clock.Now()), 0), s.idle)
}

// Run works until ctx ends: due articles first (the server may have been
// down at their time), then a sleep until the next due time or a Wake.
func (s *Scheduler) Run(ctx context.Context) {
	for ctx.Err() == nil {
		var d time.Duration
		if _, _, err := s.RunDue(ctx); err != nil {
			if ctx.Err() != nil {
				return
			}
			s.log.Error("scheduler: publish due articles", "err", err)
			d = 5 * time.Second
		} else if d = s.sleep(ctx); d == 0 {
			continue
		}
		c, stop := s.clock.After(d)
		select {
		case <-ctx.Done():
		case <-s.wake:
		case <-c:
		}
		stop()
	}
}
