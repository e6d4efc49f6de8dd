package workflow_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/workflow"
)

const (
	local = 1 // the section the limited reporter covers
	sport = 2
)

var (
	reporter = &store.User{ID: 10, Role: auth.Reporter, Sections: []int64{local}}
	other    = &store.User{ID: 11, Role: auth.Reporter} // another reporter, every section
	editor   = &store.User{ID: 20, Role: auth.Editor}
	localEd  = &store.User{ID: 21, Role: auth.Editor, Sections: []int64{local}}
	chief    = &store.User{ID: 30, Role: auth.ManagingEditor}
	admin    = &store.User{ID: 40, Role: auth.Admin}
	disabled = &store.User{ID: 50, Role: auth.ManagingEditor, Disabled: true}
)

// TestEveryStepEveryRole walks the table: every step from every state, by
// every kind of user, in and out of their sections, and checks the verdict
// against what the issue asks.
func TestEveryStepEveryRole(t *testing.T) {
	type who struct {
		name string
		u    *store.User
	}
	people := []who{{"reporter (owner)", reporter}, {"other reporter", other}, {"editor", editor}, {"local editor", localEd},
		{"managing editor", chief}, {"admin", admin}, {"disabled", disabled}}
	// may is what each step's owner-independent rule allows, by role.
	may := map[workflow.Step]map[auth.Role]bool{
		workflow.Submit:     {auth.Reporter: true, auth.Editor: true, auth.ManagingEditor: true},
		workflow.Take:       {auth.Editor: true, auth.ManagingEditor: true},
		workflow.Return:     {auth.Editor: true, auth.ManagingEditor: true},
		workflow.Approve:    {auth.Editor: true, auth.ManagingEditor: true},
		workflow.Publish:    {auth.ManagingEditor: true},
		workflow.Schedule:   {auth.ManagingEditor: true},
		workflow.Unschedule: {auth.ManagingEditor: true},
		workflow.Unpublish:  {auth.ManagingEditor: true},
		workflow.Reopen:     {auth.Editor: true, auth.ManagingEditor: true},
	}
	states := []content.Status{content.StatusDraft, content.StatusSubmitted, content.StatusEditing, content.StatusReturned,
		content.StatusApproved, content.StatusScheduled, content.StatusPublished, content.StatusUnpublished}
	checked := 0
	for _, tr := range workflow.Table {
		for _, st := range states {
			for _, section := range []int64{local, sport} {
				for _, p := range people {
					a := workflow.Article{Status: st, SectionID: section, OwnerID: reporter.ID}
					_, err := workflow.Check(p.u, tr.Step, a, "Thiếu nguồn")
					want := !p.u.Disabled && may[tr.Step][p.u.Role] && tr.Starts(st) &&
						(len(p.u.Sections) == 0 || section == local) && (!tr.OwnOnly || p.u.ID == reporter.ID) &&
						// leaving the schedule is the schedulers' (an editor's trả bài would cancel it)
						(st != content.StatusScheduled || may[workflow.Schedule][p.u.Role])
					if (err == nil) != want {
						t.Errorf("%s by %s from %s in section %d: err %v, want allowed=%v", tr.Step, p.name, st, section, err, want)
					}
					if err != nil && !errors.Is(err, workflow.ErrRefused) {
						t.Errorf("refusal is not a workflow.Refusal: %v", err)
					}
					checked++
				}
			}
		}
	}
	if checked != len(workflow.Table)*8*2*len(people) {
		t.Errorf("checked %d", checked)
	}
}

func TestTheWholeRoad(t *testing.T) {
	a := workflow.Article{Status: content.StatusDraft, SectionID: local, OwnerID: reporter.ID}
	road := []struct {
		u    *store.User
		step workflow.Step
	}{
		{reporter, workflow.Submit}, {editor, workflow.Take}, {localEd, workflow.Return}, {reporter, workflow.Submit},
		{editor, workflow.Approve}, {chief, workflow.Schedule}, {chief, workflow.Unschedule}, {chief, workflow.Publish},
		{chief, workflow.Unpublish}, {editor, workflow.Reopen}, {editor, workflow.Approve}, {chief, workflow.Publish},
	}
	for i, r := range road {
		tr, err := workflow.Check(r.u, r.step, a, "Lý do")
		if err != nil {
			t.Fatalf("step %d %s from %s: %v", i, r.step, a.Status, err)
		}
		a.Status = tr.To
	}
	if a.Status != content.StatusPublished {
		t.Errorf("ended %s", a.Status)
	}
}

func TestReasonsRequired(t *testing.T) {
	for _, c := range []struct {
		step workflow.Step
		from content.Status
	}{{workflow.Return, content.StatusSubmitted}, {workflow.Return, content.StatusEditing}, {workflow.Return, content.StatusApproved},
		{workflow.Return, content.StatusScheduled}, {workflow.Unpublish, content.StatusPublished}} {
		a := workflow.Article{Status: c.from, SectionID: local, OwnerID: reporter.ID}
		_, err := workflow.Check(chief, c.step, a, "   ")
		var r *workflow.Refusal
		if !errors.As(err, &r) || r.Forbidden || !strings.Contains(r.Msg, "lý do") {
			t.Errorf("%s from %s without a reason: %v", c.step, c.from, err)
		}
		if _, err := workflow.Check(chief, c.step, a, strings.Repeat("x", workflow.MaxNote+1)); err == nil {
			t.Errorf("%s: an over-long reason was accepted", c.step)
		}
	}
	// Approving needs no reason.
	if _, err := workflow.Check(editor, workflow.Approve, workflow.Article{Status: content.StatusSubmitted, SectionID: sport}, ""); err != nil {
		t.Error(err)
	}
}

func TestRefusalsSayWhy(t *testing.T) {
	a := workflow.Article{Status: content.StatusSubmitted, SectionID: sport, OwnerID: other.ID}
	cases := []struct {
		u    *store.User
		step workflow.Step
		a    workflow.Article
		want string
	}{
		{reporter, workflow.Approve, a, "Vai trò của bạn không được duyệt bài"},
		{localEd, workflow.Approve, a, "không phụ trách chuyên mục"},
		{other, workflow.Submit, workflow.Article{Status: content.StatusDraft, SectionID: sport, OwnerID: reporter.ID}, "Chỉ người viết bài"},
		{editor, workflow.Approve, workflow.Article{Status: content.StatusDraft, SectionID: sport}, "«Bản nháp»"},
	}
	for _, c := range cases {
		_, err := workflow.Check(c.u, c.step, c.a, "")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s by %s: %v, want %q", c.step, c.u.Role, err, c.want)
		}
	}
}

func TestEditRules(t *testing.T) {
	type tc struct {
		u      *store.User
		status content.Status
		sec    int64
		want   bool
	}
	for _, c := range []tc{
		{reporter, content.StatusDraft, local, true},
		{reporter, content.StatusReturned, local, true},
		{reporter, content.StatusDraft, sport, false}, // limited to the local pages
		{other, content.StatusDraft, local, false},    // not theirs
		{editor, content.StatusDraft, local, false},   // a draft is its author's
		{reporter, content.StatusSubmitted, local, false},
		{editor, content.StatusSubmitted, local, true},
		{localEd, content.StatusEditing, sport, false},
		{editor, content.StatusApproved, local, false},
		{chief, content.StatusApproved, local, true},
		{chief, content.StatusPublished, sport, true},
		{editor, content.StatusPublished, sport, false},
		{editor, content.StatusUnpublished, sport, true},
		{admin, content.StatusSubmitted, local, false},
	} {
		err := workflow.CanEdit(c.u, workflow.Article{Status: c.status, SectionID: c.sec, OwnerID: reporter.ID})
		if (err == nil) != c.want {
			t.Errorf("edit %s in %d by %s (id %d): %v, want %v", c.status, c.sec, c.u.Role, c.u.ID, err, c.want)
		}
	}
	if workflow.CanView(reporter, workflow.Article{SectionID: sport, OwnerID: other.ID}) || !workflow.CanView(admin, workflow.Article{SectionID: sport}) ||
		!workflow.CanView(reporter, workflow.Article{SectionID: local, OwnerID: reporter.ID}) || workflow.CanView(localEd, workflow.Article{SectionID: sport}) {
		t.Error("view rules")
	}
	if !(workflow.Rank(auth.ManagingEditor) > workflow.Rank(auth.Editor) && workflow.Rank(auth.Editor) > workflow.Rank(auth.Reporter) &&
		workflow.Rank(auth.Admin) == 0) {
		t.Error("ranks")
	}
}

func TestAvailableButtons(t *testing.T) {
	a := workflow.Article{Status: content.StatusApproved, SectionID: local, OwnerID: reporter.ID}
	var got []string
	for _, tr := range workflow.Available(chief, a) {
		got = append(got, string(tr.Step))
	}
	if strings.Join(got, ",") != "return,publish,schedule" {
		t.Errorf("managing editor on an approved article: %v", got)
	}
	if len(workflow.Available(admin, a)) != 0 {
		t.Error("the admin has workflow buttons")
	}
}

// TestNoReturnWithoutAnAuthor: an article imported from the old system has
// no author account; returned, nobody could edit or resubmit it (both are
// the author's), and it would be stuck for good.
func TestNoReturnWithoutAnAuthor(t *testing.T) {
	a := workflow.Article{Status: content.StatusEditing, SectionID: local}
	_, err := workflow.Check(editor, workflow.Return, a, "Thiếu nguồn")
	var r *workflow.Refusal
	if !errors.As(err, &r) || r.Forbidden || !strings.Contains(r.Msg, "không có người viết") {
		t.Errorf("return of an article nobody wrote here: %v", err)
	}
	for _, tr := range workflow.Available(editor, a) {
		if tr.Step == workflow.Return {
			t.Error("the return button is offered for an article nobody wrote here")
		}
	}
}
