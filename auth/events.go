package auth

// Audit event names: what the audit log records, as "area.verb". These
// are staff identity's; the other areas name theirs next to the code that
// writes them, and label them in the events table below.
const (
	EventLogin          = "auth.login"
	EventLoginFailed    = "auth.login_failed"
	EventLogout         = "auth.logout"
	EventSessionRevoke  = "session.revoke"
	EventPasswordChange = "user.password"
	EventPasswordRehash = "user.password_rehash"
	EventUserCreate     = "user.create"
	EventUserUpdate     = "user.update"
	EventUserDisable    = "user.disable"
	EventUserEnable     = "user.enable"

	// The media library's (newsroom/media.go).
	EventMediaUpload = "media.upload"
	EventMediaUpdate = "media.update"
	EventMediaFocal  = "media.focal"
)

var events = []struct{ name, label string }{
	{EventLogin, "Đăng nhập"},
	{EventLoginFailed, "Đăng nhập thất bại"},
	{EventLogout, "Đăng xuất"},
	{EventSessionRevoke, "Thu hồi phiên"},
	{EventPasswordChange, "Đổi mật khẩu"},
	{EventPasswordRehash, "Cập nhật mã băm mật khẩu"},
	{EventUserCreate, "Tạo tài khoản"},
	{EventUserUpdate, "Sửa tài khoản"},
	{EventUserDisable, "Khóa tài khoản"},
	{EventUserEnable, "Mở khóa tài khoản"},
	{"user.password_reset", "Đặt lại mật khẩu cho người khác"},

	// Articles (workflow, newsroom/articles.go, the scheduler).
	{"article.create", "Viết bài mới"},
	{"article.save", "Lưu bài"},
	{"article.submit", "Gửi bài"},
	{"article.take", "Nhận biên tập"},
	{"article.return", "Trả bài"},
	{"article.approve", "Duyệt bài"},
	{"article.publish", "Đăng bài"},
	{"article.schedule", "Hẹn giờ đăng"},
	{"article.unschedule", "Hủy hẹn giờ"},
	{"article.unpublish", "Gỡ bài"},
	{"article.reopen", "Biên tập lại bài đã gỡ"},
	{"article.take_down_at", "Đặt giờ gỡ bài"},
	{"article.restore", "Khôi phục phiên bản"},
	{"article.lease_takeover", "Giành quyền sửa bài"},

	// Running the paper (newsroom/admin*.go).
	{"home.arrange", "Sắp xếp trang chủ"},
	{"section.create", "Tạo chuyên mục"},
	{"section.rename", "Đổi tên chuyên mục"},
	{"section.reorder", "Đổi thứ tự chuyên mục"},
	{"section.hide", "Ẩn chuyên mục"},
	{"section.show", "Hiện chuyên mục"},
	{"settings.update", "Sửa cấu hình"},
	{"author.create", "Tạo tên tác giả"},

	// The media library.
	{EventMediaUpload, "Tải ảnh lên thư viện"},
	{EventMediaUpdate, "Sửa chú thích, nguồn ảnh"},
	{EventMediaFocal, "Đặt tiêu điểm ảnh"},

	// Reader comments (package comments, newsroom/comments.go).
	{"comment.approve", "Duyệt ý kiến"},
	{"comment.reject", "Từ chối ý kiến"},
	{"comment.edit", "Sửa ý kiến"},
	{"comment.banned_words", "Sửa danh sách từ cấm"},
}

// Events lists the known audit event names, in the order filters show them.
func Events() []string {
	out := make([]string, len(events))
	for i, e := range events {
		out[i] = e.name
	}
	return out
}

// EventLabel is an audit event's Vietnamese name; an unknown event is shown
// as it is.
func EventLabel(name string) string {
	for _, e := range events {
		if e.name == name {
			return e.label
		}
	}
	return name
}
