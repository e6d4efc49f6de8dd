package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/toasoan/toasoan/store/sqlite"
)

// runReindex rebuilds the full-text search index from the articles. The
// index follows every write by itself; this is for recovery (a copied or
// hand-edited database) and after a change to how text is indexed. The
// site keeps answering searches meanwhile: each batch swaps old entries
// for new ones in one transaction.
func runReindex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, _, data := newFlags("reindex", stderr)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		fmt.Fprintf(stderr, "reindex không nhận tham số %q\n", fs.Arg(0))
		return errUsage
	}
	st, p, err := openStore(ctx, *data, sqlite.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	bar := newProgress(stderr, "Dựng chỉ mục tìm kiếm")
	var indexed int
	err = st.Reindex(ctx, func(done, total int) {
		indexed = done
		bar.update(int64(done), int64(total))
	})
	bar.finish()
	if err != nil {
		return fmt.Errorf("dựng lại chỉ mục tìm kiếm: %w", err)
	}
	fmt.Fprintf(stdout, "Đã dựng lại chỉ mục tìm kiếm: %d bài viết trong %s (%s).\n",
		indexed, time.Since(start).Round(time.Millisecond), p.db)
	return nil
}
