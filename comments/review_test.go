package comments

import (
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
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
