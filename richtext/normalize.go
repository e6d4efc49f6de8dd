package richtext

import (
	"strings"
	"unicode/utf8"

	"github.com/toasoan/toasoan/viet"
)

// This file enforces the content model on the cleaned tree (see the package
// documentation). Every function returns fresh, normalized nodes; the rules
// are chosen so that the rendered result parses back into the same tree.

// inlineTags are the allowed inline elements.
var inlineTags = map[string]bool{
	"a": true, "strong": true, "b": true, "em": true, "i": true, "u": true, "s": true,
	"sub": true, "sup": true, "cite": true, "br": true, "img": true, "iframe": true,
}

func isInline(n *node) bool {
	return n.kind == kText || (n.kind == kElem && inlineTags[n.tag])
}

// containsBlock reports whether an inline element has a block (or a block
// boundary) somewhere inside it.
func containsBlock(n *node) bool {
	if n.hasBlock != 0 {
		return n.hasBlock == 1
	}
	res := false
	for _, k := range n.kids {
		if k.kind == kText {
			continue
		}
		if !isInline(k) || containsBlock(k) {
			res = true
			break
		}
	}
	n.hasBlock = 2
	if res {
		n.hasBlock = 1
	}
	return res
}

func isWS(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\u00a0'
}

func isBlankText(n *node) bool {
	return n.kind == kText && strings.TrimFunc(n.text, isWS) == ""
}

// exempt tells a flow context which inline children stand on their own
// instead of being wrapped in a paragraph.
type exempt int

const (
	exemptNone   exempt = iota
	exemptQuote         // blockquote: cite
	exemptFigure        // figure: img, iframe, a link around one image, cite
)

func (e exempt) applies(n *node) bool {
	if n.kind != kElem {
		return false
	}
	switch e {
	case exemptQuote:
		return n.tag == "cite"
	case exemptFigure:
		switch n.tag {
		case "img", "iframe", "cite":
			return true
		case "a":
			return linkedImage(n) != nil
		}
	}
	return false
}

// linkedImage returns the img of an <a> whose only content is one image.
func linkedImage(a *node) *node {
	var img *node
	for _, k := range a.kids {
		switch {
		case isBlankText(k):
		case k.is("img") && img == nil:
			img = k
		default:
			return nil
		}
	}
	return img
}

// flow normalizes the content of a block container (the top level,
// blockquote, figure, and list items or cells that hold blocks): inline runs
// become paragraphs, blocks are normalized by their own rules.
func flow(items []*node, ex exempt) []*node {
	f := &flowBuilder{ex: ex}
	for _, n := range items {
		f.add(n)
	}
	f.flush()
	return f.out
}

type flowBuilder struct {
	ex     exempt
	noWrap bool // mixed: inline runs stay inline, joined by <br>
	out    []*node
	run    []*node
	inline bool // noWrap: the last output is inline content
}

func (f *flowBuilder) flush() {
	if len(f.run) == 0 {
		return
	}
	for _, line := range paragraphs(f.run) {
		if !f.noWrap {
			f.out = append(f.out, &node{kind: kElem, tag: "p", kids: line})
			continue
		}
		if f.inline {
			f.out = append(f.out, &node{kind: kElem, tag: "br"})
		}
		f.out = append(f.out, line...)
		f.inline = true
	}
	f.run = nil
}

func (f *flowBuilder) block(n *node) {
	if n != nil {
		f.flush()
		f.out = append(f.out, n)
		f.inline = false
	}
}

func (f *flowBuilder) add(n *node) {
	if n.kind == kGroup {
		f.flush()
		for _, k := range n.kids {
			f.add(k)
		}
		f.flush()
		return
	}
	if isInline(n) {
		switch {
		case n.kind == kElem && containsBlock(n):
			// An inline element cannot wrap blocks: push it down into them.
			for _, k := range distribute(n, n.kids) {
				f.add(k)
			}
		case f.ex.applies(n):
			f.flush()
			f.out = append(f.out, exemptNode(n)...)
		default:
			f.run = append(f.run, n)
		}
		return
	}
	switch n.tag {
	case "p":
		f.flush()
		for _, line := range paragraphs(n.kids) {
			f.block(&node{kind: kElem, tag: "p", kids: line})
		}
	case "h2", "h3", "h4":
		if line := normLine(n.kids); len(line) > 0 {
			f.block(&node{kind: kElem, tag: n.tag, kids: line})
		}
	case "ul", "ol":
		f.block(normList(n))
	case "blockquote":
		if kids := flow(n.kids, exemptQuote); len(kids) > 0 {
			f.block(&node{kind: kElem, tag: n.tag, attrs: n.attrs, kids: kids})
		}
	case "figure":
		f.block(normFigure(n))
	case "table":
		f.table(n)
	case "hr":
		f.block(&node{kind: kElem, tag: "hr"})
	default:
		// li outside a list, figcaption outside a figure, table parts
		// outside a table: their content as a block of its own.
		f.add(&node{kind: kGroup, kids: n.kids})
	}
}

// distribute pushes the inline element e down into the blocks among kids:
// each run of inline content gets its own copy of e, and each block (or
// block boundary) keeps its place with e pushed into its content, so
// <strong><p>a</p><p>b</p></strong> becomes
// <p><strong>a</strong></p><p><strong>b</strong></p>.
func distribute(e *node, kids []*node) []*node {
	var out, run []*node
	flush := func() {
		for _, k := range run {
			if !isBlankText(k) {
				out = append(out, &node{kind: kElem, tag: e.tag, attrs: e.attrs, kids: run})
				break
			}
		}
		run = nil
	}
	for _, k := range kids {
		switch {
		case k.kind == kText || (isInline(k) && !containsBlock(k)):
			run = append(run, k)
		case isInline(k): // an inline element holding blocks: push it down first
			flush()
			out = append(out, distribute(e, distribute(k, k.kids))...)
		case k.is("hr"):
			flush()
			out = append(out, k)
		default:
			flush()
			out = append(out, &node{kind: k.kind, tag: k.tag, attrs: k.attrs, kids: distribute(e, k.kids)})
		}
	}
	flush()
	return out
}

// exemptNode normalizes an inline element that stands on its own in a
// blockquote or figure.
func exemptNode(n *node) []*node {
	switch n.tag {
	case "cite":
		if line := normLine(n.kids); len(line) > 0 {
			return []*node{{kind: kElem, tag: "cite", kids: line}}
		}
		return nil
	case "a":
		img := linkedImage(n)
		return []*node{{kind: kElem, tag: "a", attrs: n.attrs, kids: []*node{leaf(img)}}}
	}
	return []*node{leaf(n)}
}

// leaf copies a void element or iframe without content.
func leaf(n *node) *node { return &node{kind: kElem, tag: n.tag, attrs: n.attrs} }

func normFigure(n *node) *node {
	kids := flowFigure(n.kids)
	if len(kids) == 0 {
		return nil
	}
	return &node{kind: kElem, tag: "figure", attrs: n.attrs, kids: kids}
}

// flowFigure is flow with figcaption kept as the figure's caption.
func flowFigure(items []*node) []*node {
	f := &flowBuilder{ex: exemptFigure}
	for _, n := range items {
		if n.is("figcaption") {
			if line := normLine(n.kids); len(line) > 0 {
				f.block(&node{kind: kElem, tag: "figcaption", kids: line})
			}
			continue
		}
		f.add(n)
	}
	f.flush()
	return f.out
}

// mixed normalizes the content of a list item or table cell: inline content
// stays inline, without paragraphs; pieces of it separated by a block
// boundary or a blank line are joined by one line break; blocks are
// normalized as in flow.
func mixed(items []*node) []*node {
	f := &flowBuilder{noWrap: true}
	for _, n := range items {
		f.add(n)
	}
	f.flush()
	return f.out
}

func normList(n *node) *node {
	var raw [][]*node
	for _, k := range n.kids {
		switch {
		case k.is("li"):
			raw = append(raw, k.kids)
		case isBlankText(k):
		case len(raw) > 0:
			// Stray content (often a nested list written as a sibling of
			// the items) joins the previous item.
			last := raw[len(raw)-1]
			raw[len(raw)-1] = append(last[:len(last):len(last)], k)
		default:
			raw = append(raw, []*node{k})
		}
	}
	var lis []*node
	for _, r := range raw {
		if kids := mixed(r); len(kids) > 0 {
			lis = append(lis, &node{kind: kElem, tag: "li", kids: kids})
		}
	}
	if len(lis) == 0 {
		return nil
	}
	return &node{kind: kElem, tag: n.tag, kids: lis}
}

// table normalizes a table: a layout table around one image becomes a
// figure, a single-cell layout table its content, and anything else a clean
// table of thead/tbody rows. A caption becomes a paragraph before it.
func (f *flowBuilder) table(t *node) {
	var head, body, foot []*node // raw rows
	var caption, stray []*node
	var addRows func(dst *[]*node, items []*node)
	addRows = func(dst *[]*node, items []*node) {
		for _, k := range items {
			switch {
			case k.is("tr"):
				*dst = append(*dst, k)
			case isBlankText(k):
			case k.is("thead") || k.is("tbody") || k.is("tfoot"):
				addRows(dst, k.kids)
			default:
				// Stray content in a table goes before it.
				stray = append(stray, &node{kind: kGroup, kids: []*node{k}})
			}
		}
	}
	for _, k := range t.kids {
		switch {
		case k.is("thead"):
			addRows(&head, k.kids)
		case k.is("tfoot"):
			addRows(&foot, k.kids)
		case k.is("caption"):
			caption = append(caption, k.kids...)
		default:
			addRows(&body, []*node{k})
		}
	}
	body = append(body, foot...)
	for _, s := range stray {
		f.add(s)
	}
	// Normalized rows: cells only (stray row content folded into cells),
	// each cell's content normalized. The decisions below look at the
	// normalized cells only, so that a table decides the same way when its
	// own output is sanitized again.
	rows := func(raw []*node) []*node {
		var out []*node
		for _, tr := range raw {
			var cells []*node
			for _, k := range tr.kids {
				switch {
				case k.is("td") || k.is("th"):
					cells = append(cells, &node{kind: kElem, tag: k.tag, attrs: k.attrs, kids: k.kids})
				case isBlankText(k):
				case len(cells) > 0:
					last := cells[len(cells)-1]
					last.kids = append(last.kids[:len(last.kids):len(last.kids)], k)
				default:
					cells = append(cells, &node{kind: kElem, tag: "td", kids: []*node{k}})
				}
			}
			for _, c := range cells {
				c.kids = mixed(c.kids)
			}
			if len(cells) > 0 {
				out = append(out, &node{kind: kElem, tag: "tr", kids: cells})
			}
		}
		return out
	}
	hrows, brows := rows(head), rows(body)
	var cells []*node
	for _, tr := range append(append([]*node(nil), hrows...), brows...) {
		cells = append(cells, tr.kids...)
	}
	if fig := imageTable(cells); fig != nil {
		if len(fig.kids) == 1 && len(caption) > 0 {
			fig.kids = append(fig.kids, &node{kind: kElem, tag: "figcaption", kids: caption})
			caption = nil
		}
		if len(caption) > 0 {
			f.add(&node{kind: kGroup, kids: caption})
		}
		f.block(normFigure(fig))
		return
	}
	if len(caption) > 0 {
		f.add(&node{kind: kGroup, kids: caption})
	}
	switch {
	case len(cells) == 1:
		f.add(&node{kind: kGroup, kids: cells[0].kids})
	case hasContent(cells):
		tbl := &node{kind: kElem, tag: "table"}
		if len(hrows) > 0 {
			tbl.kids = append(tbl.kids, &node{kind: kElem, tag: "thead", kids: hrows})
		}
		if len(brows) > 0 {
			tbl.kids = append(tbl.kids, &node{kind: kElem, tag: "tbody", kids: brows})
		}
		f.block(tbl)
	}
}

// hasContent reports whether normalized nodes hold any text or media.
func hasContent(ns []*node) bool {
	for _, n := range ns {
		switch {
		case n.kind == kText:
			if !isBlankText(n) {
				return true
			}
		case n.is("img") || n.is("iframe"):
			return true
		case hasContent(n.kids):
			return true
		}
	}
	return false
}

// imageTable recognizes the old site's layout of a photo with its caption: a
// table whose cells hold exactly one image, alone in its cell (possibly
// linked), and at most one other non-empty cell with text only. It returns
// the equivalent <figure class="image">, or nil.
func imageTable(cells []*node) *node {
	var media *node // img or a>img
	var caption []*node
	for _, c := range cells {
		img, link, text, other := scanCell(c.kids, nil)
		switch {
		case other:
			return nil
		case len(img) == 0 && !text:
			// empty cell
		case len(img) == 1 && !text && media == nil:
			media = img[0]
			if link[0] != nil {
				media = &node{kind: kElem, tag: "a", attrs: link[0].attrs, kids: []*node{img[0]}}
			}
		case len(img) == 0 && text && caption == nil:
			caption = c.kids
		default:
			return nil
		}
	}
	if media == nil {
		return nil
	}
	fig := &node{kind: kElem, tag: "figure", attrs: []attr{{"class", "image"}}, kids: []*node{media}}
	if caption != nil {
		fig.kids = append(fig.kids, &node{kind: kElem, tag: "figcaption", kids: caption})
	}
	return fig
}

// scanCell collects the images of a cell (with the link around each, if
// any), whether it has text, and whether it has anything that cannot be part
// of a figure (tables, lists, iframes, more structure).
func scanCell(items []*node, link *node) (imgs, links []*node, text, other bool) {
	for _, n := range items {
		switch {
		case n.kind == kText:
			if !isBlankText(n) {
				text = true
			}
		case n.is("img"):
			imgs = append(imgs, n)
			links = append(links, link)
		case n.is("iframe") || n.is("table") || n.is("ul") || n.is("ol") || n.is("figure") ||
			n.is("blockquote") || n.is("hr"):
			other = true
		default:
			l := link
			if n.is("a") {
				l = n
			}
			i, ls, t, o := scanCell(n.kids, l)
			imgs, links = append(imgs, i...), append(links, ls...)
			text, other = text || t, other || o
		}
	}
	return
}

// inlineOnly flattens items for a container that holds inline content only:
// blocks give their content, separated by spaces; a link inside a link and a
// formatting element inside the same one are dropped keeping their content.
func inlineOnly(items []*node, open map[string]bool) []*node {
	var out []*node
	for _, n := range items {
		switch {
		case n.kind == kText:
			out = append(out, textNode(n.text))
		case n.kind == kGroup:
			out = append(out, textNode(" "))
			out = append(out, inlineOnly(n.kids, open)...)
			out = append(out, textNode(" "))
		case n.tag == "br" || n.tag == "img" || n.tag == "iframe":
			out = append(out, leaf(n))
		case inlineTags[n.tag]:
			if open[n.tag] {
				out = append(out, inlineOnly(n.kids, open)...)
				continue
			}
			inner := make(map[string]bool, len(open)+1)
			for k := range open {
				inner[k] = true
			}
			inner[n.tag] = true
			out = append(out, &node{kind: kElem, tag: n.tag, attrs: n.attrs, kids: inlineOnly(n.kids, inner)})
		case n.tag == "hr":
			out = append(out, textNode(" "))
		default: // a block in an inline context
			out = append(out, textNode(" "))
			out = append(out, inlineOnly(n.kids, open)...)
			out = append(out, textNode(" "))
		}
	}
	return out
}

// paragraphs normalizes an inline run and splits it into paragraphs at runs
// of two or more line breaks. Empty paragraphs are dropped.
func paragraphs(items []*node) [][]*node {
	seq := normInline(items)
	var lines [][]*node
	var cur []*node
	for i := 0; i < len(seq); i++ {
		if seq[i].is("br") && i+1 < len(seq) && seq[i+1].is("br") {
			for i+1 < len(seq) && seq[i+1].is("br") {
				i++
			}
			lines = append(lines, cur)
			cur = nil
			continue
		}
		cur = append(cur, seq[i])
	}
	lines = append(lines, cur)
	out := lines[:0]
	for _, l := range lines {
		if l = trimBreaks(l); len(l) > 0 {
			out = append(out, l)
		}
	}
	return out
}

// normLine normalizes the inline content of a heading, caption or cite.
func normLine(items []*node) []*node {
	return trimBreaks(normInline(items))
}

func trimBreaks(l []*node) []*node {
	for len(l) > 0 && l[0].is("br") {
		l = l[1:]
	}
	for len(l) > 0 && l[len(l)-1].is("br") {
		l = l[:len(l)-1]
	}
	return l
}

// normInline flattens, prunes and whitespace-normalizes an inline sequence.
func normInline(items []*node) []*node {
	seq := inlineOnly(items, nil)
	seq = prune(seq, false)
	seq = mergeTextDeep(seq)
	w := &wsWalker{lineStart: true}
	w.walk(seq)
	w.trimRight()
	seq = prune(seq, true)
	return mergeTextDeep(seq)
}

// prune removes empty text and inline elements without content. Before
// whitespace is normalized (afterWS false) an element is empty when it has
// nothing at all; afterwards when it has no text, image or embed, and then
// the line breaks it holds take its place.
func prune(ns []*node, afterWS bool) []*node {
	// A fresh slice: an element may give way to several breaks, which
	// filtering in place would write over nodes not read yet.
	out := make([]*node, 0, len(ns))
	for _, n := range ns {
		switch {
		case n.kind == kText:
			if n.text == "" {
				continue
			}
		case n.tag == "br" || n.tag == "img" || n.tag == "iframe":
		default:
			n.kids = prune(n.kids, afterWS)
			if len(n.kids) == 0 {
				continue
			}
			if afterWS && !hasContent(n.kids) {
				out = append(out, breaks(n.kids)...)
				continue
			}
		}
		out = append(out, n)
	}
	return out
}

func breaks(ns []*node) []*node {
	var out []*node
	for _, n := range ns {
		if n.is("br") {
			out = append(out, n)
		} else if n.kind == kElem {
			out = append(out, breaks(n.kids)...)
		}
	}
	return out
}

func mergeTextDeep(ns []*node) []*node {
	ns = mergeText(ns)
	for _, n := range ns {
		if n.kind == kElem && len(n.kids) > 0 {
			n.kids = mergeTextDeep(n.kids)
		}
	}
	return ns
}

// wsWalker collapses whitespace in one line box: every run of whitespace
// becomes one space, except that a single no-break space between two other
// characters is kept; whitespace at the start and end of the line and next
// to a line break goes.
type wsWalker struct {
	last      *node // the last text node that kept something
	lastWS    bool  // last ends with whitespace
	lineStart bool
}

func (w *wsWalker) walk(ns []*node) {
	for _, n := range ns {
		switch {
		case n.kind == kText:
			s := collapse(n.text)
			if w.lineStart {
				s = strings.TrimLeftFunc(s, isWS)
			}
			if s != "" && w.lastWS {
				if r, size := utf8.DecodeRuneInString(s); isWS(r) {
					s = s[size:]
					// Two whitespace characters met: one plain space.
					if strings.HasSuffix(w.last.text, "\u00a0") {
						w.last.text = strings.TrimSuffix(w.last.text, "\u00a0") + " "
					}
				}
			}
			n.text = s
			if s != "" {
				w.last = n
				r, _ := utf8.DecodeLastRuneInString(s)
				w.lastWS = isWS(r)
				w.lineStart = false
			}
		case n.is("br"):
			w.trimRight()
			w.last, w.lastWS, w.lineStart = nil, false, true
		case n.is("img") || n.is("iframe"):
			w.last, w.lastWS, w.lineStart = nil, false, false
		default:
			w.walk(n.kids)
		}
	}
}

func (w *wsWalker) trimRight() {
	if w.last != nil && w.lastWS {
		w.last.text = strings.TrimRightFunc(w.last.text, isWS)
	}
	w.last, w.lastWS = nil, false
}

// collapse turns each whitespace run into one space, keeping a lone no-break
// space as it is.
func collapse(s string) string {
	simple := true
	prev := false
	for _, r := range s {
		ws := isWS(r)
		if ws && (prev || r != ' ') {
			simple = false
			break
		}
		prev = ws
	}
	if simple {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWS(r) {
			b.WriteString(s[i : i+size])
			i += size
			continue
		}
		j, n := i, 0
		for j < len(s) {
			r2, sz := utf8.DecodeRuneInString(s[j:])
			if !isWS(r2) {
				break
			}
			j += sz
			n++
		}
		if n == 1 && r == '\u00a0' {
			b.WriteRune('\u00a0')
		} else {
			b.WriteByte(' ')
		}
		i = j
	}
	return viet.Normalize(b.String())
}
