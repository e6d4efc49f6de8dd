package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"path/filepath"
	"strconv"
	"time"

	"github.com/toasoan/toasoan/comments"
	"github.com/toasoan/toasoan/diacritics"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/store/sqlite"
)

// modelFile is where the diacritics restoration model lives in the data
// directory.
const modelFile = "diacritics.model"

// modelEvery is how often serve rebuilds the model from the articles
// published since.
const modelEvery = 24 * time.Hour

func (p paths) model() string { return filepath.Join(p.dir, modelFile) }

// runModel is "toasoan model rebuild": train the restoration model on the
// published articles and write it into the data directory, where serve
// loads it at start (a running serve rebuilds its own on a schedule).
func runModel(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "rebuild" {
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h") {
			fmt.Fprintln(stdout, "Cách dùng: toasoan model rebuild [--data THƯ_MỤC]")
			fmt.Fprintln(stdout, "Học lại mô hình thêm dấu tiếng Việt từ các bài đã đăng và ghi vào thư mục dữ liệu.")
			return nil
		}
		fmt.Fprintln(stderr, "Cách dùng: toasoan model rebuild [--data THƯ_MỤC]")
		return errUsage
	}
	fs, _, data := newFlags("model", stderr)
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	st, p, err := openStore(ctx, *data, sqlite.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	m, err := rebuildModel(ctx, st, p.model(), time.Now())
	if err != nil {
		return err
	}
	s := m.Stats()
	fmt.Fprintf(stdout, "Đã học mô hình thêm dấu: %d âm tiết đọc được, %d âm tiết viết khác nhau, %d bộ ba, trong %s (%s).\n",
		s.Syllables, s.Words, s.Trigrams, time.Since(start).Round(time.Millisecond), p.model())
	return nil
}

// rebuildModel trains a model on what is published at now and writes it
// to path atomically.
func rebuildModel(ctx context.Context, st store.Store, path string, now time.Time) (*diacritics.Model, error) {
	m, err := diacritics.TrainFromStore(ctx, st, now, diacritics.TrainOptions{})
	if err != nil {
		return nil, fmt.Errorf("học mô hình thêm dấu: %w", err)
	}
	if err := m.WriteFile(path); err != nil {
		return nil, fmt.Errorf("ghi mô hình thêm dấu %s: %w", path, err)
	}
	return m, nil
}

// serveModel loads the model at start, if there is one, and rebuilds it in
// the background: at once when there is none, then every modelEvery,
// until ctx ends. The comments service gets each new model. wait returns
// once the background work has stopped (after ctx ends), so that the
// store is not closed under a rebuild.
func serveModel(ctx context.Context, st store.Store, cs *comments.Service, path string, log *slog.Logger) (wait func()) {
	m, err := diacritics.ReadFile(path)
	switch {
	case err == nil:
		cs.SetModel(m)
		log.Info("diacritics model loaded", "path", path, "trigrams", m.Stats().Trigrams)
	case errors.Is(err, fs.ErrNotExist):
		log.Info("no diacritics model yet: building one in the background", "path", path)
	case errors.Is(err, diacritics.ErrVersion):
		log.Info("diacritics model written by another version: rebuilding it in the background", "path", path, "err", err)
	default:
		log.Error("diacritics model unreadable: rebuilding it", "path", path, "err", err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		wait := modelEvery
		if m == nil {
			wait = 0
		}
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(wait):
			}
			wait = modelEvery
			start := time.Now()
			m, err := rebuildModel(ctx, st, path, time.Now())
			if err != nil {
				if ctx.Err() == nil {
					log.Error("rebuild diacritics model", "err", err)
				}
				continue
			}
			cs.SetModel(m)
			log.Info("diacritics model rebuilt", "trigrams", m.Stats().Trigrams, "took", time.Since(start).Round(time.Millisecond))
		}
	}()
	return func() { <-done }
}

// commentLimits reads the anti-abuse limits an operator may set in the
// settings (comments.limit_per_ip, comments.limit_per_email: comments per
// hour; a negative number turns the limit off).
func commentLimits(settings map[string]string) comments.Limits {
	var l comments.Limits
	if n, err := strconv.Atoi(settings["comments.limit_per_ip"]); err == nil {
		l.PerIP = n
	}
	if n, err := strconv.Atoi(settings["comments.limit_per_email"]); err == nil {
		l.PerEmail = n
	}
	return l
}

// openComments builds the comments service over the data directory: its
// key in comments.key, attachments in attachments/ (beside media/, never
// inside it).
func openComments(ctx context.Context, st store.Store, p paths, log *slog.Logger) (*comments.Service, error) {
	secret, err := comments.LoadSecret(filepath.Join(p.dir, "comments.key"))
	if err != nil {
		return nil, fmt.Errorf("khóa bình luận: %w", err)
	}
	settings, err := st.Settings(ctx)
	if err != nil {
		return nil, err
	}
	cs, err := comments.New(comments.Config{Store: st, Dir: filepath.Join(p.dir, "attachments"), Secret: secret,
		Limits: commentLimits(settings), Logger: log})
	if err != nil {
		return nil, err
	}
	go func() {
		// Files of submissions a crash interrupted before their commit.
		if n, err := cs.SweepOrphans(ctx, 10*time.Minute); err != nil && ctx.Err() == nil {
			log.Error("sweep orphaned comment attachments", "err", err)
		} else if n > 0 {
			log.Info("removed orphaned comment attachments", "files", n)
		}
	}()
	return cs, nil
}
