package e2e

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/newsroom"
)

const adminPassword = "mật-khẩu-quản-trị-2026"

// newsroomServer is the demo newspaper with the newsroom mounted as serve
// mounts it, and one admin account.
func newsroomServer(t *testing.T) *httptest.Server {
	t.Helper()
	return newPaper(t, paperOptions{demoArticles: 200, seed: 7, accounts: []newsroom.NewAccount{{Username: "quantri",
		DisplayName: "Trần Quản Trị", Role: auth.Admin, Password: adminPassword}}}).srv
}

// TestNewsroomOnTablet: an admin logs in on a tablet, creates a reporter
// limited to the local pages through the form, logs out; the reporter logs
// in and finds their desk.
func TestNewsroomOnTablet(t *testing.T) {
	b := newTab(t)
	srv := newsroomServer(t)
	step, text := b.do, b.text
	truth := func(js string) bool { t.Helper(); return eval[bool](b, js) }
	login := func(user, password, then string) {
		t.Helper()
		step("log in as "+user,
			chromedp.WaitVisible(chromedp.CSS("section.login #ten")),
			chromedp.SendKeys(chromedp.CSS("#ten"), user),
			chromedp.SendKeys(chromedp.CSS("#mk"), password),
			chromedp.Click(chromedp.CSS("section.login button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS(then)))
	}
	noSideways := func(page string) {
		t.Helper()
		if truth(`document.documentElement.scrollWidth > window.innerWidth`) {
			t.Errorf("%s scrolls sideways on an 820 px tablet", page)
		}
	}

	// An iPad in portrait asks for the accounts page, is sent to the login,
	// and comes back to the accounts page.
	step("open the newsroom",
		chromedp.EmulateViewport(820, 1180, chromedp.EmulateScale(2)),
		chromedp.Navigate(srv.URL+"/admin/tai-khoan"))
	login("quantri", adminPassword, "#tao-moi")
	// The stylesheet loaded under the newsroom's CSP.
	if !truth(`getComputedStyle(document.querySelector(".bar")).backgroundColor === "rgb(28, 31, 36)"`) {
		t.Error("newsroom.css did not apply")
	}
	noSideways("the accounts page")

	step("create a reporter",
		chromedp.SendKeys(chromedp.CSS(`form[action="/admin/tai-khoan"] #ten`), "thu.thao"),
		chromedp.SendKeys(chromedp.CSS("#hien-thi"), "Nguyễn Thu Thảo"),
		chromedp.SetValue(chromedp.CSS("#vai-tro"), "reporter"),
		chromedp.Click(chromedp.CSS(`.checks label:first-child input`)),
		chromedp.SendKeys(chromedp.CSS("#mk"), "phóng-viên-địa-phương"),
		chromedp.SendKeys(chromedp.CSS("#mk2"), "phóng-viên-địa-phương"),
		chromedp.Click(chromedp.CSS(`form[action="/admin/tai-khoan"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".notice-ok")))
	if got := text(".notice-ok"); got != "Đã tạo tài khoản thu.thao." {
		t.Errorf("notice %q", got)
	}
	if row := text("tbody"); !strings.Contains(row, "Nguyễn Thu Thảo") || !strings.Contains(row, "Phóng viên") {
		t.Errorf("the new account is not listed: %q", row)
	}
	section := text("tbody tr:last-child td:nth-child(4)")
	if section == "" || section == "Mọi chuyên mục" {
		t.Errorf("the reporter was not limited to a section: %q", section)
	}

	step("log out",
		chromedp.Click(chromedp.CSS(`form[action="/admin/dang-xuat"] button`)),
		chromedp.WaitVisible(chromedp.CSS("section.login .notice-ok")))
	if got := text("section.login .notice-ok"); got != "Bạn đã đăng xuất." {
		t.Errorf("after logout: %q", got)
	}

	login("thu.thao", "phóng-viên-địa-phương", "#ban-la")
	if got := text(".page-title"); got != "Chào Nguyễn Thu Thảo" {
		t.Errorf("desk title %q", got)
	}
	if facts := text(".facts"); !strings.Contains(facts, "Phóng viên") || !strings.Contains(facts, section) {
		t.Errorf("desk facts %q, want the role and %q", facts, section)
	}
	if menu := text(".tabs"); strings.Contains(menu, "Tài khoản") || strings.Contains(menu, "Nhật ký") {
		t.Errorf("a reporter's menu offers %q", menu)
	}
	noSideways("the desk")
	b.shot("newsroom-desk.png")
}
