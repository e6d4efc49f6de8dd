package comments

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/store/sqlite"
)

var ctx = context.Background()

// clock is a settable time source.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// fixture is a Service over a fresh SQLite file with two published
// articles in two sections and an editor limited to the first.
type fixture struct {
	t          testing.TB
	st         *sqlite.Store
	svc        *Service
	clock      *clock
	dir        string
	local      content.Category
	sport      content.Category
	a1, a2     *content.Article
	editor     *store.User // every section
	localOnly  *store.User // limited to local
	changedHit int
}

func newFixture(t testing.TB, limits Limits) *fixture {
	t.Helper()
	dir := t.TempDir()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "toasoan.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := &fixture{t: t, st: st, dir: filepath.Join(dir, "attachments"),
		clock: &clock{t: time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)}}
	f.local = content.Category{Code: "chuyen-trang-dia-phuong", Name: "Chuyên trang địa phương"}
	f.sport = content.Category{Code: "the-thao", Name: "Thể thao"}
	must(t, st.CreateCategory(ctx, &f.local))
	must(t, st.CreateCategory(ctx, &f.sport))
	pub := f.clock.Now().Add(-time.Hour)
	f.a1 = &content.Article{Lang: "vi", Title: "Hiệu quả từ công tác luân chuyển cán bộ", Slug: "hieu-qua", Status: content.StatusPublished,
		CategoryID: f.local.ID, CreatedAt: pub, UpdatedAt: pub, PublishedAt: pub}
	f.a2 = &content.Article{Lang: "vi", Title: "Bóng đá", Slug: "bong-da", Status: content.StatusPublished,
		CategoryID: f.sport.ID, CreatedAt: pub, UpdatedAt: pub, PublishedAt: pub}
	must(t, st.CreateArticles(ctx, []*content.Article{f.a1, f.a2}))
	f.editor = f.user("bientap", nil)
	f.localOnly = f.user("bientap.diaphuong", []int64{f.local.ID})
	f.svc, err = New(Config{Store: st, Dir: f.dir, Secret: []byte("khoa-bi-mat-cho-thu-nghiem-32-byte"), Now: f.clock.Now,
		Limits: limits, Changed: func() { f.changedHit++ }})
	must(t, err)
	return f
}

func (f *fixture) user(name string, sections []int64) *store.User {
	u := &store.User{Username: name, DisplayName: name, Role: auth.Editor, PasswordHash: "x", Sections: sections, CreatedAt: f.clock.Now()}
	must(f.t, f.st.CreateUser(ctx, u, store.AuditEntry{At: f.clock.Now(), Action: auth.EventUserCreate}))
	return u
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// part is one part of a multipart body.
type part struct {
	name, filename string
	data           []byte
}

func field(name, value string) part { return part{name: name, data: []byte(value)} }
func file(name string, data []byte) part {
	return part{name: FieldFiles, filename: name, data: data}
}

// form is a valid submission's fields, token issued now, with extra parts
// after them.
func (f *fixture) form(body string, extra ...part) []part {
	ps := []part{
		field(FieldToken, f.svc.Token(f.a1.ID)),
		field(FieldName, "Nguyễn Văn An"),
		field(FieldEmail, "an.nguyen@example.vn"),
		field(FieldBody, body),
		field(FieldHoneypot, ""),
	}
	return append(ps, extra...)
}

// multipartBody encodes parts and returns the body and its content type.
func multipartBody(t testing.TB, parts []part) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range parts {
		h := textproto.MIMEHeader{}
		if p.filename != "" || p.name == FieldFiles {
			h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q; filename=%q`, p.name, p.filename))
			h.Set("Content-Type", "application/octet-stream")
		} else {
			h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q`, p.name))
		}
		w, err := mw.CreatePart(h)
		must(t, err)
		w.Write(p.data)
	}
	must(t, mw.Close())
	return buf.Bytes(), mw.FormDataContentType()
}

// submit sends parts to article a from addr after the form's minimum fill
// time has passed.
func (f *fixture) submitTo(a *content.Article, addr string, parts []part) (*content.Comment, error) {
	f.t.Helper()
	body, ct := multipartBody(f.t, parts)
	r := httptest.NewRequest(http.MethodPost, "/y-kien/1", bytes.NewReader(body))
	r.Header.Set("Content-Type", ct)
	r.RemoteAddr = addr + ":40000"
	return f.svc.Submit(ctx, r, a)
}

func (f *fixture) submit(parts []part) (*content.Comment, error) {
	f.t.Helper()
	f.clock.Add(5 * time.Second)
	return f.submitTo(f.a1, "203.0.113.7", parts)
}

// Test files of each allowed type, and impostors.
var (
	jpegData = append([]byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0}, bytes.Repeat([]byte{1}, 100)...)
	pngData  = append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{2}, 100)...)
	gifData  = append([]byte("GIF89a"), bytes.Repeat([]byte{3}, 50)...)
	webpData = append([]byte("RIFF\x20\x00\x00\x00WEBPVP8 "), bytes.Repeat([]byte{4}, 50)...)
	pdfData  = []byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")
	ole2Data = append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, bytes.Repeat([]byte{0}, 504)...)
	htmlData = []byte("<!doctype html><script>alert(1)</script>")
)

// ooxml builds a zip with the given entries.
func ooxml(t testing.TB, names ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := z.Create(n)
		must(t, err)
		io.WriteString(w, "<xml/>")
	}
	must(t, z.Close())
	return buf.Bytes()
}

// sized returns a JPEG-looking file of exactly n bytes.
func sized(n int) []byte {
	b := make([]byte, n)
	copy(b, jpegData)
	return b
}
