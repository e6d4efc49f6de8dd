package sqlite

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"
)

func TestZZMigrationTime(t *testing.T) {
	path := os.Getenv("MIG_DB")
	if path == "" {
		t.Skip()
	}
	ctx := context.Background()
	st, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, tb := range []string{"search_fts", "search_head", "search_titles", "search_docs", "search_words"} {
		if _, err := st.w.ExecContext(ctx, "DROP TABLE IF EXISTS "+tb); err != nil {
			t.Fatal(err)
		}
	}
	b, _ := migrationFiles.ReadFile("migrations/0003_search.sql")
	start := time.Now()
	tx, _ := st.w.BeginTx(ctx, nil)
	if _, err := tx.ExecContext(ctx, string(b)); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	t.Logf("migration 0003 on %s: %s", path, time.Since(start))
	_ = strings.TrimSpace
}
