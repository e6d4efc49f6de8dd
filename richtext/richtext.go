// Package richtext owns what HTML an article body may contain.
//
// Sanitize is the one gate every body passes on its way into the store, from
// the newsroom editor and from the import of the old PHP site alike. It
// parses its input the way a browser would (golang.org/x/net/html, as a
// fragment inside a <div>), keeps an allowlist of elements and attributes,
// and renders a clean, normalized tree:
//
//   - blocks: p, h2, h3, h4 (h1 becomes h2, h5 and h6 become h4), ul, ol, li,
//     blockquote (class "quote"), figure (class "image", "quote" or "video"),
//     figcaption, table, thead, tbody, tr, th, td (colspan, rowspan), hr;
//   - inline: a (href http, https, mailto or site-relative "/..."; target
//     "_blank" with rel "noopener"), strong, b, em, i, u, s (strike and del
//     become s), sub, sup, cite, br, img (src "/media/..." or http/https;
//     alt, width, height; loading="lazy" is added), and iframe for the video
//     hosts in videoHosts only;
//   - script, style, object, embed, form, input, svg, math, noscript,
//     template and the like are dropped with their content; any other
//     element (div, span, font, center, ...) is dropped keeping its content,
//     block-level ones (div, section, center, ...) as paragraph boundaries;
//   - every other attribute (on*, style, id, class except the listed values)
//     is dropped, and so is every URL whose scheme is not allowed, however it
//     is obfuscated (case, whitespace, control characters, entities).
//
// The output follows a strict content model, which is what makes Sanitize
// idempotent (Sanitize(Sanitize(x)) == Sanitize(x)) and keeps the old site's
// markup soup out: inline content at the top level and in a blockquote or
// figure is wrapped in paragraphs; a run of two or more <br> splits a
// paragraph; paragraphs, headings, captions and cite hold inline content only
// (blocks inside them are flattened to their text); list items and table
// cells hold either inline content or blocks; whitespace (including runs of
// &nbsp;) is collapsed and trimmed at block edges; empty paragraphs,
// headings, lists and inline elements are removed; an inline element that
// would wrap blocks is pushed down into them (<strong><p>a</p></strong>
// becomes <p><strong>a</strong></p>); a layout table holding
// one image and one caption cell becomes a <figure class="image">; a table
// of a single cell is replaced by its content. Text is NFC-normalized with
// viet.Normalize. Top-level blocks are separated by a newline.
//
// PlainText and Excerpt derive search text, word counts and teasers from a
// body.
package richtext

import (
	"strings"

	"github.com/toasoan/toasoan/viet"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Sanitize returns html reduced to the allowed elements and attributes in a
// normalized form. It accepts any input, valid HTML or not, and never fails;
// Sanitize(Sanitize(x)) == Sanitize(x).
func Sanitize(html string) string {
	nodes := build(html)
	var b strings.Builder
	b.Grow(len(html))
	for i, n := range nodes {
		if i > 0 {
			b.WriteByte('\n')
		}
		render(&b, n)
	}
	return b.String()
}

// build parses s and returns the sanitized, normalized top-level blocks.
func build(s string) []*node {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	top, err := html.ParseFragment(strings.NewReader(s), ctx)
	if err != nil {
		// The parser refuses markup nested deeper than 512 elements (old
		// content with hundreds of unclosed tags). Keep its text.
		return flow(textOnly(s), exemptNone)
	}
	var items []*node
	for _, n := range top {
		items = append(items, cleanNode(n)...)
	}
	items = mergeText(items)
	out := flow(items, exemptNone)
	if depth(out) > maxDepth {
		// Normalizing can nest deeper than the input (a list written
		// directly inside a list gains an item around it); output the
		// parser would refuse is replaced by its text.
		return flow(textOnly(s), exemptNone)
	}
	return out
}

// maxDepth is the deepest nesting Sanitize outputs, safely below the
// parser's limit of 512 open elements.
const maxDepth = 500

func depth(ns []*node) int {
	d := 0
	for _, n := range ns {
		d = max(d, 1+depth(n.kids))
	}
	return d
}

// textOnly is the fallback for markup the parser refuses: the text of s,
// without the content of dropped elements, in blocks split at every tag that
// starts a block or line.
func textOnly(s string) []*node {
	z := html.NewTokenizer(strings.NewReader(s))
	var items []*node
	var cur []*node
	skip := map[string]int{}
	skipping := 0
	boundary := func() {
		if len(cur) > 0 {
			items = append(items, &node{kind: kGroup, kids: mergeText(cur)})
			cur = nil
		}
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			boundary()
			return items
		case html.TextToken:
			if skipping == 0 {
				if t := viet.Normalize(string(z.Text())); t != "" {
					cur = append(cur, textNode(t))
				}
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if dropped[tag] && tt != html.SelfClosingTagToken {
				if tt == html.StartTagToken {
					skip[tag]++
					skipping++
				} else if skip[tag] > 0 {
					skip[tag]--
					skipping--
				}
				continue
			}
			if !inlineTags[tag] || tag == "br" {
				boundary()
			}
		}
	}
}
