package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/toasoan/toasoan/store/sqlite"
)

func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestHelpExplainsEveryCommand(t *testing.T) {
	code, out, _ := runCmd(t, "--help")
	if code != 0 {
		t.Errorf("--help exit %d", code)
	}
	for _, c := range []string{"serve", "demo", "import", "migrate", "version", "TOASOAN_ADDR", "TOASOAN_DATA"} {
		if !strings.Contains(out, c) {
			t.Errorf("help lacks %q", c)
		}
	}
	for _, c := range []string{"serve", "demo", "migrate"} {
		code, _, errOut := runCmd(t, c, "--help")
		if code != 0 || !strings.Contains(errOut, "--data") || !strings.Contains(errOut, "Cách dùng: toasoan "+c) {
			t.Errorf("%s --help: exit %d\n%s", c, code, errOut)
		}
	}
	if code, _, errOut := runCmd(t, "khong-co"); code != 2 || !strings.Contains(errOut, "không có lệnh") {
		t.Errorf("unknown command: exit %d, %q", code, errOut)
	}
	if code, _, _ := runCmd(t, "serve", "--khong-co"); code != 2 {
		t.Errorf("unknown flag: exit %d", code)
	}
	if code, out, _ := runCmd(t, "version"); code != 0 || !strings.HasPrefix(out, "toasoan ") {
		t.Errorf("version: %d %q", code, out)
	}
}

func TestMigrateAndEnvironment(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "du-lieu")
	t.Setenv("TOASOAN_DATA", dir)
	code, out, errOut := runCmd(t, "migrate")
	if code != 0 || !strings.Contains(out, "phiên bản cấu trúc") {
		t.Fatalf("migrate: %d %q %q", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "toasoan.db")); err != nil {
		t.Errorf("TOASOAN_DATA not used: %v", err)
	}
}

func TestDemoAndImport(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runCmd(t, "demo", "--data", dir, "--articles", "120", "--seed", "3")
	if code != 0 || !strings.Contains(out, "120 bài viết") {
		t.Fatalf("demo: %d %q %q", code, out, errOut)
	}
	// A second run refuses: the database is no longer empty.
	if code, _, _ := runCmd(t, "demo", "--data", dir, "--articles", "10"); code == 0 {
		t.Error("demo on a full database succeeded")
	}

	file := filepath.Join(t.TempDir(), "cu.jsonl")
	rows := `{"news_id":271332,"news_lang":"vi","news_title":"Phường An Thạnh: Cán bộ, đảng viên gương mẫu học tập, làm theo Bác","newcate_code1":"chuyen-trang-dia-phuong","newcate_code2":"tp-thuan-an","news_publicdate":"2022-05-16 08:33:25","news_type":0,"news_createdate":"2022-05-16 08:26:39","news_picture":"1652664399.jpg"}
{"news_id":"x","news_title":""}
`
	if err := os.WriteFile(file, []byte(rows), 0o644); err != nil {
		t.Fatal(err)
	}
	idir := t.TempDir()
	code, out, errOut = runCmd(t, "import", "legacy", "--data", idir, file)
	if code != 1 || !strings.Contains(out, "1 bài mới") || !strings.Contains(out, "1 dòng lỗi") || !strings.Contains(out, "dòng 2:") {
		t.Errorf("import: exit %d\nstdout %q\nstderr %q", code, out, errOut)
	}
	code, out, _ = runCmd(t, "import", "legacy", "--data", idir, file)
	if !strings.Contains(out, "0 bài mới") || !strings.Contains(out, "1 bài không đổi") {
		t.Errorf("re-import: exit %d %q", code, out)
	}
	if code, _, _ := runCmd(t, "import", "khac", file); code != 2 {
		t.Errorf("unknown import source: exit %d", code)
	}
}

// TestServeShutsDownGracefully starts serve on a free port, reads a page,
// stops it, and finds the counted view written to the database.
func TestServeShutsDownGracefully(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runCmd(t, "demo", "--data", dir, "--articles", "60"); code != 0 {
		t.Fatal(errOut)
	}
	base, stop, _ := startServe(t, "--data", dir)
	res, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	home, _ := io.ReadAll(res.Body)
	res.Body.Close()
	link := regexp.MustCompile(`href="(/[a-z0-9-]+-([0-9]+)\.html)"`).FindSubmatch(home)
	if res.StatusCode != 200 || link == nil {
		t.Fatalf("home: %d, article link %q", res.StatusCode, link)
	}
	var id int64
	for _, c := range link[2] {
		id = id*10 + int64(c-'0')
	}
	before := views(t, dir, id)
	for i := 0; i < 2; i++ {
		res, err = http.Get(base + string(link[1]))
		if err != nil || res.StatusCode != 200 {
			t.Fatalf("article: %v %v", err, res)
		}
		res.Body.Close()
	}
	if code := stop(); code != 0 {
		t.Fatalf("serve exit %d", code)
	}
	// Whether the periodic flush or the final one wrote them, both views
	// served before the stop must be in the database.
	if after := views(t, dir, id); after != before+2 {
		t.Errorf("views before %d, after shutdown %d, want +2", before, after)
	}
}

func views(t *testing.T, dir string, id int64) int64 {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(dir, "toasoan.db"), sqlite.Options{NoMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a, err := st.Article(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return a.Views
}
