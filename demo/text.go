package demo

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// slot is a placeholder in a template.
type slot uint8

const (
	slotNone slot = iota
	slotPlace
	slotDistrict
	slotDBare
	slotDParty
	slotDGov
	slotN
	slotN2
	slotNBig
	slotPct
	slotRate
	slotMoney
	slotBigMoney
	slotYear
	slotDate
	slotMonth
	slotMin
	slotScore
	slotPerson
	slotPName
	slotCompany
	slotSchool
	slotKCN
	slotRoad
	slotProduct
	slotSport
	slotTeam
	slotTeam2
	slotCountry
	slotCountry2
	slotSub
)

var slotNames = map[string]slot{
	"place": slotPlace, "district": slotDistrict, "dbare": slotDBare, "dparty": slotDParty, "dgov": slotDGov,
	"n": slotN, "n2": slotN2, "N": slotNBig, "pct": slotPct, "rate": slotRate, "money": slotMoney,
	"bigmoney": slotBigMoney, "year": slotYear, "date": slotDate, "month": slotMonth, "min": slotMin,
	"score": slotScore, "person": slotPerson, "pname": slotPName, "company": slotCompany, "school": slotSchool,
	"kcn": slotKCN, "road": slotRoad, "product": slotProduct, "sport": slotSport, "team": slotTeam,
	"team2": slotTeam2, "country": slotCountry, "country2": slotCountry2, "sub": slotSub,
}

type seg struct {
	lit  string
	slot slot
}

// tmpl is a parsed template: literal text and slots.
type tmpl []seg

func parseTmpl(s string) tmpl {
	var t tmpl
	for s != "" {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			t = append(t, seg{lit: s})
			break
		}
		if i > 0 {
			t = append(t, seg{lit: s[:i]})
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			panic("demo: unterminated slot in " + strconv.Quote(s))
		}
		name := s[i+1 : i+j]
		sl, ok := slotNames[name]
		if !ok {
			panic("demo: unknown slot {" + name + "} in " + strconv.Quote(s))
		}
		t = append(t, seg{slot: sl})
		s = s[i+j+1:]
	}
	return t
}

func parseAll(ss []string) []tmpl {
	out := make([]tmpl, len(ss))
	for i, s := range ss {
		out[i] = parseTmpl(s)
	}
	return out
}

// hasSlot reports whether t fills in anything.
func (t tmpl) hasSlot() bool {
	for _, s := range t {
		if s.slot != slotNone {
			return true
		}
	}
	return false
}

// domain is a parsed domainSpec.
type domain struct {
	name                                      string
	generic, localTop                         bool
	titles, heads, subjects, actions, results []tmpl
	facts, quotes, roles, scenes, items       []tmpl
	prefixes                                  []tmpl
	factConn                                  []bool // the fact opens with its own connector ("tuy nhiên, …")
	tags                                      []int  // indices into tagNames
}

type vocabulary struct {
	domains                         [numDomains]domain
	generic                         domain
	leadOpeners, openers, listLeads []tmpl
	startOpeners                    []tmpl
	tagSlugs                        []string
	districtTag                     []int // per district, index into tagNames
	provinceTag                     int
	placePrefix                     tmpl
}

func buildDomain(s domainSpec, tagIndex map[string]int) domain {
	d := domain{name: s.name, generic: s.generic, localTop: s.localTop,
		titles: parseAll(s.titles), heads: parseAll(s.heads), subjects: parseAll(s.subjects),
		actions: parseAll(s.actions), results: parseAll(s.results), facts: parseAll(s.facts),
		quotes: parseAll(s.quotes), roles: parseAll(s.roles), scenes: parseAll(s.scenes), items: parseAll(s.items),
		prefixes: parseAll(s.prefixes)}
	for _, f := range s.facts {
		d.factConn = append(d.factConn, startsWithConnector(f))
	}
	for _, name := range s.tags {
		i, ok := tagIndex[name]
		if !ok {
			panic("demo: domain " + s.name + " names unknown tag " + strconv.Quote(name))
		}
		d.tags = append(d.tags, i)
	}
	return d
}

// startsWithConnector reports whether a sentence opens with a short phrase
// and a comma ("tuy nhiên, …", "năm {year}, …"); such a sentence takes no
// opener or attribution in front of it.
func startsWithConnector(s string) bool {
	i := strings.Index(s, ", ")
	return i >= 0 && strings.Count(s[:i], " ") <= 4
}

// vocab parses the pools once.
var vocab = sync.OnceValue(func() *vocabulary {
	v := &vocabulary{}
	tagIndex := make(map[string]int, len(tagNames))
	for i, n := range tagNames {
		if _, dup := tagIndex[n]; dup {
			panic("demo: duplicate tag " + n)
		}
		tagIndex[n] = i
		v.tagSlugs = append(v.tagSlugs, slugify(n))
	}
	for i := range domainSpecs {
		v.domains[i] = buildDomain(domainSpecs[i], tagIndex)
	}
	v.generic = buildDomain(genericSpec, tagIndex)
	v.leadOpeners = parseAll(leadOpeners)
	v.openers = parseAll(openers)
	v.startOpeners = parseAll(startOpeners)
	v.listLeads = parseAll(listLeads)
	for _, d := range districts {
		i, ok := tagIndex[d.bare]
		if !ok {
			panic("demo: no tag for district " + d.bare)
		}
		v.districtTag = append(v.districtTag, i)
	}
	v.provinceTag = tagIndex["Bình Dương"]
	return v
})

// person is someone quoted in an article.
type person struct {
	honorific string // "Ông" or "Bà"
	name      string
	role      string
}

// writer builds the text of one article into a reusable byte buffer.
type writer struct {
	r   *rand.Rand
	b   []byte
	v   *vocabulary
	dom *domain

	// the article's context, fixed while it is written
	dist              *district
	distIdx           int
	ward              string
	year, month, day  int
	src               person
	company, school   string
	kcn, road         string
	product, sport    string
	team, team2       string
	score             string
	country, country2 string
	lead              tmpl   // the sapo's opener, with the day of the event
	said              int    // sentences quoting the source so far
	used              []*seg // templates already used in this article
}

// reset starts a new article.
func (w *writer) reset() {
	w.said = 0
	w.used = w.used[:0]
}

// pickFresh picks a template not yet used in this article if it can.
func (w *writer) pickFresh(ts []tmpl) int {
	i := 0
	for try := 0; try < 6; try++ {
		i = w.r.IntN(len(ts))
		if len(ts[i]) == 0 {
			return i
		}
		p := &ts[i][0]
		fresh := true
		for _, u := range w.used {
			if u == p {
				fresh = false
				break
			}
		}
		if fresh {
			w.used = append(w.used, p)
			return i
		}
	}
	return i
}

// fresh writes a template not yet used in this article if it can.
func (w *writer) fresh(ts []tmpl) { w.exec(ts[w.pickFresh(ts)]) }

func (w *writer) intn(n int) int { return w.r.IntN(n) }

func (w *writer) chance(pct int) bool { return w.r.IntN(100) < pct }

func pickS(r *rand.Rand, ss []string) string { return ss[r.IntN(len(ss))] }

// exec writes a template.
func (w *writer) exec(t tmpl) {
	for _, s := range t {
		if s.slot == slotNone {
			w.b = append(w.b, s.lit...)
			continue
		}
		w.fill(s.slot)
	}
}

func (w *writer) pick(ts []tmpl) { w.exec(ts[w.r.IntN(len(ts))]) }

// pool returns the domain's pool or, now and then (always when the domain
// has none), the generic one if the domain mixes generic text in.
func (w *writer) pool(dom, gen []tmpl) []tmpl {
	if w.dom.generic && len(gen) > 0 && (len(dom) == 0 || w.r.IntN(100) < 25) {
		return gen
	}
	return dom
}

func (w *writer) fill(s slot) {
	switch s {
	case slotPlace:
		w.b = append(w.b, w.ward...)
	case slotDistrict:
		w.b = append(w.b, w.dist.text...)
	case slotDBare:
		w.b = append(w.b, w.dist.bare...)
	case slotDParty:
		w.b = append(w.b, w.dist.party...)
	case slotDGov:
		w.b = append(w.b, w.dist.gov...)
	case slotN:
		w.b = strconv.AppendInt(w.b, int64(2+w.intn(29)), 10)
	case slotN2:
		w.b = strconv.AppendInt(w.b, int64(20+w.intn(481)), 10)
	case slotNBig:
		v := 100 * (10 + w.intn(90))
		if w.intn(3) == 0 {
			v = 1000 + w.intn(9000)
		}
		w.b = appendThousands(w.b, v)
	case slotPct:
		w.b = appendDecimal(w.b, 5+w.intn(146))
	case slotRate:
		w.b = appendDecimal(w.b, 600+w.intn(400))
	case slotMoney:
		w.b = appendDecimal(w.b, 12+w.intn(976))
	case slotBigMoney:
		w.b = appendThousands(w.b, 100+w.intn(9900))
	case slotYear:
		w.b = strconv.AppendInt(w.b, int64(w.year), 10)
	case slotDate:
		w.b = strconv.AppendInt(w.b, int64(w.day), 10)
		w.b = append(w.b, '-')
		w.b = strconv.AppendInt(w.b, int64(w.month), 10)
	case slotMonth:
		w.b = strconv.AppendInt(w.b, int64(w.month), 10)
	case slotMin:
		w.b = strconv.AppendInt(w.b, int64(1+w.intn(90)), 10)
	case slotScore:
		w.b = append(w.b, w.score...)
	case slotPerson:
		w.b = appendLowerFirst(w.b, w.src.honorific)
		w.b = append(w.b, ' ')
		w.b = append(w.b, w.src.name...)
	case slotPName:
		w.b = append(w.b, w.src.name...)
	case slotCompany:
		w.b = append(w.b, w.company...)
	case slotSchool:
		w.b = append(w.b, w.school...)
	case slotKCN:
		w.b = append(w.b, w.kcn...)
	case slotRoad:
		w.b = append(w.b, w.road...)
	case slotProduct:
		w.b = append(w.b, w.product...)
	case slotSport:
		w.b = append(w.b, w.sport...)
	case slotTeam:
		w.b = append(w.b, w.team...)
	case slotTeam2:
		w.b = append(w.b, w.team2...)
	case slotCountry:
		w.b = append(w.b, w.country...)
	case slotCountry2:
		w.b = append(w.b, w.country2...)
	case slotSub:
		w.pick(w.pool(w.dom.subjects, w.v.generic.subjects))
	default:
		panic(fmt.Sprintf("demo: slot %d", s))
	}
}

// appendThousands writes v with dots between thousands: 1600 → "1.600".
func appendThousands(b []byte, v int) []byte {
	if v < 1000 {
		return strconv.AppendInt(b, int64(v), 10)
	}
	b = appendThousands(b, v/1000)
	b = append(b, '.')
	r := v % 1000
	if r < 100 {
		b = append(b, '0')
	}
	if r < 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(r), 10)
}

// appendDecimal writes tenths with a decimal comma: 856 → "85,6".
func appendDecimal(b []byte, tenths int) []byte {
	b = strconv.AppendInt(b, int64(tenths/10), 10)
	b = append(b, ',')
	return strconv.AppendInt(b, int64(tenths%10), 10)
}

// upperAt upper-cases the rune that starts at b[i].
func upperAt(b []byte, i int) []byte {
	if i >= len(b) {
		return b
	}
	c := b[i]
	if c < utf8.RuneSelf {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
		return b
	}
	r, n := utf8.DecodeRune(b[i:])
	u := unicode.ToUpper(r)
	if u == r {
		return b
	}
	if utf8.RuneLen(u) == n {
		utf8.EncodeRune(b[i:], u)
		return b
	}
	var tmp [utf8.UTFMax]byte
	m := utf8.EncodeRune(tmp[:], u)
	rest := append([]byte(nil), b[i+n:]...)
	b = append(b[:i], tmp[:m]...)
	return append(b, rest...)
}

func appendLowerFirst(b []byte, s string) []byte {
	r, n := utf8.DecodeRuneInString(s)
	b = utf8.AppendRune(b, unicode.ToLower(r))
	return append(b, s[n:]...)
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	u := unicode.ToUpper(r)
	if u == r {
		return s
	}
	return string(u) + s[n:]
}

// Sentence kinds for writer.sentence.
const (
	sentSapo  = iota // the lead: opener with the day of the event, who did what
	sentFirst        // first of the body: an opener, who did what
	sentAny
)

// sentence writes one sentence of running text, ending with a full stop.
func (w *writer) sentence(kind int) {
	start := len(w.b)
	d := w.dom
	k := 100
	if kind == sentAny {
		k = w.intn(100)
	}
	switch {
	case k < 8 && w.said < 1:
		// Reported speech: Ông X, role, cho biết: “…”.
		w.said++
		w.b = append(w.b, w.src.honorific...)
		w.b = append(w.b, ' ')
		w.b = append(w.b, w.src.name...)
		w.b = append(w.b, ", "...)
		w.b = append(w.b, w.src.role...)
		w.b = append(w.b, ", cho biết: “"...)
		q := len(w.b)
		w.fresh(w.pool(d.quotes, w.v.generic.quotes))
		w.b = upperAt(w.b, q)
		w.b = append(w.b, "”."...)
		return
	case k < 42:
		// A fact stands on its own, or is attributed to the source.
		facts, conn := d.facts, d.factConn
		if d.generic && w.chance(25) {
			facts, conn = w.v.generic.facts, w.v.generic.factConn
		}
		i := w.pickFresh(facts)
		if !conn[i] && k < 16 && w.said < 3 {
			w.said++
			w.b = append(w.b, "theo "...)
			w.fill(slotPerson)
			w.b = append(w.b, ", "...)
			w.b = append(w.b, w.src.role...)
			w.b = append(w.b, ", "...)
		}
		w.exec(facts[i])
	default:
		// Who did what, with an opener and a result now and then.
		switch {
		case kind == sentSapo:
			if w.chance(75) {
				w.exec(w.lead)
			}
		case kind == sentFirst:
			w.pick(w.v.startOpeners)
		case w.chance(40):
			w.fresh(w.v.openers)
		}
		// Local news mixes in the generic actors (unions, ward committees);
		// they get generic actions, so that a youth union never seizes bank
		// accounts.
		generic := d.localTop && w.chance(30)
		if generic {
			w.pick(w.v.generic.subjects)
			w.b = append(w.b, ' ')
			w.fresh(w.v.generic.actions)
		} else {
			w.pick(d.subjects)
			w.b = append(w.b, ' ')
			w.fresh(d.actions)
		}
		if w.chance(40) {
			switch {
			case len(d.results) > 0:
				w.fresh(d.results)
			case generic || d.localTop:
				w.fresh(w.v.generic.results)
			}
		}
	}
	w.b = append(w.b, '.')
	w.b = upperAt(w.b, start)
}

// paragraph writes <p> with n sentences.
func (w *writer) paragraph(n int, first bool) {
	w.b = append(w.b, "<p>"...)
	for i := 0; i < n; i++ {
		kind := sentAny
		if i == 0 && first {
			kind = sentFirst
		} else if i > 0 {
			w.b = append(w.b, ' ')
		}
		w.sentence(kind)
	}
	w.b = append(w.b, "</p>"...)
}

// heading writes <h2> or <h3>.
func (w *writer) heading(level string) {
	w.b = append(w.b, '<', 'h')
	w.b = append(w.b, level...)
	w.b = append(w.b, '>')
	start := len(w.b)
	w.fresh(w.pool(w.dom.heads, w.v.generic.heads))
	w.b = upperAt(w.b, start)
	w.b = append(w.b, "</h"...)
	w.b = append(w.b, level...)
	w.b = append(w.b, '>')
}

// quote writes a pull quote with its attribution.
func (w *writer) quote() {
	w.b = append(w.b, `<blockquote class="quote"><p>“`...)
	start := len(w.b)
	w.fresh(w.pool(w.dom.quotes, w.v.generic.quotes))
	w.b = upperAt(w.b, start)
	if w.chance(50) {
		w.b = append(w.b, "…”"...)
	} else {
		w.b = append(w.b, ".”"...)
	}
	w.b = append(w.b, "</p><cite>"...)
	w.b = append(w.b, w.src.honorific...)
	w.b = append(w.b, ' ')
	w.b = append(w.b, w.src.name...)
	w.b = append(w.b, ", "...)
	w.b = append(w.b, w.src.role...)
	w.b = append(w.b, "</cite></blockquote>"...)
}

// list writes a lead-in paragraph and a bullet list.
func (w *writer) list() {
	w.b = append(w.b, "<p>"...)
	start := len(w.b)
	w.pick(w.v.listLeads)
	w.b = upperAt(w.b, start)
	w.b = append(w.b, "</p>\n<ul>"...)
	items := w.pool(w.dom.items, w.v.generic.items)
	n := min(3+w.intn(2), len(items))
	first := w.intn(len(items))
	for i := 0; i < n; i++ {
		w.b = append(w.b, "<li>"...)
		w.exec(items[(first+i)%len(items)])
		w.b = append(w.b, "</li>"...)
	}
	w.b = append(w.b, "</ul>"...)
}

// scene writes what a photo shows, capitalised.
func (w *writer) scene() {
	start := len(w.b)
	w.fresh(w.dom.scenes)
	w.b = upperAt(w.b, start)
}

// title writes a headline: capitalised, and after a colon too. A title
// that names no one often gets a place or organisation in front.
func (w *writer) title() {
	start := len(w.b)
	t := w.dom.titles[w.intn(len(w.dom.titles))]
	if len(w.dom.prefixes) > 0 && !t.hasSlot() && !strings.Contains(t[0].lit, ":") && w.chance(80) {
		w.pick(w.dom.prefixes)
	}
	w.exec(t)
	w.b = upperAt(w.b, start)
	if i := bytes.Index(w.b[start:], colonSpace); i >= 0 {
		w.b = upperAt(w.b, start+i+2)
	}
}

var colonSpace = []byte(": ")
