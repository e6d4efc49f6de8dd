package demo

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/viet"
)

func slugify(s string) string { return viet.Slug(s) }

// reporter is a member of staff who writes for the demo paper.
type reporter struct {
	author content.Author
	pen    string // upper-case pen name as printed in bylines
	beat   int    // index of the top-level section they mostly cover
}

// makeReporters invents n reporters with distinct names and pen names.
func makeReporters(r *rand.Rand, n, beats int) []reporter {
	out := make([]reporter, 0, n)
	seenPen := map[string]bool{}
	seenSlug := map[string]bool{}
	for len(out) < n {
		female := r.IntN(2) == 0
		family := pickS(r, familyNames)
		var middle, given string
		if female {
			middle, given = pickS(r, middleFemale), pickS(r, givenFemale)
		} else {
			middle, given = pickS(r, middleMale), pickS(r, givenMale)
		}
		full := family + " " + middle + " " + given
		pen := middle + " " + given
		if middle == "Thị" || middle == "Văn" {
			pen = family + " " + given
		}
		pen = strings.ToUpper(pen)
		slug := slugify(full)
		if seenPen[pen] || seenSlug[slug] {
			continue
		}
		seenPen[pen], seenSlug[slug] = true, true
		out = append(out, reporter{author: content.Author{Name: full, Slug: slug}, pen: pen, beat: len(out) % beats})
	}
	return out
}

// randomPerson invents someone to quote.
func randomPerson(r *rand.Rand, foreign bool) person {
	if foreign {
		f := foreignNames[r.IntN(len(foreignNames))]
		if f.female {
			return person{honorific: "Bà", name: f.name}
		}
		return person{honorific: "Ông", name: f.name}
	}
	if r.IntN(100) < 35 {
		return person{honorific: "Bà", name: pickS(r, familyNames) + " " + pickS(r, middleFemale) + " " + pickS(r, givenFemale)}
	}
	return person{honorific: "Ông", name: pickS(r, familyNames) + " " + pickS(r, middleMale) + " " + pickS(r, givenMale)}
}

// picRef is a picture as articles use it.
type picRef struct {
	m    *content.Media
	path string
	dims string // `" width="1200" height="800" loading="lazy"><figcaption>Trong ảnh: `
}

// articleGen writes articles one after another from one random stream.
type articleGen struct {
	r         *rand.Rand
	w         writer
	now       time.Time
	specs     []catSpec
	catIDs    []int64
	topOf     []int // per section: index of its top-level section in tops
	tops      int
	reporters []reporter
	byBeat    [][]int
	pics      []picRef
	distCum   []int
	stories   []story // hand-written stories, by pubSlot.story - 1
}

func newArticleGen(seed int64, now time.Time, specs []catSpec, catIDs []int64, pics []picRef) *articleGen {
	g := &articleGen{
		r:      rand.New(rand.NewPCG(uint64(seed), 0xa271c1e5)),
		now:    now,
		specs:  specs,
		catIDs: catIDs,
		pics:   pics,
	}
	g.w.r = g.r
	g.w.v = vocab()
	g.w.b = make([]byte, 0, 16<<10)
	topIdx := map[string]int{}
	for _, c := range specs {
		if c.parent == "" {
			topIdx[c.code] = g.tops
			g.tops++
		}
	}
	g.topOf = make([]int, len(specs))
	for i, c := range specs {
		if c.parent == "" {
			g.topOf[i] = topIdx[c.code]
		} else {
			g.topOf[i] = topIdx[c.parent]
		}
	}
	g.reporters = makeReporters(rand.New(rand.NewPCG(uint64(seed), 0x4e9027e4)), 40, g.tops)
	g.byBeat = make([][]int, g.tops)
	for i, rp := range g.reporters {
		g.byBeat[rp.beat] = append(g.byBeat[rp.beat], i)
	}
	t := 0
	for _, d := range districts {
		t += d.w
		g.distCum = append(g.distCum, t)
	}
	return g
}

func (g *articleGen) pickDistrict() int {
	x := g.r.IntN(g.distCum[len(g.distCum)-1])
	for i, c := range g.distCum {
		if x < c {
			return i
		}
	}
	return len(g.distCum) - 1
}

func pickDomain(r *rand.Rand, mix []domW) int {
	t := 0
	for _, m := range mix {
		t += m.w
	}
	x := r.IntN(t)
	for _, m := range mix {
		if x < m.w {
			return m.dom
		}
		x -= m.w
	}
	return mix[len(mix)-1].dom
}

// block kinds of a body plan.
const (
	blockP = iota
	blockFigure
	blockH2
	blockH3
	blockQuote
	blockList
)

// fill writes one article for the slot into a.
func (g *articleGen) fill(s pubSlot, a *content.Article) {
	r, w := g.r, &g.w
	spec := &g.specs[s.cat]
	domIdx := pickDomain(r, spec.mix)
	w.dom = &w.v.domains[domIdx]

	di := spec.district
	if di < 0 {
		di = g.pickDistrict()
	}
	w.dist, w.distIdx = &districts[di], di
	w.ward = pickS(r, w.dist.wards)
	pub := time.Unix(s.pub, 0).UTC()
	local := pub.In(content.Location)
	w.year, w.month, w.day = local.Year(), int(local.Month()), local.Day()
	w.company = pickS(r, companyKinds) + pickS(r, companyBrands)
	w.school = pickS(r, schools)
	w.kcn = pickS(r, industrialParks)
	w.road = pickS(r, roads)
	w.product = pickS(r, products)
	w.sport = pickS(r, sports)
	w.team = teams[0]
	if r.IntN(2) == 0 {
		w.team = pickS(r, teams)
	}
	for w.team2 = pickS(r, teams); w.team2 == w.team; w.team2 = pickS(r, teams) {
	}
	goals := 1 + r.IntN(4)
	w.score = strconv.Itoa(goals) + "-" + strconv.Itoa(r.IntN(goals))
	w.country = pickS(r, countries)
	for w.country2 = pickS(r, countries); w.country2 == w.country; w.country2 = pickS(r, countries) {
	}
	w.src = randomPerson(r, domIdx == domWorld)
	w.b = w.b[:0]
	w.pick(w.dom.roles)
	w.src.role = string(w.b)

	// headline, lead
	w.b = w.b[:0]
	w.title()
	a.Title = string(w.b)
	a.Slug = slugify(a.Title)
	w.b = w.b[:0]
	w.reset()
	w.lead = w.v.leadOpeners[r.IntN(len(w.v.leadOpeners))]
	w.sentence(sentSapo)
	if r.IntN(100) < 55 {
		w.b = append(w.b, ' ')
		w.sentence(sentAny)
	}
	a.Sapo = string(w.b)

	// type and pictures
	hasPics := len(g.pics) > 0
	a.Type = content.TypeNormal
	switch k := r.IntN(100); {
	case k < 6 && hasPics:
		a.Type = content.TypePhotoStory
	case k >= 95:
		a.Type = content.TypeVideo
	}
	featured := -1
	if hasPics && (a.Type == content.TypePhotoStory || r.IntN(100) < 70) {
		featured = r.IntN(len(g.pics))
		p := g.pics[featured]
		a.PictureID = p.m.ID
		a.Picture = p.m
		w.b = w.b[:0]
		if r.IntN(100) < 40 {
			w.sentence(sentAny)
			w.b = append(w.b, " Trong ảnh: "...)
		}
		w.scene()
		a.PictureCaption = string(w.b)
	}

	// body
	w.b = w.b[:0]
	if a.Type == content.TypePhotoStory {
		g.photoBody(featured)
	} else {
		g.body(hasPics, featured)
	}
	a.Body = string(w.b)
	if s.story > 0 {
		// A hand-written story replaces the generated text. The picture
		// stays, captioned as what it is rather than as a generated scene.
		st := &g.stories[s.story-1]
		a.Title, a.Slug, a.Sapo, a.Body = st.title, slugify(st.title), st.sapo, st.bodyHTML()
		a.Type = content.TypeNormal
		if a.PictureID != 0 {
			a.PictureCaption = "Ảnh minh họa"
		}
	}

	g.tags(a, domIdx, spec.district >= 0 || w.dom.localTop)
	g.byline(a, s.cat, domIdx)

	a.Lang = "vi"
	a.Status = content.StatusPublished
	a.CategoryID = g.catIDs[s.cat]
	a.CreatedAt = time.Unix(s.created, 0).UTC()
	a.PublishedAt = pub
	a.UpdatedAt = pub
	if r.IntN(100) < 30 {
		upd := s.pub + 120 + r.Int64N(8*3600)
		a.UpdatedAt = time.Unix(min(upd, g.now.Unix()), 0).UTC()
	}
	a.Views = g.views(pub)
}

// body writes an ordinary article: paragraphs, subheadings, a figure or two,
// a pull quote, now and then a list.
func (g *articleGen) body(hasPics bool, featured int) {
	r, w := g.r, &g.w
	n := 5 + r.IntN(8)
	var plan [12]uint8 // zero is blockP
	if hasPics && r.IntN(100) < 65 {
		plan[1] = blockFigure
	}
	if r.IntN(100) < 88 {
		if h := 2 + r.IntN(2); h < n-1 {
			plan[h] = blockH2
		}
	}
	free := func(i int) bool {
		return i > 0 && i < n && plan[i] == blockP && plan[i-1] == blockP
	}
	if n >= 8 && r.IntN(100) < 60 {
		if h := n/2 + 1 + r.IntN(2); h < n-1 && free(h) && plan[h+1] == blockP {
			plan[h] = blockH2
			if r.IntN(100) < 25 {
				plan[h] = blockH3
			}
		}
	}
	if r.IntN(100) < 62 {
		for _, q := range [3]int{n - 1, n - 2, n - 3} {
			if free(q) {
				plan[q] = blockQuote
				break
			}
		}
	}
	if r.IntN(100) < 12 {
		if l := 2 + r.IntN(max(n-3, 1)); l < n-1 && free(l) {
			plan[l] = blockList
		}
	}
	if hasPics && n >= 7 && r.IntN(100) < 30 {
		if f := 4 + r.IntN(n-5); f < n-1 && free(f) {
			plan[f] = blockFigure
		}
	}
	lastPic := featured
	for i := 0; i < n; i++ {
		if i > 0 {
			w.b = append(w.b, '\n') // top-level blocks are separated by a newline, as richtext.Sanitize renders them
		}
		switch plan[i] {
		case blockP:
			w.paragraph(2+r.IntN(3), i == 0)
		case blockFigure:
			lastPic = g.figure(lastPic, featured)
		case blockH2:
			w.heading("2")
		case blockH3:
			w.heading("3")
		case blockQuote:
			w.quote()
		case blockList:
			w.list()
		}
	}
}

// photoBody writes a photo story: mostly pictures with captions and short text.
func (g *articleGen) photoBody(featured int) {
	r, w := g.r, &g.w
	w.paragraph(2, true)
	n := 4 + r.IntN(5)
	last := featured
	for i := 0; i < n; i++ {
		w.b = append(w.b, '\n')
		last = g.figure(last, featured)
		if r.IntN(100) < 60 {
			w.b = append(w.b, '\n')
			w.paragraph(1+r.IntN(2), false)
		}
	}
	if r.IntN(100) < 40 {
		w.b = append(w.b, '\n')
		w.quote()
	}
}

// figure writes a figure with a picture other than prev and featured.
func (g *articleGen) figure(prev, featured int) int {
	w := &g.w
	i := g.r.IntN(len(g.pics))
	for k := 0; (i == prev || i == featured) && k < 4; k++ {
		i = g.r.IntN(len(g.pics))
	}
	p := &g.pics[i]
	w.b = append(w.b, `<figure class="image"><img src="`...)
	w.b = append(w.b, p.path...)
	w.b = append(w.b, `" alt="`...)
	start := len(w.b)
	w.scene()
	end := len(w.b)
	w.b = append(w.b, p.dims...)
	w.b = append(w.b, w.b[start:end]...)
	w.b = append(w.b, "</figcaption></figure>"...)
	return i
}

// tags gives the article one to four tags, the domain's first.
func (g *articleGen) tags(a *content.Article, domIdx int, local bool) {
	r, v := g.r, g.w.v
	var n int
	switch k := r.IntN(100); {
	case k < 20:
		n = 1
	case k < 55:
		n = 2
	case k < 85:
		n = 3
	default:
		n = 4
	}
	var picked [4]int
	k := 0
	add := func(t int) {
		for _, p := range picked[:k] {
			if p == t {
				return
			}
		}
		picked[k] = t
		k++
	}
	dt := v.domains[domIdx].tags
	add(dt[r.IntN(len(dt))])
	if k < n && local {
		add(v.districtTag[g.w.distIdx])
	}
	for tries := 0; k < n && tries < 8; tries++ {
		switch x := r.IntN(10); {
		case x < 6:
			add(dt[r.IntN(len(dt))])
		case x < 8:
			add(v.provinceTag)
		default:
			add(r.IntN(len(tagNames)))
		}
	}
	a.Tags = make([]content.Tag, k)
	for i, t := range picked[:k] {
		a.Tags[i] = content.Tag{Name: tagNames[t], Slug: v.tagSlugs[t]}
	}
}

// byline credits one or two reporters, mostly from the section's beat.
func (g *articleGen) byline(a *content.Article, cat int32, domIdx int) {
	r := g.r
	first := r.IntN(len(g.reporters))
	if beat := g.byBeat[g.topOf[cat]]; len(beat) > 0 && r.IntN(100) < 80 {
		first = beat[r.IntN(len(beat))]
	}
	rp := &g.reporters[first]
	a.Authors = []content.Author{rp.author}
	by := rp.pen
	if r.IntN(100) < 35 {
		second := r.IntN(len(g.reporters))
		if second != first {
			rp2 := &g.reporters[second]
			a.Authors = append(a.Authors, rp2.author)
			by += " - " + rp2.pen
		}
	}
	if domIdx == domWorld && r.IntN(100) < 40 {
		by += " (Tổng hợp)"
	}
	a.Byline = by
}

// views: a long tail of readers that builds up over the first hours, larger
// for recent news, with the odd story that everyone reads.
func (g *articleGen) views(pub time.Time) int64 {
	r := g.r
	ageH := g.now.Sub(pub).Hours()
	pop := math.Exp(r.NormFloat64() * 0.9)
	ramp := 1 - math.Exp(-ageH/6)
	fresh := 0.35 + 0.65*math.Exp(-ageH/(24*45))
	v := pop * (60 + 2600*ramp) * fresh
	if r.IntN(100) < 2 {
		v *= 8 + 10*r.Float64()
	}
	return int64(v)
}
