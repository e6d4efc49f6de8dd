package newsroom

// Reader comments: the moderation queue. Nothing a reader sends is public
// before an editor approves it; an editor may edit the text first (the
// reader's own text is kept and shown here), reject with a reason, or do
// either to many comments at once. The rules live in package comments;
// these handlers parse, call it, and render.

import (
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/comments"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
)

// commentMenu are this area's entries in the newsroom's navigation.
var commentMenu = []menuEntry{{"Ý kiến bạn đọc", "/admin/y-kien", auth.CommentModerate}}

// commentRoutes are this area's routes.
func (n *Newsroom) commentRoutes() []route {
	return []route{
		{"GET /admin/y-kien", auth.CommentModerate, n.commentQueue},
		{"GET /admin/y-kien/{id}", auth.CommentModerate, n.commentDetail},
		{"POST /admin/y-kien/{id}/duyet", auth.CommentModerate, n.approveComment},
		{"POST /admin/y-kien/{id}/tu-choi", auth.CommentModerate, n.rejectComment},
		{"POST /admin/y-kien/{id}/sua", auth.CommentModerate, n.editComment},
		{"POST /admin/y-kien/hang-loat", auth.CommentModerate, n.bulkComments},
		{"POST /admin/y-kien/tu-cam", auth.CommentModerate, n.saveBannedWords},
		{"GET /admin/y-kien/tep/{id}", auth.CommentModerate, n.commentAttachment},
	}
}

// commentPageLen is how many comments one page of the queue shows.
const commentPageLen = 50

type commentQueuePage struct {
	frame
	Filter   commentFilter
	Counts   []commentCount
	Items    []commentRow
	Sections []content.Category
	Banned   string // the banned-word setting, for its form
	// BannedEditable: the user moderates every section and may change
	// the banned words.
	BannedEditable bool
	Total          int
	Prev           string
	Next           string
	Back           string // this page's URL, where actions return
	Notice         string
	Error          string
}

type commentFilter struct {
	Status    content.CommentStatus // "": every state
	ArticleID int64
	SectionID int64
	From, To  string // YYYY-MM-DD in Vietnam
	Page      int
}

type commentCount struct {
	Status  content.CommentStatus
	Label   string
	Count   int
	URL     string
	Current bool
}

type commentRow struct {
	content.Comment
	Section string
	Flags   []string // banned words found, for attention
}

type commentDetailPage struct {
	frame
	Item   commentRow
	Parent *content.Comment
	Back   string
	Notice string
	Error  string
}

// commentQuery reads the queue's filters from the URL.
func (n *Newsroom) commentQuery(r *http.Request, s *staff) (store.CommentQuery, commentFilter, string) {
	v := r.URL.Query()
	var f commentFilter
	q := store.CommentQuery{Sections: s.user.Sections, Limit: commentPageLen, Oldest: true}
	f.Status = content.CommentPending
	if v.Has("trang_thai") {
		f.Status = content.CommentStatus(v.Get("trang_thai"))
		if !f.Status.Valid() {
			f.Status = ""
		}
	}
	if f.Status != content.CommentPending {
		q.Oldest = false // the queue works oldest first; the archive reads newest first
	}
	q.Status = f.Status
	if id, err := strconv.ParseInt(v.Get("bai"), 10, 64); err == nil && id > 0 {
		q.ArticleID, f.ArticleID = id, id
	}
	if id, err := strconv.ParseInt(v.Get("chuyen_muc"), 10, 64); err == nil && id > 0 {
		q.SectionID, f.SectionID = id, id
	}
	errMsg := ""
	if d := v.Get("tu"); d != "" {
		if t, err := time.ParseInLocation(dateLayout, d, content.Location); err == nil {
			q.Since, f.From = t, d
		} else {
			errMsg = "Ngày bắt đầu không đúng dạng năm-tháng-ngày."
		}
	}
	if d := v.Get("den"); d != "" {
		if t, err := time.ParseInLocation(dateLayout, d, content.Location); err == nil {
			q.Until, f.To = t.AddDate(0, 0, 1), d
		} else {
			errMsg = "Ngày kết thúc không đúng dạng năm-tháng-ngày."
		}
	}
	f.Page = 1
	if p, err := strconv.Atoi(v.Get("trang")); err == nil && p > 1 && p < 100000 {
		f.Page = p
	}
	q.Offset = (f.Page - 1) * commentPageLen
	return q, f, errMsg
}

func (f commentFilter) url(status content.CommentStatus, page int) string {
	v := url.Values{}
	v.Set("trang_thai", string(status))
	if f.ArticleID != 0 {
		v.Set("bai", strconv.FormatInt(f.ArticleID, 10))
	}
	if f.SectionID != 0 {
		v.Set("chuyen_muc", strconv.FormatInt(f.SectionID, 10))
	}
	if f.From != "" {
		v.Set("tu", f.From)
	}
	if f.To != "" {
		v.Set("den", f.To)
	}
	if page > 1 {
		v.Set("trang", strconv.Itoa(page))
	}
	return "/admin/y-kien?" + v.Encode()
}

// bannedWords reads the banned-word setting.
func (n *Newsroom) bannedWords(r *http.Request) (string, []string, error) {
	settings, err := n.st.Settings(r.Context())
	if err != nil {
		return "", nil, err
	}
	raw := settings[content.SettingCommentBannedWords]
	return raw, content.BannedWords(raw), nil
}

func (n *Newsroom) commentRow(c content.Comment, cats map[int64]content.Category, banned []string) commentRow {
	return commentRow{Comment: c, Section: cats[c.SectionID].Name, Flags: content.MatchBanned(c.Name+"\n"+c.Body, banned)}
}

func (n *Newsroom) categoryMap(r *http.Request) (map[int64]content.Category, []content.Category, error) {
	cats, err := n.st.Categories(r.Context())
	if err != nil {
		return nil, nil, err
	}
	m := map[int64]content.Category{}
	var top []content.Category
	for _, c := range cats {
		m[c.ID] = c
		if c.IsTop() {
			top = append(top, c)
		}
	}
	return m, top, nil
}

// commentQueue lists comments by state (pending first, oldest first), with
// the counts per state, filters, the banned-word flags and bulk actions.
func (n *Newsroom) commentQueue(w http.ResponseWriter, r *http.Request, s *staff) error {
	ctx := r.Context()
	q, f, errMsg := n.commentQuery(r, s)
	p := commentQueuePage{frame: n.frame(r, s, "Ý kiến bạn đọc"), Filter: f, Error: errMsg, Back: r.URL.RequestURI()}
	p.Notice = queueNotice(r.URL.Query().Get("xong"))
	cats, top, err := n.categoryMap(r)
	if err != nil {
		return err
	}
	for _, c := range top {
		if s.user.Can(auth.CommentModerate, c.ID) {
			p.Sections = append(p.Sections, c)
		}
	}
	raw, banned, err := n.bannedWords(r)
	if err != nil {
		return err
	}
	p.Banned, p.BannedEditable = raw, bannedEditable(s)
	counts, err := n.st.CommentStatusCounts(ctx, q)
	if err != nil {
		return err
	}
	all := 0
	for _, st := range content.CommentStatuses() {
		all += counts[st]
		p.Counts = append(p.Counts, commentCount{Status: st, Label: st.Label(), Count: counts[st], URL: f.url(st, 1), Current: f.Status == st})
	}
	p.Counts = append(p.Counts, commentCount{Label: "Tất cả", Count: all, URL: f.url("", 1), Current: f.Status == ""})
	if p.Total, err = n.st.CountComments(ctx, q); err != nil {
		return err
	}
	list, err := n.st.Comments(ctx, q)
	if err != nil {
		return err
	}
	for _, c := range list {
		p.Items = append(p.Items, n.commentRow(c, cats, banned))
	}
	if f.Page > 1 {
		p.Prev = f.url(f.Status, f.Page-1)
	}
	if f.Page*commentPageLen < p.Total {
		p.Next = f.url(f.Status, f.Page+1)
	}
	return n.render(w, r, http.StatusOK, "comments.html", &p)
}

func queueNotice(key string) string {
	switch key {
	case "duyet":
		return "Đã duyệt: ý kiến đã hiện dưới bài viết."
	case "tu-choi":
		return "Đã từ chối ý kiến."
	case "sua":
		return "Đã lưu nội dung đã sửa; bản gốc của bạn đọc vẫn được giữ."
	case "tu-cam":
		return "Đã lưu danh sách từ cấm."
	}
	return ""
}

// targetComment reads the {id} of a comment route; a comment outside the
// moderator's sections is not found, as if it did not exist.
func (n *Newsroom) targetComment(r *http.Request, s *staff) (*content.Comment, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return nil, store.ErrNotFound
	}
	c, err := n.st.Comment(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if !s.user.Can(auth.CommentModerate, c.SectionID) {
		return nil, userError{http.StatusForbidden, msgCommentSection}
	}
	return c, nil
}

const msgCommentSection = "Ý kiến này thuộc bài của chuyên mục bạn không phụ trách."

// commentDetail shows one comment whole: the text, the reader's original
// if it was edited, the attachments, and the forms to edit, approve, reject.
func (n *Newsroom) commentDetail(w http.ResponseWriter, r *http.Request, s *staff) error {
	c, err := n.targetComment(r, s)
	if err != nil {
		return err
	}
	return n.renderCommentDetail(w, r, s, http.StatusOK, c, "", queueNotice(r.URL.Query().Get("xong")))
}

func (n *Newsroom) renderCommentDetail(w http.ResponseWriter, r *http.Request, s *staff, status int, c *content.Comment, errMsg, notice string) error {
	cats, _, err := n.categoryMap(r)
	if err != nil {
		return err
	}
	_, banned, err := n.bannedWords(r)
	if err != nil {
		return err
	}
	p := commentDetailPage{frame: n.frame(r, s, "Ý kiến của "+c.Name), Item: n.commentRow(*c, cats, banned),
		Back: safeBack(r.URL.Query().Get("ve")), Error: errMsg, Notice: notice}
	if c.ParentID != 0 {
		if p.Parent, err = n.st.Comment(r.Context(), c.ParentID); err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
	}
	return n.render(w, r, status, "comments-detail.html", &p)
}

// safeBack keeps a return address inside the queue.
func safeBack(v string) string {
	if strings.HasPrefix(v, "/admin/y-kien") && !strings.HasPrefix(v, "//") && !strings.ContainsAny(v, "\\\r\n") {
		return v
	}
	return "/admin/y-kien"
}

// backWith is the return address ve (kept inside the queue) with the
// notice of the action done, replacing the previous action's.
func backWith(ve, done string) string {
	back := safeBack(ve)
	path, query, _ := strings.Cut(back, "?")
	v, err := url.ParseQuery(query)
	if err != nil {
		v = url.Values{}
	}
	v.Set("xong", done)
	return path + "?" + v.Encode()
}

func (n *Newsroom) moderator(r *http.Request, s *staff) comments.Moderator {
	return comments.Moderator{User: s.user, IP: clientIP(r)}
}

// moderate runs a step and answers: back where the moderator came from, or
// the refusal.
func (n *Newsroom) moderate(w http.ResponseWriter, r *http.Request, s *staff, c *content.Comment, step comments.Step, done string) error {
	if n.comments == nil {
		return errors.New("newsroom: no comments service configured")
	}
	err := n.comments.Moderate(r.Context(), n.moderator(r, s), step)
	var ee *comments.EditError
	switch {
	case errors.As(err, &ee):
		if c != nil {
			c.Body = r.PostFormValue("noi_dung")
			return n.renderCommentDetail(w, r, s, http.StatusBadRequest, c, ee.Msg, "")
		}
		return userError{http.StatusBadRequest, ee.Msg}
	case errors.Is(err, comments.ErrForbidden):
		return userError{http.StatusForbidden, msgCommentSection}
	case err != nil:
		return err
	}
	n.log.Info("comments moderated", "request_id", requestID(r), "by", s.user.Username, "ids", step.IDs, "status", step.Status)
	http.Redirect(w, r, backWith(r.PostFormValue("ve"), done), http.StatusSeeOther)
	return nil
}

// approveComment approves one comment; with a noi_dung field, the edited
// text is saved first (the reader's text is kept).
func (n *Newsroom) approveComment(w http.ResponseWriter, r *http.Request, s *staff) error {
	c, err := n.targetComment(r, s)
	if err != nil {
		return err
	}
	return n.moderate(w, r, s, c, comments.Step{IDs: []int64{c.ID}, Status: content.CommentApproved,
		Body: r.PostFormValue("noi_dung"), AllowLinks: linksChoice(r)}, "duyet")
}

func (n *Newsroom) rejectComment(w http.ResponseWriter, r *http.Request, s *staff) error {
	c, err := n.targetComment(r, s)
	if err != nil {
		return err
	}
	return n.moderate(w, r, s, c, comments.Step{IDs: []int64{c.ID}, Status: content.CommentRejected,
		Reason: r.PostFormValue("ly_do")}, "tu-choi")
}

// editComment saves an edit and keeps the comment's state.
func (n *Newsroom) editComment(w http.ResponseWriter, r *http.Request, s *staff) error {
	c, err := n.targetComment(r, s)
	if err != nil {
		return err
	}
	body := r.PostFormValue("noi_dung")
	if strings.TrimSpace(body) == "" {
		return n.renderCommentDetail(w, r, s, http.StatusBadRequest, c, "Nội dung sau khi sửa không được để trống.", "")
	}
	return n.moderate(w, r, s, c, comments.Step{IDs: []int64{c.ID}, Body: body, AllowLinks: linksChoice(r)}, "sua")
}

// linksChoice reads the detail form's "allow links" box; forms without it
// (the queue's buttons) keep the comment's choice.
func linksChoice(r *http.Request) *bool {
	if r.PostFormValue("co_lien_ket") == "" {
		return nil
	}
	allow := r.PostFormValue("lien_ket") == "1"
	return &allow
}

// bulkComments approves or rejects the ticked comments at once.
func (n *Newsroom) bulkComments(w http.ResponseWriter, r *http.Request, s *staff) error {
	var ids []int64
	for _, v := range r.PostForm["chon"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return userError{http.StatusBadRequest, "Danh sách ý kiến được chọn không hợp lệ."}
		}
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		return userError{http.StatusBadRequest, "Bạn chưa chọn ý kiến nào."}
	}
	if len(ids) > commentPageLen*2 {
		return userError{http.StatusBadRequest, "Chọn quá nhiều ý kiến một lần."}
	}
	step := comments.Step{IDs: ids, Reason: r.PostFormValue("ly_do")}
	done := ""
	switch r.PostFormValue("thao_tac") {
	case "duyet":
		step.Status, done = content.CommentApproved, "duyet"
	case "tu-choi":
		step.Status, done = content.CommentRejected, "tu-choi"
	default:
		return userError{http.StatusBadRequest, "Mời bạn chọn thao tác: duyệt hay từ chối."}
	}
	return n.moderate(w, r, s, nil, step, done)
}

// bannedEditable reports whether the user may change the banned-word
// list: it flags comments in every section, so only a moderator of every
// section may.
func bannedEditable(s *staff) bool { return s.user.Can(auth.CommentModerate, 0) }

const msgBannedScope = "Danh sách từ cấm dùng cho mọi chuyên mục; chỉ người duyệt ý kiến của mọi chuyên mục mới sửa được."

// saveBannedWords stores the banned-word list (one per line), recording
// the change in the audit log.
func (n *Newsroom) saveBannedWords(w http.ResponseWriter, r *http.Request, s *staff) error {
	if !bannedEditable(s) {
		return userError{http.StatusForbidden, msgBannedScope}
	}
	raw := strings.TrimSpace(strings.ReplaceAll(r.PostFormValue("tu_cam"), "\r\n", "\n"))
	if utf8.RuneCountInString(raw) > 20000 {
		return userError{http.StatusBadRequest, "Danh sách từ cấm dài quá 20.000 ký tự."}
	}
	ctx := r.Context()
	if err := n.st.SetBannedWords(ctx, raw, store.AuditEntry{At: n.now(), UserID: s.user.ID, IP: clientIP(r), Action: "comment.banned_words",
		Object: "setting:" + content.SettingCommentBannedWords,
		Detail: fmt.Sprintf("Sửa danh sách từ cấm trong ý kiến bạn đọc (%d mục)", len(content.BannedWords(raw)))}); err != nil {
		return err
	}
	http.Redirect(w, r, backWith(r.PostFormValue("ve"), "tu-cam"), http.StatusSeeOther)
	return nil
}

// commentAttachment sends a reader's file to staff only, always as a
// download: never displayed inline, never sniffed into another type,
// sandboxed should a browser open it anyway.
func (n *Newsroom) commentAttachment(w http.ResponseWriter, r *http.Request, s *staff) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return store.ErrNotFound
	}
	ctx := r.Context()
	a, err := n.st.CommentAttachment(ctx, id)
	if err != nil {
		return err
	}
	c, err := n.st.Comment(ctx, a.CommentID)
	if err != nil {
		return err
	}
	if !s.user.Can(auth.CommentModerate, c.SectionID) {
		return userError{http.StatusForbidden, msgCommentSection}
	}
	if n.comments == nil {
		return store.ErrNotFound
	}
	f, err := os.Open(n.comments.AttachmentPath(a.Hash))
	if errors.Is(err, os.ErrNotExist) {
		return userError{http.StatusNotFound, "Tệp đính kèm này không còn trên máy chủ."}
	}
	if err != nil {
		return err
	}
	defer f.Close()
	h := w.Header()
	h.Set("Content-Type", a.MIME)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": a.Name}))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("Content-Length", strconv.FormatInt(a.Size, 10))
	http.ServeContent(w, r, "", time.Time{}, f)
	return nil
}
