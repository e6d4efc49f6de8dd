package sqlite

import (
	"context"
	"path/filepath"
	"testing"
)

// TestWritesAreSyncedBeforeTheyReturn: the writer runs with
// synchronous=FULL (2), so a commit has reached the disk when the store
// acknowledges it, and a power cut cannot take back an acknowledged write
// (NORMAL only survives a crash of the process).
func TestWritesAreSyncedBeforeTheyReturn(t *testing.T) {
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "t.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var mode int
	if err := s.w.QueryRow(`PRAGMA synchronous`).Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if mode != 2 {
		t.Errorf("synchronous = %d, want 2 (FULL)", mode)
	}
}
