package e2e

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// browser starts headless Chromium, or skips the test when there is none and
// the environment does not demand one.
func browser(t *testing.T) context.Context {
	t.Helper()
	path := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		if os.Getenv("TOASOAN_E2E") == "1" {
			t.Fatal("TOASOAN_E2E=1 but no chromium is installed")
		}
		t.Skip("no chromium installed; set TOASOAN_E2E=1 to require it")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	bctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(bctx, 90*time.Second)
	t.Cleanup(cancel3)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// artifacts is where screenshots are kept for people to look at.
func artifacts(t *testing.T) string {
	dir := filepath.Join("..", "testdata-artifacts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func demoServer(t *testing.T) *httptest.Server {
	t.Helper()
	return newPaper(t, paperOptions{demoArticles: 400, seed: 7}).srv
}

// TestReaderOnPhone reads the demo newspaper as a phone would: the home page
// fits the screen, an article opens with its stamp, the copy-link button
// works under the page's CSP, and a section paginates.
func TestReaderOnPhone(t *testing.T) {
	b := newTab(t)
	srv := demoServer(t)
	step := func(steps ...chromedp.Action[chromedp.Void]) { t.Helper(); b.do("reader", steps...) }
	truth := func(js string) bool { t.Helper(); return eval[bool](b, js) }
	text, shot := b.text, b.shot

	step(chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile),
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(".top-story")))
	if truth(`document.documentElement.scrollWidth > window.innerWidth`) {
		t.Error("the home page scrolls sideways on a 390 px phone")
	}
	shot("home-phone.png")
	link, err := chromedp.Run(b.ctx, chromedp.AttributeValue(chromedp.CSS(".top-title a"), "href"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(link.Value, ".html") {
		t.Errorf("top story link %q", link.Value)
	}
	step(chromedp.Click(chromedp.CSS(".top-title a")), chromedp.WaitVisible(chromedp.CSS("h1.article-title")))
	title, stamp := text("h1.article-title"), text(".article-meta")
	if title == "" || !strings.HasPrefix(stamp, "Cập nhật: ") || len(stamp) != len("Cập nhật: 25-01-2022 | 07:11:58") {
		t.Errorf("article page: title %q, stamp %q", title, stamp)
	}
	if truth(`document.documentElement.scrollWidth > window.innerWidth`) {
		t.Error("the article page scrolls sideways on a 390 px phone")
	}
	// The copy-link button is shown only by the script: that it is visible
	// proves the external script ran under the CSP.
	if truth(`document.querySelector("button.copy-link").hidden`) {
		t.Error("copy-link button still hidden: site.js did not run")
	}
	shot("article-phone.png")

	step(chromedp.Navigate(srv.URL+"/chuyen-trang-dia-phuong/"),
		chromedp.WaitVisible(chromedp.CSS(".pager")),
		chromedp.Click(chromedp.CSS("a.pager-next")),
		chromedp.WaitVisible(chromedp.CSS(".pager span[aria-current]")))
	if info := text(".list-count"); !strings.Contains(info, "trang 2/") {
		t.Errorf("after next page: %q", info)
	}
	shot("section-phone.png")
}

// TestErrorPageInBrowser opens a missing article: the designed Vietnamese
// page, with no technical detail.
func TestErrorPageInBrowser(t *testing.T) {
	ctx := browser(t)
	srv := demoServer(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/khong-co-bai-nay-987654321.html")); err != nil {
		t.Fatal(err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "Không tìm thấy trang") || !strings.Contains(text, "Mã yêu cầu") {
		t.Errorf("404 page text: %q", text)
	}
}
