package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/toasoan/toasoan/viet"
)

// TestSearchInBrowser types into the masthead search box: headlines are
// offered as a listbox under the page's CSP, the arrow keys and Enter open
// one, and the plain form leads to a results page that fits a phone.
func TestSearchInBrowser(t *testing.T) {
	b := newTab(t)
	srv := demoServer(t)
	step := func(steps ...chromedp.Action[chromedp.Void]) { t.Helper(); b.do("search", steps...) }
	str := func(js string) string { t.Helper(); return eval[string](b, js) }

	step(chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(".top-story")))
	title := str(`document.querySelector(".top-title a").textContent.trim()`)
	// Typed without diacritics, the last word unfinished.
	full := []rune(viet.Fold(title))
	typed := string(full[:len(full)-2])
	step(chromedp.SendKeys(chromedp.CSS("#tim-kiem-nhanh"), typed),
		chromedp.WaitVisible(chromedp.CSS(".masthead-search .suggest-list li[role=option]")))
	if got := str(`document.querySelector("#tim-kiem-nhanh").getAttribute("aria-expanded")`); got != "true" {
		t.Errorf("aria-expanded = %q while the list shows", got)
	}
	options := str(`[...document.querySelectorAll(".masthead-search [role=option]")].map(o => o.textContent).join("\n")`)
	if !strings.Contains(options, title) {
		t.Fatalf("typing %q offers\n%s\nnot %q", typed, options, title)
	}
	// Escape closes the list and keeps the text; typing opens it again.
	step(chromedp.KeyEvent(kb.Escape))
	if str(`String(document.querySelector(".masthead-search .suggest-list").hidden)`) != "true" ||
		str(`document.querySelector("#tim-kiem-nhanh").value`) != typed {
		t.Error("Escape did not just close the list")
	}
	step(chromedp.SendKeys(chromedp.CSS("#tim-kiem-nhanh"), string(full[len(full)-2])),
		chromedp.WaitVisible(chromedp.CSS(".masthead-search .suggest-list li[role=option]")))
	step(chromedp.KeyEvent(kb.ArrowDown))
	first := str(`document.querySelector(".masthead-search [role=option]").textContent`)
	if got := str(`document.querySelector("#tim-kiem-nhanh").getAttribute("aria-activedescendant")`); got == "" ||
		got != str(`document.querySelector(".masthead-search [aria-selected=true]").id`) {
		t.Errorf("aria-activedescendant %q does not name the selected option", got)
	}
	step(chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.CSS("h1.article-title")))
	if got := str(`document.querySelector("h1.article-title").textContent.trim()`); got != first {
		t.Errorf("Enter on %q opened %q", first, got)
	}

	// The form itself, on a phone: a results page with marked matches.
	step(chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile),
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("#tim-kiem-nhanh")),
		chromedp.SendKeys(chromedp.CSS("#tim-kiem-nhanh"), viet.Fold(strings.Join(strings.Fields(title)[:2], " "))),
		chromedp.Submit(chromedp.CSS("#tim-kiem-nhanh")),
		chromedp.WaitVisible(chromedp.CSS(".search-count")))
	if got := str(`document.querySelector(".search-count").textContent`); !strings.HasPrefix(got, "Tìm thấy ") {
		t.Errorf("results page says %q", got)
	}
	if got := str(`String(document.querySelectorAll(".search-hit mark").length)`); got == "0" {
		t.Error("no marked match on the results page")
	}
	if str(`String(document.documentElement.scrollWidth > window.innerWidth)`) == "true" {
		t.Error("the results page scrolls sideways on a 390 px phone")
	}
	b.shot("search-phone.png")
}
