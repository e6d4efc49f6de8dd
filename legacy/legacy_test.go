package legacy

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/store/sqlite"
)

const seedFile = "testdata/seed.jsonl"

// seedID is the id the fixture gives the seed article ("Hiệu quả từ công
// tác luân chuyển cán bộ"); the page itself does not show it.
const seedID = 264275

var seedIDs = []int64{271332, 271331, 271330, 271329, 271328, 271327, 271326, 271325, 264240, 264235, 264233, seedID}

func openStore(t *testing.T) store.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "toasoan.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// fixedNow is after every date in the fixtures.
func fixedNow() time.Time { return time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC) }

func importString(t *testing.T, st store.Store, in string) Summary {
	t.Helper()
	sum, err := Import(context.Background(), st, strings.NewReader(in), Options{Now: fixedNow})
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	return sum
}

func importSeed(t *testing.T, st store.Store) Summary {
	t.Helper()
	sum, err := ImportFile(context.Background(), st, seedFile, Options{Now: fixedNow})
	if err != nil {
		t.Fatalf("ImportFile: %v", err)
	}
	return sum
}

func article(t *testing.T, st store.Store, id int64) *content.Article {
	t.Helper()
	a, err := st.Article(context.Background(), id)
	if err != nil {
		t.Fatalf("article %d: %v", id, err)
	}
	return a
}

func categoriesByCode(t *testing.T, st store.Store) map[string]content.Category {
	t.Helper()
	cs, err := st.Categories(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]content.Category{}
	for _, c := range cs {
		m[c.Code] = c
	}
	return m
}

func TestImportSeed(t *testing.T) {
	st := openStore(t)
	var calls int
	var lastRead, lastTotal int64
	sum, err := ImportFile(context.Background(), st, seedFile, Options{
		Now: fixedNow,
		Progress: func(line int, read, total int64) {
			calls++
			if line != calls {
				t.Errorf("progress line %d, want %d", line, calls)
			}
			lastRead, lastTotal = read, total
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Imported != 12 || sum.Updated != 0 || sum.Unchanged != 0 || sum.Failed != 0 || sum.Lines != 12 {
		t.Fatalf("summary %+v", sum)
	}
	if len(sum.Errors) != 0 || len(sum.Warnings) != 0 {
		t.Errorf("errors %v, warnings %v", sum.Errors, sum.Warnings)
	}
	fi, _ := os.Stat(seedFile)
	if calls != 12 || lastRead != fi.Size() || lastTotal != fi.Size() {
		t.Errorf("progress: %d calls, last %d/%d, file %d bytes", calls, lastRead, lastTotal, fi.Size())
	}
	if sum.Pictures != 8 {
		t.Errorf("Pictures = %d, want 8 (rows with news_picture)", sum.Pictures)
	}

	// Categories: the top-level local pages and three sub-sections under it.
	cats := categoriesByCode(t, st)
	want := map[string]string{
		"chuyen-trang-dia-phuong": "Chuyên trang địa phương",
		"tp-thuan-an":             "TP. Thuận An",
		"tx-ben-cat":              "TX. Bến Cát",
		"tp-thu-dau-mot":          "TP. Thủ Dầu Một",
	}
	if len(cats) != len(want) {
		t.Errorf("categories %v", cats)
	}
	top := cats["chuyen-trang-dia-phuong"]
	if top.ParentID != 0 {
		t.Errorf("top category has parent %d", top.ParentID)
	}
	for code, name := range want {
		c, ok := cats[code]
		if !ok || c.Name != name {
			t.Errorf("category %s = %+v, want name %q", code, c, name)
		}
		if code != top.Code && c.ParentID != top.ID {
			t.Errorf("category %s parent %d, want %d", code, c.ParentID, top.ID)
		}
	}
	if len(sum.Categories) != 4 || sum.Categories[0].Code != "chuyen-trang-dia-phuong" || sum.Categories[1].ParentCode != "chuyen-trang-dia-phuong" {
		t.Errorf("summary categories %+v", sum.Categories)
	}
	for _, c := range sum.Categories {
		if c.NameGuessed {
			t.Errorf("category %s name guessed, want it from the table", c.Code)
		}
	}

	// The seed article.
	a := article(t, st, seedID)
	if a.Title != "Hiệu quả từ công tác luân chuyển cán bộ" || a.Slug != "hieu-qua-tu-cong-tac-luan-chuyen-can-bo" ||
		a.Path() != "/hieu-qua-tu-cong-tac-luan-chuyen-can-bo-264275.html" {
		t.Errorf("title %q slug %q path %q", a.Title, a.Slug, a.Path())
	}
	if a.Status != content.StatusPublished || a.Lang != "vi" || a.Type != content.TypeNormal {
		t.Errorf("status %q lang %q type %d", a.Status, a.Lang, a.Type)
	}
	if a.CategoryID != cats["tp-thu-dau-mot"].ID {
		t.Errorf("category %d, want tp-thu-dau-mot", a.CategoryID)
	}
	wantPub := time.Date(2022, 1, 25, 0, 11, 58, 0, time.UTC)
	if !a.PublishedAt.Equal(wantPub) || !a.UpdatedAt.Equal(wantPub) {
		t.Errorf("published %v updated %v, want %v", a.PublishedAt, a.UpdatedAt, wantPub)
	}
	if got := content.Stamp(a.UpdatedAt); got != "25-01-2022 | 07:11:58" {
		t.Errorf("stamp %q", got)
	}
	if !a.CreatedAt.Equal(time.Date(2022, 1, 24, 23, 52, 40, 0, time.UTC)) {
		t.Errorf("created %v", a.CreatedAt)
	}
	if !a.PublicAt(fixedNow()) {
		t.Error("seed article not public")
	}
	if a.Byline != "THU THẢO - CHÂU TIẾN" {
		t.Errorf("byline %q", a.Byline)
	}
	if len(a.Authors) != 2 || a.Authors[0].Name != "Thu Thảo" || a.Authors[0].Slug != "thu-thao" ||
		a.Authors[1].Name != "Châu Tiến" || a.Authors[1].Slug != "chau-tien" {
		t.Errorf("authors %+v", a.Authors)
	}
	if !strings.HasPrefix(a.Sapo, "Qua 4 năm thực hiện Quy định số 98-QĐ/TW") || strings.Contains(a.Sapo, "\n") {
		t.Errorf("sapo %q", a.Sapo)
	}
	if a.PictureID != 0 || a.Picture != nil {
		t.Errorf("picture %d %v: no media may be invented", a.PictureID, a.Picture)
	}
	for _, want := range []string{
		`<figure class="image"><img src="http://baobinhduong.vn/image/news/2022/20220125/images/1643069518.jpg" alt="Thành ủy Thủ Dầu Một tổ chức công bố, trao quyết định cán bộ" width="500" height="333" loading="lazy"><figcaption>Công tác tạo nguồn, quy hoạch và luân chuyển cán bộ để đào tạo, rèn luyện luôn được BTV Thành ủy Thủ Dầu Một đặc biệt chú trọng. Trong ảnh: Thành ủy Thủ Dầu Một tổ chức công bố, trao quyết định cán bộ</figcaption></figure>`,
		"\n<h2>Luân chuyển là khâu đột phá</h2>\n<p>Thời gian qua,",
		"\n<h2>Bảo đảm tổng thể, đồng bộ, liên thông</h2>\n",
		"17 lượt cán bộ thành phố về phường.</p>\n",
		`<blockquote class="quote"><p>“Công tác luân chuyển cán bộ lãnh đạo quản lý ở thành phố đã có bước đổi mới trong công tác cán bộ, góp phần nâng cao chất lượng đội ngũ cán bộ, tạo điều kiện tốt cho cán bộ rèn luyện, phấn đấu…”.</p><cite>Ông Nguyễn Hữu Thạnh, Trưởng ban Tổ chức Thành ủy Thủ Dầu Một</cite></blockquote>`,
	} {
		if !strings.Contains(a.Body, want) {
			t.Errorf("body lacks %q\nbody: %s", want, a.Body)
		}
	}
	for _, bad := range []string{"<script", "googletag", "style=", "<table", "<span", "<p></p>", "&nbsp;"} {
		if strings.Contains(a.Body, bad) {
			t.Errorf("body contains %q", bad)
		}
	}

	// A dumped row: publish time read as Vietnam time.
	b := article(t, st, 271332)
	if got := content.Stamp(b.UpdatedAt); got != "16-05-2022 | 08:33:25" {
		t.Errorf("271332 stamp %q", got)
	}
	if !b.PublishedAt.Equal(time.Date(2022, 5, 16, 1, 33, 25, 0, time.UTC)) ||
		!b.CreatedAt.Equal(time.Date(2022, 5, 16, 1, 26, 39, 0, time.UTC)) {
		t.Errorf("271332 published %v created %v", b.PublishedAt, b.CreatedAt)
	}
	if b.CategoryID != cats["tp-thuan-an"].ID || b.Body != "" || b.Sapo != "" || len(b.Authors) != 0 {
		t.Errorf("271332 %+v", b)
	}

	// The listing of the sub-section, newest first, as the related block shows it.
	ts, err := st.Teasers(context.Background(), store.TeaserQuery{Now: fixedNow(), CategoryID: cats["tp-thu-dau-mot"].ID})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, tz := range ts {
		ids = append(ids, tz.ID)
	}
	if !reflect.DeepEqual(ids, []int64{seedID, 264240, 264235, 264233}) {
		t.Errorf("tp-thu-dau-mot teasers %v", ids)
	}
	n, _ := st.CountTeasers(context.Background(), store.TeaserQuery{Now: fixedNow(), SectionID: top.ID})
	if n != 12 {
		t.Errorf("section count %d, want 12", n)
	}
}

// snapshot reads everything the import may write.
func snapshot(t *testing.T, st store.Store) (map[int64]*content.Article, []content.Category) {
	t.Helper()
	arts := map[int64]*content.Article{}
	for _, id := range seedIDs {
		arts[id] = article(t, st, id)
	}
	cs, err := st.Categories(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return arts, cs
}

func TestReimportChangesNothing(t *testing.T) {
	st := openStore(t)
	importSeed(t, st)
	arts, cats := snapshot(t, st)
	sum := importSeed(t, st)
	if sum.Unchanged != 12 || sum.Imported != 0 || sum.Updated != 0 || sum.Failed != 0 || len(sum.Categories) != 0 {
		t.Fatalf("second import %+v", sum)
	}
	arts2, cats2 := snapshot(t, st)
	if !reflect.DeepEqual(arts, arts2) {
		t.Error("articles changed by a second import")
	}
	if !reflect.DeepEqual(cats, cats2) {
		t.Errorf("categories changed: %v → %v", cats, cats2)
	}
	if n, _ := st.ArticleCount(context.Background()); n != 12 {
		t.Errorf("%d articles", n)
	}
}

func TestModifiedRowIsUpdated(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	importSeed(t, st)

	// The newsroom has since counted views and tagged the article.
	if err := st.AddViews(ctx, map[int64]int64{271330: 42}); err != nil {
		t.Fatal(err)
	}
	a := article(t, st, 271330)
	a.Tags = []content.Tag{{Name: "Thuận An"}}
	if err := st.UpdateArticle(ctx, a); err != nil {
		t.Fatal(err)
	}

	data, err := os.ReadFile(seedFile)
	if err != nil {
		t.Fatal(err)
	}
	in := strings.Replace(string(data),
		"Phòng văn hóa thông tin Tp.Thuận An: Bồi dưỡng kiến thức công nghệ thông tin cho cán bộ",
		"Phòng Văn hóa - Thông tin TP. Thuận An bồi dưỡng kiến thức công nghệ thông tin", 1)
	sum := importString(t, st, in)
	if sum.Updated != 1 || sum.Unchanged != 11 || sum.Imported != 0 || sum.Failed != 0 {
		t.Fatalf("summary %+v", sum)
	}
	b := article(t, st, 271330)
	if b.Title != "Phòng Văn hóa - Thông tin TP. Thuận An bồi dưỡng kiến thức công nghệ thông tin" ||
		b.Slug != "phong-van-hoa-thong-tin-tp-thuan-an-boi-duong-kien-thuc-cong-nghe-thong-tin" {
		t.Errorf("title %q slug %q", b.Title, b.Slug)
	}
	if b.Views != 42 || len(b.Tags) != 1 || b.Tags[0].Name != "Thuận An" {
		t.Errorf("views %d tags %+v: the newsroom's additions must be kept", b.Views, b.Tags)
	}
	if !b.UpdatedAt.Equal(a.UpdatedAt) {
		t.Errorf("updated at %v, want the old publish time %v", b.UpdatedAt, a.UpdatedAt)
	}
	// And once more: now unchanged.
	if sum := importString(t, st, in); sum.Unchanged != 12 {
		t.Errorf("third import %+v", sum)
	}
}

func TestBadRows(t *testing.T) {
	st := openStore(t)
	good := func(id, title string) string {
		return `{"news_id":` + id + `,"news_title":"` + title + `","newcate_code1":"thoi-su","news_publicdate":"2023-03-01 10:00:00","news_createdate":"2023-03-01 09:00:00"}`
	}
	lines := []string{
		"\ufeff" + good("1", "Bài một"),     // 1: BOM
		"",                                  // 2: blank
		`{"news_id": 2, "news_title": "x",`, // 3
		`[1, 2]`,                            // 4
		`{"news_title":"Không có mã","newcate_code1":"thoi-su","news_publicdate":""}`, // 5
		good(`"abc"`, "Chữ"),  // 6
		good("0", "Số không"), // 7
		good("-5", "Số âm"),   // 8
		`{"news_id":9,"news_title":"  ","newcate_code1":"thoi-su","news_publicdate":"2023-03-01 10:00:00"}`,        // 9
		`{"news_id":10,"news_title":"Thiếu chuyên mục","news_publicdate":"2023-03-01 10:00:00"}`,                   // 10
		`{"news_id":11,"news_title":"Mã sai","newcate_code1":"Tin Tức","news_publicdate":"2023-03-01 10:00:00"}`,   // 11
		`{"news_id":12,"news_title":"Ngày sai","newcate_code1":"thoi-su","news_publicdate":"25/01/2022 07:11:58"}`, // 12
		good("1", "Trùng số"), // 13
		`{"news_id":"14","news_title":"Bản nháp","newcate_code1":"thoi-su","news_publicdate":"0000-00-00 00:00:00","news_createdate":"2023-02-01 08:00:00","news_type":"1"}`, // 14
		`{"news_id":15,"news_title":"Không ngày","newcate_code1":"thoi-su","news_publicdate":"0000-00-00 00:00:00","news_createdate":"0000-00-00 00:00:00"}`,                 // 15
		`{"news_id":16,"news_title":["mảng"],"newcate_code1":"thoi-su"}`,                                                                                                     // 16
		`{"news_id":19,"news_title":"x"}}`, // 17
		"   ",                              // 18: blank
		good(`" 19 "`, "Bài cuối"),         // 19, no line end
	}
	in := strings.Join(lines, "\r\n")
	sum := importString(t, st, in)
	wantErrors := []RowError{
		{3, "dòng 3: không đọc được JSON (dòng kết thúc giữa chừng)"},
		{4, "dòng 4: mỗi dòng phải là một đối tượng JSON {…}"},
		{5, "dòng 5: thiếu news_id"},
		{6, `dòng 6: news_id không hợp lệ: "abc" (cần một số nguyên dương)`},
		{7, `dòng 7: news_id không hợp lệ: "0" (cần một số nguyên dương)`},
		{8, `dòng 8: news_id không hợp lệ: "-5" (cần một số nguyên dương)`},
		{9, "dòng 9: thiếu news_title"},
		{10, "dòng 10: thiếu newcate_code1 (mã chuyên mục)"},
		{11, `dòng 11: mã chuyên mục "Tin Tức" không hợp lệ (chỉ được gồm chữ thường a-z, số 0-9 và dấu gạch ngang)`},
		{12, `dòng 12: news_publicdate không hợp lệ: "25/01/2022 07:11:58" (cần dạng 2022-01-25 07:11:58)`},
		{13, "dòng 13: news_id 1 trùng với dòng 1"},
		{15, "dòng 15: thiếu cả news_publicdate lẫn news_createdate"},
		{16, "dòng 16: news_title phải là chuỗi hoặc số"},
		{17, "dòng 17: không đọc được JSON (lỗi cú pháp ở ký tự thứ 32)"},
	}
	if !reflect.DeepEqual(sum.Errors, wantErrors) {
		t.Errorf("errors:\n%s", diffRows(sum.Errors, wantErrors))
	}
	if sum.Imported != 3 || sum.Failed != len(wantErrors) || sum.Lines != 17 {
		t.Errorf("summary %+v", sum)
	}
	if a := article(t, st, 1); a.Title != "Bài một" {
		t.Errorf("row 1 title %q", a.Title)
	}
	if a := article(t, st, 19); a.Title != "Bài cuối" {
		t.Errorf("row 19 title %q", a.Title)
	}
	// The zero publish date made a draft, dated by its creation.
	d := article(t, st, 14)
	created := time.Date(2023, 2, 1, 1, 0, 0, 0, time.UTC)
	if d.Status != content.StatusDraft || !d.PublishedAt.IsZero() || !d.CreatedAt.Equal(created) ||
		!d.UpdatedAt.Equal(created) || d.Type != content.TypePhotoStory || d.PublicAt(fixedNow()) {
		t.Errorf("draft %+v", d)
	}
	for _, id := range []int64{2, 9, 10, 11, 12, 15, 16} {
		if _, err := st.Article(context.Background(), id); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("bad row %d was written (%v)", id, err)
		}
	}
	// The guessed category name.
	if len(sum.Categories) != 1 || sum.Categories[0].Name != "Thời sự" {
		t.Errorf("categories %+v", sum.Categories)
	}
}

func diffRows(got, want []RowError) string {
	var b strings.Builder
	for i := 0; i < max(len(got), len(want)); i++ {
		var g, w RowError
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		mark := "  "
		if g != w {
			mark = "! "
		}
		b.WriteString(mark + "got  " + g.Reason + "\n" + mark + "want " + w.Reason + "\n")
	}
	return b.String()
}

func TestLongLineAndLineEnds(t *testing.T) {
	st := openStore(t)
	big := strings.Repeat("<p>Một đoạn văn dài của bài báo điện tử.</p>", 80000) // ~4 MB
	in := `{"news_id":1,"news_title":"Dài","newcate_code1":"thoi-su","news_publicdate":"2023-03-01 10:00:00","news_content":"` + big + `"}` + "\r\n\r\n" +
		`{"news_id":2,"news_title":"Ngắn","newcate_code1":"thoi-su","news_publicdate":"2023-03-01 10:00:00"}` + "\n"
	sum := importString(t, st, in)
	if sum.Imported != 2 || sum.Failed != 0 {
		t.Fatalf("summary %+v", sum)
	}
	if a := article(t, st, 1); strings.Count(a.Body, "<p>") != 80000 {
		t.Errorf("long body has %d paragraphs", strings.Count(a.Body, "<p>"))
	}
}

func TestCategoryRules(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	mk := func(code, name string, parent int64) content.Category {
		c := content.Category{Code: code, Name: name, ParentID: parent}
		if err := st.CreateCategory(ctx, &c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	other := mk("khac", "Khác", 0)
	moved := mk("tp-thuan-an", "Thuận An (đã chuyển)", other.ID)
	parentSub := mk("xa-hoi-con", "Xã hội con", other.ID)
	topAlready := mk("the-thao", "Thể thao", 0)

	row := func(id, code1, code2 string) string {
		return `{"news_id":` + id + `,"news_title":"Bài ` + id + `","newcate_code1":"` + code1 + `","newcate_code2":"` + code2 + `","news_publicdate":"2023-03-01 10:00:00"}`
	}
	in := strings.Join([]string{
		row("1", "chuyen-trang-dia-phuong", "tp-thuan-an"), // existing sub under another parent
		row("2", "chuyen-trang-dia-phuong", "tp-thuan-an"), // warned once only
		row("3", "xa-hoi-con", "phuong-moi"),               // top code is a sub-section
		row("4", "bong-da", "the-thao"),                    // sub code is a top-level section
		row("5", "tp-abc-xyz", ""),                         // unknown top code
		row("6", "tp-abc-xyz", "tp-abc-xyz"),               // same code twice
		row("7", "tp-abc-xyz", "phuong-1"),                 // unknown sub code
	}, "\n")
	sum := importString(t, st, in)
	if sum.Imported != 7 || sum.Failed != 0 {
		t.Fatalf("summary %+v", sum)
	}
	cats := categoriesByCode(t, st)
	check := func(id int64, want content.Category) {
		t.Helper()
		if a := article(t, st, id); a.CategoryID != want.ID {
			t.Errorf("article %d in category %d, want %s (%d)", id, a.CategoryID, want.Code, want.ID)
		}
	}
	check(1, moved)
	check(2, moved)
	check(3, parentSub)
	check(4, topAlready)
	check(5, cats["tp-abc-xyz"])
	check(6, cats["tp-abc-xyz"])
	check(7, cats["phuong-1"])
	if _, ok := cats["chuyen-trang-dia-phuong"]; ok {
		t.Error("top category created although its sub-section exists elsewhere")
	}
	if _, ok := cats["phuong-moi"]; ok {
		t.Error("a third level was created")
	}
	if c := cats["phuong-1"]; c.ParentID != cats["tp-abc-xyz"].ID || c.Name != "Phuong 1" {
		t.Errorf("phuong-1 = %+v", c)
	}
	if c := cats["tp-abc-xyz"]; c.Name != "Tp Abc Xyz" || c.ParentID != 0 {
		t.Errorf("tp-abc-xyz = %+v", c)
	}
	if len(sum.Categories) != 2 || !sum.Categories[0].NameGuessed || !sum.Categories[1].NameGuessed ||
		sum.Categories[1].ParentCode != "tp-abc-xyz" {
		t.Errorf("created %+v", sum.Categories)
	}
	var lines []int
	for _, w := range sum.Warnings {
		lines = append(lines, w.Line)
	}
	if !reflect.DeepEqual(lines, []int{1, 3, 4}) {
		t.Errorf("warnings %v", sum.Warnings)
	}
	if len(sum.Warnings) == 3 && !strings.Contains(sum.Warnings[0].Reason, `chuyên mục con "tp-thuan-an" đã thuộc "khac"`) {
		t.Errorf("warning %q", sum.Warnings[0].Reason)
	}
}

// failingStore fails any batch holding article badID, as a database refusing
// one row would.
type failingStore struct {
	store.Store
	badID   int64
	batches int
}

func (f *failingStore) CreateArticles(ctx context.Context, as []*content.Article) error {
	f.batches++
	for _, a := range as {
		if a.ID == f.badID {
			return errors.New("disk I/O error")
		}
	}
	return f.Store.CreateArticles(ctx, as)
}

func TestFailedBatchFallsBackToRows(t *testing.T) {
	st := &failingStore{Store: openStore(t), badID: 271329}
	sum := importSeed(t, st)
	if sum.Imported != 11 || sum.Failed != 1 || len(sum.Errors) != 1 {
		t.Fatalf("summary %+v", sum)
	}
	if e := sum.Errors[0]; e.Line != 4 || e.Reason != "dòng 4: không ghi được bài 271329 vào cơ sở dữ liệu (disk I/O error)" {
		t.Errorf("error %+v", e)
	}
	if st.batches != 1+12 {
		t.Errorf("%d CreateArticles calls, want one batch then one per row", st.batches)
	}
	if _, err := st.Article(context.Background(), 271328); err != nil {
		t.Error(err)
	}
}

func TestBatchesOfBatchSize(t *testing.T) {
	st := &failingStore{Store: openStore(t)}
	var b strings.Builder
	for i := 1; i <= BatchSize*2+3; i++ {
		b.WriteString(`{"news_id":` + strconv.Itoa(i) + `,"news_title":"Bài","newcate_code1":"thoi-su","news_publicdate":"2023-03-01 10:00:00"}` + "\n")
	}
	sum := importString(t, st, b.String())
	if sum.Imported != BatchSize*2+3 || st.batches != 3 {
		t.Errorf("imported %d in %d batches", sum.Imported, st.batches)
	}
}

func TestSanitizedContentAndWarnings(t *testing.T) {
	st := openStore(t)
	in := `{"news_id":5,"news_title":"Nhà &quot;xanh&quot;","newcate_code1":"thoi-su","news_publicdate":"2030-01-01 08:00:00",` +
		`"news_sapo":"<p><strong>Sapo</strong> &amp; lời dẫn</p>","news_author":"Bài, ảnh: MINH DUY, Quang Tám; Theo TTXVN","news_lang":"VI","news_type":"9",` +
		`"news_content":"<p onclick=\"x()\">Chữ<script>alert(1)</script></p><img src=\"/uploads/a.jpg\"><img src=\"/media/ab/abc.jpg\">"}`
	sum := importString(t, st, in)
	if sum.Imported != 1 {
		t.Fatalf("summary %+v", sum)
	}
	a := article(t, st, 5)
	if a.Title != `Nhà "xanh"` || a.Sapo != "Sapo & lời dẫn" || a.Lang != "vi" || a.Type != content.TypeNormal {
		t.Errorf("title %q sapo %q lang %q type %d", a.Title, a.Sapo, a.Lang, a.Type)
	}
	if a.Body != `<p>Chữ</p>`+"\n"+`<p><img src="/media/ab/abc.jpg" loading="lazy"></p>` {
		t.Errorf("body %q", a.Body)
	}
	var names []string
	for _, au := range a.Authors {
		names = append(names, au.Name)
	}
	if !reflect.DeepEqual(names, []string{"Minh Duy", "Quang Tám"}) {
		t.Errorf("authors %v", names)
	}
	var reasons []string
	for _, w := range sum.Warnings {
		reasons = append(reasons, w.Reason)
	}
	want := []string{
		`dòng 1: news_type "9" không rõ, nhập như bài thường`,
		"dòng 1: ngày đăng 01-01-2030 | 08:00:00 ở tương lai: bài sẽ hiện với bạn đọc khi đến giờ",
		"dòng 1: bỏ 1 ảnh trong nội dung vì địa chỉ ảnh không dùng được (chỉ nhận /media/… hoặc http(s)://…)",
	}
	if !reflect.DeepEqual(reasons, want) {
		t.Errorf("warnings\n%q\nwant\n%q", reasons, want)
	}
}

func TestCancel(t *testing.T) {
	st := openStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ImportFile(ctx, st, seedFile, Options{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err %v", err)
	}
}

func TestImportFileMissing(t *testing.T) {
	_, err := ImportFile(context.Background(), openStore(t), filepath.Join(t.TempDir(), "khong-co.jsonl"), Options{})
	if err == nil || !strings.HasPrefix(err.Error(), "mở tệp: ") {
		t.Errorf("err %v", err)
	}
}

func TestReport(t *testing.T) {
	sum := Summary{
		Lines: 5, Imported: 2, Updated: 1, Unchanged: 1, Failed: 1, Pictures: 2,
		Errors:     []RowError{{3, "dòng 3: thiếu news_title"}},
		Warnings:   []RowError{{4, "dòng 4: news_type \"9\" không rõ, nhập như bài thường"}},
		Categories: []NewCategory{{Code: "thoi-su", Name: "Thời sự"}, {Code: "tp-abc", Name: "Tp Abc", ParentCode: "thoi-su", NameGuessed: true}},
	}
	want := `Đã đọc 5 dòng: 2 bài mới, 1 bài cập nhật, 1 bài không đổi, 1 dòng lỗi.
Đã tạo 2 chuyên mục mới:
  - Thời sự (thoi-su)
  - Tp Abc (tp-abc), thuộc thoi-su — tên tạm đặt theo mã
1 chuyên mục có tên tạm đặt theo mã, chưa có dấu: hãy đặt lại tên trong trang quản trị.
2 bài có ảnh đại diện cũ (news_picture) chưa được chuyển vì tệp xuất không kèm tệp ảnh; bài vẫn hiển thị, chưa có ảnh đại diện.
Dòng lỗi, không nhập được (1):
  dòng 3: thiếu news_title
Lưu ý (1):
  dòng 4: news_type "9" không rõ, nhập như bài thường
`
	if got := sum.Report(); got != want {
		t.Errorf("Report:\n%s\nwant:\n%s", got, want)
	}
}

func TestSplitAuthors(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"THU THẢO - CHÂU TIẾN", []string{"Thu Thảo", "Châu Tiến"}},
		{"Minh Duy, Quang Tám", []string{"Minh Duy", "Quang Tám"}},
		{"Bài và ảnh: PHƯƠNG LÊ", []string{"Phương Lê"}},
		{"Theo TTXVN", nil},
		{"Thu Thảo - THU THẢO", []string{"Thu Thảo"}},
		{"", nil},
		{" - , ; ", nil},
		{"NGUYỄN VĂN A.", []string{"Nguyễn Văn A"}},
	} {
		var got []string
		for _, a := range splitAuthors(c.in) {
			got = append(got, a.Name)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("splitAuthors(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	for _, c := range []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2022-01-25 07:11:58", time.Date(2022, 1, 25, 0, 11, 58, 0, time.UTC), true},
		{"2022-01-25T07:11:58", time.Date(2022, 1, 25, 0, 11, 58, 0, time.UTC), true},
		{"2022-01-25", time.Date(2022, 1, 24, 17, 0, 0, 0, time.UTC), true},
		{" 2022-01-01 00:30:00 ", time.Date(2021, 12, 31, 17, 30, 0, 0, time.UTC), true},
		{"0000-00-00 00:00:00", time.Time{}, true},
		{"", time.Time{}, true},
		{"2022-02-30 10:00:00", time.Time{}, false},
		{"hôm qua", time.Time{}, false},
	} {
		got, ok := parseDate(c.in)
		if ok != c.ok || !got.Equal(c.want) {
			t.Errorf("parseDate(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestCategoryName(t *testing.T) {
	for code, want := range map[string]string{
		"chuyen-trang-dia-phuong":  "Chuyên trang địa phương",
		"tp-thu-dau-mot":           "TP. Thủ Dầu Một",
		"tp-thuan-an":              "TP. Thuận An",
		"tx-ben-cat":               "TX. Bến Cát",
		"doanh-nghiep-thuong-hieu": "Doanh nghiệp - Thương hiệu",
		"tp-thu-dau-mot-2":         "Tp Thu Dau Mot 2",
	} {
		if got, _ := CategoryName(code); got != want {
			t.Errorf("CategoryName(%q) = %q, want %q", code, got, want)
		}
	}
}

// TestNewsroomEditsSurviveReimport: an article the managing editor has
// withdrawn since the first import stays withdrawn when the old dump is
// imported again, changed row or not; the report says it was kept.
func TestNewsroomEditsSurviveReimport(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	importSeed(t, st)
	chief := &store.User{Username: "thu.ky", DisplayName: "Thư Ký", Role: auth.ManagingEditor, PasswordHash: "x",
		CreatedAt: fixedNow()}
	if err := st.CreateUser(ctx, chief, store.AuditEntry{At: fixedNow(), Action: auth.EventUserCreate}); err != nil {
		t.Fatal(err)
	}
	if err := st.Transition(ctx, store.TransitionRequest{ArticleID: 271330, From: content.StatusPublished, To: content.StatusUnpublished,
		UserID: chief.ID, At: fixedNow(), Note: "Sai tên cơ quan", Audit: store.AuditEntry{At: fixedNow(), Action: "article.unpublish"}}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(seedFile)
	if err != nil {
		t.Fatal(err)
	}
	in := strings.Replace(string(data),
		"Phòng văn hóa thông tin Tp.Thuận An: Bồi dưỡng kiến thức công nghệ thông tin cho cán bộ",
		"Tiêu đề cũ sửa trong tệp xuất", 1)
	sum := importString(t, st, in)
	if sum.Kept != 1 || sum.Unchanged != 11 || sum.Updated != 0 || sum.Failed != 0 {
		t.Fatalf("summary %+v", sum)
	}
	b := article(t, st, 271330)
	if b.Status != content.StatusUnpublished || b.Title == "Tiêu đề cũ sửa trong tệp xuất" {
		t.Errorf("the import put back %s %q", b.Status, b.Title)
	}
	if !strings.Contains(sum.Report(), "1 bài đã được tòa soạn sửa sau lần nhập trước nên được giữ nguyên") {
		t.Errorf("report:\n%s", sum.Report())
	}
}
