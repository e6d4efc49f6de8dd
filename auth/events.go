package auth

// Audit event names: what the audit log records, as "area.verb". The
// workflow adds its own; these are staff identity's.
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
