package search

import (
	"strings"
	"unicode/utf8"

	"github.com/toasoan/toasoan/viet"
)

// Piece is a run of text to show; Hit marks the words that matched the
// query. Pieces hold the original, accented text: the highlight falls on
// "Luân chuyển" even when the reader typed "luan chuyen".
type Piece struct {
	Text string
	Hit  bool
}

// PiecesText joins pieces back into plain text.
func PiecesText(ps []Piece) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.Text)
	}
	return b.String()
}

// marks tokenizes text and reports which tokens belong to an occurrence of
// a positive term (folded comparison: whatever matched is highlighted).
func (q Query) marks(text string) ([]Token, []int) {
	toks := tokenize(text, false)
	term := make([]int, len(toks)) // 1 + index of the positive term, 0 for none
	pos := q.Positive()
	for i := range toks {
		for ti, t := range pos {
			if i+len(t.Words) > len(toks) {
				continue
			}
			ok := true
			for j, w := range t.Words {
				if toks[i+j].Fold != w.Fold {
					ok = false
					break
				}
			}
			if ok {
				for j := range t.Words {
					if term[i+j] == 0 {
						term[i+j] = ti + 1
					}
				}
			}
		}
	}
	return toks, term
}

// flat turns line breaks and tabs into spaces: snippets are one line.
func flat(s string) string {
	if !strings.ContainsAny(s, "\n\t") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// Highlight returns text (normalized, on one line) cut into pieces with the
// occurrences of the query's positive terms marked. Adjacent matched words
// separated only by spaces form one piece.
func (q Query) Highlight(text string) []Piece {
	text = flat(viet.Normalize(text))
	toks, term := q.marks(text)
	return pieces(text, toks, term, 0, len(text))
}

// pieces cuts text[from:to] at the marked tokens.
func pieces(text string, toks []Token, term []int, from, to int) []Piece {
	var out []Piece
	last := from
	for i := 0; i < len(toks); i++ {
		if term[i] == 0 || toks[i].Start < from || toks[i].End > to {
			continue
		}
		j := i
		for j+1 < len(toks) && term[j+1] != 0 && toks[j+1].End <= to &&
			strings.Trim(text[toks[j].End:toks[j+1].Start], " ") == "" {
			j++
		}
		if toks[i].Start > last {
			out = append(out, Piece{Text: text[last:toks[i].Start]})
		}
		out = append(out, Piece{Text: text[toks[i].Start:toks[j].End], Hit: true})
		last = toks[j].End
		i = j
	}
	if last < to {
		out = append(out, Piece{Text: text[last:to]})
	}
	return out
}

// Snippet returns about maxRunes characters of text around its best match:
// the window that holds the most different query terms, starting a little
// before the first of them, cut at word boundaries, with "…" where text was
// left out. ok is false when nothing in text matches; the snippet is then
// the beginning of the text.
func (q Query) Snippet(text string, maxRunes int) (snippet []Piece, ok bool) {
	text = flat(viet.Normalize(text))
	toks, term := q.marks(text)
	if len(toks) == 0 {
		return nil, false
	}
	// Rune offsets of every token's start and end, to measure windows.
	rs, re := make([]int, len(toks)), make([]int, len(toks))
	n, at := 0, 0
	for i, t := range toks {
		n += utf8.RuneCountInString(text[at:t.Start])
		rs[i] = n
		n += utf8.RuneCountInString(text[t.Start:t.End])
		re[i] = n
		at = t.End
	}
	if n+utf8.RuneCountInString(text[at:]) <= maxRunes {
		// It all fits: show it whole.
		for i := range toks {
			if term[i] != 0 {
				return pieces(text, toks, term, 0, len(text)), true
			}
		}
		return pieces(text, toks, term, 0, len(text)), false
	}
	best, bestCount := -1, 0
	tried := 0
	for i := range toks {
		if term[i] == 0 || (i > 0 && term[i-1] == term[i]) {
			continue
		}
		if tried++; tried > 64 {
			break
		}
		seen := map[int]bool{}
		for j := i; j < len(toks) && re[j]-rs[i] <= maxRunes*3/4; j++ {
			if term[j] != 0 {
				seen[term[j]] = true
			}
		}
		if len(seen) > bestCount {
			best, bestCount = i, len(seen)
		}
	}
	start := 0
	if best >= 0 {
		ok = true
		// Some words of context before the match.
		start = best
		for start > 0 && rs[best]-rs[start-1] <= maxRunes/4 {
			start--
		}
	}
	from, fromRune := toks[start].Start, rs[start]
	if start == 0 {
		from, fromRune = 0, 0
	}
	end := start
	for end+1 < len(toks) && re[end+1]-fromRune <= maxRunes {
		end++
	}
	to := toks[end].End
	if end == len(toks)-1 {
		to = len(text)
	}
	snippet = pieces(text, toks, term, from, to)
	if from > 0 {
		snippet = append([]Piece{{Text: "… "}}, snippet...)
	}
	if to < len(text) {
		snippet = append(snippet, Piece{Text: " …"})
	}
	return snippet, ok
}
