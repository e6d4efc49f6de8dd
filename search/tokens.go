package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/toasoan/toasoan/viet"
)

// Token is one word of a text: its two index forms and where it is.
type Token struct {
	Fold, Key  string
	Start, End int // byte offsets of the word in the text given to Tokenize
}

// isWordRune reports whether r is part of a word: a letter or a number, as
// in viet.FoldWords.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') || ('A' <= r && r <= 'Z')
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// Tokenize cuts s into words the way viet.FoldWords does (a word is a run
// of letters and numbers, combining marks stay with the letter before them,
// everything else separates) and returns each word's folded and key forms
// with its offsets in s. s should already be normalized (viet.Normalize)
// for the offsets to be useful; the forms are right either way.
func Tokenize(s string) []Token { return tokenize(s, true) }

// tokenize is Tokenize, leaving Key empty unless withKey: highlighting
// compares folded forms only.
func tokenize(s string, withKey bool) []Token {
	var out []Token
	start := -1
	flush := func(end int) {
		w := s[start:end]
		if f := viet.Fold(w); f != "" {
			t := Token{Fold: f, Start: start, End: end}
			if withKey {
				t.Key = key(w, f)
			}
			out = append(out, t)
		}
		start = -1
	}
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if isWordRune(r) || (start >= 0 && r >= utf8.RuneSelf && unicode.IsMark(r)) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			flush(i)
		}
		i += n
	}
	if start >= 0 {
		flush(len(s))
	}
	return out
}

// key returns viet.SearchKey(w), skipping the work for a plain ASCII word
// whose folded form f already is its key.
func key(w, f string) string {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return viet.SearchKey(w)
		}
	}
	return f
}

// IndexText returns the words of s as an index stores them: the folded
// forms and the key forms, each joined by single spaces. Word i of one is
// word i of the other, so phrase positions agree.
func IndexText(s string) (folded, keys string) {
	toks := Tokenize(viet.Normalize(s))
	if len(toks) == 0 {
		return "", ""
	}
	var f, k strings.Builder
	for i, t := range toks {
		if i > 0 {
			f.WriteByte(' ')
			k.WriteByte(' ')
		}
		f.WriteString(t.Fold)
		k.WriteString(t.Key)
	}
	return f.String(), k.String()
}
