package search

import (
	"strings"
	"time"
)

// Field is a part of an article the index keeps apart.
type Field uint8

// The indexed fields. Byline, tags and captions are not searched: readers
// look for what the news is about.
const (
	Title Field = 1 << iota
	Sapo
	Body

	AnyField = Title | Sapo | Body
)

func (f Field) String() string {
	var parts []string
	for _, x := range []struct {
		f Field
		s string
	}{{Title, "title"}, {Sapo, "sapo"}, {Body, "body"}} {
		if f&x.f != 0 {
			parts = append(parts, x.s)
		}
	}
	return strings.Join(parts, "|")
}

// Tier is one step of the relevance order: a condition on where and how the
// query's positive terms occur. Every result also matches the whole query
// (all positive terms, folded, anywhere; no excluded term); the tier says
// how well.
type Tier struct {
	// All: every positive term occurs in one of these fields.
	All Field
	// Exact: the occurrences use the key form (the diacritics the reader
	// typed) rather than the folded form.
	Exact bool
	// Phrase: the positive words, in the order typed, occur as one phrase
	// in All.
	Phrase bool
}

// Head reports whether the tier looks only at headline and sapo, which
// backends may index apart: their word lists are short, so such a tier is
// cheap to evaluate even for the commonest words.
func (t Tier) Head() bool { return t.All&Body == 0 }

func (t Tier) String() string {
	var b strings.Builder
	if t.Exact {
		b.WriteString("exact ")
	} else {
		b.WriteString("folded ")
	}
	if t.Phrase {
		b.WriteString("phrase in ")
	} else {
		b.WriteString("all in ")
	}
	b.WriteString(t.All.String())
	return b.String()
}

// Tiers returns the relevance order for q, best first. An article belongs
// to the first tier whose condition it meets; within a tier newer articles
// come first. The rules, in order of strength:
//
//  1. Exact diacritics: when the reader typed diacritics (Query.Accented),
//     articles where every term occurs with exactly those diacritics come
//     before articles that only match folded ("bàn" finds bàn before bán
//     and ban). Tone placement, case and NFC/NFD never count as different.
//  2. Where: the whole query as a phrase in the headline, then every term
//     in the headline, then every term in headline or sapo, then anywhere
//     ("title above sapo above body").
//  3. Recency: among articles of one tier, the newest first. Recency never
//     lifts an article above a more relevant one; it orders equals, which
//     is how readers of news expect results of equal weight.
//
// The last tier matches every result, so the tiers cover them all. A
// one-word query has no phrase step.
func (q Query) Tiers() []Tier {
	pos := q.Positive()
	if len(pos) == 0 {
		return nil
	}
	steps := []Tier{{All: Title, Phrase: true}, {All: Title}, {All: Title | Sapo}, {All: AnyField}}
	var out []Tier
	for _, exact := range []bool{true, false} {
		if exact && !q.Accented() {
			continue
		}
		for _, s := range steps {
			if s.Phrase && len(pos) < 2 {
				continue
			}
			s.Exact = exact
			out = append(out, s)
		}
	}
	return out
}

// DateTiers is the order "newest first": one tier holding every result.
func DateTiers() []Tier { return []Tier{{All: AnyField}} }

// PhraseWords returns the positive words in order, the phrase a Tier with
// Phrase set looks for.
func (q Query) PhraseWords() []Word {
	var out []Word
	for _, t := range q.Positive() {
		out = append(out, t.Words...)
	}
	return out
}

// recencyHalfLife is how fast Score's recency part fades.
const recencyHalfLife = 30 * 24 * time.Hour

// Score turns a tier index and a publication time into one number that
// sorts like the tiers and the newest-first order within them: higher is
// better. It is for display and tests; backends order by tier, then time.
func Score(tier, tiers int, date, now time.Time) float64 {
	age := now.Sub(date)
	if age < 0 {
		age = 0
	}
	// 1 for now, 1/2 after one half-life, towards 0 after: always < 1, so
	// recency never crosses a tier.
	rec := 1 / (1 + float64(age)/float64(recencyHalfLife))
	return float64(tiers-tier-1) + 0.999*rec
}
