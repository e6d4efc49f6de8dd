package storetest

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
)

// RunLibrary runs the media library suite: uploads with renditions and
// audit entries, duplicates, caption search without diacritics, focal
// points and renditions found by the master's hash. open must return a
// new empty store each call.
func RunLibrary(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, st store.Store)
	}{
		{"AddAndDuplicates", testAddMedia},
		{"ListAndSearch", testListMedia},
		{"UpdateMedia", testUpdateMedia},
		{"RenditionsByHash", testRenditionsByHash},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := open(t)
			tc.fn(t, st)
		})
	}
}

// mediaHash is a distinct well-formed hash per n and salt.
func mediaHash(salt string, n int) string {
	s := fmt.Sprintf("%s%063x", salt, n)
	return s[len(s)-64:]
}

func upload(n int, caption string) *content.Media {
	h := mediaHash("a", n)
	return &content.Media{Hash: h, Ext: "jpg", MIME: "image/jpeg", Width: 1600, Height: 900, Size: 1000 + int64(n),
		Caption: caption, Credit: "Thu Thảo", CreatedAt: at(8, 0, n), FocalX: 0.25, FocalY: 0.75,
		SourceHash: mediaHash("b", n),
		Renditions: []content.Rendition{
			{Kind: content.RenditionFull, Width: 800, Height: 450, Hash: mediaHash("c", n), Ext: "jpg", Size: 300},
			{Kind: content.RenditionFull, Width: 320, Height: 180, Hash: mediaHash("d", n), Ext: "jpg", Size: 100},
			{Kind: content.RenditionWide, Width: 320, Height: 213, Hash: mediaHash("e", n), Ext: "jpg", Size: 110},
			{Kind: content.RenditionThumb, Width: 240, Height: 240, Hash: mediaHash("f", n), Ext: "jpg", Size: 90},
		}}
}

func uploadAudit(user int64) store.AuditEntry {
	return store.AuditEntry{At: at(8, 0, 0), UserID: user, Action: "media.upload", Detail: "Tải ảnh lên"}
}

func testAddMedia(t *testing.T, st store.Store) {
	u := newUser(t, st, "phongvien", auth.Reporter)
	m := upload(1, "Cầu Phú Cường lúc bình minh")
	m.UploadedBy = u.ID
	created, err := st.AddMedia(ctx, m, uploadAudit(u.ID))
	must(t, err)
	if !created || m.ID == 0 {
		t.Fatalf("created=%v id=%d", created, m.ID)
	}
	got, err := st.LibraryItem(ctx, m.ID)
	must(t, err)
	if got.Hash != m.Hash || got.SourceHash != m.SourceHash || got.UploadedBy != u.ID || got.FocalX != 0.25 ||
		got.FocalY != 0.75 || got.Caption != m.Caption || !got.CreatedAt.Equal(m.CreatedAt) {
		t.Errorf("read back %+v", got)
	}
	if len(got.Renditions) != 4 {
		t.Fatalf("renditions %+v", got.Renditions)
	}
	full := got.Kind(content.RenditionFull)
	if len(full) != 2 || full[0].Width != 320 || full[1].Hash != mediaHash("c", 1) {
		t.Errorf("full renditions %+v", full)
	}
	// The generic reader sees the same record.
	if plain, err := st.Media(ctx, m.ID); err != nil || plain.Hash != m.Hash {
		t.Errorf("Media: %+v %v", plain, err)
	}
	by, err := st.MediaBySource(ctx, m.SourceHash)
	must(t, err)
	if by.ID != m.ID {
		t.Errorf("by source: %d", by.ID)
	}
	if _, err := st.MediaBySource(ctx, mediaHash("9", 9)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown source: %v", err)
	}
	entries, err := st.Audit(ctx, store.AuditQuery{Action: "media.upload"})
	must(t, err)
	if len(entries) != 1 || entries[0].UserID != u.ID || entries[0].Object != fmt.Sprintf("media:%d", m.ID) {
		t.Fatalf("audit %+v", entries)
	}

	// The same master again (other source bytes, other caption): the
	// existing record comes back, nothing is written, nothing is audited.
	dup := upload(1, "chú thích khác")
	dup.SourceHash = mediaHash("b", 77)
	created, err = st.AddMedia(ctx, dup, uploadAudit(u.ID))
	must(t, err)
	if created || dup.ID != m.ID || dup.Caption != m.Caption || len(dup.Renditions) != 4 {
		t.Errorf("duplicate: created=%v %+v", created, dup)
	}
	if entries, _ := st.Audit(ctx, store.AuditQuery{Action: "media.upload"}); len(entries) != 1 {
		t.Errorf("a duplicate was audited: %d entries", len(entries))
	}
	if n, _ := st.CountLibraryMedia(ctx, store.MediaQuery{}); n != 1 {
		t.Errorf("%d media after a duplicate", n)
	}
	if _, err := st.AddMedia(ctx, upload(2, "x"), store.AuditEntry{}); err == nil {
		t.Error("an upload without an audit entry was accepted")
	}
	if n, _ := st.CountLibraryMedia(ctx, store.MediaQuery{}); n != 1 {
		t.Errorf("the refused upload was kept: %d media", n)
	}
}

func testListMedia(t *testing.T, st store.Store) {
	captions := []string{
		"Cầu Phú Cường lúc bình minh",
		"Đường Đại lộ Bình Dương giờ cao điểm",
		"Hội nghị Tỉnh ủy về công tác luân chuyển cán bộ",
		"Vườn cao su trên triền đồi",
		"Bãi biển Vũng Tàu",
	}
	for i, c := range captions {
		m := upload(i+1, c)
		_, err := st.AddMedia(ctx, m, uploadAudit(0))
		must(t, err)
	}
	// A picture written by the importer (no folded text yet) is found too.
	legacy := &content.Media{Hash: mediaHash("7", 1), Ext: "jpg", MIME: "image/jpeg", Caption: "Ảnh cũ: CHỢ ĐÊM Thủ Dầu Một",
		CreatedAt: at(7, 0, 0)}
	_, err := st.CreateMedia(ctx, legacy)
	must(t, err)

	all, err := st.LibraryMedia(ctx, store.MediaQuery{})
	must(t, err)
	if len(all) != 6 || all[0].Caption != captions[4] || all[5].ID != legacy.ID {
		t.Fatalf("newest first: %d items, first %q", len(all), all[0].Caption)
	}
	if len(all[0].Renditions) != 4 || len(all[5].Renditions) != 0 || all[5].FocalX != 0.5 {
		t.Errorf("renditions %d/%d, legacy focal %v", len(all[0].Renditions), len(all[5].Renditions), all[5].FocalX)
	}
	page, err := st.LibraryMedia(ctx, store.MediaQuery{Limit: 2, Offset: 2})
	must(t, err)
	if len(page) != 2 || page[0].Caption != captions[2] {
		t.Errorf("second page %+v", page)
	}
	newestFirst := []string{captions[4], captions[3], captions[2], captions[1], captions[0]}
	for _, c := range []struct {
		q    string
		want []string
	}{
		{"duong", []string{captions[1]}},             // đ folds to d
		{"ĐƯỜNG", []string{captions[1]}},             // case and marks
		{"binh", []string{captions[1], captions[0]}}, // newest first
		{"binh minh", []string{captions[0]}},         // every word
		{"cao", []string{captions[3], captions[1]}},  // "cao su", "cao điểm"
		{"thu dau mot", []string{legacy.Caption}},    // folded on first search
		{"thảo", newestFirst},                        // the credit, "Thu Thảo"
		{"100%", nil},
		{"không có", nil},
	} {
		q := store.MediaQuery{Text: c.q}
		got, err := st.LibraryMedia(ctx, q)
		must(t, err)
		var caps []string
		for _, m := range got {
			caps = append(caps, m.Caption)
		}
		want := c.want
		if strings.Join(caps, "|") != strings.Join(want, "|") {
			t.Errorf("search %q: %q, want %q", c.q, caps, want)
		}
		if n, err := st.CountLibraryMedia(ctx, q); err != nil || n != len(want) {
			t.Errorf("count %q: %d %v", c.q, n, err)
		}
	}
}

func testUpdateMedia(t *testing.T, st store.Store) {
	u := newUser(t, st, "bientap", auth.Editor)
	m := upload(1, "Ảnh chưa có chú thích")
	_, err := st.AddMedia(ctx, m, uploadAudit(u.ID))
	must(t, err)

	// Caption only: renditions untouched.
	m.Caption, m.Credit = "Lễ khánh thành cầu Bạch Đằng 2", "Châu Tiến"
	m.Renditions = nil
	must(t, st.UpdateMedia(ctx, m, store.AuditEntry{At: at(9, 0, 0), UserID: u.ID, Action: "media.update"}))
	got, err := st.LibraryItem(ctx, m.ID)
	must(t, err)
	if got.Caption != "Lễ khánh thành cầu Bạch Đằng 2" || got.Credit != "Châu Tiến" || len(got.Renditions) != 4 {
		t.Errorf("after caption edit %+v", got)
	}
	if found, _ := st.LibraryMedia(ctx, store.MediaQuery{Text: "bach dang"}); len(found) != 1 {
		t.Error("the new caption is not searchable")
	}
	if found, _ := st.LibraryMedia(ctx, store.MediaQuery{Text: "chua co"}); len(found) != 0 {
		t.Error("the old caption is still found")
	}

	// Focal point with new crops.
	m.FocalX, m.FocalY = 0.9, 0.1
	m.Renditions = append(got.Kind(content.RenditionFull),
		content.Rendition{Kind: content.RenditionWide, Width: 320, Height: 213, Hash: mediaHash("5", 1), Ext: "jpg", Size: 120},
		content.Rendition{Kind: content.RenditionThumb, Width: 240, Height: 240, Hash: mediaHash("6", 1), Ext: "jpg", Size: 95})
	must(t, st.UpdateMedia(ctx, m, store.AuditEntry{At: at(9, 5, 0), UserID: u.ID, Action: "media.focal"}))
	got, err = st.LibraryItem(ctx, m.ID)
	must(t, err)
	if got.FocalX != 0.9 || got.FocalY != 0.1 || len(got.Renditions) != 4 || got.Kind(content.RenditionWide)[0].Hash != mediaHash("5", 1) {
		t.Errorf("after focal move %+v", got)
	}
	// Out-of-range points are kept inside the picture.
	m.FocalX, m.FocalY, m.Renditions = 7, -2, nil
	must(t, st.UpdateMedia(ctx, m, store.AuditEntry{At: at(9, 6, 0), UserID: u.ID, Action: "media.focal"}))
	if got, _ := st.LibraryItem(ctx, m.ID); got.FocalX != 1 || got.FocalY != 0 {
		t.Errorf("clamped focal %v,%v", got.FocalX, got.FocalY)
	}
	entries, _ := st.Audit(ctx, store.AuditQuery{UserID: u.ID})
	var actions []string
	for _, e := range entries {
		actions = append(actions, e.Action)
	}
	if strings.Join(actions, " ") != "media.focal media.focal media.update media.upload" {
		t.Errorf("audit %v", actions)
	}
	if err := st.UpdateMedia(ctx, &content.Media{ID: 999}, store.AuditEntry{Action: "media.update"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing media: %v", err)
	}
	if _, err := st.LibraryItem(ctx, 999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing item: %v", err)
	}
	if entries2, _ := st.Audit(ctx, store.AuditQuery{UserID: u.ID}); len(entries2) != len(entries) {
		t.Error("a failed update was audited")
	}
}

func testRenditionsByHash(t *testing.T, st store.Store) {
	a, b := upload(1, "một"), upload(2, "hai")
	_, err := st.AddMedia(ctx, a, uploadAudit(0))
	must(t, err)
	_, err = st.AddMedia(ctx, b, uploadAudit(0))
	must(t, err)
	// A demo picture stored the old way, renditions set afterwards.
	demo := &content.Media{Hash: mediaHash("8", 3), Ext: "jpg", MIME: "image/jpeg", Width: 1200, Height: 800, CreatedAt: at(6, 0, 0)}
	_, err = st.CreateMedia(ctx, demo)
	must(t, err)
	must(t, st.SetRenditions(ctx, demo.ID, []content.Rendition{{Kind: content.RenditionFull, Width: 480, Height: 320, Hash: mediaHash("9", 3), Ext: "jpg"}}))
	if err := st.SetRenditions(ctx, 999, nil); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("renditions of missing media: %v", err)
	}

	got, err := st.RenditionsByHash(ctx, []string{a.Hash, demo.Hash, mediaHash("0", 0)})
	must(t, err)
	if len(got) != 2 || len(got[a.Hash]) != 4 || len(got[demo.Hash]) != 1 || got[demo.Hash][0].Width != 480 {
		t.Errorf("by hash: %+v", got)
	}
	if _, ok := got[b.Hash]; ok {
		t.Error("a hash not asked for came back")
	}
	// Many hashes at once.
	many := make([]string, 1200)
	for i := range many {
		many[i] = mediaHash("0", i)
	}
	many[1100] = b.Hash
	got, err = st.RenditionsByHash(ctx, many)
	must(t, err)
	if len(got) != 1 || len(got[b.Hash]) != 4 {
		t.Errorf("1200 hashes: %d found", len(got))
	}
	if got, err := st.RenditionsByHash(ctx, nil); err != nil || len(got) != 0 {
		t.Errorf("no hashes: %v %v", got, err)
	}
}
