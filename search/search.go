// Package search owns what a search means, apart from any storage: how a
// reader's query is read (words, quoted phrases, -exclusions, limits), how
// text is cut into the words an index keeps, how results are ranked (the
// tiers), how matches are highlighted in snippets, and how a query that
// found nothing can be corrected. It does no I/O.
//
// Every backend indexes the same two forms of each word and evaluates the
// same tiers, so that SQLite and PostgreSQL find and order the same
// articles:
//
//   - the folded form (viet.Fold): no diacritics, lower case, đ → d. It
//     decides whether an article matches at all, so "luan chuyen can bo"
//     finds "luân chuyển cán bộ", NFD text from a Mac matches NFC text, and
//     "hoà" finds "hòa".
//   - the key form (viet.SearchKey): lower case, NFC, tone mark on its
//     canonical vowel, diacritics kept. It decides the "exact diacritics"
//     tiers: "bàn" ranks articles with "bàn" above those with "bán" or "ban",
//     and "hoà"/"hòa", "thuỷ"/"thủy", "quý"/"qúy" count as the same spelling.
package search

import (
	"strings"
	"unicode/utf8"

	"github.com/toasoan/toasoan/viet"
)

// Limits on a query. Longer input is cut rather than refused: a reader who
// pasted a paragraph still gets results for its beginning, and no query can
// make the index do unbounded work.
const (
	// MaxRunes is how many characters of the (normalized) query are read.
	MaxRunes = 200
	// MaxTerms is how many terms (words, phrases, exclusions) are kept.
	MaxTerms = 12
	// MaxWords is how many words all terms together may hold.
	MaxWords = 32
	// maxRawBytes bounds the work done before the rune cut; 4 bytes per
	// rune is the UTF-8 maximum, the rest is room for NFD marks and spaces.
	maxRawBytes = 8 * MaxRunes
)

// Word is one word of a query or of indexed text, in the two forms an index
// keeps.
type Word struct {
	Fold string // viet.Fold: "luan"
	Key  string // viet.SearchKey: "luân"
	// Surface is the word as written (normalized), for display.
	Surface string
}

// Accented reports whether the word carries diacritics (or đ).
func (w Word) Accented() bool { return w.Key != w.Fold }

// Term is one thing the reader asked for: a word, or a phrase whose words
// must appear next to each other in this order.
type Term struct {
	Words []Word
	// Quoted is set when the reader put the term in quotes. A term written
	// as one token with inner punctuation ("phố-phường", "98-QĐ/TW",
	// "covid-19") has several words and is a phrase without quotes.
	Quoted bool
	// Exclude is set for "-word" and -"a phrase": articles containing it
	// are left out.
	Exclude bool
	// Text is the term as written, without quotes or the leading "-".
	Text string
}

// Phrase reports whether the term's words must be adjacent.
func (t Term) Phrase() bool { return len(t.Words) > 1 }

// Accented reports whether any word of the term carries diacritics.
func (t Term) Accented() bool {
	for _, w := range t.Words {
		if w.Accented() {
			return true
		}
	}
	return false
}

// Folds returns the folded words of the term.
func (t Term) Folds() []string {
	out := make([]string, len(t.Words))
	for i, w := range t.Words {
		out[i] = w.Fold
	}
	return out
}

// Keys returns the key forms of the term's words.
func (t Term) Keys() []string {
	out := make([]string, len(t.Words))
	for i, w := range t.Words {
		out[i] = w.Key
	}
	return out
}

func (t Term) same(u Term) bool {
	if t.Exclude != u.Exclude || len(t.Words) != len(u.Words) {
		return false
	}
	for i := range t.Words {
		if t.Words[i].Key != u.Words[i].Key {
			return false
		}
	}
	return true
}

// Query is a parsed search query.
type Query struct {
	Terms []Term
	// Text is the query as understood, normalized and cut to the limits;
	// Parse(q.Text) gives the same terms. Show it back to the reader and
	// use it in links.
	Text string
	// Truncated is set when the input was longer than the limits allow.
	Truncated bool
}

// Positive returns the terms an article must contain.
func (q Query) Positive() []Term {
	var out []Term
	for _, t := range q.Terms {
		if !t.Exclude {
			out = append(out, t)
		}
	}
	return out
}

// Excluded returns the terms an article must not contain.
func (q Query) Excluded() []Term {
	var out []Term
	for _, t := range q.Terms {
		if t.Exclude {
			out = append(out, t)
		}
	}
	return out
}

// Empty reports whether the query asks for nothing: no term an article
// must contain (an empty box, punctuation, or exclusions only).
func (q Query) Empty() bool { return len(q.Positive()) == 0 }

// Accented reports whether the reader typed any diacritics (or đ) in the
// words the results must contain. Only then do the exact-diacritics tiers
// apply: a reader who typed "ban" without any mark may have meant any of
// bàn, bán, bản, bạn, and no spelling is preferred; a reader who typed with
// a Vietnamese keyboard meant what they typed, unaccented words included.
func (q Query) Accented() bool {
	for _, t := range q.Positive() {
		if t.Accented() {
			return true
		}
	}
	return false
}

// isQuote reports whether r opens or closes a phrase: the ASCII double
// quote and the typographic ones phones and word processors insert.
func isQuote(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '«', '»', '＂':
		return true
	}
	return false
}

// isSeparator reports whether r ends an unquoted term: a space, a quote,
// or punctuation that lists or groups rather than joins ("a, b", "(a b)").
// Punctuation inside a token (. - / : ' _ &) joins its words into a phrase.
func isSeparator(r rune) bool {
	return r == ' ' || isQuote(r) || strings.ContainsRune("()[]{},;!?*^+|<>=~", r)
}

// Parse reads a query as a reader typed it. It never fails: invalid UTF-8
// and control characters are dropped (viet.Normalize), NFD becomes NFC,
// whitespace runs collapse, and the input is cut to MaxRunes characters,
// MaxTerms terms and MaxWords words.
//
// Syntax, deliberately small:
//
//   - words separated by spaces must all appear, anywhere in the article;
//   - "quoted words" must appear together in this order (“ ” „ « » work
//     too); an unclosed quote runs to the end of the query;
//   - a token with inner punctuation (phố-phường, 98-QĐ/TW) is a phrase;
//   - -word or -"a phrase" leaves out articles that contain it;
//   - anything else (*, :, (, ), AND, OR, NEAR, SQL) is ordinary text:
//     punctuation separates words and operator names are plain words;
//     , ; ( ) and the like end a term, . - / : join a token's words.
//
// Repeated terms are kept once.
func Parse(raw string) Query {
	var q Query
	if len(raw) > maxRawBytes {
		raw = raw[:maxRawBytes]
		q.Truncated = true
	}
	s := viet.NormalizeLine(raw)
	if utf8.RuneCountInString(s) > MaxRunes {
		n := 0
		for i := range s {
			if n == MaxRunes {
				s = strings.TrimRight(s[:i], " ")
				break
			}
			n++
		}
		q.Truncated = true
	}
	words := 0
	add := func(t Term) {
		if len(q.Terms) >= MaxTerms || words >= MaxWords {
			q.Truncated = true
			return
		}
		if len(t.Words) > MaxWords-words {
			t.Words = t.Words[:MaxWords-words]
			t.Text = surfaces(t.Words)
			// Written back with spaces, the shortened phrase needs quotes.
			t.Quoted = len(t.Words) > 1
			q.Truncated = true
		}
		for _, u := range q.Terms {
			if u.same(t) {
				return
			}
		}
		words += len(t.Words)
		q.Terms = append(q.Terms, t)
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r != '-' && !isQuote(r) && isSeparator(r) {
			i += n
			continue
		}
		var t Term
		if r == '-' && i+1 < len(s) && s[i+1] != ' ' {
			t.Exclude = true
			i++
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		var text string
		if isQuote(r) {
			t.Quoted = true
			i += n
			end := strings.IndexFunc(s[i:], isQuote)
			if end < 0 {
				text, i = s[i:], len(s)
			} else {
				text = s[i : i+end]
				_, qn := utf8.DecodeRuneInString(s[i+end:])
				i += end + qn
			}
			text = strings.TrimSpace(text)
		} else {
			end := strings.IndexFunc(s[i:], isSeparator)
			if end < 0 {
				end = len(s) - i
			}
			text, i = s[i:i+end], i+end
		}
		for _, tok := range Tokenize(text) {
			t.Words = append(t.Words, Word{Fold: tok.Fold, Key: tok.Key, Surface: text[tok.Start:tok.End]})
		}
		if len(t.Words) == 0 {
			continue
		}
		t.Text = text
		if t.Quoted && len(t.Words) == 1 {
			// Quotes around one word add nothing.
			t.Quoted, t.Text = false, t.Words[0].Surface
		}
		add(t)
	}
	// Quotes, dashes and spaces written back may push the text over the
	// rune limit, which would cut it differently when parsed again: shorten
	// from the end until it fits.
	for len(q.Terms) > 0 && utf8.RuneCountInString(q.String()) > MaxRunes {
		q.Truncated = true
		last := &q.Terms[len(q.Terms)-1]
		if len(last.Words) > 1 {
			last.Words = last.Words[:len(last.Words)-1]
			last.Text = surfaces(last.Words)
			last.Quoted = len(last.Words) > 1
			for _, u := range q.Terms[:len(q.Terms)-1] {
				if u.same(*last) {
					q.Terms = q.Terms[:len(q.Terms)-1]
					break
				}
			}
			continue
		}
		q.Terms = q.Terms[:len(q.Terms)-1]
	}
	q.Text = q.String()
	return q
}

func surfaces(ws []Word) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.Surface
	}
	return strings.Join(parts, " ")
}

// String writes the query back in the syntax Parse reads.
func (q Query) String() string {
	var b strings.Builder
	for i, t := range q.Terms {
		if i > 0 {
			b.WriteByte(' ')
		}
		if t.Exclude {
			b.WriteByte('-')
		}
		if t.Quoted {
			b.WriteByte('"')
			b.WriteString(t.Text)
			b.WriteByte('"')
		} else {
			b.WriteString(t.Text)
		}
	}
	return b.String()
}

// Without returns the query with its quotes and exclusions dropped: every
// positive word on its own. It is the relaxed query offered when a phrase
// or an exclusion left nothing.
func (q Query) Without() Query {
	var parts []string
	for _, t := range q.Positive() {
		for _, w := range t.Words {
			parts = append(parts, w.Surface)
		}
	}
	return Parse(strings.Join(parts, " "))
}
