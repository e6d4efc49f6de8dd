package auth

import (
	"regexp"
	"slices"
	"strconv"
)

// Action is something a member of staff may or may not do. Every newsroom
// route and every workflow step names the action it needs.
type Action string

// The actions. Their strings are stable: audit entries and tests use them.
const (
	DeskView    Action = "desk.view"   // open the newsroom and see one's desk
	SessionsOwn Action = "session.own" // list and revoke one's own sessions, change one's password

	ArticleCreate        Action = "article.create"
	ArticleEditOwnDraft  Action = "article.edit_own_draft"
	ArticleSubmit        Action = "article.submit"
	ArticleViewAll       Action = "article.view_all" // see everyone's articles, not only one's own
	ArticleEditSubmitted Action = "article.edit_submitted"
	ArticleReturn        Action = "article.return"
	ArticleApprove       Action = "article.approve"
	ArticlePublish       Action = "article.publish"
	ArticleSchedule      Action = "article.schedule"
	ArticleUnpublish     Action = "article.unpublish"
	HomeArrange          Action = "home.arrange"
	CommentModerate      Action = "comment.moderate"
	MediaUpload          Action = "media.upload"

	UserManage     Action = "user.manage"
	SectionManage  Action = "section.manage"
	SettingsManage Action = "settings.manage"
	AuditView      Action = "audit.view"
)

type scope bool

const (
	global    scope = false // not about one section: section limits do not apply
	inSection scope = true  // about an article of a section: a user limited to sections needs this one
)

type permission struct {
	roles  string // "x" or "." for Reporter, Editor, ManagingEditor, Admin, in that order
	scope  scope
	action Action
	label  string
}

// permissions is THE permission matrix: for every action, which roles may do
// it (R: phóng viên, E: biên tập viên, M: thư ký tòa soạn, A: quản trị) and
// whether it is done in a section. Nothing else in the code grants anything.
//
// Editorial roles accumulate (an editor also writes, a managing editor also
// edits); the admin runs the system and takes no part in the editorial
// workflow, except that they may read articles and the audit log.
var permissions = []permission{
	// R E M A
	{"x x x x", global, DeskView, "Vào tòa soạn, xem bàn làm việc"},
	{"x x x x", global, SessionsOwn, "Quản lý phiên đăng nhập và mật khẩu của mình"},

	{"x x x .", inSection, ArticleCreate, "Viết bài mới"},
	{"x x x .", inSection, ArticleEditOwnDraft, "Sửa bản nháp của mình"},
	{"x x x .", inSection, ArticleSubmit, "Gửi bài để biên tập"},
	{". x x x", inSection, ArticleViewAll, "Xem bài của mọi người"},
	{". x x .", inSection, ArticleEditSubmitted, "Biên tập bài đã gửi"},
	{". x x .", inSection, ArticleReturn, "Trả bài kèm ghi chú"},
	{". x x .", inSection, ArticleApprove, "Duyệt bài"},
	{". . x .", inSection, ArticlePublish, "Đăng bài"},
	{". . x .", inSection, ArticleSchedule, "Hẹn giờ đăng bài"},
	{". . x .", inSection, ArticleUnpublish, "Gỡ bài"},
	{". x x .", inSection, CommentModerate, "Duyệt và sửa ý kiến bạn đọc"},
	{". . x .", global, HomeArrange, "Sắp xếp trang chủ (bài chính, bài nổi bật)"},
	{"x x x .", global, MediaUpload, "Tải ảnh lên thư viện"},

	{". . . x", global, UserManage, "Quản lý tài khoản"},
	{". . . x", global, SectionManage, "Quản lý chuyên mục"},
	{". . . x", global, SettingsManage, "Quản lý cấu hình"},
	{". . x x", global, AuditView, "Xem nhật ký thao tác"},
}

// matrixRoles is the column order of permission.roles.
var matrixRoles = [4]Role{Reporter, Editor, ManagingEditor, Admin}

var byAction = func() map[Action]permission {
	m := make(map[Action]permission, len(permissions))
	for _, p := range permissions {
		if _, dup := m[p.action]; dup {
			panic("auth: action listed twice in the permission matrix: " + string(p.action))
		}
		if !regexp.MustCompile(`^[x.] [x.] [x.] [x.]$`).MatchString(p.roles) {
			panic("auth: malformed roles " + strconv.Quote(p.roles) + " for " + string(p.action))
		}
		m[p.action] = p
	}
	return m
}()

func (p permission) allows(r Role) bool {
	for i, mr := range matrixRoles {
		if mr == r {
			return p.roles[2*i] == 'x'
		}
	}
	return false
}

// Actions lists every action in the matrix's order.
func Actions() []Action {
	out := make([]Action, len(permissions))
	for i, p := range permissions {
		out[i] = p.action
	}
	return out
}

// Label is the action's Vietnamese description.
func (a Action) Label() string {
	if p, ok := byAction[a]; ok {
		return p.label
	}
	return string(a)
}

// InSection reports whether the action is done in a section, so that a user
// limited to some sections may do it only there.
func (a Action) InSection() bool { return bool(byAction[a].scope) }

// RoleAllows reports whether the role may do the action somewhere: the
// matrix alone, without section limits. Use it to decide whether to show a
// page or a menu entry; use Can for a concrete object.
func RoleAllows(r Role, a Action) bool {
	p, ok := byAction[a]
	return ok && p.allows(r)
}

// Can reports whether a user with role r, limited to the top-level sections
// in sections (empty: every section), may do action a on something in the
// top-level section sectionID. For a global action sectionID is ignored; for
// an action done in a section, a limited user is refused when sectionID is
// not one of theirs, including when it is 0 (unknown).
func Can(r Role, sections []int64, a Action, sectionID int64) bool {
	p, ok := byAction[a]
	if !ok || !p.allows(r) {
		return false
	}
	if p.scope == global || len(sections) == 0 {
		return true
	}
	return sectionID != 0 && slices.Contains(sections, sectionID)
}
