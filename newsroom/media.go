package newsroom

// The media library: upload, renditions, focal points, captions.

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/media"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/viet"
)

// mediaMenu are this area's entries in the newsroom's navigation.
var mediaMenu = []menuEntry{{"Thư viện ảnh", "/admin/thu-vien", auth.MediaUpload}}

// The upload route takes a file: its body may be as large as the upload
// limit plus room for the form's other fields.
const (
	mediaUploadPattern = "POST /admin/thu-vien/tai-len"
	mediaUploadBody    = 20<<20 + 1<<20
)

// mediaRoutes are this area's routes. The picker and the upload answer
// the article editor's script in JSON (brief: contract-editor.md); the
// upload also serves the library page's plain form.
func (n *Newsroom) mediaRoutes() []route {
	return []route{
		{"GET /admin/thu-vien", auth.MediaUpload, n.library},
		{"GET /admin/thu-vien/chon", auth.MediaUpload, n.pickMedia},
		{mediaUploadPattern, auth.MediaUpload, n.uploadMedia},
		{"GET /admin/thu-vien/{id}", auth.MediaUpload, n.mediaItem},
		{"POST /admin/thu-vien/{id}", auth.MediaUpload, n.saveMedia},
	}
}

// Lengths of what people type about a picture.
const (
	maxMediaCaption = 1000
	maxCredit       = 200
	libraryLen      = 40 // pictures per page, and in the picker
)

// mediaJSON is a picture as the editor's script sees it.
type mediaJSON struct {
	ID      int64  `json:"id"`
	Src     string `json:"src"`
	Srcset  string `json:"srcset"`
	Width   int    `json:"width"`
	Height  int    `json:"height"`
	Caption string `json:"caption"`
	Credit  string `json:"credit"`
	Thumb   string `json:"thumb"`
}

func toJSON(m *content.Media) mediaJSON {
	return mediaJSON{ID: m.ID, Src: m.Path(), Srcset: content.Srcset(m.Kind(content.RenditionFull)),
		Width: m.Width, Height: m.Height, Caption: m.Caption, Credit: m.Credit, Thumb: thumbPath(m)}
}

// thumbPath is the small square of a picture, or the picture itself if it
// has no renditions (imported before they existed).
func thumbPath(m *content.Media) string {
	if t := m.Kind(content.RenditionThumb); len(t) > 0 {
		return t[0].Path()
	}
	if r, ok := content.Fallback(m.Kind(content.RenditionFull), 320); ok {
		return r.Path()
	}
	return m.Path()
}

// refuseTooLarge answers a request whose declared body is over its
// route's limit, before any of it is read.
func (n *Newsroom) refuseTooLarge(w http.ResponseWriter, r *http.Request, limit int64) {
	msg := fmt.Sprintf("Dữ liệu gửi lên lớn quá %d MB nên không được nhận.", max(limit>>20, 1))
	if r.Method == http.MethodPost && r.URL.Path == "/admin/thu-vien/tai-len" {
		msg = fmt.Sprintf("Tệp lớn quá %d MB nên không được nhận. Mời bạn thu nhỏ ảnh rồi gửi lại.", n.limits.MaxBytes>>20)
	}
	if wantsJSON(r) {
		writeJSON(w, http.StatusRequestEntityTooLarge, map[string]string{"message": msg})
		return
	}
	n.renderError(w, r, nil, http.StatusRequestEntityTooLarge, msg)
}

// --- the library page ---

type libraryPage struct {
	frame
	Items   []libraryCard
	Query   string
	Total   int
	Page    int
	Prev    string
	Next    string
	MaxMB   int64
	Caption string // the upload form's fields, kept after a refusal
	Credit  string
	Notice  string
	Error   string
}

type libraryCard struct {
	content.Media
	Thumb string
}

// library shows the pictures newest first, searchable by caption, with the
// upload form.
func (n *Newsroom) library(w http.ResponseWriter, r *http.Request, s *staff) error {
	return n.renderLibrary(w, r, s, http.StatusOK, "", "", "")
}

func (n *Newsroom) renderLibrary(w http.ResponseWriter, r *http.Request, s *staff, status int, errMsg, caption, credit string) error {
	ctx := r.Context()
	v := r.URL.Query()
	p := libraryPage{frame: n.frame(r, s, "Thư viện ảnh"), Query: strings.TrimSpace(v.Get("q")), Page: 1,
		MaxMB: n.limits.MaxBytes >> 20, Error: errMsg, Caption: caption, Credit: credit}
	if len(p.Query) > 200 {
		p.Query = p.Query[:200]
	}
	if pg, err := strconv.Atoi(v.Get("trang")); err == nil && pg > 1 && pg < 10000 {
		p.Page = pg
	}
	q := store.MediaQuery{Text: p.Query, Limit: libraryLen, Offset: (p.Page - 1) * libraryLen}
	total, err := n.st.CountLibraryMedia(ctx, q)
	if err != nil {
		return err
	}
	items, err := n.st.LibraryMedia(ctx, q)
	if err != nil {
		return err
	}
	p.Total = total
	for i := range items {
		p.Items = append(p.Items, libraryCard{Media: items[i], Thumb: thumbPath(&items[i])})
	}
	page := func(k int) string {
		u := url.Values{}
		if p.Query != "" {
			u.Set("q", p.Query)
		}
		if k > 1 {
			u.Set("trang", strconv.Itoa(k))
		}
		if len(u) == 0 {
			return "/admin/thu-vien"
		}
		return "/admin/thu-vien?" + u.Encode()
	}
	if p.Page > 1 {
		p.Prev = page(p.Page - 1)
	}
	if p.Page*libraryLen < total {
		p.Next = page(p.Page + 1)
	}
	return n.render(w, r, status, "media.html", &p)
}

// pickMedia is the editor's picker: the newest pictures matching the
// caption search, in JSON.
func (n *Newsroom) pickMedia(w http.ResponseWriter, r *http.Request, _ *staff) error {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if len(q) > 200 {
		q = q[:200]
	}
	items, err := n.st.LibraryMedia(r.Context(), store.MediaQuery{Text: q, Limit: libraryLen})
	if err != nil {
		return err
	}
	out := struct {
		Items []mediaJSON `json:"items"`
	}{Items: []mediaJSON{}}
	for i := range items {
		out.Items = append(out.Items, toJSON(&items[i]))
	}
	return writeJSON(w, http.StatusOK, out)
}

// --- uploading ---

// uploadMedia takes one picture (field "tep") with its caption and credit,
// from the library's form (answered with a page) or from the editor's
// script (answered in JSON). The same picture sent again is not stored
// twice: the person is shown the copy already in the library.
func (n *Newsroom) uploadMedia(w http.ResponseWriter, r *http.Request, s *staff) error {
	res, err := n.receiveUpload(r, s)
	m, dup, animated := res.item, res.duplicate, res.animated
	if err != nil {
		var ue userError
		if !errors.As(err, &ue) {
			return err
		}
		if wantsJSON(r) {
			return writeJSON(w, ue.status, map[string]string{"message": ue.msg})
		}
		return n.renderLibrary(w, r, s, ue.status, ue.msg, res.caption, res.credit)
	}
	if wantsJSON(r) {
		// 201 for both, as the editor's contract has it; a duplicate says so.
		out := map[string]any{"item": toJSON(m)}
		if dup {
			out["duplicate"] = true
			out["message"] = duplicateNotice(m)
		} else if animated {
			out["message"] = msgAnimated
		}
		return writeJSON(w, http.StatusCreated, out)
	}
	to := "/admin/thu-vien/" + itoa64(m.ID) + "?moi=1"
	if animated {
		to += "&dong=1"
	}
	if dup {
		to = "/admin/thu-vien/" + itoa64(m.ID) + "?trung=1"
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// msgAnimated tells that an animated GIF was kept as a still picture.
const msgAnimated = "Ảnh GIF động được lưu thành ảnh tĩnh: chỉ giữ khung hình đầu tiên."

func duplicateNotice(m *content.Media) string {
	return "Ảnh này đã có trong thư viện (tải lên lúc " + content.Stamp(m.CreatedAt) + "), nên không lưu thêm bản thứ hai. Đây là ảnh đã có."
}

func itoa64(v int64) string { return strconv.FormatInt(v, 10) }

// uploadResult is what became of an upload.
type uploadResult struct {
	caption, credit string         // as sent, for the form after a refusal
	item            *content.Media // the stored picture, or the copy already there
	duplicate       bool
	animated        bool // an animated GIF, kept as its first frame
}

// receiveUpload reads, checks and stores an upload. A refusal the person
// can act on is a userError.
func (n *Newsroom) receiveUpload(r *http.Request, s *staff) (res uploadResult, err error) {
	if n.media.Dir == "" {
		return res, errors.New("newsroom: no media directory configured")
	}
	if err := r.ParseMultipartForm(4 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return res, userError{http.StatusRequestEntityTooLarge,
				fmt.Sprintf("Tệp lớn quá %d MB nên không được nhận. Mời bạn thu nhỏ ảnh rồi gửi lại.", n.limits.MaxBytes>>20)}
		}
		return res, userError{http.StatusBadRequest, "Mời bạn chọn một tệp ảnh để tải lên."}
	}
	res.caption = viet.NormalizeLine(r.FormValue("chu_thich"))
	res.credit = viet.NormalizeLine(r.FormValue("nguon"))
	if msg := checkCaption(res.caption, res.credit); msg != "" {
		return res, userError{http.StatusBadRequest, msg}
	}
	f, _, err := r.FormFile("tep")
	if err != nil {
		return res, userError{http.StatusBadRequest, "Mời bạn chọn một tệp ảnh để tải lên."}
	}
	defer f.Close()
	data, err := media.ReadLimited(f, n.limits.MaxBytes)
	if err != nil {
		return res, mediaRefusal(err)
	}
	ctx := r.Context()
	if old, err := n.st.MediaBySource(ctx, media.Hash(data)); err == nil {
		res.item, res.duplicate = old, true
		return res, nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return res, err
	}
	p, err := media.Process(data, n.limits)
	if err != nil {
		n.log.Info("upload refused", "request_id", requestID(r), "user", s.user.Username, "bytes", len(data), "reason", err)
		return res, mediaRefusal(err)
	}
	// The same picture with other metadata makes the same master.
	if old, err := n.st.MediaByHash(ctx, media.Hash(p.Data)); err == nil {
		res.item, err = n.st.LibraryItem(ctx, old.ID)
		res.duplicate = err == nil
		return res, err
	} else if !errors.Is(err, store.ErrNotFound) {
		return res, err
	}
	m, err := n.media.Save(p, 0.5, 0.5)
	if err != nil {
		return res, err
	}
	m.Caption, m.Credit, m.CreatedAt, m.UploadedBy = res.caption, res.credit, n.now(), s.user.ID
	detail := fmt.Sprintf("Tải ảnh lên (%d × %d, %s, %s)", m.Width, m.Height, formatName(p.Format), sizeLabel(int64(len(data))))
	if res.caption != "" {
		detail += ": " + res.caption
	}
	created, err := n.st.AddMedia(ctx, m, store.AuditEntry{At: n.now(), UserID: s.user.ID, Action: auth.EventMediaUpload,
		Detail: detail, IP: clientIP(r)})
	if err != nil {
		return res, err
	}
	res.item, res.duplicate, res.animated = m, !created, p.Animated && created
	return res, nil
}

// mediaRefusal turns the media package's refusal into what the person reads.
func mediaRefusal(err error) error {
	var rf *media.Refusal
	if !errors.As(err, &rf) {
		return err
	}
	status := http.StatusUnprocessableEntity
	switch {
	case errors.Is(err, media.ErrTooLarge):
		status = http.StatusRequestEntityTooLarge
	case errors.Is(err, media.ErrNotImage), errors.Is(err, media.ErrSVG), errors.Is(err, media.ErrHEIC):
		status = http.StatusUnsupportedMediaType
	}
	return userError{status, rf.Msg}
}

func checkCaption(caption, credit string) string {
	if utf8.RuneCountInString(caption) > maxMediaCaption {
		return fmt.Sprintf("Chú thích dài quá %d ký tự.", maxMediaCaption)
	}
	if utf8.RuneCountInString(credit) > maxCredit {
		return fmt.Sprintf("Nguồn ảnh dài quá %d ký tự.", maxCredit)
	}
	return ""
}

func formatName(f media.Format) string {
	switch f {
	case media.JPEG:
		return "JPEG"
	case media.PNG:
		return "PNG"
	case media.GIF:
		return "GIF"
	case media.WebP:
		return "WebP"
	}
	return string(f)
}

// sizeLabel writes a file size the Vietnamese way: "1,5 MB", "320 KB".
func sizeLabel(b int64) string {
	switch {
	case b >= 1<<20:
		return strings.Replace(strconv.FormatFloat(float64(b)/(1<<20), 'f', 1, 64), ".", ",", 1) + " MB"
	case b >= 1<<10:
		return strconv.FormatInt(b>>10, 10) + " KB"
	}
	return strconv.FormatInt(b, 10) + " byte"
}

// --- one picture ---

type mediaItemPage struct {
	frame
	Item       *content.Media
	Preview    content.Rendition // the picture to click on
	Srcset     string
	Wide       string // the 3:2 crop, as teasers show it
	Thumb      string
	FocalX     int // percent
	FocalY     int
	Caption    string
	Credit     string
	Uploader   string
	SizeLabel  string
	Renditions []content.Rendition
	Snippet    string // the figure to paste into an article
	Version    string // what the form was made from (mediaVersion)
	Notice     string
	Error      string
}

func (n *Newsroom) mediaItem(w http.ResponseWriter, r *http.Request, s *staff) error {
	m, err := n.itemFromPath(r)
	if err != nil {
		return err
	}
	notice := ""
	switch q := r.URL.Query(); {
	case q.Has("moi"):
		notice = "Đã tải ảnh lên thư viện. Mời bạn kiểm tra chú thích, nguồn ảnh và tiêu điểm."
		if q.Has("dong") {
			notice += " " + msgAnimated
		}
	case q.Has("trung"):
		notice = duplicateNotice(m)
	case q.Has("da-luu"):
		notice = "Đã lưu."
	case q.Has("khong-doi"):
		notice = "Không có gì thay đổi."
	}
	return n.renderItem(w, r, s, http.StatusOK, m, notice, "", nil)
}

func (n *Newsroom) itemFromPath(r *http.Request) (*content.Media, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return nil, store.ErrNotFound
	}
	return n.st.LibraryItem(r.Context(), id)
}

// itemForm is what the edit form sent, shown again when it is refused.
type itemForm struct {
	caption, credit string
	fx, fy          int
}

func (n *Newsroom) renderItem(w http.ResponseWriter, r *http.Request, s *staff, status int, m *content.Media, notice, errMsg string, f *itemForm) error {
	p := mediaItemPage{frame: n.frame(r, s, "Ảnh #"+itoa64(m.ID)), Item: m, Notice: notice, Error: errMsg,
		FocalX: int(math.Round(m.FocalX * 100)), FocalY: int(math.Round(m.FocalY * 100)), Caption: m.Caption, Credit: m.Credit,
		SizeLabel: sizeLabel(m.Size), Renditions: m.Renditions, Version: mediaVersion(m)}
	if f != nil {
		p.Caption, p.Credit, p.FocalX, p.FocalY = f.caption, f.credit, f.fx, f.fy
	}
	full := m.Kind(content.RenditionFull)
	p.Preview = content.Rendition{Width: m.Width, Height: m.Height, Hash: m.Hash, Ext: m.Ext}
	if r, ok := content.Fallback(full, 800); ok {
		p.Preview = r
		p.Srcset = content.Srcset(full)
	}
	if wide, ok := content.Fallback(m.Kind(content.RenditionWide), 480); ok {
		p.Wide = wide.Path()
	}
	p.Thumb = thumbPath(m)
	if m.UploadedBy != 0 {
		if u, err := n.st.User(r.Context(), m.UploadedBy); err == nil {
			p.Uploader = u.DisplayName
		}
	}
	p.Snippet = `<figure><img src="` + m.Path() + `" alt="` + html.EscapeString(m.Caption) + `" width="` + strconv.Itoa(m.Width) +
		`" height="` + strconv.Itoa(m.Height) + `"><figcaption>` + html.EscapeString(m.Caption) + `<cite>` +
		html.EscapeString(m.Credit) + `</cite></figcaption></figure>`
	return n.render(w, r, status, "media_item.html", &p)
}

// saveMedia saves caption and credit, and when the focal point moved makes
// the crops again around it.
func (n *Newsroom) saveMedia(w http.ResponseWriter, r *http.Request, s *staff) error {
	ctx := r.Context()
	m, err := n.itemFromPath(r)
	if err != nil {
		return err
	}
	f := itemForm{caption: viet.NormalizeLine(r.PostFormValue("chu_thich")), credit: viet.NormalizeLine(r.PostFormValue("nguon"))}
	fx, errX := percent(r.PostFormValue("tieu_diem_x"))
	fy, errY := percent(r.PostFormValue("tieu_diem_y"))
	f.fx, f.fy = fx, fy
	// The form sends back every field, changed or not: saved over a
	// change someone made since the page was opened, it would undo it.
	if v, sent := r.PostForm["phien_ban"]; sent && v[0] != mediaVersion(m) {
		return n.renderItem(w, r, s, http.StatusConflict, m, "", fmt.Sprintf("Ảnh này vừa được người khác sửa nên thay đổi của bạn chưa được lưu. "+
			"Hiện giờ chú thích là %s, nguồn ảnh là %s, tiêu điểm %d%% ngang, %d%% dọc. Ô bên dưới vẫn giữ những gì bạn đã nhập; mời bạn xem lại rồi bấm Lưu.",
			quoteOrNone(m.Caption), quoteOrNone(m.Credit), int(math.Round(m.FocalX*100)), int(math.Round(m.FocalY*100))), &f)
	}
	if msg := checkCaption(f.caption, f.credit); msg != "" {
		return n.renderItem(w, r, s, http.StatusBadRequest, m, "", msg, &f)
	}
	if errX != nil || errY != nil {
		return n.renderItem(w, r, s, http.StatusBadRequest, m, "", "Tiêu điểm phải là hai số từ 0 đến 100 (phần trăm chiều ngang và chiều dọc).", &f)
	}
	moved := fx != int(math.Round(m.FocalX*100)) || fy != int(math.Round(m.FocalY*100))
	texts := f.caption != m.Caption || f.credit != m.Credit
	if !moved && !texts {
		http.Redirect(w, r, "/admin/thu-vien/"+itoa64(m.ID)+"?khong-doi=1", http.StatusSeeOther)
		return nil
	}
	a := store.AuditEntry{At: n.now(), UserID: s.user.ID, Action: auth.EventMediaUpdate, IP: clientIP(r)}
	var notes []string
	if f.caption != m.Caption {
		notes = append(notes, "chú thích: "+quoteOrNone(f.caption))
	}
	if f.credit != m.Credit {
		notes = append(notes, "nguồn: "+quoteOrNone(f.credit))
	}
	next := *m
	next.Caption, next.Credit, next.Renditions = f.caption, f.credit, nil
	if moved {
		next.FocalX, next.FocalY = float64(fx)/100, float64(fy)/100
		rs, err := n.media.Refocus(m, next.FocalX, next.FocalY)
		if err != nil {
			return err
		}
		next.Renditions = rs
		a.Action = auth.EventMediaFocal
		notes = append(notes, fmt.Sprintf("tiêu điểm %d%% ngang, %d%% dọc", fx, fy))
	}
	a.Detail = "Ảnh #" + itoa64(m.ID) + ": " + strings.Join(notes, "; ")
	if err := n.st.UpdateMedia(ctx, &next, a); err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/thu-vien/"+itoa64(m.ID)+"?da-luu=1", http.StatusSeeOther)
	return nil
}

// mediaVersion names what a picture's edit form shows: caption, credit and
// focal point.
func mediaVersion(m *content.Media) string {
	sum := sha256.Sum256([]byte(m.Caption + "\x00" + m.Credit + "\x00" +
		strconv.Itoa(int(math.Round(m.FocalX*100))) + "\x00" + strconv.Itoa(int(math.Round(m.FocalY*100)))))
	return hex.EncodeToString(sum[:8])
}

func quoteOrNone(s string) string {
	if s == "" {
		return "(để trống)"
	}
	return "“" + s + "”"
}

// percent reads a whole or decimal percentage from 0 to 100, rounded.
func percent(v string) (int, error) {
	f, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(v), ",", ".", 1), 64)
	if err != nil || f != f || f < 0 || f > 100 {
		return 0, errors.New("not a percentage")
	}
	return int(math.Round(f)), nil
}
