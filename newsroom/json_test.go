package newsroom

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/content"
)

// TestScriptsGetJSONRefusals: the editor's autosave and lease requests are
// refused in JSON the script can show (expired session, bad token, wrong
// role), never with an HTML page it cannot read.
func TestScriptsGetJSONRefusals(t *testing.T) {
	e := newEnv(t)
	id := e.article("phongvien", content.StatusDraft)
	path := articlePath(id, "/tu-luu")
	json1 := map[string]string{"Accept": "application/json"}
	for _, c := range []struct {
		name   string
		r      req
		status int
		text   string
	}{
		{"nobody", req{method: "POST", path: path, header: json1}, http.StatusUnauthorized, "Bạn chưa đăng nhập"},
		{"bad token", req{method: "POST", path: path, token: e.tokens[roleUser[auth.Reporter]], csrf: "sai", header: json1},
			http.StatusForbidden, "tải lại trang"},
		{"admin", req{method: "POST", path: path, token: e.tokens[roleUser[auth.Admin]], csrf: "auto", header: json1},
			http.StatusForbidden, "Vai trò của bạn không được làm việc này"},
	} {
		res := e.do(c.r)
		var body struct{ Message string }
		if res.Code != c.status || !strings.HasPrefix(res.Header().Get("Content-Type"), "application/json") {
			t.Errorf("%s: %d %s, want %d in JSON", c.name, res.Code, res.Header().Get("Content-Type"), c.status)
			continue
		}
		if err := json.Unmarshal(res.Body.Bytes(), &body); err != nil || !strings.Contains(body.Message, c.text) ||
			!strings.Contains(body.Message, "Mã yêu cầu") {
			t.Errorf("%s: message %q (%v), want one with %q and the request id", c.name, body.Message, err, c.text)
		}
	}
}

// TestErrorPagesNameTheirStatus: each refusal a handler can give has its
// own Vietnamese heading, not the generic "invalid request".
func TestErrorPagesNameTheirStatus(t *testing.T) {
	e := newEnv(t)
	for status, title := range map[int]string{
		http.StatusConflict:              "Đã có thay đổi khác",
		http.StatusRequestEntityTooLarge: "Tệp hoặc nội dung quá lớn",
		http.StatusUnsupportedMediaType:  "Loại tệp không được nhận",
		http.StatusUnprocessableEntity:   "Chưa lưu được",
		http.StatusTooManyRequests:       "Thao tác quá nhanh",
	} {
		rec := httptest.NewRecorder()
		e.n.renderError(rec, httptest.NewRequest("GET", "/admin/", nil), nil, status, "Lý do cụ thể.")
		if rec.Code != status || !strings.Contains(rec.Body.String(), title) || !strings.Contains(rec.Body.String(), "Lý do cụ thể.") {
			t.Errorf("%d: %d, page lacks %q or the reason", status, rec.Code, title)
		}
	}
}

// mustHashed is an asset's checksummed name.
func mustHashed(t *testing.T, name string) string {
	t.Helper()
	h, ok := staticAssets.Hashed(name)
	if !ok {
		t.Fatalf("no asset %s", name)
	}
	return h
}
