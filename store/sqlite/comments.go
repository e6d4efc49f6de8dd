package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
)

// commentCols are the columns scanComment reads, with the article joined as a.
const commentCols = `c.id, c.article_id, COALESCE(c.parent_id, 0), c.status, c.name, c.email, c.body, c.original,
	c.fingerprint, c.ip_hash, c.reject_reason, c.links_allowed, c.created_at, c.moderated_at, COALESCE(c.moderated_by, 0),
	a.title, a.slug, a.section_id, (SELECT COUNT(*) FROM comment_attachments WHERE comment_id = c.id)`

func scanComment(row interface{ Scan(...any) error }, c *content.Comment) error {
	var created, moderated int64
	var status, slug string
	if err := row.Scan(&c.ID, &c.ArticleID, &c.ParentID, &status, &c.Name, &c.Email, &c.Body, &c.Original,
		&c.Fingerprint, &c.IPHash, &c.RejectReason, &c.LinksAllowed, &created, &moderated, &c.ModeratedBy,
		&c.ArticleTitle, &slug, &c.SectionID, &c.AttachmentCount); err != nil {
		return err
	}
	c.Status = content.CommentStatus(status)
	c.CreatedAt, c.ModeratedAt = fromUnix(created), fromUnix(moderated)
	c.ArticlePath = content.ArticlePath(slug, c.ArticleID)
	return nil
}

// CreateComment inserts a comment and its attachments in one transaction.
func (s *Store) CreateComment(ctx context.Context, c *content.Comment) error {
	if !c.Status.Valid() {
		return fmt.Errorf("comment: unknown status %q", c.Status)
	}
	return s.writeTx(ctx, func(tx *sql.Tx) error {
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM articles WHERE id = ?`, c.ArticleID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("comment on article %d: %w", c.ArticleID, store.ErrNotFound)
		}
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO comments (article_id, parent_id, status, name, email, email_key, body, original,
			fingerprint, ip_hash, reject_reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.ArticleID, nullID(c.ParentID), string(c.Status), c.Name, c.Email, content.MailboxKey(c.Email), c.Body, c.Original,
			c.Fingerprint, c.IPHash, c.RejectReason, unix(c.CreatedAt))
		if err != nil {
			return fmt.Errorf("create comment: %w", err)
		}
		if c.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		for i := range c.Attachments {
			at := &c.Attachments[i]
			at.CommentID = c.ID
			res, err := tx.ExecContext(ctx, `INSERT INTO comment_attachments (comment_id, name, hash, kind, mime, size)
				VALUES (?, ?, ?, ?, ?, ?)`, c.ID, at.Name, at.Hash, at.Kind, at.MIME, at.Size)
			if err != nil {
				return fmt.Errorf("create comment attachment: %w", err)
			}
			if at.ID, err = res.LastInsertId(); err != nil {
				return err
			}
		}
		return nil
	})
}

// Comment returns one comment with its attachments.
func (s *Store) Comment(ctx context.Context, id int64) (*content.Comment, error) {
	var c content.Comment
	err := scanComment(s.r.QueryRowContext(ctx, `SELECT `+commentCols+` FROM comments c
		JOIN articles a ON a.id = c.article_id WHERE c.id = ?`, id), &c)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("comment %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("read comment %d: %w", id, err)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT id, comment_id, name, hash, kind, mime, size
		FROM comment_attachments WHERE comment_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("read attachments of comment %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var a content.Attachment
		if err := rows.Scan(&a.ID, &a.CommentID, &a.Name, &a.Hash, &a.Kind, &a.MIME, &a.Size); err != nil {
			return nil, err
		}
		c.Attachments = append(c.Attachments, a)
	}
	return &c, rows.Err()
}

// commentWhere builds the filter of a CommentQuery; skipStatus leaves the
// status out (for counts by status).
func commentWhere(q store.CommentQuery, skipStatus bool) (string, []any) {
	var where []string
	var args []any
	add := func(cond string, a ...any) {
		where = append(where, cond)
		args = append(args, a...)
	}
	if q.Status != "" && !skipStatus {
		add(`c.status = ?`, string(q.Status))
	}
	if q.ArticleID != 0 {
		add(`c.article_id = ?`, q.ArticleID)
	}
	if q.SectionID != 0 {
		add(`a.section_id = ?`, q.SectionID)
	}
	if len(q.Sections) > 0 {
		ph := strings.Repeat(",?", len(q.Sections))[1:]
		cond := `a.section_id IN (` + ph + `)`
		for _, id := range q.Sections {
			args = append(args, id)
		}
		where = append(where, cond)
	}
	if q.IPHash != "" {
		add(`c.ip_hash = ?`, q.IPHash)
	}
	if q.Email != "" {
		add(`c.email_key = ?`, content.MailboxKey(q.Email))
	}
	if q.Fingerprint != "" {
		add(`c.fingerprint = ?`, q.Fingerprint)
	}
	if !q.Since.IsZero() {
		add(`c.created_at >= ?`, unix(q.Since))
	}
	if !q.Until.IsZero() {
		add(`c.created_at < ?`, unix(q.Until))
	}
	if len(where) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

// Comments lists comments, newest first unless q.Oldest.
func (s *Store) Comments(ctx context.Context, q store.CommentQuery) ([]content.Comment, error) {
	where, args := commentWhere(q, false)
	order := ` ORDER BY c.created_at DESC, c.id DESC`
	if q.Oldest {
		order = ` ORDER BY c.created_at, c.id`
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	rows, err := s.r.QueryContext(ctx, `SELECT `+commentCols+` FROM comments c JOIN articles a ON a.id = c.article_id`+
		where+order+` LIMIT ? OFFSET ?`, append(args, limit, max(q.Offset, 0))...)
	if err != nil {
		return nil, fmt.Errorf("list comments: %w", err)
	}
	defer rows.Close()
	var out []content.Comment
	for rows.Next() {
		var c content.Comment
		if err := scanComment(rows, &c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// CountComments counts the comments a query selects.
func (s *Store) CountComments(ctx context.Context, q store.CommentQuery) (int, error) {
	where, args := commentWhere(q, false)
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM comments c JOIN articles a ON a.id = c.article_id`+where,
		args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count comments: %w", err)
	}
	return n, nil
}

// CommentStatusCounts counts comments by state.
func (s *Store) CommentStatusCounts(ctx context.Context, q store.CommentQuery) (map[content.CommentStatus]int, error) {
	where, args := commentWhere(q, true)
	rows, err := s.r.QueryContext(ctx, `SELECT c.status, COUNT(*) FROM comments c JOIN articles a ON a.id = c.article_id`+
		where+` GROUP BY c.status`, args...)
	if err != nil {
		return nil, fmt.Errorf("count comments by status: %w", err)
	}
	defer rows.Close()
	out := map[content.CommentStatus]int{}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		out[content.CommentStatus(st)] = n
	}
	return out, rows.Err()
}

// ApprovedComments returns an article's approved comments, oldest first.
func (s *Store) ApprovedComments(ctx context.Context, articleID int64) ([]content.Comment, error) {
	return s.Comments(ctx, store.CommentQuery{ArticleID: articleID, Status: content.CommentApproved, Oldest: true, Limit: 10000})
}

// CommentCounts counts approved comments per article, as the article page
// shows them.
func (s *Store) CommentCounts(ctx context.Context, ids []int64) (map[int64]int, error) {
	out := map[int64]int{}
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	// A reply counts only under an approved comment: the article page
	// shows no other.
	rows, err := s.r.QueryContext(ctx, `SELECT c.article_id, COUNT(*) FROM comments c
		LEFT JOIN comments p ON p.id = c.parent_id
		WHERE c.status = 'approved' AND (c.parent_id IS NULL OR (p.status = 'approved' AND p.article_id = c.article_id))
		AND c.article_id IN (`+strings.Repeat(",?", len(ids))[1:]+`) GROUP BY c.article_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("count comments: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}

// ModerateComments applies moderation steps, each with its audit entry, in
// one transaction.
func (s *Store) ModerateComments(ctx context.Context, changes []store.CommentChange) error {
	for _, ch := range changes {
		if !ch.Status.Valid() {
			return fmt.Errorf("moderate comment %d: unknown status %q", ch.ID, ch.Status)
		}
		if ch.Audit.Action == "" {
			return fmt.Errorf("moderate comment %d: a moderation step needs an audit entry with an action", ch.ID)
		}
	}
	return s.writeTx(ctx, func(tx *sql.Tx) error {
		for _, ch := range changes {
			var body, original string
			err := tx.QueryRowContext(ctx, `SELECT body, original FROM comments WHERE id = ?`, ch.ID).Scan(&body, &original)
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("comment %d: %w", ch.ID, store.ErrNotFound)
			}
			if err != nil {
				return err
			}
			if ch.Body != "" && ch.Body != body {
				if original == "" {
					original = body
				}
				body = ch.Body
			}
			if _, err := tx.ExecContext(ctx, `UPDATE comments SET status = ?, body = ?, original = ?, reject_reason = ?,
				moderated_at = ?, moderated_by = ?, links_allowed = COALESCE(?, links_allowed) WHERE id = ?`,
				string(ch.Status), body, original, ch.Reason, unix(ch.At), nullID(ch.By), ch.AllowLinks, ch.ID); err != nil {
				return fmt.Errorf("moderate comment %d: %w", ch.ID, err)
			}
			a := ch.Audit
			if err := insertAudit(ctx, tx, &a); err != nil {
				return err
			}
		}
		return nil
	})
}

// CommentAttachment returns one attachment.
func (s *Store) CommentAttachment(ctx context.Context, id int64) (*content.Attachment, error) {
	var a content.Attachment
	err := s.r.QueryRowContext(ctx, `SELECT id, comment_id, name, hash, kind, mime, size FROM comment_attachments WHERE id = ?`, id).
		Scan(&a.ID, &a.CommentID, &a.Name, &a.Hash, &a.Kind, &a.MIME, &a.Size)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("attachment %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("read attachment %d: %w", id, err)
	}
	return &a, nil
}

// SetBannedWords stores the banned-word setting with its audit entry.
func (s *Store) SetBannedWords(ctx context.Context, value string, a store.AuditEntry) error {
	return s.auditedTx(ctx, a, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, content.SettingCommentBannedWords, value)
		return err
	})
}

// AttachmentStored reports whether an attachment has this hash.
func (s *Store) AttachmentStored(ctx context.Context, hash string) (bool, error) {
	var one int
	err := s.r.QueryRowContext(ctx, `SELECT 1 FROM comment_attachments WHERE hash = ? LIMIT 1`, hash).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("find attachment %s: %w", hash, err)
	}
	return true, nil
}
