// Package storetest is the behaviour suite every store.Store backend must
// pass. A backend's test calls Run with a function that opens a fresh, empty
// store.
package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
)

// Run runs the whole suite; open must return a new empty store each call.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, st store.Store)
	}{
		{"Categories", testCategories},
		{"ArticleRoundTrip", testArticleRoundTrip},
		{"CreateKeepsIDs", testCreateKeepsIDs},
		{"UpdateArticle", testUpdateArticle},
		{"TeasersVisibility", testTeasersVisibility},
		{"TeasersFilters", testTeasersFilters},
		{"MostReadAndViews", testMostReadAndViews},
		{"Media", testMedia},
		{"Settings", testSettings},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := open(t)
			tc.fn(t, st)
		})
	}
}

var ctx = context.Background()

// at returns a UTC time on 2022-05-16 at h:m:s in Vietnam.
func at(h, m, s int) time.Time {
	return time.Date(2022, 5, 16, h, m, s, 0, content.Location).UTC()
}

type fixture struct {
	top, sub1, sub2, other content.Category
}

func setup(t *testing.T, st store.Store) fixture {
	t.Helper()
	f := fixture{
		top:   content.Category{Code: "chuyen-trang-dia-phuong", Name: "Chuyên trang địa phương", MenuOrder: 1},
		other: content.Category{Code: "the-thao", Name: "Thể thao", MenuOrder: 2},
	}
	must(t, st.CreateCategory(ctx, &f.top))
	must(t, st.CreateCategory(ctx, &f.other))
	f.sub1 = content.Category{Code: "tp-thuan-an", Name: "TP. Thuận An", ParentID: f.top.ID, MenuOrder: 1}
	f.sub2 = content.Category{Code: "tx-ben-cat", Name: "TX. Bến Cát", ParentID: f.top.ID, MenuOrder: 2}
	must(t, st.CreateCategory(ctx, &f.sub1))
	must(t, st.CreateCategory(ctx, &f.sub2))
	return f
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func article(title string, cat int64, pub time.Time) *content.Article {
	return &content.Article{
		Lang: "vi", Title: title, Slug: "bai-" + title, Sapo: "Sapo " + title, Body: "<p>" + title + "</p>",
		Status: content.StatusPublished, CategoryID: cat,
		CreatedAt: pub.Add(-5 * time.Minute), UpdatedAt: pub, PublishedAt: pub,
	}
}

func ids(ts []content.Teaser) []int64 {
	out := make([]int64, len(ts))
	for i, t := range ts {
		out[i] = t.ID
	}
	return out
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func testCategories(t *testing.T, st store.Store) {
	f := setup(t, st)
	cats, err := st.Categories(ctx)
	must(t, err)
	if len(cats) != 4 {
		t.Fatalf("got %d categories, want 4", len(cats))
	}
	byCode := map[string]content.Category{}
	for _, c := range cats {
		byCode[c.Code] = c
	}
	if got := byCode["tp-thuan-an"]; got.ParentID != f.top.ID || got.Name != "TP. Thuận An" {
		t.Errorf("sub-section read back as %+v", got)
	}
	dup := content.Category{Code: "the-thao", Name: "Khác"}
	if err := st.CreateCategory(ctx, &dup); !errors.Is(err, store.ErrConflict) {
		t.Errorf("duplicate code: got %v, want ErrConflict", err)
	}
	for _, bad := range []string{"", "Thoi-Su", "thời-sự", "a--b", "-a", "admin", "media", "tim-kiem", "a/b"} {
		c := content.Category{Code: bad, Name: "Sai"}
		if err := st.CreateCategory(ctx, &c); err == nil {
			t.Errorf("category code %q accepted", bad)
		}
	}
	third := content.Category{Code: "phuong-1", Name: "Phường 1", ParentID: f.sub1.ID}
	if err := st.CreateCategory(ctx, &third); err == nil {
		t.Error("a third level was accepted")
	}
	f.other.Description = "Tin thể thao"
	must(t, st.UpdateCategory(ctx, f.other))
	if err := st.UpdateCategory(ctx, content.Category{ID: 9999, Code: "x", Name: "x"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("update missing: got %v, want ErrNotFound", err)
	}
}

func testArticleRoundTrip(t *testing.T, st store.Store) {
	f := setup(t, st)
	pic := &content.Media{Hash: "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789", Ext: "jpg",
		MIME: "image/jpeg", Width: 1200, Height: 800, Size: 1234, Caption: "Trong ảnh", CreatedAt: at(8, 0, 0)}
	if _, err := st.CreateMedia(ctx, pic); err != nil {
		t.Fatal(err)
	}
	a := article("Hiệu quả từ công tác luân chuyển cán bộ", f.sub1.ID, at(8, 33, 25))
	a.Byline = "THU THẢO - CHÂU TIẾN"
	a.Authors = []content.Author{{Name: "Thu Thảo"}, {Name: "Châu Tiến", Slug: "chau-tien"}}
	a.Tags = []content.Tag{{Name: "Cán bộ", Slug: "can-bo"}, {Name: "Luân chuyển", Slug: "luan-chuyen"}}
	a.PictureID = pic.ID
	a.PictureCaption = "Trong ảnh: công bố quyết định"
	a.Type = content.TypePhotoStory
	must(t, st.CreateArticles(ctx, []*content.Article{a}))
	if a.ID == 0 {
		t.Fatal("no id assigned")
	}
	got, err := st.Article(ctx, a.ID)
	must(t, err)
	if got.Title != a.Title || got.Sapo != a.Sapo || got.Body != a.Body || got.Byline != a.Byline ||
		got.CategoryID != f.sub1.ID || got.Status != content.StatusPublished || got.Type != content.TypePhotoStory ||
		got.Lang != "vi" || got.PictureCaption != a.PictureCaption {
		t.Errorf("read back %+v", got)
	}
	if !got.PublishedAt.Equal(a.PublishedAt) || !got.CreatedAt.Equal(a.CreatedAt) || !got.UpdatedAt.Equal(a.UpdatedAt) {
		t.Errorf("times: got %v %v %v", got.CreatedAt, got.UpdatedAt, got.PublishedAt)
	}
	if got.PublishedAt.Location() != time.UTC {
		t.Errorf("times should come back in UTC, got %v", got.PublishedAt.Location())
	}
	if len(got.Tags) != 2 || got.Tags[0].Slug != "can-bo" || got.Tags[1].Name != "Luân chuyển" {
		t.Errorf("tags: %+v", got.Tags)
	}
	if len(got.Authors) != 2 || got.Authors[0].Name != "Thu Thảo" || got.Authors[0].Slug == "" || got.Authors[1].Slug != "chau-tien" {
		t.Errorf("authors: %+v", got.Authors)
	}
	if got.Picture == nil || got.Picture.Hash != pic.Hash || got.Picture.Width != 1200 {
		t.Errorf("picture: %+v", got.Picture)
	}
	if _, err := st.Article(ctx, 424242); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing article: %v", err)
	}
	// A second article reuses existing tags by slug.
	b := article("Bài hai", f.sub1.ID, at(9, 0, 0))
	b.Tags = []content.Tag{{Name: "Cán bộ", Slug: "can-bo"}}
	must(t, st.CreateArticles(ctx, []*content.Article{b}))
	if b.Tags[0].ID != got.Tags[0].ID {
		t.Errorf("tag not reused: %d vs %d", b.Tags[0].ID, got.Tags[0].ID)
	}
	tag, err := st.TagBySlug(ctx, "can-bo")
	must(t, err)
	ts, err := st.Teasers(ctx, store.TeaserQuery{Now: at(12, 0, 0), TagID: tag.ID})
	must(t, err)
	if !equalIDs(ids(ts), []int64{b.ID, a.ID}) {
		t.Errorf("tag listing: %v", ids(ts))
	}
	if n, err := st.ArticleCount(ctx); err != nil || n != 2 {
		t.Errorf("ArticleCount = %d, %v", n, err)
	}
}

func testCreateKeepsIDs(t *testing.T, st store.Store) {
	f := setup(t, st)
	a := article("Phường An Thạnh", f.sub1.ID, at(8, 33, 25))
	a.ID = 271332
	must(t, st.CreateArticles(ctx, []*content.Article{a}))
	if a.ID != 271332 {
		t.Fatalf("id changed to %d", a.ID)
	}
	dup := article("Khác", f.sub1.ID, at(8, 33, 25))
	dup.ID = 271332
	if err := st.CreateArticles(ctx, []*content.Article{dup}); !errors.Is(err, store.ErrConflict) {
		t.Errorf("duplicate id: got %v, want ErrConflict", err)
	}
	// A failed batch writes nothing.
	ok := article("Tốt", f.sub1.ID, at(9, 0, 0))
	bad := article("Sai", 9999, at(9, 0, 0))
	if err := st.CreateArticles(ctx, []*content.Article{ok, bad}); err == nil {
		t.Error("unknown category accepted")
	}
	if n, _ := st.ArticleCount(ctx); n != 1 {
		t.Errorf("a failed batch left %d articles, want 1", n)
	}
	// Ids assigned after an imported id continue above it.
	next := article("Mới", f.sub1.ID, at(9, 0, 0))
	must(t, st.CreateArticles(ctx, []*content.Article{next}))
	if next.ID <= 271332 {
		t.Errorf("new id %d not above imported ids", next.ID)
	}
	noTitle := article("", f.sub1.ID, at(9, 0, 0))
	if err := st.CreateArticles(ctx, []*content.Article{noTitle}); err == nil {
		t.Error("article without title accepted")
	}
}

func testUpdateArticle(t *testing.T, st store.Store) {
	f := setup(t, st)
	a := article("Cũ", f.sub1.ID, at(8, 0, 0))
	a.Tags = []content.Tag{{Name: "A", Slug: "a"}, {Name: "B", Slug: "b"}}
	must(t, st.CreateArticles(ctx, []*content.Article{a}))
	a.Title, a.Slug, a.CategoryID = "Mới", "moi", f.other.ID
	a.Tags = []content.Tag{{Name: "C", Slug: "c"}}
	a.UpdatedAt = at(10, 0, 0)
	must(t, st.UpdateArticle(ctx, a))
	got, err := st.Article(ctx, a.ID)
	must(t, err)
	if got.Title != "Mới" || got.Slug != "moi" || got.CategoryID != f.other.ID || len(got.Tags) != 1 || got.Tags[0].Slug != "c" {
		t.Errorf("after update: %+v", got)
	}
	// The section moved with the category.
	ts, err := st.Teasers(ctx, store.TeaserQuery{Now: at(12, 0, 0), SectionID: f.top.ID})
	must(t, err)
	if len(ts) != 0 {
		t.Errorf("article still listed in its old section: %v", ids(ts))
	}
	missing := article("X", f.sub1.ID, at(8, 0, 0))
	missing.ID = 5555
	if err := st.UpdateArticle(ctx, missing); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("update missing: %v", err)
	}
}

func testTeasersVisibility(t *testing.T, st store.Store) {
	f := setup(t, st)
	now := at(12, 0, 0)
	pub := article("Đã đăng", f.sub1.ID, at(8, 0, 0))
	future := article("Hẹn giờ", f.sub1.ID, at(13, 0, 0))
	draft := article("Nháp", f.sub1.ID, at(7, 0, 0))
	draft.Status = content.StatusDraft
	gone := article("Đã gỡ", f.sub1.ID, at(7, 0, 0))
	gone.Status = content.StatusUnpublished
	must(t, st.CreateArticles(ctx, []*content.Article{pub, future, draft, gone}))
	ts, err := st.Teasers(ctx, store.TeaserQuery{Now: now})
	must(t, err)
	if !equalIDs(ids(ts), []int64{pub.ID}) {
		t.Errorf("visible at noon: %v, want only %d", ids(ts), pub.ID)
	}
	ts, err = st.Teasers(ctx, store.TeaserQuery{Now: at(13, 0, 0)})
	must(t, err)
	if !equalIDs(ids(ts), []int64{future.ID, pub.ID}) {
		t.Errorf("visible at 13:00: %v", ids(ts))
	}
	n, err := st.CountTeasers(ctx, store.TeaserQuery{Now: now})
	must(t, err)
	if n != 1 {
		t.Errorf("count = %d, want 1", n)
	}
}

func testTeasersFilters(t *testing.T, st store.Store) {
	f := setup(t, st)
	now := at(12, 0, 0)
	// Three articles share one publish second, as batch publishing does.
	a1 := article("a1", f.sub1.ID, at(8, 33, 25))
	a2 := article("a2", f.sub1.ID, at(8, 33, 25))
	a3 := article("a3", f.sub2.ID, at(8, 16, 53))
	a4 := article("a4", f.top.ID, at(9, 0, 0))
	a5 := article("a5", f.other.ID, at(10, 0, 0))
	a6 := article("a6", f.sub1.ID, at(8, 33, 25))
	must(t, st.CreateArticles(ctx, []*content.Article{a1, a2, a3, a4, a5, a6}))

	check := func(name string, q store.TeaserQuery, want ...*content.Article) {
		t.Helper()
		q.Now = now
		ts, err := st.Teasers(ctx, q)
		must(t, err)
		var w []int64
		for _, a := range want {
			w = append(w, a.ID)
		}
		if !equalIDs(ids(ts), w) {
			t.Errorf("%s: got %v, want %v", name, ids(ts), w)
		}
		n, err := st.CountTeasers(ctx, store.TeaserQuery{Now: now, SectionID: q.SectionID, CategoryID: q.CategoryID,
			Before: q.Before, BeforeID: q.BeforeID, ExcludeIDs: q.ExcludeIDs, TagID: q.TagID, WithPicture: q.WithPicture})
		must(t, err)
		if q.Limit == 0 && q.Offset == 0 && n != len(w) {
			t.Errorf("%s: count %d, want %d", name, n, len(w))
		}
	}
	check("all", store.TeaserQuery{}, a5, a4, a6, a2, a1, a3)
	check("section", store.TeaserQuery{SectionID: f.top.ID}, a4, a6, a2, a1, a3)
	check("sub-section", store.TeaserQuery{CategoryID: f.sub1.ID}, a6, a2, a1)
	check("top category only", store.TeaserQuery{CategoryID: f.top.ID}, a4)
	check("exclude", store.TeaserQuery{SectionID: f.top.ID, ExcludeIDs: []int64{a4.ID, a2.ID}}, a6, a1, a3)
	check("before", store.TeaserQuery{SectionID: f.top.ID, Before: at(8, 33, 25)}, a3)
	check("before with id", store.TeaserQuery{CategoryID: f.sub1.ID, Before: at(8, 33, 25), BeforeID: a6.ID}, a2, a1)
	check("page 2", store.TeaserQuery{SectionID: f.top.ID, Limit: 2, Offset: 2}, a2, a1)
	check("with picture", store.TeaserQuery{WithPicture: true})
}

func testMostReadAndViews(t *testing.T, st store.Store) {
	f := setup(t, st)
	a := article("a", f.sub1.ID, at(8, 0, 0))
	b := article("b", f.sub1.ID, at(9, 0, 0))
	old := article("old", f.sub1.ID, at(9, 0, 0).AddDate(0, 0, -30))
	old.Views = 1000
	must(t, st.CreateArticles(ctx, []*content.Article{a, b, old}))
	must(t, st.AddViews(ctx, map[int64]int64{a.ID: 5, b.ID: 2}))
	must(t, st.AddViews(ctx, map[int64]int64{b.ID: 1}))
	ts, err := st.MostRead(ctx, at(0, 0, 0).AddDate(0, 0, -7), at(12, 0, 0), 10)
	must(t, err)
	if !equalIDs(ids(ts), []int64{a.ID, b.ID}) || ts[0].Views != 5 || ts[1].Views != 3 {
		t.Errorf("most read: %+v", ts)
	}
	must(t, st.AddViews(ctx, nil))
}

func testMedia(t *testing.T, st store.Store) {
	m := &content.Media{Hash: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", Ext: "png",
		MIME: "image/png", Width: 10, Height: 20, Size: 99, Caption: "Ảnh", Credit: "BDO", CreatedAt: at(8, 0, 0)}
	created, err := st.CreateMedia(ctx, m)
	must(t, err)
	if !created || m.ID == 0 {
		t.Fatalf("created=%v id=%d", created, m.ID)
	}
	again := &content.Media{Hash: m.Hash, Ext: "png", MIME: "image/png", Caption: "khác"}
	created, err = st.CreateMedia(ctx, again)
	must(t, err)
	if created || again.ID != m.ID || again.Caption != "Ảnh" {
		t.Errorf("duplicate hash: created=%v %+v", created, again)
	}
	got, err := st.Media(ctx, m.ID)
	must(t, err)
	if got.Hash != m.Hash || got.Credit != "BDO" || !got.CreatedAt.Equal(m.CreatedAt) {
		t.Errorf("read back %+v", got)
	}
	if _, err := st.MediaByHash(ctx, "ff"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing hash: %v", err)
	}
}

func testSettings(t *testing.T, st store.Store) {
	must(t, st.SetSettings(ctx, map[string]string{content.SettingSiteName: "Báo A", content.SettingPhone: "0274"}))
	must(t, st.SetSettings(ctx, map[string]string{content.SettingSiteName: "Báo B"}))
	got, err := st.Settings(ctx)
	must(t, err)
	if got[content.SettingSiteName] != "Báo B" || got[content.SettingPhone] != "0274" {
		t.Errorf("settings: %v", got)
	}
}
