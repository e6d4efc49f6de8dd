package comments

import (
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
	"testing"
	"time"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/diacritics"
	"github.com/toasoan/toasoan/store"
)

const goodBody = "Bài viết rất hay, cảm ơn tòa soạn đã đưa tin kịp thời."

// refusal asserts err is a Refusal with the status whose message contains want.
func refusal(t *testing.T, err error, status int, want string) *Refusal {
	t.Helper()
	var r *Refusal
	if !errors.As(err, &r) {
		t.Fatalf("got %v, want a refusal %d %q", err, status, want)
	}
	if r.Status != status || !strings.Contains(r.Message, want) {
		t.Fatalf("refusal %d %q, want %d containing %q", r.Status, r.Message, status, want)
	}
	return r
}

func (f *fixture) comments() []content.Comment {
	f.t.Helper()
	cs, err := f.st.Comments(ctx, store.CommentQuery{Limit: 1000})
	must(f.t, err)
	return cs
}

// leftovers lists the files in the temporary upload directory.
func (f *fixture) leftovers() []string {
	es, _ := os.ReadDir(filepath.Join(f.dir, "tmp"))
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

func TestSubmitStoresPendingWithAttachments(t *testing.T) {
	f := newFixture(t, Limits{})
	docx := ooxml(t, "[Content_Types].xml", "word/document.xml")
	c, err := f.submit(f.form("  "+goodBody+"\r\n\r\n\r\n<b>Dòng hai</b>  ",
		file(`C:\Users\an\Ảnh chụp.JPG`, jpegData), file("don.docx", docx), file("", nil)))
	must(t, err)
	got, err := f.st.Comment(ctx, c.ID)
	must(t, err)
	if got.Status != content.CommentPending || got.Body != goodBody+"\n\n<b>Dòng hai</b>" || got.Name != "Nguyễn Văn An" ||
		got.Email != "an.nguyen@example.vn" {
		t.Errorf("stored %+v", got)
	}
	if got.IPHash == "" || strings.Contains(got.IPHash, "203.0.113.7") || got.IPHash != f.svc.HashIP("203.0.113.7") {
		t.Errorf("ip hash %q", got.IPHash)
	}
	if len(got.Attachments) != 2 {
		t.Fatalf("attachments %+v", got.Attachments)
	}
	for i, want := range []struct {
		name, kind string
		data       []byte
	}{{"Ảnh chụp.JPG", "jpg", jpegData}, {"don.docx", "docx", docx}} {
		a := got.Attachments[i]
		if a.Name != want.name || a.Kind != want.kind || a.Size != int64(len(want.data)) {
			t.Errorf("attachment %d: %+v", i, a)
		}
		b, err := os.ReadFile(f.svc.AttachmentPath(a.Hash))
		if err != nil || string(b) != string(want.data) {
			t.Errorf("attachment %d on disk: %v", i, err)
		}
	}
	if !strings.HasPrefix(f.svc.AttachmentPath("ab12"), f.dir) {
		t.Error("attachments outside their directory")
	}
	if l := f.leftovers(); len(l) != 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

func TestAllowedTypesByContent(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		kind string // "" refused
		msg  string
	}{
		{"a.jpg", jpegData, "jpg", ""},
		{"a.jpeg", jpegData, "jpg", ""},
		{"a.png", pngData, "png", ""},
		{"a.gif", gifData, "gif", ""},
		{"a.webp", webpData, "webp", ""},
		{"a.pdf", pdfData, "pdf", ""},
		{"a.docx", ooxml(t, "[Content_Types].xml", "word/document.xml"), "docx", ""},
		{"a.xlsx", ooxml(t, "[Content_Types].xml", "xl/workbook.xml"), "xlsx", ""},
		{"a.pptx", ooxml(t, "[Content_Types].xml", "ppt/presentation.xml"), "pptx", ""},
		{"a.doc", ole2Data, "doc", ""},
		{"a.xls", ole2Data, "xls", ""},
		{"a.ppt", ole2Data, "ppt", ""},
		// Wrong content behind a right extension.
		{"anh.jpg", htmlData, "", "không thuộc loại được nhận"},
		{"anh.jpg", pdfData, "", "không khớp với đuôi"},
		{"hoso.pdf", jpegData, "", "không khớp với đuôi"},
		{"bang.xlsx", ooxml(t, "[Content_Types].xml", "word/document.xml"), "", "không khớp với đuôi"},
		{"van-ban.docx", ooxml(t, "word/document.xml"), "", "không thuộc loại"},
		{"nen.docx", ooxml(t, "a.txt"), "", "không thuộc loại"},
		{"hong.docx", []byte("PK\x03\x04 not really a zip"), "", "không thuộc loại"},
		{"virus.exe", []byte("MZ\x90\x00"), "", "không thuộc loại"},
		{"trang.html", htmlData, "", "không thuộc loại"},
		{"anh.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), "", "không thuộc loại"},
		{"rong.jpg", []byte{}, "", "không thuộc loại"},
		{"khong-duoi", jpegData, "", "không khớp với đuôi"},
	}
	for i, tc := range cases {
		t.Run(fmt.Sprint(i, tc.name), func(t *testing.T) {
			f := newFixture(t, Limits{})
			c, err := f.submit(f.form(goodBody, file(tc.name, tc.data)))
			if tc.kind == "" {
				refusal(t, err, http.StatusUnsupportedMediaType, tc.msg)
				if n := len(f.comments()); n != 0 {
					t.Errorf("%d comments stored", n)
				}
				if l := f.leftovers(); len(l) != 0 {
					t.Errorf("temporary files left: %v", l)
				}
				return
			}
			must(t, err)
			if len(c.Attachments) != 1 || c.Attachments[0].Kind != tc.kind || c.Attachments[0].MIME != fileTypes[tc.kind].mime {
				t.Errorf("attachments %+v", c.Attachments)
			}
		})
	}
}

func TestSizeLimitEdges(t *testing.T) {
	cases := []struct {
		name  string
		files [][]byte
		ok    bool
	}{
		{"exactly 10,485,760 bytes", [][]byte{sized(MaxAttachments)}, true},
		{"one byte more", [][]byte{sized(MaxAttachments + 1)}, false},
		{"two files exactly at the limit", [][]byte{sized(MaxAttachments - 1000), sized(1000)}, true},
		{"two files one byte over", [][]byte{sized(MaxAttachments - 1000), sized(1001)}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, Limits{})
			var parts []part
			for i, b := range tc.files {
				parts = append(parts, file(fmt.Sprintf("anh-%d.jpg", i), b))
			}
			c, err := f.submit(f.form(goodBody, parts...))
			if tc.ok {
				must(t, err)
				var total int64
				for _, a := range c.Attachments {
					total += a.Size
				}
				if total != int64(len(slices.Concat(tc.files...))) {
					t.Errorf("stored %d bytes", total)
				}
				return
			}
			refusal(t, err, http.StatusRequestEntityTooLarge, "không được quá 10MB")
			if n := len(f.comments()); n != 0 {
				t.Errorf("%d comments stored", n)
			}
			if l := f.leftovers(); len(l) != 0 {
				t.Errorf("temporary files left: %v", l)
			}
		})
	}
}

// TestHugeBodyCutOffEarly streams a 2 GB attachment through a real loopback
// server: the refusal must come after about 10 MB, and the sender must be
// cut off long before 2 GB, nothing buffered or stored.
func TestHugeBodyCutOffEarly(t *testing.T) {
	f := newFixture(t, Limits{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, MaxRequest)
		_, err := f.svc.Submit(r.Context(), r, f.a1)
		var ref *Refusal
		if errors.As(err, &ref) {
			w.Header().Set("Connection", "close")
			w.WriteHeader(ref.Status)
			io.WriteString(w, ref.Message)
			return
		}
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()

	parts := f.form(goodBody)
	f.clock.Add(5 * time.Second)
	pr, pw := io.Pipe()
	var n int64
	mw := multipart.NewWriter(&countingWriter{w: pw, n: &n})
	const huge = int64(2) << 30
	written := make(chan int64, 1)
	go func() {
		defer func() { written <- n }()
		for _, p := range parts {
			if err := mw.WriteField(p.name, string(p.data)); err != nil {
				return
			}
		}
		w, err := mw.CreateFormFile(FieldFiles, "lon.jpg")
		if err != nil {
			return
		}
		if _, err := w.Write(jpegData); err != nil {
			return
		}
		chunk := make([]byte, 1<<20)
		for sent := int64(0); sent < huge; sent += int64(len(chunk)) {
			if _, err := w.Write(chunk); err != nil {
				pw.CloseWithError(err)
				return
			}
		}
		mw.Close()
		pw.Close()
	}()
	req, err := http.NewRequest(http.MethodPost, srv.URL, pr)
	must(t, err)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := http.DefaultClient.Do(req)
	if err == nil {
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(body), "10MB") {
			t.Errorf("answer %d %q", res.StatusCode, body)
		}
	} else {
		t.Logf("client saw the connection end: %v", err)
	}
	pr.CloseWithError(errors.New("test done"))
	n = <-written
	t.Logf("sender wrote %.1f MB of 2048 MB before being cut off", float64(n)/(1<<20))
	if n > 64<<20 {
		t.Errorf("the server read %d bytes of a 2 GB body", n)
	}
	if c := len(f.comments()); c != 0 {
		t.Errorf("%d comments stored", c)
	}
	if l := f.leftovers(); len(l) != 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

type countingWriter struct {
	w io.Writer
	n *int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	*c.n += int64(n)
	return n, err
}

func TestMalformedMultipart(t *testing.T) {
	f := newFixture(t, Limits{})
	valid, ct := multipartBody(t, f.form(goodBody, file("a.jpg", jpegData)))
	boundary := strings.TrimPrefix(ct, "multipart/form-data; boundary=")
	cases := []struct {
		name, ct string
		body     string
	}{
		{"no content type", "", string(valid)},
		{"url-encoded", "application/x-www-form-urlencoded", "ten=a&noi_dung=b"},
		{"no boundary", "multipart/form-data", string(valid)},
		{"wrong boundary", "multipart/form-data; boundary=khac", string(valid)},
		{"truncated", ct, string(valid[:len(valid)/2])},
		{"no closing boundary", ct, strings.TrimSuffix(string(valid), "--"+boundary+"--\r\n")},
		{"garbage", ct, "\x00\x01\x02 không phải multipart"},
		{"part without headers end", ct, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"ten\""},
		{"empty", ct, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f.clock.Add(5 * time.Second)
			r := httptest.NewRequest(http.MethodPost, "/y-kien/1", strings.NewReader(tc.body))
			if tc.ct != "" {
				r.Header.Set("Content-Type", tc.ct)
			}
			_, err := f.svc.Submit(ctx, r, f.a1)
			var ref *Refusal
			if !errors.As(err, &ref) || ref.Status != http.StatusBadRequest {
				t.Fatalf("got %v, want a 400 refusal", err)
			}
		})
	}
	if n := len(f.comments()); n != 0 {
		t.Errorf("%d comments stored", n)
	}
	if l := f.leftovers(); len(l) != 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

func TestHoneypotAndToken(t *testing.T) {
	f := newFixture(t, Limits{})
	ps := f.form(goodBody)
	ps[4] = field(FieldHoneypot, "http://spam.example")
	_, err := f.submit(ps)
	refusal(t, err, http.StatusBadRequest, "điền tự động")

	// Sent at once: a script, not a person.
	_, err = f.submitTo(f.a1, "203.0.113.7", f.form(goodBody))
	refusal(t, err, http.StatusBadRequest, "nhanh quá")

	// A day and more later: expired.
	ps = f.form(goodBody)
	f.clock.Add(25 * time.Hour)
	_, err = f.submitTo(f.a1, "203.0.113.7", ps)
	refusal(t, err, http.StatusBadRequest, "quá hạn")

	// A token for another article, a forged one, none.
	for _, tok := range []string{f.svc.Token(f.a2.ID), "1795684715.0000", "", "abc"} {
		ps = f.form(goodBody)
		ps[0] = field(FieldToken, tok)
		_, err = f.submit(ps)
		refusal(t, err, http.StatusBadRequest, "không hợp lệ")
	}
	// Another key signs other tokens.
	other, err := New(Config{Store: f.st, Dir: t.TempDir(), Secret: []byte("mot-khoa-khac-hoan-toan-32-bytes!!"), Now: f.clock.Now})
	must(t, err)
	ps = f.form(goodBody)
	ps[0] = field(FieldToken, other.Token(f.a1.ID))
	_, err = f.submit(ps)
	refusal(t, err, http.StatusBadRequest, "không hợp lệ")

	// A honeypot filled refuses before any file is read.
	ps = f.form(goodBody, file("a.jpg", jpegData))
	ps[4] = field(FieldHoneypot, "x")
	_, err = f.submit(ps)
	refusal(t, err, http.StatusBadRequest, "điền tự động")
	if n := len(f.comments()); n != 0 {
		t.Errorf("%d comments stored", n)
	}
	_, err = f.submit(f.form(goodBody))
	must(t, err)
}

func TestFieldRules(t *testing.T) {
	f := newFixture(t, Limits{})
	cases := []struct {
		edit func([]part) []part
		msg  string
	}{
		{func(p []part) []part { p[1] = field(FieldName, "  "); return p }, "họ tên"},
		{func(p []part) []part { p[1] = field(FieldName, strings.Repeat("a", 81)); return p }, "80 ký tự"},
		{func(p []part) []part { p[2] = field(FieldEmail, "khong-phai-email"); return p }, "email"},
		{func(p []part) []part { p[2] = field(FieldEmail, "a@b"); return p }, "email"},
		{func(p []part) []part { p[2] = field(FieldEmail, "a b@c.vn"); return p }, "email"},
		{func(p []part) []part { p[3] = field(FieldBody, " "); return p }, "viết ý kiến"},
		{func(p []part) []part { p[3] = field(FieldBody, strings.Repeat("Tốt. ", 801)); return p }, "4.000"},
		{func(p []part) []part { p[3] = field(FieldBody, strings.Repeat("x", maxField+1)); return p }, "4.000"},
		{func(p []part) []part { return append(p, field(FieldParent, "999")) }, "trả lời"},
		{func(p []part) []part { return append(p, field(FieldParent, "abc")) }, "trả lời"},
		{func(p []part) []part {
			return append(p, file("1.jpg", jpegData), file("2.jpg", jpegData), file("3.jpg", jpegData),
				file("4.jpg", jpegData), file("5.jpg", jpegData), file("6.jpg", jpegData))
		}, "tối đa 5 tệp"},
	}
	for i, tc := range cases {
		_, err := f.submit(tc.edit(f.form(fmt.Sprintf("%s %d", goodBody, i))))
		var ref *Refusal
		if !errors.As(err, &ref) || !strings.Contains(strings.ToLower(ref.Message), strings.ToLower(tc.msg)) {
			t.Errorf("case %d: got %v, want a refusal about %q", i, err, tc.msg)
		} else if ref.Form.Email == "" && i != 2 && i != 3 && i != 4 {
			t.Errorf("case %d: the refusal lost the form: %+v", i, ref.Form)
		}
	}
	if n := len(f.comments()); n != 0 {
		t.Errorf("%d comments stored", n)
	}
}

func TestRateLimits(t *testing.T) {
	f := newFixture(t, Limits{PerIP: 3, PerEmail: 2, Window: time.Hour})
	send := func(addr, email, body string) error {
		ps := f.form(body)
		ps[2] = field(FieldEmail, email)
		f.clock.Add(5 * time.Second)
		_, err := f.submitTo(f.a1, addr, ps)
		return err
	}
	must(t, send("198.51.100.1", "a@example.vn", "Ý kiến thứ nhất của tôi."))
	must(t, send("198.51.100.1", "a@example.vn", "Ý kiến thứ hai của tôi."))
	refusal(t, send("198.51.100.2", "a@example.vn", "Ý kiến thứ ba của tôi."), http.StatusTooManyRequests, "email này")
	must(t, send("198.51.100.1", "b@example.vn", "Ý kiến thứ tư của tôi."))
	refusal(t, send("198.51.100.1", "c@example.vn", "Ý kiến thứ năm của tôi."), http.StatusTooManyRequests, "nhiều ý kiến")
	must(t, send("198.51.100.3", "c@example.vn", "Ý kiến thứ sáu của tôi."))
	// An hour later the window has moved on.
	f.clock.Add(time.Hour)
	must(t, send("198.51.100.1", "a@example.vn", "Ý kiến thứ bảy của tôi."))
	if n := len(f.comments()); n != 5 {
		t.Errorf("%d comments stored, want 5", n)
	}

	off := newFixture(t, Limits{PerIP: -1, PerEmail: -1})
	for i := range 10 {
		ps := off.form(fmt.Sprintf("Ý kiến số %d của bạn đọc.", i))
		_, err := off.submit(ps)
		must(t, err)
	}
}

func TestDuplicates(t *testing.T) {
	f := newFixture(t, Limits{})
	_, err := f.submit(f.form(goodBody))
	must(t, err)
	// The same text again, in other case and spacing: a double click.
	_, err = f.submit(f.form(strings.ToUpper(goodBody) + "  "))
	refusal(t, err, http.StatusConflict, "đã được gửi")
	// The same text from someone else on the same article: copy and paste.
	ps := f.form(goodBody)
	ps[2] = field(FieldEmail, "khac@example.vn")
	f.clock.Add(5 * time.Second)
	_, err = f.submitTo(f.a1, "192.0.2.99", ps)
	refusal(t, err, http.StatusConflict, "đã được gửi")
	// The same sender's same text on another article.
	ps = f.form(goodBody)
	ps[0] = field(FieldToken, f.svc.Token(f.a2.ID))
	f.clock.Add(5 * time.Second)
	_, err = f.submitTo(f.a2, "203.0.113.7", ps)
	refusal(t, err, http.StatusConflict, "đã được gửi")
	// A day later it is a new comment.
	f.clock.Add(25 * time.Hour)
	_, err = f.submit(f.form(goodBody))
	must(t, err)
}

func TestDiacriticsOnServer(t *testing.T) {
	f := newFixture(t, Limits{PerIP: -1, PerEmail: -1})
	m := diacritics.Train(slices.Values([]string{
		"Bài viết rất hay, cảm ơn tòa soạn đã đưa tin.",
		"Cảm ơn tòa soạn, bài viết rất hay và bổ ích.",
		"Người dân rất vui khi đường được sửa.",
	}), diacritics.TrainOptions{})
	f.svc.SetModel(m)
	cases := []struct {
		name, text string
		refused    bool
	}{
		{"Vietnamese with diacritics", "Người dân ở đây rất vui khi con đường được sửa xong trước Tết.", false},
		{"toneless Vietnamese", "Bai viet rat hay, cam on toa soan da dua tin.", true},
		{"toneless, upper case", "BAI VIET RAT HAY CAM ON TOA SOAN", true},
		{"English", "This is a great article, thank you for the timely report.", false},
		{"French", "Merci pour cet article très intéressant sur la ville.", false},
		{"mixed: a few unaccented words in accented text", "Bài viết rất hay, cam on tòa soạn đã đưa tin về Thủ Dầu Một.", false},
		{"short", "Hay qua", false},
		{"a link and numbers", "Xem thêm tại https://baobinhduong.vn/tin-tuc 2024", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.submit(f.form(tc.text))
			if !tc.refused {
				must(t, err)
				return
			}
			r := refusal(t, err, http.StatusUnprocessableEntity, "Vui lòng gõ tiếng Việt có dấu")
			if r.Form.Body != tc.text {
				t.Errorf("the refusal lost the text: %q", r.Form.Body)
			}
			if r.Suggestion == "" || r.Suggestion == tc.text {
				t.Errorf("no suggestion: %q", r.Suggestion)
			}
		})
	}
	sg := f.svc.Suggest("Bai viet rat hay, cam on toa soan da dua tin.")
	if !sg.Missing || sg.Restored != "Bài viết rất hay, cảm ơn tòa soạn đã đưa tin." {
		t.Errorf("suggestion %+v", sg)
	}
	if sg := f.svc.Suggest("Bài viết rất hay."); sg.Missing || sg.Restored != "" {
		t.Errorf("accented text got %+v", sg)
	}
	f.svc.SetModel(nil)
	if sg := f.svc.Suggest("Bai viet rat hay cam on toa soan"); !sg.Missing || sg.Restored != "" {
		t.Errorf("without a model: %+v", sg)
	}
}

func TestReplies(t *testing.T) {
	f := newFixture(t, Limits{PerIP: -1, PerEmail: -1})
	parent, err := f.submit(f.form(goodBody))
	must(t, err)
	reply := func(id int64, text string) error {
		_, err := f.submit(f.form(text, field(FieldParent, fmt.Sprint(id))))
		return err
	}
	refusal(t, reply(parent.ID, "Tôi đồng ý với bạn."), http.StatusBadRequest, "chưa được đăng")
	must(t, f.svc.Moderate(ctx, Moderator{User: f.editor}, Step{IDs: []int64{parent.ID}, Status: content.CommentApproved}))
	must(t, reply(parent.ID, "Tôi đồng ý với bạn."))
	cs, _ := f.st.Comments(ctx, store.CommentQuery{Limit: 1})
	r1 := cs[0]
	if r1.ParentID != parent.ID {
		t.Fatalf("reply parent %d", r1.ParentID)
	}
	must(t, f.svc.Moderate(ctx, Moderator{User: f.editor}, Step{IDs: []int64{r1.ID}, Status: content.CommentApproved}))
	// One level only: no reply to a reply.
	refusal(t, reply(r1.ID, "Trả lời lồng nhau."), http.StatusBadRequest, "trả lời")
	// Not to a comment of another article.
	ps := f.form("Ý kiến ở bài khác.", field(FieldParent, fmt.Sprint(parent.ID)))
	ps[0] = field(FieldToken, f.svc.Token(f.a2.ID))
	f.clock.Add(5 * time.Second)
	_, err = f.submitTo(f.a2, "203.0.113.7", ps)
	refusal(t, err, http.StatusBadRequest, "trả lời")
}
