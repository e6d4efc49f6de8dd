package site

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	xhtml "golang.org/x/net/html"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
)

// searchFixture adds to the reader fixture the articles the search rules
// are tested on, all published before the fixture's clock.
type searchFixture struct {
	*fixture
	a map[string]*content.Article
}

func newSearchFixture(t *testing.T) *searchFixture {
	t.Helper()
	f := &searchFixture{fixture: newFixture(t), a: map[string]*content.Article{}}
	day := vn(2022, 5, 19, 8, 0, 0)
	add := func(key, title, sapo, body string, cat content.Category, pub time.Time) {
		f.a[key] = &content.Article{Lang: "vi", Title: title, Slug: "tim-" + key, Sapo: sapo, Body: "<p>" + body + "</p>",
			Status: content.StatusPublished, CategoryID: cat.ID, CreatedAt: pub.Add(-time.Hour), UpdatedAt: pub, PublishedAt: pub}
	}
	// Exactness: the newest first, so that only exact diacritics lift bàn.
	add("ban-title", "Ban tổ chức họp báo", "Sapo", "Thân bài", f.sport, day.Add(4*time.Hour))
	add("ban-sell", "Bán đấu giá đất công", "Sapo", "Thân bài", f.sport, day.Add(3*time.Hour))
	add("ban-exact", "Bàn giải pháp giảm ùn tắc", "Sapo", "Thân bài", f.sport, day.Add(time.Hour))
	add("ban-body", "Họp thường kỳ", "Sapo", "Đại biểu ngồi quanh bàn tròn.", f.sport, day)
	// Fields: the newest in the body, the oldest in the title.
	add("field-body", "Tin chiều", "Sapo", "Hai bên ký kết hợp tác toàn diện.", f.sport, day.Add(6*time.Hour))
	add("field-sapo", "Tin trưa", "Mở rộng hợp tác với Hàn Quốc.", "Thân bài", f.sport, day.Add(5*time.Hour))
	add("field-title", "Hợp tác phát triển vùng", "Sapo", "Thân bài", f.sport, day.Add(-time.Hour))
	// Tone placement, written both ways.
	add("hoa-old", "Thủy điện Hòa Bình xả lũ", "Quý khách lưu ý mực nước.", "Nước lên.", f.sport, day.Add(-2*time.Hour))
	add("hoa-new", "Khoẻ đẹp mùa thuỷ sản hoà bình", "Sapo", "Thân bài", f.sport, day.Add(-3*time.Hour))
	// Recency among equals.
	add("rec-old", "Giải việt dã truyền thống", "Sapo", "Thân bài", f.sport, day.AddDate(0, -3, 0))
	add("rec-new", "Việt dã mùa xuân", "Sapo", "Thân bài", f.sport, day.AddDate(0, 0, -1))
	var all []*content.Article
	for _, a := range f.a {
		all = append(all, a)
	}
	if err := f.st.CreateArticles(ctx, all); err != nil {
		t.Fatal(err)
	}
	return f
}

// hitPaths returns the article paths of a results page, in order.
func hitPaths(body string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<li class="search-hit">\s*<h2 class="teaser-title"><a href="([^"]+)"`).FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

func searchURL(q string, extra ...string) string {
	v := url.Values{"q": {q}}
	for i := 0; i+1 < len(extra); i += 2 {
		v.Set(extra[i], extra[i+1])
	}
	return "/tim-kiem?" + v.Encode()
}

func (f *searchFixture) paths(keys ...string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		switch k {
		case "seed":
			out[i] = f.seed.Path()
		default:
			out[i] = f.a[k].Path()
		}
	}
	return out
}

func (f *searchFixture) search(t *testing.T, target string) resp {
	t.Helper()
	r := f.get(t, "GET", target)
	if r.status != 200 {
		t.Fatalf("%s: status %d", target, r.status)
	}
	return r
}

// TestSearchMatching runs every matching rule through the page: the seed
// headline is found however the reader writes it.
func TestSearchMatching(t *testing.T) {
	f := newSearchFixture(t)
	nfd := "lua\u0302n chuye\u0302\u0309n ca\u0301n bo\u0323"
	cases := []struct {
		name, q string
		want    []string // exactly these, in this order
	}{
		{"accented", "luân chuyển cán bộ", f.paths("seed")},
		{"unaccented", "luan chuyen can bo", f.paths("seed")},
		{"upper case", "LUÂN CHUYỂN CÁN BỘ", f.paths("seed")},
		{"NFD from a Mac", nfd, f.paths("seed")},
		{"tone placement hoà", "hoà bình", f.paths("hoa-old", "hoa-new")},
		{"tone placement hòa", "hòa bình", f.paths("hoa-old", "hoa-new")},
		{"tone placement thuỷ", "thuỷ", f.paths("hoa-old", "hoa-new")},
		{"tone placement thủy", "thủy", f.paths("hoa-old", "hoa-new")},
		{"tone placement qúy", "qúy khách", f.paths("hoa-old")},
		{"quoted phrase", `"thủ dầu một" luân chuyển`, f.paths("seed")},
		{"phrase in wrong order", `"một dầu thủ"`, nil},
		{"exclusion", "hoà bình -điện", f.paths("hoa-new")},
		{"exclusion with diacritics is that spelling", "hoà bình -thủy", nil},
		{"exclusion of a phrase", `hoà bình -"thủy điện"`, f.paths("hoa-new")},
		{"exclusion matching the body", "hoà bình -nước", f.paths("hoa-new")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := f.search(t, searchURL(c.q))
			if got := hitPaths(r.body); strings.Join(got, " ") != strings.Join(c.want, " ") {
				t.Errorf("%q: got %v, want %v", c.q, got, c.want)
			}
		})
	}
}

// TestSearchRanking runs every ranking rule through the page.
func TestSearchRanking(t *testing.T) {
	f := newSearchFixture(t)
	cases := []struct {
		name, target string
		want         []string
	}{
		// bàn before bán and ban, though they are newer; an exact match in
		// the body still beats a folded one in the title.
		{"exact diacritics first", searchURL("bàn"), f.paths("ban-exact", "ban-body", "ban-title", "ban-sell", "seed")},
		// Typed without diacritics: no spelling preferred, title first, newest first.
		{"unaccented: newest first", searchURL("ban"), f.paths("ban-title", "ban-sell", "ban-exact", "ban-body", "seed")},
		{"title above sapo above body", searchURL("hợp tác"), f.paths("field-title", "field-sapo", "field-body")},
		{"same, unaccented", searchURL("hop tac"), f.paths("field-title", "field-sapo", "field-body")},
		{"recent first among equals", searchURL("việt dã"), f.paths("rec-new", "rec-old")},
		{"sort by date", searchURL("hợp tác", "sap-xep", "moi-nhat"), f.paths("field-body", "field-sapo", "field-title")},
		// The typed phrase in the title before the words apart.
		{"phrase in headline first", searchURL("cán bộ luân chuyển"), f.paths("seed")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := f.search(t, c.target)
			if got := hitPaths(r.body); strings.Join(got, " ") != strings.Join(c.want, " ") {
				t.Errorf("got %v\nwant %v", got, c.want)
			}
		})
	}
}

func TestSearchResultsPage(t *testing.T) {
	f := newSearchFixture(t)
	r := f.search(t, searchURL("luan chuyen"))
	checkMarkup(t, r.body)
	wantContains(t, r.body,
		`<meta name="robots" content="noindex">`,
		"Tìm thấy 1 kết quả cho “<strong>luan chuyen</strong>”",
		// The highlight falls on the accented headline and passage.
		`Hiệu quả từ công tác <mark>luân chuyển</mark> cán bộ</a>`,
		`<p class="search-snippet">`,
		`<mark>luân chuyển</mark>`,
		`<time datetime="2022-01-25T00:11:58Z">25-01-2022 | 07:11:58</time>`,
		`value="luan chuyen"`,
		`<option value="tp-thu-dau-mot">— TP. Thủ Dầu Một</option>`,
	)
	// Browsers and shared caches keep results a second at most, like the
	// pages: an article taken down must leave the results as fast.
	if r.header.Get("X-Robots-Tag") != "noindex" || r.header.Get("Cache-Control") != "public, max-age=1" {
		t.Errorf("headers: %v", r.header)
	}
	// The seed's passage comes from the sapo, which matches.
	snip := between(t, r.body, `<p class="search-snippet">`, "</p>")
	if !strings.Contains(html.UnescapeString(snip), "Thủ Dầu Một đã <mark>luân chuyển</mark> 7 lượt cán bộ") {
		t.Errorf("snippet %q", snip)
	}
}

func TestSearchFiltersAndPages(t *testing.T) {
	f := newSearchFixture(t)
	// 45 sport articles "Bóng đá số N", one an hour from 14-05 08:00.
	r := f.search(t, searchURL("bóng đá"))
	wantContains(t, r.body, "Tìm thấy 45 kết quả cho “<strong>bóng đá</strong>” · trang 1/3", `rel="next"`)
	if got := hitPaths(r.body); len(got) != 20 {
		t.Fatalf("page 1 has %d results", len(got))
	}
	seen := map[string]bool{}
	for page := 1; page <= 3; page++ {
		r := f.search(t, searchURL("bóng đá", "trang", fmt.Sprint(page)))
		for _, p := range hitPaths(r.body) {
			if seen[p] {
				t.Errorf("%s on two pages", p)
			}
			seen[p] = true
		}
	}
	if len(seen) != 45 {
		t.Errorf("three pages hold %d results", len(seen))
	}
	r = f.search(t, searchURL("bóng đá", "trang", "3"))
	wantContains(t, r.body, "trang 3/3", `rel="prev"`)
	r = f.search(t, searchURL("bóng đá", "trang", "9"))
	wantContains(t, r.body, "Trang này không có kết quả")

	// Section filter: the seed lives under Chuyên trang địa phương.
	r = f.search(t, searchURL("cán bộ", "chuyen-muc", "the-thao"))
	if got := hitPaths(r.body); len(got) != 0 {
		t.Errorf("cán bộ in sport: %v", got)
	}
	wantContains(t, r.body, "Không tìm thấy kết quả nào", "với bộ lọc đã chọn", "trong mọi chuyên mục, mọi thời gian</a>")
	// A corrected query found only outside the filters says so.
	r = f.search(t, searchURL("luaan chuyeenr", "chuyen-muc", "the-thao"))
	wantContains(t, r.body, `Có phải bạn muốn tìm: <a href="/tim-kiem?q=lu%C3%A2n&#43;chuy%E1%BB%83n">luân chuyển</a> (trong mọi chuyên mục, mọi thời gian)`)
	r = f.search(t, searchURL("cán bộ", "chuyen-muc", "chuyen-trang-dia-phuong"))
	wantContains(t, r.body, "trong Chuyên trang địa phương", `<option value="chuyen-trang-dia-phuong" selected>`)
	if got := hitPaths(r.body); len(got) != 2 {
		t.Errorf("cán bộ in local pages: %v", got)
	}
	r = f.search(t, searchURL("cán bộ", "chuyen-muc", "tp-thu-dau-mot"))
	if got := hitPaths(r.body); strings.Join(got, " ") != f.seed.Path() {
		t.Errorf("cán bộ in TP. Thủ Dầu Một: %v", got)
	}
	// Date range, inclusive days in Vietnam time; dd/mm/yyyy accepted too.
	r = f.search(t, searchURL("bóng đá", "tu", "2022-05-15", "den", "2022-05-15"))
	wantContains(t, r.body, "Tìm thấy 24 kết quả", `value="2022-05-15"`)
	r = f.search(t, searchURL("bóng đá", "tu", "15/05/2022", "den", "14/05/2022"))
	wantContains(t, r.body, "Tìm thấy 40 kết quả") // swapped into order: 14 and 15 May
	r = f.search(t, searchURL("bóng đá", "tu", "hôm qua", "chuyen-muc", "khong-co"))
	wantContains(t, r.body, "Tìm thấy 45 kết quả", "Ngày “hôm qua” không hợp lệ, đã bỏ qua.", "Không có chuyên mục “khong-co”")
}

func TestSearchNoResults(t *testing.T) {
	f := newSearchFixture(t)
	cases := []struct {
		q, suggestion string
	}{
		// Telex typed with the Vietnamese keyboard off; diacritics restored.
		{"luaan chuyeenr can bo", "luân chuyển cán bộ"},
		// A word nobody wrote is left out; the rest gets its diacritics.
		{"luan chuyen xyzzyq", "luân chuyển"},
		// One letter off.
		{"luan chuyne", "luân chuyển"},
		// A phrase in the wrong order: the words apart.
		{`"bộ cán luân chuyển"`, "bộ cán luân chuyển"},
		{"qwxz", ""},
	}
	for _, c := range cases {
		r := f.search(t, searchURL(c.q))
		checkMarkup(t, r.body)
		wantContains(t, r.body, "Không tìm thấy kết quả nào cho “<strong>", "Kiểm tra lại chính tả")
		if c.suggestion == "" {
			if strings.Contains(r.body, "Có phải bạn muốn tìm") {
				t.Errorf("%q: suggests something", c.q)
			}
			continue
		}
		sug := between(t, r.body, "Có phải bạn muốn tìm: ", "</p>")
		m := regexp.MustCompile(`<a href="([^"]+)">([^<]+)</a>`).FindStringSubmatch(sug)
		if m == nil || html.UnescapeString(m[2]) != c.suggestion {
			t.Errorf("%q: suggestion %q, want %q", c.q, sug, c.suggestion)
			continue
		}
		// The suggestion finds something.
		r2 := f.search(t, html.UnescapeString(m[1]))
		if len(hitPaths(r2.body)) == 0 {
			t.Errorf("%q: suggestion %s finds nothing", c.q, m[1])
		}
	}
}

func TestSearchBadInput(t *testing.T) {
	f := newSearchFixture(t)
	cases := []struct {
		name, target, want string
	}{
		{"no query", "/tim-kiem", "Nhập từ khóa vào ô tìm kiếm"},
		{"empty", "/tim-kiem?q=", "Nhập từ khóa vào ô tìm kiếm"},
		{"spaces", "/tim-kiem?q=+++", "Nhập từ khóa vào ô tìm kiếm"},
		{"operators only", searchURL(`* : ( ) " ^ -`), "Hãy nhập ít nhất một chữ hoặc số cần tìm."},
		{"exclusions only", searchURL("-bóng -đá"), "Từ khóa chỉ có phần loại trừ"},
		{"very long", searchURL(strings.Repeat("bóng đá ", 400)), "Từ khóa quá dài"},
		{"unbalanced quote", searchURL(`"bóng đá`), "Tìm thấy 45 kết quả"},
		{"SQL", searchURL(`bóng' OR 1=1; DROP TABLE articles; --`), "Không tìm thấy kết quả nào"},
		{"FTS syntax", searchURL(`{t s}: bóng* NEAR(đá) AND`), "Không tìm thấy kết quả nào"},
		{"FTS column", searchURL(`b:bóng`), "Không tìm thấy kết quả nào"},
		{"invalid UTF-8", "/tim-kiem?q=b%F3ng+%C4%91%FF%FE%C3", "kết quả"},
		{"control characters", "/tim-kiem?q=b%C3%B3ng%00%01+%C4%91%C3%A1", "Tìm thấy 45 kết quả"},
		{"bad page", searchURL("bóng đá", "trang", "-3"), "Tìm thấy 45 kết quả"},
		{"huge page", searchURL("bóng đá", "trang", "99999999999999999999"), "Tìm thấy 45 kết quả"},
		{"repeated parameters", "/tim-kiem?q=b%C3%B3ng&q=x&chuyen-muc=&tu=&den=&sap-xep=la", "Tìm thấy 45 kết quả"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			r := f.get(t, "GET", c.target)
			if r.status != 200 {
				t.Fatalf("status %d", r.status)
			}
			checkMarkup(t, r.body)
			wantContains(t, r.body, c.want, `<meta name="robots" content="noindex">`)
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %s", d)
			}
		})
	}
	if strings.Contains(f.logs.String(), "level=ERROR") {
		t.Errorf("errors logged:\n%s", f.logs)
	}
}

func TestSearchSuggestions(t *testing.T) {
	f := newSearchFixture(t)
	type reply struct {
		Items []struct{ Title, URL string }
	}
	get := func(q string) reply {
		t.Helper()
		r := f.get(t, "GET", "/tim-kiem/goi-y?q="+url.QueryEscape(q))
		if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
			t.Fatalf("%q: status %d, %s", q, r.status, r.header.Get("Content-Type"))
		}
		if cc := r.header.Get("Cache-Control"); cc != "public, max-age=1" {
			t.Errorf("%q: Cache-Control %q: a taken-down headline must not be suggested from a cache", q, cc)
		}
		var rep reply
		if err := json.Unmarshal([]byte(r.body), &rep); err != nil {
			t.Fatalf("%q: %v in %s", q, err, r.body)
		}
		return rep
	}
	rep := get("luan ch")
	if len(rep.Items) != 1 || rep.Items[0].Title != f.seed.Title || rep.Items[0].URL != f.seed.Path() {
		t.Errorf("luan ch: %+v", rep)
	}
	if rep := get("bóng"); len(rep.Items) != 8 || rep.Items[0].Title != "Bóng đá số 45" {
		t.Errorf("bóng: %+v", rep)
	}
	for _, q := range []string{"", "bài", "\xff\"*", strings.Repeat("a", 5000)} {
		for _, it := range get(q).Items {
			if strings.Contains(it.Title, "nháp") || strings.Contains(it.Title, "hẹn giờ") || strings.Contains(it.Title, "đã gỡ") {
				t.Errorf("%q suggests hidden %q", q, it.Title)
			}
		}
	}
	// The box that uses them is on every page, and works as a plain form.
	for _, p := range []string{"/", f.seed.Path(), "/the-thao/", searchURL("x")} {
		r := f.search(t, p)
		doc := checkMarkup(t, r.body)
		form := findNode(doc, func(n *nodeT) bool { return n.Data == "form" && attr(n, "class") == "masthead-search" })
		if form == nil || attr(form, "role") != "search" || attr(form, "action") != "/tim-kiem" || attr(form, "method") != "get" {
			t.Fatalf("%s: no masthead search form", p)
		}
		input := findNode(form, func(n *nodeT) bool { return n.Data == "input" && attr(n, "name") == "q" })
		label := findNode(form, func(n *nodeT) bool { return n.Data == "label" })
		if input == nil || label == nil || attr(label, "for") != attr(input, "id") || attr(input, "data-suggest") != "/tim-kiem/goi-y" {
			t.Errorf("%s: search input without its label", p)
		}
	}
}

// TestSearchFreshness: publishing, editing and unpublishing show in search
// at once, even with the page cache on.
func TestSearchFreshness(t *testing.T) {
	f := newSearchFixture(t)
	s, err := New(Config{Store: f.st, Media: f.site.media, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Now: func() time.Time { return f.now }, CacheTTL: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	f.h = h
	count := func(q string) int { return len(hitPaths(f.search(t, searchURL(q)).body)) }
	if n := count("khánh thành"); n != 0 {
		t.Fatalf("found %d before publishing", n)
	}
	a := f.draft
	a.Title = "Khánh thành cầu Phú Cường mới"
	a.Status, a.PublishedAt = content.StatusPublished, vn(2022, 5, 20, 9, 0, 0)
	if err := f.st.UpdateArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	if n := count("khánh thành"); n != 1 {
		t.Errorf("after publishing: %d", n)
	}
	a.Title = "Thông xe cầu Phú Cường mới"
	if err := f.st.UpdateArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	if n := count("khánh thành"); n != 0 {
		t.Errorf("after editing, old headline: %d", n)
	}
	if n := count("thông xe"); n != 1 {
		t.Errorf("after editing, new headline: %d", n)
	}
	a.Status = content.StatusUnpublished
	if err := f.st.UpdateArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	if n := count("thông xe"); n != 0 {
		t.Errorf("after unpublishing: %d", n)
	}
}

type nodeT = xhtml.Node

func findNode(n *nodeT, pred func(*nodeT) bool) *nodeT {
	if n.Type == xhtml.ElementNode && pred(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if m := findNode(c, pred); m != nil {
			return m
		}
	}
	return nil
}

func TestSearchManyResults(t *testing.T) {
	f := newFixture(t)
	var arts []*content.Article
	for i := 0; i < store.MaxSearchCount+5; i++ {
		pub := vn(2022, 5, 19, 8, 0, 0).Add(-time.Duration(i) * time.Minute)
		arts = append(arts, &content.Article{Lang: "vi", Title: fmt.Sprintf("Tin vắn %d", i), Slug: "tin-van", Status: content.StatusPublished,
			CategoryID: f.sport.ID, CreatedAt: pub, UpdatedAt: pub, PublishedAt: pub})
	}
	if err := f.st.CreateArticles(ctx, arts); err != nil {
		t.Fatal(err)
	}
	r := f.get(t, "GET", searchURL("tin van"))
	wantContains(t, r.body, "Tìm thấy hơn 1.000 kết quả cho “<strong>tin van</strong>” · trang 1/50")
	r = f.get(t, "GET", searchURL("tin van", "trang", "50"))
	if got := hitPaths(r.body); len(got) != 20 || got[19] != arts[999].Path() {
		t.Errorf("page 50: %d results", len(got))
	}
}
