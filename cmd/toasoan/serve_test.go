package main

import (
	"context"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/store/sqlite"
)

// TestServeCatchesUpBeforeServing: what came due while the server was down
// (an article scheduled for an hour ago, a take-down time a minute ago) is
// settled before the first reader is served, not at some moment after.
func TestServeCatchesUpBeforeServing(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runCmd(t, "demo", "--data", dir, "--articles", "20"); code != 0 {
		t.Fatal(errOut)
	}
	// With a model in place serve does not write one in the background
	// while the test ends.
	if code, _, errOut := runCmd(t, "model", "rebuild", "--data", dir); code != 0 {
		t.Fatal(errOut)
	}
	bg := context.Background()
	st, err := sqlite.Open(bg, filepath.Join(dir, "toasoan.db"), sqlite.Options{NoMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().Truncate(time.Second)
	ts, err := st.Teasers(bg, store.TeaserQuery{Now: now, Limit: 2})
	if err != nil || len(ts) != 2 {
		t.Fatalf("demo articles: %v %v", ts, err)
	}
	late, gone := ts[0], ts[1]
	for _, r := range []store.TransitionRequest{
		{ArticleID: late.ID, From: content.StatusPublished, To: content.StatusUnpublished, At: now.Add(-2 * time.Hour), Note: "Gỡ"},
		{ArticleID: late.ID, From: content.StatusUnpublished, To: content.StatusScheduled, At: now.Add(-2 * time.Hour),
			PublishAt: now.Add(-time.Hour)},
	} {
		r.Audit = store.AuditEntry{Action: "article.move"}
		if err := st.Transition(bg, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SetTakeDown(bg, gone.ID, now.Add(-time.Minute), store.AuditEntry{Action: "article.take_down_at"}); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	base, stop, _ := startServe(t, "--data", dir)
	get := func(path string) int {
		res, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if code := get(content.ArticlePath(gone.Slug, gone.ID)); code != http.StatusNotFound {
		t.Errorf("article past its take-down time: %d at start-up, want 404", code)
	}
	if code := get(content.ArticlePath(late.Slug, late.ID)); code != http.StatusOK {
		t.Errorf("article scheduled while the server was down: %d at start-up, want 200", code)
	}
	if code := stop(); code != 0 {
		t.Fatalf("serve exit %d", code)
	}
}
