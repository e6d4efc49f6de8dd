package diacritics

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/toasoan/toasoan/viet"
)

// maxCandidates bounds the written forms tried for one toneless syllable:
// the most frequent ones in training. Decoding costs grow with its cube.
// In the demo corpus no syllable has more than 7 forms ("dung": dụng, dựng,
// dung, đúng, đứng, dũng, dùng); in real text a few have more ("a": a, à,
// á, ạ, ả, ă, ắ, â, ấ, ầ, ậ…), and their rarest forms are left out.
const maxCandidates = 8

// token is a word of the text being restored.
type token struct {
	start, end int
	low        string   // lower-cased syllable, for kindPlain and kindAccented
	kind       wordKind // kindSkip also stands for addresses
	cands      []uint32 // candidate ids; nil: the word breaks the run
	restore    bool     // a toneless syllable whose diacritics may be restored
	brk        bool     // a run break (punctuation, line break) precedes it
	sentence   bool     // a sentence break precedes it
}

// Restore returns text with the diacritics of its toneless Vietnamese
// syllables restored: a suggestion for a reader who typed without them.
//
// Only words written in plain ASCII letters that the model knows as the
// folding of a Vietnamese syllable may change, and each changes only by
// gaining marks (đ for d included): viet.Fold(m.Restore(s)) == viet.Fold(s).
// Everything else is kept byte for byte: spacing, punctuation, numbers,
// URLs and e-mail addresses, words of other languages, words already
// written with marks, and the letter case (the case of each letter is
// reapplied: "HA NOI" → "HÀ NỘI", "Ha Noi" → "Hà Nội"). A sentence whose
// syllables already carry marks at the rate of text typed with diacritics
// (more than 15%, as in Check; for a sentence of fewer than MinWords
// syllables, the rate of the whole text) is left as written: its unmarked
// syllables are taken to be meant so ("ba", "con").
//
// Each run of syllables between punctuation is decoded with the Viterbi
// algorithm over the trigram model; syllables already written with marks
// serve as fixed context.
func (m *Model) Restore(text string) string {
	if m == nil || len(m.cands) == 0 {
		return text
	}
	toks := m.tokens(text)
	if len(toks) == 0 {
		return text
	}
	m.keepAccentedSentences(toks)

	var out strings.Builder
	last := 0
	changed := false
	emit := func(t *token, id uint32) {
		w := m.words[id]
		if w == t.low {
			return
		}
		if !changed {
			out.Grow(len(text) + len(text)/2)
			changed = true
		}
		out.WriteString(text[last:t.start])
		out.WriteString(applyCase(text[t.start:t.end], w))
		last = t.end
	}
	var run []*token
	flush := func() {
		if len(run) == 0 {
			return
		}
		hasRestore := false
		for _, t := range run {
			hasRestore = hasRestore || t.restore
		}
		if hasRestore {
			best := m.decode(run)
			for i, t := range run {
				if t.restore {
					emit(t, best[i])
				}
			}
		}
		run = run[:0]
	}
	for i := range toks {
		t := &toks[i]
		if t.brk || t.cands == nil {
			flush()
		}
		if t.cands != nil {
			run = append(run, t)
		}
	}
	flush()
	if !changed {
		return text
	}
	out.WriteString(text[last:])
	return out.String()
}

// tokens splits text into words and finds their candidates.
func (m *Model) tokens(text string) []token {
	var toks []token
	eachWord(text, func(w string, start int, gap string, address bool) {
		t := token{start: start, end: start + len(w), brk: address || breaksRun(gap), sentence: address || endsSentence(gap)}
		if address {
			toks = append(toks, t)
			return
		}
		ascii := true
		for i := 0; i < len(w); i++ {
			if w[i] >= utf8.RuneSelf {
				ascii = false
				break
			}
		}
		if ascii {
			t.kind, t.low = classify(w)
			if t.kind == kindPlain {
				if c := m.cands[t.low]; c != nil {
					t.cands = c[:min(len(c), maxCandidates)]
					t.restore = true
				}
			}
		} else {
			t.kind, t.low = classify(viet.Normalize(w))
			if t.kind == kindPlain || t.kind == kindAccented {
				if id, ok := m.index[viet.SearchKey(t.low)]; ok {
					t.cands = []uint32{id}
				}
			}
		}
		toks = append(toks, t)
	})
	return toks
}

// keepAccentedSentences fixes the toneless syllables of sentences typed
// with diacritics to their written form. A sentence counts as typed with
// diacritics when more than maxAccented of its syllables carry marks; one of
// fewer than MinWords syllables ("Hay!", "Tin hay") takes the verdict of
// the whole text instead, having too few syllables to tell.
func (m *Model) keepAccentedSentences(toks []token) {
	accentedRate := func(toks []token) (float64, int) {
		var plain, accented int
		for _, t := range toks {
			switch t.kind {
			case kindPlain:
				plain++
			case kindAccented:
				accented++
			}
		}
		if accented == 0 {
			return 0, plain
		}
		return float64(accented) / float64(plain+accented), plain + accented
	}
	whole, _ := accentedRate(toks)
	for i := 0; i < len(toks); {
		j := i + 1
		for j < len(toks) && !toks[j].sentence {
			j++
		}
		rate, n := accentedRate(toks[i:j])
		if n < MinWords {
			rate = whole
		}
		if rate > maxAccented {
			for k := i; k < j; k++ {
				if t := &toks[k]; t.restore {
					t.restore = false
					t.cands = nil
					if id, ok := m.index[t.low]; ok {
						t.cands = []uint32{id}
					}
				}
			}
		}
		i = j
	}
}

// endsSentence reports whether the text between two words ends a sentence.
func endsSentence(gap string) bool {
	return strings.ContainsAny(gap, ".!?;\n…")
}

// decode returns the most likely id for each token of a run: Viterbi over
// the states "previous word, this word" of the trigram model. Scores are
// probabilities rescaled at each position so that the best state scores 1,
// which spares a logarithm per transition.
func (m *Model) decode(run []*token) []uint32 {
	n := len(run)
	start := []uint32{idStart}
	cands := func(i int) []uint32 {
		if i < 0 {
			return start
		}
		return run[i].cands
	}
	// score[i][a*len(C_i)+b]: best score of the run up to i ending with
	// word a of C_{i-1} then b of C_i; back[i] holds the best a' of C_{i-2}.
	score := make([][]float64, n)
	back := make([][]int32, n)
	var ctx []biStat
	for i := range n {
		pp, p, c := cands(i-2), cands(i-1), cands(i)
		var prev []float64
		if i > 0 {
			prev = score[i-1]
		} else {
			prev = []float64{1}
		}
		// Statistics of the trigram contexts (u, v), u in pp, v in p.
		ctx = ctx[:0]
		for _, u := range pp {
			for _, v := range p {
				ctx = append(ctx, m.bi[biKey(u, v)])
			}
		}
		sc := make([]float64, len(p)*len(c))
		bk := make([]int32, len(p)*len(c))
		top := 0.0
		for b, v := range p {
			for k, w := range c {
				p2 := m.biProb(v, w)
				best, arg := -1.0, int32(0)
				for a, u := range pp {
					s := prev[a*len(p)+b]
					if s == 0 {
						continue
					}
					if s *= m.triProb(ctx[a*len(p)+b], u, v, w, p2); s > best {
						best, arg = s, int32(a)
					}
				}
				sc[b*len(c)+k], bk[b*len(c)+k] = max(best, 0), arg
				top = max(top, best)
			}
		}
		if top > 0 {
			for j := range sc {
				sc[j] /= top
			}
		}
		score[i], back[i] = sc, bk
	}
	// The end of the run.
	p, c := cands(n-2), cands(n-1)
	best, ba, bb := -1.0, 0, 0
	for a, v := range p {
		for b, w := range c {
			s := score[n-1][a*len(c)+b] * m.prob(v, w, idEnd)
			if s > best {
				best, ba, bb = s, a, b
			}
		}
	}
	ids := make([]uint32, n)
	for i := n - 1; i >= 0; i-- {
		ids[i] = cands(i)[bb]
		prev := int(back[i][ba*len(cands(i))+bb])
		bb, ba = ba, prev
	}
	return ids
}

// applyCase returns the lower-case syllable w with the case of each letter
// of orig, an ASCII word of the same number of letters.
func applyCase(orig, w string) string {
	if utf8.RuneCountInString(w) != len(orig) {
		return orig
	}
	upper := false
	for i := 0; i < len(orig); i++ {
		if 'A' <= orig[i] && orig[i] <= 'Z' {
			upper = true
			break
		}
	}
	if !upper {
		return w
	}
	var b strings.Builder
	b.Grow(len(w))
	i := 0
	for _, r := range w {
		if 'A' <= orig[i] && orig[i] <= 'Z' {
			r = unicode.ToUpper(r)
		}
		b.WriteRune(r)
		i++
	}
	return b.String()
}

// Candidates returns the ways the model has seen word written, most
// frequent first, in word's letter case: for a reader who wants another
// form of one word of a suggestion ("ban" → bạn, bán, bàn…). word is
// folded first, so "bạn" gives the same list. It returns nil for a word
// the model does not know.
func (m *Model) Candidates(word string) []string {
	if m == nil {
		return nil
	}
	ids := m.cands[viet.Fold(word)]
	if len(ids) == 0 {
		return nil
	}
	orig := stripCase(word)
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = applyCase(orig, m.words[id])
	}
	return out
}

// stripCase returns word folded to ASCII letters but with its letter case,
// the pattern applyCase copies ("Hà" → "Ha"); "" if word is not a
// Vietnamese word.
func stripCase(word string) string {
	b := make([]byte, 0, len(word))
	for _, r := range word {
		li, ok := letters[r]
		if !ok {
			return ""
		}
		c := li.fold
		if li.upper {
			c -= 'a' - 'A'
		}
		b = append(b, c)
	}
	return string(b)
}
