package diacritics

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// jsVerdict is the verdict of check.js, field by field.
type jsVerdict struct {
	Missing         bool    `json:"missing"`
	Words           int     `json:"words"`
	Syllables       int     `json:"syllables"`
	VietnameseShare float64 `json:"vietnameseShare"`
	AccentedShare   float64 `json:"accentedShare"`
	TonelessShare   float64 `json:"tonelessShare"`
	Message         string  `json:"message"`
}

const nodeScript = `
const api = require(process.argv[1]);
if (globalThis.ToasoanDiacritics !== api) throw new Error("no global ToasoanDiacritics");
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", d => { input += d; });
process.stdin.on("end", () => {
  process.stdout.write(JSON.stringify(JSON.parse(input).map(t => api.check(t))));
});
`

// TestJSMatchesGo runs check.js with Node.js over the table of Check, the
// English corpus and Vietnamese sentences with and without marks, and
// requires the same verdict as Check, field by field.
func TestJSMatchesGo(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	var texts []string
	for _, c := range checkCases {
		texts = append(texts, c.text)
	}
	texts = append(texts, englishTexts(t)...)
	ss := sentences(append([]string{seedArticle(t)}, demoTexts(t, heldSeed, heldArticles)[:40]...))
	for _, s := range ss {
		texts = append(texts, s, stripMarks(s))
	}
	texts = append(texts,
		"\u00d0\u00f0 Ðường ðến trường ðã xa",
		"ca\u0301 ngu\u031bo\u031b\u0300i no\u0301i ve\u0302\u0300 Vie\u0323\u0302t Nam",
		"a\U0001F600b \U0001F600 cam\u200bon\u00a0ban\u3000nhieu lam",
		"ve\u0301 tau www.vexere.com hoac VEXERE.COM, lh: a.b@c.d, http://x.y/z?q=mot%20hai",
		"Tp.HCM, TP.Thu Dau Mot, ...ok..., (nguoi dan) [tin nhanh] {so 1} 'cam on' \"rat hay\"",
		"GIA XANG TANG MANH TU 15 GIO CHIEU NAY",
		"\t\n\r\v\f x\x00y\x7f z\u0085 ngay mai troi mua to",
		"khuỷu tay, quỳnh hoa, giếng nước, nghiêng ngả, ươm tơ, ăn ý, ẩn ý",
		"kĩ thuật, mĩ thuật, lí do, quí vị, Thuý Kiều, Thúy Kiều",
		"Việt Nam ✓ → ★ ♥ ❤️ 中文 ĂÂÊÔƠƯĐ ăâêôơưđ",
		"bai viet hay wa, KO biet dc Ko, ho\u212Ak \u212Ao mi\u212A",
	)
	in, err := json.Marshal(texts)
	if err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs("check.js")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "-e", nodeScript, script)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.Bytes())
	}
	var got []jsVerdict
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(texts) {
		t.Fatalf("%d verdicts for %d texts", len(got), len(texts))
	}
	for i, text := range texts {
		v := Check(text)
		want := jsVerdict{v.Missing, v.Words, v.Syllables, v.VietnameseShare, v.AccentedShare, v.TonelessShare, v.Message}
		if got[i] != want {
			t.Errorf("check.js(%q)\n = %+v\nGo %+v", text, got[i], want)
		}
	}
	t.Logf("check.js agrees with Check on %d texts", len(texts))
}

// TestJSIsES5 looks for syntax newer than ES5 in the code of check.js
// (comments and strings left out): the page runs it as is, in old browsers
// too, without a build step.
func TestJSIsES5(t *testing.T) {
	src, err := os.ReadFile("check.js")
	if err != nil {
		t.Fatal(err)
	}
	code := jsCode(string(src))
	for _, re := range []string{`=>`, "`", `\.\.\.`, `\b(let|const|class|of|async|await|yield)\b`} {
		if loc := regexp.MustCompile(re).FindStringIndex(code); loc != nil {
			t.Errorf("check.js uses %q: …%s…", code[loc[0]:loc[1]], code[max(loc[0]-30, 0):min(loc[1]+30, len(code))])
		}
	}
}

// jsCode blanks out the comments and string literals of JavaScript source
// (regular expression literals of check.js contain no quotes or slashes
// that would confuse it).
func jsCode(src string) string {
	var b strings.Builder
	for i := 0; i < len(src); i++ {
		switch c := src[i]; {
		case strings.HasPrefix(src[i:], "//"):
			for i < len(src) && src[i] != '\n' {
				i++
			}
			b.WriteByte('\n')
		case strings.HasPrefix(src[i:], "/*"):
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				return b.String()
			}
			i += end + 3
			b.WriteByte(' ')
		case c == '\'' || c == '"':
			i++
			for i < len(src) && src[i] != c {
				if src[i] == '\\' {
					i++
				}
				i++
			}
			b.WriteString("''")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
