package search

import (
	"strings"
	"unicode/utf8"

	"github.com/toasoan/toasoan/viet"
)

// WordForm is one spelling (key form) of a folded word in the index, with
// how many articles' headlines use it.
type WordForm struct {
	Word string // key form: "luân"
	Docs int
}

// Forms maps folded words to the spellings the index knows for them, most
// used first.
type Forms map[string][]WordForm

// Lookup returns the spellings of the given folded words; words the index
// does not know are absent from the map.
type Lookup func(folds []string) (Forms, error)

// maxEditLen bounds the words whose one-letter neighbours are tried: a
// Vietnamese syllable has at most 7 letters; longer words are names or
// foreign and rarely mistyped by one letter in a way we could guess.
const maxEditLen = 10

// Suggest proposes a query for a reader whose query q found nothing:
//
//   - a word typed without diacritics gets the spelling most headlines use
//     ("luan chuyen" → "luân chuyển"); a word typed with diacritics keeps
//     them;
//   - a word the index does not know is read as Telex or VNI typed with the
//     Vietnamese keyboard off ("luaan chuyeenr", "lua6n chuye6n3" →
//     "luân chuyển"), else replaced by the most used known word one letter
//     away ("chuyne" → "chuyển"), else left out;
//   - quotes and exclusions are kept.
//
// ok is false when there is nothing different to propose. The caller should
// offer the suggestion only if it finds something.
func (q Query) Suggest(lookup Lookup) (s Query, ok bool, err error) {
	pos := q.Positive()
	if len(pos) == 0 {
		return Query{}, false, nil
	}
	// First round: the words themselves and their Telex/VNI readings.
	var folds []string
	decoded := map[string]string{}
	for _, t := range pos {
		for _, w := range t.Words {
			folds = append(folds, w.Fold)
			if d, ok := DecodeTyping(w.Surface); ok {
				decoded[w.Fold] = d
				folds = append(folds, viet.Fold(d))
			}
		}
	}
	forms, err := lookup(dedupe(folds))
	if err != nil {
		return Query{}, false, err
	}
	// Second round: one-letter neighbours of the words still unknown.
	var edits []string
	for _, t := range pos {
		for _, w := range t.Words {
			if len(forms[w.Fold]) == 0 && (decoded[w.Fold] == "" || len(forms[viet.Fold(decoded[w.Fold])]) == 0) &&
				len(w.Fold) <= maxEditLen && isASCIIWord(w.Fold) {
				edits = append(edits, Edits(w.Fold)...)
			}
		}
	}
	if len(edits) > 0 {
		more, err := lookup(dedupe(edits))
		if err != nil {
			return Query{}, false, err
		}
		for k, v := range more {
			if _, known := forms[k]; !known {
				forms[k] = v
			}
		}
	}
	replace := func(w Word) string {
		if fs := forms[w.Fold]; len(fs) > 0 {
			if w.Accented() {
				return w.Surface
			}
			return fs[0].Word
		}
		if d := decoded[w.Fold]; d != "" {
			if fs := forms[viet.Fold(d)]; len(fs) > 0 {
				for _, f := range fs {
					if f.Word == d {
						return d
					}
				}
				return fs[0].Word
			}
		}
		if len(w.Fold) > maxEditLen || !isASCIIWord(w.Fold) {
			return ""
		}
		best, bestDocs := "", 0
		for _, e := range Edits(w.Fold) {
			n := 0
			for _, f := range forms[e] {
				n += f.Docs
			}
			if n > bestDocs {
				best, bestDocs = forms[e][0].Word, n
			}
		}
		return best
	}
	var parts []string
	kept := 0
	for _, t := range q.Terms {
		text := t.Text
		if !t.Exclude {
			var ws []string
			for _, w := range t.Words {
				if r := replace(w); r != "" {
					ws = append(ws, r)
				}
			}
			if len(ws) == 0 {
				continue
			}
			kept++
			text = strings.Join(ws, " ")
		}
		switch {
		case t.Exclude && t.Quoted:
			parts = append(parts, `-"`+text+`"`)
		case t.Exclude:
			parts = append(parts, "-"+text)
		case t.Quoted || len(t.Words) > 1:
			parts = append(parts, `"`+text+`"`)
		default:
			parts = append(parts, text)
		}
	}
	if kept == 0 {
		return Query{}, false, nil
	}
	s = Parse(strings.Join(parts, " "))
	if s.Empty() || s.Text == q.Text {
		return Query{}, false, nil
	}
	return s, true, nil
}

func dedupe(ss []string) []string {
	seen := make(map[string]bool, len(ss))
	out := ss[:0:0]
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func isASCIIWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z') {
			return false
		}
	}
	return s != ""
}

// Edits returns the words one edit away from the lower-case ASCII word w
// (a letter deleted, replaced or inserted, or two neighbours swapped).
func Edits(w string) []string {
	const letters = "abcdefghijklmnopqrstuvwxyz"
	var out []string
	for i := 0; i <= len(w); i++ {
		if i < len(w) {
			out = append(out, w[:i]+w[i+1:])
			if i+1 < len(w) && w[i] != w[i+1] {
				out = append(out, w[:i]+string(w[i+1])+string(w[i])+w[i+2:])
			}
			for j := 0; j < len(letters); j++ {
				if letters[j] != w[i] {
					out = append(out, w[:i]+string(letters[j])+w[i+1:])
				}
			}
		}
		for j := 0; j < len(letters); j++ {
			out = append(out, w[:i]+string(letters[j])+w[i:])
		}
	}
	return dedupe(out)
}

// Combining marks for tones (1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng).
var toneMarks = [...]string{"", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"}

func isVowel(r rune) bool { return strings.ContainsRune("aăâeêioôơuưy", r) }

// DecodeTyping reads a word typed in Telex or VNI with the Vietnamese
// keyboard switched off, a common reason a search finds nothing:
// "luaan" → "luân", "chuyeenr" → "chuyển", "nguowif" → "người",
// "dduwowngf" → "đường", "lua6n" → "luân", "chuye6n3" → "chuyển". It
// returns the key form and true if the word had any Telex or VNI keys; it
// does not check that the result is a real word (the index does).
func DecodeTyping(word string) (string, bool) {
	if word == "" || len(word) > 16 {
		return "", false
	}
	word = strings.ToLower(word)
	for i := 0; i < len(word); i++ {
		c := word[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return "", false
		}
		if i > 0 && '0' <= c && c <= '9' && '0' <= word[i-1] && word[i-1] <= '9' {
			return "", false // a number (covid19, 2022), not VNI keys
		}
	}
	var out []rune
	tone, changed := 0, false
	hasVowel := func() bool {
		for _, r := range out {
			if isVowel(r) {
				return true
			}
		}
		return false
	}
	// lastVowel returns the index of the last vowel in out, or -1.
	lastVowel := func(set string) int {
		for i := len(out) - 1; i >= 0; i-- {
			if isVowel(out[i]) {
				if strings.ContainsRune(set, out[i]) {
					return i
				}
				if i == len(out)-1 || isVowel(out[i+1]) {
					continue // keep looking through the vowel cluster
				}
				return -1
			}
		}
		return -1
	}
	horn := func() bool {
		i := lastVowel("aou")
		if i < 0 {
			return false
		}
		switch out[i] {
		case 'a':
			out[i] = 'ă'
		case 'u':
			out[i] = 'ư'
		case 'o':
			out[i] = 'ơ'
			if i > 0 && out[i-1] == 'u' {
				out[i-1] = 'ư'
			}
		}
		return true
	}
	hat := func(only rune) bool {
		i := lastVowel("aeo")
		if i < 0 || (only != 0 && out[i] != only) {
			return false
		}
		out[i] = map[rune]rune{'a': 'â', 'e': 'ê', 'o': 'ô'}[out[i]]
		return true
	}
	for _, c := range word {
		switch {
		// VNI
		case c >= '1' && c <= '5' && hasVowel() && tone == 0:
			tone, changed = int(c-'0'), true
		case c == '6' && hat(0), c == '7' && horn(), c == '8' && lastVowel("a") >= 0 && horn():
			changed = true
		case c == '9' && len(out) > 0 && out[0] == 'd':
			out[0], changed = 'đ', true
		// Telex
		case c == 'd' && len(out) == 1 && out[0] == 'd':
			out[0], changed = 'đ', true
		case (c == 'a' || c == 'e' || c == 'o') && len(out) > 0 && out[len(out)-1] == c && hat(c):
			changed = true
		case c == 'w':
			if !horn() {
				out = append(out, 'ư')
			}
			changed = true
		case strings.ContainsRune("sfrxj", c) && hasVowel() && tone == 0:
			tone, changed = strings.IndexRune("?sfrxj", c), true
		default:
			out = append(out, c)
		}
	}
	if !changed {
		return "", false
	}
	s := string(out)
	if tone > 0 {
		for i, r := range s {
			if isVowel(r) {
				n := utf8.RuneLen(r)
				s = s[:i+n] + toneMarks[tone] + s[i+n:]
				break
			}
		}
	}
	return viet.SearchKey(s), true
}
