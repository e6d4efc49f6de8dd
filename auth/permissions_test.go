package auth

import (
	"fmt"
	"testing"
)

// want is the permission matrix written out again, role by role, so that a
// change to the matrix must be made twice on purpose.
var want = map[Action][]Role{
	DeskView:             {Reporter, Editor, ManagingEditor, Admin},
	SessionsOwn:          {Reporter, Editor, ManagingEditor, Admin},
	ArticleCreate:        {Reporter, Editor, ManagingEditor},
	ArticleEditOwnDraft:  {Reporter, Editor, ManagingEditor},
	ArticleSubmit:        {Reporter, Editor, ManagingEditor},
	ArticleViewAll:       {Editor, ManagingEditor, Admin},
	ArticleEditSubmitted: {Editor, ManagingEditor},
	ArticleReturn:        {Editor, ManagingEditor},
	ArticleApprove:       {Editor, ManagingEditor},
	ArticlePublish:       {ManagingEditor},
	ArticleSchedule:      {ManagingEditor},
	ArticleUnpublish:     {ManagingEditor},
	CommentModerate:      {Editor, ManagingEditor},
	HomeArrange:          {ManagingEditor},
	MediaUpload:          {Reporter, Editor, ManagingEditor},
	UserManage:           {Admin},
	SectionManage:        {Admin},
	SettingsManage:       {Admin},
	AuditView:            {ManagingEditor, Admin},
}

var wantInSection = map[Action]bool{
	ArticleCreate: true, ArticleEditOwnDraft: true, ArticleSubmit: true, ArticleViewAll: true,
	ArticleEditSubmitted: true, ArticleReturn: true, ArticleApprove: true, ArticlePublish: true,
	ArticleSchedule: true, ArticleUnpublish: true, CommentModerate: true,
}

func allowed(a Action, r Role) bool {
	for _, x := range want[a] {
		if x == r {
			return true
		}
	}
	return false
}

func TestMatrixListsEveryAction(t *testing.T) {
	if len(Actions()) != len(want) {
		t.Fatalf("matrix has %d actions, the test knows %d", len(Actions()), len(want))
	}
	for _, a := range Actions() {
		if _, ok := want[a]; !ok {
			t.Errorf("action %q is not in the test's matrix", a)
		}
		if a.Label() == string(a) || a.Label() == "" {
			t.Errorf("action %q has no Vietnamese label", a)
		}
		if a.InSection() != wantInSection[a] {
			t.Errorf("%s: InSection = %v", a, a.InSection())
		}
	}
}

// TestCanExhaustive checks every action × role × section situation.
func TestCanExhaustive(t *testing.T) {
	const mine, other = 7, 9
	type limit struct {
		name     string
		sections []int64
	}
	limits := []limit{{"unlimited", nil}, {"limited", []int64{mine, 11}}}
	sections := []int64{0, mine, other}
	roles := append(Roles(), Role(""), Role("chief"))
	n := 0
	for _, a := range append(Actions(), Action("article.delete_everything")) {
		for _, r := range roles {
			for _, l := range limits {
				for _, sec := range sections {
					n++
					exp := allowed(a, r)
					if exp && wantInSection[a] && len(l.sections) > 0 {
						exp = sec == mine
					}
					name := fmt.Sprintf("%s/%s/%s/section%d", a, r, l.name, sec)
					if got := Can(r, l.sections, a, sec); got != exp {
						t.Errorf("%s: Can = %v, want %v", name, got, exp)
					}
				}
			}
			if got := RoleAllows(r, a); got != allowed(a, r) {
				t.Errorf("RoleAllows(%s, %s) = %v", r, a, got)
			}
		}
	}
	if want := 20 * 6 * 2 * 3; n != want {
		t.Errorf("checked %d cases, want %d", n, want)
	}
}

func TestRoles(t *testing.T) {
	labels := map[Role]string{Reporter: "Phóng viên", Editor: "Biên tập viên", ManagingEditor: "Thư ký tòa soạn", Admin: "Quản trị"}
	if len(Roles()) != 4 {
		t.Fatalf("%d roles", len(Roles()))
	}
	for _, r := range Roles() {
		if r.Label() != labels[r] || !r.Valid() {
			t.Errorf("%s: label %q valid %v", r, r.Label(), r.Valid())
		}
		got, err := ParseRole(" " + string(r) + " ")
		if err != nil || got != r {
			t.Errorf("ParseRole(%s) = %v, %v", r, got, err)
		}
	}
	for _, bad := range []string{"", "root", "managing_editor", "phóng viên"} {
		if _, err := ParseRole(bad); err == nil {
			t.Errorf("ParseRole(%q) accepted", bad)
		}
	}
	if Role("x").Valid() {
		t.Error("unknown role valid")
	}
}
