package diacritics

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/toasoan/toasoan/viet"
	"golang.org/x/text/unicode/norm"
)

// checkCases is the table of Check; TestJSMatchesGo runs check.js over it
// too.
var checkCases = []struct {
	name    string
	text    string
	missing bool
}{
	// Vietnamese typed with diacritics.
	{"accented comment", "Bài viết rất hay, cảm ơn tác giả đã chia sẻ.", false},
	{"accented opinion", "Tôi hoàn toàn đồng ý với ý kiến của bạn đọc ở trên.", false},
	{"accented complaint", "Đường Hùng Vương đang sửa, mong các cơ quan chức năng sớm hoàn thành.", false},
	{"accented news", "Qua 4 năm thực hiện Quy định số 98-QĐ/TW, BTV Thành ủy Thủ Dầu Một đã luân chuyển 7 lượt cán bộ.", false},
	{"accented upper case", "CẢNH BÁO LỪA ĐẢO QUA MẠNG XÃ HỘI", false},
	{"accented NFD", norm.NFD.String("Người dân rất bức xúc vì tình trạng ngập nước kéo dài."), false},
	{"accented old tone placement", "Hòa bình, thủy lợi và sức khỏe của người dân.", false},
	{"accented with many unmarked syllables", "Anh ta còn nhỏ nhưng tin rằng mai sau sẽ thành công.", false},

	// Vietnamese typed without diacritics.
	{"toneless comment", "Bai viet rat hay, cam on tac gia da chia se.", true},
	{"toneless opinion", "Toi hoan toan dong y voi y kien cua ban doc o tren.", true},
	{"toneless complaint", "duong hung vuong dang sua, mong cac co quan chuc nang som hoan thanh", true},
	{"toneless upper case", "CHINH QUYEN PHAI XU LY NGAY VU VIEC NAY", true},
	{"toneless flooding", "Nguoi dan rat buc xuc vi tinh trang ngap nuoc keo dai", true},
	{"toneless thanks", "cam on ban nhieu lam", true},
	{"toneless with URL", "xem them tai https://baobinhduong.vn/tin-tuc-123.html nhe cac ban", true},
	{"toneless with e-mail and numbers", "lien he email abc@gmail.com hoac so 0909123456 de duoc tu van mien phi", true},
	{"toneless with a little English", "toi thay bai viet nay rat hay, thank you", true},
	{"toneless chat", "bai viet hay wa, ko biet dc ko", true},
	{"toneless with a pasted accented name", "toi song o Bình Dương da lau, thay thanh pho thay doi rat nhanh", true},

	// English and other languages.
	{"English news", "The city council approved a new budget on Tuesday after months of debate.", false},
	{"English comment", "I can not believe how fast the prices went up this year.", false},
	{"English short words", "I am in the van and it is hot.", false},
	{"English with Vietnamese names", "Prime Minister Pham Minh Chinh met with business leaders in Hanoi on Sunday.", false},
	{"English names only", "Nguyen Quang Hai scored the winning goal in the 89th minute.", false},
	{"French", "Je pense que c'est une bonne idée pour tout le monde.", false},
	{"German", "Das ist eine sehr gute Nachricht für die ganze Familie.", false},
	{"Spanish", "Me gusta mucho este artículo, gracias por compartir.", false},
	{"Malay", "Saya tidak tahu apa yang terjadi di sana semalam.", false},
	{"Indonesian", "Terima kasih atas informasinya, sangat membantu sekali.", false},
	{"Chinese", "这篇文章写得很好，谢谢作者。", false},
	{"Russian", "Спасибо за интересную статью, очень полезно.", false},

	// Mixed text.
	{"accented with English words", "Mình rất thích bài viết này, very helpful and interesting!", false},
	{"accented with English jargon", "Hôm nay tôi đi meeting với team marketing ở công ty.", false},
	{"accented with a few unaccented words", "Bài viết nay rất hay, cảm ơn tác gia nhiều.", false},
	{"accented with unaccented names", "Theo ông Cao Minh Vinh, UBND TP đã chỉ đạo xử lý.", false},
	{"accented and toneless sentences", "Bài viết rất hay và bổ ích. cam on tac gia nhieu", false},

	// Short texts are never flagged.
	{"ok", "ok", false},
	{"cam on", "cam on", false},
	{"dung roi", "dung roi!", false},
	{"hay qua", "Hay qua", false},
	{"three toneless words", "rat hay ban", false},
	{"four toneless words", "rat hay ban oi", true},
	{"empty", "", false},
	{"numbers only", "123 456 789 000", false},
	{"URL only", "https://example.com/a/b/c?d=e", false},
	{"emoji", "👍👍👍 ❤️", false},
}

func TestCheck(t *testing.T) {
	for _, c := range checkCases {
		t.Run(c.name, func(t *testing.T) {
			v := Check(c.text)
			if v.Missing != c.missing {
				t.Errorf("Check(%q).Missing = %v, want %v (%+v)", c.text, v.Missing, c.missing, v)
			}
			if (v.Message != "") != v.Missing {
				t.Errorf("Message %q with Missing %v", v.Message, v.Missing)
			}
		})
	}
}

func TestCheckFields(t *testing.T) {
	v := Check("Bai viet rat hay, thank you! https://x.vn 2024")
	// Syllables: bai viet rat hay; other words: thank you; the URL and the
	// number are not counted.
	want := Verdict{Words: 6, Syllables: 4, VietnameseShare: 4.0 / 6, AccentedShare: 0, TonelessShare: 4.0 / 6}
	if v != want {
		t.Errorf("got %+v, want %+v", v, want)
	}
	v = Check("Bài viết nay rất hay")
	if v.Syllables != 5 || v.AccentedShare != 3.0/5 || v.Missing {
		t.Errorf("got %+v", v)
	}
}

func TestSyllables(t *testing.T) {
	valid := []string{
		"a", "ba", "nghiêng", "nguyễn", "quốc", "quý", "quyết", "quỳnh", "giữ", "gì", "già", "giếng",
		"khuya", "khuỷu", "huých", "xoong", "soóc", "thuở", "kỹ", "ký", "kiên", "ghi", "ghế", "nghề",
		"yêu", "yến", "uyên", "ươn", "người", "rượu", "đường", "hoà", "hòa", "khoẻ", "thuỷ", "oanh",
		"xuân", "tuyết", "chuyện", "ngoài", "ít", "ấy", "ạ", "ừ", "ở", "ắt", "học", "cấp", "tết",
	}
	for _, s := range valid {
		for _, w := range []string{s, strings.ToUpper(s), stripMarks(s)} {
			if k, _ := classify(w); k != kindPlain && k != kindAccented {
				t.Errorf("classify(%q) = %v, want a syllable", w, k)
			}
		}
	}
	invalid := []string{
		"and", "is", "with", "this", "time", "she", "we", "you", "of", "for", "get", "ce", "ki" + "a" + "x",
		"ke" + "o" + "z", "qa", "gie" + "x", "ngi", "nge", "ghu", "kha" + "s", "by", "iên", "tyên",
		"càt", "hòc", "tẻp", "hoạy" + "x", "ăn" + "g" + "h", "ă", "â", "ưk", "bòa", "múy",
		"hóà", "nghiênga", "café", "naïve", "pokémon",
	}
	for _, w := range invalid {
		if k, _ := classify(w); k != kindOther {
			t.Errorf("classify(%q) = %v, want kindOther", w, k)
		}
	}
	for _, w := range []string{"BTV", "UBND2", "5G", "TP", "HCM"} {
		if k, _ := classify(w); k != kindSkip && !(w == "UBND2") {
			t.Errorf("classify(%q) = %v, want kindSkip", w, k)
		}
	}
	if n := len(tonelessSyllables); n < 2500 || n > 4000 {
		t.Errorf("%d toneless syllables", n)
	}
}

func TestEnglishLikeAreSyllables(t *testing.T) {
	for w := range englishLikeSet {
		if !foldedSyllables[w] {
			t.Errorf("englishLike %q is not a toneless syllable: drop it", w)
		}
	}
}

func TestVowelTables(t *testing.T) {
	lower, upper := []rune(vowelsLower), []rune(vowelsUpper)
	if len(lower) != 72 || len(upper) != 72 {
		t.Fatalf("%d, %d vowels", len(lower), len(upper))
	}
	marks := []string{"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
	for i, r := range lower {
		base := lower[i-i%6]
		if want := norm.NFC.String(string(base) + marks[i%6]); string(r) != want {
			t.Errorf("vowel %d = %q, want %q", i, r, want)
		}
		if unicode.ToUpper(r) != upper[i] {
			t.Errorf("upper of %q = %q, table has %q", r, unicode.ToUpper(r), upper[i])
		}
		if f := viet.Fold(string(r)); f != string(letters[r].fold) {
			t.Errorf("fold of %q = %q, viet.Fold says %q", r, letters[r].fold, f)
		}
	}
}

// englishTexts returns the lines of testdata/english.txt.
func englishTexts(t testing.TB) []string {
	t.Helper()
	f, err := os.Open("testdata/english.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && l[0] != '#' {
			out = append(out, l)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestEnglishFalseAlarms measures how often Check flags English.
func TestEnglishFalseAlarms(t *testing.T) {
	texts := englishTexts(t)
	if len(texts) < 200 {
		t.Fatalf("only %d English texts", len(texts))
	}
	flagged, maxShare := 0, 0.0
	for _, s := range texts {
		v := Check(s)
		if v.Missing {
			flagged++
			t.Logf("flagged: %q %+v", s, v)
		}
		if v.Words >= MinWords && v.TonelessShare > maxShare {
			maxShare = v.TonelessShare
			t.Logf("highest TonelessShare so far: %.2f %q", maxShare, s)
		}
	}
	rate := float64(flagged) / float64(len(texts))
	t.Logf("English false alarms: %d of %d (%.1f%%); highest TonelessShare of a text of %d+ words %.2f",
		flagged, len(texts), 100*rate, MinWords, maxShare)
	if rate > 0.01 {
		t.Errorf("false-alarm rate %.1f%% > 1%%", 100*rate)
	}
}

// sentences splits texts into sentences of at least MinWords words.
func sentences(texts []string) []string {
	var out []string
	for _, text := range texts {
		for _, line := range strings.Split(text, "\n") {
			for _, s := range strings.SplitAfter(line, ". ") {
				if Check(s).Words >= MinWords {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

// TestCheckVietnamese measures Check on the sentences of held-out demo
// articles and of the seed article: as written (with diacritics: never
// flagged, ideally) and with every mark removed (flagged, ideally).
func TestCheckVietnamese(t *testing.T) {
	for _, c := range []struct {
		name  string
		texts []string
	}{
		{"held-out demo", demoTexts(t, heldSeed, heldArticles)},
		{"seed article", []string{seedArticle(t)}},
	} {
		ss := sentences(c.texts)
		var falseAlarms, caught int
		for _, s := range ss {
			if Check(s).Missing {
				falseAlarms++
				t.Logf("%s: accented sentence flagged: %q", c.name, s)
			}
			if Check(stripMarks(s)).Missing {
				caught++
			} else if len(ss)-caught <= 5 {
				t.Logf("%s: toneless sentence passed: %q %+v", c.name, stripMarks(s), Check(stripMarks(s)))
			}
		}
		t.Logf("%s: %d sentences of %d+ words; toneless caught %d (%.2f%%); accented flagged %d (%.2f%%)",
			c.name, len(ss), MinWords, caught, 100*float64(caught)/float64(len(ss)),
			falseAlarms, 100*float64(falseAlarms)/float64(len(ss)))
		if float64(caught) < 0.97*float64(len(ss)) {
			t.Errorf("%s: toneless sentences caught %d of %d", c.name, caught, len(ss))
		}
		if float64(falseAlarms) > 0.005*float64(len(ss)) {
			t.Errorf("%s: accented sentences flagged %d of %d", c.name, falseAlarms, len(ss))
		}
		// Whole articles, the way a long comment is checked.
		for _, text := range c.texts {
			if v := Check(text); v.Missing {
				t.Errorf("%s: accented article flagged: %+v", c.name, v)
			}
			if v := Check(stripMarks(text)); !v.Missing {
				t.Errorf("%s: toneless article not flagged: %+v", c.name, v)
			}
		}
	}
}

func TestMisspelt(t *testing.T) {
	got := Misspelt("Tiếng Việt có dấu, xe buýt, tuýp thuốc, tiéng đươc cầc Samsung COVID-19 https://bạn.vn/đâu đó")
	want := []string{"tiéng", "đươc", "cầc"}
	if !slices.Equal(got, want) {
		t.Errorf("Misspelt = %q, want %q", got, want)
	}
}
