package demo

import (
	"embed"
	"fmt"
	"html"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Hand-written stories: whole articles in natural Vietnamese, written for
// the demo newspaper, which publishes each once as the newest articles of
// its section. The generated articles are assembled from short phrases and
// use a small vocabulary; these give the front pages text that reads like a
// newspaper, and give everything that learns from the published articles
// (the diacritics restoration model above all) real sentences to learn from.
//
// A file in stories/ holds many stories, each in this form (blank lines are
// ignored):
//
//	=== section-code
//	Title on one line
//	Sapo on one line
//	A paragraph on one line
//	## A subheading
//	> A pull quote, without quotation marks | Who said it
//
//go:embed stories/*.txt
var storyFiles embed.FS

// story is one hand-written article.
type story struct {
	file        string
	line        int // of its === line
	section     string
	title, sapo string
	blocks      []storyBlock
}

// storyBlock is a paragraph, a subheading or a pull quote.
type storyBlock struct {
	kind       byte // 'p', 'h' or 'q'
	text, cite string
}

// Limits the parser enforces, so that every story looks like an article.
const (
	minStoryParagraphs = 5
	maxTitleRunes      = 200
)

var loadedStories = sync.OnceValues(func() ([]story, error) { return readStories(storyFiles) })

// readStories parses every stories/*.txt file of fsys, in name order.
func readStories(fsys fs.FS) ([]story, error) {
	names, err := fs.Glob(fsys, "stories/*.txt")
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	var all []story
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		ss, err := parseStories(path.Base(name), string(b))
		if err != nil {
			return nil, err
		}
		all = append(all, ss...)
	}
	return all, nil
}

// parseStories reads the stories of one file. Errors name the file and line.
func parseStories(file, text string) ([]story, error) {
	if !utf8.ValidString(text) {
		return nil, fmt.Errorf("%s: not UTF-8", file)
	}
	var out []story
	var cur *story
	errAt := func(n int, format string, args ...any) error {
		return fmt.Errorf("%s:%d: %s", file, n, fmt.Sprintf(format, args...))
	}
	finish := func() error {
		if cur == nil {
			return nil
		}
		paras := 0
		for _, b := range cur.blocks {
			if b.kind == 'p' {
				paras++
			}
		}
		if cur.sapo == "" || paras < minStoryParagraphs {
			return errAt(cur.line, "story %q has %d paragraphs; it needs a title, a sapo and at least %d paragraphs",
				cur.title, paras, minStoryParagraphs)
		}
		if b := cur.blocks[len(cur.blocks)-1]; b.kind == 'h' {
			return errAt(cur.line, "story %q ends with a subheading", cur.title)
		}
		out = append(out, *cur)
		return nil
	}
	for i, line := range strings.Split(text, "\n") {
		n := i + 1
		line = strings.TrimSpace(strings.TrimPrefix(line, "\ufeff"))
		if line == "" {
			continue
		}
		if code, ok := strings.CutPrefix(line, "==="); ok {
			if err := finish(); err != nil {
				return nil, err
			}
			code = strings.TrimSpace(code)
			if code == "" {
				return nil, errAt(n, "=== without a section code")
			}
			cur = &story{file: file, line: n, section: code}
			continue
		}
		if cur == nil {
			return nil, errAt(n, "text before the first === line")
		}
		if strings.ContainsAny(strings.TrimPrefix(line, ">"), "<>&\"") {
			return nil, errAt(n, "the characters < > & and the straight double quote are not allowed (use “ ”)")
		}
		switch {
		case cur.title == "":
			if strings.HasPrefix(line, "#") || strings.HasPrefix(line, ">") {
				return nil, errAt(n, "a story starts with its title")
			}
			if utf8.RuneCountInString(line) > maxTitleRunes {
				return nil, errAt(n, "title longer than %d characters", maxTitleRunes)
			}
			cur.title = line
		case cur.sapo == "":
			if strings.HasPrefix(line, "#") || strings.HasPrefix(line, ">") {
				return nil, errAt(n, "the line after the title is the sapo")
			}
			cur.sapo = line
		case strings.HasPrefix(line, "## "):
			cur.blocks = append(cur.blocks, storyBlock{kind: 'h', text: strings.TrimSpace(line[3:])})
		case strings.HasPrefix(line, "> "):
			q, who, ok := strings.Cut(line[2:], "|")
			q, who = strings.TrimSpace(q), strings.TrimSpace(who)
			if !ok || q == "" || who == "" || strings.Contains(who, "|") {
				return nil, errAt(n, "a pull quote is written “> text | who said it”")
			}
			cur.blocks = append(cur.blocks, storyBlock{kind: 'q', text: strings.Trim(q, "“”"), cite: who})
		case strings.HasPrefix(line, "#") || strings.HasPrefix(line, ">"):
			return nil, errAt(n, "a subheading starts with “## ”, a pull quote with “> ”")
		default:
			if strings.Contains(line, "|") {
				return nil, errAt(n, "| belongs in pull quotes only")
			}
			cur.blocks = append(cur.blocks, storyBlock{kind: 'p', text: line})
		}
	}
	if err := finish(); err != nil {
		return nil, err
	}
	return out, nil
}

// bodyHTML renders the story's body as richtext.Sanitize would store it:
// top-level blocks separated by a newline.
func (s *story) bodyHTML() string {
	var b strings.Builder
	for i, bl := range s.blocks {
		if i > 0 {
			b.WriteByte('\n')
		}
		switch bl.kind {
		case 'p':
			b.WriteString("<p>" + html.EscapeString(bl.text) + "</p>")
		case 'h':
			b.WriteString("<h2>" + html.EscapeString(bl.text) + "</h2>")
		case 'q':
			b.WriteString(`<blockquote class="quote"><p>“` + html.EscapeString(bl.text) + "”</p><cite>" +
				html.EscapeString(bl.cite) + "</cite></blockquote>")
		}
	}
	return b.String()
}

// text returns everything a reader reads in the story, for proofreading.
func (s *story) text() string {
	parts := []string{s.title, s.sapo}
	for _, bl := range s.blocks {
		parts = append(parts, bl.text, bl.cite)
	}
	return strings.Join(parts, "\n")
}

// assignStories gives each story the newest slot of its section that no
// other story took (slots are in creation order); when its section has no
// slot left, the newest slot still free anywhere moves to its section. A
// story is left out only when every slot holds one. A story whose section
// is unknown is an error.
func assignStories(slots []pubSlot, specs []catSpec, stories []story) error {
	catOf := make(map[string]int32, len(specs))
	for i, c := range specs {
		catOf[c.code] = int32(i)
	}
	next := make([]int, len(specs)) // per section: how many of its newest slots were looked at
	byCat := make([][]int, len(specs))
	for i := len(slots) - 1; i >= 0; i-- {
		byCat[slots[i].cat] = append(byCat[slots[i].cat], i)
	}
	free := func(c int32) int { // the newest free slot of section c, or -1
		for ; next[c] < len(byCat[c]); next[c]++ {
			if i := byCat[c][next[c]]; slots[i].story == 0 {
				return i
			}
		}
		return -1
	}
	anywhere := len(slots) - 1 // slots after it hold stories
	for si := range stories {
		c, ok := catOf[stories[si].section]
		if !ok {
			return fmt.Errorf("demo: %s:%d: unknown section %q", stories[si].file, stories[si].line, stories[si].section)
		}
		i := free(c)
		if i < 0 {
			for anywhere >= 0 && slots[anywhere].story != 0 {
				anywhere--
			}
			if anywhere < 0 {
				continue
			}
			i = anywhere
			slots[i].cat = c
		}
		slots[i].story = int32(si) + 1
	}
	return nil
}
