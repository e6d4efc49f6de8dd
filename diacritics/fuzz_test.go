package diacritics

import (
	"slices"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/toasoan/toasoan/viet"
)

// fuzzModel is trained on a small demo newspaper: fuzzing starts one
// process per worker, each training its own.
var fuzzModel = sync.OnceValue(func() *Model {
	texts, err := generateTexts(trainSeed, 300)
	if err != nil {
		panic(err)
	}
	return Train(slices.Values(append(texts, smallTexts...)), TrainOptions{})
})

// FuzzRestore: Restore never panics, only adds marks
// (Fold(Restore(x)) == Fold(x)), keeps every separator and every word that
// is not plain ASCII byte for byte, and returns text without toneless
// syllables unchanged.
func FuzzRestore(f *testing.F) {
	for _, s := range []string{
		"ha noi la thu do cua viet nam",
		"Hà Nội là thủ đô của Việt Nam.",
		"HA NOI, 2024: https://ha.noi/x?y=z — cam on ban!!!",
		"Tôi có ba con mèo. ba con o ha noi don tet",
		"a\u0301 ngu\u031bo\u031b\u0300i \xff\xfe ha\x00noi \U0001F600ban",
		"Ða Ðà Nẵng ðẹp",
		"khuỷu quỳnh giếng nghiêng ươm",
		seedArticle(f)[:400],
		stripMarks(seedArticle(f)[:400]),
	} {
		f.Add(s)
	}
	m := fuzzModel()
	f.Fuzz(func(t *testing.T, in string) {
		out := m.Restore(in)
		if viet.Fold(out) != viet.Fold(in) {
			t.Fatalf("Fold(Restore(%q)) = %q, want %q", in, viet.Fold(out), viet.Fold(in))
		}
		wi, gi := wordsAndGaps(in)
		wo, go_ := wordsAndGaps(out)
		if len(wi) != len(wo) || !slices.Equal(gi, go_) {
			t.Fatalf("Restore(%q) = %q: words or separators changed", in, out)
		}
		toneless := false
		for i, w := range wi {
			ascii := isASCII(w)
			if !ascii && wo[i] != w {
				t.Fatalf("Restore(%q) changed the non-ASCII word %q to %q", in, w, wo[i])
			}
			if ascii {
				if k, _ := classify(w); k == kindPlain {
					toneless = true
				}
			}
		}
		if !toneless && out != in {
			t.Fatalf("Restore(%q) = %q: no toneless syllable, yet changed", in, out)
		}
	})
}

func wordsAndGaps(s string) (words, gaps []string) {
	end := 0
	eachWord(s, func(w string, start int, gap string, _ bool) {
		words = append(words, w)
		gaps = append(gaps, gap)
		end = start + len(w)
	})
	return words, append(gaps, s[end:])
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
