package newsroom

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"time"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
)

// adminTargets are the matrix test's cases for adminRoutes.
var adminTargets = map[string]target{
	"GET /admin/trang-chu": fixed("/admin/trang-chu?q=bai", nil),
	"POST /admin/trang-chu": func(e *env, _ string) (string, url.Values) {
		a := e.publishedArticle("Bài chính của ngày", e.sport.ID, true)
		return "/admin/trang-chu", url.Values{"o0": {itoa(a.ID)}, "thao_tac": {"luu"}}
	},

	"GET /admin/chuyen-muc":  fixed("/admin/chuyen-muc", nil),
	"POST /admin/chuyen-muc": fixed("/admin/chuyen-muc", url.Values{"ten": {"Kinh tế"}}),
	"POST /admin/chuyen-muc/{id}": func(e *env, _ string) (string, url.Values) {
		return "/admin/chuyen-muc/" + itoa(e.sport.ID), url.Values{"ten": {"Thể thao – Giải trí"}}
	},
	"POST /admin/chuyen-muc/{id}/thu-tu": func(e *env, _ string) (string, url.Values) {
		return "/admin/chuyen-muc/" + itoa(e.sport.ID) + "/thu-tu", url.Values{"huong": {"len"}}
	},
	"POST /admin/chuyen-muc/{id}/an": func(e *env, _ string) (string, url.Values) {
		return "/admin/chuyen-muc/" + itoa(e.sport.ID) + "/an", nil
	},
	"POST /admin/chuyen-muc/{id}/hien": func(e *env, _ string) (string, url.Values) {
		must(e.t, e.st.SetSectionHidden(ctx, e.sport.ID, true, store.AuditEntry{At: e.clock.Now(), Action: EventSectionHide}))
		return "/admin/chuyen-muc/" + itoa(e.sport.ID) + "/hien", nil
	},

	"GET /admin/cau-hinh":  fixed("/admin/cau-hinh", nil),
	"POST /admin/cau-hinh": fixed("/admin/cau-hinh", goodSettings()),

	"GET /admin/tai-khoan/{id}": func(e *env, _ string) (string, url.Values) {
		return "/admin/tai-khoan/" + itoa(e.users[victim].ID), nil
	},
	"POST /admin/tai-khoan/{id}": func(e *env, _ string) (string, url.Values) {
		return "/admin/tai-khoan/" + itoa(e.users[victim].ID), url.Values{"ten_hien_thi": {"Nạn Nhân Mới"}, "vai_tro": {"editor"}}
	},
	"POST /admin/tai-khoan/{id}/mat-khau": func(e *env, _ string) (string, url.Values) {
		return "/admin/tai-khoan/" + itoa(e.users[victim].ID) + "/mat-khau",
			url.Values{"mat_khau_moi": {"mật-khẩu-đặt-lại-2027"}, "nhap_lai": {"mật-khẩu-đặt-lại-2027"}}
	},
}

// goodSettings is a settings form every rule accepts.
func goodSettings() url.Values {
	return url.Values{
		content.SettingSiteName:      {"Báo Bình Dương Thử"},
		content.SettingSiteTagline:   {"Tin tức địa phương"},
		content.SettingAgency:        {"Tỉnh ủy Bình Dương (thử)"},
		content.SettingLicence:       {"Giấy phép số 123/GP-BTTTT"},
		content.SettingLicenceDate:   {"25-01-2022"},
		content.SettingLicenceIssuer: {"Bộ Thông tin và Truyền thông"},
		content.SettingAddress:       {"Số 9 đường Mẫu, TP. Thủ Dầu Một"},
		content.SettingPhone:         {"(0274) 382 2222"},
		content.SettingEmail:         {"toasoan@example.vn"},
		content.SettingEditorInChief: {"Nguyễn Văn Tổng"},
	}
}

// publishedArticle stores a published article (an hour ago) in section cat, with a
// featured picture if pictured.
func (e *env) publishedArticle(title string, cat int64, pictured bool) *content.Article {
	e.t.Helper()
	now := e.clock.Now()
	a := &content.Article{Lang: "vi", Title: title, Slug: "bai-" + hashOf(title)[:8], Sapo: "Sapo của " + title,
		Body: "<p>" + title + "</p>", Status: content.StatusPublished, CategoryID: cat,
		CreatedAt: now.Add(-2 * time.Hour), UpdatedAt: now.Add(-time.Hour), PublishedAt: now.Add(-time.Hour)}
	if pictured {
		m := &content.Media{Hash: hashOf(title), Ext: "jpg", MIME: "image/jpeg", Width: 1200, Height: 800, Size: 1000, CreatedAt: now}
		_, err := e.st.CreateMedia(ctx, m)
		must(e.t, err)
		a.PictureID = m.ID
	}
	must(e.t, e.st.CreateArticles(ctx, []*content.Article{a}))
	return a
}

func hashOf(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
