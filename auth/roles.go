package auth

import (
	"fmt"
	"strings"
)

// Role is what a member of staff is in the newsroom. The string is what the
// database and the command line use.
type Role string

// The four roles, from the one who writes to the one who runs the system.
const (
	Reporter       Role = "reporter"        // phóng viên: writes and submits their own drafts
	Editor         Role = "editor"          // biên tập viên: edits submitted articles, returns or approves them
	ManagingEditor Role = "managing-editor" // thư ký tòa soạn: publishes, schedules, arranges the home page
	Admin          Role = "admin"           // quản trị: accounts, sections, settings
)

// Roles lists every role in the order forms and lists show them.
func Roles() []Role { return []Role{Reporter, Editor, ManagingEditor, Admin} }

var roleLabels = map[Role]string{
	Reporter:       "Phóng viên",
	Editor:         "Biên tập viên",
	ManagingEditor: "Thư ký tòa soạn",
	Admin:          "Quản trị",
}

// Valid reports whether r is one of the four roles.
func (r Role) Valid() bool { _, ok := roleLabels[r]; return ok }

// Label is the role's Vietnamese name, as staff see it.
func (r Role) Label() string {
	if l, ok := roleLabels[r]; ok {
		return l
	}
	return string(r)
}

// ParseRole reads a role as the command line and forms spell it.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	if !r.Valid() {
		return "", fmt.Errorf("vai trò %q không có; chọn một trong: reporter, editor, managing-editor, admin", s)
	}
	return r, nil
}
