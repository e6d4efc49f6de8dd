package richtext

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// PlainText returns the text of an article body as readers see it, for
// search indexing and word counts: one line per paragraph, heading, list
// item, caption, table row and line break, whitespace collapsed, no empty
// lines. The input is sanitized first, so script or style content never
// leaks into it; image alt text is not included.
func PlainText(html string) string {
	var t textWriter
	for _, n := range build(html) {
		t.node(n)
	}
	t.endLine()
	return strings.Join(t.lines, "\n")
}

type textWriter struct {
	lines []string
	cur   strings.Builder
}

func (t *textWriter) endLine() {
	if line := strings.Join(strings.FieldsFunc(t.cur.String(), isPlainSpace), " "); line != "" {
		t.lines = append(t.lines, line)
	}
	t.cur.Reset()
}

func isPlainSpace(r rune) bool { return unicode.IsSpace(r) }

func (t *textWriter) node(n *node) {
	switch {
	case n.kind == kText:
		t.cur.WriteString(n.text)
		return
	case n.is("br"):
		t.endLine()
		return
	case n.is("td") || n.is("th"):
		t.cur.WriteByte(' ')
		for _, k := range n.kids {
			t.node(k)
		}
		t.cur.WriteByte(' ')
		return
	case n.kind == kElem && inlineTags[n.tag]:
		for _, k := range n.kids {
			t.node(k)
		}
		return
	}
	// A block: its own line(s).
	t.endLine()
	for _, k := range n.kids {
		t.node(k)
	}
	t.endLine()
}

// Excerpt returns the beginning of the body's plain text, at most n runes
// long including the trailing "…", cut at a word boundary (or inside a word
// only when its first word alone is longer than n). Paragraphs are joined by
// spaces. A text that fits is returned whole, without "…".
func Excerpt(html string, n int) string {
	if n <= 0 {
		return ""
	}
	text := strings.Join(strings.Split(PlainText(html), "\n"), " ")
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	// Byte offset of the end of the first n-1 runes (room for the "…").
	end, count := 0, 0
	for i := range text {
		if count == n-1 {
			end = i
			break
		}
		count++
	}
	cut := text[:end]
	// If the cut falls inside a word, go back to the last space.
	if r, _ := utf8.DecodeRuneInString(text[end:]); !unicode.IsSpace(r) {
		if i := strings.LastIndexFunc(cut, unicode.IsSpace); i > 0 {
			cut = cut[:i]
		}
	}
	cut = strings.TrimRightFunc(cut, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",;:-–—(“\"'‘", r)
	})
	return cut + "…"
}
