package newsroom

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/media"
	"github.com/toasoan/toasoan/store"
)

// mediaTargets are the matrix test's cases for mediaRoutes.
var mediaTargets = map[string]target{
	"GET /admin/thu-vien":      fixed("/admin/thu-vien?q=cau", nil),
	"GET /admin/thu-vien/chon": fixed("/admin/thu-vien/chon?q=cau", nil),
	"POST /admin/thu-vien/tai-len": func(e *env, _ string) (string, url.Values) {
		return "/admin/thu-vien/tai-len", url.Values{"@tep": {"anh.jpg", string(testJPEG(e.t, 640, 400, 1))},
			"chu_thich": {"Cầu Phú Cường lúc bình minh"}, "nguon": {"Thu Thảo"}}
	},
	"GET /admin/thu-vien/{id}": func(e *env, _ string) (string, url.Values) {
		return "/admin/thu-vien/" + itoa(e.addPicture(2).ID), nil
	},
	"POST /admin/thu-vien/{id}": func(e *env, _ string) (string, url.Values) {
		return "/admin/thu-vien/" + itoa(e.addPicture(3).ID), url.Values{"chu_thich": {"Chú thích mới"}, "nguon": {"Châu Tiến"},
			"tieu_diem_x": {"80"}, "tieu_diem_y": {"30"}}
	},
}

// multipartBody encodes a form as multipart when it has files: a key
// "@name" is a file field "name" whose values are the file name and the
// file's bytes.
func multipartBody(form url.Values) (io.Reader, string, bool) {
	hasFile := false
	for k := range form {
		hasFile = hasFile || strings.HasPrefix(k, "@")
	}
	if !hasFile {
		return nil, "", false
	}
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, vs := range form {
		if name, ok := strings.CutPrefix(k, "@"); ok {
			fw, _ := mw.CreateFormFile(name, vs[0])
			fw.Write([]byte(vs[1]))
			continue
		}
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	mw.Close()
	return &b, mw.FormDataContentType(), true
}

// testJPEG is a w × h photo-like picture; seed makes each one different.
func testJPEG(t testing.TB, w, h, seed int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.SetRGBA(x, y, color.RGBA{uint8(x*255/w + seed*40), uint8(y * 255 / h), uint8((x + y + seed*17) % 256), 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// addPicture stores a picture in the library as an upload would.
func (e *env) addPicture(seed int) *content.Media {
	e.t.Helper()
	p, err := media.Process(testJPEG(e.t, 900, 500, seed), media.DefaultLimits)
	must(e.t, err)
	m, err := media.Disk{Dir: e.mediaDir}.Save(p, 0.5, 0.5)
	must(e.t, err)
	m.Caption, m.CreatedAt = "Ảnh thử số "+strconv.Itoa(seed), e.clock.Now()
	_, err = e.st.AddMedia(ctx, m, store.AuditEntry{At: e.clock.Now(), Action: auth.EventMediaUpload})
	must(e.t, err)
	return m
}

// upload sends a file to the upload route as the given user.
func (e *env) upload(user, name string, data []byte, jsonReply bool, fields ...string) *httptestResponse {
	e.t.Helper()
	form := url.Values{"@tep": {name, string(data)}}
	for i := 0; i+1 < len(fields); i += 2 {
		form.Set(fields[i], fields[i+1])
	}
	r := req{method: "POST", path: "/admin/thu-vien/tai-len", form: form, token: e.tokens[user], csrf: "auto"}
	if jsonReply {
		r.header = map[string]string{"Accept": "application/json"}
	}
	return &httptestResponse{e.do(r)}
}

type httptestResponse struct {
	res interface{ Result() *http.Response }
}

func (h *httptestResponse) decode(t *testing.T) (int, map[string]any) {
	t.Helper()
	res := h.res.Result()
	var out map[string]any
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		t.Fatalf("status %d, body is not JSON: %v", res.StatusCode, err)
	}
	return res.StatusCode, out
}

// TestUploadRefusals: every refused upload gets a Vietnamese reason, in
// JSON for the editor and on the library page for the plain form, and
// leaves the database and the media directory as they were.
func TestUploadRefusals(t *testing.T) {
	e := newEnv(t)
	photo := testJPEG(t, 300, 200, 1)
	cases := []struct {
		name   string
		file   string
		data   []byte
		status int
		says   string
	}{
		{"HTML named .jpg", "anh.jpg", []byte("<!doctype html><html><script>alert(1)</script></html>"), 415, "không phải ảnh"},
		{"SVG with a script", "logo.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), 415, "SVG"},
		{"truncated JPEG", "anh.jpg", photo[:len(photo)/2], 422, "bị hỏng"},
		{"pixel bomb", "bom.png", pngHeader(50000, 50000), 422, "vượt giới hạn"},
		{"polyglot", "anh.jpg", append(append([]byte{}, photo...), "<script>fetch('/admin/')</script>"...), 422, "mã trang web"},
		{"empty", "anh.jpg", nil, 422, "trống"},
	}
	files := func() int {
		n := 0
		filepath.WalkDir(e.mediaDir, func(_ string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				n++
			}
			return err
		})
		return n
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := e.snapshot()
			status, out := e.upload("phongvien", c.file, c.data, true).decode(t)
			if status != c.status || !strings.Contains(out["message"].(string), c.says) {
				t.Errorf("JSON: %d %v, want %d saying %q", status, out, c.status, c.says)
			}
			page := e.upload("phongvien", c.file, c.data, false, "chu_thich", "Chú thích giữ lại").res.(interface {
				Result() *http.Response
			})
			res := page.Result()
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != c.status || !strings.Contains(string(body), c.says) || !strings.Contains(string(body), "Chú thích giữ lại") ||
				!strings.Contains(string(body), "Tải ảnh lên") {
				t.Errorf("page: %d, want %d with the reason and the caption kept", res.StatusCode, c.status)
			}
			if e.snapshot() != before || files() != 0 {
				t.Error("a refused upload left something behind")
			}
		})
	}

	// Over the route's own limit: refused from the declared length, before reading.
	big := bytes.Repeat([]byte{0xFF}, 21<<20+10)
	status, out := e.upload("phongvien", "to.jpg", big, true).decode(t)
	if status != http.StatusRequestEntityTooLarge || !strings.Contains(out["message"].(string), "20 MB") {
		t.Errorf("oversize: %d %v", status, out)
	}
	// Just over the file limit but under the body limit: read and refused.
	over := append(append([]byte{}, photo...), make([]byte, 20<<20)...)
	status, out = e.upload("phongvien", "to.jpg", over, true).decode(t)
	if status != http.StatusRequestEntityTooLarge {
		t.Errorf("file over 20 MB: %d %v", status, out)
	}
	// Other routes keep the 1 MiB cap.
	res := e.do(req{method: "POST", path: "/admin/mat-khau", token: e.tokens["phongvien"], csrf: "auto",
		form: url.Values{"mat_khau_cu": {strings.Repeat("x", 2<<20)}}})
	if res.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("a 2 MB password form: %d", res.Code)
	}
}

// pngHeader is a PNG that declares w × h and has almost nothing after.
func pngHeader(w, h uint32) []byte {
	ihdr := []byte{0, 0, 0, 13, 'I', 'H', 'D', 'R', byte(w >> 24), byte(w >> 16), byte(w >> 8), byte(w), byte(h >> 24), byte(h >> 16), byte(h >> 8), byte(h), 8, 6, 0, 0, 0}
	crc := crc32IEEE(ihdr[4:])
	return append(append([]byte("\x89PNG\r\n\x1a\n"), ihdr...), byte(crc>>24), byte(crc>>16), byte(crc>>8), byte(crc))
}

func crc32IEEE(b []byte) uint32 {
	crc := ^uint32(0)
	for _, c := range b {
		crc ^= uint32(c)
		for range 8 {
			if crc&1 == 1 {
				crc = crc>>1 ^ 0xEDB88320
			} else {
				crc >>= 1
			}
		}
	}
	return ^crc
}

// TestUploadFlow: upload, see it in the library and the picker, find it
// without diacritics, send it again (a duplicate), edit it, move its
// focal point; each change is in the audit log.
func TestUploadFlow(t *testing.T) {
	e := newEnv(t)
	photo := testJPEG(t, 1600, 900, 7)
	status, out := e.upload("phongvien", "IMG_0001.JPG", photo, true, "chu_thich", "Cầu Phú Cường lúc bình minh", "nguon", "Thu Thảo").decode(t)
	if status != http.StatusCreated {
		t.Fatalf("upload: %d %v", status, out)
	}
	item := out["item"].(map[string]any)
	id := int64(item["id"].(float64))
	src := item["src"].(string)
	if !strings.HasPrefix(src, "/media/") || item["width"].(float64) != 1600 || item["caption"] != "Cầu Phú Cường lúc bình minh" ||
		!strings.Contains(item["srcset"].(string), " 480w") || !strings.Contains(item["srcset"].(string), " 1200w") {
		t.Errorf("item %v", item)
	}
	// The public files are the re-encoded ones, never the upload.
	m, err := e.st.LibraryItem(ctx, id)
	must(t, err)
	if m.SourceHash != media.Hash(photo) || m.Hash == m.SourceHash || m.UploadedBy != e.users["phongvien"].ID || len(m.Renditions) < 5 {
		t.Errorf("stored %+v", m)
	}
	for _, rel := range append([]string{media.RelPath(m.Hash, m.Ext)}, renditionPaths(m)...) {
		if _, ok := (media.Disk{Dir: e.mediaDir}).Open(rel); !ok {
			t.Errorf("%s not on disk", rel)
		}
	}
	audit, _ := e.st.Audit(ctx, store.AuditQuery{Action: auth.EventMediaUpload})
	if len(audit) != 1 || audit[0].UserID != e.users["phongvien"].ID || !strings.Contains(audit[0].Detail, "1600 × 900, JPEG") {
		t.Errorf("audit %+v", audit)
	}

	// The picker finds it without diacritics; the library page lists it.
	pick := e.do(req{method: "GET", path: "/admin/thu-vien/chon?q=cau+phu+cuong", token: e.tokens["bientap"],
		header: map[string]string{"Accept": "application/json"}})
	var picked struct {
		Items []mediaJSON `json:"items"`
	}
	if err := json.Unmarshal(pick.Body.Bytes(), &picked); err != nil || len(picked.Items) != 1 || picked.Items[0].ID != id ||
		picked.Items[0].Credit != "Thu Thảo" || picked.Items[0].Thumb == "" {
		t.Errorf("picker: %s", pick.Body)
	}
	none := e.do(req{method: "GET", path: "/admin/thu-vien/chon?q=khong+co+dau", token: e.tokens["bientap"]})
	if !strings.Contains(none.Body.String(), `"items":[]`) {
		t.Errorf("empty picker: %s", none.Body)
	}
	page := e.do(req{method: "GET", path: "/admin/thu-vien?q=PHU+CUONG", token: e.tokens["thuky"]})
	if page.Code != 200 || !strings.Contains(text(page), "Cầu Phú Cường lúc bình minh") || !strings.Contains(page.Body.String(), "/admin/thu-vien/"+itoa(id)) {
		t.Errorf("library page: %d %s", page.Code, text(page))
	}

	// The same file again, and the same picture with EXIF added: no new
	// record, the existing one comes back and says so.
	before := e.snapshot()
	status, out = e.upload("bientap", "copy.jpg", photo, true).decode(t)
	if status != http.StatusCreated || out["duplicate"] != true || int64(out["item"].(map[string]any)["id"].(float64)) != id ||
		!strings.Contains(out["message"].(string), "đã có trong thư viện") {
		t.Errorf("duplicate: %d %v", status, out)
	}
	exif := append([]byte{0xFF, 0xD8, 0xFF, 0xE1, 0, 16}, []byte("Exif\x00\x00II*\x00\x08\x00\x00\x00")...)
	withExif := append(exif, photo[2:]...)
	res := e.upload("bientap", "copy2.jpg", withExif, false).res.(interface{ Result() *http.Response }).Result()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/thu-vien/"+itoa(id)+"?trung=1" {
		t.Errorf("duplicate with EXIF: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	if e.snapshot() != before {
		t.Error("a duplicate changed the database")
	}
	dupPage := e.do(req{method: "GET", path: "/admin/thu-vien/" + itoa(id) + "?trung=1", token: e.tokens["bientap"]})
	if !strings.Contains(text(dupPage), "đã có trong thư viện") {
		t.Errorf("duplicate notice missing: %s", text(dupPage))
	}

	// Editing the caption keeps the crops; moving the focal point remakes them.
	save := func(form url.Values) *http.Response {
		return e.do(req{method: "POST", path: "/admin/thu-vien/" + itoa(id), token: e.tokens["bientap"], csrf: "auto", form: form}).Result()
	}
	if r := save(url.Values{"chu_thich": {"Cầu Phú Cường, Thủ Dầu Một"}, "nguon": {"Thu Thảo"}, "tieu_diem_x": {"50"}, "tieu_diem_y": {"50"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("save caption: %d", r.StatusCode)
	}
	after, _ := e.st.LibraryItem(ctx, id)
	if after.Caption != "Cầu Phú Cường, Thủ Dầu Một" || !sameRenditions(after, m) {
		t.Errorf("caption edit: %+v", after)
	}
	if r := save(url.Values{"chu_thich": {after.Caption}, "nguon": {"Thu Thảo"}, "tieu_diem_x": {"95"}, "tieu_diem_y": {"10"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("save focal: %d", r.StatusCode)
	}
	moved, _ := e.st.LibraryItem(ctx, id)
	if moved.FocalX != 0.95 || moved.FocalY != 0.1 || sameRenditions(moved, m) {
		t.Errorf("focal move: %v,%v", moved.FocalX, moved.FocalY)
	}
	if full0, full1 := moved.Kind(content.RenditionFull), m.Kind(content.RenditionFull); len(full0) != len(full1) || full0[0] != full1[0] {
		t.Error("moving the focal point changed the uncropped renditions")
	}
	for _, bad := range []url.Values{
		{"chu_thich": {"x"}, "tieu_diem_x": {"101"}, "tieu_diem_y": {"10"}},
		{"chu_thich": {"x"}, "tieu_diem_x": {"giữa"}, "tieu_diem_y": {"10"}},
		{"chu_thich": {strings.Repeat("dài ", 300)}, "tieu_diem_x": {"1"}, "tieu_diem_y": {"10"}},
	} {
		before := e.snapshot()
		if r := save(bad); r.StatusCode != http.StatusBadRequest {
			t.Errorf("bad form %v: %d", bad, r.StatusCode)
		}
		if e.snapshot() != before {
			t.Error("a refused edit changed the database")
		}
	}
	var actions []string
	all, _ := e.st.Audit(ctx, store.AuditQuery{})
	for _, a := range all {
		if strings.HasPrefix(a.Action, "media.") {
			actions = append(actions, a.Action+" "+a.Detail)
		}
	}
	if len(actions) != 3 || !strings.HasPrefix(actions[0], "media.focal") || !strings.Contains(actions[0], "95% ngang, 10% dọc") ||
		!strings.HasPrefix(actions[1], "media.update") || !strings.Contains(actions[1], "Thủ Dầu Một") {
		t.Errorf("audit: %q", actions)
	}
	log := e.do(req{method: "GET", path: "/admin/nhat-ky?thao_tac=media.focal", token: e.tokens["quantri"]})
	if !strings.Contains(text(log), "Đặt tiêu điểm ảnh") {
		t.Errorf("the audit log does not name the event: %s", text(log))
	}

	detail := e.do(req{method: "GET", path: "/admin/thu-vien/" + itoa(id), token: e.tokens["phongvien"]})
	for _, want := range []string{`name="tieu_diem_x"`, `value="95"`, "data-focal-picker", "media.", `srcset="`, "&lt;figure&gt;&lt;img src=&#34;/media/"} {
		if !strings.Contains(detail.Body.String(), want) {
			t.Errorf("detail page lacks %q", want)
		}
	}
	if e.do(req{method: "GET", path: "/admin/thu-vien/999", token: e.tokens["phongvien"]}).Code != http.StatusNotFound {
		t.Error("missing picture is not 404")
	}
	js := e.do(req{method: "GET", path: "/admin/static/" + mustHashed(t, "media.js")})
	if js.Code != 200 || !strings.HasPrefix(js.Header().Get("Content-Type"), "text/javascript") {
		t.Errorf("media.js: %d %s", js.Code, js.Header().Get("Content-Type"))
	}
}

func renditionPaths(m *content.Media) []string {
	var out []string
	for _, r := range m.Renditions {
		out = append(out, media.RelPath(r.Hash, r.Ext))
	}
	return out
}

func sameRenditions(a, b *content.Media) bool {
	if len(a.Renditions) != len(b.Renditions) {
		return false
	}
	for i := range a.Renditions {
		if a.Renditions[i] != b.Renditions[i] {
			return false
		}
	}
	return true
}

// TestUploadAsTheEditorScriptDoes: the editor's script sends the CSRF
// token as a header and the file with caption and credit, and gets the
// item back; a wrong token is refused and stores nothing.
func TestUploadAsTheEditorScriptDoes(t *testing.T) {
	e := newEnv(t)
	body, ct, _ := multipartBody(url.Values{"@tep": {"blob", string(testJPEG(t, 400, 300, 9))},
		"chu_thich": {"Ảnh chèn từ trình soạn thảo"}, "nguon": {"TTXVN"}})
	send := func(token string) *http.Response {
		r := httptest.NewRequest("POST", "http://toasoan.test/admin/thu-vien/tai-len", body)
		r.Header.Set("Content-Type", ct)
		r.Header.Set("Accept", "application/json")
		r.Header.Set("X-CSRF-Token", token)
		r.AddCookie(&http.Cookie{Name: sessionCookie, Value: e.tokens["phongvien"]})
		w := httptest.NewRecorder()
		e.h.ServeHTTP(w, r)
		return w.Result()
	}
	before := e.snapshot()
	if res := send("sai-ma"); res.StatusCode != http.StatusForbidden {
		t.Errorf("wrong token: %d", res.StatusCode)
	}
	if e.snapshot() != before {
		t.Error("a refused upload changed the database")
	}
	body, ct, _ = multipartBody(url.Values{"@tep": {"blob", string(testJPEG(t, 400, 300, 9))},
		"chu_thich": {"Ảnh chèn từ trình soạn thảo"}, "nguon": {"TTXVN"}})
	res := send(auth.CSRFToken(e.tokens["phongvien"]))
	var out struct {
		Item mediaJSON `json:"item"`
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || res.StatusCode != http.StatusCreated {
		t.Fatalf("upload: %d %v", res.StatusCode, err)
	}
	if out.Item.Caption != "Ảnh chèn từ trình soạn thảo" || out.Item.Credit != "TTXVN" || out.Item.Width != 400 ||
		!strings.HasPrefix(out.Item.Src, "/media/") || out.Item.Srcset == "" {
		t.Errorf("item %+v", out.Item)
	}
}

// TestAnimatedGIFUpload: an animation is stored as its first frame, and
// the person is told.
func TestAnimatedGIFUpload(t *testing.T) {
	e := newEnv(t)
	pal := color.Palette{color.Black, color.White}
	var frames []*image.Paletted
	for i := range 2 {
		m := image.NewPaletted(image.Rect(0, 0, 40, 30), pal)
		for j := range m.Pix {
			m.Pix[j] = uint8(i)
		}
		frames = append(frames, m)
	}
	var b bytes.Buffer
	if err := gif.EncodeAll(&b, &gif.GIF{Image: frames, Delay: []int{20, 20}}); err != nil {
		t.Fatal(err)
	}
	status, out := e.upload("bientap", "dong.gif", b.Bytes(), true).decode(t)
	if status != http.StatusCreated || !strings.Contains(out["message"].(string), "GIF động") {
		t.Errorf("animated GIF: %d %v", status, out)
	}
	res := e.upload("bientap", "dong-2.gif", b.Bytes(), false).res.(interface{ Result() *http.Response }).Result()
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || !strings.Contains(loc, "trung=1") {
		t.Errorf("the same GIF again: %d %s", res.StatusCode, loc)
	}
}

// TestUploadLeavesNoTemporaryFiles: a file over the multipart form's
// memory share is spooled to a temporary file holding the uploaded
// bytes as sent, GPS position and all. net/http removes those only for
// the request it made, and the site's middleware hands the newsroom a
// copy (WithContext), so the newsroom must remove them itself, whether
// the upload is taken or refused.
func TestUploadLeavesNoTemporaryFiles(t *testing.T) {
	e := newEnv(t)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	for _, data := range [][]byte{
		bytes.Repeat([]byte("đây không phải ảnh "), 6<<20/19),    // refused
		append(testJPEG(t, 300, 200, 3), make([]byte, 5<<20)...), // over 4 MB, taken
	} {
		body, ct, _ := multipartBody(url.Values{"@tep": {"anh.jpg", string(data)}})
		r := httptest.NewRequest("POST", "http://toasoan.test/admin/thu-vien/tai-len", body)
		r.Header.Set("Content-Type", ct)
		r.Header.Set("Accept", "application/json")
		r.Header.Set("X-CSRF-Token", auth.CSRFToken(e.tokens["phongvien"]))
		r.AddCookie(&http.Cookie{Name: sessionCookie, Value: e.tokens["phongvien"]})
		w := httptest.NewRecorder()
		e.h.ServeHTTP(w, r)
		if w.Code != http.StatusCreated && w.Code != http.StatusUnsupportedMediaType {
			t.Fatalf("upload: %d %s", w.Code, w.Body)
		}
		left, err := os.ReadDir(tmp)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range left {
			t.Errorf("left behind after a %d: %s", w.Code, f.Name())
		}
	}
}

// TestConcurrentMediaEdits: the picture's form sends back every field.
// Two people who opened it at once, one fixing the caption and the
// other moving the focal point: the second save must not silently put
// the old caption back.
func TestConcurrentMediaEdits(t *testing.T) {
	e := newEnv(t)
	m := e.addPicture(5)
	path := "/admin/thu-vien/" + itoa(m.ID)
	formOf := func(user string) url.Values {
		page := e.do(req{method: "GET", path: path, token: e.tokens[user]})
		v := regexp.MustCompile(`name="phien_ban" value="([0-9a-f]+)"`).FindStringSubmatch(page.Body.String())
		if v == nil {
			t.Fatalf("no version in the form of %s", user)
		}
		return url.Values{"phien_ban": {v[1]}, "chu_thich": {m.Caption}, "nguon": {""}, "tieu_diem_x": {"50"}, "tieu_diem_y": {"50"}}
	}
	editor, desk := formOf("bientap"), formOf("thuky")
	editor.Set("chu_thich", "Cầu Phú Cường lúc bình minh")
	if r := e.do(req{method: "POST", path: path, token: e.tokens["bientap"], csrf: "auto", form: editor}); r.Code != http.StatusSeeOther {
		t.Fatalf("first save: %d", r.Code)
	}
	desk.Set("tieu_diem_x", "80")
	before := e.snapshot()
	r := e.do(req{method: "POST", path: path, token: e.tokens["thuky"], csrf: "auto", form: desk})
	if r.Code != http.StatusConflict || !strings.Contains(text(r), "vừa được người khác sửa") || !strings.Contains(text(r), "Cầu Phú Cường lúc bình minh") {
		t.Errorf("save over a newer version: %d %s", r.Code, text(r))
	}
	if e.snapshot() != before {
		t.Error("the refused save changed the database")
	}
	got, err := e.st.LibraryItem(ctx, m.ID)
	must(t, err)
	if got.Caption != "Cầu Phú Cường lúc bình minh" {
		t.Errorf("caption %q: the first save was undone", got.Caption)
	}
	// Made again from the page now shown, the save goes through.
	desk = formOf("thuky")
	desk.Set("tieu_diem_x", "80")
	desk.Set("chu_thich", got.Caption)
	if r := e.do(req{method: "POST", path: path, token: e.tokens["thuky"], csrf: "auto", form: desk}); r.Code != http.StatusSeeOther {
		t.Errorf("save from the fresh page: %d %s", r.Code, text(r))
	}
}
