package auth

// The media library's audit events, kept apart from the staff identity
// list so that each area adds its own without touching the others'.
const (
	EventMediaUpload = "media.upload"
	EventMediaUpdate = "media.update"
	EventMediaFocal  = "media.focal"
)

func init() {
	events = append(events,
		struct{ name, label string }{EventMediaUpload, "Tải ảnh lên thư viện"},
		struct{ name, label string }{EventMediaUpdate, "Sửa chú thích, nguồn ảnh"},
		struct{ name, label string }{EventMediaFocal, "Đặt tiêu điểm ảnh"},
	)
}
