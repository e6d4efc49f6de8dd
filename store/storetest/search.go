package storetest

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/search"
	"github.com/toasoan/toasoan/store"
)

// RunSearch runs the full-text search suite; open must return a new empty
// store each call. Every backend must pass it unchanged: one meaning of a
// query everywhere.
func RunSearch(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, st store.Store)
	}{
		{"Matching", testSearchMatching},
		{"ExactDiacriticsFirst", testSearchExactFirst},
		{"FieldOrder", testSearchFieldOrder},
		{"RecencyAndDateSort", testSearchRecency},
		{"SameHourExactTimes", testSearchSameHour},
		{"Visibility", testSearchVisibility},
		{"StaffAnyState", testSearchStaff},
		{"Freshness", testSearchFreshness},
		{"Filters", testSearchFilters},
		{"Paging", testSearchPaging},
		{"CountCap", testSearchCountCap},
		{"BadInput", testSearchBadInput},
		{"Highlight", testSearchHighlight},
		{"Suggest", testSearchSuggest},
		{"WordForms", testSearchWordForms},
		{"Reindex", testSearchReindex},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := open(t)
			tc.fn(t, st)
		})
	}
}

// searchNow is the clock of the search suite: after every article below.
var searchNow = at(20, 0, 0)

// doc makes a published article; body is plain text wrapped in a paragraph.
func doc(cat int64, pub time.Time, title, sapo, body string) *content.Article {
	return &content.Article{
		Lang: "vi", Title: title, Slug: "bai-" + fmt.Sprint(pub.Unix()) + "-" + fmt.Sprint(len(title)),
		Sapo: sapo, Body: "<p>" + body + "</p>", Status: content.StatusPublished, CategoryID: cat,
		CreatedAt: pub.Add(-time.Hour), UpdatedAt: pub, PublishedAt: pub,
	}
}

func find(t *testing.T, st store.Store, q store.SearchQuery) store.SearchResult {
	t.Helper()
	if q.Now.IsZero() {
		q.Now = searchNow
	}
	res, err := st.Search(ctx, q)
	if err != nil {
		t.Fatalf("search %q: %v", q.Query.Text, err)
	}
	return res
}

func query(text string) store.SearchQuery {
	return store.SearchQuery{Query: search.Parse(text), Limit: 50}
}

func hitIDs(hs []store.SearchHit) []int64 {
	out := make([]int64, len(hs))
	for i, h := range hs {
		out[i] = h.ID
	}
	return out
}

func testSearchMatching(t *testing.T, st store.Store) {
	f := setup(t, st)
	seed := doc(f.sub1.ID, at(8, 33, 25), "Hiệu quả từ công tác luân chuyển cán bộ",
		"Qua 4 năm thực hiện, Thành ủy Thủ Dầu Một đã luân chuyển 7 lượt cán bộ.", "Công tác tạo nguồn, quy hoạch.")
	hoa := doc(f.other.ID, at(9, 0, 0), "Thủy điện Hòa Bình xả lũ", "Quý khách lưu ý.", "Nước lên nhanh.")
	hoaNew := doc(f.other.ID, at(9, 30, 0), "Khoẻ đẹp cùng mùa thuỷ sản hoà bình", "Sapo", "Thân bài")
	duong := doc(f.other.ID, at(10, 0, 0), "Đường Đồng Khởi thông xe", "Sapo đường", "Thân bài")
	scattered := doc(f.other.ID, at(10, 30, 0), "Một người thợ thủ công", "Dầu ăn tăng giá", "Không có cụm từ")
	phrase := doc(f.sub1.ID, at(11, 0, 0), "TP. Thủ Dầu Một mở rộng đường", "Sapo", "Thân bài")
	hyphen := doc(f.sub1.ID, at(11, 30, 0), "Phố-phường rộn ràng", "Sapo", "Thân bài")
	must(t, st.CreateArticles(ctx, []*content.Article{seed, hoa, hoaNew, duong, scattered, phrase, hyphen}))

	nfd := "lua\u0302n chuye\u0302\u0309n ca\u0301n bo\u0323"
	cases := []struct {
		q    string
		want []int64 // in any order
	}{
		{"luân chuyển cán bộ", []int64{seed.ID}},
		{"luan chuyen can bo", []int64{seed.ID}},
		{"LUÂN CHUYỂN CÁN BỘ", []int64{seed.ID}},
		{"Luan Chuyen CAN bo", []int64{seed.ID}},
		{nfd, []int64{seed.ID}},
		// Tone placement, either side.
		{"hoà bình", []int64{hoa.ID, hoaNew.ID}},
		{"hòa bình", []int64{hoa.ID, hoaNew.ID}},
		{"thuỷ", []int64{hoa.ID, hoaNew.ID}},
		{"thủy", []int64{hoa.ID, hoaNew.ID}},
		{"qúy khách", []int64{hoa.ID}},
		{"khỏe", []int64{hoaNew.ID}},
		// đ folds to d.
		{"duong dong khoi", []int64{duong.ID}},
		{"ĐƯỜNG", []int64{duong.ID, phrase.ID}},
		// Words anywhere vs a quoted phrase.
		{"thủ dầu một", []int64{seed.ID, scattered.ID, phrase.ID}},
		{`"thủ dầu một"`, []int64{seed.ID, phrase.ID}},
		{`"thu dau mot"`, []int64{seed.ID, phrase.ID}},
		{`“Thủ Dầu Một”`, []int64{seed.ID, phrase.ID}},
		{`"dầu một thủ"`, nil},
		// Exclusions, folded or exact.
		{`"thủ dầu một" -đường`, []int64{seed.ID}},
		{`thủ dầu một -"luân chuyển"`, []int64{scattered.ID, phrase.ID}},
		{`hoà -thuỷ`, nil},
		{`hoà bình -nước`, []int64{hoaNew.ID}}, // matched in the headline, excluded by the body
		{`bình -"thủy điện"`, []int64{hoaNew.ID}},
		// Punctuation inside a token makes a phrase.
		{"phố-phường", []int64{hyphen.ID}},
		{"pho phuong", []int64{hyphen.ID}},
		{"tp.thu", []int64{phrase.ID}},
		{"xyzzy", nil},
	}
	for _, c := range cases {
		res := find(t, st, query(c.q))
		got := hitIDs(res.Hits)
		slices.Sort(got)
		want := slices.Clone(c.want)
		slices.Sort(want)
		if !equalIDs(got, want) || res.Total != len(want) {
			t.Errorf("%q: got %v (total %d), want %v", c.q, got, res.Total, want)
		}
	}
}

func testSearchExactFirst(t *testing.T, st store.Store) {
	f := setup(t, st)
	// The newest first, so that only exactness can put bàn on top.
	ban := doc(f.other.ID, at(8, 0, 0), "Ban tổ chức họp báo", "Sapo", "Thân bài")
	ban2 := doc(f.other.ID, at(9, 0, 0), "Bán đấu giá đất", "Sapo", "Thân bài")
	banExact := doc(f.other.ID, at(7, 0, 0), "Bàn giải pháp giảm ùn tắc", "Sapo", "Thân bài")
	bodyExact := doc(f.other.ID, at(6, 0, 0), "Họp thường kỳ", "Sapo", "Các đại biểu thảo luận quanh bàn tròn.")
	bodyFolded := doc(f.other.ID, at(10, 0, 0), "Chợ phiên", "Sapo", "Người dân mua bán tấp nập.")
	must(t, st.CreateArticles(ctx, []*content.Article{ban, ban2, banExact, bodyExact, bodyFolded}))

	res := find(t, st, query("bàn"))
	// Exact: title, then body; then folded: title newest first, then body.
	want := []int64{banExact.ID, bodyExact.ID, ban2.ID, ban.ID, bodyFolded.ID}
	if got := hitIDs(res.Hits); !equalIDs(got, want) {
		t.Errorf("bàn: got %v, want %v", got, want)
	}
	for i := 1; i < len(res.Hits); i++ {
		if res.Hits[i].Score > res.Hits[i-1].Score {
			t.Errorf("scores not decreasing: %v", res.Hits)
		}
	}
	// The other tone placement of the query is the same spelling.
	must(t, st.CreateArticles(ctx, []*content.Article{
		doc(f.other.ID, at(11, 0, 0), "Hòa giải ở cơ sở", "Sapo", "Thân bài"),
		doc(f.other.ID, at(10, 0, 0), "Hoà nhạc mùa thu", "Sapo", "Thân bài"),
		doc(f.other.ID, at(12, 0, 0), "Hoa nở rộ", "Sapo", "Thân bài"),
	}))
	res = find(t, st, query("hoà"))
	if len(res.Hits) != 3 || res.Hits[0].Title[0].Text != "Hòa" || res.Hits[1].Title[0].Text != "Hoà" {
		t.Errorf("hoà: got %v", titles(res.Hits))
	}
	// Typed without any diacritics, no spelling is preferred: newest first.
	res = find(t, st, query("hoa"))
	if got := titles(res.Hits); len(got) != 3 || got[0] != "Hoa nở rộ" || got[1] != "Hòa giải ở cơ sở" {
		t.Errorf("hoa: got %v", got)
	}
	// With one accented word the reader typed with a Vietnamese keyboard:
	// "ban" then means ban.
	res = find(t, st, query("ban tổ chức"))
	if got := titles(res.Hits); len(got) == 0 || got[0] != "Ban tổ chức họp báo" {
		t.Errorf("ban tổ chức: got %v", got)
	}
}

func titles(hs []store.SearchHit) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.Teaser.Title
	}
	return out
}

func testSearchFieldOrder(t *testing.T, st store.Store) {
	f := setup(t, st)
	// Newest in the body, oldest in the title: field beats recency.
	inBody := doc(f.other.ID, at(12, 0, 0), "Tin chiều", "Sapo", "Hai bên ký kết hợp tác toàn diện.")
	inSapo := doc(f.other.ID, at(11, 0, 0), "Tin trưa", "Mở rộng hợp tác với Nhật Bản.", "Thân bài")
	inTitle := doc(f.other.ID, at(10, 0, 0), "Hợp tác phát triển", "Sapo", "Thân bài")
	both := doc(f.other.ID, at(9, 0, 0), "Hợp tác đầu tư", "Hợp tác nhiều mặt", "Thân bài")
	must(t, st.CreateArticles(ctx, []*content.Article{inBody, inSapo, inTitle, both}))
	for _, q := range []string{"hợp tác", "hop tac"} {
		res := find(t, st, query(q))
		want := []int64{inTitle.ID, both.ID, inSapo.ID, inBody.ID}
		if got := hitIDs(res.Hits); !equalIDs(got, want) {
			t.Errorf("%q: got %v, want title (newest first), sapo, body %v", q, got, want)
		}
	}
	// Several words: all in the title (as the typed phrase first), then all
	// in title or sapo, then the rest newest first.
	phrase := doc(f.other.ID, at(8, 0, 0), "Đổi mới công tác cán bộ", "Sapo", "Thân bài")
	apart := doc(f.other.ID, at(13, 0, 0), "Cán bộ trẻ và công tác dân vận", "Sapo", "Thân bài")
	half := doc(f.other.ID, at(14, 0, 0), "Cán bộ trẻ", "Công tác dân vận", "Thân bài")
	one := doc(f.other.ID, at(15, 0, 0), "Cán bộ mới", "Sapo", "Làm công tác dân vận.")
	none := doc(f.other.ID, at(16, 0, 0), "Tin tối", "Sapo", "Công tác cán bộ.")
	must(t, st.CreateArticles(ctx, []*content.Article{phrase, apart, half, one, none}))
	res := find(t, st, query("công tác cán bộ"))
	want := []int64{phrase.ID, apart.ID, half.ID, none.ID, one.ID}
	if got := hitIDs(res.Hits); !equalIDs(got, want) {
		t.Errorf("công tác cán bộ: got %v, want %v", titles(res.Hits), want)
	}
}

func testSearchRecency(t *testing.T, st store.Store) {
	f := setup(t, st)
	old := doc(f.other.ID, at(8, 0, 0).AddDate(0, -6, 0), "Giải bóng đá thiếu niên", "Sapo", "Thân bài")
	mid := doc(f.other.ID, at(8, 0, 0).AddDate(0, 0, -3), "Bóng đá phong trào", "Sapo", "Thân bài")
	newer := doc(f.other.ID, at(8, 0, 0), "Đội bóng đá nữ", "Sapo", "Thân bài")
	bodyNewest := doc(f.other.ID, at(9, 0, 0), "Thể thao", "Sapo", "Trận bóng đá chiều nay.")
	must(t, st.CreateArticles(ctx, []*content.Article{old, newer, mid, bodyNewest}))
	res := find(t, st, query("bóng đá"))
	if got, want := hitIDs(res.Hits), []int64{newer.ID, mid.ID, old.ID, bodyNewest.ID}; !equalIDs(got, want) {
		t.Errorf("relevance: got %v, want %v", got, want)
	}
	q := query("bong da")
	q.SortByDate = true
	res = find(t, st, q)
	if got, want := hitIDs(res.Hits), []int64{bodyNewest.ID, newer.ID, mid.ID, old.ID}; !equalIDs(got, want) {
		t.Errorf("by date: got %v, want %v", got, want)
	}
}

// testSearchSameHour checks that the exact publish time orders articles
// close in time, whatever their ids, when a page ends among them.
func testSearchSameHour(t *testing.T, st store.Store) {
	f := setup(t, st)
	var arts []*content.Article
	for i := 0; i < 7; i++ {
		// Created in reverse time order: ids run against time.
		arts = append(arts, doc(f.other.ID, at(17, 50-i*5, 0), fmt.Sprintf("Kinh tế số %d", i), "Sapo", "Thân bài"))
	}
	must(t, st.CreateArticles(ctx, arts))
	for _, byDate := range []bool{false, true} {
		var got []int64
		for off := 0; off < 7; off += 3 {
			q := query("kinh tế")
			q.SortByDate, q.Limit, q.Offset = byDate, 3, off
			res := find(t, st, q)
			if res.Total != 7 {
				t.Errorf("total %d, want 7", res.Total)
			}
			got = append(got, hitIDs(res.Hits)...)
		}
		want := articleIDs(arts)
		if !equalIDs(got, want) {
			t.Errorf("byDate=%v: pages give %v, want %v (newest first)", byDate, got, want)
		}
	}
}

func articleIDs(arts []*content.Article) []int64 {
	var out []int64
	for _, a := range arts {
		out = append(out, a.ID)
	}
	return out
}

func testSearchVisibility(t *testing.T, st store.Store) {
	f := setup(t, st)
	pub := doc(f.other.ID, at(8, 0, 0), "Lễ hội trái cây", "Sapo", "Thân bài")
	draft := doc(f.other.ID, at(9, 0, 0), "Lễ hội bản nháp", "Sapo", "Thân bài")
	draft.Status, draft.PublishedAt = content.StatusDraft, time.Time{}
	gone := doc(f.other.ID, at(9, 30, 0), "Lễ hội đã gỡ", "Sapo", "Thân bài")
	gone.Status = content.StatusUnpublished
	later := doc(f.other.ID, at(21, 0, 0), "Lễ hội tối nay", "Sapo", "Thân bài") // after searchNow, same day
	tomorrow := doc(f.other.ID, at(8, 0, 0).AddDate(0, 0, 1), "Lễ hội ngày mai", "Sapo", "Thân bài")
	sched := doc(f.other.ID, at(10, 0, 0), "Lễ hội hẹn giờ", "Sapo", "Thân bài")
	sched.Status = content.StatusScheduled
	must(t, st.CreateArticles(ctx, []*content.Article{pub, draft, gone, later, tomorrow, sched}))
	res := find(t, st, query("lễ hội"))
	if got := hitIDs(res.Hits); !equalIDs(got, []int64{pub.ID}) || res.Total != 1 {
		t.Errorf("readers see %v (total %d), want only %d", got, res.Total, pub.ID)
	}
	sg, err := st.Suggest(ctx, store.SuggestQuery{Text: "lễ h", Now: searchNow})
	must(t, err)
	if len(sg) != 1 || sg[0].ID != pub.ID {
		t.Errorf("suggestions %v, want only the published one", sg)
	}
	// Once its time has come, the scheduled-for-tonight article is found.
	q := query("lễ hội")
	q.Now = at(22, 0, 0)
	if res := find(t, st, q); res.Total != 2 {
		t.Errorf("at 22:00: total %d, want 2", res.Total)
	}
}

func testSearchStaff(t *testing.T, st store.Store) {
	f := setup(t, st)
	pub := doc(f.other.ID, at(8, 0, 0), "Ngân sách tỉnh", "Sapo", "Thân bài")
	draft := doc(f.other.ID, at(9, 0, 0), "Ngân sách xã (nháp)", "Sapo", "Thân bài")
	draft.Status, draft.PublishedAt = content.StatusDraft, time.Time{}
	sub := doc(f.other.ID, at(9, 30, 0), "Ngân sách huyện", "Sapo", "Thân bài")
	sub.Status, sub.PublishedAt = content.StatusSubmitted, time.Time{}
	gone := doc(f.other.ID, at(7, 0, 0), "Ngân sách đã gỡ", "Sapo", "Thân bài")
	gone.Status = content.StatusUnpublished
	future := doc(f.other.ID, at(8, 0, 0).AddDate(0, 0, 2), "Ngân sách năm sau", "Sapo", "Thân bài")
	must(t, st.CreateArticles(ctx, []*content.Article{pub, draft, sub, gone, future}))

	q := query("ngan sach")
	q.AnyState = true
	res := find(t, st, q)
	got := hitIDs(res.Hits)
	slices.Sort(got)
	want := []int64{pub.ID, draft.ID, sub.ID, gone.ID, future.ID}
	slices.Sort(want)
	if !equalIDs(got, want) || res.Total != 5 {
		t.Errorf("any state: got %v (total %d), want %v", got, res.Total, want)
	}
	for _, h := range res.Hits {
		if h.ID == draft.ID && h.Status != content.StatusDraft {
			t.Errorf("draft hit has status %q", h.Status)
		}
	}
	q.AnyState = false
	q.Statuses = []content.Status{content.StatusDraft, content.StatusSubmitted}
	res = find(t, st, q)
	got = hitIDs(res.Hits)
	slices.Sort(got)
	want = []int64{draft.ID, sub.ID}
	slices.Sort(want)
	if !equalIDs(got, want) {
		t.Errorf("drafts and submitted: got %v, want %v", got, want)
	}
	q.Statuses = []content.Status{"khong-co\x00\""}
	if res := find(t, st, q); res.Total != 0 {
		t.Errorf("unknown state: %d found", res.Total)
	}
	// A draft's date is its last update: date sort and range use it.
	q.Statuses = nil
	q.AnyState, q.SortByDate = true, true
	q.From, q.To = at(9, 0, 0), at(10, 0, 0)
	res = find(t, st, q)
	if got := hitIDs(res.Hits); !equalIDs(got, []int64{sub.ID, draft.ID}) {
		t.Errorf("staff, 9:00-10:00 by date: got %v, want [%d %d]", got, sub.ID, draft.ID)
	}
}

func testSearchFreshness(t *testing.T, st store.Store) {
	f := setup(t, st)
	a := doc(f.other.ID, at(8, 0, 0), "Khánh thành cầu mới", "Sapo", "Thân bài")
	a.Status, a.PublishedAt = content.StatusDraft, time.Time{}
	must(t, st.CreateArticles(ctx, []*content.Article{a}))
	count := func(q string) int { return find(t, st, query(q)).Total }
	if n := count("khánh thành"); n != 0 {
		t.Fatalf("draft found by readers: %d", n)
	}
	// Publish.
	a.Status, a.PublishedAt = content.StatusPublished, at(9, 0, 0)
	must(t, st.UpdateArticle(ctx, a))
	if n := count("khánh thành"); n != 1 {
		t.Errorf("published article found %d times", n)
	}
	// Edit: the old words go, the new ones come, the headline's spellings follow.
	a.Title = "Thông xe cầu vượt"
	must(t, st.UpdateArticle(ctx, a))
	if n := count("khánh thành"); n != 0 {
		t.Errorf("old title still found")
	}
	if n := count("thông xe"); n != 1 {
		t.Errorf("new title found %d times", n)
	}
	forms, err := st.WordForms(ctx, []string{"khanh", "thong"})
	must(t, err)
	if len(forms["khanh"]) != 0 || len(forms["thong"]) != 1 || forms["thong"][0].Word != "thông" {
		t.Errorf("word forms after edit: %v", forms)
	}
	// Moved to another section, re-dated.
	a.CategoryID, a.PublishedAt = f.sub2.ID, at(10, 0, 0)
	must(t, st.UpdateArticle(ctx, a))
	q := query("thông xe")
	q.SectionID = f.top.ID
	if n := find(t, st, q).Total; n != 1 {
		t.Errorf("after move, in new section: %d", n)
	}
	q.SectionID = f.other.ID
	if n := find(t, st, q).Total; n != 0 {
		t.Errorf("after move, in old section: %d", n)
	}
	// Unpublish.
	a.Status = content.StatusUnpublished
	must(t, st.UpdateArticle(ctx, a))
	if n := count("thông xe"); n != 0 {
		t.Errorf("unpublished article still found")
	}
	if sg, _ := st.Suggest(ctx, store.SuggestQuery{Text: "thông x", Now: searchNow}); len(sg) != 0 {
		t.Errorf("unpublished article still suggested: %v", sg)
	}
}

func testSearchFilters(t *testing.T, st store.Store) {
	f := setup(t, st)
	day := func(d int) time.Time { return at(8, 0, 0).AddDate(0, 0, -d) }
	inSub1 := doc(f.sub1.ID, day(1), "Nông thôn mới Thuận An", "Sapo", "Thân bài")
	inSub2 := doc(f.sub2.ID, day(2), "Nông thôn mới Bến Cát", "Sapo", "Thân bài")
	inTop := doc(f.top.ID, day(3), "Nông thôn mới toàn vùng", "Sapo", "Thân bài")
	inOther := doc(f.other.ID, day(4), "Nông thôn mới và thể thao", "Sapo", "Thân bài")
	late := doc(f.other.ID, at(19, 0, 0).AddDate(0, 0, -5), "Nông thôn mới buổi tối", "Sapo", "Thân bài")
	must(t, st.CreateArticles(ctx, []*content.Article{inSub1, inSub2, inTop, inOther, late}))
	cases := []struct {
		name     string
		section  int64
		from, to time.Time
		want     []int64 // newest first
	}{
		{"all", 0, time.Time{}, time.Time{}, []int64{inSub1.ID, inSub2.ID, inTop.ID, inOther.ID, late.ID}},
		{"top section with subs", f.top.ID, time.Time{}, time.Time{}, []int64{inSub1.ID, inSub2.ID, inTop.ID}},
		{"one sub-section", f.sub2.ID, time.Time{}, time.Time{}, []int64{inSub2.ID}},
		{"other section", f.other.ID, time.Time{}, time.Time{}, []int64{inOther.ID, late.ID}},
		{"no such section", 99999, time.Time{}, time.Time{}, nil},
		{"from", 0, day(2), time.Time{}, []int64{inSub1.ID, inSub2.ID}},
		{"to", 0, time.Time{}, day(3), []int64{inTop.ID, inOther.ID, late.ID}},
		{"range", 0, day(3), day(2), []int64{inSub2.ID, inTop.ID}},
		// Within one day the exact time counts.
		{"to the minute", 0, time.Time{}, at(12, 0, 0).AddDate(0, 0, -5), nil},
		{"from the minute", 0, at(18, 0, 0).AddDate(0, 0, -5), at(20, 0, 0).AddDate(0, 0, -5), []int64{late.ID}},
		{"section and range", f.top.ID, day(2), day(1), []int64{inSub1.ID, inSub2.ID}},
	}
	for _, c := range cases {
		q := query("nong thon moi")
		q.SectionID, q.From, q.To, q.SortByDate = c.section, c.from, c.to, true
		res := find(t, st, q)
		if got := hitIDs(res.Hits); !equalIDs(got, c.want) || res.Total != len(c.want) {
			t.Errorf("%s: got %v (total %d), want %v", c.name, got, res.Total, c.want)
		}
	}
}

func testSearchPaging(t *testing.T, st store.Store) {
	f := setup(t, st)
	var arts []*content.Article
	for i := 0; i < 45; i++ {
		title := fmt.Sprintf("Du lịch biển số %d", i)
		sapo, body := "Sapo", "Thân bài"
		switch i % 3 {
		case 1:
			title, sapo = fmt.Sprintf("Tin số %d", i), "Mùa du lịch biển đã đến."
		case 2:
			title, body = fmt.Sprintf("Tin số %d", i), "Khách du lịch biển đông."
		}
		arts = append(arts, doc(f.other.ID, at(8, 0, 0).Add(-time.Duration(i)*time.Hour), title, sapo, body))
	}
	must(t, st.CreateArticles(ctx, arts))
	all := find(t, st, store.SearchQuery{Query: search.Parse("du lịch biển"), Limit: 100})
	if all.Total != 45 || len(all.Hits) != 45 {
		t.Fatalf("total %d, hits %d, want 45", all.Total, len(all.Hits))
	}
	var paged []int64
	for off := 0; off < 50; off += 20 {
		res := find(t, st, store.SearchQuery{Query: search.Parse("du lịch biển"), Limit: 20, Offset: off})
		if res.Total != 45 {
			t.Errorf("offset %d: total %d", off, res.Total)
		}
		paged = append(paged, hitIDs(res.Hits)...)
	}
	if !equalIDs(paged, hitIDs(all.Hits)) {
		t.Errorf("pages differ from one long page:\n%v\n%v", paged, hitIDs(all.Hits))
	}
	for i, h := range all.Hits {
		if i > 0 && h.Tier < all.Hits[i-1].Tier {
			t.Errorf("tier %d after tier %d", h.Tier, all.Hits[i-1].Tier)
		}
	}
	if res := find(t, st, store.SearchQuery{Query: search.Parse("du lịch biển"), Limit: 20, Offset: 60}); len(res.Hits) != 0 || res.Total != 45 {
		t.Errorf("past the end: %d hits, total %d", len(res.Hits), res.Total)
	}
}

// testSearchCountCap: past store.MaxSearchCount the total is a floor, and
// pages reach store.MaxSearchWindow results.
func testSearchCountCap(t *testing.T, st store.Store) {
	f := setup(t, st)
	n := store.MaxSearchCount + 7
	arts := make([]*content.Article, n)
	for i := range arts {
		arts[i] = doc(f.other.ID, at(8, 0, 0).Add(-time.Duration(i)*time.Minute), fmt.Sprintf("Tin vắn %d", i), "Sapo", "Thân bài")
	}
	must(t, st.CreateArticles(ctx, arts))
	q := query("tin vắn")
	res := find(t, st, q)
	if res.Total != store.MaxSearchCount || !res.Capped {
		t.Errorf("total %d capped %v, want %d and capped", res.Total, res.Capped, store.MaxSearchCount)
	}
	q.Offset, q.Limit = store.MaxSearchWindow-20, 20
	if res := find(t, st, q); len(res.Hits) != 20 || res.Hits[19].ID != arts[store.MaxSearchWindow-1].ID {
		t.Errorf("last reachable page: %d hits", len(res.Hits))
	}
	q.Offset = store.MaxSearchWindow
	if res := find(t, st, q); len(res.Hits) != 0 {
		t.Errorf("past the window: %d hits", len(res.Hits))
	}
	q = query("tin vắn 5")
	if res := find(t, st, q); res.Capped || res.Total == 0 {
		t.Errorf("a narrower query: total %d capped %v", res.Total, res.Capped)
	}
}

func testSearchBadInput(t *testing.T, st store.Store) {
	f := setup(t, st)
	must(t, st.CreateArticles(ctx, []*content.Article{doc(f.other.ID, at(8, 0, 0), "Tin thường ngày AND OR NOT", "Sapo", "Thân bài")}))
	for _, raw := range []string{
		"", "   ", "-", "--", `""`, `"`, "-tin", `-"tin thường"`, "* ^ : ( ) {}",
		strings.Repeat("tin ", 500), strings.Repeat(`"tin" `, 100),
		`tin" OR "1"="1`, "'; DROP TABLE articles; --", `{t}: tin*`, "NEAR(tin thường, 2)", `tin AND`, `OR`, `NOT tin`,
		"tin\xff\xfe", "\x00tin\x01", `"tin thường`, "tin -",
	} {
		q := store.SearchQuery{Query: search.Parse(raw), Limit: 20, Now: searchNow}
		res, err := st.Search(ctx, q)
		if err != nil {
			t.Errorf("%q: %v", raw, err)
			continue
		}
		if q.Query.Empty() && (res.Total != 0 || len(res.Hits) != 0) {
			t.Errorf("%q (nothing asked): %d hits", raw, res.Total)
		}
		if _, err := st.Suggest(ctx, store.SuggestQuery{Text: raw, Now: searchNow}); err != nil {
			t.Errorf("suggest %q: %v", raw, err)
		}
	}
	// Operator names are words like any other.
	if res := find(t, st, query("AND OR NOT")); res.Total != 1 {
		t.Errorf("AND OR NOT: total %d", res.Total)
	}
	if _, err := st.WordForms(ctx, []string{`"`, "", "*"}); err != nil {
		t.Errorf("word forms of junk: %v", err)
	}
}

func testSearchHighlight(t *testing.T, st store.Store) {
	f := setup(t, st)
	a := doc(f.other.ID, at(8, 0, 0), "Hiệu quả từ công tác luân chuyển cán bộ",
		"Tin địa phương.", "Mở đầu. "+strings.Repeat("Chữ lấp chỗ. ", 40)+"Ông Thạnh nói về luân chuyển cán bộ ở cơ sở. "+strings.Repeat("Đoạn sau. ", 40))
	must(t, st.CreateArticles(ctx, []*content.Article{a}))
	res := find(t, st, query("luan chuyen"))
	if len(res.Hits) != 1 {
		t.Fatalf("%d hits", len(res.Hits))
	}
	h := res.Hits[0]
	var marked []string
	for _, p := range h.Title {
		if p.Hit {
			marked = append(marked, p.Text)
		}
	}
	if !equalStrings(marked, []string{"luân chuyển"}) || search.PiecesText(h.Title) != a.Title {
		t.Errorf("title pieces %+v", h.Title)
	}
	snip := search.PiecesText(h.Snippet)
	if !strings.Contains(snip, "Ông Thạnh nói về luân chuyển cán bộ") || !strings.HasPrefix(snip, "…") || !strings.HasSuffix(snip, "…") {
		t.Errorf("snippet %q: want the body passage around the match", snip)
	}
	hit := false
	for _, p := range h.Snippet {
		hit = hit || (p.Hit && p.Text == "luân chuyển")
	}
	if !hit {
		t.Errorf("snippet pieces %+v: match not marked on the accented text", h.Snippet)
	}
}

func equalStrings(a, b []string) bool { return slices.Equal(a, b) }

func testSearchSuggest(t *testing.T, st store.Store) {
	f := setup(t, st)
	older := doc(f.other.ID, at(8, 0, 0), "Luận văn thạc sĩ", "Sapo", "Thân bài")
	seed := doc(f.other.ID, at(9, 0, 0), "Hiệu quả từ công tác luân chuyển cán bộ", "Sapo", "Thân bài")
	other := doc(f.other.ID, at(10, 0, 0), "Lương hưu tăng", "Sapo", "Luân chuyển trong thân bài không được gợi ý")
	must(t, st.CreateArticles(ctx, []*content.Article{older, seed, other}))
	cases := []struct {
		text string
		want []int64
	}{
		{"luân ch", []int64{seed.ID}},
		{"luan chuyen", []int64{seed.ID}},
		{"LUÂN", []int64{seed.ID, older.ID}},         // exact spelling first
		{"luận", []int64{older.ID, seed.ID}},         // exact spelling first
		{"lu", []int64{other.ID, seed.ID, older.ID}}, // prefix, newest first
		{"lu ", nil}, // a whole word "lu"
		{"cong tac luan chuyen can b", []int64{seed.ID}},
		{"xyz", nil},
	}
	for _, c := range cases {
		sg, err := st.Suggest(ctx, store.SuggestQuery{Text: c.text, Now: searchNow})
		must(t, err)
		var got []int64
		for _, s := range sg {
			got = append(got, s.ID)
			if s.Title == "" || !strings.HasSuffix(s.Path, fmt.Sprintf("-%d.html", s.ID)) {
				t.Errorf("%q: suggestion %+v", c.text, s)
			}
		}
		if !equalIDs(got, c.want) {
			t.Errorf("%q: got %v, want %v", c.text, got, c.want)
		}
	}
	sg, err := st.Suggest(ctx, store.SuggestQuery{Text: "t", Now: searchNow, Limit: 2})
	must(t, err)
	if len(sg) > 2 {
		t.Errorf("limit 2: %d suggestions", len(sg))
	}
}

func testSearchWordForms(t *testing.T, st store.Store) {
	f := setup(t, st)
	must(t, st.CreateArticles(ctx, []*content.Article{
		doc(f.other.ID, at(8, 0, 0), "Luân chuyển cán bộ", "Sapo", "Thân bài"),
		doc(f.other.ID, at(9, 0, 0), "Luân chuyển, luân chuyển nữa", "Sapo", "Thân bài"),
		doc(f.other.ID, at(10, 0, 0), "Luận văn", "Sapo", "Thân bài"),
		doc(f.other.ID, at(11, 0, 0), "Hòa bình và hoà hợp", "Sapo", "Thân bài"),
	}))
	forms, err := st.WordForms(ctx, []string{"luan", "hoa", "khong"})
	must(t, err)
	want := search.Forms{
		"luan": {{Word: "luân", Docs: 2}, {Word: "luận", Docs: 1}},
		"hoa":  {{Word: "hoà", Docs: 1}}, // one headline, two tone placements, one spelling
	}
	if fmt.Sprint(forms) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", forms, want)
	}
	q := search.Parse("luan chuyen cán bo")
	sg, ok, err := q.Suggest(func(folds []string) (search.Forms, error) { return st.WordForms(ctx, folds) })
	must(t, err)
	if !ok || sg.Text != "luân chuyển cán bộ" {
		t.Errorf("suggestion %q %v, want luân chuyển cán bộ", sg.Text, ok)
	}
}

func testSearchReindex(t *testing.T, st store.Store) {
	f := setup(t, st)
	var arts []*content.Article
	for i := 0; i < 30; i++ {
		arts = append(arts, doc(f.other.ID, at(8, 0, 0).Add(time.Duration(i)*time.Minute), fmt.Sprintf("Bản tin số %d", i), "Sapo", "Thân bài có từ khoá"))
	}
	must(t, st.CreateArticles(ctx, arts))
	before := find(t, st, query("bản tin"))
	var calls, last, total int
	must(t, st.Reindex(ctx, func(done, n int) { calls, last, total = calls+1, done, n }))
	if calls == 0 || last != 30 || total != 30 {
		t.Errorf("progress: %d calls, last %d/%d", calls, last, total)
	}
	after := find(t, st, query("bản tin"))
	if after.Total != 30 || !equalIDs(hitIDs(after.Hits), hitIDs(before.Hits)) {
		t.Errorf("after reindex: %v, before %v", hitIDs(after.Hits), hitIDs(before.Hits))
	}
	// Twice is the same as once.
	must(t, st.Reindex(ctx, nil))
	if n := find(t, st, query("khoá")).Total; n != 30 {
		t.Errorf("after second reindex: %d", n)
	}
	forms, err := st.WordForms(ctx, []string{"ban"})
	must(t, err)
	if len(forms["ban"]) != 1 || forms["ban"][0].Docs != 30 {
		t.Errorf("word counts after reindex: %v", forms)
	}
}
