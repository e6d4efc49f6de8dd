package comments

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/diacritics"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/viet"
)

// The form's field names.
const (
	FieldName     = "ten"
	FieldEmail    = "email"
	FieldBody     = "noi_dung"
	FieldParent   = "tra_loi"
	FieldToken    = "t"
	FieldHoneypot = "website" // hidden from people; scripts fill it
	FieldFiles    = "tep"
)

// Text limits, in characters.
const (
	MaxBody  = 4000
	MinBody  = 2
	MaxName  = 80
	maxEmail = 254
	// maxField bounds the bytes of any text part read from the stream.
	maxField = 4 * (MaxBody + 100)
)

// MaxRequest bounds the whole body of a submission: the attachments plus
// room for the text fields and the multipart framing. The site wraps the
// body in it, a second guard behind the attachments' own count.
const MaxRequest = MaxAttachments + 1<<20

// What refusals say.
const (
	msgMalformed    = "Biểu mẫu gửi lên không hợp lệ. Mời bạn tải lại trang rồi gửi lại."
	msgFormInvalid  = "Biểu mẫu không hợp lệ. Mời bạn tải lại trang rồi gửi lại."
	msgFormExpired  = "Biểu mẫu đã quá hạn. Mời bạn tải lại trang, chép lại nội dung rồi gửi."
	msgTooFast      = "Bạn gửi nhanh quá. Mời bạn đọc lại ý kiến của mình rồi bấm gửi lần nữa."
	msgHoneypot     = "Ý kiến không gửi được vì biểu mẫu có dấu hiệu được điền tự động."
	msgNoName       = "Mời bạn nhập họ tên."
	msgLongName     = "Họ tên dài quá 80 ký tự."
	msgBadEmail     = "Địa chỉ email chưa đúng. Email chỉ để tòa soạn liên hệ khi cần, không hiện trên trang."
	msgNoBody       = "Mời bạn viết ý kiến."
	msgLongBody     = "Ý kiến dài quá 4.000 ký tự. Mời bạn rút gọn."
	msgRateIP       = "Bạn đã gửi nhiều ý kiến trong thời gian ngắn. Mời bạn thử lại sau ít phút."
	msgRateEmail    = "Địa chỉ email này đã gửi nhiều ý kiến trong một giờ qua. Mời bạn thử lại sau."
	msgDuplicate    = "Ý kiến này đã được gửi trước đó và đang chờ tòa soạn biên tập. Bạn không cần gửi lại."
	msgBadParent    = "Ý kiến bạn muốn trả lời không có hoặc chưa được đăng."
	msgTooLarge     = "Tệp đính kèm quá lớn: tổng dung lượng các tệp không được quá 10MB (10.485.760 byte). Ý kiến chưa được gửi."
	msgTooManyFiles = "Mỗi ý kiến chỉ được đính kèm tối đa 5 tệp."
	msgRequestLarge = "Dữ liệu gửi lên quá lớn. Tệp đính kèm không được quá 10MB."
)

// Refusal is a submission refused for a reason the reader can act on. Its
// Message is a Vietnamese sentence; Form keeps what the reader sent so that
// the page can show it again.
type Refusal struct {
	Status  int
	Message string
	Form    Form
	// Suggestion is the text with its diacritics restored, when the text
	// was refused for lacking them and a model is loaded.
	Suggestion string
}

func (r *Refusal) Error() string { return r.Message }

// Form is what the reader filled in.
type Form struct {
	Name, Email, Body string
	ParentID          int64
}

// Suggestion is the answer to a reader typing: whether the text lacks
// diacritics and, if so, the same text with them restored.
type Suggestion struct {
	Missing  bool   `json:"missing"`
	Message  string `json:"message,omitempty"`
	Restored string `json:"restored,omitempty"`
}

// Suggest checks text as the server does and restores its diacritics with
// the current model. The restoration is a suggestion for the reader to
// accept or edit; it is never applied by itself.
func (s *Service) Suggest(text string) Suggestion {
	text = viet.Normalize(text)
	v := diacritics.Check(text)
	sg := Suggestion{Missing: v.Missing, Message: v.Message}
	// A text longer than a comment may be is refused for its length
	// anyway: restoring it would only cost time, per syllable, to
	// whoever asks.
	if v.Missing && utf8.RuneCountInString(cleanBody(text)) <= MaxBody {
		if m := s.Model(); m != nil {
			if r := m.Restore(text); r != text {
				sg.Restored = r
			}
		}
	}
	return sg
}

// ClientIP is the address a request comes from (the connection's peer).
func ClientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// upload is an attachment received into the temporary directory.
type upload struct {
	tmp string
	att content.Attachment
}

// submission is the state of one request being read.
type submission struct {
	s        *Service
	article  *content.Article
	now      time.Time
	ipHash   string
	form     Form
	token    string
	honeypot string
	checked  bool
	uploads  []upload
	total    int64
}

func (sub *submission) refuse(status int, msg string) *Refusal {
	return &Refusal{Status: status, Message: msg, Form: sub.form}
}

// Submit reads a comment on article a from a multipart request as it
// streams in, checks every rule, writes its attachments and commits it as
// pending. It returns the stored comment, a *Refusal for a submission the
// reader can fix, or another error. When it returns a comment, the comment
// and its attachments are durable: acknowledge only then.
//
// The text fields come before the files in the form, so a submission that
// breaks a rule (no token, a script's honeypot, too many comments) is
// refused before any file is read; files stop being read one byte past
// MaxAttachments.
func (s *Service) Submit(ctx context.Context, r *http.Request, a *content.Article) (*content.Comment, error) {
	sub := &submission{s: s, article: a, now: s.now(), ipHash: s.HashIP(ClientIP(r))}
	defer sub.cleanup()
	if err := sub.checkIP(ctx); err != nil {
		return nil, err
	}
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		return nil, sub.refuse(http.StatusBadRequest, msgMalformed)
	}
	mr := multipart.NewReader(r.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, sub.readError(err)
		}
		// A refused part is left unread: closing it would read it to
		// its end, all 2 GB of a hostile one.
		if err := sub.part(ctx, p); err != nil {
			return nil, err
		}
		p.Close()
	}
	if err := sub.checkFields(ctx); err != nil {
		return nil, err
	}
	return sub.commit(ctx)
}

// readError turns an error reading the body into a refusal.
func (sub *submission) readError(err error) error {
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return sub.refuse(http.StatusRequestEntityTooLarge, msgRequestLarge)
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	}
	return sub.refuse(http.StatusBadRequest, msgMalformed)
}

// part reads one part of the form.
func (sub *submission) part(ctx context.Context, p *multipart.Part) error {
	name := p.FormName()
	if name == FieldFiles {
		return sub.file(ctx, p)
	}
	if p.FileName() != "" {
		return sub.refuse(http.StatusBadRequest, msgMalformed)
	}
	if sub.checked {
		switch name {
		case FieldName, FieldEmail, FieldBody, FieldParent, FieldToken, FieldHoneypot:
			// The fields were checked at the first file: one sent again
			// after it would replace a checked value unchecked. A
			// browser sends the form in order, files last.
			return sub.refuse(http.StatusBadRequest, msgMalformed)
		}
	}
	b, err := io.ReadAll(io.LimitReader(p, maxField+1))
	if err != nil {
		return sub.readError(err)
	}
	if len(b) > maxField {
		if name == FieldBody {
			return sub.refuse(http.StatusBadRequest, msgLongBody)
		}
		return sub.refuse(http.StatusBadRequest, msgMalformed)
	}
	v := string(b)
	switch name {
	case FieldName:
		sub.form.Name = viet.NormalizeLine(v)
	case FieldEmail:
		sub.form.Email = strings.ToLower(strings.TrimSpace(v))
	case FieldBody:
		sub.form.Body = cleanBody(v)
	case FieldParent:
		if v != "" && v != "0" {
			id, err := strconv.ParseInt(v, 10, 64)
			if err != nil || id <= 0 {
				return sub.refuse(http.StatusBadRequest, msgBadParent)
			}
			sub.form.ParentID = id
		}
	case FieldToken:
		sub.token = v
	case FieldHoneypot:
		sub.honeypot = v
	}
	return nil
}

// cleanBody makes a comment's text plain: normalized, trimmed, with at most
// one blank line between paragraphs. Markup is kept as the characters the
// reader typed; pages escape it.
func cleanBody(v string) string {
	v = viet.Normalize(v)
	lines := strings.Split(v, "\n")
	var out []string
	blank := 0
	for _, l := range lines {
		l = strings.TrimRightFunc(l, unicode.IsSpace)
		if strings.TrimSpace(l) == "" {
			blank++
			continue
		}
		if len(out) > 0 && blank > 0 {
			out = append(out, "")
		}
		blank = 0
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// CleanBody is the plain-text cleaning of Submit, for an editor's edit.
func CleanBody(v string) string { return cleanBody(v) }

// checkIP refuses an address that sent too many comments lately.
func (sub *submission) checkIP(ctx context.Context) error {
	l := sub.s.limits
	if l.PerIP < 0 {
		return nil
	}
	n, err := sub.s.st.CountComments(ctx, store.CommentQuery{IPHash: sub.ipHash, Since: sub.now.Add(-l.Window)})
	if err != nil {
		return err
	}
	if n >= l.PerIP {
		return sub.refuse(http.StatusTooManyRequests, msgRateIP)
	}
	return nil
}

// checkFields checks everything but the files, once: at the first file,
// or at the end of the form.
func (sub *submission) checkFields(ctx context.Context) error {
	if sub.checked {
		return nil
	}
	sub.checked = true
	f := &sub.form
	if sub.honeypot != "" {
		return sub.refuse(http.StatusBadRequest, msgHoneypot)
	}
	if msg := sub.s.checkToken(sub.article.ID, sub.token); msg != "" {
		return sub.refuse(http.StatusBadRequest, msg)
	}
	switch n := utf8.RuneCountInString(f.Name); {
	case n == 0:
		return sub.refuse(http.StatusBadRequest, msgNoName)
	case n > MaxName:
		return sub.refuse(http.StatusBadRequest, msgLongName)
	}
	if !plausibleEmail(f.Email) {
		return sub.refuse(http.StatusBadRequest, msgBadEmail)
	}
	switch n := utf8.RuneCountInString(f.Body); {
	case n < MinBody:
		return sub.refuse(http.StatusBadRequest, msgNoBody)
	case n > MaxBody:
		return sub.refuse(http.StatusBadRequest, msgLongBody)
	}
	if sg := sub.s.Suggest(f.Body); sg.Missing {
		r := sub.refuse(http.StatusUnprocessableEntity, sg.Message)
		r.Suggestion = sg.Restored
		return r
	}
	if err := sub.checkRepeats(ctx); err != nil {
		return err
	}
	if f.ParentID != 0 {
		p, err := sub.s.st.Comment(ctx, f.ParentID)
		if errors.Is(err, store.ErrNotFound) {
			return sub.refuse(http.StatusBadRequest, msgBadParent)
		}
		if err != nil {
			return err
		}
		if p.ArticleID != sub.article.ID || p.Status != content.CommentApproved || p.ParentID != 0 {
			return sub.refuse(http.StatusBadRequest, msgBadParent)
		}
	}
	return nil
}

// checkRepeats refuses an e-mail that sent too many comments lately and
// a text sent already. It runs with the fields and again, with checkIP,
// under the commit lock: submissions checked at the same time would pass
// together otherwise.
func (sub *submission) checkRepeats(ctx context.Context) error {
	f, l := &sub.form, sub.s.limits
	if l.PerEmail >= 0 {
		n, err := sub.s.st.CountComments(ctx, store.CommentQuery{Email: f.Email, Since: sub.now.Add(-l.Window)})
		if err != nil {
			return err
		}
		if n >= l.PerEmail {
			return sub.refuse(http.StatusTooManyRequests, msgRateEmail)
		}
	}
	fp := content.CommentFingerprint(f.Body)
	since := sub.now.Add(-l.Duplicates)
	for _, q := range []store.CommentQuery{
		{Fingerprint: fp, ArticleID: sub.article.ID, Since: since},
		{Fingerprint: fp, Email: f.Email, Since: since},
	} {
		n, err := sub.s.st.CountComments(ctx, q)
		if err != nil {
			return err
		}
		if n > 0 {
			return sub.refuse(http.StatusConflict, msgDuplicate)
		}
	}
	return nil
}

func plausibleEmail(e string) bool {
	if len(e) < 3 || len(e) > maxEmail || strings.ContainsAny(e, " \t\r\n<>\"(),;:") {
		return false
	}
	local, domain, ok := strings.Cut(e, "@")
	return ok && local != "" && !strings.Contains(domain, "@") && strings.Contains(domain, ".") &&
		!strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}

// file streams one attachment into the temporary directory, hashing it and
// counting the bytes against MaxAttachments.
func (sub *submission) file(ctx context.Context, p *multipart.Part) error {
	if err := sub.checkFields(ctx); err != nil {
		return err
	}
	if len(sub.uploads) >= 2*MaxFiles {
		// Each part, even an empty one, costs a temporary file; a
		// browser sends at most MaxFiles, or one empty part.
		return sub.refuse(http.StatusBadRequest, msgTooManyFiles)
	}
	name := cleanFileName(p.FileName())
	tmp, err := os.CreateTemp(sub.s.tmpDir(), "up-*")
	if err != nil {
		return fmt.Errorf("comments: temporary file: %w", err)
	}
	up := upload{tmp: tmp.Name()}
	sub.uploads = append(sub.uploads, up)
	h := sha256.New()
	head := &headWriter{}
	budget := MaxAttachments - sub.total
	n, err := io.Copy(io.MultiWriter(tmp, h, head), io.LimitReader(p, budget+1))
	if err != nil {
		tmp.Close()
		var pe *os.PathError
		if errors.As(err, &pe) {
			return fmt.Errorf("comments: write attachment: %w", err)
		}
		return sub.readError(err)
	}
	sub.total += n
	if n > budget {
		tmp.Close()
		return sub.refuse(http.StatusRequestEntityTooLarge, msgTooLarge)
	}
	if n == 0 && name == "" {
		// The empty part a browser sends when no file was chosen.
		tmp.Close()
		return nil
	}
	if sub.files() >= MaxFiles {
		tmp.Close()
		return sub.refuse(http.StatusBadRequest, msgTooManyFiles)
	}
	if name == "" {
		name = "tep-dinh-kem"
	}
	kind := sniff(head.b, tmp, n, name)
	if kind == "" {
		tmp.Close()
		return sub.refuse(http.StatusUnsupportedMediaType,
			"Tệp “"+name+"” không thuộc loại được nhận. Chỉ nhận "+AllowedTypes+".")
	}
	if !extFits(kind, name) {
		tmp.Close()
		return sub.refuse(http.StatusUnsupportedMediaType,
			"Nội dung tệp “"+name+"” không khớp với đuôi tên tệp (nội dung là "+fileTypes[kind].label+"). Mời bạn kiểm tra lại tệp.")
	}
	// Synced before the comment is committed: an acknowledged comment's
	// files survive a crash.
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("comments: sync attachment: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	ft := fileTypes[kind]
	sub.uploads[len(sub.uploads)-1].att = content.Attachment{Name: name, Hash: hex.EncodeToString(h.Sum(nil)),
		Kind: kind, MIME: ft.mime, Size: n}
	return nil
}

// files counts the attachments received whole so far.
func (sub *submission) files() int {
	n := 0
	for _, up := range sub.uploads {
		if up.att.Hash != "" {
			n++
		}
	}
	return n
}

// headWriter keeps the first bytes written to it.
type headWriter struct{ b []byte }

func (w *headWriter) Write(p []byte) (int, error) {
	if need := sniffHead - len(w.b); need > 0 {
		w.b = append(w.b, p[:min(need, len(p))]...)
	}
	return len(p), nil
}

// cleanFileName keeps the last element of a file name as the reader's
// system gave it, normalized, without control or bidirectional control
// characters, at most 120 characters.
func cleanFileName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = viet.NormalizeLine(name)
	name = strings.Map(func(r rune) rune {
		// Bidirectional controls would make the name read otherwise
		// than it is ("x\u202Efdp.jpg" shows as "xgpj.pdf").
		if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == '"' {
			return -1
		}
		return r
	}, name)
	if r := []rune(name); len(r) > 120 {
		name = string(r[len(r)-120:])
	}
	return strings.TrimLeft(name, ".")
}

// commit moves the attachments into place (content-addressed, synced) and
// then stores the comment.
func (sub *submission) commit(ctx context.Context) (*content.Comment, error) {
	c := &content.Comment{ArticleID: sub.article.ID, ParentID: sub.form.ParentID, Status: content.CommentPending,
		Name: sub.form.Name, Email: sub.form.Email, Body: sub.form.Body, Fingerprint: content.CommentFingerprint(sub.form.Body),
		IPHash: sub.ipHash, CreatedAt: sub.now}
	// The counts checked while the request streamed are checked again
	// and the comment stored under one lock, so that a burst sent at
	// once cannot pass the limits together.
	sub.s.commitMu.Lock()
	defer sub.s.commitMu.Unlock()
	if err := sub.checkIP(ctx); err != nil {
		return nil, err
	}
	if err := sub.checkRepeats(ctx); err != nil {
		return nil, err
	}
	dirs := map[string]bool{}
	for i := range sub.uploads {
		up := &sub.uploads[i]
		if up.att.Hash == "" {
			continue
		}
		dst := sub.s.AttachmentPath(up.att.Hash)
		if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
			return nil, fmt.Errorf("comments: attachment directory: %w", err)
		}
		if err := os.Rename(up.tmp, dst); err != nil {
			return nil, fmt.Errorf("comments: store attachment: %w", err)
		}
		up.tmp = ""
		dirs[filepath.Dir(dst)] = true
		c.Attachments = append(c.Attachments, up.att)
	}
	for d := range dirs {
		if err := syncDir(d); err != nil {
			return nil, err
		}
	}
	if len(dirs) > 0 {
		if err := syncDir(sub.s.dir); err != nil {
			return nil, err
		}
	}
	if err := sub.s.st.CreateComment(ctx, c); err != nil {
		return nil, fmt.Errorf("store comment: %w", err)
	}
	return c, nil
}

// syncDir makes the names in a directory durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("comments: sync %s: %w", dir, err)
	}
	return nil
}

// cleanup removes the temporary files of a submission that did not commit.
func (sub *submission) cleanup() {
	for _, up := range sub.uploads {
		if up.tmp != "" {
			os.Remove(up.tmp)
		}
	}
}
