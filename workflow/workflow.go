// Package workflow owns the editorial workflow's rules: which steps move an
// article from which state to which, the permission each step needs, which
// steps need a reason, who may edit an article's text in each state, and who
// may take an edit lease from whom. It also runs the scheduler that
// publishes scheduled articles and takes articles down on time.
//
// The rules need no I/O; they are checked against the permission matrix
// (auth.Can) in the article's top-level section, so that per-section limits
// apply to every step.
package workflow

import (
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
)

// Step is a move a person can make in the workflow.
type Step string

// The steps.
const (
	Submit     Step = "submit"     // gửi bài: the author hands a draft to the editors
	Take       Step = "take"       // nhận biên tập: an editor starts editing a submitted article
	Return     Step = "return"     // trả bài: back to the author, with a reason
	Approve    Step = "approve"    // duyệt
	Publish    Step = "publish"    // đăng ngay
	Schedule   Step = "schedule"   // hẹn giờ đăng
	Unschedule Step = "unschedule" // hủy hẹn giờ
	Unpublish  Step = "unpublish"  // gỡ bài, with a reason
	Reopen     Step = "reopen"     // biên tập lại a withdrawn article
)

// Transition is one line of the workflow table.
type Transition struct {
	Step   Step
	From   []content.Status
	To     content.Status
	Action auth.Action // what the person must be allowed to do in the article's section
	// NoteRequired: the step is refused without a reason (trả bài, gỡ bài).
	NoteRequired bool
	// OwnOnly: only the article's owner may take the step.
	OwnOnly bool
	Label   string // the button, in Vietnamese
}

// Table is THE workflow: every move an article can make through the
// newsroom, and what it takes. The scheduler's moves (scheduled → published
// at the time, published → unpublished at the take-down time) are made by
// the system, not by people.
var Table = []Transition{
	{Submit, []content.Status{content.StatusDraft, content.StatusReturned}, content.StatusSubmitted,
		auth.ArticleSubmit, false, true, "Gửi biên tập"},
	{Take, []content.Status{content.StatusSubmitted}, content.StatusEditing,
		auth.ArticleEditSubmitted, false, false, "Nhận biên tập"},
	{Return, []content.Status{content.StatusSubmitted, content.StatusEditing, content.StatusApproved, content.StatusScheduled},
		content.StatusReturned, auth.ArticleReturn, true, false, "Trả bài"},
	{Approve, []content.Status{content.StatusSubmitted, content.StatusEditing}, content.StatusApproved,
		auth.ArticleApprove, false, false, "Duyệt bài"},
	{Publish, []content.Status{content.StatusApproved, content.StatusScheduled, content.StatusUnpublished}, content.StatusPublished,
		auth.ArticlePublish, false, false, "Đăng ngay"},
	{Schedule, []content.Status{content.StatusApproved, content.StatusScheduled, content.StatusUnpublished}, content.StatusScheduled,
		auth.ArticleSchedule, false, false, "Hẹn giờ đăng"},
	{Unschedule, []content.Status{content.StatusScheduled}, content.StatusApproved,
		auth.ArticleSchedule, false, false, "Hủy hẹn giờ"},
	{Unpublish, []content.Status{content.StatusPublished}, content.StatusUnpublished,
		auth.ArticleUnpublish, true, false, "Gỡ bài"},
	{Reopen, []content.Status{content.StatusUnpublished}, content.StatusEditing,
		auth.ArticleEditSubmitted, false, false, "Biên tập lại"},
}

// Lookup finds a step's line of the table.
func Lookup(s Step) (Transition, bool) {
	for _, t := range Table {
		if t.Step == s {
			return t, true
		}
	}
	return Transition{}, false
}

// Starts reports whether the step can be taken from state st.
func (t Transition) Starts(st content.Status) bool {
	for _, f := range t.From {
		if f == st {
			return true
		}
	}
	return false
}

// Refusal is a rule a request breaks; its text is a Vietnamese sentence to
// show as it is. Forbidden tells a missing permission (403) from a request
// that cannot be done as asked (400/409).
type Refusal struct {
	Msg       string
	Forbidden bool
}

func (r *Refusal) Error() string { return r.Msg }

func forbidden(msg string) error { return &Refusal{Msg: msg, Forbidden: true} }
func invalid(msg string) error   { return &Refusal{Msg: msg} }

// MaxNote bounds a reason, in characters.
const MaxNote = 2000

// Article is what the rules look at.
type Article struct {
	Status    content.Status
	SectionID int64 // top-level section
	OwnerID   int64
}

// Of reads the rules' view of an article from the store's.
func Of(m store.ArticleMeta) Article {
	return Article{Status: m.Status, SectionID: m.SectionID, OwnerID: m.OwnerID}
}

// Check reports whether u may take step on a: the step must start from the
// article's state, the user's role must allow the step's action in the
// article's section, the owner rule must hold, and a required reason must be
// given. It returns the table line on success.
func Check(u *store.User, step Step, a Article, note string) (Transition, error) {
	t, ok := Lookup(step)
	if !ok {
		return t, invalid("Thao tác này không có trong quy trình.")
	}
	if !u.Can(t.Action, a.SectionID) {
		if u.Allowed(t.Action) {
			return t, forbidden("Bạn không phụ trách chuyên mục của bài này nên không được " + lower(t.Label) + ".")
		}
		return t, forbidden("Vai trò của bạn không được " + lower(t.Label) + ".")
	}
	if t.OwnOnly && a.OwnerID != u.ID {
		return t, forbidden("Chỉ người viết bài mới được " + lower(t.Label) + ".")
	}
	// Any step out of the scheduled state cancels the schedule (trả bài
	// included): it takes the right to schedule, as «Hủy hẹn giờ» does.
	if a.Status == content.StatusScheduled && t.Starts(a.Status) && !u.Can(auth.ArticleSchedule, a.SectionID) {
		return t, forbidden("Bài đã được hẹn giờ đăng: chỉ người có quyền hẹn giờ đăng mới được " + lower(t.Label) + ".")
	}
	if !t.Starts(a.Status) {
		return t, invalid("Bài đang ở trạng thái «" + StatusLabel(a.Status) + "» nên không thể " + lower(t.Label) + ".")
	}
	if t.To == content.StatusReturned && a.OwnerID == 0 {
		// Imported from the old system: no author account could take it
		// back (editing and resubmitting a returned article are theirs).
		return t, invalid("Bài nhập từ hệ thống cũ không có người viết trong tòa soạn để trả lại; mời bạn sửa trực tiếp.")
	}
	note = strings.TrimSpace(note)
	if t.NoteRequired && note == "" {
		return t, invalid("Mời bạn ghi lý do khi " + lower(t.Label) + ": người viết cần biết vì sao.")
	}
	if utf8.RuneCountInString(note) > MaxNote {
		return t, invalid("Ghi chú dài quá 2.000 ký tự.")
	}
	return t, nil
}

// Available lists the steps u may take on a now, in table order: the
// buttons the editor page shows.
func Available(u *store.User, a Article) []Transition {
	var out []Transition
	for _, t := range Table {
		if _, err := Check(u, t.Step, a, "lý do"); err == nil {
			out = append(out, t)
		}
	}
	return out
}

// EditAction is the permission editing an article's text needs in its
// current state, and whether only its owner has it: the author edits their
// draft or a returned article; editors edit what was submitted; once
// approved or scheduled, the article is the managing editor's; a live
// article is corrected only by those who may publish (each correction is a
// new published version).
func EditAction(st content.Status) (a auth.Action, ownOnly bool) {
	switch st {
	case content.StatusDraft, content.StatusReturned:
		return auth.ArticleEditOwnDraft, true
	case content.StatusSubmitted, content.StatusEditing, content.StatusUnpublished:
		return auth.ArticleEditSubmitted, false
	default: // approved, scheduled, published
		return auth.ArticlePublish, false
	}
}

// CanEdit reports whether u may change a's text, and why not.
func CanEdit(u *store.User, a Article) error {
	act, own := EditAction(a.Status)
	if own && a.OwnerID != u.ID {
		return forbidden("Bài đang là bản nháp của người viết: chỉ người viết được sửa.")
	}
	if !u.Can(act, a.SectionID) {
		if u.Allowed(act) {
			return forbidden("Bạn không phụ trách chuyên mục của bài này nên không được sửa.")
		}
		return forbidden("Ở trạng thái «" + StatusLabel(a.Status) + "», vai trò của bạn không được sửa bài này.")
	}
	return nil
}

// CanMove reports whether u may put an article into section newSection
// (moving it out of its own needs the right to edit there as well).
func CanMove(u *store.User, a Article, newSection int64) error {
	act, _ := EditAction(a.Status)
	if !u.Can(act, newSection) {
		return forbidden("Bạn không phụ trách chuyên mục vừa chọn.")
	}
	return nil
}

// CanView reports whether u may open a: their own article, or anyone's in
// their sections if their role sees every article.
func CanView(u *store.User, a Article) bool {
	return a.OwnerID == u.ID && u.Allowed(auth.DeskView) || u.Can(auth.ArticleViewAll, a.SectionID)
}

// Rank orders the editorial roles for edit leases: someone of a higher rank
// may take an article over from its holder. The admin takes no part in the
// editorial workflow.
func Rank(r auth.Role) int {
	switch r {
	case auth.Reporter:
		return 1
	case auth.Editor:
		return 2
	case auth.ManagingEditor:
		return 3
	}
	return 0
}

// CheckScheduleTime refuses a publish time that is not in the future.
func CheckScheduleTime(at, now time.Time) error {
	if at.IsZero() {
		return invalid("Mời bạn chọn ngày giờ đăng.")
	}
	if !at.After(now) {
		return invalid("Giờ hẹn đăng phải ở tương lai; muốn đăng ngay, mời bạn bấm «Đăng ngay».")
	}
	return nil
}

// CheckTakeDownTime refuses a take-down time that is not in the future.
func CheckTakeDownTime(at, now time.Time) error {
	if !at.IsZero() && !at.After(now) {
		return invalid("Giờ tự gỡ phải ở tương lai.")
	}
	return nil
}

// ErrRefused matches every Refusal with errors.Is.
var ErrRefused = errors.New("refused by the workflow")

// Is lets errors.Is(err, ErrRefused) find a Refusal.
func (r *Refusal) Is(target error) bool { return target == ErrRefused }

// StatusLabel is a state's Vietnamese name.
func StatusLabel(s content.Status) string {
	if l, ok := statusLabels[s]; ok {
		return l
	}
	return string(s)
}

var statusLabels = map[content.Status]string{
	content.StatusDraft:       "Bản nháp",
	content.StatusSubmitted:   "Chờ biên tập",
	content.StatusEditing:     "Đang biên tập",
	content.StatusReturned:    "Bị trả lại",
	content.StatusApproved:    "Đã duyệt, chờ đăng",
	content.StatusScheduled:   "Hẹn giờ đăng",
	content.StatusPublished:   "Đã đăng",
	content.StatusUnpublished: "Đã gỡ",
}

// lower lower-cases the first letter of a label to put it mid-sentence.
func lower(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToLower(string(r)) + s[n:]
}
