package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/toasoan/toasoan/demo"
	"github.com/toasoan/toasoan/store/sqlite"
)

func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, _, data := newFlags("demo", stderr)
	articles := fs.Int("articles", 3000, "số bài viết")
	seed := fs.Int64("seed", 1, "hạt giống ngẫu nhiên: cùng hạt giống, cùng tờ báo")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *articles < 1 {
		return fmt.Errorf("--articles phải lớn hơn 0")
	}
	st, p, err := openStore(ctx, *data, sqlite.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	bar := newProgress(stderr, "Tạo báo mẫu")
	stats, err := demo.Generate(ctx, st, demo.Options{
		Articles: *articles, Seed: *seed, Now: time.Now(), MediaDir: p.media,
		Progress: func(done, total int) { bar.update(int64(done), int64(total)) },
	})
	bar.finish()
	if err != nil {
		return fmt.Errorf("tạo báo mẫu: %w", err)
	}
	fmt.Fprintf(stdout, "Đã tạo báo mẫu: %d chuyên mục, %d bài viết, %d ảnh trong %s (%s).\n",
		stats.Categories, stats.Articles, stats.Pictures, stats.Took.Round(time.Millisecond), p.db)
	return nil
}
