package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/search"
	"github.com/toasoan/toasoan/store"
)

// The migration fills the index of existing articles with the statements
// the store runs for every write: they must stay the same text.
func TestMigrationFillMatchesIndexer(t *testing.T) {
	b, err := migrationFiles.ReadFile("migrations/0003_search.sql")
	if err != nil {
		t.Fatal(err)
	}
	_, fill, ok := strings.Cut(string(b), "-- fill")
	if !ok {
		t.Fatal("no -- fill part in the search migration")
	}
	var stmts []string
	_, fill, _ = strings.Cut(fill, "\n") // the rest of the marker's line
	for _, line := range strings.Split(fill, "\n") {
		if !strings.HasPrefix(line, "--") {
			stmts = append(stmts, line)
		}
	}
	got := strings.Fields(strings.Join(stmts, "\n"))
	want := strings.Fields(strings.Join(indexStatements("SELECT id FROM articles"), ";\n") + ";")
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("migration fill part:\n%s\n\nindexStatements:\n%s", strings.Join(got, " "), strings.Join(want, " "))
	}
}

// A database created before the search migration gets its articles indexed
// when it is opened.
func TestMigrationIndexesExistingArticles(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := Migrations()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Migrate(ctx, db, ms[:2]); err != nil {
		t.Fatal(err)
	}
	pub := time.Date(2022, 1, 25, 0, 11, 58, 0, time.UTC).Unix()
	for _, q := range []string{
		`INSERT INTO categories (id, code, name) VALUES (1, 'thoi-su', 'Thời sự')`,
		`INSERT INTO articles (id, title, slug, sapo, body, status, category_id, section_id, created_at, updated_at, published_at)
			VALUES (264300, 'Hiệu quả từ công tác luân chuyển cán bộ', 'hieu-qua', 'Sapo', '<p>Thân <b>bài</b></p>', 'published', 1, 1, 1, 1, ` + strconv.FormatInt(pub, 10) + `),
			(264301, 'Bản nháp luân chuyển', 'ban-nhap', '', '', 'draft', 1, 1, 1, 1, 0)`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	st, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	res, err := st.Search(ctx, store.SearchQuery{Query: search.Parse("luan chuyen"), Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || len(res.Hits) != 1 || res.Hits[0].ID != 264300 {
		t.Fatalf("after migration: %+v", res)
	}
	res, err = st.Search(ctx, store.SearchQuery{Query: search.Parse("bài"), AnyState: true, Now: time.Now()})
	if err != nil || res.Total != 1 {
		t.Fatalf("body words: %+v %v", res, err)
	}
	forms, err := st.WordForms(ctx, []string{"luan"})
	if err != nil || len(forms["luan"]) != 1 || forms["luan"][0].Docs != 2 {
		t.Fatalf("word forms after migration: %v %v", forms, err)
	}
}
