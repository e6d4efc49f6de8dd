package demo

// district is one sub-section of "Chuyên trang địa phương": a city, town or
// rural district of the province, with its wards and communes.
type district struct {
	code  string   // category code, e.g. "tp-thu-dau-mot"
	name  string   // category name, e.g. "TP. Thủ Dầu Một"
	text  string   // in running text: "TP. Thủ Dầu Một", "huyện Bàu Bàng"
	bare  string   // "Thủ Dầu Một"
	party string   // "Thành ủy Thủ Dầu Một"
	gov   string   // "UBND TP. Thủ Dầu Một"
	wards []string // "phường Phú Cường", "xã An Điền", "thị trấn Lai Uyên"
	w     int      // share of the local pages
}

func prefixed(prefix string, names ...string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = prefix + n
	}
	return out
}

func joinLists(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// districts as the site had them in 2022, in menu order.
var districts = []district{
	{code: "tp-thu-dau-mot", name: "TP. Thủ Dầu Một", text: "TP. Thủ Dầu Một", bare: "Thủ Dầu Một",
		party: "Thành ủy Thủ Dầu Một", gov: "UBND TP. Thủ Dầu Một", w: 8,
		wards: prefixed("phường ", "Phú Cường", "Hiệp Thành", "Chánh Nghĩa", "Phú Thọ", "Phú Hòa", "Phú Lợi",
			"Hiệp An", "Định Hòa", "Phú Mỹ", "Tân An", "Tương Bình Hiệp", "Chánh Mỹ", "Hòa Phú", "Phú Tân")},
	{code: "tp-thuan-an", name: "TP. Thuận An", text: "TP. Thuận An", bare: "Thuận An",
		party: "Thành ủy Thuận An", gov: "UBND TP. Thuận An", w: 7,
		wards: joinLists(prefixed("phường ", "Lái Thiêu", "An Thạnh", "Vĩnh Phú", "Hưng Định", "Bình Hòa",
			"Thuận Giao", "An Phú", "Bình Chuẩn", "Bình Nhâm"), prefixed("xã ", "An Sơn"))},
	{code: "tx-ben-cat", name: "TX. Bến Cát", text: "TX. Bến Cát", bare: "Bến Cát",
		party: "Thị ủy Bến Cát", gov: "UBND TX. Bến Cát", w: 6,
		wards: joinLists(prefixed("phường ", "Mỹ Phước", "Thới Hòa", "Tân Định", "Hòa Lợi", "Chánh Phú Hòa"),
			prefixed("xã ", "An Điền", "An Tây", "Phú An"))},
	{code: "tp-di-an", name: "TP. Dĩ An", text: "TP. Dĩ An", bare: "Dĩ An",
		party: "Thành ủy Dĩ An", gov: "UBND TP. Dĩ An", w: 6,
		wards: prefixed("phường ", "Dĩ An", "An Bình", "Tân Đông Hiệp", "Đông Hòa", "Tân Bình", "Bình An", "Bình Thắng")},
	{code: "tx-tan-uyen", name: "TX. Tân Uyên", text: "TX. Tân Uyên", bare: "Tân Uyên",
		party: "Thị ủy Tân Uyên", gov: "UBND TX. Tân Uyên", w: 5,
		wards: joinLists(prefixed("phường ", "Uyên Hưng", "Tân Phước Khánh", "Thái Hòa", "Thạnh Phước", "Khánh Bình",
			"Tân Hiệp", "Hội Nghĩa", "Phú Chánh", "Tân Vĩnh Hiệp", "Vĩnh Tân"), prefixed("xã ", "Bạch Đằng", "Thạnh Hội"))},
	{code: "h-bau-bang", name: "H. Bàu Bàng", text: "huyện Bàu Bàng", bare: "Bàu Bàng",
		party: "Huyện ủy Bàu Bàng", gov: "UBND huyện Bàu Bàng", w: 4,
		wards: joinLists(prefixed("thị trấn ", "Lai Uyên"), prefixed("xã ", "Trừ Văn Thố", "Cây Trường II",
			"Lai Hưng", "Long Nguyên", "Hưng Hòa", "Tân Hưng"))},
	{code: "h-dau-tieng", name: "H. Dầu Tiếng", text: "huyện Dầu Tiếng", bare: "Dầu Tiếng",
		party: "Huyện ủy Dầu Tiếng", gov: "UBND huyện Dầu Tiếng", w: 4,
		wards: joinLists(prefixed("thị trấn ", "Dầu Tiếng"), prefixed("xã ", "Minh Hòa", "Minh Thạnh", "Minh Tân",
			"Định An", "Long Hòa", "Thanh Tuyền", "An Lập", "Định Hiệp", "Định Thành", "Long Tân", "Thanh An"))},
	{code: "h-phu-giao", name: "H. Phú Giáo", text: "huyện Phú Giáo", bare: "Phú Giáo",
		party: "Huyện ủy Phú Giáo", gov: "UBND huyện Phú Giáo", w: 4,
		wards: joinLists(prefixed("thị trấn ", "Phước Vĩnh"), prefixed("xã ", "An Bình", "An Linh", "An Long",
			"An Thái", "Phước Hòa", "Phước Sang", "Tam Lập", "Tân Hiệp", "Tân Long", "Vĩnh Hòa"))},
	{code: "h-bac-tan-uyen", name: "H. Bắc Tân Uyên", text: "huyện Bắc Tân Uyên", bare: "Bắc Tân Uyên",
		party: "Huyện ủy Bắc Tân Uyên", gov: "UBND huyện Bắc Tân Uyên", w: 4,
		wards: joinLists(prefixed("thị trấn ", "Tân Thành", "Tân Bình"), prefixed("xã ", "Bình Mỹ", "Đất Cuốc",
			"Hiếu Liêm", "Lạc An", "Tân Định", "Tân Lập", "Tân Mỹ", "Thường Tân"))},
}

var (
	industrialParks = []string{"KCN VSIP II", "KCN Mỹ Phước 3", "KCN Bàu Bàng", "KCN Đất Cuốc", "KCN Nam Tân Uyên",
		"KCN Sóng Thần 2", "KCN Việt Hương", "KCN Đồng An", "KCN Tân Đông Hiệp B", "KCN Rạch Bắp"}
	roads = []string{"đường ĐT 741", "đường ĐT 743", "đường ĐT 744", "đường ĐT 746", "đường ĐT 747", "đường ĐT 748",
		"đường ĐT 749", "Quốc lộ 13", "đường Mỹ Phước - Tân Vạn", "đại lộ Bình Dương", "đường Hùng Vương",
		"đường Nguyễn Văn Tiết", "đường Huỳnh Văn Lũy", "đường Phạm Ngọc Thạch"}
	products = []string{"sầu riêng", "bưởi", "măng cụt", "hồ tiêu", "điều", "rau an toàn", "nấm rơm", "chuối",
		"cây có múi", "khoai mì", "ca cao", "dưa lưới", "mít Thái", "cà phê", "chôm chôm"}
	sports = []string{"bóng chuyền", "cầu lông", "bơi lội", "điền kinh", "cờ vua", "võ cổ truyền", "quần vợt",
		"bóng bàn", "việt dã", "xe đạp", "karate", "taekwondo", "pencak silat", "bóng rổ"}
	schools = []string{"Trường THPT Nguyễn Trãi", "Trường THCS Nguyễn Văn Cừ", "Trường Tiểu học Lê Văn Tám",
		"Trường THPT Trần Văn Ơn", "Trường THCS Chu Văn An", "Trường Tiểu học Kim Đồng", "Trường Mầm non Hoa Sen",
		"Trường THPT Bình Phú", "Trường THCS Lê Quý Đôn", "Trường Tiểu học Trần Quốc Toản",
		"Trường THPT Võ Minh Đức", "Trường Mầm non Sao Mai", "Trường THCS Nguyễn Du", "Trường Tiểu học Hòa Bình"}
	teams = []string{"Becamex Bình Dương", "Hà Nội FC", "Hải Phòng", "Thanh Hóa", "SHB Đà Nẵng",
		"Hoàng Anh Gia Lai", "Sông Lam Nghệ An", "Nam Định", "Bình Định", "Khánh Hòa", "Hồng Lĩnh Hà Tĩnh",
		"TP.HCM", "Quảng Nam", "Viettel"}
	countries = []string{"Nhật Bản", "Hàn Quốc", "Ấn Độ", "Indonesia", "Thái Lan", "Philippines", "Singapore",
		"Malaysia", "Australia", "Pháp", "Đức", "Italy", "Brazil", "Canada", "Mexico", "Nam Phi", "Ai Cập",
		"New Zealand", "Chile", "Na Uy", "Tây Ban Nha", "Hà Lan", "Thụy Điển", "Argentina"}
	companyKinds  = []string{"Công ty TNHH ", "Công ty Cổ phần ", "Công ty TNHH MTV ", "Công ty Cổ phần SXTM "}
	companyBrands = []string{"Phú Thịnh", "Minh Long Phát", "Đại Nam Phát", "An Lộc Thành", "Tân Hưng Thịnh",
		"Gỗ Phúc Lộc", "May mặc Hưng Phát", "Thực phẩm An Khang", "Gốm sứ Minh Châu", "Cơ khí Thành Công",
		"Điện tử Tân Tiến", "Bao bì Thuận Phát", "Nội thất Gia Lộc", "Dược phẩm Hòa An", "Vật liệu xây dựng Bình An",
		"Thép Nam Tiến", "Giày da Phước Hưng", "Nhựa Việt Thành", "Sơn Hoàng Phúc", "Chế biến gỗ Trường Thịnh",
		"Dệt may Sông Bé Xanh", "Bánh kẹo Hương Quê", "Cao su Phước Hòa Xanh", "Linh kiện Quang Minh"}
)

// Vietnamese names for reporters and the people quoted in articles.
var (
	familyNames = []string{"Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh",
		"Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương", "Lâm", "Mai",
		"Tô", "Châu", "Cao", "Lương", "Tạ", "La"}
	middleFemale = []string{"Thị", "Thị", "Thu", "Ngọc", "Thanh", "Minh", "Kim", "Mỹ", "Bích", "Hồng",
		"Phương", "Diệu", "Bảo", "Khánh", "Thùy"}
	middleMale = []string{"Văn", "Văn", "Hữu", "Minh", "Quốc", "Đức", "Thanh", "Công", "Anh", "Hoàng",
		"Ngọc", "Xuân", "Tấn", "Trọng", "Thành"}
	givenFemale = []string{"Thảo", "Hà", "Lan", "Hương", "Trang", "Linh", "Ngân", "Nhung", "Thủy", "Hạnh",
		"Hằng", "Phượng", "Yến", "Vy", "Uyên", "Dung", "Mai", "Châu", "Quyên", "Nga", "Loan", "Trinh",
		"Diễm", "Hiền", "Thư", "Nhi", "Tuyết", "Oanh"}
	givenMale = []string{"Tiến", "Thạnh", "Dũng", "Hùng", "Nam", "Phong", "Tâm", "Hòa", "Toàn", "Khoa",
		"Lộc", "Tài", "Sơn", "Hải", "Quang", "Thắng", "Trung", "Việt", "Vinh", "Hiếu", "Tuấn", "Khánh",
		"Đạt", "Bình", "Long", "Duy", "Phúc", "Nghĩa", "Cường", "Lực"}
	// foreign people quoted in international news; true means a woman.
	foreignNames = []struct {
		name   string
		female bool
	}{
		{"Michael Brown", false}, {"Elena Petrova", true}, {"Hiroshi Tanaka", false}, {"Priya Patel", true},
		{"Carlos Mendes", false}, {"Kim Soo-jin", true}, {"Thomas Weber", false}, {"Amina Hassan", true},
		{"Lucas Martin", false}, {"Siti Rahman", true}, {"Daniel Okafor", false}, {"Sofia Lindqvist", true},
	}
)

// tagNames is the pool of topic labels.
var tagNames = []string{
	"Bình Dương", "Thủ Dầu Một", "Thuận An", "Bến Cát", "Dĩ An", "Tân Uyên", "Bàu Bàng", "Dầu Tiếng",
	"Phú Giáo", "Bắc Tân Uyên", "Học tập và làm theo Bác", "Xây dựng Đảng", "Công tác cán bộ",
	"Luân chuyển cán bộ", "Chuyển đổi số", "Cải cách hành chính", "Nông thôn mới", "Đô thị văn minh",
	"An sinh xã hội", "Việc làm", "Công nhân lao động", "Giáo dục", "Tuyển sinh", "Y tế", "Sốt xuất huyết",
	"Bảo hiểm y tế", "Bảo hiểm xã hội", "Giao thông", "An toàn giao thông", "Trật tự đô thị",
	"Phòng cháy chữa cháy", "Môi trường", "Xuất khẩu", "Đầu tư công", "Khu công nghiệp", "FDI", "Doanh nghiệp",
	"Khởi nghiệp", "Nông nghiệp công nghệ cao", "OCOP", "Giá cả thị trường", "Bình ổn giá", "Du lịch", "Lễ hội",
	"Di tích", "Văn nghệ quần chúng", "Bóng đá", "Becamex Bình Dương", "V.League", "Thể thao quần chúng",
	"Thể thao học đường", "ASEAN", "Biến đổi khí hậu", "Tết", "Thanh niên", "Phụ nữ", "Cựu chiến binh",
	"Mặt trận Tổ quốc", "Người cao tuổi", "Trẻ em", "Hiến máu tình nguyện", "Quốc phòng", "An ninh trật tự",
	"Ma túy", "Lừa đảo qua mạng", "Pháp luật", "Nhà ở xã hội", "Quy hoạch", "Đất đai", "Nước sạch",
	"Kinh tế số", "Thương mại điện tử", "Tín dụng chính sách", "Hội nghị", "Thi đua khen thưởng",
	"Gương người tốt việc tốt", "Khuyến học", "Năng lượng tái tạo", "Kinh tế thế giới", "Thương hiệu",
	"Văn hóa đọc", "Làng nghề",
}
