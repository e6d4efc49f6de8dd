package diacritics

import (
	"io"
	"slices"
	"strings"
	"testing"
)

var benchSink string

// BenchmarkRestore measures restoration speed on held-out text with its
// marks removed: the longest held-out reader comment and a whole held-out
// story. ns/syllable is the figure to compare.
func BenchmarkRestore(b *testing.B) {
	m := trainedModel(b)
	article := stripMarks(heldOutStories(b)[0])
	comment := stripMarks(slices.MaxFunc(heldOutComments(b), func(x, y string) int { return len(x) - len(y) }))
	for _, in := range []struct{ name, text string }{{"comment", comment}, {"article", article}} {
		b.Run(in.name, func(b *testing.B) {
			syllables := Check(in.text).Syllables
			b.SetBytes(int64(len(in.text)))
			b.ReportAllocs()
			for b.Loop() {
				benchSink = m.Restore(in.text)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(syllables), "ns/syllable")
			b.ReportMetric(float64(syllables), "syllables")
		})
	}
}

// BenchmarkRestoreAccuracy reports the share of syllables the demo model
// restores as written, in percent, on text it never trained on: the seed
// article of the old site, hand-written stories and reader comments, and
// generated demo articles of another seed.
func BenchmarkRestoreAccuracy(b *testing.B) {
	m := trainedModel(b)
	sets := []struct {
		name  string
		texts []string
	}{
		{"seed-%", []string{seedArticle(b)}},
		{"stories-%", heldOutStories(b)},
		{"comments-%", heldOutComments(b)},
		{"generated-%", generatedOnly(b, demoTexts(b, heldSeed, heldArticles))},
	}
	acc := make([]accuracy, len(sets))
	for b.Loop() {
		for i, s := range sets {
			acc[i] = evaluate(b, m, s.texts)
		}
	}
	syllables := 0
	for i, s := range sets {
		b.ReportMetric(100*acc[i].all(), s.name)
		syllables += acc[i].syllables
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(syllables), "ns/syllable")
}

// BenchmarkTrain measures training on the demo newspaper (3,000 articles).
func BenchmarkTrain(b *testing.B) {
	texts := demoTexts(b, trainSeed, trainArticles)
	var m *Model
	for b.Loop() {
		m = Train(slices.Values(texts), TrainOptions{})
	}
	st := m.Stats()
	n, _ := m.WriteTo(io.Discard)
	b.ReportMetric(float64(st.Syllables)*float64(b.N)/b.Elapsed().Seconds(), "syllables/s")
	b.ReportMetric(float64(n), "model-bytes")
}

// BenchmarkReadModel measures loading the demo model at start.
func BenchmarkReadModel(b *testing.B) {
	var buf strings.Builder
	if _, err := trainedModel(b).WriteTo(&buf); err != nil {
		b.Fatal(err)
	}
	data := buf.String()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := ReadModel(strings.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheck measures Check on a comment.
func BenchmarkCheck(b *testing.B) {
	text := stripMarks(slices.MaxFunc(heldOutComments(b), func(x, y string) int { return len(x) - len(y) }))
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if !Check(text).Missing {
			b.Fatal("not flagged")
		}
	}
}
