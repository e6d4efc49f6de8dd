package store

import (
	"context"
	"time"

	"github.com/toasoan/toasoan/content"
)

// CommentQuery selects comments; zero fields do not filter.
type CommentQuery struct {
	Status    content.CommentStatus
	ArticleID int64
	// SectionID is a top-level section: comments on its articles and its
	// sub-sections' articles.
	SectionID int64
	// Sections limits the result to articles of these top-level sections
	// (a moderator limited to some sections); empty: every section.
	Sections []int64
	IPHash   string
	// Email selects comments sent from the same mailbox
	// (content.MailboxKey): "+tags" and Gmail's dots aside.
	Email       string
	Fingerprint string
	Since       time.Time // created at or after
	Until       time.Time // created strictly before
	// Oldest orders oldest first; the default is newest first.
	Oldest bool
	Limit  int // default 50
	Offset int
}

// CommentChange is one moderation step on one comment.
type CommentChange struct {
	ID     int64
	Status content.CommentStatus
	// Body, when not empty and different from the current text, replaces
	// the text readers see; the reader's own text is kept as the original
	// the first time.
	Body   string
	Reason string // why it was rejected
	// AllowLinks, when set, says whether readers may follow the comment's
	// web addresses; nil keeps the current choice.
	AllowLinks *bool
	By         int64 // the moderator
	At         time.Time
	Audit      AuditEntry
}

// CommentStore keeps reader comments, their attachments and the moderation trail.
type CommentStore interface {
	// CreateComment inserts c with its attachments in one transaction and
	// sets the ids. The article must exist.
	CreateComment(ctx context.Context, c *content.Comment) error
	// Comment returns one comment with its attachments and its article's
	// title, path and section.
	Comment(ctx context.Context, id int64) (*content.Comment, error)
	// Comments lists comments with their article's title, path and section
	// (attachments are not loaded).
	Comments(ctx context.Context, q CommentQuery) ([]content.Comment, error)
	// CountComments counts what Comments would list without Limit and Offset.
	CountComments(ctx context.Context, q CommentQuery) (int, error)
	// CommentStatusCounts counts comments by state under q's other filters.
	CommentStatusCounts(ctx context.Context, q CommentQuery) (map[content.CommentStatus]int, error)
	// ApprovedComments returns an article's approved comments, oldest first.
	ApprovedComments(ctx context.Context, articleID int64) ([]content.Comment, error)
	// CommentCounts counts the approved comments of each article that its
	// page shows (a reply only under an approved comment); an article
	// without any is absent from the map.
	CommentCounts(ctx context.Context, articleIDs []int64) (map[int64]int, error)
	// ModerateComments applies the changes in one transaction, each with its
	// audit entry; an unknown id is ErrNotFound and nothing is changed.
	ModerateComments(ctx context.Context, changes []CommentChange) error
	// CommentAttachment returns one attachment.
	CommentAttachment(ctx context.Context, id int64) (*content.Attachment, error)
	// AttachmentStored reports whether any comment has an attachment with
	// this content hash.
	AttachmentStored(ctx context.Context, hash string) (bool, error)
	// SetBannedWords stores the banned-word setting
	// (content.SettingCommentBannedWords) with its audit entry, in one
	// transaction.
	SetBannedWords(ctx context.Context, value string, a AuditEntry) error
}
