package viet

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

const seedTitle = "Hiệu quả từ công tác luân chuyển cán bộ"

func nfd(s string) string { return norm.NFD.String(s) }

// tohop spells s the way "Unicode tổ hợp" keyboards do: vowel-quality
// letters precomposed (ê, ơ, ă ...) but tone marks as separate combining
// characters.
func tohop(s string) string {
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		d := []rune(norm.NFD.String(string(r)))
		tone := -1
		for i, m := range d {
			if slices.Contains(toneMarks[1:], m) {
				tone = i
			}
		}
		if tone < 0 {
			b.WriteRune(r)
			continue
		}
		base := slices.Delete(slices.Clone(d), tone, tone+1)
		b.WriteString(norm.NFC.String(string(base)))
		b.WriteRune(d[tone])
	}
	return b.String()
}

func TestTohopHelper(t *testing.T) {
	got := tohop("Tiếng Việt")
	if got == "Tiếng Việt" || norm.NFC.String(got) != "Tiếng Việt" || got == nfd("Tiếng Việt") {
		t.Fatalf("tohop helper broken: %+q", got)
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain ascii", "plain ascii"},
		{seedTitle, seedTitle},
		{nfd(seedTitle), seedTitle},
		{tohop(seedTitle), seedTitle},
		{nfd("Đường đến trường"), "Đường đến trường"},
		{"\u00D0à N\u1EB5ng", "Đà Nẵng"},                 // Ð U+00D0 -> Đ U+0110
		{"\u00F0\u01B0\u1EDDng", "đường"},                // ð U+00F0 -> đ U+0111
		{nfd("\u00D0ÀO"), "ĐÀO"},                         // NFD and Ð together
		{"a\x00b\x01c\td\ne\x1Ff\x7F", "abc\td\nef\x7F"}, // C0 dropped except \t \n; DEL kept
		{"a\r\nb\rc\n\rd", "a\nb\nc\n\nd"},
		{"\r\n\r\n", "\n\n"},
		{"a\xffb\xc3", "ab"},             // invalid UTF-8 dropped
		{"\xed\xa0\x80x", "x"},           // surrogate encoding is invalid
		{"a\xff\u0301", "á"},             // dropping bytes lets the mark attach
		{"e\x00\u0302\u0301", "ế"},       // so does dropping controls
		{"\uFFFD stays", "\uFFFD stays"}, // a real U+FFFD is valid text
		{"\u212Bngström", "Ångström"},    // NFC singleton
		{"東京 🌸", "東京 🌸"},
	}
	for _, tt := range tests {
		got := Normalize(tt.in)
		if got != tt.want {
			t.Errorf("Normalize(%+q) = %+q, want %+q", tt.in, got, tt.want)
		}
		if again := Normalize(got); again != got {
			t.Errorf("Normalize not idempotent on %+q: %+q", got, again)
		}
	}
}

func TestNormalizeNoAlloc(t *testing.T) {
	for _, s := range []string{"plain ascii\twith\nnewlines", seedTitle} {
		if n := testing.AllocsPerRun(100, func() { Normalize(s) }); n != 0 {
			t.Errorf("Normalize(%q) allocates %v times", s, n)
		}
	}
}

func TestNormalizeLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"   ", ""},
		{"Hà Nội", "Hà Nội"},
		{"  Hà\u00A0Nội \u200B\n mùa  thu\t", "Hà Nội mùa thu"},
		{"a\r\nb", "a b"},
		{"\uFEFFTiêu đề\u3000chính\u2029", "Tiêu đề chính"},
		{nfd(" Hòa  bình "), "Hòa bình"},
		{"a\x00 \x01b", "a b"},
		{"x\u200Cy", "x\u200Cy"}, // ZWNJ is not a space
	}
	for _, tt := range tests {
		if got := NormalizeLine(tt.in); got != tt.want {
			t.Errorf("NormalizeLine(%+q) = %+q, want %+q", tt.in, got, tt.want)
		}
	}
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{seedTitle, "hieu-qua-tu-cong-tac-luan-chuyen-can-bo"},
		{nfd(seedTitle), "hieu-qua-tu-cong-tac-luan-chuyen-can-bo"},
		{tohop(seedTitle), "hieu-qua-tu-cong-tac-luan-chuyen-can-bo"},
		{"Đường đến trường", "duong-den-truong"},
		{"ĐƯỜNG ĐẾN TRƯỜNG", "duong-den-truong"},
		{nfd("Đường đến trường"), "duong-den-truong"},
		{"\u00D0à N\u1EB5ng", "da-nang"},
		{"Ăn ấm, ở êm: ơn ưa", "an-am-o-em-on-ua"},
		{"Thủ tướng: “Không để ai bị bỏ lại phía sau”!", "thu-tuong-khong-de-ai-bi-bo-lai-phia-sau"},
		{"COVID-19 tại TP.HCM", "covid-19-tai-tp-hcm"},
		{"  --Hà   Nội--  ", "ha-noi"},
		{"", "bai-viet"},
		{"!!!", "bai-viet"},
		{" - ", "bai-viet"},
		{"🌸🎉", "bai-viet"},
		{"東京", "bai-viet"},
		{"Hà Nội 🌸 mùa thu 東京 2024", "ha-noi-mua-thu-2024"},
		{"Hà Nội🌸mùa thu", "ha-noi-mua-thu"},
		{"Crème brûlée à la française", "creme-brulee-a-la-francaise"},
		{"Straße", "strasse"},
		{"Æsir og Søren Kierkegaard", "aesir-og-soren-kierkegaard"},
		{"Łódź", "lodz"},
		{"ÞÓRR", "thorr"},
		{"Москва — столица России", "moskva-stolitsa-rossii"},
		{"Щука и ёж", "shchuka-i-yozh"},
		{nfd("Йошкар-Ола"), "yoshkar-ola"},
		{"Їжак і Київ", "yizhak-i-kiyiv"},
		{"Αθήνα", "athina"},
		{"Don't stop", "dont-stop"},
		{"Don’t stop", "dont-stop"},
		{"ＦＵＬＬ ｗｉｄｔｈ １２３", "full-width-123"},
		{"soft\u00ADhyphen zero\u200Bwidth", "softhyphen-zero-width"},
		{"đã-chuẩn-sẵn", "da-chuan-san"},
		{"already-a-slug", "already-a-slug"},
		{"a\x00b\xffc", "abc"}, // what Normalize drops does not split words
		{"a\x00b\x01c", "abc"},
		{"a\tb\nc\rd", "a-b-c-d"},
	}
	for _, tt := range tests {
		got := Slug(tt.in)
		if got != tt.want {
			t.Errorf("Slug(%+q) = %q, want %q", tt.in, got, tt.want)
		}
		if !slugRE.MatchString(got) {
			t.Errorf("Slug(%+q) = %q: not a valid slug", tt.in, got)
		}
	}
}

func TestSlugLength(t *testing.T) {
	long := strings.Repeat("tin tức ", 20)
	got := Slug(long)
	want := strings.TrimSuffix(strings.Repeat("tin-tuc-", 10), "-") // 79 bytes
	if got != want {
		t.Errorf("Slug(long) = %q (%d), want %q (%d)", got, len(got), want, len(want))
	}

	// The 81st byte is a hyphen: exactly 80 bytes.
	x80 := strings.Repeat("x", 80)
	if got := Slug(x80 + " y z"); got != x80 {
		t.Errorf("Slug(80 x + y z) = %q", got)
	}
	// One word longer than the limit is cut hard.
	if got := Slug(strings.Repeat("y", 200)); got != strings.Repeat("y", 80) {
		t.Errorf("Slug(200 y) = %q", got)
	}
	// A title whose Vietnamese letters fold to more than 80 bytes.
	title := "Chủ tịch Ủy ban nhân dân thành phố Hồ Chí Minh chỉ đạo khẩn trương khắc phục hậu quả mưa lớn gây ngập úng"
	got = Slug(title)
	full := "chu-tich-uy-ban-nhan-dan-thanh-pho-ho-chi-minh-chi-dao-khan-truong-khac-phuc-hau-qua-mua-lon-gay-ngap-ung"
	if len(got) > MaxSlugLen || !strings.HasPrefix(full, got) || full[len(got)] != '-' {
		t.Errorf("Slug(title) = %q (%d bytes), want a word-boundary prefix of %q", got, len(got), full)
	}
	if got != "chu-tich-uy-ban-nhan-dan-thanh-pho-ho-chi-minh-chi-dao-khan-truong-khac-phuc-hau" {
		t.Errorf("Slug(title) = %q", got)
	}
}

func TestUniqueSlug(t *testing.T) {
	taken := map[string]bool{}
	isTaken := func(s string) bool { return taken[s] }
	var got []string
	for range 4 {
		s := UniqueSlug("Hà Nội mùa thu", isTaken)
		taken[s] = true
		got = append(got, s)
	}
	want := []string{"ha-noi-mua-thu", "ha-noi-mua-thu-2", "ha-noi-mua-thu-3", "ha-noi-mua-thu-4"}
	if !slices.Equal(got, want) {
		t.Errorf("UniqueSlug sequence = %q, want %q", got, want)
	}
	if s := UniqueSlug("Hà Nội mùa thu", nil); s != "ha-noi-mua-thu" {
		t.Errorf("UniqueSlug(nil taken) = %q", s)
	}
	// A gap is reused.
	delete(taken, "ha-noi-mua-thu-2")
	if s := UniqueSlug("HÀ NỘI MÙA THU", isTaken); s != "ha-noi-mua-thu-2" {
		t.Errorf("UniqueSlug with gap = %q", s)
	}
	// Empty titles share "bai-viet".
	taken["bai-viet"] = true
	if s := UniqueSlug("!!!", isTaken); s != "bai-viet-2" {
		t.Errorf("UniqueSlug(!!!) = %q", s)
	}
	// The suffix never pushes the slug past MaxSlugLen.
	long := strings.Repeat("tin tức ", 20)
	base := Slug(long)
	taken[base] = true
	for n := 2; n < 12; n++ {
		s := UniqueSlug(long, isTaken)
		if len(s) > MaxSlugLen || !slugRE.MatchString(s) || !strings.HasSuffix(s, fmt.Sprintf("-%d", n)) {
			t.Fatalf("UniqueSlug(long) #%d = %q (%d bytes)", n, s, len(s))
		}
		taken[s] = true
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"already folded", "already folded"},
		{"MiXeD CaSe", "mixed case"},
		{"LUÂN CHUYỂN CÁN BỘ", "luan chuyen can bo"},
		{seedTitle, "hieu qua tu cong tac luan chuyen can bo"},
		{nfd(seedTitle), "hieu qua tu cong tac luan chuyen can bo"},
		{tohop(seedTitle), "hieu qua tu cong tac luan chuyen can bo"},
		{"Đường đến trường", "duong den truong"},
		{"\u00D0À \u00F0à", "da da"},
		{"hoà", "hoa"}, {"hòa", "hoa"}, {"HOA", "hoa"}, {"HOÀ", "hoa"},
		{"thuỷ", "thuy"}, {"thủy", "thuy"}, {"THỦY", "thuy"},
		{"Ăn ấm, ở êm: ơn ưa!", "an am, o em: on ua!"},
		{"Crème Brûlée", "creme brulee"},
		{"Straße ẞ", "strasse ss"},
		{"Ærø Łódź Øre Œuvre Þing", "aero lodz ore oeuvre thing"},
		{"Ёлка Йод", "елка иод"},
		{"Ἀθῆναι ΣΟΦΟΣ", "αθηναι σοφοσ"},
		{"东京 🌸", "东京 🌸"},
		{"ﬁnance ＡＢＣ１", "finance abc1"},
		{"q\u0301x", "qx"},
		{"a\r\nb\x00", "a\nb"},
	}
	for _, tt := range tests {
		got := Fold(tt.in)
		if got != tt.want {
			t.Errorf("Fold(%+q) = %+q, want %+q", tt.in, got, tt.want)
		}
		if again := Fold(got); again != got {
			t.Errorf("Fold not idempotent on %+q: %+q", got, again)
		}
	}
}

func TestFoldNoAlloc(t *testing.T) {
	s := "already folded ascii text, 123"
	if n := testing.AllocsPerRun(100, func() { Fold(s) }); n != 0 {
		t.Errorf("Fold(%q) allocates %v times", s, n)
	}
	if n := testing.AllocsPerRun(100, func() { Fold(seedTitle) }); n != 1 {
		t.Errorf("Fold(seed title) allocates %v times, want 1", n)
	}
}

func TestFoldWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"!!! ... ---", nil},
		{"Hà Nội: 36 phố-phường!", []string{"ha", "noi", "36", "pho", "phuong"}},
		{"“Chủ tịch” nói, ‘không’…", []string{"chu", "tich", "noi", "khong"}},
		{"don't l'amour", []string{"don", "t", "l", "amour"}},
		{"e-mail/COVID-19 (2024)", []string{"e", "mail", "covid", "19", "2024"}},
		{nfd("THUỶ  điện\tSơn La"), []string{"thuy", "dien", "son", "la"}},
		{"東京タワー and Москва", []string{"東京タワー", "and", "москва"}},
		{"हिन्दी", []string{"हिन्दी"}}, // marks stay inside their word
	}
	for _, tt := range tests {
		if got := FoldWords(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("FoldWords(%+q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCanonicalTonePairs(t *testing.T) {
	pairs := []struct{ a, b, want string }{
		{"hoà", "hòa", "hoà"},
		{"thuỷ", "thủy", "thuỷ"},
		{"khoẻ", "khỏe", "khoẻ"},
		{"quý", "qúy", "quý"},
		{"hoá", "hóa", "hoá"},
		{"HOÀ", "HÒA", "HOÀ"},
		{"THUỶ", "THỦY", "THUỶ"},
		{"KHOẺ", "KHỎE", "KHOẺ"},
		{"QUÝ", "QÚY", "QUÝ"},
		{"HOÁ", "HÓA", "HOÁ"},
		{"Hoà", "Hòa", "Hoà"},
		{"Thuỵ Điển", "Thụy Điển", "Thuỵ Điển"},
		{"uỷ ban", "ủy ban", "uỷ ban"},
		{"già", "gìa", "già"},
		{"ngoài", "ngòai", "ngoài"},
		{"xoáy", "xóay", "xoáy"},
		{"khuỷu", "khủyu", "khuỷu"},
		{"hoàn", "hòan", "hoàn"},
		{"quỳnh", "qùynh", "quỳnh"},
		{"người", "ngừơi", "người"},
		{"thuở", "thủơ", "thuở"},
		{"giữ", "gĩư", "giữ"},
		{"Hòa bình, thủy lợi và sức khỏe", "Hoà bình, thuỷ lợi và sức khoẻ", "Hoà bình, thuỷ lợi và sức khoẻ"},
	}
	for _, p := range pairs {
		ga, gb := CanonicalTone(p.a), CanonicalTone(p.b)
		if ga != p.want || gb != p.want {
			t.Errorf("CanonicalTone(%q) = %q, CanonicalTone(%q) = %q, want %q", p.a, ga, p.b, gb, p.want)
		}
		if g := CanonicalTone(nfd(p.b)); g != p.want {
			t.Errorf("CanonicalTone(NFD %q) = %+q, want %q", p.b, g, p.want)
		}
	}
}

func TestCanonicalToneUnchanged(t *testing.T) {
	for _, s := range []string{
		"", "plain ascii", "mái", "múa", "túi", "mía", "gì", "gìn", "giếng",
		"quốc", "quyển", "Nguyễn", "nghiêng", "khuya", "rượu", "cứu",
		"café", "Pokémon", "résumé", "José", "wifì", "Zô", "fà", "qì",
		"東京", "hoà2", // digits split words: "hoà" is already canonical
		"hòa\u031B", // a stray mark: not a clean syllable
		"hòac",      // grave tone with a stop final: not Vietnamese
		"ngòaiiii",  // no such syllable
	} {
		if got := CanonicalTone(s); got != s {
			t.Errorf("CanonicalTone(%+q) = %+q, want unchanged", s, got)
		}
	}
	if got := CanonicalTone("Hòa-Bình, ủy-viên"); got != "Hoà-Bình, uỷ-viên" {
		t.Errorf("CanonicalTone(Hòa-Bình, ủy-viên) = %q", got)
	}
}

func TestSearchKey(t *testing.T) {
	want := "thuỷ điện hoà bình"
	for _, s := range []string{
		"Thuỷ điện Hoà Bình", "THỦY ĐIỆN HÒA BÌNH", nfd("Thủy điện Hòa Bình"), tohop("thủy điện hòa bình"),
		"  Thủy \u00D0IỆN hòa bình\r\n",
	} {
		if got := SearchKey(s); got != want && got != "  "+want+"\n" {
			t.Errorf("SearchKey(%+q) = %q, want %q", s, got, want)
		}
	}
	if SearchKey("thuy dien") == SearchKey("thuỷ điện") {
		t.Error("SearchKey must keep diacritics")
	}
}

// FuzzNormalize checks the invariants of the whole package on arbitrary
// input.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"", seedTitle, nfd(seedTitle), tohop(seedTitle), "Đường đến trường",
		"\u00D0à \u00F0", "a\x00b\r\nc\rd\xff", "!!!", "🌸東京", "Hòa thủy khỏe qúy",
		"Москва Αθήνα Straße", "a\u0301\u0323\u0302", "ﬁ ＡＢＣ", "x\u200B y\u00A0",
		strings.Repeat("tin tức ", 20), "\u0627\u0301\u0653", "\u1100\u1161\u11A8 İ ǅ ẞ \u2126",
		"NGƯỜI khuỷu GĨƯ qùynh hòac", "a\u0323\u0301\u0301 ư\u0309\u031B",
	} {
		f.Add(s)
	}
	f.Fuzz(checkInvariants)
}

// checkInvariants checks the package-wide properties on one input.
func checkInvariants(t *testing.T, s string) {
	t.Helper()
	n := Normalize(s)
	if !utf8.ValidString(n) {
		t.Fatalf("Normalize(%+q) = %+q: invalid UTF-8", s, n)
	}
	if !norm.NFC.IsNormalString(n) {
		t.Fatalf("Normalize(%+q) = %+q: not NFC", s, n)
	}
	if nn := Normalize(n); nn != n {
		t.Fatalf("Normalize not idempotent: %+q -> %+q -> %+q", s, n, nn)
	}
	if strings.ContainsAny(n, "\x00\r\u00D0\u00F0") {
		t.Fatalf("Normalize(%+q) = %+q: forbidden character", s, n)
	}

	l := NormalizeLine(s)
	if NormalizeLine(l) != l || strings.TrimSpace(l) != l || strings.Contains(l, "  ") || strings.ContainsAny(l, "\n\t\u00A0\u200B") {
		t.Fatalf("NormalizeLine(%+q) = %+q", s, l)
	}

	sl := Slug(s)
	if !slugRE.MatchString(sl) || len(sl) > MaxSlugLen {
		t.Fatalf("Slug(%+q) = %q: not a valid slug", s, sl)
	}
	if Slug(n) != sl {
		t.Fatalf("Slug(%+q) = %q but Slug(Normalize) = %q", s, sl, Slug(n))
	}

	fo := Fold(s)
	if Fold(fo) != fo {
		t.Fatalf("Fold not idempotent: %+q -> %+q -> %+q", s, fo, Fold(fo))
	}

	ct := CanonicalTone(n)
	if !norm.NFC.IsNormalString(ct) || CanonicalTone(ct) != ct || Fold(ct) != Fold(n) {
		t.Fatalf("CanonicalTone(%+q) = %+q", n, ct)
	}
	key := SearchKey(s)
	if SearchKey(key) != key {
		t.Fatalf("SearchKey not idempotent: %+q -> %+q -> %+q", s, key, SearchKey(key))
	}

	if utf8.ValidString(s) {
		d := norm.NFD.String(s)
		if Normalize(d) != n {
			t.Fatalf("Normalize(NFD %+q) = %+q, want %+q", s, Normalize(d), n)
		}
		if Slug(d) != sl {
			t.Fatalf("Slug(NFD %+q) = %q, want %q", s, Slug(d), sl)
		}
		if Fold(d) != fo {
			t.Fatalf("Fold(NFD %+q) = %+q, want %+q", s, Fold(d), fo)
		}
		if SearchKey(d) != key {
			t.Fatalf("SearchKey(NFD %+q) = %+q, want %+q", s, SearchKey(d), key)
		}
	}
}

// TestRandomVietnamese checks the invariants on random strings built from
// the characters Vietnamese text (and its garbage) is made of; the byte
// mutator of the fuzzer rarely produces those.
func TestRandomVietnamese(t *testing.T) {
	pieces := []string{
		"a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "A", "Ơ", "Ư",
		"đ", "Đ", "\u00D0", "\u00F0", "ng", "gh", "gi", "qu", "tr", "ch", "kh", "n", "c", "t", "f", "w",
		"\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031B",
		"ạ", "ẳ", "ỹ", "Ố", "ườ", "ỷ", "é", "ß", "ø", "ж", "Ё", "ά",
		" ", "  ", "\t", "\n", "\r\n", "\r", "\u00A0", "\u200B", "\uFEFF", "-", "'", "’", ",", ".", "!",
		"\x00", "\x01", "\xff", "\xc3", "\xe1\xbb", "🌸", "東", "\u1100", "\u1161", "\u11A8", "가",
		"1", "9", "ﬁ", "Ａ",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		checkInvariants(t, b.String())
	}
}

// TestCanonicalToneAllSyllables builds syllables from initials, nuclei and
// finals, puts the tone on each vowel in turn and checks that every
// placement canonicalizes to the same word, carrying the tone once.
func TestCanonicalToneAllSyllables(t *testing.T) {
	initials := []string{"", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"}
	finals := []string{"", "c", "ch", "m", "n", "ng", "nh", "p", "t"}
	count := 0
	for _, ini := range initials {
		for _, nuc := range validNuclei {
			for _, fin := range finals {
				for tone := 1; tone <= 5; tone++ {
					if strings.Contains("c ch p t", fin) && fin != "" && tone != 2 && tone != 5 {
						continue
					}
					word := []rune(ini + nuc + fin)
					if len(word) > maxSyllable { // not Vietnamese anyway (nghươinh)
						continue
					}
					var results []string
					for p, r := range word {
						if !strings.ContainsRune(vowelLetters, r) {
							continue
						}
						w := slices.Clone(word)
						w[p] = []rune(norm.NFC.String(string(r) + string(toneMarks[tone])))[0]
						for _, form := range []string{string(w), strings.ToUpper(string(w))} {
							got := CanonicalTone(form)
							if form == string(w) {
								results = append(results, got)
							} else if got != strings.ToUpper(results[len(results)-1]) {
								t.Errorf("CanonicalTone(%q) = %q, want upper-case of %q", form, got, results[len(results)-1])
							}
						}
					}
					for _, r := range results {
						if r != results[0] {
							t.Errorf("%s%s%s tone %d: placements disagree: %q", ini, nuc, fin, tone, results)
							break
						}
					}
					marks := 0
					for _, r := range norm.NFD.String(results[0]) {
						if slices.Contains(toneMarks[1:], r) {
							marks++
						}
					}
					if marks != 1 || Fold(results[0]) != Fold(string(word)) {
						t.Errorf("%s%s%s tone %d: bad result %q", ini, nuc, fin, tone, results[0])
					}
					count++
				}
			}
		}
	}
	t.Logf("%d syllable/tone combinations checked", count)
}

func TestSafeStarters(t *testing.T) {
	check := func(r rune) {
		s := string(r)
		if !norm.NFC.PropertiesString(s).BoundaryBefore() || norm.NFC.String(s) != s {
			t.Errorf("U+%04X is not a safe starter", r)
		}
		for _, prev := range []string{"a", "e", "\u1100", "\u0627", "か", "ạ"} {
			if norm.NFC.String(prev+s) != prev+s {
				t.Errorf("U+%04X combines with %+q", r, prev)
			}
		}
	}
	for r := rune(0); r < 0x10000; r++ {
		if isSafeStarter(r) {
			check(r)
		}
	}
	for _, r := range "aăâeêioôơuưyđĐẠặỹ“”–—…₫" {
		if !isSafeStarter(r) {
			t.Errorf("%q should be a safe starter", r)
		}
	}
	for _, r := range "\u0301\u0323\u2126\u212A\u1161\u11A8\u3099" {
		if isSafeStarter(r) {
			t.Errorf("U+%04X must not be a safe starter", r)
		}
	}
}

func TestInitCost(t *testing.T) {
	start := time.Now()
	buildTables()
	t.Logf("package tables built in %v", time.Since(start))
}
