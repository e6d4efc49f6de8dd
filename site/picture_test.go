package site

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/media"
	"github.com/toasoan/toasoan/store"
)

// libraryPicture stores a real picture in the fixture's library, as the
// newsroom's upload does.
func libraryPicture(t *testing.T, f *fixture, w, h int, caption string) *content.Media {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.SetRGBA(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), uint8(len(caption) * 9), 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	p, err := media.Process(b.Bytes(), media.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	m, err := f.site.media.Save(p, 0.3, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	m.Caption = caption
	if _, err := f.st.AddMedia(ctx, m, store.AuditEntry{At: f.now, Action: "media.upload"}); err != nil {
		t.Fatal(err)
	}
	return m
}

// imgs returns the <img> elements of a page, as attribute maps.
func imgs(t *testing.T, body string) []map[string]string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "img" {
			a := map[string]string{}
			for _, at := range n.Attr {
				a[at.Key] = at.Val
			}
			out = append(out, a)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// TestPicturesUseRenditions: featured pictures in teasers and articles,
// and library pictures inside article bodies, are served through srcset
// with the renditions made at upload, with width and height; the files
// are cached for a year.
func TestPicturesUseRenditions(t *testing.T) {
	f := newFixture(t)
	featured := libraryPicture(t, f, 1600, 900, "Ảnh đại diện")
	inBody := libraryPicture(t, f, 1000, 1400, "Ảnh trong bài")
	// Every fixture article's picture gets the featured one's renditions.
	if err := f.st.SetRenditions(ctx, f.seed.PictureID, featured.Renditions); err != nil {
		t.Fatal(err)
	}
	a, err := f.st.Article(ctx, f.seed.ID)
	if err != nil {
		t.Fatal(err)
	}
	a.Body += `<figure><img src="` + inBody.Path() + `" alt="Ảnh trong bài" width="1000" height="1400" loading="lazy"><figcaption>Ảnh trong bài</figcaption></figure>` +
		`<p><img src="/media/ab/abcdef.jpg" alt="tên lạ" loading="lazy"></p>`
	if err := f.st.UpdateArticle(ctx, a); err != nil {
		t.Fatal(err)
	}

	page := f.get(t, "GET", f.seed.Path())
	if page.status != 200 {
		t.Fatalf("article: %d", page.status)
	}
	checkMarkup(t, page.body)
	var lead, body, odd map[string]string
	for _, im := range imgs(t, page.body) {
		switch {
		case im["fetchpriority"] == "high":
			lead = im
		case im["alt"] == "Ảnh trong bài":
			body = im
		case im["alt"] == "tên lạ":
			odd = im
		}
	}
	full := featured.Kind(content.RenditionFull)
	if lead == nil || lead["srcset"] != content.Srcset(full) || lead["sizes"] != sizesArticle ||
		lead["width"] != "1200" || lead["height"] != "675" || lead["src"] != full[2].Path() {
		t.Errorf("lead picture %v", lead)
	}
	if !strings.Contains(lead["srcset"], " 320w") || !strings.Contains(lead["srcset"], " 1200w") {
		t.Errorf("lead srcset %q", lead["srcset"])
	}
	if body == nil || body["src"] != inBody.Path() || body["srcset"] != content.Srcset(inBody.Kind(content.RenditionFull)) ||
		body["sizes"] != sizesArticle || body["width"] != "1000" || body["loading"] != "lazy" {
		t.Errorf("body picture %v", body)
	}
	if odd == nil || odd["srcset"] != "" || odd["src"] != "/media/ab/abcdef.jpg" {
		t.Errorf("a picture the library does not know %v", odd)
	}

	// Teasers show the 3:2 crop around the focal point.
	home := f.get(t, "GET", "/")
	wide := featured.Kind(content.RenditionWide)
	teasers := 0
	for _, im := range imgs(t, home.body) {
		if im["srcset"] == "" {
			continue
		}
		teasers++
		if im["srcset"] != content.Srcset(wide) || im["width"] != "1200" || im["height"] != "800" {
			t.Errorf("teaser picture %v", im)
		}
		switch im["sizes"] {
		case sizesTop, sizesFeatured, sizesTeaser:
		default:
			t.Errorf("teaser sizes %q", im["sizes"])
		}
	}
	if teasers < 3 {
		t.Errorf("%d teasers with srcset on the home page", teasers)
	}
	list := f.get(t, "GET", "/the-thao/")
	if !strings.Contains(list.body, `srcset="`+wide[0].Path()+` 320w`) || !strings.Contains(list.body, `sizes="`+sizesTeaser+`"`) {
		t.Error("section page teasers have no srcset")
	}

	// A moved focal point shows once the site is told (or after ten seconds).
	moved := wide[len(wide)-1]
	moved.Hash = strings.Repeat("0f", 32)
	if err := f.st.SetRenditions(ctx, f.seed.PictureID, append(featured.Kind(content.RenditionFull), moved)); err != nil {
		t.Fatal(err)
	}
	f.site.Invalidate()
	if again := f.get(t, "GET", "/the-thao/"); !strings.Contains(again.body, moved.Path()+" 1200w") {
		t.Error("new crops are not shown after Invalidate")
	}

	// Renditions are served, cached for a year.
	for _, r := range []content.Rendition{full[0], wide[1]} {
		res := f.get(t, "GET", r.Path())
		if res.status != 200 || res.header.Get("Cache-Control") != "public, max-age=31536000, immutable" ||
			res.header.Get("Content-Type") != "image/jpeg" || len(res.body) != int(r.Size) {
			t.Errorf("%s: %d %v", r.Path(), res.status, res.header)
		}
	}
}

// TestPicturesWithoutRenditions: a picture imported before renditions
// existed is still shown, from its original file.
func TestPicturesWithoutRenditions(t *testing.T) {
	f := newFixture(t)
	page := f.get(t, "GET", f.seed.Path())
	for _, im := range imgs(t, page.body) {
		if im["fetchpriority"] == "high" && (im["srcset"] != "" || !strings.HasPrefix(im["src"], "/media/") || im["width"] != "1200") {
			t.Errorf("lead picture without renditions %v", im)
		}
	}
}

func TestWithSrcsetLeavesOddMarkupAlone(t *testing.T) {
	h := strings.Repeat("ab", 32)
	rs := map[string][]content.Rendition{h: {{Kind: content.RenditionFull, Width: 320, Height: 200, Hash: strings.Repeat("cd", 32), Ext: "jpg"}}}
	good := `<img src="/media/ab/` + h + `.jpg" alt="x">`
	got := withSrcset("<p>a</p>"+good+"<p>b</p>"+good, rs)
	if strings.Count(got, `srcset="/media/cd/`) != 2 || !strings.HasSuffix(got, `sizes="`+sizesArticle+`" alt="x">`) {
		t.Errorf("rewritten: %s", got)
	}
	for _, body := range []string{
		"", "<p>không có ảnh</p>",
		`<img src="/media/AB/` + strings.ToUpper(h) + `.jpg">`,
		`<img src="/media/zz/` + h + `.jpg">`,
		`<img src="https://example.com/` + h + `.jpg">`,
	} {
		if got := withSrcset(body, rs); got != body {
			t.Errorf("%q became %q", body, got)
		}
	}
	// Every prefix of a body, cut anywhere, comes back unharmed or rewritten.
	full := "<p>x</p>" + good + "<p>y</p>"
	for i := range len(full) + 1 {
		out := withSrcset(full[:i], rs)
		if out != full[:i] && !strings.Contains(out, "srcset=") {
			t.Fatalf("prefix %d: %q", i, out)
		}
	}
	if hs := bodyPictures(full + good); len(hs) != 2 || hs[0] != h {
		t.Errorf("bodyPictures %v", hs)
	}
}

// TestPictureMemoNamesTheWholeSet: two pictures whose narrowest file is
// the same (flat graphics, nearby crops) but whose wider files differ
// each get their own srcset.
func TestPictureMemoNamesTheWholeSet(t *testing.T) {
	h := func(c byte) string { return strings.Repeat(string(c), 64) }
	a := &content.Media{Hash: h('1'), Ext: "jpg", Width: 1200, Height: 800, Renditions: []content.Rendition{
		{Kind: content.RenditionWide, Width: 320, Height: 213, Hash: h('a'), Ext: "jpg"},
		{Kind: content.RenditionWide, Width: 800, Height: 533, Hash: h('b'), Ext: "jpg"}}}
	b := &content.Media{Hash: h('2'), Ext: "jpg", Width: 1200, Height: 800, Renditions: []content.Rendition{
		{Kind: content.RenditionWide, Width: 320, Height: 213, Hash: h('a'), Ext: "jpg"},
		{Kind: content.RenditionWide, Width: 800, Height: 533, Hash: h('c'), Ext: "jpg"}}}
	if got := string(teaserImg.tag(a, "")); !strings.Contains(got, h('b')) {
		t.Fatalf("first picture: %s", got)
	}
	if got := string(teaserImg.tag(b, "")); !strings.Contains(got, h('c')) || strings.Contains(got, h('b')) {
		t.Errorf("second picture shows the first one's files: %s", got)
	}
}
