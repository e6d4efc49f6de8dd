package richtext

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// render writes n as HTML. Text and attribute values are escaped; a no-break
// space is written as &nbsp; so that editors see it; and the colon of any
// "javascript:" in text or attribute values is written as &#58;, which reads
// the same but can never be mistaken for a script URL by a later consumer
// that pastes our output somewhere careless.
func render(b *strings.Builder, n *node) {
	switch n.kind {
	case kText:
		writeEscaped(b, n.text, false)
		return
	case kGroup:
		for _, k := range n.kids {
			render(b, k)
		}
		return
	}
	b.WriteByte('<')
	b.WriteString(n.tag)
	for _, a := range n.attrs {
		b.WriteByte(' ')
		b.WriteString(a.key)
		b.WriteString(`="`)
		writeEscaped(b, a.val, true)
		b.WriteByte('"')
	}
	b.WriteByte('>')
	if void[n.tag] {
		return
	}
	for _, k := range n.kids {
		render(b, k)
	}
	b.WriteString("</")
	b.WriteString(n.tag)
	b.WriteByte('>')
}

func writeEscaped(b *strings.Builder, s string, inAttr bool) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch c := s[i]; c {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			if !inAttr {
				continue
			}
			esc = "&#34;"
		case 0xC2: // U+00A0 is C2 A0 in UTF-8
			if i+1 < len(s) && s[i+1] == 0xA0 {
				b.WriteString(s[last:i])
				b.WriteString("&nbsp;")
				i++
				last = i + 1
			}
			continue
		case ':':
			if !endsWithJavascript(s[:i]) {
				continue
			}
			esc = "&#58;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(esc)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// endsWithJavascript reports whether s ends with "javascript" in any case,
// comparing rune by rune as strings.ToLower would (so "JAVASCRİPT" counts).
func endsWithJavascript(s string) bool {
	const word = "javascript"
	for j := len(word) - 1; j >= 0; j-- {
		r, size := utf8.DecodeLastRuneInString(s)
		if size == 0 || unicode.ToLower(r) != rune(word[j]) {
			return false
		}
		s = s[:len(s)-size]
	}
	return true
}
