package search

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// termsString writes terms compactly: words by key, phrases in [], "-" for
// exclusions.
func termsString(q Query) string {
	var parts []string
	for _, t := range q.Terms {
		s := strings.Join(t.Keys(), " ")
		if t.Phrase() {
			s = "[" + s + "]"
		}
		if t.Exclude {
			s = "-" + s
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

func TestParse(t *testing.T) {
	cases := []struct {
		in, terms, text string
	}{
		{"luân chuyển cán bộ", "luân chuyển cán bộ", "luân chuyển cán bộ"},
		{"  LUÂN   CHUYỂN\tcán\u00a0bộ ", "luân chuyển cán bộ", "LUÂN CHUYỂN cán bộ"},
		{"lua\u0302n chuye\u0302\u0309n", "luân chuyển", "luân chuyển"}, // NFD becomes NFC
		{"hòa thủy qúy", "hoà thuỷ quý", "hòa thủy qúy"},                // keys unify tone placement
		{`"thủ dầu một" -"bình dương" -bán`, "[thủ dầu một] -[bình dương] -bán", `"thủ dầu một" -"bình dương" -bán`},
		{`“Thủ Dầu Một”`, "[thủ dầu một]", `"Thủ Dầu Một"`}, // typographic quotes
		{`"thủ dầu một`, "[thủ dầu một]", `"thủ dầu một"`},  // unclosed quote runs to the end
		{`"một"`, "một", "một"}, // quotes around one word add nothing
		{"phố-phường 98-QĐ/TW Tp.HCM", "[phố phường] [98 qđ tw] [tp hcm]", "phố-phường 98-QĐ/TW Tp.HCM"},
		{"a, b; (c) d*", "a b c d", "a b c d"}, // list and group punctuation separates
		{"bóng đá bóng", "bóng đá", "bóng đá"}, // repeated terms once
		{"- -- ---", "", ""},
		{"* : ( ) ^ \"\" + |", "", ""},
		{"-a - b", "-a b", "-a b"},
		{`'; DROP TABLE articles; --`, "drop table articles", "DROP TABLE articles"},
		{`{t}: x* NEAR(y, 2) AND OR NOT`, "t x near y 2 and or not", "t x NEAR y 2 AND OR NOT"},
		{"a\xffb\x00c", "abc", "abc"},
		{"Ðà Nẵng", "đà nẵng", "Đà Nẵng"}, // Icelandic Ð is đ
	}
	for _, c := range cases {
		q := Parse(c.in)
		if got := termsString(q); got != c.terms {
			t.Errorf("Parse(%q) terms = %q, want %q", c.in, got, c.terms)
		}
		if q.Text != c.text {
			t.Errorf("Parse(%q).Text = %q, want %q", c.in, q.Text, c.text)
		}
	}
}

func TestParseLimits(t *testing.T) {
	q := Parse(strings.Repeat("dài ", 300))
	if !q.Truncated || len(q.Terms) != 1 {
		t.Errorf("a repeated word: %+v", q)
	}
	var words []string
	for i := 0; i < 40; i++ {
		words = append(words, fmt.Sprintf("từ%d", i))
	}
	q = Parse(strings.Join(words, " "))
	if !q.Truncated || len(q.Terms) != MaxTerms || q.Terms[MaxTerms-1].Text != "từ11" {
		t.Errorf("40 words: %d terms, truncated %v", len(q.Terms), q.Truncated)
	}
	q = Parse(`"` + strings.Repeat("a b ", 30) + `"`)
	if !q.Truncated || len(q.Terms[0].Words) != MaxWords {
		t.Errorf("a long phrase kept %d words", len(q.Terms[0].Words))
	}
	q = Parse(strings.Repeat("x", 1000))
	if !q.Truncated || len([]rune(q.Text)) != MaxRunes {
		t.Errorf("a long word: %d runes", len([]rune(q.Text)))
	}
}

func TestAccented(t *testing.T) {
	for in, want := range map[string]bool{
		"ban": false, "BAN HANH": false, "bàn": true, "ban hành": true, "duong": false, "đuong": true,
		"-bàn ban": false, // exclusions do not count
	} {
		if got := Parse(in).Accented(); got != want {
			t.Errorf("Accented(%q) = %v", in, got)
		}
	}
}

func TestTiers(t *testing.T) {
	cases := []struct {
		q    string
		want []string
	}{
		{"bàn", []string{"exact all in title", "exact all in title|sapo", "exact all in title|sapo|body",
			"folded all in title", "folded all in title|sapo", "folded all in title|sapo|body"}},
		{"ban", []string{"folded all in title", "folded all in title|sapo", "folded all in title|sapo|body"}},
		{`"thủ dầu một"`, []string{"exact all in title", "exact all in title|sapo", "exact all in title|sapo|body",
			"folded all in title", "folded all in title|sapo", "folded all in title|sapo|body"}},
		{"cong tac can bo", []string{"folded phrase in title", "folded all in title", "folded all in title|sapo", "folded all in title|sapo|body"}},
		{"-bàn", nil},
	}
	for _, c := range cases {
		var got []string
		for _, tier := range Parse(c.q).Tiers() {
			got = append(got, tier.String())
		}
		if strings.Join(got, "; ") != strings.Join(c.want, "; ") {
			t.Errorf("Tiers(%q) =\n%q\nwant\n%q", c.q, got, c.want)
		}
	}
	if ts := DateTiers(); len(ts) != 1 || ts[0].All != AnyField || ts[0].Exact {
		t.Errorf("DateTiers = %v", ts)
	}
	if (Tier{All: Title | Sapo}).Head() != true || (Tier{All: AnyField}).Head() {
		t.Error("Head")
	}
}

func TestScore(t *testing.T) {
	now := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	// A better tier wins whatever the dates; within a tier newer wins.
	if Score(0, 3, now.AddDate(-5, 0, 0), now) <= Score(1, 3, now, now) {
		t.Error("an old article of a better tier scores below a new one of a worse tier")
	}
	if Score(1, 3, now.AddDate(0, 0, -1), now) <= Score(1, 3, now.AddDate(0, 0, -2), now) {
		t.Error("older scores higher within a tier")
	}
	if s := Score(2, 3, now.Add(time.Hour), now); s < 0 || s >= 1 {
		t.Errorf("last tier, future date: %v", s)
	}
}

func piecesString(ps []Piece) string {
	var b strings.Builder
	for _, p := range ps {
		if p.Hit {
			b.WriteString("[" + p.Text + "]")
		} else {
			b.WriteString(p.Text)
		}
	}
	return b.String()
}

func TestHighlight(t *testing.T) {
	cases := []struct{ q, text, want string }{
		{"luan chuyen", "Hiệu quả từ công tác luân chuyển cán bộ", "Hiệu quả từ công tác [luân chuyển] cán bộ"},
		{"LUÂN", "Luận văn về luân chuyển", "[Luận] văn về [luân] chuyển"}, // whatever matched, folded
		{`"thủ dầu một"`, "Một người thợ thủ công ở Thủ Dầu Một", "Một người thợ thủ công ở [Thủ Dầu Một]"},
		{"hoà", "Thủy điện Hòa Bình", "Thủy điện [Hòa] Bình"},
		{"duong -pho", "Đường phố", "[Đường] phố"},
		{"a", "b\nc\td", "b c d"},
		{"ho\u0300a", "hoa\u0300", "[hoà]"}, // NFD on both sides, shown NFC
	}
	for _, c := range cases {
		if got := piecesString(Parse(c.q).Highlight(c.text)); got != c.want {
			t.Errorf("Highlight(%q, %q) = %q, want %q", c.q, c.text, got, c.want)
		}
	}
}

func TestSnippet(t *testing.T) {
	long := strings.Repeat("Chữ lấp chỗ trống. ", 30) + "Ông Thạnh nói về luân chuyển cán bộ ở cơ sở. " + strings.Repeat("Đoạn sau nữa. ", 30)
	q := Parse("luan chuyen can bo")
	ps, ok := q.Snippet(long, 120)
	got := piecesString(ps)
	if !ok || !strings.HasPrefix(got, "… ") || !strings.HasSuffix(got, " …") ||
		!strings.Contains(got, "Ông Thạnh nói về [luân chuyển cán bộ] ở cơ sở.") || len([]rune(got)) > 130 {
		t.Errorf("Snippet = %q", got)
	}
	// The window with more different terms wins over the first match.
	text := "Cán bộ trẻ. " + strings.Repeat("x ", 100) + "Luân chuyển cán bộ hiệu quả. " + strings.Repeat("y ", 100)
	if got := piecesString(mustSnippet(t, Parse("luân chuyển cán bộ"), text, 60)); !strings.Contains(got, "[Luân chuyển cán bộ]") {
		t.Errorf("best window: %q", got)
	}
	// Short text whole; no match: the beginning, ok false.
	if ps, ok := q.Snippet("Cán bộ trẻ.", 120); !ok || piecesString(ps) != "[Cán bộ] trẻ." {
		t.Errorf("short: %q %v", piecesString(ps), ok)
	}
	if ps, ok := q.Snippet(strings.Repeat("không khớp ", 50), 40); ok || !strings.HasSuffix(piecesString(ps), " …") || strings.HasPrefix(piecesString(ps), "…") {
		t.Errorf("no match: %q %v", piecesString(ps), ok)
	}
	if ps, ok := q.Snippet("", 40); ok || ps != nil {
		t.Errorf("empty text: %v %v", ps, ok)
	}
}

func mustSnippet(t *testing.T, q Query, text string, n int) []Piece {
	t.Helper()
	ps, ok := q.Snippet(text, n)
	if !ok {
		t.Fatalf("no match in %q", text)
	}
	return ps
}

func TestTokenizeAndIndexText(t *testing.T) {
	f, k := IndexText("Thủy điện Hòa Bình: 98-QĐ/TW, qúy I")
	if f != "thuy dien hoa binh 98 qd tw quy i" || k != "thuỷ điện hoà bình 98 qđ tw quý i" {
		t.Errorf("IndexText = %q / %q", f, k)
	}
	// NFD and NFC, either tone placement: the same words.
	f1, k1 := IndexText("hoa\u0300 thu\u0309y")
	f2, k2 := IndexText("hòa thuỷ")
	if f1 != f2 || k1 != k2 {
		t.Errorf("NFD %q/%q vs NFC %q/%q", f1, k1, f2, k2)
	}
	if f, k := IndexText(" -- … "); f != "" || k != "" {
		t.Errorf("no words: %q %q", f, k)
	}
	toks := Tokenize("Ông  Thạnh")
	if len(toks) != 2 || toks[1].Start != 6 || toks[1].End != 13 || toks[1].Key != "thạnh" {
		t.Errorf("Tokenize = %+v", toks)
	}
}

func TestDecodeTyping(t *testing.T) {
	cases := map[string]string{
		"luaan": "luân", "chuyeenr": "chuyển", "nguowif": "người", "dduwowngf": "đường", "tieengs": "tiếng",
		"quys": "quý", "hoaf": "hoà", "thuyr": "thuỷ", "muwa": "mưa", "banw": "băn",
		"lua6n": "luân", "chuye6n3": "chuyển", "d9uo7ng2": "đường", "ba8n": "băn",
	}
	for in, want := range cases {
		if got, ok := DecodeTyping(in); !ok || got != want {
			t.Errorf("DecodeTyping(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"anh", "chuyen", "2022", "covid19", "sao", "", "phố", strings.Repeat("a", 40)} {
		if got, ok := DecodeTyping(in); ok {
			t.Errorf("DecodeTyping(%q) = %q, true; want nothing", in, got)
		}
	}
}

func TestEdits(t *testing.T) {
	es := Edits("chuyne")
	for _, want := range []string{"chuyen", "chuye", "chuynee", "chuyna"} {
		found := false
		for _, e := range es {
			found = found || e == want
		}
		if !found {
			t.Errorf("Edits(chuyne) lacks %q", want)
		}
	}
	seen := map[string]bool{}
	for _, e := range es {
		if seen[e] || e == "chuyne" {
			t.Errorf("Edits repeats or keeps %q", e)
		}
		seen[e] = true
	}
}

func TestSuggest(t *testing.T) {
	vocab := Forms{
		"luan":   {{"luân", 12}, {"luận", 3}},
		"chuyen": {{"chuyển", 20}, {"chuyên", 9}},
		"can":    {{"cần", 30}, {"cán", 8}},
		"bo":     {{"bộ", 40}},
		"binh":   {{"bình", 5}},
		"duong":  {{"dương", 7}, {"đường", 6}},
	}
	var asked [][]string
	lookup := func(folds []string) (Forms, error) {
		asked = append(asked, folds)
		out := Forms{}
		for _, f := range folds {
			if v, ok := vocab[f]; ok {
				out[f] = v
			}
		}
		return out, nil
	}
	cases := []struct{ q, want string }{
		{"luan chuyen", "luân chuyển"},               // diacritics restored, most used spelling
		{"luân chuyen can bo", "luân chuyển cần bộ"}, // typed diacritics kept
		{"luaan chuyeenr", "luân chuyển"},            // Telex
		{"lua6n chuye6n3", "luân chuyển"},            // VNI
		{"luan chuyne", "luân chuyển"},               // one letter off
		{"luan xyzzyq", "luân"},                      // unknown word left out
		{`"binh duong" -luan`, `"bình dương" -luan`}, // structure kept
		{"luân chuyển", ""},                          // nothing to change
		{"xyzzyq", ""},                               // nothing known
	}
	for _, c := range cases {
		s, ok, err := Parse(c.q).Suggest(lookup)
		if err != nil {
			t.Fatal(err)
		}
		if c.want == "" {
			if ok {
				t.Errorf("Suggest(%q) = %q, want none", c.q, s.Text)
			}
			continue
		}
		if !ok || s.Text != c.want {
			t.Errorf("Suggest(%q) = %q %v, want %q", c.q, s.Text, ok, c.want)
		}
	}
	if len(asked) == 0 {
		t.Error("lookup never called")
	}
	if _, ok, _ := Parse("-luan").Suggest(lookup); ok {
		t.Error("suggestion for exclusions only")
	}
}

func TestWithout(t *testing.T) {
	if got := Parse(`"bộ cán luân" -chuyển x`).Without().Text; got != "bộ cán luân x" {
		t.Errorf("Without = %q", got)
	}
}
