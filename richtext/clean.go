package richtext

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"github.com/toasoan/toasoan/viet"
)

// kind tells what a node of the sanitized tree is.
type kind uint8

const (
	kText  kind = iota // a run of text
	kElem              // an allowed element
	kGroup             // an unwrapped block container (div, section, ...): a paragraph boundary, never rendered
)

type attr struct{ key, val string }

// node is the sanitized tree: only allowed elements with allowed attributes.
type node struct {
	kind  kind
	tag   string
	text  string
	attrs []attr
	kids  []*node
	// hasBlock caches containsBlock: 0 unknown, 1 yes, 2 no.
	hasBlock uint8
}

func textNode(s string) *node { return &node{kind: kText, text: s} }

func (n *node) is(tag string) bool { return n.kind == kElem && n.tag == tag }

func (n *node) attr(key string) (string, bool) {
	for _, a := range n.attrs {
		if a.key == key {
			return a.val, true
		}
	}
	return "", false
}

// dropped elements disappear together with their content.
var dropped = map[string]bool{
	"script": true, "style": true, "iframe": true, "object": true, "embed": true, "applet": true,
	"form": true, "input": true, "button": true, "select": true, "option": true, "optgroup": true,
	"textarea": true, "datalist": true, "output": true, "keygen": true, "progress": true, "meter": true,
	"svg": true, "math": true, "noscript": true, "template": true, "slot": true,
	"head": true, "title": true, "meta": true, "link": true, "base": true, "basefont": true, "bgsound": true,
	"frame": true, "frameset": true, "noframes": true, "noembed": true, "xmp": true, "plaintext": true,
	"audio": true, "video": true, "source": true, "track": true, "canvas": true, "map": true, "area": true,
	"param": true, "dialog": true, "portal": true, "wbr": true, "col": true, "colgroup": true,
}

// allowed elements are kept (with their attributes filtered).
var allowed = map[string]bool{
	"p": true, "br": true, "h2": true, "h3": true, "h4": true,
	"strong": true, "b": true, "em": true, "i": true, "u": true, "s": true, "sub": true, "sup": true,
	"a": true, "ul": true, "ol": true, "li": true, "blockquote": true, "cite": true,
	"figure": true, "figcaption": true, "img": true,
	"table": true, "thead": true, "tbody": true, "tfoot": true, "tr": true, "th": true, "td": true, "caption": true,
	"hr": true,
}

// renamed elements are kept under another name.
var renamed = map[string]string{
	"h1": "h2", "h5": "h4", "h6": "h4", "strike": "s", "del": "s", "image": "img",
}

// groups are block-level elements that are dropped keeping their content as
// a block of its own.
var groups = map[string]bool{
	"div": true, "section": true, "article": true, "header": true, "footer": true, "main": true,
	"aside": true, "nav": true, "address": true, "center": true, "dl": true, "dt": true, "dd": true,
	"pre": true, "listing": true, "details": true, "summary": true, "fieldset": true, "legend": true,
	"hgroup": true, "menu": true, "dir": true, "marquee": true, "body": true, "html": true, "search": true,
}

// void elements have no content and no end tag.
var void = map[string]bool{"br": true, "hr": true, "img": true}

// cleanNode turns one parsed node into the sanitized nodes that replace it.
func cleanNode(n *html.Node) []*node {
	switch n.Type {
	case html.TextNode:
		s := viet.Normalize(n.Data)
		if s == "" {
			return nil
		}
		return []*node{textNode(s)}
	case html.ElementNode:
	default: // comments, doctypes
		return nil
	}
	if n.Namespace != "" { // inside <svg> or <math>
		return nil
	}
	tag := n.Data
	if r, ok := renamed[tag]; ok {
		tag = r
	}
	switch {
	case tag == "iframe":
		if el := videoEmbed(n); el != nil {
			return []*node{el}
		}
		return nil
	case dropped[tag]:
		return nil
	case tag == "img":
		src, ok := cleanURL(getAttr(n, "src"), true)
		if !ok {
			return nil
		}
		el := &node{kind: kElem, tag: "img", attrs: []attr{{"src", src}}}
		if alt, ok := hasAttr(n, "alt"); ok {
			el.attrs = append(el.attrs, attr{"alt", viet.NormalizeLine(alt)})
		}
		for _, k := range []string{"width", "height"} {
			if v, ok := dimension(getAttr(n, k), 10000); ok {
				el.attrs = append(el.attrs, attr{k, v})
			}
		}
		el.attrs = append(el.attrs, attr{"loading", "lazy"})
		return []*node{el}
	case tag == "a":
		kids := cleanKids(n)
		href, ok := cleanURL(getAttr(n, "href"), false)
		if !ok {
			return kids
		}
		el := &node{kind: kElem, tag: "a", attrs: []attr{{"href", href}}, kids: kids}
		if strings.EqualFold(strings.TrimSpace(getAttr(n, "target")), "_blank") {
			el.attrs = append(el.attrs, attr{"target", "_blank"}, attr{"rel", "noopener"})
		}
		return []*node{el}
	case allowed[tag]:
		el := &node{kind: kElem, tag: tag}
		switch tag {
		case "blockquote":
			if hasClass(n, "quote") {
				el.attrs = []attr{{"class", "quote"}}
			}
		case "figure":
			for _, c := range []string{"image", "quote", "video"} {
				if hasClass(n, c) {
					el.attrs = []attr{{"class", c}}
					break
				}
			}
		case "td", "th":
			for _, k := range []string{"colspan", "rowspan"} {
				if v, ok := dimension(getAttr(n, k), 1000); ok && v != "1" {
					el.attrs = append(el.attrs, attr{k, v})
				}
			}
		}
		if !void[tag] {
			el.kids = cleanKids(n)
		}
		return []*node{el}
	case groups[tag]:
		return []*node{{kind: kGroup, kids: cleanKids(n)}}
	}
	// Unknown inline elements (span, font, small, abbr, o:p, ...) vanish,
	// their content stays.
	return cleanKids(n)
}

func cleanKids(n *html.Node) []*node {
	var out []*node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		out = append(out, cleanNode(c)...)
	}
	return mergeText(out)
}

// mergeText joins adjacent text nodes (which unwrapping produces) and
// normalizes the joined text, so that a tree rendered and parsed again gives
// the same text nodes.
func mergeText(ns []*node) []*node {
	out := ns[:0]
	for _, n := range ns {
		if n.kind == kText {
			if n.text == "" {
				continue
			}
			if k := len(out); k > 0 && out[k-1].kind == kText {
				out[k-1] = textNode(viet.Normalize(out[k-1].text + n.text))
				continue
			}
		}
		out = append(out, n)
	}
	return out
}

func getAttr(n *html.Node, key string) string {
	v, _ := hasAttr(n, key)
	return v
}

func hasAttr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(getAttr(n, "class")) {
		if strings.EqualFold(c, class) {
			return true
		}
	}
	return false
}

// dimension accepts a positive whole number (an optional "px" suffix is
// dropped) up to limit and returns it without leading zeros.
func dimension(v string, limit int) (string, bool) {
	v = strings.TrimSpace(v)
	v = strings.TrimSuffix(strings.ToLower(v), "px")
	if v == "" || len(v) > 6 {
		return "", false
	}
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return "", false
		}
	}
	x, err := strconv.Atoi(v)
	if err != nil || x <= 0 || x > limit {
		return "", false
	}
	return strconv.Itoa(x), true
}
