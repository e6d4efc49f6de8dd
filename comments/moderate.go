package comments

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
)

// Audit events of moderation.
const (
	EventApprove = "comment.approve"
	EventReject  = "comment.reject"
	EventEdit    = "comment.edit"
)

// ErrForbidden means the moderator may not act on a comment: it is on an
// article outside the sections they are limited to.
var ErrForbidden = errors.New("comments: not allowed in this section")

// EditError is an edit that breaks the text rules; its text is Vietnamese.
type EditError struct{ Msg string }

func (e *EditError) Error() string { return e.Msg }

// Step is one moderation decision on some comments.
type Step struct {
	IDs    []int64
	Status content.CommentStatus // approved, rejected, pending; "": keep (an edit)
	// Body is the edited text (one comment only); empty keeps the text.
	Body   string
	Reason string // for a rejection
	// AllowLinks, when set, shows the comment's web addresses as links
	// (true) or as plain text (false); nil keeps the choice.
	AllowLinks *bool
}

// Moderator is who moderates, and from where.
type Moderator struct {
	User *store.User
	IP   string
}

// Moderate applies a step to its comments in one transaction, each with
// its audit entry, after checking that the moderator may act on every one
// of them (per-section limits through the article's section). Nothing is
// changed if one comment is missing or out of reach.
func (s *Service) Moderate(ctx context.Context, by Moderator, st Step) error {
	if len(st.IDs) == 0 {
		return nil
	}
	if st.Status != "" && !st.Status.Valid() {
		return fmt.Errorf("moderate: unknown status %q", st.Status)
	}
	body := ""
	if st.Body != "" {
		if len(st.IDs) != 1 {
			return errors.New("moderate: an edit is of one comment")
		}
		body = CleanBody(st.Body)
		switch n := utf8.RuneCountInString(body); {
		case n < MinBody:
			return &EditError{"Nội dung sau khi sửa không được để trống."}
		case n > MaxBody:
			return &EditError{"Nội dung sau khi sửa dài quá 4.000 ký tự."}
		}
	}
	reason := strings.TrimSpace(st.Reason)
	if utf8.RuneCountInString(reason) > 500 {
		return &EditError{"Lý do từ chối dài quá 500 ký tự."}
	}
	now := s.now()
	var changes []store.CommentChange
	for _, id := range st.IDs {
		c, err := s.st.Comment(ctx, id)
		if err != nil {
			return err
		}
		if !by.User.Can(auth.CommentModerate, c.SectionID) {
			return ErrForbidden
		}
		ch := store.CommentChange{ID: id, Status: st.Status, Body: body, AllowLinks: st.AllowLinks, By: by.User.ID, At: now}
		if ch.Status == "" {
			ch.Status = c.Status // an edit keeps the state
		}
		if ch.Status == content.CommentRejected {
			ch.Reason = reason
		}
		edited := body != "" && body != c.Body
		a := store.AuditEntry{At: now, UserID: by.User.ID, IP: by.IP, Object: "comment:" + strconv.FormatInt(id, 10)}
		who := "ý kiến của " + c.Name + " về bài “" + c.ArticleTitle + "”"
		switch {
		case st.Status == "":
			a.Action, a.Detail = EventEdit, "Sửa "+who
		case st.Status == content.CommentApproved:
			a.Action, a.Detail = EventApprove, "Duyệt "+who
			if edited {
				a.Detail = "Sửa và duyệt " + who
			}
		case st.Status == content.CommentRejected:
			a.Action, a.Detail = EventReject, "Từ chối "+who
			if reason != "" {
				a.Detail += ". Lý do: " + reason
			}
		default:
			a.Action, a.Detail = EventEdit, "Đưa về chờ duyệt "+who
		}
		if st.AllowLinks != nil && *st.AllowLinks != c.LinksAllowed {
			if *st.AllowLinks {
				a.Detail += "; cho phép liên kết"
			} else {
				a.Detail += "; bỏ liên kết"
			}
		}
		ch.Audit = a
		changes = append(changes, ch)
	}
	if err := s.st.ModerateComments(ctx, changes); err != nil {
		return err
	}
	s.notify()
	return nil
}
