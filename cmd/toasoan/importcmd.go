package main

import (
	"context"
	"fmt"
	"io"

	"github.com/toasoan/toasoan/legacy"
	"github.com/toasoan/toasoan/store/sqlite"
)

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "legacy" {
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h") {
			fs, _, _ := newFlags("import", stderr)
			fs.Usage()
			return nil
		}
		fmt.Fprintln(stderr, "Cách dùng: toasoan import legacy [--data THƯ_MỤC] TỆP.jsonl")
		fmt.Fprintln(stderr, "Nguồn hỗ trợ: legacy (các dòng JSON của hệ thống PHP cũ: news_id, news_title, newcate_code1, …).")
		return errUsage
	}
	fs, _, data := newFlags("import", stderr)
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "Cần đúng một tệp: toasoan import legacy TỆP.jsonl")
		return errUsage
	}
	file := fs.Arg(0)
	st, _, err := openStore(ctx, *data, sqlite.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	bar := newProgress(stderr, "Nhập "+file)
	sum, err := legacy.ImportFile(ctx, st, file, legacy.Options{
		Progress: func(line int, read, total int64) { bar.update(read, total) },
	})
	bar.finish()
	fmt.Fprint(stdout, sum.Report())
	if err != nil {
		return fmt.Errorf("nhập %s: %w", file, err)
	}
	if sum.Failed > 0 {
		return fmt.Errorf("%d dòng không nhập được (xem danh sách ở trên)", sum.Failed)
	}
	return nil
}
