package diacritics

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/toasoan/toasoan/demo"
	"github.com/toasoan/toasoan/store/sqlite"
	"github.com/toasoan/toasoan/viet"
)

// smallTexts train the model of the feature tests.
var smallTexts = []string{
	"Hà Nội là thủ đô của Việt Nam.",
	"Người dân Hà Nội rất thân thiện và mến khách.",
	"Bạn đọc gửi ý kiến về bài viết này.",
	"Cảm ơn bạn đã đọc bài viết này.",
	"Bài viết rất hay, cảm ơn tác giả.",
	"Tôi có ba con mèo. Bà tôi nuôi ba con chó.",
	"Bà con ở Hà Nội đón Tết. Bà con vui mừng.",
	"Thủ đô Hà Nội có nhiều hồ đẹp.",
}

func smallModel(t testing.TB) *Model {
	t.Helper()
	return Train(slices.Values(smallTexts), TrainOptions{})
}

func TestRestoreExamples(t *testing.T) {
	m := smallModel(t)
	for _, c := range []struct{ in, want string }{
		{"ha noi la thu do cua viet nam", "hà nội là thủ đô của việt nam"},
		{"Ha Noi la thu do cua Viet Nam.", "Hà Nội là thủ đô của Việt Nam."},
		{"HA NOI LA THU DO CUA VIET NAM", "HÀ NỘI LÀ THỦ ĐÔ CỦA VIỆT NAM"},
		{"hA nOi", "hÀ nỘi"},
		{"  ha   noi!!\n\tbai  viet rat hay  ", "  hà   nội!!\n\tbài  viết rất hay  "},
		{"ha noi 2024, 36 pho phuong", "hà nội 2024, 36 pho phuong"},
		{"xem https://ha.noi/ha-noi hoac ha@noi.vn nhe, ha noi", "xem https://ha.noi/ha-noi hoac ha@noi.vn nhe, hà nội"},
		{"cam on ban da doc bai viet nay", "cảm ơn bạn đã đọc bài viết này"},
		{"cam on ban nhe, thank you very much", "cảm ơn bạn nhe, thank you very much"},
		// Words already written with marks are kept as written, tone
		// placement too, and serve as context.
		{"nguoi dan ha noi rat than thien va men khach, hòa binh", "người dân hà nội rất thân thiện và mến khách, hòa binh"},
		// A few unaccented words in accented text: the writer meant them
		// so, or Check lets them pass anyway.
		{"Người dan Hà Nội rat thân thien", "Người dan Hà Nội rat thân thien"},
		// A sentence typed with marks keeps its unmarked syllables; a
		// toneless one next to it is restored.
		{"Tôi có ba con mèo. ba con o ha noi don tet", "Tôi có ba con mèo. bà con ở hà nội đón tết"},
		// A short sentence takes the verdict of the whole text.
		{"Cảm ơn bạn đã đọc bài viết. Ba con!", "Cảm ơn bạn đã đọc bài viết. Ba con!"},
		{"cam on ban da doc bai viet. Ba con!", "cảm ơn bạn đã đọc bài viết. Bà con!"},
		// Unknown and non-Vietnamese words stay.
		{"ha noi xyz blah, Facebook", "hà nội xyz blah, Facebook"},
		{"", ""},
		{"123 !!!", "123 !!!"},
	} {
		if got := m.Restore(c.in); got != c.want {
			t.Errorf("Restore(%q)\n = %q\nwant %q", c.in, got, c.want)
		}
		if viet.Fold(m.Restore(c.in)) != viet.Fold(c.in) {
			t.Errorf("Restore(%q) does not fold back", c.in)
		}
	}
	var nilModel *Model
	if got := nilModel.Restore("ha noi"); got != "ha noi" {
		t.Errorf("nil model: %q", got)
	}
	if st := nilModel.Stats(); st != (ModelStats{}) {
		t.Errorf("nil model stats %+v", st)
	}
}

// TestRestoreKeepsAccentedText: text written with diacritics comes back
// byte for byte, its unmarked syllables ("ba", "con", "tin") included.
func TestRestoreKeepsAccentedText(t *testing.T) {
	m := trainedModel(t)
	texts := append([]string{seedArticle(t)}, demoTexts(t, heldSeed, heldArticles)...)
	changed := 0
	for _, text := range texts {
		if got := m.Restore(text); got != text {
			changed++
			if changed <= 5 {
				a, b := wordsOf(text), wordsOf(got)
				for i := range a {
					if a[i] != b[i] {
						t.Errorf("changed %q → %q in …%s…", a[i], b[i], strings.Join(a[max(i-5, 0):min(i+5, len(a))], " "))
						break
					}
				}
			}
		}
	}
	if changed > 0 {
		t.Errorf("%d of %d accented texts changed", changed, len(texts))
	}
}

func TestTrainDeterministic(t *testing.T) {
	texts := demoTexts(t, trainSeed, 300)
	var a, b bytes.Buffer
	if _, err := Train(slices.Values(texts), TrainOptions{}).WriteTo(&a); err != nil {
		t.Fatal(err)
	}
	if _, err := Train(slices.Values(texts), TrainOptions{}).WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two trainings on the same texts differ")
	}
}

func TestTrainPrunes(t *testing.T) {
	texts := demoTexts(t, trainSeed, 300)
	full := Train(slices.Values(texts), TrainOptions{}).Stats()
	pruned := Train(slices.Values(texts), TrainOptions{MaxTrigrams: full.Trigrams / 2}).Stats()
	if pruned.Trigrams > full.Trigrams/2 || pruned.Trigrams == 0 {
		t.Errorf("MaxTrigrams %d: kept %d of %d", full.Trigrams/2, pruned.Trigrams, full.Trigrams)
	}
	min2 := Train(slices.Values(texts), TrainOptions{MinTrigramCount: 2}).Stats()
	if min2.Trigrams >= full.Trigrams || min2.Bigrams != full.Bigrams || min2.Words != full.Words {
		t.Errorf("MinTrigramCount 2: %+v, full %+v", min2, full)
	}
}

func TestModelRoundTrip(t *testing.T) {
	m := trainedModel(t)
	var buf bytes.Buffer
	n, err := m.WriteTo(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(buf.Len()) {
		t.Errorf("WriteTo returned %d, wrote %d", n, buf.Len())
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	m2, err := ReadModel(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	t.Logf("model file: %d bytes, about %d KB in memory (%+v)", n, (int64(after.HeapAlloc)-int64(before.HeapAlloc))>>10, m.Stats())
	if m.Stats() != m2.Stats() {
		t.Errorf("stats %+v, read back %+v", m.Stats(), m2.Stats())
	}
	for _, text := range demoTexts(t, heldSeed, heldArticles)[:20] {
		in := stripMarks(text)
		if a, b := m.Restore(in), m2.Restore(in); a != b {
			t.Errorf("restorations differ after a round trip")
		}
	}
	path := filepath.Join(t.TempDir(), "diacritics.model")
	if err := m.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	m3, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if m3.Stats() != m.Stats() {
		t.Errorf("ReadFile: %+v", m3.Stats())
	}
	if _, err := ReadFile(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("ReadFile of a missing file: no error")
	}
}

func TestReadModelRefusesCorruptInput(t *testing.T) {
	var buf bytes.Buffer
	if _, err := smallModel(t).WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	if _, err := ReadModel(bytes.NewReader(good)); err != nil {
		t.Fatal(err)
	}
	type input struct {
		b       []byte
		mayPass bool // a flipped gzip header byte that gzip ignores (mtime, flags, OS)
	}
	bad := map[string]input{
		"empty":        {b: nil},
		"magic":        {b: append([]byte("XXDIAC"), good[6:]...)},
		"version":      {b: append(append([]byte("TSDIAC"), 0, 9), good[8:]...)},
		"trailing":     {b: append(slices.Clone(good), 0)},
		"not gzip":     {b: append(slices.Clone(good[:8]), "hello"...)},
		"another file": {b: []byte("TSDIAC\x00" + string(rune(formatVersion)) + strings.Repeat("x", 100))},
	}
	for i := range good {
		bad["truncated at "+strconv.Itoa(i)] = input{b: good[:i]}
		flipped := slices.Clone(good)
		flipped[i] ^= 0x5a
		bad["flipped at "+strconv.Itoa(i)] = input{b: flipped, mayPass: i >= 8 && i < 18}
	}
	for name, in := range bad {
		m, err := ReadModel(bytes.NewReader(in.b))
		if err == nil {
			if !in.mayPass {
				t.Errorf("%s: no error", name)
			}
			continue
		}
		if m != nil || !errors.Is(err, ErrFormat) {
			t.Errorf("%s: %v, %v", name, m, err)
		}
		otherVersion := len(in.b) >= 8 && string(in.b[:6]) == magic && (in.b[6] != 0 || in.b[7] != formatVersion)
		if errors.Is(err, ErrVersion) != otherVersion {
			t.Errorf("%s: %v: ErrVersion is %v", name, err, errors.Is(err, ErrVersion))
		}
	}
}

// FuzzReadModel: arbitrary bytes never panic ReadModel, and what it
// accepts can restore text.
func FuzzReadModel(f *testing.F) {
	var buf bytes.Buffer
	if _, err := smallModel(f).WriteTo(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("TSDIAC\x00\x01"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ReadModel(bytes.NewReader(b))
		if err != nil {
			return
		}
		in := "ha noi la thu do cua viet nam, cam on ban"
		if got := m.Restore(in); viet.Fold(got) != viet.Fold(in) {
			t.Errorf("Restore(%q) = %q", in, got)
		}
	})
}

func TestTrainFromStore(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "demo.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	const n = 600 // more than one page
	if _, err := demo.Generate(ctx, st, demo.Options{Articles: n, Seed: trainSeed, Now: demoNow}); err != nil {
		t.Fatal(err)
	}
	m, err := TrainFromStore(ctx, st, demoNow, TrainOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := Train(slices.Values(demoTexts(t, trainSeed, n)), TrainOptions{})
	if m.Stats() != want.Stats() {
		t.Errorf("TrainFromStore: %+v, Train on the same articles: %+v", m.Stats(), want.Stats())
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := TrainFromStore(cancelled, st, demoNow, TrainOptions{}); err == nil {
		t.Error("cancelled context: no error")
	}
}

// TestTrainPrunesWhileTraining: a small MaxTrigrams makes training drop
// singletons as it goes, and the model still restores.
func TestTrainPrunesWhileTraining(t *testing.T) {
	texts := demoTexts(t, trainSeed, 300)
	m := Train(slices.Values(texts), TrainOptions{MaxTrigrams: 1000})
	if st := m.Stats(); st.Trigrams > 1000 || st.Trigrams == 0 {
		t.Errorf("%+v", st)
	}
	if a := evaluate(t, m, heldOutStories(t)); a.all() < 0.80 {
		t.Errorf("accuracy %.2f%% after pruning", 100*a.all())
	}
}

func TestCandidates(t *testing.T) {
	m := smallModel(t)
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"ba", []string{"bà", "ba"}}, // bà 3 times in smallTexts, ba twice
		{"Ba", []string{"Bà", "Ba"}},
		{"BÀ", []string{"BÀ", "BA"}},
		{"ha", []string{"hà"}},
		{"xyz", nil},
		{"", nil},
	} {
		if got := m.Candidates(c.in); !slices.Equal(got, c.want) {
			t.Errorf("Candidates(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	var nilModel *Model
	if nilModel.Candidates("ba") != nil {
		t.Error("nil model has candidates")
	}
}

// TestContinuationCounts: the bigram level counts distinct words seen
// before a bigram, and the file keeps them.
func TestContinuationCounts(t *testing.T) {
	m := Train(slices.Values([]string{"mua bán nhà", "cho bán nhà", "mua bán nhà", "bán nhà"}), TrainOptions{})
	id := func(w string) uint32 { return m.index[viet.SearchKey(w)] }
	s := m.bi[biKey(id("bán"), id("nhà"))]
	// Seen 4 times, after "mua", "cho" and the start of a run.
	if s.count != 4 || s.kCont != 3 {
		t.Errorf("bán nhà: count %d, continuation %d; want 4, 3", s.count, s.kCont)
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := ReadModel(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got := back.bi[biKey(id("bán"), id("nhà"))]; got != s {
		t.Errorf("read back %+v, want %+v", got, s)
	}
	if back.dk != m.dk || back.uni[id("bán")] != m.uni[id("bán")] {
		t.Errorf("read back dk %v uni %+v, want %v %+v", back.dk, back.uni[id("bán")], m.dk, m.uni[id("bán")])
	}
}
