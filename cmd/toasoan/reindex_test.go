package main

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/search"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/store/sqlite"
)

// searchTotal opens the data directory and counts what readers find.
func searchTotal(t *testing.T, dir, q string) int {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(dir, "toasoan.db"), sqlite.Options{NoMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	res, err := st.Search(context.Background(), store.SearchQuery{Query: search.Parse(q), Now: time.Now().AddDate(1, 0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	return res.Total
}

// breakIndex runs SQL on the database behind the store's back.
func breakIndex(t *testing.T, dir string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "toasoan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func TestReindex(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runCmd(t, "demo", "--data", dir, "--articles", "80", "--seed", "2"); code != 0 {
		t.Fatal(errOut)
	}
	// "tỉnh" is in almost every generated article.
	want := searchTotal(t, dir, "tinh")
	if want == 0 {
		t.Fatal("the demo paper has no article with “tỉnh”")
	}

	// An index emptied behind the store's back is rebuilt.
	breakIndex(t, dir, `INSERT INTO search_fts (search_fts) VALUES ('delete-all')`)
	if n := searchTotal(t, dir, "tinh"); n != 0 {
		t.Fatalf("emptied index still finds %d", n)
	}
	code, out, errOut := runCmd(t, "reindex", "--data", dir)
	if code != 0 || !strings.Contains(out, "Đã dựng lại chỉ mục tìm kiếm: 80 bài viết") {
		t.Fatalf("reindex: exit %d\n%s\n%s", code, out, errOut)
	}
	if n := searchTotal(t, dir, "tinh"); n != want {
		t.Errorf("after reindex: %d, want %d", n, want)
	}

	// So are index tables that are missing altogether (a database that
	// went through the placeholder of this migration).
	breakIndex(t, dir, `DROP TABLE search_fts`, `DROP TABLE search_head`, `DROP TABLE search_titles`,
		`DROP TABLE search_docs`, `DROP TABLE search_words`)
	st, err := sqlite.Open(context.Background(), filepath.Join(dir, "toasoan.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Search(context.Background(), store.SearchQuery{Query: search.Parse("tinh")}); err == nil ||
		!strings.Contains(err.Error(), "toasoan reindex") {
		t.Errorf("search without index tables: %v, want advice to reindex", err)
	}
	st.Close()
	if code, out, errOut := runCmd(t, "reindex", "--data", dir); code != 0 {
		t.Fatalf("reindex without tables: exit %d\n%s\n%s", code, out, errOut)
	}
	if n := searchTotal(t, dir, "tỉnh"); n == 0 {
		t.Error("nothing found after rebuilding missing tables")
	}

	// Usage.
	if code, _, errOut := runCmd(t, "reindex", "--help"); code != 0 || !strings.Contains(errOut, "Cách dùng: toasoan reindex") {
		t.Errorf("reindex --help: exit %d %q", code, errOut)
	}
	if code, _, _ := runCmd(t, "reindex", "--data", dir, "thua"); code != 2 {
		t.Errorf("extra argument: exit %d", code)
	}
	if code, out, _ := runCmd(t, "--help"); code != 0 || !strings.Contains(out, "reindex") {
		t.Errorf("help does not list reindex")
	}
}
