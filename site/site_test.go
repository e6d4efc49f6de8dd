package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/media"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/store/sqlite"
)

var ctx = context.Background()

// vn returns a UTC instant given as Vietnam local time.
func vn(y int, mo time.Month, d, h, mi, s int) time.Time {
	return time.Date(y, mo, d, h, mi, s, 0, content.Location).UTC()
}

type fixture struct {
	st                  *sqlite.Store
	site                *Site
	h                   http.Handler
	logs                *bytes.Buffer
	now                 time.Time
	local, tdm, thuanAn content.Category
	sport               content.Category
	seed                *content.Article // the seed page's article
	earlier             []*content.Article
	sameSecond          []*content.Article
	draft, future, gone *content.Article
}

const seedBody = `<p>Công tác tạo nguồn, quy hoạch và luân chuyển cán bộ.</p>
<h2>Luân chuyển là khâu đột phá</h2>
<p>Thời gian qua, công tác xây dựng tổ chức bộ máy…</p>
<blockquote class="quote"><p>“Công tác luân chuyển cán bộ lãnh đạo quản lý ở thành phố đã có bước đổi mới…”</p><cite>Ông Nguyễn Hữu Thạnh, Trưởng ban Tổ chức Thành ủy Thủ Dầu Một</cite></blockquote>
<h2>Bảo đảm tổng thể, đồng bộ, liên thông</h2>
<p>Theo ông Nguyễn Hữu Thạnh…</p>`

func newFixture(t testing.TB) *fixture {
	t.Helper()
	dir := t.TempDir()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "t.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := &fixture{st: st, logs: &bytes.Buffer{}, now: vn(2022, 5, 20, 12, 0, 0)}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	f.local = content.Category{Code: "chuyen-trang-dia-phuong", Name: "Chuyên trang địa phương", MenuOrder: 1}
	f.sport = content.Category{Code: "the-thao", Name: "Thể thao", MenuOrder: 2}
	must(st.CreateCategory(ctx, &f.local))
	must(st.CreateCategory(ctx, &f.sport))
	f.tdm = content.Category{Code: "tp-thu-dau-mot", Name: "TP. Thủ Dầu Một", ParentID: f.local.ID, MenuOrder: 1}
	f.thuanAn = content.Category{Code: "tp-thuan-an", Name: "TP. Thuận An", ParentID: f.local.ID, MenuOrder: 2}
	must(st.CreateCategory(ctx, &f.tdm))
	must(st.CreateCategory(ctx, &f.thuanAn))
	must(st.SetSettings(ctx, map[string]string{
		content.SettingSiteName: "Báo Thử Nghiệm", content.SettingAgency: "Tỉnh ủy Bình Dương",
		content.SettingLicence: "123/GP-BTTTT", content.SettingLicenceDate: "01/01/2020",
		content.SettingLicenceIssuer: "Bộ Thông tin và Truyền thông", content.SettingAddress: "Số 1, đường Thử, TP. Thủ Dầu Một",
		content.SettingPhone: "0274 000 000", content.SettingEmail: "toasoan@example.vn", content.SettingEditorInChief: "Nguyễn Văn A",
	}))
	disk := media.Disk{Dir: filepath.Join(dir, "media")}
	pic := []byte("\xff\xd8\xff\xe0 not really a jpeg but bytes to hash")
	hash, err := disk.Put(pic, "jpg")
	must(err)
	m := &content.Media{Hash: hash, Ext: "jpg", MIME: "image/jpeg", Width: 1200, Height: 800, Size: int64(len(pic)), CreatedAt: f.now}
	_, err = st.CreateMedia(ctx, m)
	must(err)

	art := func(id int64, title string, cat content.Category, pub time.Time) *content.Article {
		return &content.Article{ID: id, Lang: "vi", Title: title, Slug: slugFor(title), Sapo: "Sapo của " + title,
			Body: "<p>Nội dung " + title + "</p>", Status: content.StatusPublished, CategoryID: cat.ID,
			CreatedAt: pub.Add(-7 * time.Minute), UpdatedAt: pub, PublishedAt: pub, PictureID: m.ID}
	}
	// Earlier news of the same sub-section, as the seed's second dump.
	f.earlier = []*content.Article{
		art(264233, "Xuân ấm yêu thương, đong đầy tình cảm", f.tdm, vn(2022, 1, 24, 9, 31, 29)),
		art(264235, "Chỉ mong quốc thái dân an!", f.tdm, vn(2022, 1, 24, 9, 31, 29)),
		art(264240, "Phường Hiệp An: Vượt khó, nỗ lực chăm lo tết cho người dân", f.tdm, vn(2022, 1, 24, 9, 31, 29)),
		art(264100, "Tin cũ hơn nữa của Thủ Dầu Một", f.tdm, vn(2022, 1, 10, 8, 0, 0)),
	}
	f.seed = art(264300, "Hiệu quả từ công tác luân chuyển cán bộ", f.tdm, vn(2022, 1, 25, 7, 11, 58))
	f.seed.Sapo = "Qua 4 năm thực hiện Quy định số 98-QĐ/TW, BTV Thành ủy Thủ Dầu Một đã luân chuyển 7 lượt cán bộ."
	f.seed.Body = seedBody
	f.seed.Byline = "THU THẢO - CHÂU TIẾN"
	f.seed.PictureCaption = "Trong ảnh: Thành ủy Thủ Dầu Một tổ chức công bố, trao quyết định cán bộ"
	f.seed.Tags = []content.Tag{{Name: "Luân chuyển cán bộ", Slug: "luan-chuyen-can-bo"}}
	// The first dump: several articles of the parent section share one second.
	f.sameSecond = []*content.Article{
		art(271325, "Xuất hiện nhiều cách làm hay học tập, làm theo Bác", f.thuanAn, vn(2022, 5, 16, 8, 33, 25)),
		art(271330, "Phòng văn hóa thông tin Tp.Thuận An: Bồi dưỡng kiến thức", f.thuanAn, vn(2022, 5, 16, 8, 33, 25)),
		art(271332, "Phường An Thạnh: Cán bộ, đảng viên gương mẫu học tập, làm theo Bác", f.thuanAn, vn(2022, 5, 16, 8, 33, 25)),
	}
	f.draft = art(300001, "Bản nháp chưa đăng", f.tdm, vn(2022, 5, 1, 8, 0, 0))
	f.draft.Status = content.StatusDraft
	f.draft.Tags = []content.Tag{{Name: "Tin chưa đăng", Slug: "tin-chua-dang"}}
	f.future = art(300002, "Bài hẹn giờ ngày mai", f.tdm, vn(2022, 5, 21, 8, 0, 0))
	f.gone = art(300003, "Bài đã gỡ", f.tdm, vn(2022, 5, 2, 8, 0, 0))
	f.gone.Status = content.StatusUnpublished
	all := append(append([]*content.Article{}, f.earlier...), f.seed)
	all = append(all, f.sameSecond...)
	all = append(all, f.draft, f.future, f.gone)
	// Enough sport articles for three pages of listing.
	for i := 0; i < 45; i++ {
		a := art(0, fmt.Sprintf("Bóng đá số %d", i+1), f.sport, vn(2022, 5, 14, 8, 0, 0).Add(time.Duration(i)*time.Hour))
		if i%2 == 0 {
			a.PictureID = 0
		}
		all = append(all, a)
	}
	must(st.CreateArticles(ctx, all))
	// The oldest sport articles are the most read of the week: the home page
	// shows them only in its most-read block.
	views := map[int64]int64{271332: 50, 271325: 10}
	for i, a := range all[len(all)-45 : len(all)-40] {
		views[a.ID] = int64(100 - i)
	}
	must(st.AddViews(ctx, views))

	log := slog.New(slog.NewTextHandler(f.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	f.site, err = New(Config{Store: st, Media: disk, Logger: log, Now: func() time.Time { return f.now }})
	must(err)
	f.h = f.site.Handler()
	return f
}

// slugFor is a test-local slugger for ASCII-friendly fixtures; the real one
// lives in package viet and is tested there.
func slugFor(title string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(title) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-")
}

type resp struct {
	status int
	header http.Header
	body   string
}

func (f *fixture) get(t testing.TB, method, target string) resp {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, req)
	return resp{rec.Code, rec.Header(), rec.Body.String()}
}

func wantContains(t *testing.T, body string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if !strings.Contains(body, s) {
			t.Errorf("page lacks %q", s)
		}
	}
}

// checkMarkup parses the page with a real HTML parser and checks the frame
// every page must have.
func checkMarkup(t *testing.T, body string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatalf("unparseable HTML: %v", err)
	}
	counts := map[string]int{}
	ids := map[string]bool{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			counts[n.Data]++
			for _, a := range n.Attr {
				if a.Key == "id" {
					if ids[a.Val] {
						t.Errorf("duplicate id %q", a.Val)
					}
					ids[a.Val] = true
				}
			}
			if n.Data == "img" && attr(n, "alt") == "" && attr(n, "aria-hidden") == "" {
				// Decorative teaser images sit inside aria-hidden links.
				if p := n.Parent; p == nil || attr(p, "aria-hidden") != "true" {
					t.Errorf("img %s without alt text", attr(n, "src"))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, el := range []string{"header", "main", "footer", "nav", "title"} {
		if counts[el] == 0 {
			t.Errorf("no <%s> landmark", el)
		}
	}
	if counts["main"] != 1 || counts["h1"] != 1 {
		t.Errorf("want one <main> and one <h1>, got %d and %d", counts["main"], counts["h1"])
	}
	return doc
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func articleLinks(body string) []string {
	return regexp.MustCompile(`href="(/[a-z0-9-]*-[0-9]+\.html)"`).FindAllString(body, -1)
}

func TestHome(t *testing.T) {
	f := newFixture(t)
	r := f.get(t, "GET", "/")
	if r.status != 200 {
		t.Fatalf("status %d", r.status)
	}
	checkMarkup(t, r.body)
	wantContains(t, r.body,
		"Báo Thử Nghiệm", "Tin mới", "Đọc nhiều", "Chuyên trang địa phương", "Thể thao",
		`<link rel="canonical" href="http://example.com/">`, `property="og:title"`,
		"Cơ quan chủ quản: Tỉnh ủy Bình Dương", "Giấy phép số 123/GP-BTTTT ngày 01/01/2020 của Bộ Thông tin và Truyền thông",
		"Tổng biên tập: Nguyễn Văn A", "Quay lên trên", "0274 000 000", "toasoan@example.vn")
	for _, hidden := range []string{"Bản nháp chưa đăng", "Bài hẹn giờ ngày mai", "Bài đã gỡ"} {
		if strings.Contains(r.body, hidden) {
			t.Errorf("home shows %q", hidden)
		}
	}
	// Each article once: links inside one teaser point to it twice (picture
	// and title), so count distinct teasers by title links.
	titles := regexp.MustCompile(`<h[23] class="(?:teaser|top)-title"><a href="([^"]+)"`).FindAllStringSubmatch(r.body, -1)
	seen := map[string]bool{}
	for _, m := range titles {
		if seen[m[1]] {
			t.Errorf("article %s appears twice on the home page", m[1])
		}
		seen[m[1]] = true
	}
	mostRead := between(t, r.body, `id="doc-nhieu"`, "</section>")
	for _, m := range regexp.MustCompile(`href="([^"]+\.html)"`).FindAllStringSubmatch(mostRead, -1) {
		if seen[m[1]] {
			t.Errorf("most-read repeats %s", m[1])
		}
	}
	wantContains(t, mostRead, "Bóng đá số 1<", "Bóng đá số 5<")
	if len(seen) < 10 {
		t.Errorf("only %d articles on the home page", len(seen))
	}
}

func TestArticlePage(t *testing.T) {
	f := newFixture(t)
	r := f.get(t, "GET", f.seed.Path())
	if r.status != 200 {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	checkMarkup(t, r.body)
	wantContains(t, r.body,
		`<h1 id="tieu-de" class="article-title">Hiệu quả từ công tác luân chuyển cán bộ</h1>`,
		"Cập nhật: <time datetime=\"2022-01-25T00:11:58Z\">25-01-2022 | 07:11:58</time>",
		`<p class="sapo">Qua 4 năm thực hiện`,
		"<h2>Luân chuyển là khâu đột phá</h2>",
		"<cite>Ông Nguyễn Hữu Thạnh, Trưởng ban Tổ chức Thành ủy Thủ Dầu Một</cite>",
		"<figcaption>Trong ảnh: Thành ủy Thủ Dầu Một tổ chức công bố, trao quyết định cán bộ</figcaption>",
		`<p class="byline">THU THẢO - CHÂU TIẾN</p>`,
		`href="/chu-de/luan-chuyen-can-bo/"`,
		"Chia sẻ bài viết", "https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Fexample.com%2F", "zalo", "https://x.com/intent/post",
		`value="http://example.com`+f.seed.Path()+`"`,
		`<link rel="canonical" href="http://example.com`+f.seed.Path()+`">`,
		`<meta property="og:type" content="article">`, `property="og:image"`,
		`href="#top">Quay lên trên</a>`,
	)
	// Breadcrumbs: home › section › sub-section.
	crumbs := r.body[strings.Index(r.body, `class="crumbs"`):]
	crumbs = crumbs[:strings.Index(crumbs, "</nav>")]
	wantContains(t, crumbs, `href="/">Trang chủ`, `href="/chuyen-trang-dia-phuong/">Chuyên trang địa phương`,
		`href="/chuyen-trang-dia-phuong/tp-thu-dau-mot/">TP. Thủ Dầu Một`)

	// Block 1: the latest of the parent section, across its sub-sections.
	latest := between(t, r.body, `id="tin-cung-muc"`, "</section>")
	wantContains(t, latest, "Phường An Thạnh", "Xuất hiện nhiều cách làm hay", "Xuân ấm yêu thương")
	if strings.Contains(latest, "Hiệu quả từ công tác") {
		t.Error("the article lists itself among the latest")
	}
	if strings.Contains(latest, "Bóng đá") {
		t.Error("latest block leaks another section")
	}
	// Block 2: earlier news of the same sub-section, published before it.
	earlier := between(t, r.body, `id="tin-da-dua"`, "</section>")
	var got []string
	for _, m := range regexp.MustCompile(`<li><a href="[^"]+">([^<]+)</a>`).FindAllStringSubmatch(earlier, -1) {
		got = append(got, html.UnescapeString(m[1]))
	}
	want := []string{"Phường Hiệp An: Vượt khó, nỗ lực chăm lo tết cho người dân", "Chỉ mong quốc thái dân an!", "Xuân ấm yêu thương, đong đầy tình cảm"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("earlier block = %q, want %q", got, want)
	}
}

func between(t *testing.T, s, start, end string) string {
	t.Helper()
	i := strings.Index(s, start)
	if i < 0 {
		t.Fatalf("no %q in page", start)
	}
	s = s[i:]
	if j := strings.Index(s, end); j >= 0 {
		s = s[:j]
	}
	return s
}

func TestArticleRedirectsAndNotFound(t *testing.T) {
	f := newFixture(t)
	r := f.get(t, "GET", "/ten-cu-cua-bai-264300.html")
	if r.status != http.StatusMovedPermanently || r.header.Get("Location") != f.seed.Path() {
		t.Errorf("outdated slug: %d → %q", r.status, r.header.Get("Location"))
	}
	r = f.get(t, "GET", "/264300.html")
	if r.status != http.StatusMovedPermanently || r.header.Get("Location") != f.seed.Path() {
		t.Errorf("bare id: %d → %q", r.status, r.header.Get("Location"))
	}
	for _, p := range []string{
		"/khong-co-bai-nay-987654321.html", // unknown id
		f.draft.Path(), f.future.Path(), f.gone.Path(),
		"/bai-0.html", "/bai--5.html", "/bai-12ab.html", "/bai-99999999999999999999999.html",
		"/khong-phai-chuyen-muc", "/khong-co/", "/the-thao/tp-thu-dau-mot/", "/chuyen-trang-dia-phuong/khong-co/",
		"/chu-de/khong-co/", "/media/ab/xyz.jpg", "/static/khong-co.css", "/a/b/c/d",
	} {
		r := f.get(t, "GET", p)
		if r.status != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", p, r.status)
			continue
		}
		wantContains(t, r.body, "Không tìm thấy trang", "Mã yêu cầu", r.header.Get("X-Request-Id"))
	}
	// The scheduled article appears at its time.
	f.now = f.future.PublishedAt
	f.site.Invalidate()
	if r := f.get(t, "GET", f.future.Path()); r.status != 200 {
		t.Errorf("scheduled article at its time: %d", r.status)
	}
	r = f.get(t, "GET", "/the-thao")
	if r.status != http.StatusMovedPermanently || r.header.Get("Location") != "/the-thao/" {
		t.Errorf("section without slash: %d → %q", r.status, r.header.Get("Location"))
	}
}

func TestSectionPages(t *testing.T) {
	f := newFixture(t)
	r := f.get(t, "GET", "/the-thao/")
	if r.status != 200 {
		t.Fatalf("status %d", r.status)
	}
	checkMarkup(t, r.body)
	wantContains(t, r.body, `<h1 class="list-title">Thể thao</h1>`, "45 bài viết", "trang 1/3",
		"Bóng đá số 45", `href="/the-thao/?trang=2" rel="next"`, `<span aria-current="page">1</span>`)
	if strings.Contains(r.body, "Bóng đá số 25<") {
		t.Error("page 1 shows an article of page 2")
	}
	r = f.get(t, "GET", "/the-thao/?trang=3")
	wantContains(t, r.body, "Bóng đá số 5<", "Bóng đá số 1<", `rel="prev"`, "trang 3/3",
		`<link rel="canonical" href="http://example.com/the-thao/?trang=3">`)
	if strings.Contains(r.body, `rel="next"`) {
		t.Error("last page links to a next page")
	}
	if r := f.get(t, "GET", "/the-thao/?trang=4"); r.status != 404 {
		t.Errorf("page past the end: %d", r.status)
	}
	for _, bad := range []string{"abc", "0", "-1", "1e9", "%00"} {
		r := f.get(t, "GET", "/the-thao/?trang="+bad)
		if r.status != 400 {
			t.Errorf("trang=%s: status %d, want 400", bad, r.status)
		}
		wantContains(t, r.body, "Yêu cầu không hợp lệ", "số nguyên dương")
	}
	if r := f.get(t, "GET", "/the-thao/?trang=1"); r.status != 301 || r.header.Get("Location") != "/the-thao/" {
		t.Errorf("trang=1: %d %q", r.status, r.header.Get("Location"))
	}

	// A top section lists its sub-sections and every article below them.
	r = f.get(t, "GET", "/chuyen-trang-dia-phuong/")
	wantContains(t, r.body, "Phường An Thạnh", "Hiệu quả từ công tác", `href="/chuyen-trang-dia-phuong/tp-thuan-an/"`)
	// A sub-section: breadcrumbs to its parent, its siblings listed, its own articles only.
	r = f.get(t, "GET", "/chuyen-trang-dia-phuong/tp-thuan-an/")
	if r.status != 200 {
		t.Fatalf("sub-section status %d", r.status)
	}
	checkMarkup(t, r.body)
	crumbs := between(t, r.body, `class="crumbs"`, "</nav>")
	wantContains(t, crumbs, `href="/chuyen-trang-dia-phuong/">Chuyên trang địa phương`, "TP. Thuận An")
	sub := between(t, r.body, `class="subnav"`, "</nav>")
	wantContains(t, sub, `href="/chuyen-trang-dia-phuong/tp-thu-dau-mot/">TP. Thủ Dầu Một`,
		`href="/chuyen-trang-dia-phuong/tp-thuan-an/" aria-current="page">TP. Thuận An`)
	wantContains(t, r.body, "Phường An Thạnh")
	if strings.Contains(r.body, "Hiệu quả từ công tác") && !strings.Contains(between(t, r.body, `id="doc-nhieu"`, "</section>"), "Hiệu quả") {
		t.Error("sub-section lists an article of its sibling")
	}

	r = f.get(t, "GET", "/chu-de/luan-chuyen-can-bo/")
	if r.status != 200 {
		t.Fatalf("tag page %d", r.status)
	}
	wantContains(t, r.body, "Chủ đề: Luân chuyển cán bộ", "Hiệu quả từ công tác")

	// A tag only a draft carries does not exist for readers yet.
	if r = f.get(t, "GET", "/chu-de/tin-chua-dang/"); r.status != http.StatusNotFound || strings.Contains(r.body, "Tin chưa đăng") {
		t.Errorf("tag of a draft only: %d", r.status)
	}
}

func TestMethodNotAllowed(t *testing.T) {
	f := newFixture(t)
	r := f.get(t, "POST", f.seed.Path())
	if r.status != http.StatusMethodNotAllowed {
		t.Fatalf("status %d", r.status)
	}
	if !strings.Contains(r.header.Get("Allow"), "GET") {
		t.Errorf("Allow = %q", r.header.Get("Allow"))
	}
	wantContains(t, r.body, "Thao tác không được hỗ trợ", "<html")
	if r := f.get(t, "HEAD", f.seed.Path()); r.status != 200 || r.body != "" {
		t.Errorf("HEAD: %d with %d bytes", r.status, len(r.body))
	}
}

// failingStore breaks like a real database can, with SQL in its error text.
type failingStore struct {
	store.Store
	fail bool
}

var errLeaky = errors.New(`SQL logic error: near "SELECT a.id FROM articles WHERE": /srv/toasoan/data/toasoan.db`)

func (s *failingStore) Article(ctx context.Context, id int64) (*content.Article, error) {
	if s.fail {
		return nil, errLeaky
	}
	return s.Store.Article(ctx, id)
}

func (s *failingStore) Categories(ctx context.Context) ([]content.Category, error) {
	if s.fail {
		return nil, errLeaky
	}
	return s.Store.Categories(ctx)
}

func noLeaks(t *testing.T, body string) {
	t.Helper()
	for _, leak := range []string{"SELECT", "SQL", "/srv/", ".db", "goroutine", ".go:", "panic", "Array", "runtime."} {
		if strings.Contains(body, leak) {
			t.Errorf("error page leaks %q", leak)
		}
	}
}

func TestErrorPagesLeakNothing(t *testing.T) {
	f := newFixture(t)
	fs := &failingStore{Store: f.st, fail: true}
	s, err := New(Config{Store: fs, Logger: slog.New(slog.NewTextHandler(f.logs, nil)), Now: func() time.Time { return f.now }})
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	for _, p := range []string{f.seed.Path(), "/", "/the-thao/"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
		if rec.Code != 500 {
			t.Errorf("%s: status %d, want 500", p, rec.Code)
		}
		body := rec.Body.String()
		noLeaks(t, body)
		id := rec.Header().Get("X-Request-Id")
		wantContains(t, body, "Hệ thống đang gặp sự cố", id)
		if !strings.Contains(f.logs.String(), "request_id="+id) || !strings.Contains(f.logs.String(), "SQL logic error") {
			t.Errorf("log lacks the error with request id %s", id)
		}
	}
}

func TestPanicBecomesDesignedPage(t *testing.T) {
	f := newFixture(t)
	h := f.site.middleware(f.site.handle(func(w http.ResponseWriter, r *http.Request) error {
		var m map[string]int
		m["boom"]++ // a nil-map panic, as a real bug would
		return nil
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != 500 {
		t.Fatalf("status %d", rec.Code)
	}
	body := rec.Body.String()
	noLeaks(t, body)
	id := rec.Header().Get("X-Request-Id")
	wantContains(t, body, "Hệ thống đang gặp sự cố", id)
	logs := f.logs.String()
	if !strings.Contains(logs, "request_id="+id) || !strings.Contains(logs, "assignment to entry in nil map") {
		t.Errorf("panic not logged with its request id:\n%s", logs)
	}
}

func TestViewsAreCounted(t *testing.T) {
	f := newFixture(t)
	for i := 0; i < 3; i++ {
		if r := f.get(t, "GET", f.seed.Path()); r.status != 200 {
			t.Fatal(r.status)
		}
	}
	f.get(t, "GET", "/khong-co-987.html")
	if n := f.site.Views().Pending(); n != 3 {
		t.Errorf("pending views = %d, want 3", n)
	}
	if err := f.site.Views().Flush(ctx); err != nil {
		t.Fatal(err)
	}
	a, err := f.st.Article(ctx, f.seed.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Views != 3 {
		t.Errorf("views = %d, want 3", a.Views)
	}
}

func TestPageCacheServesAndExpires(t *testing.T) {
	f := newFixture(t)
	f.site.pages = newPageCache(time.Hour)
	f.h = f.site.Handler()
	first := f.get(t, "GET", f.seed.Path())
	// Change the article behind the cache's back: the cached page is served…
	a, _ := f.st.Article(ctx, f.seed.ID)
	a.Title = "Tiêu đề đã sửa"
	if err := f.st.UpdateArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	if r := f.get(t, "GET", f.seed.Path()); r.body != first.body {
		t.Error("second request was not served from the cache")
	}
	// …views are still counted for cached pages…
	if n := f.site.Views().Pending(); n != 2 {
		t.Errorf("pending views = %d, want 2", n)
	}
	// …until the newsroom invalidates it.
	f.site.Invalidate()
	if r := f.get(t, "GET", f.seed.Path()); !strings.Contains(r.body, "Tiêu đề đã sửa") {
		t.Error("invalidated cache still served the old page")
	}
}

// TestPageCacheKeepsHostsApart: with no base URL set, a page names its
// address from the Host header; one asked for under a forged Host must not
// be served from the cache to readers of the real one.
func TestPageCacheKeepsHostsApart(t *testing.T) {
	f := newFixture(t)
	f.site.pages = newPageCache(time.Hour)
	f.h = f.site.Handler()
	get := func(host string) string {
		req := httptest.NewRequest("GET", f.seed.Path(), nil)
		req.Host = host
		rec := httptest.NewRecorder()
		f.h.ServeHTTP(rec, req)
		return rec.Body.String()
	}
	if !strings.Contains(get("ke-gian.example"), "http://ke-gian.example/") {
		t.Fatal("the page does not name its address from the Host header: the test proves nothing")
	}
	if page := get("baobinhduong.vn"); strings.Contains(page, "ke-gian.example") || !strings.Contains(page, "http://baobinhduong.vn/") {
		t.Error("a page rendered for a forged Host was served to the real one")
	}
}

func TestStaticAssets(t *testing.T) {
	f := newFixture(t)
	home := f.get(t, "GET", "/")
	m := regexp.MustCompile(`href="(/static/site\.[0-9a-f]{10}\.css)"`).FindStringSubmatch(home.body)
	if m == nil {
		t.Fatal("no hashed stylesheet link")
	}
	r := f.get(t, "GET", m[1])
	if r.status != 200 || !strings.Contains(r.header.Get("Cache-Control"), "immutable") || !strings.HasPrefix(r.header.Get("Content-Type"), "text/css") {
		t.Errorf("stylesheet: %d %v", r.status, r.header)
	}
	a := f.get(t, "GET", f.seed.Path())
	pic := regexp.MustCompile(`src="(/media/[0-9a-f]{2}/[0-9a-f]{64}\.jpg)"`).FindStringSubmatch(a.body)
	if pic == nil {
		t.Fatal("no picture on the article page")
	}
	if r := f.get(t, "GET", pic[1]); r.status != 200 || !strings.Contains(r.header.Get("Cache-Control"), "immutable") {
		t.Errorf("media: %d", r.status)
	}
	if r := f.get(t, "GET", "/robots.txt"); r.status != 200 {
		t.Errorf("robots: %d", r.status)
	}
	for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "X-Request-Id"} {
		if home.header.Get(h) == "" {
			t.Errorf("missing header %s", h)
		}
	}
	if strings.Contains(home.header.Get("Content-Security-Policy"), "unsafe-inline") {
		t.Error("CSP allows inline script")
	}
	_ = io.Discard
}
