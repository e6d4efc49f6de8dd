package legacy

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
)

// knownNames gives the proper Vietnamese name of the old site's category
// codes (Báo Bình Dương and common newspaper sections). A code's diacritics
// cannot be restored reliably from the code alone ("thu" may be thu, thú or
// thủ), so unknown codes get a provisional name and are reported.
var knownNames = map[string]string{
	// Local pages and the province's cities, towns and districts.
	"chuyen-trang-dia-phuong": "Chuyên trang địa phương",
	"dia-phuong":              "Địa phương",
	"tp-thu-dau-mot":          "TP. Thủ Dầu Một",
	"tp-thuan-an":             "TP. Thuận An",
	"tp-di-an":                "TP. Dĩ An",
	"tp-tan-uyen":             "TP. Tân Uyên",
	"tp-ben-cat":              "TP. Bến Cát",
	"tx-thu-dau-mot":          "TX. Thủ Dầu Một",
	"tx-thuan-an":             "TX. Thuận An",
	"tx-di-an":                "TX. Dĩ An",
	"tx-tan-uyen":             "TX. Tân Uyên",
	"tx-ben-cat":              "TX. Bến Cát",
	"huyen-bau-bang":          "Huyện Bàu Bàng",
	"huyen-bac-tan-uyen":      "Huyện Bắc Tân Uyên",
	"huyen-dau-tieng":         "Huyện Dầu Tiếng",
	"huyen-phu-giao":          "Huyện Phú Giáo",
	"huyen-tan-uyen":          "Huyện Tân Uyên",
	"huyen-ben-cat":           "Huyện Bến Cát",
	"thu-dau-mot":             "Thủ Dầu Một",
	"thuan-an":                "Thuận An",
	"di-an":                   "Dĩ An",
	"tan-uyen":                "Tân Uyên",
	"ben-cat":                 "Bến Cát",
	"bau-bang":                "Bàu Bàng",
	"bac-tan-uyen":            "Bắc Tân Uyên",
	"dau-tieng":               "Dầu Tiếng",
	"phu-giao":                "Phú Giáo",
	"binh-duong":              "Bình Dương",

	// Sections.
	"doanh-nghiep-thuong-hieu": "Doanh nghiệp - Thương hiệu",
	"thoi-su":                  "Thời sự",
	"chinh-tri":                "Chính trị",
	"xay-dung-dang":            "Xây dựng Đảng",
	"kinh-te":                  "Kinh tế",
	"thi-truong":               "Thị trường",
	"doanh-nghiep":             "Doanh nghiệp",
	"dau-tu":                   "Đầu tư",
	"tai-chinh":                "Tài chính",
	"ngan-hang":                "Ngân hàng",
	"bat-dong-san":             "Bất động sản",
	"cong-nghiep":              "Công nghiệp",
	"nong-nghiep":              "Nông nghiệp",
	"nong-thon-moi":            "Nông thôn mới",
	"xa-hoi":                   "Xã hội",
	"lao-dong-viec-lam":        "Lao động - Việc làm",
	"giao-thong":               "Giao thông",
	"moi-truong":               "Môi trường",
	"giao-duc":                 "Giáo dục",
	"y-te":                     "Y tế",
	"suc-khoe":                 "Sức khỏe",
	"doi-song":                 "Đời sống",
	"van-hoa":                  "Văn hóa",
	"van-nghe":                 "Văn nghệ",
	"van-hoa-van-nghe":         "Văn hóa - Văn nghệ",
	"van-hoa-giai-tri":         "Văn hóa - Giải trí",
	"giai-tri":                 "Giải trí",
	"du-lich":                  "Du lịch",
	"the-thao":                 "Thể thao",
	"phap-luat":                "Pháp luật",
	"tu-van-phap-luat":         "Tư vấn pháp luật",
	"an-ninh-trat-tu":          "An ninh - Trật tự",
	"quoc-phong-an-ninh":       "Quốc phòng - An ninh",
	"quoc-phong":               "Quốc phòng",
	"the-gioi":                 "Thế giới",
	"quoc-te":                  "Quốc tế",
	"khoa-hoc-cong-nghe":       "Khoa học - Công nghệ",
	"cong-nghe":                "Công nghệ",
	"ban-doc":                  "Bạn đọc",
	"tieu-diem":                "Tiêu điểm",
	"tin-tuc":                  "Tin tức",
	"phong-su":                 "Phóng sự",
	"phong-su-anh":             "Phóng sự ảnh",
	"anh":                      "Ảnh",
	"video":                    "Video",
	"multimedia":               "Multimedia",
	"emagazine":                "E-magazine",
	"infographic":              "Infographic",
}

// CategoryName returns the name the import gives a category code, and
// whether it had to be guessed from the code (no diacritics: "tp-abc" →
// "Tp Abc").
func CategoryName(code string) (name string, guessed bool) {
	if n, ok := knownNames[code]; ok {
		return n, false
	}
	words := strings.Split(code, "-")
	for i, w := range words {
		r, size := utf8.DecodeRuneInString(w)
		words[i] = string(unicode.ToUpper(r)) + w[size:]
	}
	return strings.Join(words, " "), true
}

func (im *importer) loadCategories() error {
	cs, err := im.st.Categories(im.ctx)
	if err != nil {
		return fmt.Errorf("đọc danh sách chuyên mục: %w", err)
	}
	im.cats = make(map[string]content.Category, len(cs))
	im.byID = make(map[int64]content.Category, len(cs))
	for _, c := range cs {
		im.cats[c.Code] = c
		im.byID[c.ID] = c
	}
	return nil
}

// category returns the id of the category a row's codes name, creating
// missing ones. reason is set (in Vietnamese) when the row must fail.
func (im *importer) category(line int, code1, code2 string) (id int64, reason string) {
	if code2 == "" {
		top, reason := im.ensure(code1, nil)
		return top.ID, reason
	}
	if sub, ok := im.cats[code2]; ok {
		// Codes are unique: the existing section is used where it is.
		switch {
		case sub.ParentID == 0:
			im.warnOnce(line, code2+"\x00top", fmt.Sprintf(
				"chuyên mục %q đã là chuyên mục cấp một chứ không thuộc %q như trong tệp; các bài của nó được xếp vào %q",
				code2, code1, code2))
		case im.byID[sub.ParentID].Code != code1:
			im.warnOnce(line, code2+"\x00"+code1, fmt.Sprintf(
				"chuyên mục con %q đã thuộc %q chứ không thuộc %q như trong tệp; các bài được xếp vào %q như hiện có",
				code2, im.byID[sub.ParentID].Code, code1, code2))
		}
		return sub.ID, ""
	}
	top, reason := im.ensure(code1, nil)
	if reason != "" {
		return 0, reason
	}
	if top.ParentID != 0 {
		im.warnOnce(line, code1+"\x00sub", fmt.Sprintf(
			"chuyên mục %q là chuyên mục con nên không chứa được chuyên mục %q (chuyên mục chỉ có hai cấp); các bài được xếp vào %q",
			code1, code2, code1))
		return top.ID, ""
	}
	sub, reason := im.ensure(code2, &top)
	return sub.ID, reason
}

func (im *importer) warnOnce(line int, key, reason string) {
	if !im.warned[key] {
		im.warned[key] = true
		im.warn(line, reason)
	}
}

// ensure returns the category with code, creating it (under parent, if not
// nil) when it does not exist.
func (im *importer) ensure(code string, parent *content.Category) (content.Category, string) {
	if c, ok := im.cats[code]; ok {
		return c, ""
	}
	name, guessed := CategoryName(code)
	c := content.Category{Code: code, Name: name}
	parentCode := ""
	if parent != nil {
		c.ParentID, parentCode = parent.ID, parent.Code
	}
	err := im.st.CreateCategory(im.ctx, &c)
	if errors.Is(err, store.ErrConflict) {
		// Created meanwhile by someone else: use theirs.
		if err := im.loadCategories(); err == nil {
			if c, ok := im.cats[code]; ok {
				return c, ""
			}
		}
	}
	if err != nil {
		return c, fmt.Sprintf("không tạo được chuyên mục %q (%v)", code, err)
	}
	im.cats[code] = c
	im.byID[c.ID] = c
	im.sum.Categories = append(im.sum.Categories, NewCategory{
		ID: c.ID, Code: code, Name: name, ParentCode: parentCode, NameGuessed: guessed,
	})
	return c, ""
}
