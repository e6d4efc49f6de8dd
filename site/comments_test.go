package site

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/comments"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/diacritics"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/store/sqlite"
)

type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// commentSite is a site with the page cache on and comments taken.
type commentSite struct {
	t      testing.TB
	st     *sqlite.Store
	cs     *comments.Service
	h      http.Handler
	clock  *testClock
	sec    content.Category
	a      *content.Article
	editor *store.User
}

func newCommentSite(t testing.TB) *commentSite {
	t.Helper()
	dir := t.TempDir()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "t.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c := &commentSite{t: t, st: st, clock: &testClock{t: time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)}}
	c.sec = content.Category{Code: "thoi-su", Name: "Thời sự"}
	noErr(t, st.CreateCategory(ctx, &c.sec))
	noErr(t, st.SetSettings(ctx, map[string]string{content.SettingSiteName: "BDO"}))
	pub := c.clock.Now().Add(-time.Hour)
	c.a = &content.Article{Lang: "vi", Title: "Hiệu quả từ công tác luân chuyển cán bộ", Slug: "hieu-qua-tu-cong-tac-luan-chuyen-can-bo",
		Sapo: "Sapo.", Body: "<p>Bài.</p>", Status: content.StatusPublished, CategoryID: c.sec.ID, CreatedAt: pub, UpdatedAt: pub, PublishedAt: pub}
	noErr(t, st.CreateArticles(ctx, []*content.Article{c.a}))
	c.editor = &store.User{Username: "bientap", DisplayName: "Biên tập", Role: auth.Editor, PasswordHash: "x", CreatedAt: pub}
	noErr(t, st.CreateUser(ctx, c.editor, store.AuditEntry{At: pub, Action: auth.EventUserCreate}))
	c.cs, err = comments.New(comments.Config{Store: st, Dir: filepath.Join(dir, "attachments"),
		Secret: []byte("khoa-thu-nghiem-cho-trang-bao-32b"), Now: c.clock.Now, Limits: comments.Limits{PerIP: -1, PerEmail: -1}})
	noErr(t, err)
	s, err := New(Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: c.clock.Now,
		CacheTTL: time.Hour, Comments: c.cs})
	noErr(t, err)
	c.h = s.Handler()
	return c
}

func noErr(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func (c *commentSite) get(path string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	c.h.ServeHTTP(w, httptest.NewRequest("GET", "http://bao.test"+path, nil))
	return w
}

var tokenRE = regexp.MustCompile(`name="t" value="([^"]+)"`)

// post sends the article's form as a browser would, a few seconds after
// loading the page.
func (c *commentSite) post(fields map[string]string, files map[string][]byte) *httptest.ResponseRecorder {
	c.t.Helper()
	page := c.get(c.a.Path()).Body.String()
	m := tokenRE.FindStringSubmatch(page)
	if m == nil {
		c.t.Fatal("no form token on the article page")
	}
	c.clock.Add(10 * time.Second)
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("t", m[1])
	for _, k := range slices.Sorted(mapKeys(fields)) {
		mw.WriteField(k, fields[k])
	}
	for name, data := range files {
		w, _ := mw.CreateFormFile("tep", name)
		w.Write(data)
	}
	mw.Close()
	r := httptest.NewRequest("POST", "http://bao.test/y-kien/"+itoa(c.a.ID), &buf)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	w := httptest.NewRecorder()
	c.h.ServeHTTP(w, r)
	return w
}

func mapKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func plain(s string) string {
	return strings.Join(strings.Fields(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(s, " ")), " ")
}

func TestCommentFormPromises(t *testing.T) {
	c := newCommentSite(t)
	res := c.get(c.a.Path())
	body := res.Body.String()
	for _, want := range []string{
		"BDO sẽ biên tập ý kiến của bạn đọc trước khi xuất bản",
		"Vui lòng gõ tiếng Việt có dấu",
		"Gửi file đính kèm không quá 10MB",
		`enctype="multipart/form-data"`, `action="/y-kien/` + itoa(c.a.ID) + `"`, `name="website"`,
		checkJSPath, "/static/comments.",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("article page lacks %q", want)
		}
	}
	js := c.get(checkJSPath)
	if js.Code != 200 || !strings.HasPrefix(js.Header().Get("Content-Type"), "text/javascript") ||
		!strings.Contains(js.Body.String(), "ToasoanDiacritics") {
		t.Errorf("check.js: %d %s", js.Code, js.Header().Get("Content-Type"))
	}
	if res := c.get("/static/" + mustHashed(t, "comments.js")); res.Code != 200 || !strings.Contains(res.Body.String(), "suggestion-accept") {
		t.Errorf("comments.js: %d", res.Code)
	}
}

// TestCommentWithoutJavaScript walks the form as a browser without
// scripts: a refusal answers with the reason and the text kept; a good
// comment is committed, acknowledged with a 303, not public until approved,
// and approving it shows it at once despite the page cache.
func TestCommentWithoutJavaScript(t *testing.T) {
	c := newCommentSite(t)
	c.cs.SetModel(diacritics.Train(slices.Values([]string{"Bài viết rất hay, cảm ơn tòa soạn đã đưa tin."}), diacritics.TrainOptions{}))
	fields := map[string]string{"ten": "Nguyễn Văn An", "email": "an@example.vn", "noi_dung": "Bai viet rat hay, cam on toa soan da dua tin."}
	res := c.post(fields, nil)
	if res.Code != http.StatusUnprocessableEntity || res.Header().Get("Cache-Control") != "no-store" {
		t.Fatalf("toneless: %d %v", res.Code, res.Header())
	}
	if body := plain(res.Body.String()); !strings.Contains(body, "Vui lòng gõ tiếng Việt có dấu: bình luận viết không dấu") ||
		!strings.Contains(body, "Bài viết rất hay, cảm ơn tòa soạn đã đưa tin.") ||
		!strings.Contains(res.Body.String(), ">Bai viet rat hay, cam on toa soan da dua tin.</textarea>") ||
		!strings.Contains(res.Body.String(), `value="an@example.vn"`) {
		t.Errorf("refusal page: %s", body)
	}

	before := c.get(c.a.Path()).Body.String() // now cached
	fields["noi_dung"] = "Bài viết rất hay. <script>alert(1)</script>\nDòng hai: https://example.vn"
	res = c.post(fields, map[string][]byte{"anh.png": []byte("\x89PNG\r\n\x1a\nxyz")})
	if res.Code != http.StatusSeeOther || res.Header().Get("Location") != c.a.Path()+"?y-kien=da-gui#y-kien" {
		t.Fatalf("accepted: %d %q %s", res.Code, res.Header().Get("Location"), plain(res.Body.String()))
	}
	list, err := c.st.Comments(ctx, store.CommentQuery{})
	noErr(t, err)
	if len(list) != 1 || list[0].Status != content.CommentPending {
		t.Fatalf("stored %+v", list)
	}
	ack := plain(c.get(c.a.Path() + "?y-kien=da-gui").Body.String())
	if !strings.Contains(ack, "Cảm ơn bạn đã gửi ý kiến. BDO sẽ biên tập") || strings.Contains(ack, "Bài viết rất hay.") {
		t.Errorf("acknowledgement: %s", ack)
	}
	// Approving behind the service's back: the cached page stays as it was.
	noErr(t, c.st.ModerateComments(ctx, []store.CommentChange{{ID: list[0].ID, Status: content.CommentPending, At: c.clock.Now(),
		Audit: store.AuditEntry{Action: "test.noop"}}}))
	if got := c.get(c.a.Path()).Body.String(); got != before {
		t.Fatal("the page cache is off: the invalidation test proves nothing")
	}
	// Approving through the service drops the cached pages.
	noErr(t, c.cs.Moderate(ctx, comments.Moderator{User: c.editor}, comments.Step{IDs: []int64{list[0].ID}, Status: content.CommentApproved}))
	page := c.get(c.a.Path())
	html := page.Body.String()
	if !strings.Contains(html, "Bài viết rất hay. &lt;script&gt;alert(1)&lt;/script&gt;\nDòng hai: https://example.vn") ||
		strings.Contains(html, `<a href="https://example.vn`) || !strings.Contains(plain(html), "· 1 ý kiến") ||
		!strings.Contains(plain(html), "Ý kiến bạn đọc (1)") || strings.Contains(plain(html), "đã biên tập") {
		t.Errorf("approved comment on the page: %s", plain(html))
	}
	if !strings.Contains(plain(c.get("/thoi-su/").Body.String()), "1 ý kiến") {
		t.Error("no count in the section listing")
	}
	if !strings.Contains(plain(c.get("/").Body.String()), "1 ý kiến") {
		t.Error("no count on the home page")
	}
}

func TestCommentRepliesAndEdits(t *testing.T) {
	c := newCommentSite(t)
	by := comments.Moderator{User: c.editor}
	add := func(parent int64, name, body string, at time.Duration) *content.Comment {
		cm := &content.Comment{ArticleID: c.a.ID, ParentID: parent, Status: content.CommentPending, Name: name, Email: "x@example.vn",
			Body: body, CreatedAt: c.clock.Now().Add(at)}
		noErr(t, c.st.CreateComment(ctx, cm))
		return cm
	}
	first := add(0, "Người thứ nhất", "Ý kiến đầu tiên.", 0)
	second := add(0, "Người thứ hai", "Ý kiến sau.", time.Minute)
	reply := add(first.ID, "Người trả lời", "Trả lời ý kiến đầu.", 2*time.Minute)
	noErr(t, c.cs.Moderate(ctx, by, comments.Step{IDs: []int64{second.ID, reply.ID}, Status: content.CommentApproved}))
	noErr(t, c.cs.Moderate(ctx, by, comments.Step{IDs: []int64{first.ID}, Status: content.CommentApproved, Body: "Ý kiến đầu tiên, đã sửa."}))
	html := c.get(c.a.Path()).Body.String()
	i1, i2, ir := strings.Index(html, "Ý kiến đầu tiên, đã sửa."), strings.Index(html, "Ý kiến sau."), strings.Index(html, "Trả lời ý kiến đầu.")
	if i1 < 0 || i2 < 0 || ir < 0 || !(i1 < ir && ir < i2) {
		t.Errorf("order: first %d, reply %d, second %d", i1, ir, i2)
	}
	if strings.Count(html, `class="comment-edited"`) != 1 || !strings.Contains(html, "comment-replies") ||
		!strings.Contains(plain(html), "Ý kiến bạn đọc (3)") || strings.Contains(html, "Ý kiến đầu tiên.") {
		t.Errorf("page: %s", plain(html))
	}
	form := plain(c.get(c.a.Path() + "?tra-loi=" + itoa(first.ID)).Body.String())
	if !strings.Contains(form, "Trả lời ý kiến của Người thứ nhất") {
		t.Errorf("reply form: %s", form)
	}
}

func TestCommentSuggestEndpoint(t *testing.T) {
	c := newCommentSite(t)
	c.cs.SetModel(diacritics.Train(slices.Values([]string{"Cảm ơn tòa soạn đã đưa tin rất nhanh."}), diacritics.TrainOptions{}))
	r := httptest.NewRequest("POST", "http://bao.test/y-kien/goi-y", strings.NewReader(url.Values{"noi_dung": {"cam on toa soan da dua tin rat nhanh"}}.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	c.h.ServeHTTP(w, r)
	var sg comments.Suggestion
	if err := json.Unmarshal(w.Body.Bytes(), &sg); err != nil || w.Code != 200 || w.Header().Get("Cache-Control") != "no-store" {
		t.Fatalf("%d %s %v", w.Code, w.Body, err)
	}
	if !sg.Missing || sg.Restored != "cảm ơn tòa soạn đã đưa tin rất nhanh" {
		t.Errorf("suggestion %+v", sg)
	}
	r = httptest.NewRequest("POST", "http://bao.test/y-kien/goi-y", strings.NewReader("noi_dung="+strings.Repeat("a", 70000)))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w = httptest.NewRecorder()
	c.h.ServeHTTP(w, r)
	if w.Code != http.StatusBadRequest {
		t.Errorf("oversized: %d", w.Code)
	}
	// Not for a draft or a missing article.
	if res := c.post(map[string]string{"ten": "A"}, nil); res.Code == http.StatusNotFound {
		t.Error("published article refused")
	}
	w = httptest.NewRecorder()
	c.h.ServeHTTP(w, httptest.NewRequest("POST", "http://bao.test/y-kien/999999", strings.NewReader("")))
	if w.Code != http.StatusNotFound {
		t.Errorf("missing article: %d", w.Code)
	}
}

func TestCommentLinksOnlyWhenAllowed(t *testing.T) {
	c := newCommentSite(t)
	cm := &content.Comment{ArticleID: c.a.ID, Status: content.CommentPending, Name: "A", Email: "a@example.vn",
		Body: "Xem https://example.vn/bai?a=1&b=2. Hoặc javascript:alert(1) và <a href=\"https://x.vn\">x</a>", CreatedAt: c.clock.Now()}
	noErr(t, c.st.CreateComment(ctx, cm))
	by := comments.Moderator{User: c.editor}
	noErr(t, c.cs.Moderate(ctx, by, comments.Step{IDs: []int64{cm.ID}, Status: content.CommentApproved}))
	html := c.get(c.a.Path()).Body.String()
	if strings.Contains(html, `href="https://example.vn`) || !strings.Contains(html, "Xem https://example.vn/bai?a=1&amp;b=2.") {
		t.Errorf("a link shown before an editor allowed it")
	}
	allow := true
	noErr(t, c.cs.Moderate(ctx, by, comments.Step{IDs: []int64{cm.ID}, AllowLinks: &allow}))
	html = c.get(c.a.Path()).Body.String()
	if !strings.Contains(html, `<a href="https://example.vn/bai?a=1&amp;b=2" rel="nofollow ugc noopener" target="_blank">https://example.vn/bai?a=1&amp;b=2</a>.`) {
		t.Errorf("allowed link: %s", html[strings.Index(html, "comment-text"):][:400])
	}
	if strings.Contains(html, `href="javascript`) || strings.Contains(html, `<a href="https://x.vn">`) {
		t.Error("markup or a script address became a link")
	}
	// Approving again from the queue keeps the editor's choice.
	noErr(t, c.cs.Moderate(ctx, by, comments.Step{IDs: []int64{cm.ID}, Status: content.CommentApproved}))
	if got, _ := c.st.Comment(ctx, cm.ID); !got.LinksAllowed {
		t.Error("a later approval dropped the links choice")
	}
}

// TestCommentHugeUploadThroughSite streams a 2 GB attachment to the real
// route: the site answers 413 with the Vietnamese page and closes the
// connection after about 10 MB.
func TestCommentHugeUploadThroughSite(t *testing.T) {
	c := newCommentSite(t)
	srv := httptest.NewServer(c.h)
	defer srv.Close()
	m := tokenRE.FindStringSubmatch(c.get(c.a.Path()).Body.String())
	c.clock.Add(10 * time.Second)
	pr, pw := io.Pipe()
	var written int64
	mw := multipart.NewWriter(writerFunc(func(p []byte) (int, error) {
		n, err := pw.Write(p)
		written += int64(n)
		return n, err
	}))
	done := make(chan struct{})
	go func() {
		defer close(done)
		for k, v := range map[string]string{"t": m[1], "ten": "An", "email": "an@example.vn", "noi_dung": "Ảnh rất lớn."} {
			if mw.WriteField(k, v) != nil {
				return
			}
		}
		w, err := mw.CreateFormFile("tep", "lon.jpg")
		if err != nil {
			return
		}
		chunk := make([]byte, 1<<20)
		copy(chunk, "\xff\xd8\xff")
		for range 2048 {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
		mw.Close()
		pw.Close()
	}()
	req, _ := http.NewRequest("POST", srv.URL+"/y-kien/"+itoa(c.a.ID), pr)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := http.DefaultClient.Do(req)
	if err == nil {
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(plain(string(body)), "không được quá 10MB") {
			t.Errorf("answer %d: %s", res.StatusCode, plain(string(body)))
		}
	}
	pr.CloseWithError(io.ErrClosedPipe)
	<-done
	if written > 64<<20 {
		t.Errorf("the site read %d MB of a 2 GB body", written>>20)
	}
	t.Logf("cut off after %.1f MB", float64(written)/(1<<20))
	if list, _ := c.st.Comments(ctx, store.CommentQuery{}); len(list) != 0 {
		t.Errorf("%d comments stored", len(list))
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

func TestCommentNoticeFromSettings(t *testing.T) {
	c := newCommentSite(t)
	noErr(t, c.st.SetSettings(ctx, map[string]string{content.SettingCommentsWarning: "Tòa soạn duyệt mọi ý kiến trước khi đăng."}))
	s, err := New(Config{Store: c.st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: c.clock.Now, Comments: c.cs})
	noErr(t, err)
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, httptest.NewRequest("GET", c.a.Path(), nil))
	if rules := plain(w.Body.String()); !strings.Contains(rules, "Tòa soạn duyệt mọi ý kiến trước khi đăng.") || strings.Contains(rules, "BDO sẽ biên tập") {
		t.Errorf("notice: %s", rules)
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
