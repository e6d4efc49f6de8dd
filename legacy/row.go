package legacy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/richtext"
	"github.com/toasoan/toasoan/viet"
)

// rawRow is one line of the export as written by the old system: any field
// may be a string, a number or null.
type rawRow struct {
	ID         json.RawMessage `json:"news_id"`
	Lang       json.RawMessage `json:"news_lang"`
	Title      json.RawMessage `json:"news_title"`
	Code1      json.RawMessage `json:"newcate_code1"`
	Code2      json.RawMessage `json:"newcate_code2"`
	PublicDate json.RawMessage `json:"news_publicdate"`
	CreateDate json.RawMessage `json:"news_createdate"`
	Type       json.RawMessage `json:"news_type"`
	Picture    json.RawMessage `json:"news_picture"`
	Sapo       json.RawMessage `json:"news_sapo"`
	Content    json.RawMessage `json:"news_content"`
	Author     json.RawMessage `json:"news_author"`
}

// record is a checked row.
type record struct {
	ID           int64
	Lang         string
	Title        string
	Code1, Code2 string
	Published    time.Time // zero: never published
	Created      time.Time
	Type         content.ArticleType
	TypeRaw      string // news_type as written, when not a known type
	Picture      string
	Sapo         string
	Content      string
	Author       string
}

// parseRow decodes and checks one line. reason, in Vietnamese, is set when
// the row cannot be imported.
func parseRow(data []byte) (rec record, reason string) {
	var raw rawRow
	if err := json.Unmarshal(data, &raw); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se) && strings.Contains(se.Error(), "unexpected end"):
			return rec, "không đọc được JSON (dòng kết thúc giữa chừng)"
		case errors.As(err, &se):
			return rec, fmt.Sprintf("không đọc được JSON (lỗi cú pháp ở ký tự thứ %d)", se.Offset)
		case errors.As(err, &te):
			return rec, "mỗi dòng phải là một đối tượng JSON {…}"
		}
		return rec, "không đọc được JSON"
	}
	var err error
	field := func(name string, m json.RawMessage) string {
		s, e := str(m)
		if e != nil && err == nil {
			err = fmt.Errorf("%s phải là chuỗi hoặc số", name)
		}
		return s
	}
	idText := field("news_id", raw.ID)
	rec.Lang = field("news_lang", raw.Lang)
	rec.Title = field("news_title", raw.Title)
	rec.Code1 = field("newcate_code1", raw.Code1)
	rec.Code2 = field("newcate_code2", raw.Code2)
	pub := field("news_publicdate", raw.PublicDate)
	created := field("news_createdate", raw.CreateDate)
	typ := field("news_type", raw.Type)
	rec.Picture = strings.TrimSpace(field("news_picture", raw.Picture))
	rec.Sapo = field("news_sapo", raw.Sapo)
	rec.Content = field("news_content", raw.Content)
	rec.Author = field("news_author", raw.Author)
	if err != nil {
		return rec, err.Error()
	}

	idText = strings.TrimSpace(idText)
	if idText == "" {
		return rec, "thiếu news_id"
	}
	rec.ID, err = strconv.ParseInt(idText, 10, 64)
	if err != nil || rec.ID <= 0 {
		return rec, fmt.Sprintf("news_id không hợp lệ: %q (cần một số nguyên dương)", idText)
	}
	rec.Title = viet.NormalizeLine(html.UnescapeString(rec.Title))
	if rec.Title == "" {
		return rec, "thiếu news_title"
	}
	rec.Code1 = strings.TrimSpace(rec.Code1)
	rec.Code2 = strings.TrimSpace(rec.Code2)
	if rec.Code1 == "" {
		return rec, "thiếu newcate_code1 (mã chuyên mục)"
	}
	for _, c := range []string{rec.Code1, rec.Code2} {
		if c != "" && !validCode(c) {
			return rec, fmt.Sprintf("mã chuyên mục %q không hợp lệ (chỉ được gồm chữ thường a-z, số 0-9 và dấu gạch ngang)", c)
		}
	}
	if rec.Code2 == rec.Code1 {
		rec.Code2 = ""
	}
	var ok bool
	if rec.Published, ok = parseDate(pub); !ok {
		return rec, fmt.Sprintf("news_publicdate không hợp lệ: %q (cần dạng 2022-01-25 07:11:58)", pub)
	}
	if rec.Created, ok = parseDate(created); !ok {
		return rec, fmt.Sprintf("news_createdate không hợp lệ: %q (cần dạng 2022-01-25 07:11:58)", created)
	}
	if rec.Created.IsZero() {
		rec.Created = rec.Published
	}
	if rec.Created.IsZero() {
		return rec, "thiếu cả news_publicdate lẫn news_createdate"
	}
	typ = strings.TrimSpace(typ)
	if typ != "" {
		n, err := strconv.Atoi(typ)
		if t := content.ArticleType(n); err == nil && t.Valid() {
			rec.Type = t
		} else {
			rec.TypeRaw = typ
		}
	}
	rec.Lang = strings.ToLower(strings.TrimSpace(rec.Lang))
	return rec, ""
}

// str reads a JSON string, number or null as text.
func str(m json.RawMessage) (string, error) {
	m = bytes.TrimSpace(m)
	if len(m) == 0 || string(m) == "null" {
		return "", nil
	}
	switch m[0] {
	case '"':
		var s string
		err := json.Unmarshal(m, &s)
		return s, err
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return string(m), nil
	}
	return "", errors.New("not a string")
}

// validCode reports whether c can be a category code: a URL segment of
// lower-case ASCII letters, digits and hyphens, not starting or ending with
// a hyphen.
func validCode(c string) bool {
	if c == "" || len(c) > viet.MaxSlugLen || c[0] == '-' || c[len(c)-1] == '-' {
		return false
	}
	for i := 0; i < len(c); i++ {
		b := c[i]
		if !(b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-') {
			return false
		}
	}
	return true
}

var dateLayouts = []string{"2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02"}

// parseDate reads the old system's local (Asia/Ho_Chi_Minh) time and returns
// it in UTC. Empty and zero dates ("0000-00-00 00:00:00") give the zero
// time; ok is false for anything unreadable.
func parseDate(s string) (t time.Time, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasPrefix(s, "0000-00-00") {
		return time.Time{}, true
	}
	for _, l := range dateLayouts {
		if t, err := time.ParseInLocation(l, s, content.Location); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// article builds the article a record becomes (CategoryID is left to the
// caller), with warnings for staff.
func (rec record) article(now time.Time) (*content.Article, []string) {
	var warnings []string
	a := &content.Article{
		ID:        rec.ID,
		Lang:      "vi",
		Title:     rec.Title,
		Slug:      viet.Slug(rec.Title),
		Sapo:      viet.NormalizeLine(richtext.PlainText(rec.Sapo)),
		Body:      richtext.Sanitize(rec.Content),
		Type:      rec.Type,
		Byline:    viet.NormalizeLine(html.UnescapeString(rec.Author)),
		CreatedAt: rec.Created,
	}
	if rec.Lang != "" {
		if validLang(rec.Lang) {
			a.Lang = rec.Lang
		} else {
			warnings = append(warnings, fmt.Sprintf("news_lang %q không hợp lệ, dùng \"vi\"", rec.Lang))
		}
	}
	if rec.TypeRaw != "" {
		warnings = append(warnings, fmt.Sprintf("news_type %q không rõ, nhập như bài thường", rec.TypeRaw))
	}
	a.Authors = splitAuthors(a.Byline)
	if rec.Published.IsZero() {
		a.Status = content.StatusDraft
		a.UpdatedAt = rec.Created
	} else {
		a.Status = content.StatusPublished
		a.PublishedAt, a.UpdatedAt = rec.Published, rec.Published
		if rec.Published.After(now) {
			warnings = append(warnings, fmt.Sprintf("ngày đăng %s ở tương lai: bài sẽ hiện với bạn đọc khi đến giờ",
				content.Stamp(rec.Published)))
		}
	}
	if lost := countImages(rec.Content) - strings.Count(a.Body, "<img "); lost > 0 {
		warnings = append(warnings, fmt.Sprintf("bỏ %d ảnh trong nội dung vì địa chỉ ảnh không dùng được (chỉ nhận /media/… hoặc http(s)://…)", lost))
	}
	return a, warnings
}

func validLang(s string) bool {
	if len(s) < 2 || len(s) > 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !(s[i] >= 'a' && s[i] <= 'z' || s[i] == '-') {
			return false
		}
	}
	return true
}

// splitAuthors makes the author list of a byline such as
// "THU THẢO - CHÂU TIẾN" or "Bài và ảnh: Minh Duy, Quang Tám".
func splitAuthors(byline string) []content.Author {
	s := byline
	// A short label before a colon ("Bài, ảnh:", "Nhóm PV:") is not a name.
	if i := strings.LastIndex(s, ":"); i >= 0 && utf8.RuneCountInString(s[:i]) <= 25 {
		s = s[i+1:]
	}
	parts := strings.FieldsFunc(strings.NewReplacer(" - ", ",", " – ", ",", " — ", ",", ";", ",").Replace(s),
		func(r rune) bool { return r == ',' })
	var out []content.Author
	seen := map[string]bool{}
	for _, p := range parts {
		name := strings.TrimRight(viet.NormalizeLine(p), ".")
		name = strings.TrimSpace(name)
		if name == "" || utf8.RuneCountInString(name) > 50 || !strings.ContainsFunc(name, unicode.IsLetter) {
			continue
		}
		if strings.HasPrefix(strings.ToLower(name), "theo ") {
			continue // "Theo TTXVN": a source, not a member of staff
		}
		if isUpper(name) {
			name = titleCase(name)
		}
		slug := viet.Slug(name)
		if seen[slug] {
			continue
		}
		seen[slug] = true
		out = append(out, content.Author{Name: name, Slug: slug})
	}
	return out
}

// isUpper reports whether s has letters and none of them is lower-case.
func isUpper(s string) bool {
	letters := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		letters = letters || unicode.IsLetter(r)
	}
	return letters
}

// titleCase capitalizes the first letter of each word and lowers the rest:
// "CHÂU TIẾN" → "Châu Tiến".
func titleCase(s string) string {
	var b strings.Builder
	start := true
	for _, r := range s {
		if unicode.IsLetter(r) {
			if start {
				b.WriteRune(unicode.ToUpper(r))
			} else {
				b.WriteRune(unicode.ToLower(r))
			}
			start = false
			continue
		}
		start = r == ' ' || r == '-' || r == '.'
		b.WriteRune(r)
	}
	return b.String()
}

// countImages counts the <img> elements in old HTML.
func countImages(s string) int {
	if !strings.Contains(strings.ToLower(s), "<im") {
		return 0
	}
	n := 0
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return n
		case html.StartTagToken, html.SelfClosingTagToken:
			if name, _ := z.TagName(); string(name) == "img" || string(name) == "image" {
				n++
			}
		}
	}
}
