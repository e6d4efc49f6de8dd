package content

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"github.com/toasoan/toasoan/viet"
)

// CommentStatus is where a reader's comment stands in moderation. Nothing is
// public before an editor approves it.
type CommentStatus string

// The moderation states.
const (
	CommentPending  CommentStatus = "pending"
	CommentApproved CommentStatus = "approved"
	CommentRejected CommentStatus = "rejected"
)

// Valid reports whether s is one of the known states.
func (s CommentStatus) Valid() bool {
	return s == CommentPending || s == CommentApproved || s == CommentRejected
}

// Label is the state's Vietnamese name.
func (s CommentStatus) Label() string {
	switch s {
	case CommentPending:
		return "Chờ duyệt"
	case CommentApproved:
		return "Đã duyệt"
	case CommentRejected:
		return "Đã từ chối"
	}
	return string(s)
}

// CommentStatuses lists the states in the queue's order.
func CommentStatuses() []CommentStatus {
	return []CommentStatus{CommentPending, CommentApproved, CommentRejected}
}

// Comment is a reader's comment on an article ("ý kiến bạn đọc"). Replies
// have one level: ParentID names an approved top-level comment of the same
// article.
type Comment struct {
	ID        int64
	ArticleID int64
	ParentID  int64 // 0: a comment on the article itself
	Status    CommentStatus
	Name      string
	Email     string // lower-cased; shown to staff only
	// Body is the text readers see: plain text, never HTML. When an editor
	// changed it, Original keeps what the reader wrote.
	Body     string
	Original string
	// Fingerprint identifies the text for duplicate detection (see
	// CommentFingerprint).
	Fingerprint  string
	IPHash       string // keyed hash of the sender's address; the address itself is never stored
	RejectReason string
	// LinksAllowed is an editor's choice to show the comment's web
	// addresses as links; otherwise they are plain text.
	LinksAllowed bool
	CreatedAt    time.Time
	ModeratedAt  time.Time
	ModeratedBy  int64
	Attachments  []Attachment

	// Filled by queries that join the article, for the moderation queue.
	ArticleTitle    string
	ArticlePath     string
	SectionID       int64
	AttachmentCount int
}

// Edited reports whether an editor changed the reader's text.
func (c Comment) Edited() bool { return c.Original != "" && c.Original != c.Body }

// Attachment is a file a reader sent with a comment. Attachments are kept
// outside the public media folder, named by the SHA-256 of their content,
// and only staff can download them.
type Attachment struct {
	ID        int64
	CommentID int64
	Name      string // the file name the reader gave, cleaned
	Hash      string // lower-case hex SHA-256
	Kind      string // the type the content was sniffed as: "jpg", "png", "pdf", "docx", …
	MIME      string
	Size      int64
}

// Path is where the attachment lives under the attachments directory.
func (a *Attachment) Path() string {
	if len(a.Hash) < 2 {
		return ""
	}
	return a.Hash[:2] + "/" + a.Hash
}

// SettingCommentBannedWords holds the banned-word list of moderation: one
// word or phrase per line (or separated by commas), matched
// diacritic-insensitively. A match flags a comment for the moderator's
// attention; it never drops it.
const SettingCommentBannedWords = "comments.banned_words"

// MailboxKey names the mailbox an e-mail address reaches, for the per-e-mail
// rate limit: case aside, without a "+tag" after the local part, and for
// Gmail without the dots it ignores. "An.Doc+1@GMail.com" and
// "andoc@gmail.com" are one mailbox, one key. Staff still see the address
// as typed.
func MailboxKey(email string) string {
	email = strings.ToLower(strings.TrimSpace(email))
	local, domain, ok := strings.Cut(email, "@")
	if !ok {
		return email
	}
	local, _, _ = strings.Cut(local, "+")
	if domain == "googlemail.com" {
		domain = "gmail.com"
	}
	if domain == "gmail.com" {
		local = strings.ReplaceAll(local, ".", "")
	}
	return local + "@" + domain
}

// CommentFingerprint identifies a comment's text for duplicate detection:
// folded (diacritics and case aside) and with whitespace collapsed, so that
// the same text sent twice, with or without marks, is found.
func CommentFingerprint(body string) string {
	f := strings.Join(strings.Fields(viet.Fold(body)), " ")
	sum := sha256.Sum256([]byte(f))
	return hex.EncodeToString(sum[:16])
}

// BannedWords parses the banned-word setting: entries separated by new
// lines or commas, folded, empties dropped.
func BannedWords(setting string) []string {
	var out []string
	for _, line := range strings.FieldsFunc(setting, func(r rune) bool { return r == '\n' || r == ',' || r == ';' }) {
		if w := strings.Join(viet.FoldWords(line), " "); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// MatchBanned returns the entries of banned (as BannedWords gives them)
// that text contains as whole words, diacritics and case aside: "ngu"
// matches "Ngu", "ngư" and "ngụ" but not "nguyên".
func MatchBanned(text string, banned []string) []string {
	if len(banned) == 0 {
		return nil
	}
	padded := " " + strings.Join(viet.FoldWords(text), " ") + " "
	var out []string
	for _, w := range banned {
		if strings.Contains(padded, " "+w+" ") {
			out = append(out, w)
		}
	}
	return out
}
