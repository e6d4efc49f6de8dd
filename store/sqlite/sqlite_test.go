package sqlite_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/store/sqlite"
	"github.com/toasoan/toasoan/store/storetest"
)

func openTemp(t *testing.T) store.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "toasoan.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestStoreSuite(t *testing.T) { storetest.Run(t, openTemp) }

func TestMigrateFromEmpty(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	if _, err := sqlite.Open(ctx, path, sqlite.Options{NoMigrate: true}); err == nil {
		t.Fatal("NoMigrate on an empty database should refuse")
	}
	st, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ms, _ := sqlite.Migrations()
	v, err := st.SchemaVersion(ctx)
	if err != nil || v != len(ms) || v == 0 {
		t.Fatalf("version %d (%v), want %d", v, err, len(ms))
	}
	st.Close()
	// Opening again applies nothing and keeps the version.
	st, err = sqlite.Open(ctx, path, sqlite.Options{NoMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
}

func TestRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "n.db")
	st, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	ms, _ := sqlite.Migrations()
	ms = append(ms, store.Migration{Version: len(ms) + 1, Name: "future", SQL: "CREATE TABLE future (x INTEGER)"})
	// Simulate a newer binary having migrated the file.
	db := rawOpen(t, path)
	if _, err := store.Migrate(ctx, db, ms); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := sqlite.Open(ctx, path, sqlite.Options{}); !errors.Is(err, store.ErrSchemaTooNew) {
		t.Fatalf("got %v, want ErrSchemaTooNew", err)
	}
}
