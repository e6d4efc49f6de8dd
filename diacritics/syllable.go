package diacritics

import (
	"strings"
	"unicode/utf8"

	"github.com/toasoan/toasoan/viet"
)

// The syllable rules below are written as plain data (strings of
// space-separated items) so that check.js can carry the very same lists;
// TestJSMatchesGo keeps the two in step.

// vowelsLower and vowelsUpper list the Vietnamese vowel letters, six per
// vowel in tone order: ngang (none), huyền, sắc, hỏi, ngã, nặng.
const (
	vowelsLower = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"
	vowelsUpper = "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴ"
)

// Tone numbers, the index within a group of six in vowelsLower.
const (
	toneNgang = iota
	toneHuyen
	toneSac
	toneHoi
	toneNga
	toneNang
)

// onsetList is the inventory of initial consonants. "gi" and "qu" count as
// initials: the i of "gia" and the u of "qua" are not part of the rime.
const onsetList = "b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x"

// rimeList is the inventory of rimes (medial + nucleus + coda) without tone,
// spelt with their vowel-quality marks. "ynh ych yt" occur only after "qu"
// (quynh, quých, quýt); see onsetFits. "uyp" is for the loanword "tuýp".
const rimeList = "" +
	"a ac ach ai am an ang anh ao ap at au ay " +
	"ăc ăm ăn ăng ăp ăt " +
	"âc âm ân âng âp ât âu ây " +
	"e ec em en eng eo ep et " +
	"ê êch êm ên ênh êp êt êu " +
	"i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu " +
	"o oc oi om on ong op ot ooc oong " +
	"ô ôc ôi ôm ôn ông ôp ôt " +
	"ơ ơi ơm ơn ơp ơt " +
	"u ua uc ui um un ung up ut uôc uôi uôm uôn uông uôt " +
	"ư ưa ưc ưi ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu " +
	"y yêm yên yêt yêu ynh ych yt " +
	"oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oe oen oeo oet " +
	"uân uâng uât uây uê uêch uênh uơ uy uych uynh uyp uyt uyu uya uyên uyêt"

// onsetFits reports whether onset ("" for none) may precede rime, following
// Vietnamese spelling: c/k, g/gh, ng/ngh before front vowels, qu and gi
// absorbing the medial, iê/yê, and no medial o/u after labials.
func onsetFits(onset, rime string) bool {
	r0, _ := utf8.DecodeRuneInString(rime)
	r1, _ := utf8.DecodeRuneInString(rime[utf8.RuneLen(r0):])
	front := r0 == 'e' || r0 == 'ê' || r0 == 'i' || r0 == 'y'
	medialO := r0 == 'o' && (r1 == 'a' || r1 == 'ă' || r1 == 'e')
	medialU := r0 == 'u' && (r1 == 'â' || r1 == 'ê' || r1 == 'y' || r1 == 'ơ')
	iee := strings.HasPrefix(rime, "iê")
	yee := strings.HasPrefix(rime, "yê")
	quOnly := rime == "ynh" || rime == "ych" || rime == "yt"
	if quOnly && onset != "qu" {
		return false
	}
	if yee && onset != "" && onset != "qu" {
		return false
	}
	if iee && (onset == "" || onset == "qu" || onset == "gi") {
		return false
	}
	if rime == "y" {
		switch onset {
		case "", "h", "k", "l", "m", "s", "t", "th", "v", "qu":
		default:
			return false
		}
	}
	switch onset {
	case "qu":
		return !medialO && !medialU && r0 != 'u' && r0 != 'ư' && r0 != 'o' && (r0 != 'ô' || rime == "ôc")
	case "gi":
		return !front && !medialO && !medialU
	case "c", "ng":
		return !front && (onset == "ng" || (!medialO && !medialU))
	case "k", "gh", "ngh":
		return front && (r0 != 'y' || onset == "k")
	case "g":
		return r0 != 'e' && r0 != 'ê' && r0 != 'y' && !medialU
	case "b", "m", "p", "ph", "v":
		// No medial o/u after labials, but for the loanword "buýt" (bus).
		return !medialO && !medialU || onset == "b" && rime == "uyt"
	case "r":
		return !medialU
	}
	return true
}

// letterInfo describes one letter a syllable may contain.
type letterInfo struct {
	lower rune // the same letter in lower case
	base  rune // lower-case letter without tone, keeping ă â ê ô ơ ư đ
	fold  byte // ASCII base letter: what viet.Fold makes of it
	tone  uint8
	upper bool
}

var (
	// letters maps every letter of Vietnamese spelling (ASCII letters, the
	// vowels with their marks, đ) in both cases to its description.
	letters = map[rune]letterInfo{}
	// tonelessSyllables holds every valid syllable without its tone but with
	// its vowel-quality marks and đ: "nguyên", "quôc", "đươc".
	tonelessSyllables = map[string]bool{}
	// foldedSyllables holds the same syllables folded to ASCII: "nguyen".
	foldedSyllables = map[string]bool{}
)

func init() {
	for c := 'a'; c <= 'z'; c++ {
		letters[c] = letterInfo{lower: c, base: c, fold: byte(c)}
		letters[c-'a'+'A'] = letterInfo{lower: c, base: c, fold: byte(c), upper: true}
	}
	lower, upper := []rune(vowelsLower), []rune(vowelsUpper)
	for i, r := range lower {
		base := lower[i-i%6]
		var fold byte
		switch base {
		case 'a', 'ă', 'â':
			fold = 'a'
		case 'e', 'ê':
			fold = 'e'
		case 'o', 'ô', 'ơ':
			fold = 'o'
		case 'u', 'ư':
			fold = 'u'
		case 'i':
			fold = 'i'
		case 'y':
			fold = 'y'
		}
		letters[r] = letterInfo{lower: r, base: base, fold: fold, tone: uint8(i % 6)}
		letters[upper[i]] = letterInfo{lower: r, base: base, fold: fold, tone: uint8(i % 6), upper: true}
	}
	letters['đ'] = letterInfo{lower: 'đ', base: 'đ', fold: 'd'}
	letters['Đ'] = letterInfo{lower: 'đ', base: 'đ', fold: 'd', upper: true}

	rimes := strings.Fields(rimeList)
	for _, onset := range append([]string{""}, strings.Fields(onsetList)...) {
		for _, rime := range rimes {
			if !onsetFits(onset, rime) {
				continue
			}
			s := onset + rime
			tonelessSyllables[s] = true
			foldedSyllables[foldToneless(s)] = true
		}
	}
}

// foldToneless maps a lower-case toneless syllable to ASCII.
func foldToneless(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = append(b, letters[r].fold)
	}
	return string(b)
}

// maxSyllableLetters is the length of the longest syllable, "nghiêng".
const maxSyllableLetters = 7

// wordKind classifies a word for Check and for the model.
type wordKind uint8

const (
	kindSkip     wordKind = iota // not counted: digits, no vowel (BTV, 5G)
	kindOther                    // a word that is not a Vietnamese syllable
	kindPlain                    // a valid Vietnamese syllable written without any mark
	kindAccented                 // a valid Vietnamese syllable with its marks
)

// classify tells what word (a run of non-separator runes, NFC) is. For
// kindPlain and kindAccented it also returns the syllable lower-cased.
func classify(word string) (wordKind, string) {
	var buf [maxSyllableLetters * 3]byte
	low := buf[:0]
	var base [maxSyllableLetters * 2]byte
	tb := base[:0]
	n, tones, vowel, ascii := 0, 0, false, true
	tone := uint8(toneNgang)
	foreign := false
	for _, r := range word {
		if '0' <= r && r <= '9' {
			return kindSkip, ""
		}
		li, ok := letters[r]
		if !ok {
			foreign = true
			continue
		}
		if r >= utf8.RuneSelf {
			ascii = false
		}
		switch li.fold {
		case 'a', 'e', 'i', 'o', 'u', 'y':
			vowel = true
		}
		if li.tone != toneNgang {
			tones++
			tone = li.tone
		}
		n++
		if n <= maxSyllableLetters {
			low = utf8.AppendRune(low, li.lower)
			tb = utf8.AppendRune(tb, li.base)
		}
	}
	if !vowel && !foreign {
		return kindSkip, ""
	}
	if foreign || n > maxSyllableLetters || tones > 1 {
		return kindOther, ""
	}
	if ascii {
		if foldedSyllables[string(low)] {
			return kindPlain, string(low)
		}
		return kindOther, ""
	}
	if !tonelessSyllables[string(tb)] {
		return kindOther, ""
	}
	if isStop(tb) && tone != toneSac && tone != toneNang {
		return kindOther, ""
	}
	return kindAccented, string(low)
}

// isStop reports whether a toneless syllable ends in c, ch, p or t.
func isStop(s []byte) bool {
	n := len(s)
	last := s[n-1]
	return last == 'c' || last == 'p' || last == 't' || (last == 'h' && n >= 2 && s[n-2] == 'c')
}

// Misspelt returns the words of text that carry Vietnamese marks (a tone
// mark, or one of ă â đ ê ô ơ ư) but are not a Vietnamese syllable as
// written: "tiếng" passes, "tiéng", "đươc" and "cầc" do not. Plain ASCII
// words (English, names, abbreviations) are never listed. It proofreads
// text written with diacritics, such as the demo newspaper's stories.
func Misspelt(text string) []string {
	var bad []string
	eachWord(viet.Normalize(text), func(w string, _ int, _ string, address bool) {
		if address {
			return
		}
		if k, _ := classify(w); k != kindOther {
			return
		}
		for _, r := range w {
			if r >= utf8.RuneSelf {
				if _, ok := letters[r]; ok {
					bad = append(bad, w)
					return
				}
			}
		}
	})
	return bad
}
