package diacritics

import (
	"strings"
	"unicode/utf8"

	"github.com/toasoan/toasoan/viet"
)

// The thresholds of Check. check.js carries the same numbers.
const (
	// MinWords is the fewest counted words a text needs before Check may
	// flag it: "ok", "cam on", "dung roi" are never flagged.
	MinWords = 4
	// minEvidence is the fewest toneless syllables, not counting the
	// englishLike ones, a flagged text has: "rat hay ban" passes, "rat hay
	// ban oi" does not.
	minEvidence = 3
	// minToneless is the least share of the unmarked words (English-like
	// and chat words left out) that must be Vietnamese syllables. English
	// sentences measure 0–50%, the top being sentences full of Vietnamese
	// names (TestEnglishFalseAlarms); toneless Vietnamese mostly 90–100%.
	minToneless = 0.7
	// maxAccented is the largest share of Vietnamese syllables carrying
	// marks a flagged text may have. Text typed with diacritics has about
	// 65–75%: roughly a third of Vietnamese syllables are written with no
	// mark at all (ba, con, anh, tin, trong).
	maxAccented = 0.15
)

// MessageMissing is the Vietnamese sentence shown to a reader whose comment
// is written without diacritics.
const MessageMissing = "Vui lòng gõ tiếng Việt có dấu: bình luận viết không dấu khó đọc và dễ bị hiểu sai."

// englishLike lists common English words that are also valid toneless
// Vietnamese syllables ("to", "the", "can", "that"). They count as words but
// are evidence for neither language.
const englishLike = "" +
	"a i am an at be do go he hi in it me my no on so to up " +
	"the but not can man men ten then them him than that thin " +
	"let met net set yet bet pet got hot lot dot pot " +
	"top hop pop cop cup cut hut nut put " +
	"bit hit kit lit pit sit tip lip hip " +
	"cat bat hat mat sat pat map cap tap " +
	"long song hang sang bang rang " +
	"hung run sun gun " +
	"day may pay say bay lay " +
	"pin tom mom"

// chatWords lists the spellings of Vietnamese chat ("teencode") that break
// syllable structure: ko (không), hok, bik (biết), thik (thích), wa (quá),
// ak (à), oy (rồi), mik (mình)… Common in comments typed without
// diacritics, they count as words but are evidence for neither language.
// (Abbreviations without a vowel, dc, k, ntn, are not counted at all.)
const chatWords = "ko hok bik thik wa ak uk oy mik ik ny"

var (
	englishLikeSet = wordSet(englishLike)
	chatWordSet    = wordSet(chatWords)
)

func isASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

func wordSet(list string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}

// Verdict is what Check found in a text.
type Verdict struct {
	// Missing is true when the text is Vietnamese typed without diacritics.
	Missing bool
	// Words counts the words Check looked at: runs of letters, leaving out
	// URLs, e-mail addresses, domain names, words with digits and words
	// without a vowel (BTV, HCM, dc; UBND has one and counts).
	Words int
	// Syllables counts the words that are Vietnamese syllables, with or
	// without marks.
	Syllables int
	// VietnameseShare is Syllables / Words (0 when there are no words).
	VietnameseShare float64
	// AccentedShare is the share of those syllables that carry a
	// Vietnamese mark (0 when there are none).
	AccentedShare float64
	// TonelessShare is the share of the unmarked words that are Vietnamese
	// syllables, leaving out the words common in English too ("to", "the",
	// "can") and chat spellings ("ko", "wa"): the signal that separates
	// toneless Vietnamese from English.
	TonelessShare float64
	// Message is MessageMissing when Missing, else "".
	Message string
}

// Check tells whether text is Vietnamese typed without diacritics. It needs
// no model: it splits the text into words and checks each against the
// structure of Vietnamese syllables (initial consonant, rime, and the rule
// that rimes ending in c, ch, p, t take only the sắc or nặng tone).
//
// A text is flagged when it has at least MinWords words, at least three
// unmarked Vietnamese syllables that are not also common English words, 70%
// or more of its unmarked words (leaving out those English-like ones and
// chat spellings such as "ko") are Vietnamese syllables, and at most 15% of
// its Vietnamese syllables carry marks. So English and other languages pass (most English words break
// Vietnamese spelling: "and", "is", "with", "this", "time"), accented
// Vietnamese with a few unaccented words passes, and very short texts are
// never flagged. URLs, e-mail addresses, domain names and numbers are
// ignored. check.js implements the same function for the browser.
func Check(text string) Verdict {
	var plain, accented, other, english, chat int
	eachWord(viet.Normalize(text), func(w string, _ int, _ string, address bool) {
		if address {
			return
		}
		switch k, low := classify(w); k {
		case kindPlain:
			plain++
			if englishLikeSet[low] {
				english++
			}
		case kindAccented:
			accented++
		case kindOther:
			other++
			if len(w) <= 4 && isASCIILetters(w) && chatWordSet[strings.ToLower(w)] {
				chat++
			}
		}
	})
	var v Verdict
	v.Words = plain + accented + other
	v.Syllables = plain + accented
	if v.Words > 0 {
		v.VietnameseShare = float64(v.Syllables) / float64(v.Words)
	}
	if v.Syllables > 0 {
		v.AccentedShare = float64(accented) / float64(v.Syllables)
	}
	evidence := plain - english
	if n := plain + other - english - chat; n > 0 {
		v.TonelessShare = float64(evidence) / float64(n)
	}
	v.Missing = v.Words >= MinWords && evidence >= minEvidence &&
		v.TonelessShare >= minToneless && v.AccentedShare <= maxAccented
	if v.Missing {
		v.Message = MessageMissing
	}
	return v
}

// eachWord calls fn for every word of s: a run of runes that are not
// separators (see isSeparator), inside a chunk of text between whitespace
// (see isSpace). start is the word's byte offset, gap the text between the
// previous word (or the start of s) and this one, and address tells that
// the chunk is a URL, an e-mail address or a domain name (see isAddress).
func eachWord(s string, fn func(word string, start int, gap string, address bool)) {
	prevEnd := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isSpace(r) {
			i += size
			continue
		}
		// A chunk: s[i:j].
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if isSpace(r) {
				break
			}
			j += size
		}
		chunk := s[i:j]
		addr := isAddress(chunk)
		start := -1
		for k := 0; k <= len(chunk); {
			sep, size := true, 1
			if k < len(chunk) {
				var r rune
				r, size = utf8.DecodeRuneInString(chunk[k:])
				sep = isSeparator(r)
			}
			if !sep && start < 0 {
				start = k
			} else if sep && start >= 0 {
				fn(chunk[start:k], i+start, s[prevEnd:i+start], addr)
				prevEnd = i + k
				start = -1
			}
			k += size
		}
		i = j
	}
}

// isSpace reports whether r separates chunks (see forEachWord).
func isSpace(r rune) bool {
	switch {
	case r == ' ', '\t' <= r && r <= '\r', r == 0xA0, r == 0x1680,
		0x2000 <= r && r <= 0x200B, r == 0x2028, r == 0x2029, r == 0x202F,
		r == 0x205F, r == 0x3000, r == 0xFEFF:
		return true
	}
	return false
}

// isSeparator reports whether r separates words: everything ASCII but
// letters and digits, Latin-1 punctuation and symbols, general punctuation,
// arrows and other symbols, CJK punctuation, variation selectors, and every
// rune outside the Basic Multilingual Plane (emoji). Any other rune is part
// of a word; a word with a rune that is not a Vietnamese letter or a digit
// is not a Vietnamese syllable. (A simple rule on purpose: check.js, plain
// ES5, has no Unicode tables.)
func isSeparator(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9')
	case r <= 0xBF, r == 0xD7, r == 0xF7,
		0x2000 <= r && r <= 0x206F, 0x2190 <= r && r <= 0x2BFF,
		0x3000 <= r && r <= 0x3029, 0x3030 <= r && r <= 0x303F,
		0xFE00 <= r && r <= 0xFE0F, r == 0xFEFF, r >= 0x10000:
		return true
	}
	return false
}

// isAddress reports whether a whitespace-free chunk is a URL, an e-mail
// address or a domain name (tuoitre.vn, after trailing punctuation is cut):
// words there are not prose.
func isAddress(chunk string) bool {
	if strings.Contains(chunk, "://") || strings.Contains(chunk, "@") {
		return true
	}
	if len(chunk) >= 4 && strings.EqualFold(chunk[:4], "www.") {
		return true
	}
	c := strings.TrimRight(chunk, ".,;:!?)]}'\"")
	c = strings.TrimLeft(c, "([{'\"")
	dot := false
	for i := 0; i < len(c); i++ {
		b := c[i]
		switch {
		case 'a' <= b && b <= 'z', 'A' <= b && b <= 'Z', '0' <= b && b <= '9', b == '-', b == '_', b == '/':
		case b == '.':
			if i > 0 && i < len(c)-1 && c[i-1] != '.' && c[i+1] != '.' {
				dot = true
			}
		default:
			return false
		}
	}
	return dot
}
