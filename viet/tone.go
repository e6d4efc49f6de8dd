package viet

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Vietnamese vowels without tone, in the order used by the vowel codes
// below. A letter code is a vowel code (0..11) or a lower-case ASCII
// consonant byte, with codeDD standing for đ.
const vowelLetters = "aăâeêioôơuưy"

const (
	vA = iota
	vAW
	vAA
	vE
	vEE
	vI
	vO
	vOO
	vOW
	vU
	vUW
	vY
	numVowels

	codeDD = 'D' // đ
)

// The five tone marks, indexed by tone number 1..5 (0 = no tone, "ngang").
var toneMarks = [6]rune{0, 0x0300, 0x0301, 0x0309, 0x0303, 0x0323}

var (
	// vowelInfo[vowelIndex(r)] describes a Vietnamese vowel letter:
	// bits 0-3 vowel code + 1 (0: not a vowel), bits 4-6 tone, bit 7 upper.
	vowelInfo [vowelLoHi + vowelHiHi - vowelHiLo]uint8
	// composedVowel[vowel][tone][upper] is the precomposed NFC letter.
	composedVowel [numVowels][6][2]rune
	// nuclei holds the valid vowel nuclei, keyed by nucleusKey.
	nuclei [1 << 12]bool
)

// vowelInfo covers U+0000–U+024F and U+1EA0–U+1EFF (Vietnamese block of
// Latin Extended Additional), where all Vietnamese vowel letters live.
const (
	vowelLoHi            = 0x250
	vowelHiLo, vowelHiHi = 0x1EA0, 0x1F00
)

func vowelIndex(r rune) int {
	switch {
	case r < vowelLoHi:
		return int(r)
	case vowelHiLo <= r && r < vowelHiHi:
		return int(r-vowelHiLo) + vowelLoHi
	}
	return -1
}

// validNuclei lists the vowel nuclei of Vietnamese syllables (after the
// initial consonant; the u of "qu" and the i of "gi" belong to the initial).
var validNuclei = []string{
	"a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
	"ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu",
	"oa", "oă", "oe", "oi", "oo", "ôi", "ôô", "ơi", "ua", "uâ", "uê", "ui",
	"uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê",
	"iêu", "yêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "uya", "uyê",
	"uyu", "ươi", "ươu", "uêu",
}

func initTone() {
	for v, base := range []rune(vowelLetters) {
		for t := range toneMarks {
			for up := range 2 {
				b := base
				if up == 1 {
					b = unicode.ToUpper(base)
				}
				s := string(b)
				if t > 0 {
					s = norm.NFC.String(s + string(toneMarks[t]))
				}
				r, n := utf8.DecodeRuneInString(s)
				if n != len(s) {
					panic("viet: no precomposed form for " + s)
				}
				composedVowel[v][t][up] = r
				vowelInfo[vowelIndex(r)] = uint8(v+1) | uint8(t)<<4 | uint8(up)<<7
			}
		}
	}
	vowels := []rune(vowelLetters)
	for _, n := range validNuclei {
		var codes []byte
		for _, r := range n {
			codes = append(codes, byte(slices.Index(vowels, r)))
		}
		nuclei[nucleusKey(codes)] = true
	}
}

func nucleusKey(codes []byte) int {
	k := 0
	for i, c := range codes {
		k |= int(c+1) << (4 * i)
	}
	return k
}

func isVowelCode(c byte) bool { return c < numVowels }

// maxSyllable is the longest Vietnamese syllable in letters ("nghiêng").
const maxSyllable = 7

// CanonicalTone moves the tone mark of every Vietnamese syllable in s to
// one canonical vowel without removing any diacritics, so that the old and
// new tone-placement conventions compare equal. Case is preserved and the
// result is NFC.
//
// The canonical position is the "new style" (kiểu mới, the 1984 Ministry
// of Education convention):
//
//  1. "qu" and "gi" (before another vowel) are initial consonants: quý,
//     giữ, già.
//  2. If the vowel nucleus has ă, â, ê, ô, ơ or ư, the tone goes on it; on
//     the last one when there are two (người, rượu).
//  3. Otherwise, if a final consonant follows, on the last vowel (hoàn,
//     quýt, huỳnh).
//  4. Otherwise (open syllable): a single vowel takes it; of three vowels
//     the middle one (ngoài, khuỷu); of two the first (mái, múa, túi)
//     except oa, oe, uy which take it on the second: hoà, khoẻ, thuỷ.
//
// So CanonicalTone("hòa") == "hoà", CanonicalTone("thủy") == "thuỷ",
// CanonicalTone("qúy") == "quý", CanonicalTone("HÒA") == "HOÀ".
//
// A word (a run of letters) is rewritten only if it parses as exactly one
// Vietnamese syllable (initial consonant, valid nucleus, final consonant
// among c ch m n ng nh p t, the stops c ch p t only with sắc or nặng)
// carrying exactly one tone mark and built only from Vietnamese letters (no
// f, j, w, z). Anything else, "café", "Pokémon", "Wiki", is returned
// unchanged. Digits, punctuation and spaces separate words, so "Hòa-Bình"
// becomes "Hoà-Bình". Apart from NFC, s is not cleaned: use Normalize or
// SearchKey for that.
func CanonicalTone(s string) string {
	if !isNFC(s) {
		s = norm.NFC.String(s)
	}
	return canonicalTone(s)
}

// canonicalTone is CanonicalTone for NFC input.
func canonicalTone(s string) string {
	var b *strings.Builder
	last := 0 // s[:last] has been copied to b
	start := -1
	ascii := true // the current word is pure ASCII so far
	for i := 0; i <= len(s); {
		var r rune
		size := 1
		if i < len(s) {
			r = rune(s[i])
			if r >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(s[i:])
			}
		}
		inWord := i < len(s) && (isWordLetter(r) || (start >= 0 && r >= utf8.RuneSelf && unicode.IsMark(r)))
		if inWord {
			if start < 0 {
				start, ascii = i, true
			}
			if r >= utf8.RuneSelf {
				ascii = false
			}
		} else if start >= 0 {
			if !ascii {
				var w [maxSyllable * 3]byte
				if nw, ok := retone(w[:0], s[start:i]); ok {
					if b == nil {
						b = new(strings.Builder)
						b.Grow(len(s))
					}
					b.WriteString(s[last:start])
					b.Write(nw)
					last = i
				}
			}
			start = -1
		}
		i += size
	}
	if b == nil {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

func isWordLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')
	}
	if i := vowelIndex(r); i >= 0 && vowelInfo[i] != 0 || r == 'đ' || r == 'Đ' {
		return true
	}
	return unicode.IsLetter(r)
}

// retone appends word with its tone moved to the canonical vowel to dst and
// reports true, or reports false if word is not a Vietnamese syllable or
// its tone is already in place.
func retone(dst []byte, word string) ([]byte, bool) {
	var (
		runes [maxSyllable]rune
		codes [maxSyllable]byte
		info  [maxSyllable]uint8
	)
	n := 0
	tonePos, tone := -1, uint8(0)
	for _, r := range word {
		if n == maxSyllable {
			return dst, false
		}
		var code byte
		var inf uint8
		switch {
		case 'a' <= r && r <= 'z':
			code = byte(r)
		case 'A' <= r && r <= 'Z':
			code = byte(r) + 'a' - 'A'
		case r == 'đ' || r == 'Đ':
			code = codeDD
		default:
			vi := vowelIndex(r)
			if vi < 0 || vowelInfo[vi] == 0 {
				return dst, false
			}
			inf = vowelInfo[vi]
			code = inf&0x0f - 1
		}
		if code >= 'a' {
			switch code {
			case 'a', 'e', 'i', 'o', 'u', 'y':
				inf = vowelInfo[r] // ASCII vowel, no tone
				code = inf&0x0f - 1
			case 'f', 'j', 'w', 'z':
				return dst, false
			}
		}
		if t := inf >> 4 & 7; t != 0 {
			if tonePos >= 0 {
				return dst, false // two tone marks: not one syllable
			}
			tonePos, tone = n, t
		}
		runes[n], codes[n], info[n] = r, code, inf
		n++
	}
	if tonePos < 0 {
		return dst, false
	}
	target := tonePosition(codes[:n], tone)
	if target < 0 || target == tonePos {
		return dst, false
	}
	for k := range n {
		r := runes[k]
		switch k {
		case tonePos:
			r = composedVowel[codes[k]][0][info[k]>>7]
		case target:
			r = composedVowel[codes[k]][tone][info[k]>>7]
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst, true
}

// tonePosition parses the letter codes of one syllable carrying tone (1..5)
// and returns the index of the vowel that carries the tone in the canonical
// convention, or -1 if the letters do not form a Vietnamese syllable.
func tonePosition(c []byte, tone uint8) int {
	n := len(c)
	// Initial consonant.
	i := 0
	if !isVowelCode(c[0]) {
		pair := func(a, b byte) bool { return n >= 2 && c[0] == a && c[1] == b }
		switch {
		case n >= 3 && c[0] == 'n' && c[1] == 'g' && c[2] == 'h':
			i = 3
		case c[0] == 'q':
			if !pair('q', vU) {
				return -1
			}
			i = 2
		case n >= 3 && pair('g', vI) && isVowelCode(c[2]):
			i = 2
		case pair('c', 'h'), pair('g', 'h'), pair('k', 'h'), pair('n', 'g'),
			pair('n', 'h'), pair('p', 'h'), pair('t', 'h'), pair('t', 'r'):
			i = 2
		default:
			switch c[0] {
			case 'b', 'c', 'd', codeDD, 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'x':
				i = 1
			default:
				return -1
			}
		}
	}
	// Vowel nucleus.
	j := i
	for j < n && isVowelCode(c[j]) {
		j++
	}
	nv := j - i
	if nv == 0 || nv > 3 || !nuclei[nucleusKey(c[i:j])] {
		return -1
	}
	// Final consonant.
	switch string(c[j:]) {
	case "", "m", "n", "ng", "nh":
	case "c", "ch", "p", "t":
		// Stop finals take only sắc or nặng.
		if tone != 2 && tone != 5 {
			return -1
		}
	default:
		return -1
	}
	closed := j < n
	// Rule 2: the last vowel with a quality mark.
	for k := j - 1; k >= i; k-- {
		switch c[k] {
		case vAW, vAA, vEE, vOO, vOW, vUW:
			return k
		}
	}
	// Rules 3 and 4.
	switch {
	case closed:
		return j - 1
	case nv == 1:
		return i
	case nv == 3:
		return i + 1
	}
	switch [2]byte{c[i], c[i+1]} {
	case [2]byte{vO, vA}, [2]byte{vO, vE}, [2]byte{vU, vY}:
		return i + 1
	}
	return i
}

// SearchKey returns a key that keeps diacritics (for "exact diacritics"
// ranking) but ignores case, NFD/NFC form and tone placement:
// CanonicalTone of the lower-cased Normalize(s). SearchKey("THỦY"),
// SearchKey("thuỷ") and SearchKey(NFD "thủy") are all "thuỷ"; it differs
// from SearchKey("thuy").
func SearchKey(s string) string {
	s = strings.ToLower(Normalize(s))
	if !isNFC(s) {
		s = norm.NFC.String(s)
	}
	return canonicalTone(s)
}
