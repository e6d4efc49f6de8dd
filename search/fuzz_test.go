package search

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// parseSeeds start FuzzParse; the corpus under testdata/fuzz/FuzzParse adds
// the bad input the issue lists.
var parseSeeds = []string{
	"luân chuyển cán bộ",
	"luan chuyen can bo",
	"LUÂN CHUYỂN CÁN BỘ",
	"lua\u0302n chuye\u0302\u0309n ca\u0301n bo\u0323", // NFD
	`"thủ dầu một" -"bình dương" -bán phố-phường`,
	`"unclosed phrase`,
	`-`, `--`, `- -a`, `""`, `"-"`, `" "`,
	`* : ( ) AND OR NOT NEAR(a b) ^x {t}: "a"*`,
	`'; DROP TABLE articles; --`,
	"a\xffb\xc3",
	"\x00\x01\r\n\t",
	strings.Repeat("dài ", 300),
	strings.Repeat(`"a" `, 40),
	"“Hòa Bình” «thuỷ» „qúy”",
}

func FuzzParse(f *testing.F) {
	for _, s := range parseSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q := Parse(raw)
		checkQuery(t, raw, q)
		again := Parse(q.Text)
		if again.Text != q.Text || !sameTerms(again.Terms, q.Terms) {
			t.Fatalf("Parse(%q).Text = %q, which parses to %q %+v, not %+v", raw, q.Text, again.Text, again.Terms, q.Terms)
		}
		// The other entry points accept whatever Parse returns.
		for _, tier := range q.Tiers() {
			_ = tier.String()
		}
		q.Highlight(raw)
		q.Snippet(raw, 40)
	})
}

func checkQuery(t *testing.T, raw string, q Query) {
	t.Helper()
	if len(q.Terms) > MaxTerms {
		t.Fatalf("%q: %d terms", raw, len(q.Terms))
	}
	if !utf8.ValidString(q.Text) {
		t.Fatalf("%q: invalid UTF-8 text %q", raw, q.Text)
	}
	if n := utf8.RuneCountInString(q.Text); n > MaxRunes+2*MaxTerms {
		t.Fatalf("%q: text of %d runes", raw, n)
	}
	words := 0
	for _, term := range q.Terms {
		if len(term.Words) == 0 {
			t.Fatalf("%q: empty term %+v", raw, term)
		}
		for _, w := range term.Words {
			words++
			for _, s := range []string{w.Fold, w.Key} {
				if s == "" || !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool { return !isWordRune(r) && r < utf8.RuneSelf }) {
					t.Fatalf("%q: bad word form %q in %+v", raw, s, w)
				}
			}
		}
	}
	if words > MaxWords {
		t.Fatalf("%q: %d words", raw, words)
	}
	if q.Empty() != (len(q.Positive()) == 0) || len(q.Positive())+len(q.Excluded()) != len(q.Terms) {
		t.Fatalf("%q: inconsistent term lists", raw)
	}
}

func sameTerms(a, b []Term) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Exclude != b[i].Exclude || a[i].Quoted != b[i].Quoted || a[i].Text != b[i].Text || len(a[i].Words) != len(b[i].Words) {
			return false
		}
		for j := range a[i].Words {
			if a[i].Words[j] != b[i].Words[j] {
				return false
			}
		}
	}
	return true
}
