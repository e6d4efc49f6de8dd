package legacy

import (
	"fmt"
	"strings"
)

// reportLimit is how many errors or warnings Report lists before summing up
// the rest.
const reportLimit = 50

// Report is the end-of-import summary for staff, in Vietnamese, one item a
// line: the counts, the categories created (those whose name was guessed
// flagged for renaming), the old pictures not carried over, then the first
// errors and warnings with their line numbers.
func (s Summary) Report() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Đã đọc %d dòng: %d bài mới, %d bài cập nhật, %d bài không đổi, %d dòng lỗi.\n",
		s.Lines, s.Imported, s.Updated, s.Unchanged, s.Failed)
	if s.Kept > 0 {
		fmt.Fprintf(&b, "%d bài đã được tòa soạn sửa sau lần nhập trước nên được giữ nguyên, không cập nhật theo tệp.\n", s.Kept)
	}
	if len(s.Categories) > 0 {
		guessed := 0
		fmt.Fprintf(&b, "Đã tạo %d chuyên mục mới:\n", len(s.Categories))
		for _, c := range s.Categories {
			fmt.Fprintf(&b, "  - %s (%s)", c.Name, c.Code)
			if c.ParentCode != "" {
				fmt.Fprintf(&b, ", thuộc %s", c.ParentCode)
			}
			if c.NameGuessed {
				guessed++
				b.WriteString(" — tên tạm đặt theo mã")
			}
			b.WriteByte('\n')
		}
		if guessed > 0 {
			fmt.Fprintf(&b, "%d chuyên mục có tên tạm đặt theo mã, chưa có dấu: hãy đặt lại tên trong trang quản trị.\n", guessed)
		}
	}
	if s.Pictures > 0 {
		fmt.Fprintf(&b, "%d bài có ảnh đại diện cũ (news_picture) chưa được chuyển vì tệp xuất không kèm tệp ảnh; bài vẫn hiển thị, chưa có ảnh đại diện.\n", s.Pictures)
	}
	list := func(title string, rows []RowError) {
		if len(rows) == 0 {
			return
		}
		fmt.Fprintf(&b, "%s (%d):\n", title, len(rows))
		for i, r := range rows {
			if i == reportLimit {
				fmt.Fprintf(&b, "  … và %d dòng khác.\n", len(rows)-reportLimit)
				break
			}
			fmt.Fprintf(&b, "  %s\n", r.Reason)
		}
	}
	list("Dòng lỗi, không nhập được", s.Errors)
	list("Lưu ý", s.Warnings)
	return b.String()
}
