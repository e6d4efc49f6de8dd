package e2e

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/newsroom"
	"github.com/toasoan/toasoan/store"
)

const editorPassword = "mật-khẩu-thư-ký-2026"

// paperServer is a demo newspaper of 200 articles served as serve serves it:
// the newsroom mounted, the page cache on (for an hour here, so that only
// the newsroom's invalidation can explain a fresh page), with the accounts.
func paperServer(t *testing.T, seed int64, accounts ...newsroom.NewAccount) (*httptest.Server, store.Store) {
	t.Helper()
	p := newPaper(t, paperOptions{demoArticles: 200, seed: seed, accounts: accounts, cacheTTL: time.Hour})
	return p.srv, p.st
}

// TestManagingEditorSetsTopStory: a managing editor logs in, finds an older
// article by its headline, makes it the top story, and the reader's home
// page shows it as the top story at once, though the site keeps rendered
// pages for an hour.
func TestManagingEditorSetsTopStory(t *testing.T) {
	b := newTab(t)
	srv, st := paperServer(t, 11, newsroom.NewAccount{Username: "thuky", DisplayName: "Lê Thư Ký",
		Role: auth.ManagingEditor, Password: editorPassword})
	ctx := context.Background()

	// An older pictured article, well down the home page's automatic choice.
	older, err := st.Teasers(ctx, store.TeaserQuery{Now: time.Now(), WithPicture: true, Offset: 12, Limit: 1})
	if err != nil || len(older) != 1 {
		t.Fatalf("no older article: %v", err)
	}
	target := older[0]

	step, text := b.do, b.text
	step("read the home page",
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(".top-title")))
	before := text(".top-title")
	if before == target.Title {
		t.Fatalf("%q is already the top story", before)
	}

	step("log in as the managing editor",
		chromedp.Navigate(srv.URL+"/admin/trang-chu"),
		chromedp.WaitVisible(chromedp.CSS("section.login #ten")),
		chromedp.SendKeys(chromedp.CSS("#ten"), "thuky"),
		chromedp.SendKeys(chromedp.CSS("#mk"), editorPassword),
		chromedp.Click(chromedp.CSS("section.login button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#sap-xep")))
	pick := `button[value="chinh:` + strconv.FormatInt(target.ID, 10) + `"]`
	step("find the article by its headline",
		chromedp.SendKeys(chromedp.CSS("#tim"), target.Title),
		chromedp.Submit(chromedp.CSS("#tim")),
		chromedp.WaitVisible(chromedp.CSS(pick)))
	step("make it the top story",
		chromedp.Click(chromedp.CSS(pick)),
		chromedp.WaitVisible(chromedp.CSS(".notice-ok")))
	if got := text(".slot-top .slot-title"); got != target.Title {
		t.Errorf("the top slot shows %q, want %q", got, target.Title)
	}
	b.shot("home-arrangement.png")

	// A reader arriving now gets the new home page from the server.
	res, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(page), `class="top-title"><a href="`+content.ArticlePath(target.Slug, target.ID)+`">`) {
		t.Error("the server still sends the old home page")
	}
	// The home page may be kept by the browser for a second: reload, as an
	// editor checking their change would.
	step("read the home page again",
		chromedp.Navigate(srv.URL+"/"),
		chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS(".top-title")))
	if got := text(".top-title"); got != target.Title {
		t.Errorf("the home page's top story is %q, want %q", got, target.Title)
	}
	if href := eval[string](b, `document.querySelector(".top-title a").getAttribute("href")`); href != content.ArticlePath(target.Slug, target.ID) {
		t.Errorf("top story links to %q", href)
	}
	// Shown once: not again among the featured or latest.
	if n := eval[int](b, `document.querySelectorAll('a[href="`+content.ArticlePath(target.Slug, target.ID)+`"]').length`); n != 2 {
		t.Errorf("the top story has %d links on the page, want 2 (picture and headline)", n)
	}
	b.shot("home-top-story.png")
}

// TestAdminRunsThePaper: an admin on a tablet adds a section, changes the
// editor-in-chief in the imprint and gives a reporter a byline; the reader
// site's menu and footer follow at once.
func TestAdminRunsThePaper(t *testing.T) {
	b := newTab(t)
	srv, _ := paperServer(t, 7, newsroom.NewAccount{Username: "quantri", DisplayName: "Trần Quản Trị",
		Role: auth.Admin, Password: adminPassword})
	step, text := b.do, b.text
	step("log in as the admin",
		chromedp.EmulateViewport(820, 1180, chromedp.EmulateScale(2)),
		chromedp.Navigate(srv.URL+"/admin/chuyen-muc"),
		chromedp.WaitVisible(chromedp.CSS("section.login #ten")),
		chromedp.SendKeys(chromedp.CSS("#ten"), "quantri"),
		chromedp.SendKeys(chromedp.CSS("#mk"), adminPassword),
		chromedp.Click(chromedp.CSS("section.login button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#tao-muc")))
	step("create a section",
		chromedp.SendKeys(chromedp.CSS("#ten-moi"), "Đời sống – Xã hội"),
		chromedp.Click(chromedp.CSS(`form[action="/admin/chuyen-muc"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".notice-ok")))
	if got := text(".notice-ok"); got != "Đã tạo chuyên mục “Đời sống – Xã hội”." {
		t.Errorf("notice %q", got)
	}
	if eval[bool](b, `document.documentElement.scrollWidth > window.innerWidth`) {
		t.Error("the sections page scrolls sideways on a tablet")
	}
	b.shot("admin-sections.png")

	step("change the editor-in-chief",
		chromedp.Navigate(srv.URL+"/admin/cau-hinh"),
		chromedp.WaitVisible(chromedp.ID("press-editor_in_chief")),
		chromedp.SetValue(chromedp.ID("press-editor_in_chief"), "Phạm Thị Tổng Biên Tập"),
		chromedp.SetValue(chromedp.ID("press-email"), "khong-phai-email"),
		chromedp.Click(chromedp.CSS(`form[action="/admin/cau-hinh"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".field-message")))
	if got := text(".field-message"); got != "Địa chỉ email không hợp lệ (ví dụ: toasoan@baobinhduong.vn)." {
		t.Errorf("email refusal %q", got)
	}
	b.shot("admin-settings-error.png")
	step("fix the email and save",
		chromedp.SetValue(chromedp.ID("press-email"), "toasoan@example.vn"),
		chromedp.Click(chromedp.CSS(`form[action="/admin/cau-hinh"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".notice-ok")))

	step("read the site",
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("footer")))
	if footer := text("footer"); !strings.Contains(footer, "Tổng biên tập: Phạm Thị Tổng Biên Tập") {
		t.Errorf("footer %q", footer)
	}
	if !eval[bool](b, `!!document.querySelector('a[href="/doi-song-xa-hoi/"]')`) {
		t.Error("the new section is not in the site's menu")
	}

	step("give the admin a byline",
		chromedp.Navigate(srv.URL+"/admin/tai-khoan"),
		chromedp.WaitVisible(chromedp.CSS(`a[aria-label="Sửa tài khoản quantri"]`)),
		chromedp.Click(chromedp.CSS(`a[aria-label="Sửa tài khoản quantri"]`)),
		chromedp.WaitVisible(chromedp.CSS("#tac-gia")),
		chromedp.SetValue(chromedp.CSS("#tac-gia"), "moi"),
		chromedp.Click(chromedp.CSS(`#thong-tin ~ form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".notice-ok")))
	if got := eval[string](b, `document.querySelector("#tac-gia").selectedOptions[0].text`); got != "Trần Quản Trị" {
		t.Errorf("linked author %q", got)
	}
	b.shot("admin-account.png")
}
