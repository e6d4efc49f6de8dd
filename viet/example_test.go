package viet_test

import (
	"fmt"

	"github.com/toasoan/toasoan/viet"
)

func ExampleSlug() {
	fmt.Println(viet.Slug("Hiệu quả từ công tác luân chuyển cán bộ"))
	fmt.Println(viet.Slug("Đường đến trường"))
	fmt.Println(viet.Slug("!!!"))
	// Output:
	// hieu-qua-tu-cong-tac-luan-chuyen-can-bo
	// duong-den-truong
	// bai-viet
}

func ExampleUniqueSlug() {
	taken := map[string]bool{"ha-noi": true, "ha-noi-2": true}
	fmt.Println(viet.UniqueSlug("Hà Nội", func(s string) bool { return taken[s] }))
	// Output: ha-noi-3
}

func ExampleFold() {
	fmt.Println(viet.Fold("LUÂN CHUYỂN CÁN BỘ"))
	fmt.Println(viet.Fold("hoà") == viet.Fold("HÒA"))
	// Output:
	// luan chuyen can bo
	// true
}

func ExampleFoldWords() {
	fmt.Printf("%q\n", viet.FoldWords("Hà Nội: 36 phố-phường!"))
	// Output: ["ha" "noi" "36" "pho" "phuong"]
}

func ExampleCanonicalTone() {
	fmt.Println(viet.CanonicalTone("Hòa bình, thủy lợi, sức khỏe, qúy"))
	// Output: Hoà bình, thuỷ lợi, sức khoẻ, quý
}

func ExampleSearchKey() {
	fmt.Println(viet.SearchKey("THỦY ĐIỆN Hòa Bình"))
	// Output: thuỷ điện hoà bình
}

func ExampleNormalizeLine() {
	fmt.Printf("%q\n", viet.NormalizeLine("  Tin\u00a0nóng:\r\n  bão   số 3 \u200b"))
	// Output: "Tin nóng: bão số 3"
}
