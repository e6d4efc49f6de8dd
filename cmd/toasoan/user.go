package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"strings"
	"text/tabwriter"
	"time"

	"golang.org/x/term"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/newsroom"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/store/sqlite"
)

// stdin is where `user add` reads the password; tests replace it.
var stdin io.Reader = os.Stdin

const userUsage = `Cách dùng:
  toasoan user add TÊN --role reporter|editor|managing-editor|admin [--display-name "…"] [--sections mã1,mã2]
  toasoan user list
  toasoan user disable TÊN

add đọc mật khẩu từ đầu vào chuẩn: gõ (không hiện) nếu là bàn phím, hoặc một dòng,
ví dụ: echo "$MAT_KHAU" | toasoan user add thu.thao --role reporter
Mật khẩu có ít nhất 10 ký tự và khác tên đăng nhập. --sections giới hạn tài khoản
ở các chuyên mục chính (theo mã, ví dụ the-thao); bỏ trống là mọi chuyên mục.
disable khóa tài khoản và thu hồi mọi phiên đăng nhập của nó.
Mọi lệnh đều nhận --data THƯ_MỤC (biến TOASOAN_DATA).`

func runUser(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, userUsage)
		return errUsage
	}
	switch args[0] {
	case "add":
		return runUserAdd(ctx, args[1:], stdout, stderr)
	case "list":
		return runUserList(ctx, args[1:], stdout, stderr)
	case "disable":
		return runUserDisable(ctx, args[1:], stdout, stderr)
	case "-h", "--help", "-help", "help":
		fmt.Fprintln(stderr, userUsage)
		return flag.ErrHelp
	}
	fmt.Fprintf(stderr, "toasoan user: không có lệnh %q\n\n%s\n", args[0], userUsage)
	return errUsage
}

// userFlags is the flag set of a user subcommand: --data, plus what add adds.
func userFlags(stderr io.Writer) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet("user", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", envOr("TOASOAN_DATA", "data"), "thư mục dữ liệu (biến TOASOAN_DATA)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, userUsage+"\n\nTùy chọn:")
		fs.PrintDefaults()
	}
	return fs, data
}

// parseWithArgs parses flags that may come before or after the positional
// arguments (user add NAME --role editor), and returns the positional ones.
func parseWithArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := parse(fs, args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// commandLine is the audit entry of what the command line does: no staff
// account, but the system user who ran it.
func commandLine() store.AuditEntry {
	who := os.Getenv("USER")
	if u, err := user.Current(); err == nil {
		who = u.Username
	}
	detail := "dòng lệnh"
	if who != "" {
		detail += " (người dùng hệ thống: " + who + ")"
	}
	return store.AuditEntry{At: time.Now(), Detail: detail}
}

func runUserAdd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, data := userFlags(stderr)
	role := fs.String("role", "", "vai trò: reporter (phóng viên), editor (biên tập viên), managing-editor (thư ký tòa soạn), admin (quản trị)")
	display := fs.String("display-name", "", "tên hiển thị, ví dụ \"Nguyễn Thu Thảo\" (mặc định: tên đăng nhập)")
	sections := fs.String("sections", "", "mã các chuyên mục chính, cách nhau bởi dấu phẩy (mặc định: mọi chuyên mục)")
	pos, err := parseWithArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "toasoan user add: cần đúng một TÊN đăng nhập")
		return errUsage
	}
	r, err := auth.ParseRole(*role)
	if err != nil {
		if *role == "" {
			return errors.New("thiếu --role: reporter, editor, managing-editor hoặc admin")
		}
		return err
	}
	username := auth.NormalizeUsername(pos[0])
	if err := auth.CheckUsername(username); err != nil {
		return err
	}
	st, _, err := openStore(ctx, *data, sqlite.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	var ids []int64
	if *sections != "" {
		if ids, err = sectionIDs(ctx, st, strings.Split(*sections, ",")); err != nil {
			return err
		}
	}
	if _, err := st.UserByUsername(ctx, username); err == nil {
		return fmt.Errorf("tên đăng nhập %q đã có người dùng", username)
	}
	password, err := readPassword(stderr)
	if err != nil {
		return err
	}
	u, err := newsroom.CreateAccount(ctx, st, newsroom.NewAccount{Username: username, DisplayName: *display, Role: r,
		Sections: ids, Password: password}, auth.DefaultParams, commandLine())
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Đã tạo tài khoản %s (%s, %s).\n", u.Username, u.DisplayName, u.Role.Label())
	return nil
}

// readPassword reads the new password: typed without echo, twice, when
// standard input is a terminal; otherwise its first line.
func readPassword(stderr io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stderr, "Mật khẩu (ít nhất 10 ký tự): ")
		pw, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", fmt.Errorf("đọc mật khẩu: %w", err)
		}
		fmt.Fprint(stderr, "Nhập lại mật khẩu: ")
		again, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", fmt.Errorf("đọc mật khẩu: %w", err)
		}
		if string(pw) != string(again) {
			return "", errors.New("hai lần nhập mật khẩu không khớp nhau")
		}
		return string(pw), nil
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("đọc mật khẩu từ đầu vào chuẩn: %w", err)
	}
	line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
	if line == "" {
		return "", errors.New("không có mật khẩu: hãy đưa mật khẩu vào đầu vào chuẩn (một dòng)")
	}
	return line, nil
}

// sectionIDs turns section codes into the ids of top-level sections.
func sectionIDs(ctx context.Context, st store.Store, codes []string) ([]int64, error) {
	cats, err := st.Categories(ctx)
	if err != nil {
		return nil, err
	}
	byCode := map[string]content.Category{}
	for _, c := range cats {
		byCode[c.Code] = c
	}
	var ids []int64
	for _, code := range codes {
		code = strings.TrimSpace(code)
		if code == "" {
			continue
		}
		c, ok := byCode[code]
		switch {
		case !ok:
			return nil, fmt.Errorf("không có chuyên mục mã %q", code)
		case !c.IsTop():
			return nil, fmt.Errorf("%q là chuyên mục con; chỉ giới hạn được theo chuyên mục chính", code)
		}
		ids = append(ids, c.ID)
	}
	return ids, nil
}

func runUserList(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, data := userFlags(stderr)
	pos, err := parseWithArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		fmt.Fprintln(stderr, "toasoan user list: không nhận tham số")
		return errUsage
	}
	st, _, err := openStore(ctx, *data, sqlite.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	users, err := st.Users(ctx)
	if err != nil {
		return err
	}
	if len(users) == 0 {
		fmt.Fprintln(stdout, "Chưa có tài khoản nào. Tạo tài khoản quản trị đầu tiên: toasoan user add TÊN --role admin")
		return nil
	}
	cats, err := st.Categories(ctx)
	if err != nil {
		return err
	}
	codes := map[int64]string{}
	for _, c := range cats {
		codes[c.ID] = c.Code
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TÊN ĐĂNG NHẬP\tTÊN HIỂN THỊ\tVAI TRÒ\tCHUYÊN MỤC\tTÌNH TRẠNG\tNGÀY TẠO")
	for _, u := range users {
		secs := "mọi chuyên mục"
		if len(u.Sections) > 0 {
			var cs []string
			for _, id := range u.Sections {
				cs = append(cs, codes[id])
			}
			secs = strings.Join(cs, ",")
		}
		state := "hoạt động"
		if u.Disabled {
			state = "đã khóa"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", u.Username, u.DisplayName, u.Role.Label(), secs, state,
			u.CreatedAt.In(content.Location).Format("02-01-2006"))
	}
	return tw.Flush()
}

func runUserDisable(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, data := userFlags(stderr)
	pos, err := parseWithArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "toasoan user disable: cần đúng một TÊN đăng nhập")
		return errUsage
	}
	st, _, err := openStore(ctx, *data, sqlite.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	username := auth.NormalizeUsername(pos[0])
	u, err := st.UserByUsername(ctx, username)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("không có tài khoản %q", username)
	}
	if err != nil {
		return err
	}
	if u.Disabled {
		fmt.Fprintf(stdout, "Tài khoản %s đã bị khóa từ trước.\n", u.Username)
		return nil
	}
	revoked, err := newsroom.DisableAccount(ctx, st, u, commandLine())
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Đã khóa tài khoản %s và thu hồi %d phiên đăng nhập.\n", u.Username, revoked)
	return nil
}
