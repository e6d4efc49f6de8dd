package demo

import (
	"fmt"
	"math/rand/v2"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/toasoan/toasoan/diacritics"
	"github.com/toasoan/toasoan/richtext"
	"github.com/toasoan/toasoan/viet"
)

// TestStories proofreads every hand-written story: its section exists, no
// word carries marks that make it no Vietnamese syllable, the body is what
// richtext.Sanitize would store, and no title is used twice.
func TestStories(t *testing.T) {
	names, err := storyFiles.ReadDir("stories")
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]bool{}
	for _, c := range catSpecs() {
		codes[c.code] = true
	}
	titles := map[string]string{}
	for _, e := range names {
		t.Run(strings.TrimSuffix(e.Name(), ".txt"), func(t *testing.T) {
			b, err := storyFiles.ReadFile(path.Join("stories", e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			ss, err := parseStories(e.Name(), string(b))
			if err != nil {
				t.Fatal(err)
			}
			words := 0
			for _, s := range ss {
				at := fmt.Sprintf("%s:%d", s.file, s.line)
				if !codes[s.section] {
					t.Errorf("%s: unknown section %q", at, s.section)
				}
				bad := slices.DeleteFunc(diacritics.Misspelt(s.text()), func(w string) bool {
					return notSyllableNames[strings.ToLower(w)]
				})
				if len(bad) > 0 {
					t.Errorf("%s: not Vietnamese syllables: %s", at, strings.Join(bad, ", "))
				}
				body := s.bodyHTML()
				if got := richtext.Sanitize(body); got != body {
					t.Errorf("%s: body changes when sanitized:\n%s\n%s", at, body, got)
				}
				key := viet.SearchKey(s.title)
				if prev, ok := titles[key]; ok {
					t.Errorf("%s: title %q also at %s", at, s.title, prev)
				}
				titles[key] = at
				words += len(strings.Fields(s.text()))
			}
			t.Logf("%s: %d stories, %d words", e.Name(), len(ss), words)
		})
	}
	all, err := loadedStories()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) == 0 {
		t.Error("no stories")
	}
}

// notSyllableNames are names written with Vietnamese marks that are not
// Vietnamese syllables: places of the Central Highlands, ethnic names.
var notSyllableNames = map[string]bool{"đắk": true, "lắk": true, "đăk": true, "niê": true, "krông": true,
	"pắc": true, "búk": true, "mơ'nông": true, "đrăng": true, "m'nông": true, "ê-đê": true,
	"stiêng": true, "xtiêng": true}

func TestParseStoriesRefuses(t *testing.T) {
	ok := "=== thoi-su\nTiêu đề\nSapo.\nMột.\nHai.\nBa.\nBốn.\nNăm.\n"
	if ss, err := parseStories("a.txt", ok); err != nil || len(ss) != 1 {
		t.Fatalf("parse = %v, %v", ss, err)
	}
	for name, text := range map[string]string{
		"text before ===":    "Tiêu đề\n" + ok,
		"no code":            "===\nTiêu đề\nSapo.\nMột.\nHai.\nBa.\nBốn.\nNăm.\n",
		"too few paragraphs": "=== thoi-su\nTiêu đề\nSapo.\nMột.\nHai.\n",
		"ends in a heading":  ok + "## Cuối\n",
		"quote without who":  ok + "> Câu nói\n",
		"angle bracket":      ok + "a <b> c\n",
		"ampersand":          ok + "a & c\n",
		"straight quote":     ok + "a \"b\" c\n",
		"bar in paragraph":   ok + "a | b\n",
		"title is a heading": "=== thoi-su\n## Tiêu đề\nSapo.\nMột.\nHai.\nBa.\nBốn.\nNăm.\n",
		"not UTF-8":          ok + "\xff\n",
	} {
		if _, err := parseStories("a.txt", text); err == nil {
			t.Errorf("%s: parsed without error", name)
		} else if !strings.HasPrefix(err.Error(), "a.txt") {
			t.Errorf("%s: error %q does not name the file", name, err)
		}
	}
}

func TestStoryBody(t *testing.T) {
	ss, err := parseStories("a.txt", "=== thoi-su\nTiêu đề\nSapo.\nMột.\n## Phần hai\nHai.\n> “Nói” | Ông A, nông dân\nBa.\nBốn.\nNăm.\n")
	if err != nil {
		t.Fatal(err)
	}
	want := "<p>Một.</p>\n<h2>Phần hai</h2>\n<p>Hai.</p>\n" +
		`<blockquote class="quote"><p>“Nói”</p><cite>Ông A, nông dân</cite></blockquote>` +
		"\n<p>Ba.</p>\n<p>Bốn.</p>\n<p>Năm.</p>"
	if got := ss[0].bodyHTML(); got != want {
		t.Errorf("body =\n%s\nwant\n%s", got, want)
	}
}

func TestAssignStories(t *testing.T) {
	specs := catSpecs()
	fsys := fstest.MapFS{"stories/a.txt": {Data: []byte(
		"=== bong-da\nBa\nS\n1\n2\n3\n4\n5\n=== bong-da\nHai\nS\n1\n2\n3\n4\n5\n=== y-te\nMột\nS\n1\n2\n3\n4\n5\n")}}
	stories, err := readStories(fsys)
	if err != nil {
		t.Fatal(err)
	}
	cat := func(code string) int32 {
		return int32(slices.IndexFunc(specs, func(c catSpec) bool { return c.code == code }))
	}
	slots := []pubSlot{{cat: cat("bong-da")}, {cat: cat("y-te")}, {cat: cat("bong-da")}, {cat: cat("bong-da")}}
	if err := assignStories(slots, specs, stories); err != nil {
		t.Fatal(err)
	}
	got := []int32{slots[0].story, slots[1].story, slots[2].story, slots[3].story}
	if want := []int32{0, 3, 2, 1}; !slices.Equal(got, want) {
		t.Errorf("stories by slot = %v, want %v (newest slot of the section first)", got, want)
	}

	// A fourth story in y-te, whose one slot is taken, moves the newest free
	// slot (a bong-da one) to y-te; a fifth finds no slot and is left out.
	extra := stories[2]
	extra.title = "Bốn"
	more := append(slices.Clone(stories), extra, extra)
	slots = []pubSlot{{cat: cat("bong-da")}, {cat: cat("y-te")}, {cat: cat("bong-da")}, {cat: cat("bong-da")}}
	if err := assignStories(slots, specs, more); err != nil {
		t.Fatal(err)
	}
	if slots[0].story != 4 || slots[0].cat != cat("y-te") {
		t.Errorf("overflowing story: slot %+v, want story 4 moved to y-te", slots[0])
	}

	stories[0].section = "khong-co"
	if err := assignStories(slots, specs, stories); err == nil {
		t.Error("unknown section accepted")
	}
}

// TestEveryStoryPublished: the demo newspaper of the default size
// publishes every hand-written story in its section.
func TestEveryStoryPublished(t *testing.T) {
	stories, err := loadedStories()
	if err != nil {
		t.Fatal(err)
	}
	specs := catSpecs()
	slots := schedule(rand.New(rand.NewPCG(1, 0x5c4ed01e)), testNow, DefaultArticles, newCatPicker(specs))
	if err := assignStories(slots, specs, stories); err != nil {
		t.Fatal(err)
	}
	placed := map[int32]bool{}
	for _, s := range slots {
		if s.story > 0 {
			placed[s.story-1] = true
			if st := stories[s.story-1]; specs[s.cat].code != st.section {
				t.Errorf("%q published in %s, not %s", st.title, specs[s.cat].code, st.section)
			}
		}
	}
	for i, s := range stories {
		if !placed[int32(i)] {
			t.Errorf("%s:%d: %q is not published", s.file, s.line, s.title)
		}
	}
}
