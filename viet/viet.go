// Package viet owns the Vietnamese text rules of Toà Soạn: Unicode
// normalization, search folding, URL slugs and tone-mark placement.
//
// The package does no I/O and keeps no mutable state; every function is safe
// for concurrent use. All lookup tables are built once at package
// initialisation from the small hand-written lists in this package plus
// canonical decompositions from golang.org/x/text/unicode/norm.
//
// Which function to use:
//
//   - Normalize for anything that is stored: article bodies, comments. It makes
//     NFD input (Mac pastes, "Unicode tổ hợp" keyboards) byte-identical to NFC
//     input and removes garbage (invalid UTF-8, control characters).
//   - NormalizeLine for single-line fields: titles, names, tags.
//   - Slug / UniqueSlug for URLs.
//   - Fold / FoldWords for diacritic-insensitive search keys ("thuy" finds
//     "thuỷ" and "thủy").
//   - SearchKey for diacritic-sensitive but case-, form- and tone-placement-
//     insensitive keys ("thuỷ" == "THỦY", but != "thuy").
//   - CanonicalTone to unify the two tone-placement conventions (hoà/hòa).
package viet

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns s in Unicode NFC with these fixes applied first:
//
//   - invalid UTF-8 bytes are dropped;
//   - "\r\n" and a lone "\r" become "\n";
//   - NUL and the other C0 control characters except "\n" and "\t" are
//     dropped (DEL and C1 controls are kept);
//   - the Icelandic look-alikes U+00D0 (Ð) and U+00F0 (ð) become the
//     Vietnamese U+0110 (Đ) and U+0111 (đ), always.
//
// Text typed with a "Unicode tổ hợp" keyboard or pasted in NFD from a Mac
// becomes byte-identical to NFC input. Normalize is idempotent, and returns s
// itself (no allocation) when s is already normalized.
func Normalize(s string) string {
	safe := true // every rune so far is an NFC-stable starter
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\n' && c != '\t' {
				return normalizeSlow(s, i)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || r == 0xD0 || r == 0xF0 {
			return normalizeSlow(s, i)
		}
		if safe && !isSafeStarter(r) {
			safe = false
		}
		i += n
	}
	if safe || isNFC(s) {
		return s
	}
	return norm.NFC.String(s)
}

// normalizeSlow is Normalize for input that needs cleaning; s[:i] is known
// to be clean.
func normalizeSlow(s string, i int) string {
	b := make([]byte, i, len(s))
	copy(b, s[:i])
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\r':
				b = append(b, '\n')
				if i+1 < len(s) && s[i+1] == '\n' {
					i++
				}
			case c < 0x20 && c != '\n' && c != '\t':
				// dropped
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			// invalid byte, dropped
		case r == 0xD0: // Ð
			b = append(b, "Đ"...)
		case r == 0xF0: // ð
			b = append(b, "đ"...)
		default:
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	if norm.NFC.QuickSpan(b) < len(b) {
		b = norm.NFC.Bytes(b)
	}
	return string(b)
}

// isSpace reports whether r counts as whitespace for NormalizeLine: Unicode
// White_Space (including NBSP U+00A0, U+202F and U+3000) plus the invisible
// separators U+200B ZERO WIDTH SPACE, U+FEFF ZERO WIDTH NO-BREAK SPACE (BOM)
// and U+180E MONGOLIAN VOWEL SEPARATOR. U+200C/U+200D (ZWNJ/ZWJ) are not
// spaces: they are meaningful inside words and emoji sequences.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || ('\t' <= r && r <= '\r')
	}
	return unicode.IsSpace(r) || r == 0x200B || r == 0xFEFF || r == 0x180E
}

// NormalizeLine is Normalize plus collapsing every whitespace run (spaces,
// tabs, newlines, NBSP U+00A0, zero-width space U+200B, see isSpace) to a
// single ASCII space and trimming both ends. Use it for titles, names and
// other single-line fields. It is idempotent.
func NormalizeLine(s string) string {
	n := Normalize(s)
	if !needsCollapse(n) {
		return n
	}
	var b strings.Builder
	b.Grow(len(n))
	pending := false
	for i := 0; i < len(n); {
		c := n[i]
		if c < utf8.RuneSelf {
			i++
			if isSpace(rune(c)) {
				pending = true
				continue
			}
			if pending && b.Len() > 0 {
				b.WriteByte(' ')
			}
			pending = false
			b.WriteByte(c)
			continue
		}
		r, size := utf8.DecodeRuneInString(n[i:])
		if isSpace(r) {
			pending = true
		} else {
			if pending && b.Len() > 0 {
				b.WriteByte(' ')
			}
			pending = false
			b.WriteString(n[i : i+size])
		}
		i += size
	}
	return b.String()
}

// needsCollapse reports whether s (already normalized) contains whitespace
// other than single inner ASCII spaces.
func needsCollapse(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return true
	}
	prevSpace := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == ' ' {
				if prevSpace {
					return true
				}
				prevSpace = true
			} else {
				if c <= '\r' && c >= '\t' {
					return true
				}
				prevSpace = false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if isSpace(r) {
			return true
		}
		prevSpace = false
		i += size
	}
	return false
}

// isNFC reports whether s is in NFC. It is much faster than
// norm.NFC.IsNormalString for text made of safe starters (Vietnamese, most
// Latin, CJK) and does not allocate in the common case.
func isNFC(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isSafeStarter(r) {
			return norm.NFC.QuickSpanString(s) == len(s) || norm.NFC.IsNormalString(s)
		}
		i += n
	}
	return true
}

// safeStarters is a bitset over U+0000–U+2FFF of the runes that are
// unchanged by NFC, have canonical combining class 0 and never combine with
// a preceding character. A string made only of such runes is in NFC.
var safeStarters [safeStartersEnd / 64]uint64

const safeStartersEnd = 0x3000

func initSafeStarters() {
	for r := rune(0); r < safeStartersEnd; r++ {
		if 0x1100 <= r && r < 0x1200 {
			continue // Hangul jamo compose algorithmically; stay on the safe side
		}
		var buf [utf8.UTFMax]byte
		b := utf8.AppendRune(buf[:0], r)
		if norm.NFC.Properties(b).BoundaryBefore() && norm.NFC.QuickSpan(b) == len(b) {
			safeStarters[r/64] |= 1 << (r % 64)
		}
	}
}

// isSafeStarter reports whether r is a safe starter (see safeStarters).
// CJK Unified Ideographs are safe too.
func isSafeStarter(r rune) bool {
	if r < safeStartersEnd {
		return safeStarters[r/64]&(1<<(r%64)) != 0
	}
	return 0x4E00 <= r && r <= 0x9FFF
}
