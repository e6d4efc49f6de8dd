package demo

import "github.com/toasoan/toasoan/content"

// domW is a domain and its weight in a section's mix.
type domW struct {
	dom, w int
}

// catSpec is one section of the demo newspaper.
type catSpec struct {
	code, name, desc string
	parent           string // "" for a top-level section
	weight           int    // share of the articles filed directly here
	mix              []domW
	district         int // index into districts for a local sub-section, else -1
}

var localMix = []domW{{domPolitics, 30}, {domLabour, 20}, {domUrban, 20}, {domEducation, 8}, {domHealth, 8},
	{domEconomy, 6}, {domCulture, 5}, {domSecurity, 3}, {domFarming, 6}}

// catSpecs lists the sections in menu order; sub-sections follow their parent.
// Codes are hand-written slugs of the names, as the old site had them.
func catSpecs() []catSpec {
	one := func(d int) []domW { return []domW{{d, 1}} }
	specs := []catSpec{
		{code: "thoi-su", name: "Thời sự", desc: "Tin tức thời sự trong tỉnh, trong nước", weight: 3,
			mix: []domW{{domPolitics, 3}, {domUrban, 1}}},
		{code: "chinh-tri", name: "Chính trị", parent: "thoi-su", weight: 6, mix: one(domPolitics),
			desc: "Hoạt động của cấp ủy, chính quyền, HĐND các cấp"},
		{code: "xay-dung-dang", name: "Xây dựng Đảng", parent: "thoi-su", weight: 6, mix: one(domPolitics),
			desc: "Công tác xây dựng Đảng, học tập và làm theo Bác"},
		{code: "quoc-phong-an-ninh", name: "Quốc phòng - An ninh", parent: "thoi-su", weight: 4, mix: one(domSecurity),
			desc: "Quốc phòng địa phương, an ninh trật tự"},
		{code: "kinh-te", name: "Kinh tế", desc: "Tin kinh tế, đầu tư, thị trường", weight: 2, mix: one(domEconomy)},
		{code: "dau-tu", name: "Đầu tư", parent: "kinh-te", weight: 5, mix: one(domEconomy),
			desc: "Thu hút đầu tư, khu công nghiệp, hạ tầng"},
		{code: "nong-nghiep", name: "Nông nghiệp", parent: "kinh-te", weight: 4, mix: one(domFarming),
			desc: "Nông nghiệp, nông dân, nông thôn mới"},
		{code: "thi-truong", name: "Thị trường", parent: "kinh-te", weight: 4, mix: one(domEconomy),
			desc: "Giá cả, sức mua, thương mại"},
		{code: "xa-hoi", name: "Xã hội", desc: "Đời sống, an sinh, đô thị", weight: 3,
			mix: []domW{{domLabour, 2}, {domUrban, 2}, {domHealth, 1}}},
		{code: "giao-duc", name: "Giáo dục", parent: "xa-hoi", weight: 5, mix: one(domEducation),
			desc: "Trường lớp, tuyển sinh, khuyến học"},
		{code: "y-te", name: "Y tế", parent: "xa-hoi", weight: 5, mix: one(domHealth),
			desc: "Khám chữa bệnh, phòng dịch, sức khỏe cộng đồng"},
		{code: "phap-luat", name: "Pháp luật", parent: "xa-hoi", weight: 5, mix: one(domLaw),
			desc: "Tin pháp luật, cảnh báo thủ đoạn lừa đảo"},
		{code: "lao-dong-viec-lam", name: "Lao động - Việc làm", parent: "xa-hoi", weight: 4, mix: one(domLabour),
			desc: "Việc làm, công nhân, chính sách lao động"},
		{code: "van-hoa-van-nghe", name: "Văn hóa - Văn nghệ", desc: "Văn hóa, văn nghệ, du lịch", weight: 2,
			mix: one(domCulture)},
		{code: "van-hoa", name: "Văn hóa", parent: "van-hoa-van-nghe", weight: 3, mix: one(domCulture),
			desc: "Di sản, lễ hội, đời sống văn hóa"},
		{code: "van-nghe", name: "Văn nghệ", parent: "van-hoa-van-nghe", weight: 2, mix: one(domCulture),
			desc: "Âm nhạc, sân khấu, văn học, mỹ thuật"},
		{code: "du-lich", name: "Du lịch", parent: "van-hoa-van-nghe", weight: 2, mix: one(domCulture),
			desc: "Điểm đến, sản phẩm du lịch"},
		{code: "the-thao", name: "Thể thao", desc: "Tin thể thao trong tỉnh và cả nước", weight: 2, mix: one(domSport)},
		{code: "bong-da", name: "Bóng đá", parent: "the-thao", weight: 4, mix: one(domSport),
			desc: "Bóng đá chuyên nghiệp và phong trào"},
		{code: "the-thao-trong-nuoc", name: "Thể thao trong nước", parent: "the-thao", weight: 3, mix: one(domSport),
			desc: "Các giải đấu, vận động viên trong nước"},
		{code: "quoc-te", name: "Quốc tế", desc: "Tin tức thế giới", weight: 6, mix: one(domWorld)},
		{code: "chuyen-trang-dia-phuong", name: "Chuyên trang địa phương",
			desc: "Tin tức từ các thành phố, thị xã, huyện trong tỉnh", weight: 1, mix: localMix},
	}
	for i, d := range districts {
		specs = append(specs, catSpec{code: d.code, name: d.name, parent: "chuyen-trang-dia-phuong",
			weight: d.w, mix: localMix, district: i,
			desc: "Tin tức " + d.text})
	}
	specs = append(specs, catSpec{code: "doanh-nghiep-thuong-hieu", name: "Doanh nghiệp - Thương hiệu",
		desc: "Doanh nghiệp, doanh nhân, thương hiệu", weight: 5, mix: one(domBusiness)})
	for i := range specs {
		if !isLocal(specs[i]) {
			specs[i].district = -1
		}
	}
	return specs
}

func isLocal(c catSpec) bool { return c.parent == "chuyen-trang-dia-phuong" }

// Settings the footer must carry; every value is obviously fictitious.
var demoSettings = map[string]string{
	content.SettingSiteName:      "Toà Soạn — Báo điện tử (bản trình diễn)",
	content.SettingSiteTagline:   "Dữ liệu minh họa, không phải tin thật",
	content.SettingAgency:        "Cơ quan chủ quản giả định: Hội Người làm báo Trình diễn (không có thật)",
	content.SettingLicence:       "Giấy phép số 000/GP-DEMO (giả định)",
	content.SettingLicenceDate:   "01-01-2024",
	content.SettingLicenceIssuer: "Cơ quan cấp phép giả định, chỉ dùng để trình diễn",
	content.SettingAddress:       "Số 1 đường Mẫu, phường Trình Diễn, TP. Thủ Dầu Một, tỉnh Bình Dương (địa chỉ giả định)",
	content.SettingPhone:         "(0274) 000 0000",
	content.SettingEmail:         "toasoan@example.com",
	content.SettingEditorInChief: "Nguyễn Văn Mẫu (nhân vật giả định)",
	content.SettingCommentsWarning: "LƯU Ý: Toà Soạn sẽ biên tập ý kiến của bạn đọc trước khi xuất bản. " +
		"Toà Soạn hoan nghênh những ý kiến khách quan, có tính xây dựng và có quyền không sử dụng những ý kiến " +
		"cực đoan không phù hợp. Vui lòng gõ tiếng Việt có dấu, cám ơn sự đóng góp của bạn đọc.",
}
