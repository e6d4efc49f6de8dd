package demo

import (
	"bytes"
	"context"
	"errors"
	"image/jpeg"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/media"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/store/sqlite"
	"github.com/toasoan/toasoan/viet"
)

var testNow = time.Date(2022, 5, 16, 8, 40, 0, 0, content.Location)

var tmpRoot string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "demo-test-")
	if err != nil {
		panic(err)
	}
	tmpRoot = dir
	code := m.Run()
	if sharedGen.g.st != nil {
		sharedGen.g.st.Close()
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// openStore opens a fresh SQLite store; with t it is closed when t ends.
func openStore(t testing.TB, keep bool) (*sqlite.Store, string) {
	t.Helper()
	dir, err := os.MkdirTemp(tmpRoot, "run-")
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(context.Background(), filepath.Join(dir, "demo.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !keep {
		t.Cleanup(func() { st.Close() })
	}
	return st, dir
}

type generated struct {
	st       *sqlite.Store
	stats    Stats
	mediaDir string
	articles []*content.Article
}

func generate(t *testing.T, seed int64, n int, pictures bool) generated {
	return generateKeep(t, seed, n, pictures, false)
}

func generateKeep(t *testing.T, seed int64, n int, pictures, keep bool) generated {
	t.Helper()
	st, dir := openStore(t, keep)
	g := generated{st: st}
	if pictures {
		g.mediaDir = filepath.Join(dir, "media")
	}
	var calls int
	stats, err := Generate(context.Background(), st, Options{Articles: n, Seed: seed, Now: testNow,
		MediaDir: g.mediaDir, Progress: func(done, total int) {
			calls++
			if total != n || done > total {
				t.Errorf("progress %d/%d", done, total)
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	if calls == 0 {
		t.Error("Progress never called")
	}
	g.stats = stats
	if stats.Articles != n {
		t.Fatalf("stats.Articles = %d, want %d", stats.Articles, n)
	}
	ctx := context.Background()
	for id := int64(1); id <= int64(n); id++ {
		a, err := st.Article(ctx, id)
		if err != nil {
			t.Fatalf("article %d: %v", id, err)
		}
		g.articles = append(g.articles, a)
	}
	return g
}

// cache the generation with pictures used by most tests: large enough that
// generated articles outnumber the hand-written stories, which take the
// newest slots of their sections.
var sharedGen struct {
	done bool
	g    generated
}

const sharedArticles = 2400

func shared(t *testing.T) generated {
	if !sharedGen.done {
		sharedGen.g = generateKeep(t, 42, sharedArticles, true, true)
		sharedGen.done = true
	}
	return sharedGen.g
}

func TestDeterministic(t *testing.T) {
	a := shared(t)
	b := generate(t, 42, sharedArticles, true)
	for i := range a.articles {
		x, y := *a.articles[i], *b.articles[i]
		if !reflect.DeepEqual(x, y) {
			t.Fatalf("article %d differs between runs with the same seed:\n%+v\n%+v", x.ID, x, y)
		}
	}
	ctx := context.Background()
	sa, _ := a.st.Settings(ctx)
	sb, _ := b.st.Settings(ctx)
	if !reflect.DeepEqual(sa, sb) {
		t.Error("settings differ")
	}
	ca, _ := a.st.Categories(ctx)
	cb, _ := b.st.Categories(ctx)
	if !reflect.DeepEqual(ca, cb) {
		t.Error("categories differ")
	}
	for id := int64(1); id <= int64(a.stats.Pictures); id++ {
		ma, err1 := a.st.Media(ctx, id)
		mb, err2 := b.st.Media(ctx, id)
		if err1 != nil || err2 != nil || !reflect.DeepEqual(ma, mb) {
			t.Fatalf("media %d differs: %v %v", id, err1, err2)
		}
	}

	// Another seed writes other articles; every seed publishes the same
	// hand-written stories, so they are left out of the comparison.
	c := generate(t, 43, sharedArticles, true)
	stories, err := loadedStories()
	if err != nil {
		t.Fatal(err)
	}
	story := map[string]bool{}
	for _, s := range stories {
		story[s.title] = true
	}
	same := 0
	for i := range a.articles {
		if story[a.articles[i].Title] {
			continue
		}
		if a.articles[i].Title == c.articles[i].Title && a.articles[i].Body == c.articles[i].Body {
			same++
		}
	}
	if same > 3 {
		t.Errorf("seeds 42 and 43 share %d of %d articles", same, sharedArticles)
	}
}

func TestSectionsAndSettings(t *testing.T) {
	g := shared(t)
	ctx := context.Background()
	cats, err := g.st.Categories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(cats) != g.stats.Categories {
		t.Errorf("%d categories, stats say %d", len(cats), g.stats.Categories)
	}
	byCode := map[string]content.Category{}
	for _, c := range cats {
		byCode[c.Code] = c
	}
	parents := map[string]string{
		"chuyen-trang-dia-phuong": "", "tp-thu-dau-mot": "chuyen-trang-dia-phuong",
		"tp-thuan-an": "chuyen-trang-dia-phuong", "tx-ben-cat": "chuyen-trang-dia-phuong",
		"tp-di-an": "chuyen-trang-dia-phuong", "tx-tan-uyen": "chuyen-trang-dia-phuong",
		"h-bau-bang": "chuyen-trang-dia-phuong", "h-dau-tieng": "chuyen-trang-dia-phuong",
		"h-phu-giao": "chuyen-trang-dia-phuong", "h-bac-tan-uyen": "chuyen-trang-dia-phuong",
		"doanh-nghiep-thuong-hieu": "", "thoi-su": "", "chinh-tri": "thoi-su", "xay-dung-dang": "thoi-su",
		"kinh-te": "", "dau-tu": "kinh-te", "nong-nghiep": "kinh-te", "xa-hoi": "", "giao-duc": "xa-hoi",
		"y-te": "xa-hoi", "phap-luat": "xa-hoi", "van-hoa-van-nghe": "", "the-thao": "", "bong-da": "the-thao",
		"the-thao-trong-nuoc": "the-thao", "quoc-te": "",
	}
	for code, parent := range parents {
		c, ok := byCode[code]
		if !ok {
			t.Errorf("section %s missing", code)
			continue
		}
		if parent == "" && c.ParentID != 0 {
			t.Errorf("%s should be top-level", code)
		}
		if parent != "" && c.ParentID != byCode[parent].ID {
			t.Errorf("%s should be under %s", code, parent)
		}
	}
	if c := byCode["tp-thu-dau-mot"]; c.Name != "TP. Thủ Dầu Một" {
		t.Errorf("tp-thu-dau-mot is named %q", c.Name)
	}
	for _, c := range cats {
		if c.Code != viet.Slug(c.Name) {
			t.Errorf("section %q has code %q, want its slug %q", c.Name, c.Code, viet.Slug(c.Name))
		}
		if !isNFC(c.Name) || !isNFC(c.Description) {
			t.Errorf("section %s is not NFC", c.Code)
		}
	}
	settings, err := g.st.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{content.SettingSiteName, content.SettingAgency, content.SettingLicence,
		content.SettingLicenceDate, content.SettingLicenceIssuer, content.SettingAddress, content.SettingPhone,
		content.SettingEmail, content.SettingEditorInChief} {
		if strings.TrimSpace(settings[k]) == "" {
			t.Errorf("setting %s is empty", k)
		}
	}
	if !strings.Contains(settings[content.SettingSiteName], "trình diễn") {
		t.Errorf("site name %q does not say it is a demo", settings[content.SettingSiteName])
	}
}

func TestArticles(t *testing.T) {
	g := shared(t)
	now := testNow.UTC()
	var withH2, withQuote, withFigure, withPicture, lastDay int
	titles := map[string]int{}
	bySecond := map[int64]int{}
	authors := map[string]bool{}
	stories, err := loadedStories()
	if err != nil {
		t.Fatal(err)
	}
	storyBody := map[string]string{}
	for _, s := range stories {
		storyBody[s.title] = s.bodyHTML()
	}
	written := 0 // articles that are hand-written stories
	for _, a := range g.articles {
		if a.Status != content.StatusPublished || a.Lang != "vi" {
			t.Fatalf("article %d: status %q lang %q", a.ID, a.Status, a.Lang)
		}
		if a.PublishedAt.After(now) {
			t.Errorf("article %d published %v after now %v", a.ID, a.PublishedAt, now)
		}
		if a.CreatedAt.After(a.PublishedAt) {
			t.Errorf("article %d created %v after publishing %v", a.ID, a.CreatedAt, a.PublishedAt)
		}
		if a.UpdatedAt.Before(a.PublishedAt) || a.UpdatedAt.After(now) {
			t.Errorf("article %d updated %v (published %v)", a.ID, a.UpdatedAt, a.PublishedAt)
		}
		if now.Sub(a.PublishedAt) > 190*24*time.Hour {
			t.Errorf("article %d published %v, too long ago", a.ID, a.PublishedAt)
		}
		if now.Sub(a.PublishedAt) <= 24*time.Hour {
			lastDay++
		}
		if !a.Type.Valid() {
			t.Errorf("article %d type %d", a.ID, a.Type)
		}
		titles[a.Title]++
		bySecond[a.PublishedAt.Unix()]++
		for _, s := range []string{a.Title, a.Sapo, a.Body, a.Byline, a.PictureCaption} {
			if !isNFC(s) {
				t.Fatalf("article %d has text that is not NFC: %q", a.ID, s)
			}
		}
		if a.Slug == "" || strings.ContainsAny(a.Slug, " đĐ") {
			t.Errorf("article %d slug %q", a.ID, a.Slug)
		}
		if n := len(a.Tags); n < 1 || n > 4 {
			t.Errorf("article %d has %d tags", a.ID, n)
		}
		if n := len(a.Authors); n < 1 || n > 2 {
			t.Errorf("article %d has %d authors", a.ID, n)
		}
		for _, au := range a.Authors {
			authors[au.Slug] = true
		}
		if pen, _, _ := strings.Cut(a.Byline, " ("); pen == "" || pen != strings.ToUpper(pen) {
			t.Errorf("article %d byline %q", a.ID, a.Byline)
		}
		if a.Views < 0 {
			t.Errorf("article %d views %d", a.ID, a.Views)
		}
		if a.PictureID != 0 {
			if a.Picture == nil || a.PictureCaption == "" {
				t.Errorf("article %d picture %d without record or caption", a.ID, a.PictureID)
			}
		}
		checkBody(t, a)
		if body, ok := storyBody[a.Title]; ok {
			written++
			if a.Body != body || a.Type != content.TypeNormal {
				t.Errorf("article %d: story %q published with another body or type %d", a.ID, a.Title, a.Type)
			}
			continue // the shape of generated articles is checked below
		}
		if a.PictureID != 0 {
			withPicture++
		}
		if strings.Contains(a.Body, "<h2>") {
			withH2++
		}
		if strings.Contains(a.Body, `<blockquote class="quote"><p>“`) && strings.Contains(a.Body, "</cite></blockquote>") {
			withQuote++
		}
		if strings.Contains(a.Body, `<figure class="image"><img src="/media/`) && strings.Contains(a.Body, "<figcaption>Trong ảnh: ") {
			withFigure++
		}
	}
	n := len(g.articles) - written
	t.Logf("h2 %d, quote %d, figure %d, picture %d, last 24h %d, distinct titles %d, authors %d of %d generated, %d hand-written",
		withH2, withQuote, withFigure, withPicture, lastDay, len(titles), len(authors), n, written)
	if written == 0 {
		t.Error("no hand-written story was published")
	}
	if withH2 < n*6/10 || withQuote < n*4/10 || withFigure < n*4/10 {
		t.Errorf("too few articles with h2 (%d), quote (%d) or figure (%d)", withH2, withQuote, withFigure)
	}
	if withPicture < n*6/10 || withPicture > n*85/100 {
		t.Errorf("%d of %d articles have a featured picture", withPicture, n)
	}
	if lastDay < 3 {
		t.Errorf("only %d articles in the last 24 hours", lastDay)
	}
	if len(titles) < n*9/10 {
		t.Errorf("only %d distinct titles in %d articles", len(titles), n)
	}
	if len(authors) < 25 {
		t.Errorf("only %d reporters credited", len(authors))
	}
	biggest := 0
	for _, c := range bySecond {
		biggest = max(biggest, c)
	}
	if biggest < 3 {
		t.Errorf("no batch of 3 or more articles shares a publish second (largest %d)", biggest)
	}
}

// checkBody parses the body and checks it only uses the agreed markup.
func checkBody(t *testing.T, a *content.Article) {
	t.Helper()
	if strings.ContainsAny(stripTags(a.Body), `<>"&`) {
		t.Errorf("article %d body text has raw HTML characters", a.ID)
	}
	allowed := map[string]bool{"p": true, "h2": true, "h3": true, "figure": true, "img": true, "figcaption": true,
		"blockquote": true, "cite": true, "ul": true, "li": true}
	blocks, depth := 0, 0
	for _, m := range tagRE.FindAllStringSubmatch(a.Body, -1) {
		closing, name := m[1] == "/", m[2]
		if !allowed[name] {
			t.Fatalf("article %d uses <%s>", a.ID, name)
		}
		switch {
		case name == "img":
		case closing:
			depth--
		default:
			if depth == 0 {
				blocks++
			}
			depth++
		}
	}
	if depth != 0 {
		t.Errorf("article %d body is unbalanced", a.ID)
	}
	if blocks < 4 || blocks > 30 {
		t.Errorf("article %d body has %d blocks", a.ID, blocks)
	}
}

var tagRE = regexp.MustCompile(`<(/?)([a-z0-9]+)[^>]*>`)

func isNFC(s string) bool { return viet.Normalize(s) == s }

func stripTags(s string) string {
	var b strings.Builder
	in, inQuote := false, false
	for _, r := range s {
		switch {
		case in && r == '"':
			inQuote = !inQuote
		case r == '<' && !in:
			in = true
		case r == '>' && in && !inQuote:
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestPicturesOnDisk(t *testing.T) {
	g := shared(t)
	if g.stats.Pictures < 30 {
		t.Fatalf("only %d pictures", g.stats.Pictures)
	}
	ctx := context.Background()
	sizes := map[int64]bool{}
	for id := int64(1); id <= int64(g.stats.Pictures); id++ {
		m, err := g.st.Media(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if m.Ext != "jpg" || m.MIME != "image/jpeg" || m.Caption == "" || m.Credit == "" || m.CreatedAt.IsZero() {
			t.Errorf("media %d: %+v", id, m)
		}
		data, err := os.ReadFile(filepath.Join(g.mediaDir, filepath.FromSlash(strings.TrimPrefix(m.Path(), "/media/"))))
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(data)) != m.Size {
			t.Errorf("media %d: size %d on disk, %d recorded", id, len(data), m.Size)
		}
		img, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("media %d does not decode: %v", id, err)
		}
		if b := img.Bounds(); b.Dx() != m.Width || b.Dy() != m.Height {
			t.Errorf("media %d is %v, recorded %dx%d", id, b, m.Width, m.Height)
		}
		sizes[m.Size] = true
		// The site's sizes were made once per picture (media.Renditions).
		lib, err := g.st.LibraryItem(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(lib.Kind(content.RenditionFull)) < 3 || len(lib.Kind(content.RenditionWide)) < 3 || len(lib.Kind(content.RenditionThumb)) != 1 {
			t.Errorf("media %d renditions %+v", id, lib.Renditions)
		}
		for _, r := range lib.Renditions {
			if _, err := os.Stat(filepath.Join(g.mediaDir, filepath.FromSlash(strings.TrimPrefix(r.Path(), "/media/")))); err != nil {
				t.Errorf("media %d: %v", id, err)
			}
		}
	}
	if len(sizes) < g.stats.Pictures {
		t.Errorf("pictures are not all distinct")
	}
	// every figure in a body points at a stored picture
	for _, a := range g.articles[:50] {
		for _, part := range strings.Split(a.Body, `<img src="/media/`)[1:] {
			rel, _, _ := strings.Cut(part, `"`)
			if _, err := os.Stat(filepath.Join(g.mediaDir, filepath.FromSlash(rel))); err != nil {
				t.Errorf("article %d: %v", a.ID, err)
			}
		}
	}
}

func TestNoPictures(t *testing.T) {
	g := generate(t, 7, 120, false)
	if g.stats.Pictures != 0 {
		t.Errorf("%d pictures without MediaDir", g.stats.Pictures)
	}
	for _, a := range g.articles {
		if a.PictureID != 0 || strings.Contains(a.Body, "<figure") {
			t.Fatalf("article %d has a picture without MediaDir", a.ID)
		}
	}
}

func TestNonEmptyStore(t *testing.T) {
	st, _ := openStore(t, false)
	ctx := context.Background()
	if _, err := Generate(ctx, st, Options{Articles: 10, Seed: 1, Now: testNow}); err != nil {
		t.Fatal(err)
	}
	_, err := Generate(ctx, st, Options{Articles: 10, Seed: 1, Now: testNow})
	if !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("second Generate: %v, want ErrNotEmpty", err)
	}
	if n, _ := st.ArticleCount(ctx); n != 10 {
		t.Errorf("%d articles after the refused second run", n)
	}
}

func TestTeasersAndMostRead(t *testing.T) {
	g := shared(t)
	ctx := context.Background()
	now := testNow.UTC()
	ts, err := g.st.Teasers(ctx, store.TeaserQuery{Now: now, Limit: 10})
	if err != nil || len(ts) != 10 {
		t.Fatalf("teasers: %d, %v", len(ts), err)
	}
	mr, err := g.st.MostRead(ctx, now.Add(-7*24*time.Hour), now, 5)
	if err != nil || len(mr) == 0 {
		t.Fatalf("most read: %d, %v", len(mr), err)
	}
	if mr[0].Views < 500 {
		t.Errorf("most read this week has only %d views", mr[0].Views)
	}
}

func TestVocabulary(t *testing.T) {
	v := vocab()
	check := func(where string, ts []tmpl) {
		for _, tm := range ts {
			for _, s := range tm {
				if strings.ContainsAny(s.lit, `<>"&`) || !isNFC(s.lit) {
					t.Errorf("%s: bad literal %q", where, s.lit)
				}
			}
		}
	}
	for i := range v.domains {
		d := &v.domains[i]
		if len(d.titles) == 0 || len(d.heads) == 0 || len(d.subjects) == 0 || len(d.actions) == 0 ||
			len(d.facts) == 0 || len(d.quotes) == 0 || len(d.roles) == 0 || len(d.scenes) == 0 ||
			len(d.items) == 0 || len(d.tags) == 0 {
			t.Errorf("domain %s has an empty pool", d.name)
		}
		for _, p := range [][]tmpl{d.titles, d.heads, d.subjects, d.actions, d.results, d.facts, d.quotes,
			d.roles, d.scenes, d.items} {
			check(d.name, p)
		}
	}
	for _, n := range tagNames {
		if !isNFC(n) {
			t.Errorf("tag %q not NFC", n)
		}
	}
}

// TestDeferRenditions: with DeferRenditions the pictures are stored without
// renditions, and Stats.Renditions stores the very renditions Generate
// would have.
func TestDeferRenditions(t *testing.T) {
	ctx := context.Background()
	open := func() (*sqlite.Store, string) {
		dir := t.TempDir()
		st, err := sqlite.Open(ctx, filepath.Join(dir, "demo.db"), sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st, filepath.Join(dir, "media")
	}
	now, deferred := open()
	nowDir := deferred
	later, laterDir := open()
	if _, err := Generate(ctx, now, Options{Articles: 10, Seed: 5, Now: testNow, MediaDir: nowDir}); err != nil {
		t.Fatal(err)
	}
	stats, err := Generate(ctx, later, Options{Articles: 10, Seed: 5, Now: testNow, MediaDir: laterDir, DeferRenditions: true})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Renditions == nil || stats.Pictures == 0 {
		t.Fatalf("no deferred renditions: %+v", stats)
	}
	renditions := func(st *sqlite.Store) map[string][]content.Rendition {
		var hashes []string
		for id := int64(1); id <= int64(stats.Pictures); id++ {
			m, err := st.Media(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			hashes = append(hashes, m.Hash)
		}
		rs, err := st.RenditionsByHash(ctx, hashes)
		if err != nil {
			t.Fatal(err)
		}
		return rs
	}
	if rs := renditions(later); len(rs) != 0 {
		t.Fatalf("%d pictures have renditions before Stats.Renditions", len(rs))
	}
	if err := stats.Renditions(ctx); err != nil {
		t.Fatal(err)
	}
	want, got := renditions(now), renditions(later)
	if len(want) != stats.Pictures || !reflect.DeepEqual(want, got) {
		t.Fatalf("renditions differ:\n%v\n%v", want, got)
	}
	for _, rs := range got {
		for _, r := range rs {
			path, ok := media.Disk{Dir: laterDir}.Open(strings.TrimPrefix(r.Path(), "/media/"))
			if _, err := os.Stat(path); !ok || err != nil {
				t.Errorf("rendition file %s: %v", r.Path(), err)
			}
		}
	}
}
