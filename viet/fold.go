package viet

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The per-rune tables for Fold and Slug cover the Latin, Greek and Cyrillic
// blocks where letters with diacritics live. Runes outside these ranges are
// handled by a few explicit rules (see foldOther and slugOther).
const (
	rangeALo, rangeAHi = 0x0080, 0x0250 // Latin-1 Supplement, Latin Extended-A and -B
	rangeBLo, rangeBHi = 0x0370, 0x0530 // Greek and Coptic, Cyrillic, Cyrillic Supplement
	rangeCLo, rangeCHi = 0x1E00, 0x2000 // Latin Extended Additional (Vietnamese), Greek Extended

	tableSize = (rangeAHi - rangeALo) + (rangeBHi - rangeBLo) + (rangeCHi - rangeCLo)
)

// tableIndex returns the index of r in foldTab/slugTab, or -1.
func tableIndex(r rune) int {
	switch {
	case r < rangeALo:
		return -1
	case r < rangeAHi:
		return int(r - rangeALo)
	case r < rangeBLo:
		return -1
	case r < rangeBHi:
		return int(r-rangeBLo) + (rangeAHi - rangeALo)
	case r < rangeCLo:
		return -1
	case r < rangeCHi:
		return int(r-rangeCLo) + (rangeAHi - rangeALo) + (rangeBHi - rangeBLo)
	}
	return -1
}

var (
	// foldTab[tableIndex(r)] is the folded form of r.
	foldTab [tableSize]string
	// slugTab[tableIndex(r)] is the slug form of r: lower-case ASCII letters
	// and digits, "-" for a word separator or "" for "drop silently".
	slugTab [tableSize]string
)

// isDiacritic reports whether r is in the Combining Diacritical Marks block
// U+0300–U+036F: the marks Fold removes. All Vietnamese tone and vowel marks
// (grave, acute, circumflex, tilde, breve, hook above, horn, dot below) are
// in this block.
func isDiacritic(r rune) bool { return 0x300 <= r && r < 0x370 }

// foldSpecial maps lower-case letters that have no canonical decomposition
// to their base-letter spelling. Keys are lower-case; values are what Fold
// produces.
var foldSpecial = map[rune]string{
	'đ': "d", 'ð': "d", 'ħ': "h", 'ı': "i", 'ĸ': "k", 'ŀ': "l", 'ł': "l",
	'ŉ': "n", 'ŋ': "ng", 'ø': "o", 'œ': "oe", 'æ': "ae", 'ß': "ss",
	'þ': "th", 'ŧ': "t", 'ſ': "s", 'ĳ': "ij", 'ƀ': "b", 'ƒ': "f",
	'ƈ': "c", 'ƌ': "d", 'ƙ': "k", 'ƚ': "l", 'ƥ': "p", 'ƫ': "t", 'ƭ': "t",
	'ƴ': "y", 'ƶ': "z", 'ǆ': "dz", 'ǉ': "lj", 'ǌ': "nj", 'ǳ': "dz",
	'ǝ': "e", 'ǥ': "g", 'ȡ': "d", 'ȥ': "z", 'ȴ': "l", 'ȵ': "n", 'ȶ': "t",
	'ȼ': "c", 'ȿ': "s", 'ɀ': "z", 'ɇ': "e", 'ɉ': "j", 'ɋ': "q", 'ɍ': "r",
	'ɏ': "y", 'ɓ': "b", 'ɗ': "d", 'ə': "e", 'ɛ': "e", 'ɠ': "g", 'ɨ': "i",
	'ɲ': "n", 'ʉ': "u", 'ᵹ': "g",
	'ς': "σ", // Greek final sigma folds to sigma
}

// translit maps lower-case Cyrillic and Greek letters (and a few that Fold
// leaves non-ASCII) to ASCII for slugs. Cyrillic follows a simple
// Russian/Ukrainian/Serbian-style romanization, Greek a simplified ELOT 743.
var translit = map[rune]string{
	// Russian
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "yo",
	'ж': "zh", 'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m",
	'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u",
	'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
	// Ukrainian, Belarusian
	'є': "ye", 'і': "i", 'ї': "yi", 'ґ': "g", 'ў': "u",
	// Serbian, Macedonian
	'ђ': "dj", 'ј': "j", 'љ': "lj", 'њ': "nj", 'ћ': "c", 'џ': "dz",
	'ѓ': "gj", 'ѕ': "dz", 'ќ': "kj",
	// Kazakh, Mongolian and others
	'ә': "a", 'ғ': "g", 'қ': "k", 'ң': "ng", 'ө': "o", 'ұ': "u", 'ү': "u",
	'һ': "h",
	// Greek
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i",
	'θ': "th", 'ι': "i", 'κ': "k", 'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x",
	'ο': "o", 'π': "p", 'ρ': "r", 'σ': "s", 'ς': "s", 'τ': "t", 'υ': "y",
	'φ': "f", 'χ': "ch", 'ψ': "ps", 'ω': "o",
	// Latin-1 odds
	'µ': "m",
}

// ligatures are the Latin presentation-form ligatures U+FB00–U+FB06.
var ligatures = [...]string{"ff", "fi", "fl", "ffi", "ffl", "st", "st"}

// asciiAlnum is sliced to produce one-byte strings without allocating.
const asciiAlnum = "0123456789abcdefghijklmnopqrstuvwxyz"

func init() { buildTables() }

// buildTables fills every lookup table of the package. It is deterministic
// and idempotent.
func buildTables() {
	for _, rg := range [...][2]rune{{rangeALo, rangeAHi}, {rangeBLo, rangeBHi}, {rangeCLo, rangeCHi}} {
		for r := rg[0]; r < rg[1]; r++ {
			i := tableIndex(r)
			foldTab[i] = foldRuneSlow(r)
			slugTab[i] = slugRuneSlow(r, foldTab[i])
		}
	}
	initTone()
	initSafeStarters()
}

// foldRuneSlow computes the folded form of one rune: canonical
// decomposition, drop U+0300–U+036F marks, lower-case, then foldSpecial.
// It is used to fill foldTab.
func foldRuneSlow(r rune) string {
	if isDiacritic(r) {
		return ""
	}
	var b strings.Builder
	for _, q := range norm.NFD.String(string(r)) {
		if isDiacritic(q) {
			continue
		}
		q = unicode.ToLower(q)
		if s, ok := foldSpecial[q]; ok {
			b.WriteString(s)
			continue
		}
		b.WriteRune(q)
	}
	return b.String()
}

// slugRuneSlow computes the slug form of rune r, whose folded form is
// folded; used to fill slugTab.
func slugRuneSlow(r rune, folded string) string {
	if unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || unicode.Is(unicode.Cf, r) {
		return ""
	}
	if s, ok := translit[unicode.ToLower(r)]; ok {
		return s
	}
	var b []byte
	for _, q := range folded {
		switch {
		case 'a' <= q && q <= 'z', '0' <= q && q <= '9':
			b = append(b, byte(q))
		default:
			s, ok := translit[q]
			if !ok {
				return "-"
			}
			b = append(b, s...)
		}
	}
	if b == nil {
		return "-"
	}
	return string(b)
}

// foldOther writes the folded form of a rune outside the tables.
func foldOther(b *strings.Builder, r rune) {
	switch {
	case 0xFB00 <= r && r <= 0xFB06:
		b.WriteString(ligatures[r-0xFB00])
		return
	case 0xFF21 <= r && r <= 0xFF3A: // fullwidth A-Z
		b.WriteByte(byte(r-0xFF21) + 'a')
		return
	case 0xFF01 <= r && r <= 0xFF5E: // rest of fullwidth ASCII
		b.WriteByte(byte(r - 0xFEE0))
		return
	}
	l := unicode.ToLower(r)
	if i := tableIndex(l); i >= 0 {
		b.WriteString(foldTab[i])
		return
	}
	b.WriteRune(l)
}

// Fold maps text to its diacritic-insensitive search key: Normalize, then
// lower-case, remove every mark in U+0300–U+036F (after canonical
// decomposition, so all Vietnamese tone and vowel marks), map đ/Đ (and Ð/ð)
// to d, and spell letters without a decomposition by their base letters
// (ø→o, ł→l, ß→ss, æ→ae, œ→oe, þ→th, ...). Fullwidth ASCII and the fi/fl
// ligatures become plain ASCII. Other scripts are lower-cased and lose
// U+0300–U+036F marks too (ё→е, ά→α) but are not transliterated; CJK,
// emoji, digits, spaces and punctuation are kept as they are (callers
// tokenize, see FoldWords).
//
// "hoà", "hòa" and "HOA" all fold to "hoa"; NFD input folds exactly like
// NFC input. Pure ASCII input without upper-case letters or control
// characters is returned as is, without allocating.
func Fold(s string) string {
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || (c < 0x20 && c != '\n' && c != '\t') {
			return foldSlow(s)
		}
		if 'A' <= c && c <= 'Z' {
			upper = true
		}
	}
	if !upper {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	writeLowerASCII(&b, s)
	return b.String()
}

// writeLowerASCII writes the ASCII string s lower-cased to b, in runs.
func writeLowerASCII(b *strings.Builder, s string) {
	start := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b.WriteString(s[start:i])
			b.WriteByte(c + 'a' - 'A')
			start = i + 1
		}
	}
	b.WriteString(s[start:])
}

func foldSlow(s string) string {
	n := Normalize(s)
	var b strings.Builder
	b.Grow(len(n))
	stripped := false
	for i := 0; i < len(n); {
		if n[i] < utf8.RuneSelf {
			j := i + 1
			for j < len(n) && n[j] < utf8.RuneSelf {
				j++
			}
			writeLowerASCII(&b, n[i:j])
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(n[i:])
		i += size
		if isDiacritic(r) {
			// A mark NFC could not attach to a precomposed letter.
			stripped = true
			continue
		}
		if t := tableIndex(r); t >= 0 {
			b.WriteString(foldTab[t])
			continue
		}
		foldOther(&b, r)
	}
	out := b.String()
	if stripped && !isNFC(out) {
		// Removing a stray mark let two other characters compose (rare,
		// e.g. Arabic alef + U+0301 + maddah). Fold again so that Fold is
		// idempotent; each round strictly shortens the text.
		return foldSlow(out)
	}
	return out
}

// isWordRune reports whether r belongs to a word for FoldWords.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') || ('A' <= r && r <= 'Z')
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// FoldWords splits s into words and returns each one folded (see Fold).
// A word is a run of Unicode letters and numbers; combining marks that
// follow a letter stay in its word. Everything else, including apostrophes
// and hyphens, separates words. It returns nil when s has no words.
//
//	FoldWords("Hà Nội: 36 phố-phường!") == []string{"ha", "noi", "36", "pho", "phuong"}
func FoldWords(s string) []string {
	f := Fold(s)
	if f == "" {
		return nil
	}
	words := make([]string, 0, strings.Count(f, " ")+1)
	start := -1
	for i := 0; i < len(f); {
		r, size := rune(f[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(f[i:])
		}
		if isWordRune(r) || (start >= 0 && r >= utf8.RuneSelf && unicode.IsMark(r)) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			words = append(words, f[start:i])
			start = -1
		}
		i += size
	}
	if start >= 0 {
		words = append(words, f[start:])
	}
	if len(words) == 0 {
		return nil
	}
	return words
}
