package newsroom

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/toasoan/toasoan/assets"
	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/workflow"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// staticAssets are the newsroom's stylesheets and scripts, linked by
// checksummed names.
var staticAssets = assets.Must(assets.New(staticFiles, "static", "/admin/static/"))

var templates = template.Must(template.New("").Funcs(template.FuncMap{
	"stamp":       content.Stamp,
	"iso":         func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	"asset":       staticAssets.URL,
	"roleLabel":   func(r auth.Role) string { return r.Label() },
	"eventLabel":  auth.EventLabel,
	"statusLabel": workflow.StatusLabel,
	"agent":       describeAgent,
}).ParseFS(templateFiles, "templates/*.html"))

// static serves the embedded stylesheets and scripts: not personal, so a
// checksummed name is cached for a year (others keep the no-store of every
// staff response).
func (n *Newsroom) static(w http.ResponseWriter, r *http.Request, _ *staff) error {
	if !staticAssets.Serve(w, r.PathValue("file")) {
		return store.ErrNotFound
	}
	return nil
}

// frame is what every page's layout needs.
type frame struct {
	SiteName string
	Title    string
	User     *store.User // nil when nobody is logged in
	CSRF     string
	Nav      []navItem
}

type navItem struct {
	Label, URL string
	Current    bool
}

// menuEntry is one link of the newsroom's navigation.
type menuEntry struct {
	label, url string
	action     auth.Action
}

// menu is the newsroom's navigation; each entry shows only to those who may
// open it. Each area of the newsroom lists its own entries in its own file.
var menu = slices.Concat(
	[]menuEntry{{"Bàn làm việc", "/admin/", auth.DeskView}},
	articleMenu, mediaMenu, commentMenu, adminMenu,
	[]menuEntry{
		{"Tài khoản", "/admin/tai-khoan", auth.UserManage},
		{"Nhật ký", "/admin/nhat-ky", auth.AuditView},
		{"Phiên và mật khẩu", "/admin/phien", auth.SessionsOwn},
	},
)

func (n *Newsroom) frame(r *http.Request, s *staff, title string) frame {
	f := frame{Title: title, SiteName: content.DefaultSettings[content.SettingSiteName]}
	if settings, err := n.st.Settings(r.Context()); err == nil {
		f.SiteName = content.SiteInfoFrom(settings).Name
	}
	if s == nil {
		return f
	}
	f.User, f.CSRF = s.user, s.CSRF()
	for _, m := range menu {
		if s.user.Allowed(m.action) {
			f.Nav = append(f.Nav, navItem{Label: m.label, URL: m.url, Current: r.URL.Path == m.url})
		}
	}
	return f
}

// render executes a template into a buffer first, so that a failing
// template gives the error page and never half a page.
func (n *Newsroom) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) error {
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, name, data); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(buf.Bytes())
	}
	return nil
}

// What refusals say. Never the technical reason: that goes to the log.
const (
	msgBadLogin         = "Tên đăng nhập hoặc mật khẩu không đúng."
	msgLoginFormExpired = "Trang đăng nhập đã quá hạn hoặc không hợp lệ. Mời bạn nhập lại."
	msgLoginNeeded      = "Bạn chưa đăng nhập, hoặc phiên làm việc đã hết hạn. Mời bạn đăng nhập lại; thao tác vừa rồi chưa được thực hiện."
	msgForbidden        = "Vai trò của bạn không được làm việc này. Nếu cần, mời bạn liên hệ quản trị tòa soạn."
	msgBadCSRF          = "Biểu mẫu đã quá hạn hoặc không hợp lệ nên thao tác chưa được thực hiện. Mời bạn tải lại trang rồi thử lại."
	msgCrossOrigin      = "Yêu cầu đến từ một trang web khác nên đã bị từ chối, để bảo vệ tài khoản của bạn."
)

var errorTitles = map[int]struct{ title, text string }{
	http.StatusBadRequest:            {"Yêu cầu không hợp lệ", "Dữ liệu gửi lên không đúng."},
	http.StatusUnauthorized:          {"Cần đăng nhập", msgLoginNeeded},
	http.StatusForbidden:             {"Không được phép", msgForbidden},
	http.StatusNotFound:              {"Không tìm thấy", "Trang hoặc mục bạn tìm không có trong tòa soạn."},
	http.StatusMethodNotAllowed:      {"Thao tác không được hỗ trợ", "Trang này không nhận kiểu yêu cầu vừa gửi."},
	http.StatusConflict:              {"Đã có thay đổi khác", "Nội dung vừa được người khác thay đổi. Mời bạn tải lại trang rồi thử lại."},
	http.StatusRequestEntityTooLarge: {"Tệp hoặc nội dung quá lớn", "Dữ liệu gửi lên vượt giới hạn cho phép."},
	http.StatusUnsupportedMediaType:  {"Loại tệp không được nhận", "Tệp gửi lên không thuộc loại được phép."},
	http.StatusUnprocessableEntity:   {"Chưa lưu được", "Dữ liệu gửi lên chưa hợp lệ."},
	http.StatusTooManyRequests:       {"Thao tác quá nhanh", "Bạn đã thử quá nhiều lần. Mời bạn chờ một lát rồi thử lại."},
	http.StatusInternalServerError:   {"Hệ thống đang gặp sự cố", "Thao tác chưa hoàn tất. Lỗi đã được ghi lại; mời bạn thử lại sau ít phút."},
}

type errorPage struct {
	frame
	Status    int
	Message   string
	RequestID string
}

// renderError writes the newsroom's error page: a Vietnamese sentence and
// the request id, nothing technical.
func (n *Newsroom) renderError(w http.ResponseWriter, r *http.Request, s *staff, status int, msg string) {
	t, ok := errorTitles[status]
	if !ok {
		t = errorTitles[http.StatusInternalServerError]
		if status < 500 {
			t = errorTitles[http.StatusBadRequest]
		}
	}
	if msg == "" {
		msg = t.text
	}
	w.Header().Del("Content-Length")
	w.Header().Set("Cache-Control", "no-store")
	if wantsJSON(r) {
		// The editor's scripts show the message where they show their own.
		writeJSON(w, status, map[string]string{"message": msg + " (Mã yêu cầu: " + requestID(r) + ")"})
		return
	}
	p := errorPage{frame: n.frame(r, s, t.title), Status: status, Message: msg, RequestID: requestID(r)}
	if err := n.render(w, r, status, "error.html", &p); err != nil {
		n.log.Error("render error page", "request_id", p.RequestID, "err", err)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(status)
		fmt.Fprintf(w, "<!doctype html><meta charset=utf-8><title>Lỗi</title><p>%s. Mã yêu cầu: %s", t.title, p.RequestID)
	}
}

// captureWriter records what the mux's own 404 and 405 handlers write, so
// that the designed page can replace their plain text.
type captureWriter struct {
	header http.Header
	status int
}

func (c *captureWriter) Header() http.Header         { return c.header }
func (c *captureWriter) WriteHeader(code int)        { c.status = code }
func (c *captureWriter) Write(b []byte) (int, error) { return len(b), nil }

// withDesignedMuxErrors serves the mux, but when no route matches it renders
// the designed page with the mux's status (keeping a 405's Allow header, and
// a redirect the mux chose).
func (n *Newsroom) withDesignedMuxErrors(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, pattern := mux.Handler(r)
		if pattern != "" {
			mux.ServeHTTP(w, r)
			return
		}
		c := &captureWriter{header: http.Header{}, status: http.StatusOK}
		h.ServeHTTP(c, r)
		if c.status < 400 {
			mux.ServeHTTP(w, r)
			return
		}
		if allow := c.header.Get("Allow"); allow != "" {
			w.Header().Set("Allow", allow)
		}
		n.renderError(w, r, nil, c.status, "")
	})
}

// statusOrder is the workflow's order, for the desk.
var statusOrder = []content.Status{
	content.StatusDraft, content.StatusSubmitted, content.StatusEditing, content.StatusReturned,
	content.StatusApproved, content.StatusScheduled, content.StatusPublished, content.StatusUnpublished,
}

// describeAgent names a browser and system in a few words, for the sessions
// list: "Chrome trên Windows", "Safari trên iPad".
func describeAgent(ua string) string {
	if ua == "" {
		return "trình duyệt không rõ"
	}
	has := func(s string) bool { return strings.Contains(ua, s) }
	browser := "trình duyệt khác"
	switch {
	case has("Edg/"):
		browser = "Edge"
	case has("OPR/"), has("Opera"):
		browser = "Opera"
	case has("coc_coc_browser"):
		browser = "Cốc Cốc"
	case has("Firefox/"):
		browser = "Firefox"
	case has("Chromium/"):
		browser = "Chromium"
	case has("Chrome/"), has("CriOS/"):
		browser = "Chrome"
	case has("Safari/"):
		browser = "Safari"
	case has("curl/"), has("Go-http-client"):
		browser = "chương trình"
	}
	system := ""
	switch {
	case has("iPad"):
		system = "iPad"
	case has("iPhone"):
		system = "iPhone"
	case has("Android"):
		system = "Android"
	case has("Windows"):
		system = "Windows"
	case has("Mac OS X"), has("Macintosh"):
		system = "macOS"
	case has("CrOS"):
		system = "ChromeOS"
	case has("Linux"):
		system = "Linux"
	}
	if system == "" {
		return browser
	}
	return browser + " trên " + system
}

// writeJSON answers a script of the newsroom (the editor, the media picker).
func writeJSON(w http.ResponseWriter, status int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b)
	return nil
}

// wantsJSON reports whether a script, not a person, asked: its answers,
// refusals included, are JSON.
func wantsJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/json")
}
