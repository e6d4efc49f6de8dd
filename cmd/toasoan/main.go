// Command toasoan runs the Toà Soạn newspaper: the reader site, and the
// commands that set up, fill and migrate its storage.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	_ "time/tzdata" // Asia/Ho_Chi_Minh must load on a machine without zoneinfo

	"github.com/toasoan/toasoan/media"
	"github.com/toasoan/toasoan/store/sqlite"
)

// version is set at build time with -ldflags "-X main.version=…"; otherwise
// the module's build information is used.
var version = ""

type command struct {
	name    string
	summary string
	usage   string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

var commands []command

func init() {
	commands = []command{
		{"serve", "chạy trang báo (mặc định 127.0.0.1:8080)", "serve [--addr ĐỊA_CHỈ] [--data THƯ_MỤC] [--demo] [--demo-articles N]", runServe},
		{"demo", "tạo một tờ báo mẫu trong cơ sở dữ liệu trống", "demo [--data THƯ_MỤC] [--articles N] [--seed S]", runDemo},
		{"import", "nhập dữ liệu từ hệ thống cũ", "import legacy [--data THƯ_MỤC] TỆP.jsonl", runImport},
		{"user", "quản lý tài khoản tòa soạn: add, list, disable", "user add|list|disable … (xem toasoan user --help)", runUser},
		{"migrate", "cập nhật cấu trúc cơ sở dữ liệu", "migrate [--data THƯ_MỤC]", runMigrate},
		{"reindex", "dựng lại chỉ mục tìm kiếm", "reindex [--data THƯ_MỤC]", runReindex},
		{"model", "học lại mô hình thêm dấu từ các bài đã đăng", "model rebuild [--data THƯ_MỤC]", runModel},
		{"version", "in phiên bản", "version", runVersion},
	}
}

func main() {
	ctx := context.Background()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "--help" || args[0] == "-h" {
		if len(args) > 1 {
			for _, c := range commands {
				if c.name == args[1] {
					return exitCode(stderr, c.run(ctx, []string{"--help"}, stdout, stderr))
				}
			}
		}
		usage(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name == args[0] {
			return exitCode(stderr, c.run(ctx, args[1:], stdout, stderr))
		}
	}
	fmt.Fprintf(stderr, "toasoan: không có lệnh %q\n\n", args[0])
	usage(stderr)
	return 2
}

// errUsage means the flags were wrong; the flag package already said why.
var errUsage = errors.New("usage")

func exitCode(stderr io.Writer, err error) int {
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	fmt.Fprintf(stderr, "toasoan: %v\n", err)
	return 1
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Toà Soạn: báo điện tử trong một chương trình.")
	fmt.Fprintln(w, "\nCách dùng: toasoan LỆNH [tùy chọn]\n\nCác lệnh:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nXem tùy chọn của một lệnh: toasoan LỆNH --help")
	fmt.Fprintln(w, "Biến môi trường: TOASOAN_ADDR (địa chỉ nghe), TOASOAN_DATA (thư mục dữ liệu).")
}

// newFlags makes a flag set with the options every newspaper command shares.
func newFlags(c string, stderr io.Writer) (*flag.FlagSet, *string, *string) {
	fs := flag.NewFlagSet(c, flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", envOr("TOASOAN_ADDR", "127.0.0.1:8080"), "địa chỉ nghe HTTP (biến TOASOAN_ADDR)")
	data := fs.String("data", envOr("TOASOAN_DATA", "data"), "thư mục dữ liệu: cơ sở dữ liệu và ảnh (biến TOASOAN_DATA)")
	fs.Usage = func() {
		for _, cmd := range commands {
			if cmd.name == c {
				fmt.Fprintf(stderr, "Cách dùng: toasoan %s\n%s\n\nTùy chọn:\n", cmd.usage, cmd.summary)
			}
		}
		fs.PrintDefaults()
	}
	return fs, addr, data
}

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// paths is where a data directory keeps things.
type paths struct{ dir, db, media string }

func dataPaths(dir string) (paths, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return paths{}, fmt.Errorf("tạo thư mục dữ liệu %s: %w", dir, err)
	}
	return paths{dir: dir, db: filepath.Join(dir, "toasoan.db"), media: filepath.Join(dir, "media")}, nil
}

func openStore(ctx context.Context, dir string, opt sqlite.Options) (*sqlite.Store, paths, error) {
	p, err := dataPaths(dir)
	if err != nil {
		return nil, p, err
	}
	st, err := sqlite.Open(ctx, p.db, opt)
	if err != nil {
		return nil, p, fmt.Errorf("mở cơ sở dữ liệu %s: %w", p.db, err)
	}
	return st, p, nil
}

func (p paths) disk() media.Disk { return media.Disk{Dir: p.media} }

func runMigrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, _, data := newFlags("migrate", stderr)
	if err := parse(fs, args); err != nil {
		return err
	}
	st, p, err := openStore(ctx, *data, sqlite.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	v, err := st.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Cơ sở dữ liệu %s ở phiên bản cấu trúc %d.\n", p.db, v)
	return nil
}

func runVersion(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fmt.Fprintf(stdout, "toasoan %s\n", versionString())
	return nil
}

func versionString() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(không rõ)"
	}
	v := info.Main.Version
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+sửa"
			}
		}
	}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		v = strings.TrimSpace(v + " " + rev + dirty)
	}
	return v + " " + info.GoVersion
}
