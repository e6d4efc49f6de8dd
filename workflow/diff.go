package workflow

import (
	"strings"
	"unicode"
)

// Op is what a piece of a diff is.
type Op int

// The pieces of a diff.
const (
	Same Op = iota
	Deleted
	Inserted
)

// Piece is a run of text that is kept, deleted or inserted.
type Piece struct {
	Op   Op
	Text string
}

// maxDiffCells bounds the comparison table (words × words) of the changed
// middle of two texts; past it, the middle is shown as replaced whole.
const maxDiffCells = 4_000_000

// WordDiff compares two texts word by word (spaces and line breaks count as
// their own tokens, so a diff reads like the text) and returns the pieces
// that turn a into b, with runs of the same kind merged.
func WordDiff(a, b string) []Piece {
	x, y := tokens(a), tokens(b)
	// Most edits touch a small part: the common head and tail need no table.
	pre := 0
	for pre < len(x) && pre < len(y) && x[pre] == y[pre] {
		pre++
	}
	suf := 0
	for suf < len(x)-pre && suf < len(y)-pre && x[len(x)-1-suf] == y[len(y)-1-suf] {
		suf++
	}
	var raw []Piece
	for _, t := range x[:pre] {
		raw = append(raw, Piece{Same, t})
	}
	mx, my := x[pre:len(x)-suf], y[pre:len(y)-suf]
	if len(mx)*len(my) > maxDiffCells {
		raw = append(raw, Piece{Deleted, strings.Join(mx, "")}, Piece{Inserted, strings.Join(my, "")})
	} else {
		raw = append(raw, lcsDiff(mx, my)...)
	}
	for _, t := range x[len(x)-suf:] {
		raw = append(raw, Piece{Same, t})
	}
	return cleanup(raw)
}

// cleanup makes a token diff readable: a change is shown as all that was
// deleted followed by all that was inserted, and the spaces between two
// changed words belong to the change (otherwise "a b" → "c d" reads as
// four alternating pieces around a kept space).
func cleanup(raw []Piece) []Piece {
	var out []Piece
	add := func(op Op, s string) {
		if s == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].Text += s
			return
		}
		out = append(out, Piece{op, s})
	}
	changed := func(i int) bool { return i < len(raw) && raw[i].Op != Same }
	for i := 0; i < len(raw); {
		if raw[i].Op == Same {
			add(Same, raw[i].Text)
			i++
			continue
		}
		// A run of changes, absorbing whitespace kept between two changes.
		var del, ins strings.Builder
		for i < len(raw) {
			p := raw[i]
			if p.Op == Same {
				if strings.TrimSpace(p.Text) != "" || !changed(i+1) {
					break
				}
				del.WriteString(p.Text)
				ins.WriteString(p.Text)
			} else if p.Op == Deleted {
				del.WriteString(p.Text)
			} else {
				ins.WriteString(p.Text)
			}
			i++
		}
		add(Deleted, del.String())
		add(Inserted, ins.String())
	}
	return out
}

// Changed reports whether a diff has any deletion or insertion.
func Changed(ps []Piece) bool {
	for _, p := range ps {
		if p.Op != Same {
			return true
		}
	}
	return false
}

// lcsDiff is the classic longest-common-subsequence diff over tokens.
func lcsDiff(x, y []string) []Piece {
	n, m := len(x), len(y)
	// l[i][j]: length of the LCS of x[i:] and y[j:], in one flat slice.
	l := make([]int32, (n+1)*(m+1))
	at := func(i, j int) int { return i*(m+1) + j }
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if x[i] == y[j] {
				l[at(i, j)] = l[at(i+1, j+1)] + 1
			} else {
				l[at(i, j)] = max(l[at(i+1, j)], l[at(i, j+1)])
			}
		}
	}
	var out []Piece
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case x[i] == y[j]:
			out = append(out, Piece{Same, x[i]})
			i++
			j++
		case l[at(i+1, j)] >= l[at(i, j+1)]:
			out = append(out, Piece{Deleted, x[i]})
			i++
		default:
			out = append(out, Piece{Inserted, y[j]})
			j++
		}
	}
	for ; i < n; i++ {
		out = append(out, Piece{Deleted, x[i]})
	}
	for ; j < m; j++ {
		out = append(out, Piece{Inserted, y[j]})
	}
	return out
}

// tokens splits s into words and the whitespace between them; punctuation
// stays with its word, as readers see it.
func tokens(s string) []string {
	var out []string
	start := 0
	inSpace := false
	for i, r := range s {
		sp := unicode.IsSpace(r)
		if i > start && sp != inSpace {
			out = append(out, s[start:i])
			start = i
		}
		inSpace = sp
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}
