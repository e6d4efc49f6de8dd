package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/store/sqlite"
)

// userCmd runs `toasoan user ARGS` with input on standard input and returns
// the error, standard output and standard error.
func userCmd(t *testing.T, input string, args ...string) (error, string, string) {
	t.Helper()
	old := stdin
	stdin = strings.NewReader(input)
	defer func() { stdin = old }()
	var out, errb bytes.Buffer
	err := runUser(context.Background(), args, &out, &errb)
	return err, out.String(), errb.String()
}

func openData(t *testing.T, dir string) store.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(dir, "toasoan.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestUserCommands(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	st := openData(t, dir)
	local := content.Category{Code: "chuyen-trang-dia-phuong", Name: "Chuyên trang địa phương"}
	sport := content.Category{Code: "the-thao", Name: "Thể thao"}
	for _, c := range []*content.Category{&local, &sport} {
		if err := st.CreateCategory(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	sub := content.Category{Code: "tp-thuan-an", Name: "TP. Thuận An", ParentID: local.ID}
	if err := st.CreateCategory(ctx, &sub); err != nil {
		t.Fatal(err)
	}
	st.Close()

	err, out, _ := userCmd(t, "", "list", "--data", dir)
	if err != nil || !strings.Contains(out, "Chưa có tài khoản nào") {
		t.Errorf("empty list: %v %q", err, out)
	}
	err, out, _ = userCmd(t, "mật-khẩu-quản-trị\n", "add", "Quan.Tri", "--role", "admin", "--display-name", "Nguyễn Văn Quản", "--data", dir)
	if err != nil || out != "Đã tạo tài khoản quan.tri (Nguyễn Văn Quản, Quản trị).\n" {
		t.Fatalf("add admin: %v %q", err, out)
	}
	// Flags before the name, a CRLF line, sections by code.
	err, out, _ = userCmd(t, "mật-khẩu-phóng-viên\r\nthừa", "add", "--data", dir, "--role", "reporter", "--sections", "the-thao, chuyen-trang-dia-phuong", "thu.thao")
	if err != nil || !strings.Contains(out, "thu.thao (thu.thao, Phóng viên)") {
		t.Fatalf("add reporter: %v %q", err, out)
	}

	refusals := []struct {
		name, input string
		args        []string
		want        string
	}{
		{"weak password", "ngắn\n", []string{"add", "bien.tap", "--role", "editor"}, "ít nhất 10 ký tự"},
		{"password is the name", "bien.tap.01\n", []string{"add", "bien.tap.01", "--role", "editor"}, "trùng với tên đăng nhập"},
		{"no password", "", []string{"add", "bien.tap", "--role", "editor"}, "không có mật khẩu"},
		{"empty line", "\n", []string{"add", "bien.tap", "--role", "editor"}, "không có mật khẩu"},
		{"no role", "mật-khẩu-đủ-dài\n", []string{"add", "bien.tap"}, "thiếu --role"},
		{"unknown role", "mật-khẩu-đủ-dài\n", []string{"add", "bien.tap", "--role", "boss"}, "vai trò \"boss\" không có"},
		{"taken", "mật-khẩu-đủ-dài\n", []string{"add", "QUAN.TRI", "--role", "editor"}, "đã có người dùng"},
		{"bad name", "mật-khẩu-đủ-dài\n", []string{"add", "biên.tập", "--role", "editor"}, "chỉ gồm chữ cái không dấu"},
		{"unknown section", "mật-khẩu-đủ-dài\n", []string{"add", "bien.tap", "--role", "editor", "--sections", "khong-co"}, "không có chuyên mục mã \"khong-co\""},
		{"sub-section", "mật-khẩu-đủ-dài\n", []string{"add", "bien.tap", "--role", "editor", "--sections", "tp-thuan-an"}, "chuyên mục con"},
		{"disable nobody", "", []string{"disable", "khong.co"}, "không có tài khoản \"khong.co\""},
	}
	for _, tc := range refusals {
		err, _, _ := userCmd(t, tc.input, append(tc.args, "--data", dir)...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
	for _, args := range [][]string{{}, {"add"}, {"add", "a", "b", "--role", "admin"}, {"list", "x"}, {"disable"}, {"khac"}, {"add", "x", "--khong-co"}} {
		if err, _, _ := userCmd(t, "", append(args, "--data", dir)...); !errors.Is(err, errUsage) {
			t.Errorf("user %v: %v, want a usage error", args, err)
		}
	}
	if err, _, errOut := userCmd(t, "", "--help"); !errors.Is(err, flag.ErrHelp) || !strings.Contains(errOut, "toasoan user add TÊN --role") {
		t.Errorf("help: %v %q", err, errOut)
	}

	st = openData(t, dir)
	u, err := st.UserByUsername(ctx, "thu.thao")
	if err != nil || u.Role != auth.Reporter || len(u.Sections) != 2 {
		t.Fatalf("reporter: %+v %v", u, err)
	}
	if ok, _, _ := auth.VerifyPassword(u.PasswordHash, "mật-khẩu-phóng-viên", auth.DefaultParams); !ok {
		t.Error("the password read from standard input does not verify")
	}
	if !strings.HasPrefix(u.PasswordHash, "$argon2id$v=19$m=65536,t=3,p=4$") {
		t.Errorf("hash %q", u.PasswordHash)
	}
	es, err := st.Audit(ctx, store.AuditQuery{Action: auth.EventUserCreate})
	if err != nil || len(es) != 2 || es[0].UserID != 0 || !strings.Contains(es[0].Detail, "dòng lệnh") {
		t.Errorf("audit of the command line: %+v %v", es, err)
	}
	// A live session, to see disable end it.
	_, id, _ := auth.NewSessionToken()
	now := time.Now()
	if err := st.CreateSession(ctx, store.Session{ID: id, UserID: u.ID, CreatedAt: now, LastSeen: now, ExpiresAt: now.Add(time.Hour)},
		store.AuditEntry{At: now, UserID: u.ID, Action: auth.EventLogin}); err != nil {
		t.Fatal(err)
	}
	st.Close()

	err, out, _ = userCmd(t, "", "disable", "Thu.Thao", "--data", dir)
	if err != nil || out != "Đã khóa tài khoản thu.thao và thu hồi 1 phiên đăng nhập.\n" {
		t.Errorf("disable: %v %q", err, out)
	}
	if err, out, _ = userCmd(t, "", "disable", "thu.thao", "--data", dir); err != nil || !strings.Contains(out, "đã bị khóa từ trước") {
		t.Errorf("disable twice: %v %q", err, out)
	}
	err, out, _ = userCmd(t, "", "list", "--data", dir)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if err != nil || len(lines) != 3 || !strings.HasPrefix(lines[0], "TÊN ĐĂNG NHẬP") ||
		!regexp.MustCompile(`^quan\.tri\s+Nguyễn Văn Quản\s+Quản trị\s+mọi chuyên mục\s+hoạt động\s+\d\d-\d\d-\d{4}$`).MatchString(lines[1]) ||
		!regexp.MustCompile(`^thu\.thao\s+thu\.thao\s+Phóng viên\s+(the-thao,chuyen-trang-dia-phuong|chuyen-trang-dia-phuong,the-thao)\s+đã khóa\s`).MatchString(lines[2]) {
		t.Errorf("list: %v\n%s", err, out)
	}
	if code, out, _ := runCmd(t, "--help"); code != 0 || !strings.Contains(out, "user") {
		t.Errorf("main help lacks the user command: %q", out)
	}
}

// TestDemoStaff: serve --demo makes one account of each role with the
// well-known password and says so; serve without --demo makes none.
func TestDemoStaff(t *testing.T) {
	dir := t.TempDir()
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	st := openData(t, dir)
	defer st.Close()
	local := content.Category{Code: "chuyen-trang-dia-phuong", Name: "Chuyên trang địa phương"}
	if err := st.CreateCategory(context.Background(), &local); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		if err := ensureDemoStaff(context.Background(), st, log); err != nil {
			t.Fatal(err)
		}
	}
	users, err := st.Users(context.Background())
	if err != nil || len(users) != 4 {
		t.Fatalf("%d demo accounts, want 4 (%v)", len(users), err)
	}
	roles := map[auth.Role]bool{}
	for _, u := range users {
		roles[u.Role] = true
		if ok, _, _ := auth.VerifyPassword(u.PasswordHash, demoPassword, auth.DefaultParams); !ok {
			t.Errorf("%s: the demo password does not work", u.Username)
		}
		if u.Username == "phongvien" && (len(u.Sections) != 1 || u.Sections[0] != local.ID) {
			t.Errorf("demo reporter sections %v", u.Sections)
		}
	}
	if len(roles) != 4 {
		t.Errorf("roles %v", roles)
	}
	if !strings.Contains(logs.String(), "DEMO MODE") || strings.Count(logs.String(), demoPassword) != 2 {
		t.Errorf("log does not tell the demo password each start:\n%s", logs.String())
	}
}

// TestServeMountsNewsroom starts serve --demo and logs in through HTTP
// with a demo account; then serve without --demo on a fresh directory,
// which must have no accounts at all.
func TestServeMountsNewsroom(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the server")
	}
	serve := func(args ...string) (string, func() int, *bytes.Buffer) { return startServe(t, args...) }

	base, stop, logs := serve("--demo", "--demo-articles", "30", "--data", t.TempDir())
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	res, err := c.Get(base + "/admin/tai-khoan")
	if err != nil {
		t.Fatal(err)
	}
	form, _ := io.ReadAll(res.Body)
	res.Body.Close()
	m := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindSubmatch(form)
	if res.Request.URL.Path != "/admin/dang-nhap" || m == nil {
		t.Fatalf("not sent to the login form: %s", res.Request.URL)
	}
	res, err = c.PostForm(base+"/admin/dang-nhap", url.Values{"csrf": {string(m[1])}, "ten_dang_nhap": {"quantri"},
		"mat_khau": {demoPassword}, "tiep": {"/admin/tai-khoan"}})
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || res.Request.URL.Path != "/admin/tai-khoan" || !strings.Contains(string(page), "phongvien") {
		t.Errorf("after login: %d %s", res.StatusCode, res.Request.URL)
	}
	if code := stop(); code != 0 {
		t.Errorf("serve exit %d", code)
	}
	if !strings.Contains(logs.String(), "DEMO MODE") || !strings.Contains(logs.String(), demoPassword) {
		t.Error("the demo log line is missing")
	}

	dir := t.TempDir()
	_, stop, logs = serve("--data", dir)
	if code := stop(); code != 0 {
		t.Errorf("serve exit %d", code)
	}
	if strings.Contains(logs.String(), demoPassword) {
		t.Error("serve without --demo printed the demo password")
	}
	st := openData(t, dir)
	defer st.Close()
	if users, _ := st.Users(context.Background()); len(users) != 0 {
		t.Errorf("serve without --demo made %d accounts", len(users))
	}
}

// startServe runs "toasoan serve" on a free port with args; it returns the
// base URL, a stop function giving the exit code, and the log.
func startServe(t *testing.T, args ...string) (base string, stop func() int, logs *bytes.Buffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	logs = &bytes.Buffer{}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), pw, &syncWriter{w: logs})
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("serve did not start: %v\n%s", err, logs)
	}
	go io.Copy(io.Discard, pr)
	base = regexp.MustCompile(`http://[0-9.:]+`).FindString(line)
	if base == "" {
		t.Fatalf("no address in %q", line)
	}
	return base, func() int {
		cancel()
		select {
		case code := <-done:
			return code
		case <-time.After(30 * time.Second):
			t.Fatal("serve did not stop")
			return -1
		}
	}, logs
}

// syncWriter lets the server's goroutines write one buffer.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(b)
}
