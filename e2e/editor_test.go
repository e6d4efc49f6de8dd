package e2e

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"image"
	"image/color"
	_ "image/gif"
	_ "image/jpeg"
	"image/png"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/toasoan/toasoan/richtext"
)

// The editor script (newsroom/static/editor.js) is tested against a fixture:
// the editor page's form as the editor contract describes it
// (testdata/editor.html), served with the newsroom's CSP, and stand-in
// routes for autosave, the lease, the media picker and upload. The real
// routes (newsroom/articles.go, newsroom/media.go) are written at the same
// time on other branches; these stand-ins implement the contract with real
// behaviour (versions counted, stale saves refused with 409, uploads kept in
// memory and served) so that the script's side of the contract is checked
// here and the pages' side in their own tests. The fixture asks for
// autosave and lease renewal every second (data-autosave-every,
// data-lease-every) instead of the contract's 10 s and 30 s, so the tests
// wait seconds, not minutes. Once the real editor page exists, an e2e test
// of it should replace the fixture.

// editorCSP is the newsroom's Content-Security-Policy (newsroom/newsroom.go).
const editorCSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

const editorCSRF = "csrf-e2e-7f3a9c"

type fixArticle struct {
	title                       string
	version                     int
	body                        string
	autosaves, leases, releases int
	refused                     int // autosaves answered 409
	normalSaves                 int
	failNext                    int // autosaves to answer 503 before working again
	pageNext                    int // autosaves to answer 200 with an HTML page (a login page) instead
	lastAutosave                map[string]string
}

type fixPicture struct {
	name            string
	data            []byte
	w, h            int
	caption, credit string
}

type editorFixture struct {
	t        *testing.T
	mu       sync.Mutex
	articles map[string]*fixArticle
	pictures []*fixPicture
	page     *template.Template
	srv      *httptest.Server
}

func newEditorFixture(t *testing.T) *editorFixture {
	t.Helper()
	page, err := template.ParseFiles(filepath.Join("testdata", "editor.html"))
	if err != nil {
		t.Fatal(err)
	}
	fx := &editorFixture{t: t, page: page, articles: map[string]*fixArticle{
		// 7 holds a body as the server stores it: sanitized legacy markup.
		"7": {title: "Bình Dương đón Tết", version: 3, body: richtext.Sanitize(sampleBody)},
		// 8 and 9 start empty.
		"8": {title: "Bài mới", version: 1},
		"9": {title: "Bài mới", version: 1},
	}}
	fx.addPicture(pngOf(t, 64, 48, color.RGBA{0x9b, 0x1c, 0x1c, 0xff}), "Lễ khánh thành cầu Phú Cường", "Ảnh: Thu Thảo")
	fx.addPicture(pngOf(t, 40, 30, color.RGBA{0x0b, 0x3d, 0x91, 0xff}), "Học sinh Thủ Dầu Một tựu trường", "Ảnh: Châu Tiến")

	mux := http.NewServeMux()
	mux.HandleFunc("GET /admin/bai-viet/{id}", fx.showPage)
	mux.HandleFunc("POST /admin/bai-viet/{id}", fx.save)
	mux.HandleFunc("POST /admin/bai-viet/{id}/tu-luu", fx.autosave)
	mux.HandleFunc("POST /admin/bai-viet/{id}/giu-cho", fx.lease)
	mux.HandleFunc("POST /admin/bai-viet/{id}/tra-cho", fx.release)
	mux.HandleFunc("GET /admin/thu-vien/chon", fx.mediaList)
	mux.HandleFunc("POST /admin/thu-vien/tai-len", fx.upload)
	mux.HandleFunc("GET /media/{name}", fx.media)
	mux.HandleFunc("GET /admin/static/{file}", func(w http.ResponseWriter, r *http.Request) {
		name := r.PathValue("file")
		types := map[string]string{"editor.js": "text/javascript; charset=utf-8", "editor.css": "text/css; charset=utf-8", "newsroom.css": "text/css; charset=utf-8"}
		if types[name] == "" {
			http.NotFound(w, r)
			return
		}
		b, err := os.ReadFile(filepath.Join("..", "newsroom", "static", name))
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", types[name])
		w.Write(b)
	})
	fx.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", editorCSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cache-Control", "no-store")
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(fx.srv.Close)
	return fx
}

// sampleBody is legacy-looking markup; the fixture stores Sanitize of it.
const sampleBody = `<h1>Chợ hoa xuân</h1><p>Sáng 25-1, <b>chợ hoa</b> ở <a href="https://baobinhduong.vn/">Thủ Dầu Một</a>&nbsp;mở cửa.</p>
<figure><img src="/media/cho-hoa.jpg" alt="Chợ hoa" width="800" height="533"><figcaption>Chợ hoa đông khách<cite>Ảnh: Thu Thảo</cite></figcaption></figure>
<blockquote><p>Năm nay hoa nhiều, giá mềm.</p><cite>Bà Nguyễn Thị Hoa, tiểu thương</cite></blockquote>
<ul><li>Mai vàng</li><li>Cúc <i>mâm xôi</i></li></ul>
<figure><iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" width="560" height="315" allowfullscreen></iframe><figcaption>Phóng sự</figcaption></figure>
<table><tr><th>Loại</th><th>Giá</th></tr><tr><td>Mai</td><td>500.000 đ</td></tr></table>`

func (fx *editorFixture) addPicture(data []byte, caption, credit string) *fixPicture {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	sum := sha256.Sum256(data)
	p := &fixPicture{name: hex.EncodeToString(sum[:8]) + "." + format, data: data, w: cfg.Width, h: cfg.Height, caption: caption, credit: credit}
	fx.pictures = append(fx.pictures, p)
	return p
}

func (p *fixPicture) item() map[string]any {
	src := "/media/" + p.name
	return map[string]any{"id": len(p.name), "src": src, "srcset": fmt.Sprintf("%s %dw", src, p.w),
		"width": p.w, "height": p.h, "caption": p.caption, "credit": p.credit}
}

func pngOf(t *testing.T, w, h int, c color.RGBA) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}

func (fx *editorFixture) article(w http.ResponseWriter, r *http.Request) *fixArticle {
	a := fx.articles[r.PathValue("id")]
	if a == nil {
		http.NotFound(w, r)
	}
	return a
}

func (fx *editorFixture) showPage(w http.ResponseWriter, r *http.Request) {
	fx.mu.Lock()
	defer fx.mu.Unlock()
	a := fx.article(w, r)
	if a == nil {
		return
	}
	notice := ""
	if r.URL.Query().Has("da-luu") {
		notice = fmt.Sprintf("Đã lưu bài (phiên bản %d).", a.version)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fx.page.Execute(w, map[string]any{"ID": r.PathValue("id"), "Title": a.title, "Version": a.version, "Body": a.body,
		"CSRF": editorCSRF, "Notice": notice, "SaveEvery": "1", "LeaseEvery": "1"})
}

// save is the plain form post: what happens when the script is off.
func (fx *editorFixture) save(w http.ResponseWriter, r *http.Request) {
	fx.mu.Lock()
	defer fx.mu.Unlock()
	a := fx.article(w, r)
	if a == nil {
		return
	}
	if r.PostFormValue("csrf") != editorCSRF {
		http.Error(w, "Phiên làm việc không hợp lệ.", http.StatusForbidden)
		return
	}
	if r.PostFormValue("phien_ban") != fmt.Sprint(a.version) {
		http.Error(w, "Bài đã có phiên bản mới hơn.", http.StatusConflict)
		return
	}
	a.body, a.title = richtext.Sanitize(r.PostFormValue("noi_dung")), r.PostFormValue("tieu_de")
	a.version++
	a.normalSaves++
	http.Redirect(w, r, r.URL.Path+"?da-luu=1", http.StatusSeeOther)
}

func (fx *editorFixture) autosave(w http.ResponseWriter, r *http.Request) {
	fx.mu.Lock()
	defer fx.mu.Unlock()
	a := fx.article(w, r)
	if a == nil {
		return
	}
	if r.Header.Get("X-CSRF-Token") != editorCSRF || r.Header.Get("Accept") != "application/json" {
		writeJSON(w, http.StatusForbidden, map[string]any{"message": "Phiên làm việc không hợp lệ, hãy tải lại trang."})
		return
	}
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"message": "Dữ liệu gửi lên không đọc được."})
		return
	}
	a.autosaves++
	if a.failNext > 0 {
		a.failNext--
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"message": "Máy chủ đang bận, chưa lưu được."})
		return
	}
	if a.pageNext > 0 {
		a.pageNext--
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!doctype html><title>Đăng nhập</title><p>Mời bạn đăng nhập.")
		return
	}
	if r.FormValue("phien_ban") != fmt.Sprint(a.version) {
		a.refused++
		writeJSON(w, http.StatusConflict, map[string]any{"conflict": true,
			"message": fmt.Sprintf("Trần Văn Biên vừa lưu phiên bản %d của bài. Bản của bạn chưa được lưu: hãy chép phần mình sửa, tải lại trang rồi dán vào.", a.version)})
		return
	}
	a.lastAutosave = map[string]string{}
	for k, v := range r.MultipartForm.Value {
		a.lastAutosave[k] = v[0]
	}
	a.body = richtext.Sanitize(r.FormValue("noi_dung"))
	a.version++
	saved := time.Now().Format("15:04:05")
	writeJSON(w, http.StatusOK, map[string]any{"version": a.version, "saved": saved, "message": "Đã tự lưu lúc " + saved})
}

func (fx *editorFixture) lease(w http.ResponseWriter, r *http.Request) {
	fx.mu.Lock()
	defer fx.mu.Unlock()
	a := fx.article(w, r)
	if a == nil {
		return
	}
	if r.Header.Get("X-CSRF-Token") != editorCSRF || r.FormValue("csrf") != editorCSRF {
		writeJSON(w, http.StatusForbidden, map[string]any{"message": "Phiên làm việc không hợp lệ."})
		return
	}
	a.leases++
	writeJSON(w, http.StatusOK, map[string]any{"holder": "Nguyễn Thu Thảo", "mine": true,
		"message": fmt.Sprintf("Bạn đang giữ bài này (gia hạn lần %d).", a.leases)})
}

func (fx *editorFixture) release(w http.ResponseWriter, r *http.Request) {
	fx.mu.Lock()
	defer fx.mu.Unlock()
	a := fx.article(w, r)
	if a == nil {
		return
	}
	if r.FormValue("csrf") != editorCSRF {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	a.releases++
	w.WriteHeader(http.StatusNoContent)
}

func (fx *editorFixture) mediaList(w http.ResponseWriter, r *http.Request) {
	fx.mu.Lock()
	defer fx.mu.Unlock()
	q := strings.ToLower(r.URL.Query().Get("q"))
	items := []map[string]any{}
	for i := len(fx.pictures) - 1; i >= 0 && len(items) < 40; i-- {
		if p := fx.pictures[i]; strings.Contains(strings.ToLower(p.caption), q) {
			items = append(items, p.item())
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

func (fx *editorFixture) upload(w http.ResponseWriter, r *http.Request) {
	fx.mu.Lock()
	defer fx.mu.Unlock()
	if r.Header.Get("X-CSRF-Token") != editorCSRF {
		writeJSON(w, http.StatusForbidden, map[string]any{"message": "Phiên làm việc không hợp lệ."})
		return
	}
	f, _, err := r.FormFile("tep")
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"message": "Chưa có tệp ảnh."})
		return
	}
	data, _ := io.ReadAll(io.LimitReader(f, 10<<20))
	var p *fixPicture
	switch http.DetectContentType(data) {
	case "image/png", "image/jpeg", "image/gif":
		p = fx.addPicture(data, r.FormValue("chu_thich"), r.FormValue("nguon"))
	}
	if p == nil {
		writeJSON(w, http.StatusUnsupportedMediaType, map[string]any{"message": "Tệp này không phải ảnh JPEG, PNG, WebP hay GIF."})
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"item": p.item()})
}

func (fx *editorFixture) media(w http.ResponseWriter, r *http.Request) {
	fx.mu.Lock()
	defer fx.mu.Unlock()
	for _, p := range fx.pictures {
		if p.name == r.PathValue("name") {
			w.Header().Set("Content-Type", http.DetectContentType(p.data))
			w.Write(p.data)
			return
		}
	}
	http.NotFound(w, r)
}

// state reads an article's counters under the lock.
func (fx *editorFixture) state(id string) fixArticle {
	fx.mu.Lock()
	defer fx.mu.Unlock()
	a := *fx.articles[id]
	return a
}

// waitFor polls the fixture's state until cond holds (the browser works
// asynchronously); it fails the test after 15 s.
func (fx *editorFixture) waitFor(what, id string, cond func(a fixArticle) bool) fixArticle {
	fx.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		a := fx.state(id)
		if cond(a) {
			return a
		}
		if time.Now().After(deadline) {
			fx.t.Fatalf("waiting for %s: state %+v", what, a)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// editorTab opens article id of a fresh fixture on an 820×1180 tablet and
// waits for the editor.
func editorTab(t *testing.T, id string) (tab, *editorFixture) {
	t.Helper()
	b := newTab(t)
	fx := newEditorFixture(t)
	b.do("open the editor",
		chromedp.EmulateViewport(820, 1180, chromedp.EmulateScale(2)),
		chromedp.Navigate(fx.srv.URL+"/admin/bai-viet/"+id),
		chromedp.WaitVisible(chromedp.CSS(".ed-body")))
	return b, fx
}

// JavaScript helpers, run through the DevTools protocol (not subject to
// the page's CSP).
const (
	// jsBody is the body the form would send now (new FormData fires the
	// formdata event, on which the editor writes its HTML).
	jsBody = `new FormData(document.querySelector("#bai-viet")).get("noi_dung")`
	// caretEnd puts the caret at the end of the element matching the selector.
	jsCaretEnd = `(sel) => { const el = document.querySelector(sel); el.closest("[contenteditable=true]").focus();
		const r = document.createRange(); r.selectNodeContents(el); r.collapse(false);
		getSelection().removeAllRanges(); getSelection().addRange(r); return true; }`
	// selectText selects the first occurrence of text inside the editor.
	jsSelectText = `(text) => { const root = document.querySelector(".ed-body"); root.focus();
		const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
		for (let n; (n = w.nextNode()); ) { const i = n.data.indexOf(text);
			if (i >= 0) { const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + text.length);
				getSelection().removeAllRanges(); getSelection().addRange(r); return true; } }
		return false; }`
	// paste fires a paste event carrying html and text, as a browser does.
	jsPaste = `(html, text) => { const dt = new DataTransfer(); if (html) dt.setData("text/html", html); dt.setData("text/plain", text);
		const target = getSelection().anchorNode; const el = target.nodeType === 1 ? target : target.parentNode;
		el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true })); return true; }`
)

func call(b tab, fn string, args ...any) {
	b.t.Helper()
	var list []string
	for _, a := range args {
		j, _ := json.Marshal(a)
		list = append(list, string(j))
	}
	if !eval[bool](b, "("+fn+")("+strings.Join(list, ", ")+")") {
		b.t.Fatalf("%s(%v) returned false", fn, args)
	}
}

// enterKey is Enter as a keyboard sends it to a page that handles Enter
// itself: chromedp's "\r" adds a char event that a real browser would not
// send after keydown was cancelled.
var enterKey = chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
	for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeRawKeyDown, input.DispatchKeyEventTypeKeyUp} {
		if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, input.DispatchKeyEventParams{
			Type: typ, Key: "Enter", Code: "Enter", WindowsVirtualKeyCode: 13, NativeVirtualKeyCode: 13,
		}); err != nil {
			return err
		}
	}
	return nil
})

func key(keys string, mods ...chromedp.Modifier) chromedp.Action[chromedp.Void] {
	if len(mods) == 0 {
		return chromedp.KeyEvent(keys)
	}
	return chromedp.KeyEvent(keys, chromedp.KeyModifiers(mods...))
}

// bodyIs checks the textarea against want, and that richtext.Sanitize
// leaves it unchanged: what the editor writes is what the server stores.
func bodyIs(t *testing.T, b tab, what, want string) {
	t.Helper()
	got := eval[string](b, jsBody)
	if got != want {
		t.Errorf("%s: the body is\n%s\nwant\n%s", what, got, want)
	}
	if s := richtext.Sanitize(got); s != got {
		t.Errorf("%s: Sanitize changes the editor's output\n%s\ninto\n%s", what, got, s)
	}
}

// TestEditorLoadsAndFormats: the stored body comes back unchanged through
// the editor; typing with the toolbar and the shortcuts gives clean HTML;
// link, quote, undo and redo work.
func TestEditorLoadsAndFormats(t *testing.T) {
	b, fx := editorTab(t, "7")
	step := b.do
	truth := func(js string) bool { t.Helper(); return eval[bool](b, js) }

	// The script ran under the CSP and took the textarea's place.
	if !truth(`document.querySelector("textarea[name=noi_dung]").hidden && !!document.querySelector(".ed-bar")`) {
		t.Fatal("the editor did not replace the textarea")
	}
	if !truth(`getComputedStyle(document.querySelector(".ed-bar")).position === "sticky"`) {
		t.Error("editor.css did not apply (the toolbar is not sticky)")
	}
	labels := eval[[]string](b, `[...document.querySelectorAll(".ed-bar button")].map(b => b.getAttribute("aria-label"))`)
	wantLabels := []string{"Tiêu đề lớn", "Tiêu đề nhỏ", "Đậm", "Nghiêng", "Liên kết", "Danh sách", "Danh sách số", "Trích dẫn", "Ảnh", "Video", "Hoàn tác", "Làm lại"}
	if strings.Join(labels, "|") != strings.Join(wantLabels, "|") {
		t.Errorf("toolbar %q", labels)
	}
	// The toolbar is one Tab stop, walked with the arrow keys.
	step("keyboard into the toolbar", chromedp.Focus(chromedp.CSS(".ed-body")), key(kb.F10, chromedp.ModifierAlt), key(kb.ArrowRight), key(kb.ArrowRight))
	if got := eval[string](b, `document.activeElement.getAttribute("aria-label") + "|" + [...document.querySelectorAll(".ed-bar button")].filter(b => b.tabIndex === 0).length`); got != "Đậm|1" {
		t.Errorf("after Alt+F10 and two arrows the focus is on %q", got)
	}
	step("back to the text", key(kb.Escape))
	if !truth(`document.activeElement === document.querySelector(".ed-body")`) {
		t.Error("Escape in the toolbar does not go back to the text")
	}
	if small := eval[int](b, `[...document.querySelectorAll(".ed-bar button")].filter(b => b.getBoundingClientRect().height < 44).length`); small > 0 {
		t.Errorf("%d toolbar buttons are smaller than 44 px", small)
	}
	if truth(`document.documentElement.scrollWidth > window.innerWidth`) {
		t.Error("the editor page scrolls sideways on an 820 px tablet")
	}
	// Loading changes nothing: the stored body comes back byte for byte
	// (legacy <b> and an alt text unlike the caption included).
	stored := fx.state("7").body
	bodyIs(t, b, "loading the stored body", stored)
	if !truth(`!!document.querySelector(".ed-figure img") && !!document.querySelector(".ed-figure .ed-video") && !document.querySelector(".ed-body iframe")`) {
		t.Error("figures are not shown as editable widgets, or an iframe is loaded in the newsroom")
	}
	b.shot("editor-tablet.png")

	// Open the empty article and write, counting what the CSP blocks.
	step("open an empty article", chromedp.Navigate(fx.srv.URL+"/admin/bai-viet/8"), chromedp.WaitVisible(chromedp.CSS(".ed-body")))
	eval[bool](b, `window.cspBlocked = []; document.addEventListener("securitypolicyviolation", (e) => cspBlocked.push(e.violatedDirective + " " + e.blockedURI)); true`)
	call(b, jsCaretEnd, ".ed-body p")
	step("a heading", key("Lễ hội đua ghe"), chromedp.Click(chromedp.CSS(`[data-cmd="h2"]`)))
	if !truth(`document.querySelector('[data-cmd="h2"]').getAttribute("aria-pressed") === "true"`) {
		t.Error("the H2 button does not show it is on")
	}
	step("a paragraph with bold and italic",
		key("\r"), key("Sáng nay, "), key("b", chromedp.ModifierCtrl), key("hàng nghìn người"), key("b", chromedp.ModifierCtrl),
		key(" đã đến "), key("i", chromedp.ModifierCtrl), key("xem"), key("i", chromedp.ModifierCtrl), key(" đua."))
	// The textarea itself catches up once typing pauses.
	step("the textarea follows", chromedp.Poll[chromedp.Void](`document.querySelector("textarea[name=noi_dung]").value.endsWith("đua.</p>")`))
	step("a list", key("\r"), key("Đội Tân Uyên"), chromedp.Click(chromedp.CSS(`[data-cmd="ul"]`)), key("\r"), key("Đội Bến Cát"), key("\r"), key("\r"),
		key("Hết."))
	bodyIs(t, b, "after typing", "<h2>Lễ hội đua ghe</h2>\n<p>Sáng nay, <strong>hàng nghìn người</strong> đã đến <em>xem</em> đua.</p>\n"+
		"<ul><li>Đội Tân Uyên</li><li>Đội Bến Cát</li></ul>\n<p>Hết.</p>")

	// A numbered list from the bulleted one, and back to paragraphs.
	call(b, jsSelectText, "Bến Cát")
	step("numbered list", chromedp.Click(chromedp.CSS(`[data-cmd="ol"]`)))
	bodyIs(t, b, "a numbered item", "<h2>Lễ hội đua ghe</h2>\n<p>Sáng nay, <strong>hàng nghìn người</strong> đã đến <em>xem</em> đua.</p>\n"+
		"<ul><li>Đội Tân Uyên</li></ul>\n<ol><li>Đội Bến Cát</li></ol>\n<p>Hết.</p>")
	step("undo it", key("z", chromedp.ModifierCtrl))

	// A link: a refused address, then a good one typed without a scheme.
	call(b, jsSelectText, "đua.")
	step("open the link dialog", key("k", chromedp.ModifierCtrl), chromedp.WaitVisible(chromedp.CSS("dialog[open] input[name=URL]")),
		chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=URL]"), "javascript:alert(1)"),
		chromedp.Click(chromedp.CSS("dialog[open] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("dialog[open] .ed-error")))
	if msg := b.text("dialog[open] .ed-error"); !strings.Contains(msg, "http://, https:// hoặc mailto:") {
		t.Errorf("refused link message %q", msg)
	}
	step("a good link", chromedp.SetValue(chromedp.CSS("dialog[open] input[name=URL]"), "baobinhduong.vn/the-thao"),
		chromedp.Click(chromedp.CSS("dialog[open] button[type=submit]")), chromedp.WaitNotPresent(chromedp.CSS("dialog[open]")))

	// A pull quote with attribution, at the end.
	call(b, jsCaretEnd, ".ed-body > p:last-of-type")
	step("a pull quote", key("\r"), chromedp.Click(chromedp.CSS(`[data-cmd="quote"]`)),
		chromedp.WaitVisible(chromedp.CSS("dialog[open] textarea[name=noi_dung]")),
		chromedp.SendKeys(chromedp.CSS("dialog[open] textarea[name=noi_dung]"), "Giải năm nay vui nhất từ trước đến giờ."),
		chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=nguon]"), "Ông Trần Văn Ghe, trưởng ban tổ chức"),
		chromedp.Click(chromedp.CSS("dialog[open] button[type=submit]")), chromedp.WaitNotPresent(chromedp.CSS("dialog[open]")))
	full := "<h2>Lễ hội đua ghe</h2>\n<p>Sáng nay, <strong>hàng nghìn người</strong> đã đến <em>xem</em> <a href=\"https://baobinhduong.vn/the-thao\">đua.</a></p>\n" +
		"<ul><li>Đội Tân Uyên</li><li>Đội Bến Cát</li></ul>\n<p>Hết.</p>\n" +
		"<blockquote><p>Giải năm nay vui nhất từ trước đến giờ.</p><cite>Ông Trần Văn Ghe, trưởng ban tổ chức</cite></blockquote>"
	bodyIs(t, b, "after link and quote", full)

	// Undo takes the quote away, redo brings it back.
	step("undo", chromedp.Click(chromedp.CSS(`[data-cmd="undo"]`)))
	if strings.Contains(eval[string](b, jsBody), "blockquote") {
		t.Error("undo left the quote")
	}
	step("redo", key("y", chromedp.ModifierCtrl))
	bodyIs(t, b, "after undo and redo", full)

	// An H3 from the heading: the button toggles.
	call(b, jsCaretEnd, ".ed-body h2")
	step("H3", chromedp.Click(chromedp.CSS(`[data-cmd="h3"]`)))
	if got := eval[string](b, jsBody); !strings.HasPrefix(got, "<h3>Lễ hội đua ghe</h3>\n") {
		t.Errorf("after H3: %q", got)
	}
	step("H3 again: a paragraph", chromedp.Click(chromedp.CSS(`[data-cmd="h3"]`)))
	if got := eval[string](b, jsBody); !strings.HasPrefix(got, "<p>Lễ hội đua ghe</p>\n") {
		t.Errorf("after H3 twice: %q", got)
	}
	b.shot("editor-written-tablet.png")
	if blocked := eval[[]string](b, `cspBlocked`); len(blocked) > 0 {
		t.Errorf("the CSP blocked %q while editing", blocked)
	}
}

// TestEditorCleansPastes: Word and Google Docs clipboard HTML keeps its
// structure and loses its styles, classes and spans.
func TestEditorCleansPastes(t *testing.T) {
	b, _ := editorTab(t, "8")
	call(b, jsCaretEnd, ".ed-body p")
	word := `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0cm}</style></head><body lang=VI>
<p class=MsoNormal style='margin-bottom:0cm;line-height:normal'><b><span lang=VI style='font-size:14.0pt;font-family:"Times New Roman",serif'>Thủ Dầu Một</span></b><span lang=VI style='font-size:14.0pt'> đón&nbsp;&nbsp;Tết <i>sớm</i><o:p></o:p></span></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]><span lang=VI>Chợ hoa<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]><span lang=VI>Đường sách<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpFirst style='mso-list:l1 level1 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>1.<span>&nbsp;&nbsp; </span></span><![endif]>Bước một</p>
<p class=MsoNormal><img width=200 height=100 src="file:///C:/Users/bdo/AppData/Local/Temp/msohtmlclip1/01/clip_image001.png"><span style='color:red;mso-bidi-font-weight:bold'>Hết.</span></p>
</body></html>`
	call(b, jsPaste, word, "Thủ Dầu Một đón Tết sớm")
	wantWord := "<p><strong>Thủ Dầu Một</strong> đón Tết <em>sớm</em></p>\n<ul><li>Chợ hoa</li><li>Đường sách</li></ul>\n<ol><li>Bước một</li></ol>\n<p>Hết.</p>"
	bodyIs(t, b, "Word paste", wantWord)
	if note := b.text(".ed-note"); !strings.Contains(note, "Đã bỏ 1 ảnh") {
		t.Errorf("no notice about the dropped picture: %q", note)
	}

	docs := `<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-5c1e7f2a-7fff-1b2c"><p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;"><span style="font-size:11pt;font-family:Arial;color:#000000;background-color:transparent;font-weight:700;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">Giá xăng</span><span style="font-size:11pt;font-family:Arial;color:#000000;font-weight:400;font-style:italic;"> giảm nhẹ</span></p><br><ul style="margin-top:0;margin-bottom:0;"><li dir="ltr" style="list-style-type:disc;font-size:11pt;"><p dir="ltr" style="line-height:1.38;" role="presentation"><span style="font-size:11pt;font-weight:400;">RON 95: 20.500 đồng</span></p></li></ul><h2 dir="ltr"><span style="font-size:16pt;font-weight:400;">Dầu</span></h2></b>`
	call(b, jsCaretEnd, ".ed-body > p:last-of-type")
	call(b, jsPaste, docs, "Giá xăng giảm nhẹ")
	bodyIs(t, b, "Google Docs paste after it", wantWord+"\n<p><strong>Giá xăng</strong><em> giảm nhẹ</em></p>\n<ul><li>RON 95: 20.500 đồng</li></ul>\n<h2>Dầu</h2>")

	// Plain text: blank lines make paragraphs; pasted inline into a line.
	call(b, jsSelectText, "Chợ hoa")
	call(b, jsPaste, "", "Chợ  hoa   xuân")
	if got := eval[string](b, jsBody); !strings.Contains(got, "<li>Chợ hoa xuân</li>") {
		t.Errorf("plain text pasted over a selection: %q", got)
	}
	// Dangerous markup goes.
	call(b, jsCaretEnd, ".ed-body h2")
	call(b, jsPaste, `<p onclick="alert(1)">x<script>alert(2)</script><a href="javascript:alert(3)">y</a><iframe src="https://evil.example/"></iframe></p>`, "xy")
	if got := eval[string](b, jsBody); strings.Contains(got, "alert") || strings.Contains(got, "evil") || !strings.Contains(got, "<h2>Dầuxy</h2>") {
		t.Errorf("hostile paste: %q", got)
	}
	// Paragraphs pasted at the end of a list item split the list there.
	call(b, jsCaretEnd, ".ed-body ul li")
	call(b, jsPaste, "<p>Chen A</p><p>Chen B</p>", "Chen A\n\nChen B")
	if got := eval[string](b, jsBody); !strings.Contains(got, "<ul><li>Chợ hoa xuân</li></ul>\n<p>Chen A</p>\n<p>Chen B</p>\n<ul><li>Đường sách</li></ul>") {
		t.Errorf("blocks pasted into a list: %q", got)
	}
}

// TestEditorAutosaveAndLease: a change is autosaved with the form's fields
// and the new version is kept; a conflict stops autosave for good and
// leaving then asks first; the lease is renewed.
func TestEditorAutosaveAndLease(t *testing.T) {
	b, fx := editorTab(t, "9")
	step := b.do
	fx.waitFor("the first lease renewals", "9", func(a fixArticle) bool { return a.leases >= 2 })
	step("lease message", chromedp.Poll[chromedp.Void](`document.querySelector("[data-lease-status]").textContent.startsWith("Bạn đang giữ bài này")`))

	call(b, jsCaretEnd, ".ed-body p")
	step("type", key("Tin nóng: mưa lớn."))
	a := fx.waitFor("an autosave", "9", func(a fixArticle) bool { return a.autosaves >= 1 && strings.Contains(a.body, "mưa lớn") })
	if a.lastAutosave["csrf"] != editorCSRF || a.lastAutosave["tieu_de"] != "Bài mới" || a.lastAutosave["noi_dung"] != "<p>Tin nóng: mưa lớn.</p>" {
		t.Errorf("autosave posted %v", a.lastAutosave)
	}
	step("saved message", chromedp.Poll[chromedp.Void](`document.querySelector("[data-editor-status]").textContent.startsWith("Đã tự lưu lúc ")`))
	if v := eval[string](b, `document.querySelector("input[name=phien_ban]").value`); v != fmt.Sprint(a.version) {
		t.Errorf("phien_ban is %s after the autosave, the server is at %d", v, a.version)
	}

	// A second change, in another field, is saved on top of the first;
	// the server fails once, and the editor says so and tries again.
	fx.mu.Lock()
	fx.articles["9"].failNext = 1
	fx.mu.Unlock()
	eval[bool](b, `(() => { const t = document.querySelector("#tieu-de"); t.focus(); t.setSelectionRange(99, 99); return true; })()`)
	step("change the title", key(" về mưa"))
	step("the failure is shown", chromedp.Poll[chromedp.Void](`document.querySelector("[data-editor-status]").textContent === "Máy chủ đang bận, chưa lưu được. Sẽ thử lại sau."`))
	a = fx.waitFor("the second autosave", "9", func(a fixArticle) bool { return a.lastAutosave["tieu_de"] == "Bài mới về mưa" })
	if a.autosaves != 3 {
		t.Errorf("%d autosaves, want 3 (saved, failed, retried)", a.autosaves)
	}
	step("saved again", chromedp.Poll[chromedp.Void](`document.querySelector("[data-editor-status]").textContent.startsWith("Đã tự lưu lúc ")`))
	if a.refused != 0 {
		t.Errorf("%d autosaves refused", a.refused)
	}

	// An answer that is not the autosave's (a login page with 200) is not
	// taken for a save: the editor says so and tries again.
	fx.mu.Lock()
	fx.articles["9"].pageNext = 1
	fx.mu.Unlock()
	call(b, jsCaretEnd, ".ed-body p")
	step("type once more", key(" Gió to."))
	step("the odd answer is shown", chromedp.Poll[chromedp.Void](`document.querySelector("[data-editor-status]").textContent.startsWith("Chưa tự lưu được")`))
	a = fx.waitFor("the retried autosave", "9", func(a fixArticle) bool { return strings.Contains(a.body, "Gió to.") })
	step("saved after the odd answer", chromedp.Poll[chromedp.Void](`document.querySelector("[data-editor-status]").textContent.startsWith("Đã tự lưu lúc ")`))

	// Someone else saves: the next autosave is refused and autosave stops.
	fx.mu.Lock()
	fx.articles["9"].version += 5
	fx.mu.Unlock()
	call(b, jsCaretEnd, ".ed-body p")
	step("type again", key(" Đường ngập."))
	a = fx.waitFor("a refused autosave", "9", func(a fixArticle) bool { return a.refused == 1 })
	step("conflict message", chromedp.Poll[chromedp.Void](`document.querySelector("[data-editor-status]").textContent.includes("chưa được lưu")`))
	if !eval[bool](b, `document.querySelector("[data-editor-status]").classList.contains("ed-bad")`) {
		t.Error("the conflict is not shown as an error")
	}
	if strings.Contains(a.body, "Đường ngập") {
		t.Error("the refused autosave overwrote the newer version")
	}
	step("type more and hide the page", key(" Cây đổ."))
	eval[bool](b, `Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true }); document.dispatchEvent(new Event("visibilitychange")); true`)
	before := fx.state("9")
	// Lease renewals go on (every second here): wait for two more, longer
	// than the autosave interval, and see that no autosave was sent.
	after := fx.waitFor("two more lease renewals", "9", func(a fixArticle) bool { return a.leases >= before.leases+2 })
	if after.autosaves != a.autosaves {
		t.Errorf("autosave went on after a conflict: %d posts, then %d", a.autosaves, after.autosaves)
	}
	b.shot("editor-conflict-tablet.png")
	// Those unsaved changes make leaving the page ask first.
	if !eval[bool](b, `(() => { const e = new Event("beforeunload", { cancelable: true }); window.dispatchEvent(e); return e.defaultPrevented; })()`) {
		t.Error("leaving with unsaved changes after a conflict does not ask")
	}
}

// TestEditorPicturesAndVideo: pick a picture from the library, edit its
// caption in place, upload one and insert it; embed a video from a page
// address and refuse one from elsewhere.
func TestEditorPicturesAndVideo(t *testing.T) {
	b, fx := editorTab(t, "8")
	step := b.do
	call(b, jsCaretEnd, ".ed-body p")
	step("open the picker", key("Mở đầu."), chromedp.Click(chromedp.CSS(`[data-cmd="image"]`)),
		chromedp.WaitVisible(chromedp.CSS("dialog[open] .ed-pick")))
	if n := eval[int](b, `document.querySelectorAll("dialog[open] .ed-pick").length`); n != 2 {
		t.Errorf("the picker shows %d pictures, want 2", n)
	}
	step("search by caption", chromedp.SendKeys(chromedp.CSS("dialog[open] input[type=search]"), "cầu"),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll("dialog[open] .ed-pick").length === 1`))
	b.shot("editor-picker-tablet.png")
	first := fx.pictures[0]
	step("pick it", chromedp.Click(chromedp.CSS("dialog[open] .ed-pick")), chromedp.WaitNotPresent(chromedp.CSS("dialog[open]")))
	fig := fmt.Sprintf(`<figure><img src="/media/%s" alt="Lễ khánh thành cầu Phú Cường" width="64" height="48" loading="lazy">`+
		`<figcaption>Lễ khánh thành cầu Phú Cường<cite>Ảnh: Thu Thảo</cite></figcaption></figure>`, first.name)
	bodyIs(t, b, "a picked picture", "<p>Mở đầu.</p>\n"+fig)
	if !eval[bool](b, `document.querySelector(".ed-figure img").complete && document.querySelector(".ed-figure img").naturalWidth === 64`) {
		t.Error("the picked picture did not load")
	}

	// The caption is edited in place; the alt text follows it.
	call(b, jsCaretEnd, ".ed-figure .ed-cap")
	step("edit the caption", key(" mới"))
	fig = strings.ReplaceAll(fig, "Phú Cường", "Phú Cường mới")
	bodyIs(t, b, "an edited caption", "<p>Mở đầu.</p>\n"+fig)

	// Upload: a text file named .png is refused with the server's reason,
	// a real picture is stored and inserted.
	dir := t.TempDir()
	fake, real := filepath.Join(dir, "gia.png"), filepath.Join(dir, "ghe.png")
	os.WriteFile(fake, []byte("<?php echo 1; ?>"), 0o644)
	os.WriteFile(real, pngOf(t, 30, 20, color.RGBA{0x14, 0x6c, 0x2e, 0xff}), 0o644)
	call(b, jsCaretEnd, ".ed-body > p:last-of-type")
	step("upload a fake", key("Tiếp."), chromedp.Click(chromedp.CSS(`[data-cmd="image"]`)),
		chromedp.WaitVisible(chromedp.CSS("dialog[open] .ed-upload")),
		chromedp.SetUploadFiles(chromedp.CSS("dialog[open] input[name=tep]"), []string{fake}),
		chromedp.Click(chromedp.CSS("dialog[open] .ed-upload button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("dialog[open] .ed-upload .ed-error")))
	if msg := b.text("dialog[open] .ed-upload .ed-error"); msg != "Tệp này không phải ảnh JPEG, PNG, WebP hay GIF." {
		t.Errorf("upload refusal %q", msg)
	}
	step("upload a picture",
		chromedp.SetUploadFiles(chromedp.CSS("dialog[open] input[name=tep]"), []string{real}),
		chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=chu_thich]"), "Ghe đua trên sông Sài Gòn"),
		chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=nguon]"), "Ảnh: Châu Tiến"),
		chromedp.Click(chromedp.CSS("dialog[open] .ed-upload button[type=submit]")),
		chromedp.WaitNotPresent(chromedp.CSS("dialog[open]")))
	fx.mu.Lock()
	uploaded, count := fx.pictures[len(fx.pictures)-1], len(fx.pictures)
	fx.mu.Unlock()
	if count != 3 || uploaded.caption != "Ghe đua trên sông Sài Gòn" || uploaded.credit != "Ảnh: Châu Tiến" {
		t.Fatalf("upload stored %d pictures, last %q", count, uploaded.caption)
	}
	fig2 := fmt.Sprintf(`<figure><img src="/media/%s" alt="Ghe đua trên sông Sài Gòn" width="30" height="20" loading="lazy">`+
		`<figcaption>Ghe đua trên sông Sài Gòn<cite>Ảnh: Châu Tiến</cite></figcaption></figure>`, uploaded.name)
	bodyIs(t, b, "an uploaded picture", "<p>Mở đầu.</p>\n"+fig+"\n<p>Tiếp.</p>\n"+fig2)

	// Video: a page address becomes the player's; others are refused.
	call(b, jsCaretEnd, ".ed-body > p:last-of-type")
	step("refuse a video", chromedp.Click(chromedp.CSS(`[data-cmd="video"]`)),
		chromedp.WaitVisible(chromedp.CSS("dialog[open] input[name=URL]")),
		chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=URL]"), "https://www.dailymotion.com/video/x7tgad0"),
		chromedp.Click(chromedp.CSS("dialog[open] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("dialog[open] .ed-error")))
	if msg := b.text("dialog[open] .ed-error"); !strings.HasPrefix(msg, "Chỉ nhúng được video YouTube hoặc Vimeo.") {
		t.Errorf("video refusal %q", msg)
	}
	step("embed a video", chromedp.SetValue(chromedp.CSS("dialog[open] input[name=URL]"), "https://youtu.be/dQw4w9WgXcQ?t=42"),
		chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=chu_thich]"), "Toàn cảnh cuộc đua"),
		chromedp.Click(chromedp.CSS("dialog[open] button[type=submit]")), chromedp.WaitNotPresent(chromedp.CSS("dialog[open]")))
	video := `<figure><iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" width="640" height="360" title="Toàn cảnh cuộc đua" allowfullscreen="" ` +
		`referrerpolicy="strict-origin-when-cross-origin"></iframe><figcaption>Toàn cảnh cuộc đua</figcaption></figure>`
	bodyIs(t, b, "an embedded video", "<p>Mở đầu.</p>\n"+fig+"\n<p>Tiếp.</p>\n"+fig2+"\n"+video)

	// Copying the video figure inside the editor and pasting it gives the
	// same figure (the clipboard holds the editor's own widget markup).
	copied := eval[string](b, `document.querySelector(".ed-figure-video").outerHTML`)
	call(b, jsCaretEnd, ".ed-body > p:last-of-type")
	call(b, jsPaste, copied, "")
	bodyIs(t, b, "a copied video", "<p>Mở đầu.</p>\n"+fig+"\n<p>Tiếp.</p>\n"+fig2+"\n"+video+"\n"+video)
	step("undo the copy", key("z", chromedp.ModifierCtrl))
	bodyIs(t, b, "after undoing the copy", "<p>Mở đầu.</p>\n"+fig+"\n<p>Tiếp.</p>\n"+fig2+"\n"+video)

	// Every address form the dialog accepts gives a player richtext keeps.
	for in, want := range map[string]string{
		"https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=x":                                 "https://www.youtube.com/embed/dQw4w9WgXcQ",
		"youtube.com/shorts/aqz-KE-bpKQ":                                                     "https://www.youtube.com/embed/aqz-KE-bpKQ",
		"https://m.youtube.com/watch?v=aqz-KE-bpKQ":                                          "https://www.youtube.com/embed/aqz-KE-bpKQ",
		"https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ":                                 "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ",
		`<iframe width="560" src="https://www.youtube.com/embed/aqz-KE-bpKQ?si=1"></iframe>`: "https://www.youtube.com/embed/aqz-KE-bpKQ",
		"https://vimeo.com/76979871":                                                         "https://player.vimeo.com/video/76979871",
		"https://player.vimeo.com/video/76979871":                                            "https://player.vimeo.com/video/76979871",
		"https://www.youtube.com/watch?v=<script>":                                           "",
		"https://evil.example/youtube.com/embed/aqzKEbpKQ":                                   "",
		"javascript:alert(1)":                                                                "",
	} {
		j, _ := json.Marshal(in)
		got := eval[string](b, "toasoanEditor.embedURL("+string(j)+") || ''")
		if got != want {
			t.Errorf("embedURL(%q) = %q, want %q", in, got, want)
		}
		if want != "" && !strings.Contains(richtext.Sanitize(`<iframe src="`+got+`"></iframe>`), `src="`+want+`"`) {
			t.Errorf("richtext refuses the embed %q", got)
		}
	}

	// Removing a figure with its button.
	step("remove the first picture", chromedp.Click(chromedp.CSS(".ed-figure .ed-fig-remove")))
	bodyIs(t, b, "after removing a picture", "<p>Mở đầu.</p>\n<p>Tiếp.</p>\n"+fig2+"\n"+video)
	b.shot("editor-media-tablet.png")

	// A picture pasted as a file opens the upload form with it chosen: it
	// needs a caption and a credit before it goes in.
	call(b, jsCaretEnd, ".ed-body > p:first-of-type")
	pasted := base64.StdEncoding.EncodeToString(pngOf(t, 12, 10, color.RGBA{0xf0, 0xb4, 0x00, 0xff}))
	eval[bool](b, `(() => { const bin = atob(`+strconv.Quote(pasted)+`); const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
		const dt = new DataTransfer(); dt.items.add(new File([bytes], "chup-man-hinh.png", { type: "image/png" }));
		document.querySelector(".ed-body p").dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
		return true; })()`)
	step("caption the pasted picture", chromedp.WaitVisible(chromedp.CSS("dialog[open] .ed-upload")))
	if name := b.text("dialog[open] .ed-file-name"); name != "chup-man-hinh.png" {
		t.Errorf("the pasted file is not chosen: %q", name)
	}
	step("upload the pasted picture", key("Bản đồ đường đua"),
		chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=nguon]"), "Đồ họa: BDO"),
		chromedp.Click(chromedp.CSS("dialog[open] .ed-upload button[type=submit]")),
		chromedp.WaitNotPresent(chromedp.CSS("dialog[open]")))
	if got := eval[string](b, jsBody); !strings.HasPrefix(got, "<p>Mở đầu.</p>\n<figure><img src=\"/media/") ||
		!strings.Contains(got, `alt="Bản đồ đường đua" width="12" height="10" loading="lazy"><figcaption>Bản đồ đường đua<cite>Đồ họa: BDO</cite></figcaption></figure>`+"\n<p>Tiếp.</p>") {
		t.Errorf("after pasting a picture: %q", got)
	}
}

// TestEditorWithoutScript: with JavaScript off the page is a plain form and
// the textarea is what gets saved.
func TestEditorWithoutScript(t *testing.T) {
	b := newTab(t)
	fx := newEditorFixture(t)
	if _, err := chromedp.Call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	b.do("open the editor without script",
		chromedp.EmulateViewport(820, 1180, chromedp.EmulateScale(2)),
		chromedp.Navigate(fx.srv.URL+"/admin/bai-viet/8"),
		chromedp.WaitVisible(chromedp.CSS("textarea[name=noi_dung]")))
	if eval[bool](b, `!!document.querySelector(".ed-body")`) {
		t.Fatal("the editor ran with script execution disabled")
	}
	typed := "<p>Bài viết <b>không</b> cần script.</p>"
	b.do("write and save",
		chromedp.SendKeys(chromedp.CSS("textarea[name=noi_dung]"), typed),
		chromedp.Click(chromedp.CSS("#bai-viet button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".notice-ok")))
	a := fx.state("8")
	if a.normalSaves != 1 || a.body != richtext.Sanitize(typed) || a.version != 2 {
		t.Errorf("after a save without script: %d saves, version %d, body %q", a.normalSaves, a.version, a.body)
	}
	if got := b.text(".notice-ok"); got != "Đã lưu bài (phiên bản 2)." {
		t.Errorf("notice %q", got)
	}
}

// TestEditorSubmitsItsHTML: with the script on, the form's normal save
// posts the editor's HTML (and the version an autosave gave), and the page
// left behind releases its lease.
func TestEditorSubmitsItsHTML(t *testing.T) {
	b, fx := editorTab(t, "7")
	call(b, jsCaretEnd, ".ed-body > p:first-of-type")
	b.do("edit and save", key(" Đông vui."), chromedp.Click(chromedp.CSS("#bai-viet button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".notice-ok")))
	a := fx.state("7")
	if a.normalSaves != 1 || !strings.Contains(a.body, "mở cửa. Đông vui.</p>") || a.refused != 0 {
		t.Errorf("save with the editor: %d saves, %d refused autosaves, body %q", a.normalSaves, a.refused, a.body)
	}
	// The page that was left released its lease (sendBeacon on pagehide);
	// a page with nothing unsaved does not ask before leaving.
	fx.waitFor("the lease release", "7", func(a fixArticle) bool { return a.releases == 1 })
	if eval[bool](b, `(() => { const e = new Event("beforeunload", { cancelable: true }); window.dispatchEvent(e); return e.defaultPrevented; })()`) {
		t.Error("a page without changes asks before leaving")
	}
}

// serializerSeeds are hand-picked hard cases for the editor's port of
// richtext's normalization.
var serializerSeeds = []string{
	`<p>a<br><br>b</p><div>c<span style="x">d</span></div>`,
	`<table><tr><td><img src="/media/ab/x.jpg"></td></tr><tr><td>Trong ảnh: x</td></tr></table>`,
	`<ul><li>a<ul><li>b</li></ul></li><p>c</p></ul><ol><li><p>x</p>y</li></ol>`,
	`<blockquote class="quote"><p>“q”</p><cite>A</cite></blockquote>`,
	`<figure class="image"><a href="/x"><img src="/media/ab/abc.jpg" alt="a"></a><figcaption>c</figcaption></figure>`,
	`<h1>t</h1><h5>u</h5><p><b><i>x</i></b> &nbsp; y&nbsp;z</p>`,
	`<iframe src="//www.youtube.com/embed/abcdefghijk" allowfullscreen></iframe>`,
	`<a href="jAvAsCrIpT:alert(1)">x</a><a href="java&#x09;script:alert(1)">y</a>`,
	`<table><caption>c</caption><tr><td colspan=2>a</td></tr><tfoot><tr><td>f</td></tr></tfoot></table>`,
	`<p><em> </em>x<strong><br></strong></p><center>y</center>`,
	"text\u00a0\u00a0with e\u0301 and <span>e</span>\u0301",
	`<strong><p>a</p><p>b</p></strong><em>c<ul><li>d</li></ul>e</em>`,
	`<p>javascript:alert(1) and "quotes" &amp; <a href="https://x.vn/?a=1&b=&quot;2">l</a></p>`,
	`<p>a <b> b </b> c\u00a0 <i>\u00a0d</i></p><p>\u00a0</p><p> <br> </p>`,
	`<figure><img src="/media/a.jpg" width="0800px" height="x"><figcaption>Cap<cite>Credit</cite></figcaption><p>more</p></figure>`,
	`<a href="https://a.vn/" target=" _BLANK ">x</a><a href="//evil">y</a><a href="/a/../b">z</a><a href="mailto:">w</a>`,
	`<img src="data:image/png;base64,AAAA"><img src="http://x.vn/a.jpg" alt="  a  b  ">`,
	`<h2>a<h3>b</h3>c</h2><p>x<p>y`,
	`<li>stray</li><figcaption>lost</figcaption><td>cell</td>`,
	`<blockquote>q<cite>who</cite>tail</blockquote>`,
	`<p>İJAVASCRİPT:x</p>`,
	"<p>\u00d0\u00f0 a\r\nb\x01c</p>",
}

// soup returns random tag soup of the kind old sites and office suites make.
func soup(r *rand.Rand, depth int) string {
	texts := []string{"a", " ", "\u00a0", "Việt Nam", "  ", "\n", "x y", "e\u0301", "&amp;", "&lt;", "javascript:x", "\u00a0\u00a0", "“q”"}
	tags := []string{"p", "div", "span", "b", "i", "strong", "em", "u", "s", "sub", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h6",
		"blockquote", "cite", "figure", "figcaption", "table", "tr", "td", "th", "font", "center", "section", "a", "pre"}
	attrs := []string{"", ` class="quote"`, ` class="image"`, ` style="font-weight:700"`, ` href="https://baobinhduong.vn/a"`,
		` href="javascript:alert(1)"`, ` target="_blank"`, ` colspan="2"`, ` onclick="x()"`, ` href="/tin-tuc"`}
	var b strings.Builder
	for n := r.IntN(4) + 1; n > 0; n-- {
		switch k := r.IntN(10); {
		case k < 4 || depth > 3:
			b.WriteString(texts[r.IntN(len(texts))])
		case k == 4:
			b.WriteString([]string{"<br>", "<br><br>", "<hr>", `<img src="/media/a.jpg" alt="Ảnh" width="40">`,
				`<img src="javascript:x">`, `<iframe src="https://youtu.be/x"></iframe>`,
				`<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" width="560"></iframe>`}[r.IntN(7)])
		default:
			tag := tags[r.IntN(len(tags))]
			b.WriteString("<" + tag + attrs[r.IntN(len(attrs))] + ">")
			b.WriteString(soup(r, depth+1))
			if r.IntN(6) > 0 {
				b.WriteString("</" + tag + ">")
			}
		}
	}
	return b.String()
}

// TestEditorSerializerMatchesSanitize runs the editor's serializer (its
// port of richtext's cleaning and normalization) in Chromium over hard
// cases and random tag soup: what it writes must be a fixed point of
// richtext.Sanitize, and the same as Sanitize's own output for the same
// input.
func TestEditorSerializerMatchesSanitize(t *testing.T) {
	b, _ := editorTab(t, "8")
	r := rand.New(rand.NewPCG(2026, 11))
	inputs := append([]string(nil), serializerSeeds...)
	for len(inputs) < 1500 {
		inputs = append(inputs, soup(r, 0))
	}
	j, _ := json.Marshal(inputs)
	outs := eval[[]string](b, "JSON.parse("+strconv.Quote(string(j))+").map(toasoanEditor.canonicalHTML)")
	if len(outs) != len(inputs) {
		t.Fatalf("%d outputs for %d inputs", len(outs), len(inputs))
	}
	differ := 0
	for i, in := range inputs {
		got := outs[i]
		if again := richtext.Sanitize(got); again != got {
			t.Errorf("not a fixed point of Sanitize\nin:     %q\neditor: %q\nserver: %q", in, got, again)
			continue
		}
		want := richtext.Sanitize(in)
		switch {
		case got == want:
		default:
			differ++
			if differ <= 5 {
				t.Errorf("differs from Sanitize\nin:     %q\neditor: %q\nserver: %q", in, got, want)
			}
		}
	}
	t.Logf("%d inputs: all fixed points of Sanitize; %d equal to Sanitize's output, %d differ",
		len(inputs), len(inputs)-differ, differ)
	if differ > 0 {
		t.Errorf("%d of %d inputs serialize differently from Sanitize", differ, len(inputs))
	}
}

// TestEditorByTouch works the editor with taps, as on a tablet: a tap on
// the toolbar keeps the selection, and Enter in a caption moves on instead
// of breaking the figure.
func TestEditorByTouch(t *testing.T) {
	b := newTab(t)
	fx := newEditorFixture(t)
	step := b.do
	step("open the editor on a touch tablet",
		chromedp.EmulateViewport(820, 1180, chromedp.EmulateScale(2), chromedp.EmulateTouch, chromedp.EmulateMobile),
		chromedp.Navigate(fx.srv.URL+"/admin/bai-viet/8"),
		chromedp.WaitVisible(chromedp.CSS(".ed-body")))
	if eval[bool](b, `document.documentElement.scrollWidth > window.innerWidth`) {
		t.Error("the editor scrolls sideways on a touch tablet")
	}
	call(b, jsCaretEnd, ".ed-body p")
	step("type", key("Mưa lớn ở Dĩ An"))
	call(b, jsSelectText, "Mưa lớn")
	step("tap Đậm", chromedp.Tap(chromedp.CSS(`[data-cmd="bold"]`)))
	call(b, jsSelectText, "Dĩ An")
	step("tap Nghiêng", chromedp.Tap(chromedp.CSS(`[data-cmd="italic"]`)))
	bodyIs(t, b, "after taps", "<p><strong>Mưa lớn</strong> ở <em>Dĩ An</em></p>")
	if !eval[bool](b, `document.querySelector('[data-cmd="italic"]').getAttribute("aria-pressed") === "true"`) {
		t.Error("the Nghiêng button does not show the selection is italic")
	}

	// A picture, then Enter in its caption and credit.
	call(b, jsCaretEnd, ".ed-body p")
	step("pick a picture", chromedp.Tap(chromedp.CSS(`[data-cmd="image"]`)),
		chromedp.WaitVisible(chromedp.CSS("dialog[open] .ed-pick")),
		chromedp.Tap(chromedp.CSS("dialog[open] li:last-child .ed-pick")),
		chromedp.WaitNotPresent(chromedp.CSS("dialog[open]")))
	call(b, jsCaretEnd, ".ed-figure .ed-cap")
	step("Enter in the caption, then in the credit", key(" sáng nay"), enterKey, key(" (BDO)"), enterKey, key("Đoạn sau."))
	p := fx.pictures[0]
	bodyIs(t, b, "after Enter in a caption", fmt.Sprintf(`<p><strong>Mưa lớn</strong> ở <em>Dĩ An</em></p>`+"\n"+
		`<figure><img src="/media/%s" alt="Lễ khánh thành cầu Phú Cường sáng nay" width="64" height="48" loading="lazy">`+
		`<figcaption>Lễ khánh thành cầu Phú Cường sáng nay<cite>Ảnh: Thu Thảo (BDO)</cite></figcaption></figure>`+"\n<p>Đoạn sau.</p>", p.name))

	// Undo takes the typing and then the picture away, step by step.
	for i := 0; i < 10 && strings.Contains(eval[string](b, jsBody), "<figure>"); i++ {
		step("undo", chromedp.Tap(chromedp.CSS(`[data-cmd="undo"]`)))
	}
	bodyIs(t, b, "after undoing the picture", "<p><strong>Mưa lớn</strong> ở <em>Dĩ An</em></p>")
	b.shot("editor-touch-tablet.png")
}

// TestEditorFeaturedPicture: the featured picture field's "choose from the
// library" fills in the picture's id and, when it fits the field and the
// field is empty, its caption; typing another id takes the preview away.
func TestEditorFeaturedPicture(t *testing.T) {
	b, fx := editorTab(t, "8")
	step := b.do
	long := "Toàn cảnh " + strings.Repeat("dòng người đổ về quảng trường ", 20)
	fx.mu.Lock()
	fx.addPicture(pngOf(t, 50, 40, color.RGBA{0x33, 0x66, 0x99, 0xff}), long, "Ảnh: Thu Thảo")
	fx.mu.Unlock()
	pick := func(what, query string) {
		step("open the library for "+what, chromedp.Click(chromedp.CSS(".ed-featured-button")),
			chromedp.WaitVisible(chromedp.CSS("dialog[open] .ed-pick")),
			chromedp.SendKeys(chromedp.CSS("dialog[open] input[type=search]"), query),
			chromedp.Poll[chromedp.Void](`document.querySelectorAll("dialog[open] .ed-pick").length === 1`),
			chromedp.Click(chromedp.CSS("dialog[open] .ed-pick")), chromedp.WaitNotPresent(chromedp.CSS("dialog[open]")))
	}
	field := func(name string) string {
		return eval[string](b, `document.querySelector("#bai-viet").elements.namedItem(`+strconv.Quote(name)+`).value`)
	}

	pick("a caption too long for the field", "quảng trường")
	if id, c := field("anh_dai_dien"), field("chu_thich_anh"); id != "20" || c != "" {
		t.Errorf("after picking a long-captioned picture: id %q caption %q, want 20 and an empty caption", id, c)
	}
	if !eval[bool](b, `!document.querySelector(".ed-featured-preview").hidden`) {
		t.Error("no preview of the chosen picture")
	}

	pick("a caption that fits", "cầu")
	if c := field("chu_thich_anh"); c != "Lễ khánh thành cầu Phú Cường" {
		t.Errorf("caption %q after picking a picture, want its library caption", c)
	}

	// The dialog's close event gives the focus back to the button: wait
	// for it before moving to the field.
	step("back on the button", chromedp.Poll[chromedp.Void](`document.activeElement === document.querySelector(".ed-featured-button")`))
	// The closing dialog hands the focus back on its own schedule, so keys
	// sent now may land on the button: put the new id in as typing does,
	// value then input event.
	eval[bool](b, `(() => { const f = document.querySelector("#anh-dai-dien"); f.value = "5";
		f.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: "5" })); return true; })()`)
	if id := field("anh_dai_dien"); id != "5" {
		t.Fatalf("id field %q after typing 5", id)
	}
	if eval[bool](b, `!document.querySelector(".ed-featured-preview").hidden || document.querySelector(".ed-featured .ed-muted").textContent !== ""`) {
		t.Error("the preview and note of the picked picture stay after typing another id")
	}
}
