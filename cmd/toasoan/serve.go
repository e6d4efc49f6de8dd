package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/toasoan/toasoan/demo"
	"github.com/toasoan/toasoan/newsroom"
	"github.com/toasoan/toasoan/proxy"
	"github.com/toasoan/toasoan/site"
	"github.com/toasoan/toasoan/store/sqlite"
	"github.com/toasoan/toasoan/workflow"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, addr, data := newFlags("serve", stderr)
	withDemo := fs.Bool("demo", false, "tạo báo mẫu nếu cơ sở dữ liệu còn trống")
	demoArticles := fs.Int("demo-articles", 3000, "số bài của báo mẫu")
	cacheTTL := fs.Duration("cache-ttl", time.Second, "thời gian giữ trang đã dựng trong bộ nhớ (0 để tắt)")
	proxies := fs.String("trusted-proxies", os.Getenv("TOASOAN_TRUSTED_PROXIES"),
		"các proxy tin cậy, cách nhau bằng dấu phẩy (ví dụ 127.0.0.1,10.0.0.0/8): lấy địa chỉ bạn đọc từ X-Forwarded-For (biến TOASOAN_TRUSTED_PROXIES)")
	if err := parse(fs, args); err != nil {
		return err
	}
	trusted, err := proxy.Parse(*proxies)
	if err != nil {
		return fmt.Errorf("--trusted-proxies: %w", err)
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()

	st, p, err := openStore(ctx, *data, sqlite.Options{})
	if err != nil {
		return err
	}
	defer func() {
		if err := st.Close(); err != nil {
			log.Error("close database", "err", err)
		}
	}()
	if *withDemo {
		n, err := st.ArticleCount(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			log.Info("creating the demo newspaper", "articles", *demoArticles)
			stats, err := demo.Generate(ctx, st, demo.Options{Articles: *demoArticles, Seed: 1, Now: time.Now(),
				MediaDir: p.media, DeferRenditions: true})
			if err != nil {
				return fmt.Errorf("tạo báo mẫu: %w", err)
			}
			log.Info("demo newspaper ready", "articles", stats.Articles, "pictures", stats.Pictures, "took", stats.Took.Round(time.Millisecond))
			// The pictures' renditions are made while the paper is served
			// (pages show the full pictures until then), and finished or
			// abandoned before the store closes.
			done := make(chan struct{})
			defer func() { <-done }()
			go func() {
				defer close(done)
				start := time.Now()
				if err := stats.Renditions(ctx); err != nil {
					if ctx.Err() == nil {
						log.Error("demo picture renditions", "err", err)
					}
					return
				}
				log.Info("demo picture renditions stored", "took", time.Since(start).Round(time.Millisecond))
			}()
		}
		if err := ensureDemoStaff(ctx, st, log); err != nil {
			return err
		}
	} else if users, err := st.Users(ctx); err != nil {
		return err
	} else if len(users) == 0 {
		log.Warn("no staff accounts yet: create the first admin with 'toasoan user add NAME --role admin'")
	}

	cs, err := openComments(ctx, st, p, log)
	if err != nil {
		return err
	}
	modelCtx, stopModel := context.WithCancel(ctx)
	waitModel := serveModel(modelCtx, st, cs, p.model(), log)
	defer func() { stopModel(); waitModel() }()
	// The scheduler and the newsroom tell the site to drop its page cache
	// when articles go live or leave; s is set before either can run.
	var s *site.Site
	invalidate := func() { s.Invalidate() }
	sched := workflow.NewScheduler(workflow.SchedulerConfig{Store: st, Logger: log, Changed: invalidate})
	nr := newsroom.New(newsroom.Config{Store: st, Logger: log, SiteChanged: invalidate, ScheduleChanged: sched.Wake, Comments: cs, Media: p.disk()})
	s, err = site.New(site.Config{Store: st, Media: p.disk(), Logger: log, CacheTTL: *cacheTTL, Admin: nr.Handler(), Comments: cs})
	if err != nil {
		return err
	}
	// What came due while the server was down (scheduled articles, take-down
	// times) is settled before the first reader is served; then the
	// scheduler sleeps until the next due second.
	if _, _, err := sched.RunDue(ctx); err != nil {
		log.Error("scheduler: publish due articles at start-up", "err", err)
	}
	schedCtx, stopSched := context.WithCancel(context.Background())
	schedDone := make(chan struct{})
	go func() { sched.Run(schedCtx); close(schedDone) }()
	defer func() { stopSched(); <-schedDone }()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("nghe %s: %w", *addr, err)
	}
	srv := &http.Server{
		Handler:           trusted.Handler(s.Handler()),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	flushCtx, stopFlush := context.WithCancel(context.Background())
	flushed := make(chan struct{})
	go func() {
		s.Views().Run(flushCtx, 5*time.Second, func(err error) { log.Error("flush views", "err", err) })
		close(flushed)
	}()

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("serving", "addr", "http://"+ln.Addr().String(), "newsroom", "http://"+ln.Addr().String()+"/admin/", "data", p.dir)
	fmt.Fprintf(stdout, "Toà Soạn đang chạy tại http://%s/ (Ctrl+C để dừng)\n", ln.Addr())

	select {
	case err := <-errc:
		stopFlush()
		<-flushed
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing requests in flight")
	shutCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		log.Error("shutdown", "err", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Error("serve", "err", err)
	}
	stopFlush()
	<-flushed
	if err := s.Views().Flush(shutCtx); err != nil {
		log.Error("flush views", "err", err)
	}
	log.Info("stopped")
	return nil
}
