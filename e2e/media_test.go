package e2e

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/newsroom"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/store/sqlite"
)

const librarianPassword = "mật-khẩu-biên-tập-2026"

// libraryServer is an empty newspaper with one editor, as serve mounts it.
func libraryServer(t *testing.T) (*httptest.Server, *sqlite.Store) {
	t.Helper()
	p := newPaper(t, paperOptions{accounts: []newsroom.NewAccount{{Username: "bientap", DisplayName: "Lê Biên Tập",
		Role: auth.Editor, Password: librarianPassword}}})
	return p.srv, p.st
}

// TestMediaLibrary: an editor uploads a photo through the plain form,
// sets its focal point by clicking on it (media.js), saves, and finds it
// again by typing its caption without diacritics.
func TestMediaLibrary(t *testing.T) {
	b := newTab(t)
	srv, st := libraryServer(t)
	step := b.do

	// A 1600 × 900 photo: sky above, a red roof at the right.
	img := image.NewRGBA(image.Rect(0, 0, 1600, 900))
	for y := 0; y < 900; y++ {
		for x := 0; x < 1600; x++ {
			c := color.RGBA{uint8(60 + y/6), uint8(120 + y/10), 200, 255}
			if x > 1200 && y > 150 && y < 350 {
				c = color.RGBA{190, 40, 30, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	photo := filepath.Join(t.TempDir(), "IMG_2041.JPG")
	if err := os.WriteFile(photo, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	step("open the library",
		chromedp.EmulateViewport(820, 1180, chromedp.EmulateScale(2)),
		chromedp.Navigate(srv.URL+"/admin/thu-vien"),
		chromedp.WaitVisible(chromedp.CSS("section.login #ten")),
		chromedp.SendKeys(chromedp.CSS("#ten"), "bientap"),
		chromedp.SendKeys(chromedp.CSS("#mk"), librarianPassword),
		chromedp.Click(chromedp.CSS("section.login button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#tai-anh")))
	step("upload a photo",
		chromedp.SetUploadFiles(chromedp.CSS("#tep"), []string{photo}),
		chromedp.SendKeys(chromedp.CSS("#chu-thich"), "Mái nhà đỏ bên cầu Phú Cường"),
		chromedp.SendKeys(chromedp.CSS("#nguon"), "Ảnh: Thu Thảo"),
		chromedp.Click(chromedp.CSS(`form[data-upload-form] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("[data-focal-picker] img")))
	if got := b.text(".notice-ok"); !strings.Contains(got, "Đã tải ảnh lên thư viện") {
		t.Errorf("after upload: %q", got)
	}
	if !eval[bool](b, `(() => { const m = document.querySelector("[data-focal-mark]"); return !m.hidden })()`) {
		t.Error("the focal mark is not shown: media.js did not run")
	}
	// Wait for the picture, then click on the roof: 85% across, 28% down.
	step("wait for the picture", chromedp.Poll[chromedp.Void](`document.querySelector("[data-focal-picker] img").complete`))
	box := eval[[]float64](b, `(() => { const r = document.querySelector("[data-focal-picker] img").getBoundingClientRect(); return [r.left, r.top, r.width, r.height] })()`)
	step("click on the roof",
		chromedp.MouseClickXY(box[0]+0.85*box[2], box[1]+0.28*box[3]))
	x := eval[string](b, `document.querySelector("#tieu-diem-x").value`)
	y := eval[string](b, `document.querySelector("#tieu-diem-y").value`)
	if x != "85" || y != "28" {
		t.Errorf("focal fields after the click: %s, %s; want 85, 28", x, y)
	}
	b.shot("media-focal-point.png")
	step("save",
		// The upload's notice goes, so that the one waited for is the next page's.
		chromedp.Evaluate[chromedp.Void](`document.querySelector(".notice-ok").remove()`),
		chromedp.Click(chromedp.CSS(`form[data-focal-form] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".notice-ok")))
	if got := b.text(".notice-ok"); got != "Đã lưu." {
		t.Errorf("after saving: %q", got)
	}
	items, err := st.LibraryMedia(context.Background(), store.MediaQuery{})
	if err != nil || len(items) != 1 {
		t.Fatalf("library: %v %v", items, err)
	}
	m := items[0]
	if math.Abs(m.FocalX-0.85) > 0.001 || math.Abs(m.FocalY-0.28) > 0.001 || m.Caption != "Mái nhà đỏ bên cầu Phú Cường" {
		t.Errorf("stored %v,%v %q", m.FocalX, m.FocalY, m.Caption)
	}
	// The square crop now shows the roof around the focal point.
	red := eval[bool](b, `(() => {
		const img = document.querySelector(".crops figure:last-child img");
		const c = document.createElement("canvas"); c.width = img.naturalWidth; c.height = img.naturalHeight;
		const g = c.getContext("2d"); g.drawImage(img, 0, 0);
		const p = g.getImageData(c.width * 0.75, c.height * 0.28, 1, 1).data; // where the point falls once the crop meets the right edge
		return p[0] > 150 && p[2] < 100;
	})()`)
	if !red {
		t.Error("the square crop does not keep the focal point")
	}

	step("search without diacritics",
		chromedp.Navigate(srv.URL+"/admin/thu-vien"),
		chromedp.WaitVisible(chromedp.CSS("#tim-anh")),
		chromedp.SendKeys(chromedp.CSS("#tim-anh"), "mai nha do cau phu cuong"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector(".media-grid").remove()`),
		chromedp.Submit(chromedp.CSS("#tim-anh")),
		chromedp.WaitVisible(chromedp.CSS(".media-card")))
	if got := b.text(".media-card"); !strings.Contains(got, "Mái nhà đỏ bên cầu Phú Cường") || !strings.Contains(got, "Ảnh: Thu Thảo") {
		t.Errorf("search result %q", got)
	}
	b.shot("media-library.png")
}

// TestPhoneDownloadsPhoneSizedPictures: on a 390 px phone at two device
// pixels per CSS pixel, the browser picks renditions from srcset, not the
// masters: the top story's 3:2 crop and the article's picture are at most
// 800 px wide, and large enough to be sharp.
func TestPhoneDownloadsPhoneSizedPictures(t *testing.T) {
	b := newTab(t)
	srv := demoServer(t)
	b.do("open the home page on a phone",
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile),
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(".top-story")),
		chromedp.Poll[chromedp.Void](`document.querySelector(".top-pic img").complete`))
	type pic struct {
		Src, Current string
		Natural, Box float64
		Ratio        float64
	}
	probe := func(sel string) pic {
		t.Helper()
		// naturalWidth is corrected for the chosen density; the file's own
		// width is the w descriptor of the srcset entry the browser chose.
		return eval[pic](b, `(() => { const i = document.querySelector(`+"`"+sel+"`"+`);
			const chosen = new URL(i.currentSrc).pathname;
			const entry = i.srcset.split(",").map(s => s.trim().split(" ")).find(e => e[0] === chosen);
			return {Src: i.getAttribute("src"), Current: chosen, Natural: entry ? parseInt(entry[1]) : -1,
				Box: i.getBoundingClientRect().width, Ratio: i.naturalWidth / i.naturalHeight} })()`)
	}
	top := probe(".top-pic img")
	t.Logf("top story: %.0f px wide on screen, file %.0f px (%s)", top.Box, top.Natural, top.Current)
	if top.Natural < 1.5*top.Box || top.Natural > 800 || top.Ratio < 1.49 || top.Ratio > 1.51 {
		t.Errorf("top story picture %+v: want a 3:2 rendition between %.0f and 800 px", top, 1.5*top.Box)
	}
	b.do("open the top story",
		chromedp.Click(chromedp.CSS(".top-title a")),
		chromedp.WaitVisible(chromedp.CSS("h1.article-title")),
		chromedp.Poll[chromedp.Void](`document.querySelector(".lead-image img").complete`))
	lead := probe(".lead-image img")
	t.Logf("article picture: %.0f px wide on screen, file %.0f px (%s)", lead.Box, lead.Natural, lead.Current)
	if lead.Natural < 1.5*lead.Box || lead.Natural > 800 || !strings.Contains(lead.Current, "/media/") {
		t.Errorf("article picture %+v", lead)
	}
	if n := eval[int](b, `document.querySelectorAll(".article-body img[srcset]").length`); n == 0 &&
		eval[int](b, `document.querySelectorAll(".article-body img").length`) > 0 {
		t.Error("pictures inside the article have no srcset")
	}
}
