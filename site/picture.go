package site

import (
	"context"
	"html"
	"html/template"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
)

// Pictures on the site come in the sizes the media library made at upload
// (content.Rendition): teasers and the top story show the 3:2 crop around
// the editor's focal point, articles the picture whole. The browser picks
// a size from srcset and sizes; src stays a sensible size for the rest.

// The sizes attributes follow site.css: the wrap is at most 1140 px with
// 16 px padding, the article column leaves 320 px and two 32 px gaps to
// the side column from 1000 px on, and the home page's top story takes
// two thirds of the wrap from 720 px on.
const (
	sizesTeaser   = "(min-width: 720px) 200px, 120px"
	sizesFeatured = "(min-width: 720px) 110px, 120px"
	sizesTop      = "(min-width: 1140px) 723px, (min-width: 720px) calc((100vw - 56px) * 2 / 3), calc(100vw - 32px)"
	sizesArticle  = "(min-width: 1140px) 756px, (min-width: 1000px) calc(100vw - 384px), calc(100vw - 32px)"
)

// imgVariant is one way pages show pictures: which renditions, which
// sizes, which fallback width, and the attributes after width and height.
type imgVariant struct {
	kind     string
	sizes    string
	fallback int
	tail     string
}

var (
	teaserImg   = imgVariant{content.RenditionWide, sizesTeaser, 320, ` loading="lazy" decoding="async">`}
	featuredImg = imgVariant{content.RenditionWide, sizesFeatured, 320, `>`}
	topImg      = imgVariant{content.RenditionWide, sizesTop, 800, ` fetchpriority="high">`}
	articleImg  = imgVariant{content.RenditionFull, sizesArticle, 800, ` fetchpriority="high">`}
)

// tag writes the <img> of m (alt already escaped); a picture without
// renditions (imported before they existed) is its original file.
func (v imgVariant) tag(m *content.Media, alt string) template.HTML {
	if m == nil || m.Hash == "" {
		return ""
	}
	if alt == "" {
		if r, ok := renditionsOf(m.Renditions, v); ok {
			return template.HTML(r.tag)
		}
	} else if r, ok := renditionsOf(m.Renditions, v); ok {
		return template.HTML(r.head + alt + r.tail)
	}
	return template.HTML(`<img src="` + html.EscapeString(m.Path()) + `" alt="` + alt + `" width="` + strconv.Itoa(m.Width) +
		`" height="` + strconv.Itoa(m.Height) + `"` + v.tail)
}

func init() {
	// Template functions of pictures: each writes a whole <img>, from
	// values handed in. Text/template's reflection made a tag of several
	// fields cost more than the rest of a teaser; one call is cheap.
	funcs["teaserImg"] = func(m *content.Media) template.HTML { return teaserImg.tag(m, "") }
	funcs["featuredImg"] = func(m *content.Media) template.HTML { return featuredImg.tag(m, "") }
	funcs["topImg"] = func(m *content.Media) template.HTML { return topImg.tag(m, "") }
	funcs["articleImg"] = func(m *content.Media, alt string) template.HTML {
		return articleImg.tag(m, html.EscapeString(alt))
	}
}

// built is a set of renditions written out once.
type built struct {
	srcset     string
	tag        string // the whole <img> with alt=""
	head, tail string // around the alt text
}

// memo keeps what pictures look like in pages, by variant and the hashes
// of their files of that kind: files are named by content, so the same
// hashes always mean the same set. (The narrowest file alone does not
// name the set: two flat graphics of other sizes, or crops around nearby
// focal points, can share it.) Pages show the same pictures again and
// again; writing their tags once spares every render the work.
var memo struct {
	sync.Mutex
	m map[string]built
}

const maxMemo = 16384

// renditionsOf writes out one variant of a picture's renditions.
func renditionsOf(all []content.Rendition, v imgVariant) (built, bool) {
	var kb [512]byte
	key := append(append(kb[:0], v.tail...), v.sizes...)
	found := false
	for i := range all {
		if all[i].Kind == v.kind {
			key = append(key, all[i].Hash...)
			found = true
		}
	}
	if !found {
		return built{}, false
	}
	memo.Lock()
	b, ok := memo.m[string(key)]
	memo.Unlock()
	if ok {
		return b, true
	}
	rs := (&content.Media{Renditions: all}).Kind(v.kind)
	r, _ := content.Fallback(rs, v.fallback)
	widest := rs[len(rs)-1]
	b.srcset = html.EscapeString(content.Srcset(rs))
	b.head = `<img src="` + html.EscapeString(r.Path()) + `" srcset="` + b.srcset + `" sizes="` + v.sizes + `" alt="`
	b.tail = `" width="` + strconv.Itoa(widest.Width) + `" height="` + strconv.Itoa(widest.Height) + `"` + v.tail
	b.tag = b.head + b.tail
	memo.Lock()
	if memo.m == nil || len(memo.m) >= maxMemo {
		memo.m = map[string]built{}
	}
	memo.m[string(key)] = b
	memo.Unlock()
	return b, true
}

// pictureStore is the site's view of the store: teasers and articles come
// with their pictures' renditions, and article bodies with srcset on the
// library's pictures. Renditions are remembered for a few seconds, so a
// page costs no extra query once its pictures have been seen.
type pictureStore struct {
	store.Store
	log *slog.Logger

	mu     sync.Mutex
	known  map[string]knownRenditions // by the master file's hash
	misses int
}

type knownRenditions struct {
	rs []content.Rendition // nil: the picture has none
	at time.Time
}

// renditionTTL bounds how long a moved focal point takes to show: the
// old crops stay on disk, so a stale page still shows pictures.
const renditionTTL = 10 * time.Second

// maxKnown bounds the memory kept: a few thousand pictures' renditions.
const maxKnown = 8192

func newPictureStore(st store.Store, log *slog.Logger) *pictureStore {
	return &pictureStore{Store: st, log: log, known: map[string]knownRenditions{}}
}

// renditions returns the renditions of the pictures with these hashes,
// asking the store only for those not seen lately. A failure leaves the
// pictures without renditions rather than failing the page.
func (p *pictureStore) renditions(ctx context.Context, hashes []string) map[string][]content.Rendition {
	now := time.Now()
	out := make(map[string][]content.Rendition, len(hashes))
	var missing []string
	p.mu.Lock()
	for _, h := range hashes {
		if k, ok := p.known[h]; ok && now.Sub(k.at) < renditionTTL {
			out[h] = k.rs
		} else if _, dup := out[h]; !dup {
			out[h] = nil
			missing = append(missing, h)
		}
	}
	p.mu.Unlock()
	if len(missing) == 0 {
		return out
	}
	found, err := p.Store.RenditionsByHash(ctx, missing)
	if err != nil {
		if ctx.Err() == nil {
			p.log.Warn("renditions", "err", err)
		}
		return out
	}
	p.mu.Lock()
	if len(p.known)+len(missing) > maxKnown {
		clear(p.known)
	}
	for _, h := range missing {
		p.known[h] = knownRenditions{rs: found[h], at: now}
		out[h] = found[h]
	}
	p.mu.Unlock()
	return out
}

// forget drops what is remembered, after the newsroom changed pictures.
func (p *pictureStore) forget() {
	p.mu.Lock()
	clear(p.known)
	p.mu.Unlock()
}

// fromMemory gives m the renditions remembered for it, and reports
// whether the store must be asked. Called with p.mu held.
func (p *pictureStore) fromMemory(m *content.Media, now time.Time) (ask bool) {
	if m == nil || m.Hash == "" || m.Renditions != nil {
		return false
	}
	if k, ok := p.known[m.Hash]; ok && now.Sub(k.at) < renditionTTL {
		m.Renditions = k.rs
		return false
	}
	return true
}

// attachTeasers gives the teasers' pictures their renditions; once the
// pictures have been seen, without allocating.
func (p *pictureStore) attachTeasers(ctx context.Context, ts []content.Teaser) {
	now := time.Now()
	var missing []string
	p.mu.Lock()
	for i := range ts {
		if p.fromMemory(ts[i].Picture, now) {
			missing = append(missing, ts[i].Picture.Hash)
		}
	}
	p.mu.Unlock()
	if len(missing) == 0 {
		return
	}
	rs := p.renditions(ctx, missing)
	for i := range ts {
		if m := ts[i].Picture; m != nil && m.Renditions == nil {
			m.Renditions = rs[m.Hash]
		}
	}
}

// Teasers lists teasers with their pictures' renditions.
func (p *pictureStore) Teasers(ctx context.Context, q store.TeaserQuery) ([]content.Teaser, error) {
	ts, err := p.Store.Teasers(ctx, q)
	if err == nil {
		p.attachTeasers(ctx, ts)
	}
	return ts, err
}

// MostRead lists the most read with their pictures' renditions.
func (p *pictureStore) MostRead(ctx context.Context, since, now time.Time, limit int) ([]content.Teaser, error) {
	ts, err := p.Store.MostRead(ctx, since, now, limit)
	if err == nil {
		p.attachTeasers(ctx, ts)
	}
	return ts, err
}

// Article returns an article whose featured picture has its renditions
// and whose body's library pictures carry srcset and sizes.
func (p *pictureStore) Article(ctx context.Context, id int64) (*content.Article, error) {
	a, err := p.Store.Article(ctx, id)
	if err != nil {
		return a, err
	}
	hashes := bodyPictures(a.Body)
	if a.Picture != nil && a.Picture.Hash != "" {
		hashes = append(hashes, a.Picture.Hash)
	}
	if len(hashes) == 0 {
		return a, nil
	}
	rs := p.renditions(ctx, hashes)
	if a.Picture != nil && a.Picture.Renditions == nil {
		a.Picture.Renditions = rs[a.Picture.Hash]
	}
	a.Body = withSrcset(a.Body, rs)
	return a, nil
}

// bodyImg is how a sanitized body's library picture starts: richtext
// writes src first, quoted, and the media store's names are canonical.
const bodyImg = `<img src="/media/`

// mediaHashAt reads "xx/{64 hex}." at the start of s (after bodyImg) and
// returns the hash.
func mediaHashAt(s string) (string, bool) {
	if len(s) < 3+64+1 || s[2] != '/' || s[3+64] != '.' {
		return "", false
	}
	h := s[3 : 3+64]
	if h[:2] != s[:2] {
		return "", false
	}
	for i := 0; i < len(h); i++ {
		if c := h[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return "", false
		}
	}
	return h, true
}

// bodyPictures lists the hashes of the library's pictures in a body.
func bodyPictures(body string) []string {
	var out []string
	for rest := body; ; {
		i := strings.Index(rest, bodyImg)
		if i < 0 {
			return out
		}
		rest = rest[i+len(bodyImg):]
		if h, ok := mediaHashAt(rest); ok {
			out = append(out, h)
		}
	}
}

// withSrcset adds srcset and sizes after the src of every library picture
// in a sanitized body that has renditions, so readers on phones download
// a picture of their screen's size. Other pictures are left as they are.
func withSrcset(body string, rs map[string][]content.Rendition) string {
	var b strings.Builder
	rest := body
	for {
		i := strings.Index(rest, bodyImg)
		if i < 0 {
			break
		}
		start := i + len(bodyImg)
		h, ok := mediaHashAt(rest[start:])
		end := strings.IndexByte(rest[start:], '"')
		full, has := renditionsOf(rs[h], articleImg)
		if !ok || end < 0 || !has {
			b.WriteString(rest[:start])
			rest = rest[start:]
			continue
		}
		if b.Len() == 0 {
			b.Grow(len(body) + 512)
		}
		b.WriteString(rest[:start+end+1])
		// Hashes and widths need no escaping inside an attribute.
		b.WriteString(` srcset="`)
		b.WriteString(full.srcset)
		b.WriteString(`" sizes="`)
		b.WriteString(sizesArticle)
		b.WriteByte('"')
		rest = rest[start+end+1:]
	}
	if b.Len() == 0 {
		return body
	}
	b.WriteString(rest)
	return b.String()
}
