package comments

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/diacritics"
	"github.com/toasoan/toasoan/store"
)

// TestFieldsAfterAFileCannotReplaceChecked: the text fields are checked
// once, at the first file. A field sent again after a file must not
// replace a checked value, or every rule (diacritics, length, the e-mail
// rate limit, the reply's parent, the honeypot) is bypassed by sending the
// real value last.
func TestFieldsAfterAFileCannotReplaceChecked(t *testing.T) {
	f := newFixture(t, Limits{PerIP: -1, PerEmail: -1})
	pending, err := f.submit(f.form("Ý kiến này còn chờ duyệt."))
	must(t, err)
	cases := []struct {
		name string
		late part
	}{
		{"toneless body", field(FieldBody, "Bai viet rat hay, cam on toa soan da dua tin ngay hom nay.")},
		{"over-long body", field(FieldBody, strings.Repeat("Quá dài. ", 1000))},
		{"another e-mail", field(FieldEmail, "khac@example.vn")},
		{"an empty name", field(FieldName, "")},
		{"a parent still pending", field(FieldParent, fmt.Sprint(pending.ID))},
		{"the honeypot filled", field(FieldHoneypot, "http://spam.example")},
		{"another token", field(FieldToken, "garbage")},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := len(f.comments())
			_, err := f.submit(f.form(fmt.Sprintf("Ý kiến hợp lệ số %d của bạn đọc.", i),
				file("anh.jpg", jpegData), tc.late))
			refusal(t, err, http.StatusBadRequest, "không hợp lệ")
			if n := len(f.comments()); n != before {
				t.Errorf("%d comments stored", n-before)
			}
		})
	}
	if l := f.leftovers(); len(l) != 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

// TestRateLimitPerIPv6Network: one IPv6 subscriber holds a whole /64 and
// may send from any of its 2^64 addresses, so the per-address limit counts
// the /64; an IPv4 address written as IPv4-mapped IPv6 is the same address.
func TestRateLimitPerIPv6Network(t *testing.T) {
	f := newFixture(t, Limits{PerIP: 2, PerEmail: -1})
	send := func(addr string, i int) error {
		ps := f.form(fmt.Sprintf("Ý kiến số %d của bạn đọc.", i))
		f.clock.Add(5 * time.Second)
		_, err := f.submitTo(f.a1, addr, ps)
		return err
	}
	must(t, send("[2001:db8:1:2::1]", 1))
	must(t, send("[2001:db8:1:2:aaaa:bbbb:cccc:dddd]", 2))
	refusal(t, send("[2001:db8:1:2::ffff]", 3), http.StatusTooManyRequests, "nhiều ý kiến")
	must(t, send("[2001:db8:1:3::1]", 4)) // the next /64 is someone else

	must(t, send("198.51.100.9", 5))
	must(t, send("[::ffff:198.51.100.9]", 6))
	refusal(t, send("198.51.100.9", 7), http.StatusTooManyRequests, "nhiều ý kiến")

	if f.svc.HashIP("2001:db8:1:2::1") == f.svc.HashIP("2001:db8:1:3::1") {
		t.Error("two /64 networks hash alike")
	}
}

// TestConcurrentSubmissionsKeepLimits sends several submissions from one
// address and e-mail at once, each held after its fields were checked
// until all were, then lets them finish: the limits and the duplicate
// check must hold for the burst as they do one by one.
func TestConcurrentSubmissionsKeepLimits(t *testing.T) {
	for _, tc := range []struct {
		name   string
		limits Limits
		body   func(i int) string
		want   int
	}{
		{"per address", Limits{PerIP: 2, PerEmail: -1}, func(i int) string { return fmt.Sprintf("Ý kiến số %d của bạn đọc.", i) }, 2},
		{"per e-mail", Limits{PerIP: -1, PerEmail: 3}, func(i int) string { return fmt.Sprintf("Ý kiến số %d của bạn đọc.", i) }, 3},
		{"duplicates", Limits{PerIP: -1, PerEmail: -1}, func(int) string { return goodBody }, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, tc.limits)
			const n = 6
			type held struct {
				pw   *io.PipeWriter
				mw   *multipart.Writer
				done chan error
			}
			var hs []held
			for i := range n {
				pr, pw := io.Pipe()
				mw := multipart.NewWriter(pw)
				r := httptest.NewRequest(http.MethodPost, "/y-kien/1", pr)
				r.Header.Set("Content-Type", mw.FormDataContentType())
				r.RemoteAddr = "203.0.113.50:40000"
				h := held{pw: pw, mw: mw, done: make(chan error, 1)}
				go func() {
					_, err := f.svc.Submit(ctx, r, f.a1)
					pr.CloseWithError(io.ErrUnexpectedEOF)
					h.done <- err
				}()
				ps := f.form(tc.body(i))
				f.clock.Add(5 * time.Second)
				for _, p := range ps {
					must(t, mw.WriteField(p.name, string(p.data)))
				}
				w, err := mw.CreateFormFile(FieldFiles, "anh.jpg")
				must(t, err)
				// The reader consumes this only once it is copying the
				// file, after every check of the fields.
				w.Write(sized(64 << 10)) // an error: refused before the file
				hs = append(hs, h)
			}
			for _, h := range hs {
				h.mw.Close()
				h.pw.Close()
			}
			ok := 0
			for _, h := range hs {
				if err := <-h.done; err == nil {
					ok++
				}
			}
			if got := len(f.comments()); got != tc.want || ok != tc.want {
				t.Errorf("%d stored, %d acknowledged; want %d", got, ok, tc.want)
			}
		})
	}
}

// endless is a multipart body whose last part never ends within reach:
// head, then filler bytes up to size; it counts what was read.
type endless struct {
	head       []byte
	size, read int64
}

func (e *endless) Read(p []byte) (int, error) {
	if e.read >= e.size {
		return 0, io.EOF
	}
	n := int64(len(p))
	if e.read+n > e.size {
		n = e.size - e.read
	}
	for i := range p[:n] {
		off := e.read + int64(i)
		if off < int64(len(e.head)) {
			p[i] = e.head[off]
		} else {
			p[i] = 'a'
		}
	}
	e.read += n
	return int(n), nil
}

// TestRefusedPartIsNotDrained: a refused part is not read to its end. A 2
// GB text field, or a file past the limit, stops being read at the
// refusal, also when the caller did not bound the body.
func TestRefusedPartIsNotDrained(t *testing.T) {
	f := newFixture(t, Limits{})
	for _, tc := range []struct {
		name   string
		fields int    // how many of the form's fields come first
		last   string // the endless part's headers
		status int
		limit  int64
	}{
		{"2 GB text field", 3, `Content-Disposition: form-data; name="noi_dung"`, http.StatusBadRequest, 1 << 20},
		{"2 GB file", 4, `Content-Disposition: form-data; name="tep"; filename="a.jpg"`, http.StatusRequestEntityTooLarge, MaxAttachments + 1<<20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var head bytes.Buffer
			mw := multipart.NewWriter(&head)
			for _, p := range f.form(goodBody)[:tc.fields] {
				must(t, mw.WriteField(p.name, string(p.data)))
			}
			fmt.Fprintf(&head, "\r\n--%s\r\n%s\r\n\r\n\xFF\xD8\xFF", mw.Boundary(), tc.last)
			body := &endless{head: head.Bytes(), size: 2 << 30}
			f.clock.Add(5 * time.Second)
			r := httptest.NewRequest(http.MethodPost, "/y-kien/1", body)
			r.Header.Set("Content-Type", mw.FormDataContentType())
			_, err := f.svc.Submit(ctx, r, f.a1)
			var ref *Refusal
			if !errors.As(err, &ref) || ref.Status != tc.status {
				t.Fatalf("got %v, want a %d refusal", err, tc.status)
			}
			if body.read > tc.limit {
				t.Errorf("read %d bytes of a 2 GB part", body.read)
			}
		})
	}
}

// TestManyEmptyFileParts: a browser sends one empty file part for a file
// input left empty; a script sending thousands must not make a temporary
// file for each.
func TestManyEmptyFileParts(t *testing.T) {
	f := newFixture(t, Limits{})
	var parts []part
	for range 1000 {
		parts = append(parts, file("", nil))
	}
	_, err := f.submit(f.form(goodBody, parts...))
	refusal(t, err, http.StatusBadRequest, "tối đa 5 tệp")
	if n := len(f.comments()); n != 0 {
		t.Errorf("%d comments stored", n)
	}
	// One empty part, as a browser sends it, is no file.
	c, err := f.submit(f.form("Ý kiến không có tệp đính kèm.", file("", nil)))
	must(t, err)
	if len(c.Attachments) != 0 {
		t.Errorf("attachments %v", c.Attachments)
	}
}

// TestFileNameWithoutBidiControls: staff see an attachment's name; a
// right-to-left override would show "bao-cao\u202Efdp.jpg" as
// "bao-caogpj.pdf", a name that lies about the file.
func TestFileNameWithoutBidiControls(t *testing.T) {
	for in, want := range map[string]string{
		"bao-cao\u202Egpj.pdf":          "bao-caogpj.pdf",
		"\u2067đơn\u2069 \u200Ethư.pdf": "đơn thư.pdf",
		"Ảnh chụp.JPG":                  "Ảnh chụp.JPG",
	} {
		if got := cleanFileName(in); got != want {
			t.Errorf("cleanFileName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSuggestOnlyForACommentsLength: the restoration costs time per
// syllable, and the suggestion endpoint takes 64 KB from anyone; a text
// longer than a comment may be is refused for its length anyway, so it
// gets the check but no restoration.
func TestSuggestOnlyForACommentsLength(t *testing.T) {
	f := newFixture(t, Limits{})
	f.svc.SetModel(diacritics.Train(slices.Values([]string{"Bài viết rất hay, cảm ơn tòa soạn đã đưa tin."}), diacritics.TrainOptions{}))
	short := "Bai viet rat hay, cam on toa soan da dua tin. "
	if sg := f.svc.Suggest(short); !sg.Missing || sg.Restored == "" {
		t.Fatalf("a comment: %+v", sg)
	}
	long := strings.Repeat(short, MaxBody/len(short)+1)
	if sg := f.svc.Suggest(long); !sg.Missing || sg.Restored != "" {
		t.Errorf("a text longer than %d characters: missing %v, %d characters restored", MaxBody, sg.Missing, len(sg.Restored))
	}
}

// racyStore runs during once, right after the first AttachmentStored
// answer is computed and before it is returned: a submission committing
// while the sweep decides.
type racyStore struct {
	store.Store
	once   sync.Once
	during func()
}

func (r *racyStore) AttachmentStored(ctx context.Context, hash string) (bool, error) {
	ok, err := r.Store.AttachmentStored(ctx, hash)
	r.once.Do(r.during)
	return ok, err
}

// TestSweepSparesAFileCommittedMeanwhile: an orphaned file (a crash left
// it) has the same content as a new submission's attachment. The
// submission moves its file onto the orphan's name and commits while the
// sweep has found the name unreferenced: the sweep must not then remove
// the file of an acknowledged comment.
func TestSweepSparesAFileCommittedMeanwhile(t *testing.T) {
	f := newFixture(t, Limits{})
	racy := &racyStore{Store: f.st}
	svc, err := New(Config{Store: racy, Dir: f.dir, Secret: []byte("khoa-bi-mat-cho-thu-nghiem-32-byte"), Now: f.clock.Now})
	must(t, err)
	f.svc = svc
	sum := sha256.Sum256(jpegData)
	path := svc.AttachmentPath(hex.EncodeToString(sum[:]))
	must(t, os.MkdirAll(filepath.Dir(path), 0o700))
	must(t, os.WriteFile(path, jpegData, 0o600))
	old := f.clock.Now().Add(-time.Hour)
	must(t, os.Chtimes(path, old, old))

	var c *content.Comment
	racy.during = func() {
		c, err = f.submit(f.form(goodBody, file("anh.jpg", jpegData)))
		must(t, err)
	}
	if _, err := svc.SweepOrphans(ctx, 10*time.Minute); err != nil {
		t.Fatal(err)
	}
	if c == nil {
		t.Fatal("the submission did not run")
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the acknowledged comment's attachment is gone: %v", err)
	}
}
