package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
)

// The editorial workflow: versions, revisions, transitions, published
// versions, leases and schedules (store.WorkflowStore).

func reindexIDs(ctx context.Context, tx *sql.Tx, ids ...int64) error {
	as := make([]*content.Article, len(ids))
	for i, id := range ids {
		as[i] = &content.Article{ID: id}
	}
	return indexArticles(ctx, tx, as)
}

func tagsJSON(tags []string) string {
	if len(tags) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(tags)
	return string(b)
}

// snapshotCols is the column list the revision and published-version tables
// share, in the order snapshotArgs gives them.
const snapshotCols = `title, slug, sapo, body, type, category_id, tags, byline, picture_id, picture_caption, published_at`

func snapshotArgs(s content.Snapshot) []any {
	return []any{s.Title, s.Slug, s.Sapo, s.Body, int(s.Type), s.CategoryID, tagsJSON(s.Tags), s.Byline,
		nullID(s.PictureID), s.PictureCaption, unix(s.PublishedAt)}
}

// snapshotDest scans snapshotCols into s; call finish after Scan.
type snapshotDest struct {
	s    *content.Snapshot
	typ  int
	tags string
	pic  sql.NullInt64
	pub  int64
}

func (d *snapshotDest) ptrs() []any {
	return []any{&d.s.Title, &d.s.Slug, &d.s.Sapo, &d.s.Body, &d.typ, &d.s.CategoryID, &d.tags, &d.s.Byline,
		&d.pic, &d.s.PictureCaption, &d.pub}
}

func (d *snapshotDest) finish() error {
	d.s.Type = content.ArticleType(d.typ)
	d.s.PictureID = d.pic.Int64
	d.s.PublishedAt = fromUnix(d.pub)
	d.s.Tags = nil
	if err := json.Unmarshal([]byte(d.tags), &d.s.Tags); err != nil {
		return fmt.Errorf("tags %q: %w", d.tags, err)
	}
	return nil
}

// recordSnapshot keeps the article's current row as revision version, and,
// if published is set, as a published version too.
func recordSnapshot(ctx context.Context, s *Store, tx *sql.Tx, id int64, userID int64, at time.Time, published bool) error {
	a, err := s.article(ctx, tx, id)
	if err != nil {
		return err
	}
	var version int
	if err := tx.QueryRowContext(ctx, `SELECT version FROM articles WHERE id = ?`, id).Scan(&version); err != nil {
		return err
	}
	snap := content.SnapshotOf(a)
	if err := insertRevision(ctx, tx, id, version, at, userID, a.Status, snap); err != nil {
		return err
	}
	if published {
		return insertPublished(ctx, tx, id, version, at, userID, snap)
	}
	return nil
}

func insertRevision(ctx context.Context, tx *sql.Tx, id int64, version int, at time.Time, userID int64, st content.Status, snap content.Snapshot) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO article_revisions (article_id, version, at, user_id, status, `+snapshotCols+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (article_id, version) DO NOTHING`,
		append([]any{id, version, unix(at), nullID(userID), string(st)}, snapshotArgs(snap)...)...); err != nil {
		return fmt.Errorf("revision of article %d: %w", id, err)
	}
	return nil
}

func insertPublished(ctx context.Context, tx *sql.Tx, id int64, version int, at time.Time, userID int64, snap content.Snapshot) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO published_versions (article_id, version, recorded_at, user_id, `+snapshotCols+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		append([]any{id, version, unix(at), nullID(userID)}, snapshotArgs(snap)...)...); err != nil {
		return fmt.Errorf("published version of article %d: %w", id, err)
	}
	return nil
}

// ensureBaseline records what an article written before the workflow
// existed (imported, generated) looked like, before its first change
// through the workflow: its current version as a revision, and, if it is
// live and was never recorded, what readers have been shown since its
// publish time. So the first edit of an old article loses nothing.
func ensureBaseline(ctx context.Context, s *Store, tx *sql.Tx, id int64) error {
	var version int
	var status string
	var hasRev, hasPub bool
	err := tx.QueryRowContext(ctx, `SELECT a.version, a.status,
		EXISTS (SELECT 1 FROM article_revisions r WHERE r.article_id = a.id AND r.version = a.version),
		EXISTS (SELECT 1 FROM published_versions p WHERE p.article_id = a.id)
		FROM articles a WHERE a.id = ?`, id).Scan(&version, &status, &hasRev, &hasPub)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("article %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return err
	}
	live := status == string(content.StatusPublished)
	if hasRev && (hasPub || !live) {
		return nil
	}
	a, err := s.article(ctx, tx, id)
	if err != nil {
		return err
	}
	snap := content.SnapshotOf(a)
	if !hasRev {
		if err := insertRevision(ctx, tx, id, version, a.UpdatedAt, 0, a.Status, snap); err != nil {
			return err
		}
	}
	if live && !hasPub {
		return insertPublished(ctx, tx, id, version, a.PublishedAt, 0, snap)
	}
	return nil
}

func fillAudit(a *store.AuditEntry, userID int64, at time.Time, object string) error {
	if a.Action == "" {
		return errors.New("a workflow change needs an audit entry with an action")
	}
	if a.At.IsZero() {
		a.At = at
	}
	if a.UserID == 0 {
		a.UserID = userID
	}
	if a.Object == "" {
		a.Object = object
	}
	return nil
}

func articleObject(id int64) string { return fmt.Sprintf("article:%d", id) }

// CreateDraft inserts a new draft owned by ownerID, with its first revision.
func (s *Store) CreateDraft(ctx context.Context, a *content.Article, ownerID int64, audit store.AuditEntry) error {
	a.Status = content.StatusDraft
	if err := checkArticle(a); err != nil {
		return err
	}
	if audit.Action == "" {
		return errors.New("a workflow change needs an audit entry with an action")
	}
	if a.Lang == "" {
		a.Lang = "vi"
	}
	return s.writeTx(ctx, func(tx *sql.Tx) error {
		aw, err := s.newArticleWriter(ctx, tx)
		if err != nil {
			return err
		}
		sec, err := aw.sectionOf(a)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO articles (lang, title, slug, sapo, body, type, status,
			category_id, section_id, byline, picture_id, picture_caption, created_at, updated_at, published_at, views,
			version, owner_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 1, ?)`,
			a.Lang, a.Title, a.Slug, a.Sapo, a.Body, int(a.Type), string(a.Status), a.CategoryID, sec, a.Byline,
			nullID(a.PictureID), a.PictureCaption, unix(a.CreatedAt), unix(a.UpdatedAt), unix(a.PublishedAt), nullID(ownerID))
		if err != nil {
			return fmt.Errorf("insert draft %q: %w", a.Title, err)
		}
		if a.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		if err := aw.links(ctx, a); err != nil {
			return err
		}
		if err := recordSnapshot(ctx, s, tx, a.ID, ownerID, a.CreatedAt, false); err != nil {
			return err
		}
		if err := fillAudit(&audit, ownerID, a.CreatedAt, articleObject(a.ID)); err != nil {
			return err
		}
		if err := insertAudit(ctx, tx, &audit); err != nil {
			return err
		}
		return reindexIDs(ctx, tx, a.ID)
	})
}

// SaveArticle writes content if the base version is current.
func (s *Store) SaveArticle(ctx context.Context, r store.SaveRequest) (int, error) {
	a := r.Article
	if a.Status == "" {
		a.Status = content.StatusDraft // checked below; the stored state is kept
	}
	if err := checkArticle(a); err != nil {
		return 0, err
	}
	if err := fillAudit(&r.Audit, r.UserID, r.At, articleObject(a.ID)); err != nil {
		return 0, err
	}
	var version int
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		var cur int
		var status string
		err := tx.QueryRowContext(ctx, `SELECT version, status FROM articles WHERE id = ?`, a.ID).Scan(&cur, &status)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("article %d: %w", a.ID, store.ErrNotFound)
		}
		if err != nil {
			return err
		}
		if cur != r.BaseVersion {
			return fmt.Errorf("save article %d from version %d, now %d: %w", a.ID, r.BaseVersion, cur, store.ErrStale)
		}
		if r.Status != "" && status != string(r.Status) {
			return fmt.Errorf("save article %d as %s (it is %s): %w", a.ID, r.Status, status, store.ErrWrongState)
		}
		if err := ensureBaseline(ctx, s, tx, a.ID); err != nil {
			return err
		}
		aw, err := s.newArticleWriter(ctx, tx)
		if err != nil {
			return err
		}
		sec, err := aw.sectionOf(a)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE articles SET title = ?, slug = ?, sapo = ?, body = ?, type = ?,
			category_id = ?, section_id = ?, byline = ?, picture_id = ?, picture_caption = ?, updated_at = ?,
			published_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
			a.Title, a.Slug, a.Sapo, a.Body, int(a.Type), a.CategoryID, sec, a.Byline, nullID(a.PictureID),
			a.PictureCaption, unix(r.At), unix(a.PublishedAt), a.ID, r.BaseVersion)
		if err != nil {
			return fmt.Errorf("save article %d: %w", a.ID, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fmt.Errorf("save article %d: %w", a.ID, store.ErrStale)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM article_tags WHERE article_id = ?`, a.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM article_authors WHERE article_id = ?`, a.ID); err != nil {
			return err
		}
		if err := aw.links(ctx, a); err != nil {
			return err
		}
		// A correction of a live article is a new published version.
		if err := recordSnapshot(ctx, s, tx, a.ID, r.UserID, r.At, status == string(content.StatusPublished)); err != nil {
			return err
		}
		if err := insertAudit(ctx, tx, &r.Audit); err != nil {
			return err
		}
		version = cur + 1
		a.Status = content.Status(status)
		return reindexIDs(ctx, tx, a.ID)
	})
	return version, err
}

// Transition moves an article between states.
func (s *Store) Transition(ctx context.Context, r store.TransitionRequest) error {
	if !r.From.Valid() || !r.To.Valid() {
		return fmt.Errorf("transition %q → %q: unknown state", r.From, r.To)
	}
	if err := fillAudit(&r.Audit, r.UserID, r.At, articleObject(r.ArticleID)); err != nil {
		return err
	}
	return s.writeTx(ctx, func(tx *sql.Tx) error {
		return s.transition(ctx, tx, r)
	})
}

// TransitionAll makes several transitions in one transaction.
func (s *Store) TransitionAll(ctx context.Context, rs []store.TransitionRequest) error {
	for i := range rs {
		r := &rs[i]
		if !r.From.Valid() || !r.To.Valid() {
			return fmt.Errorf("transition %q → %q: unknown state", r.From, r.To)
		}
		if err := fillAudit(&r.Audit, r.UserID, r.At, articleObject(r.ArticleID)); err != nil {
			return err
		}
	}
	return s.writeTx(ctx, func(tx *sql.Tx) error {
		for _, r := range rs {
			if err := s.transition(ctx, tx, r); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Store) transition(ctx context.Context, tx *sql.Tx, r store.TransitionRequest) error {
	if r.From == content.StatusPublished {
		if err := ensureBaseline(ctx, s, tx, r.ArticleID); err != nil {
			return err
		}
	}
	q := `UPDATE articles SET status = ?, updated_at = ?`
	args := []any{string(r.To), unix(r.At)}
	if !r.PublishAt.IsZero() {
		q += `, published_at = ?`
		args = append(args, unix(r.PublishAt))
	}
	if r.To == content.StatusUnpublished {
		q += `, take_down_at = 0`
	}
	res, err := tx.ExecContext(ctx, q+` WHERE id = ? AND status = ?`, append(args, r.ArticleID, string(r.From))...)
	if err != nil {
		return fmt.Errorf("move article %d to %s: %w", r.ArticleID, r.To, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		var cur string
		err := tx.QueryRowContext(ctx, `SELECT status FROM articles WHERE id = ?`, r.ArticleID).Scan(&cur)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("article %d: %w", r.ArticleID, store.ErrNotFound)
		}
		return fmt.Errorf("move article %d from %s (it is %s): %w", r.ArticleID, r.From, cur, store.ErrWrongState)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO article_transitions (article_id, at, user_id, from_status, to_status, note)
		VALUES (?, ?, ?, ?, ?, ?)`, r.ArticleID, unix(r.At), nullID(r.UserID), string(r.From), string(r.To), r.Note); err != nil {
		return fmt.Errorf("record transition of article %d: %w", r.ArticleID, err)
	}
	if r.To == content.StatusPublished {
		if err := recordSnapshot(ctx, s, tx, r.ArticleID, r.UserID, r.At, true); err != nil {
			return err
		}
	}
	if err := insertAudit(ctx, tx, &r.Audit); err != nil {
		return err
	}
	return reindexIDs(ctx, tx, r.ArticleID)
}

// SetTakeDown sets or clears the time a live article leaves the site.
func (s *Store) SetTakeDown(ctx context.Context, articleID int64, at time.Time, audit store.AuditEntry) error {
	if err := fillAudit(&audit, 0, audit.At, articleObject(articleID)); err != nil {
		return err
	}
	return s.writeTx(ctx, func(tx *sql.Tx) error {
		// Only while live: a time left on an article unpublished meanwhile
		// would take it down again as soon as it is republished.
		res, err := tx.ExecContext(ctx, `UPDATE articles SET take_down_at = ? WHERE id = ? AND status = 'published'`, unix(at), articleID)
		if err != nil {
			return fmt.Errorf("take-down time of article %d: %w", articleID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			var st string
			err := tx.QueryRowContext(ctx, `SELECT status FROM articles WHERE id = ?`, articleID).Scan(&st)
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("article %d: %w", articleID, store.ErrNotFound)
			}
			if err != nil {
				return err
			}
			return fmt.Errorf("take-down time of article %d (it is %s): %w", articleID, st, store.ErrWrongState)
		}
		return insertAudit(ctx, tx, &audit)
	})
}

const metaCols = `a.id, a.title, a.status, a.version, COALESCE(a.owner_id, 0), COALESCE(u.display_name, ''),
	a.category_id, a.section_id, a.published_at, a.take_down_at, a.updated_at`

func scanMeta(row interface{ Scan(...any) error }) (store.ArticleMeta, error) {
	var m store.ArticleMeta
	var status string
	var pub, down, upd int64
	err := row.Scan(&m.ID, &m.Title, &status, &m.Version, &m.OwnerID, &m.OwnerName, &m.CategoryID, &m.SectionID, &pub, &down, &upd)
	m.Status = content.Status(status)
	m.PublishedAt, m.TakeDownAt, m.UpdatedAt = fromUnix(pub), fromUnix(down), fromUnix(upd)
	return m, err
}

// ArticleMeta returns an article's workflow facts.
func (s *Store) ArticleMeta(ctx context.Context, id int64) (store.ArticleMeta, error) {
	m, err := scanMeta(s.r.QueryRowContext(ctx, `SELECT `+metaCols+` FROM articles a LEFT JOIN users u ON u.id = a.owner_id
		WHERE a.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return m, fmt.Errorf("article %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return m, fmt.Errorf("read article %d: %w", id, err)
	}
	return m, nil
}

// WorkflowArticles lists articles for the newsroom, newest change first.
func (s *Store) WorkflowArticles(ctx context.Context, q store.ArticleQuery) ([]store.ArticleMeta, error) {
	var where []string
	var args []any
	in := func(col string, n int) string { return col + ` IN (?` + strings.Repeat(",?", n-1) + `)` }
	if len(q.Statuses) > 0 {
		where = append(where, in("a.status", len(q.Statuses)))
		for _, st := range q.Statuses {
			args = append(args, string(st))
		}
	}
	if q.OwnerID != 0 {
		where = append(where, `a.owner_id = ?`)
		args = append(args, q.OwnerID)
	}
	if len(q.Sections) > 0 {
		where = append(where, in("a.section_id", len(q.Sections)))
		for _, id := range q.Sections {
			args = append(args, id)
		}
	}
	if q.CategoryID != 0 {
		where = append(where, `(a.category_id = ? OR a.section_id = ?)`)
		args = append(args, q.CategoryID, q.CategoryID)
	}
	if folded, _ := indexText(q.Title); folded != "" {
		// Through the headline index (search.go), folded: "thu dau mot",
		// "THỦ DẦU MỘT" and "Thủ Dầu Một" find the same headlines, and the
		// last word may be the beginning of one.
		where = append(where, `a.id IN (SELECT rowid & `+strconv.FormatInt(docMask, 10)+
			` FROM search_titles WHERE search_titles MATCH ?)`)
		args = append(args, `t : `+ftsPhrase(strings.Fields(folded))+` *`)
	}
	if !q.PublishedFrom.IsZero() {
		where = append(where, `a.published_at >= ?`)
		args = append(args, unix(q.PublishedFrom))
	}
	if !q.PublishedTo.IsZero() {
		where = append(where, `a.published_at < ?`)
		args = append(args, unix(q.PublishedTo))
	}
	sqlq := `SELECT ` + metaCols + ` FROM articles a LEFT JOIN users u ON u.id = a.owner_id`
	if len(where) > 0 {
		sqlq += ` WHERE ` + strings.Join(where, ` AND `)
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	args = append(args, limit, max(q.Offset, 0))
	rows, err := s.r.QueryContext(ctx, sqlq+` ORDER BY a.updated_at DESC, a.id DESC LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	defer rows.Close()
	var out []store.ArticleMeta
	for rows.Next() {
		m, err := scanMeta(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Revisions lists an article's revisions, newest first, without their
// bodies.
func (s *Store) Revisions(ctx context.Context, articleID int64) ([]content.Revision, error) {
	return s.revisions(ctx, false, `r.article_id = ? ORDER BY r.version DESC`, articleID)
}

// Revision returns one revision.
func (s *Store) Revision(ctx context.Context, articleID int64, version int) (*content.Revision, error) {
	rs, err := s.revisions(ctx, true, `r.article_id = ? AND r.version = ?`, articleID, version)
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 {
		return nil, fmt.Errorf("revision %d of article %d: %w", version, articleID, store.ErrNotFound)
	}
	return &rs[0], nil
}

func (s *Store) revisions(ctx context.Context, withBody bool, where string, args ...any) ([]content.Revision, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT r.article_id, r.version, r.at, COALESCE(r.user_id, 0), COALESCE(u.display_name, ''),
		r.status, `+snapshotSelect("r.", withBody)+` FROM article_revisions r LEFT JOIN users u ON u.id = r.user_id WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("read revisions: %w", err)
	}
	defer rows.Close()
	var out []content.Revision
	for rows.Next() {
		var rv content.Revision
		var at int64
		var status string
		d := snapshotDest{s: &rv.Snapshot}
		if err := rows.Scan(append([]any{&rv.ArticleID, &rv.Version, &at, &rv.UserID, &rv.UserName, &status}, d.ptrs()...)...); err != nil {
			return nil, err
		}
		if err := d.finish(); err != nil {
			return nil, err
		}
		rv.At, rv.Status = fromUnix(at), content.Status(status)
		out = append(out, rv)
	}
	return out, rows.Err()
}

func prefixed(p, cols string) string {
	parts := strings.Split(cols, ", ")
	for i := range parts {
		parts[i] = p + parts[i]
	}
	return strings.Join(parts, ", ")
}

// snapshotSelect is snapshotCols of table alias p; a list leaves the body
// out (it may be most of a row, times thousands of autosaved versions).
func snapshotSelect(p string, withBody bool) string {
	cols := prefixed(p, snapshotCols)
	if !withBody {
		cols = strings.Replace(cols, p+"body", "''", 1)
	}
	return cols
}

// PublishedVersions lists what readers were shown, newest first, without
// the bodies.
func (s *Store) PublishedVersions(ctx context.Context, articleID int64) ([]content.PublishedVersion, error) {
	return s.publishedVersions(ctx, false, `p.article_id = ? ORDER BY p.id DESC`, articleID)
}

// PublishedVersion returns one published version.
func (s *Store) PublishedVersion(ctx context.Context, id int64) (*content.PublishedVersion, error) {
	ps, err := s.publishedVersions(ctx, true, `p.id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(ps) == 0 {
		return nil, fmt.Errorf("published version %d: %w", id, store.ErrNotFound)
	}
	return &ps[0], nil
}

func (s *Store) publishedVersions(ctx context.Context, withBody bool, where string, args ...any) ([]content.PublishedVersion, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT p.id, p.article_id, p.version, p.recorded_at, COALESCE(p.user_id, 0),
		COALESCE(u.display_name, ''), `+snapshotSelect("p.", withBody)+` FROM published_versions p LEFT JOIN users u ON u.id = p.user_id
		WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("read published versions: %w", err)
	}
	defer rows.Close()
	var out []content.PublishedVersion
	for rows.Next() {
		var pv content.PublishedVersion
		var at int64
		d := snapshotDest{s: &pv.Snapshot}
		if err := rows.Scan(append([]any{&pv.ID, &pv.ArticleID, &pv.Version, &at, &pv.UserID, &pv.UserName}, d.ptrs()...)...); err != nil {
			return nil, err
		}
		if err := d.finish(); err != nil {
			return nil, err
		}
		pv.RecordedAt = fromUnix(at)
		out = append(out, pv)
	}
	return out, rows.Err()
}

// Transitions lists an article's moves, oldest first.
func (s *Store) Transitions(ctx context.Context, articleID int64) ([]content.Transition, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT t.id, t.article_id, t.at, COALESCE(t.user_id, 0), COALESCE(u.display_name, ''),
		t.from_status, t.to_status, t.note FROM article_transitions t LEFT JOIN users u ON u.id = t.user_id
		WHERE t.article_id = ? ORDER BY t.id`, articleID)
	if err != nil {
		return nil, fmt.Errorf("read transitions of article %d: %w", articleID, err)
	}
	defer rows.Close()
	var out []content.Transition
	for rows.Next() {
		var tr content.Transition
		var at int64
		var from, to string
		if err := rows.Scan(&tr.ID, &tr.ArticleID, &at, &tr.UserID, &tr.UserName, &from, &to, &tr.Note); err != nil {
			return nil, err
		}
		tr.At, tr.From, tr.To = fromUnix(at), content.Status(from), content.Status(to)
		out = append(out, tr)
	}
	return out, rows.Err()
}

// --- leases ---

// liveLease reads the lease of an article that holds at now: not expired,
// and its session still exists (a logout ends the session and so the lease).
func liveLease(ctx context.Context, q querier, articleID int64, now time.Time) (*store.Lease, error) {
	var l store.Lease
	var acq, exp int64
	err := q.QueryRowContext(ctx, `SELECT l.article_id, l.user_id, u.display_name, l.session_id, l.rank, l.acquired_at, l.expires_at
		FROM article_leases l JOIN users u ON u.id = l.user_id
		WHERE l.article_id = ? AND l.expires_at > ? AND u.disabled = 0
		AND (l.session_id = '' OR EXISTS (SELECT 1 FROM sessions s WHERE s.id = l.session_id))`, articleID, unix(now)).
		Scan(&l.ArticleID, &l.UserID, &l.UserName, &l.SessionID, &l.Rank, &acq, &exp)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read lease of article %d: %w", articleID, err)
	}
	l.AcquiredAt, l.ExpiresAt = fromUnix(acq), fromUnix(exp)
	return &l, nil
}

// AcquireLease takes, renews or takes over the lease of an article.
func (s *Store) AcquireLease(ctx context.Context, r store.LeaseRequest) (store.Lease, bool, error) {
	var out store.Lease
	var mine bool
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		cur, err := liveLease(ctx, tx, r.ArticleID, r.Now)
		if err != nil {
			return err
		}
		takeover := cur != nil && cur.UserID != r.UserID
		if takeover && !(r.TakeOver && r.Rank > cur.Rank) {
			out = *cur
			return nil
		}
		acquired := r.Now
		if cur != nil && !takeover {
			acquired = cur.AcquiredAt
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO article_leases (article_id, user_id, session_id, rank, acquired_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (article_id) DO UPDATE SET user_id = excluded.user_id,
			session_id = excluded.session_id, rank = excluded.rank, acquired_at = excluded.acquired_at,
			expires_at = excluded.expires_at`,
			r.ArticleID, r.UserID, r.SessionID, r.Rank, unix(acquired), unix(r.Now.Add(r.TTL)))
		if err != nil {
			if strings.Contains(err.Error(), "FOREIGN KEY") {
				return fmt.Errorf("lease of article %d: %w", r.ArticleID, store.ErrNotFound)
			}
			return fmt.Errorf("lease of article %d: %w", r.ArticleID, err)
		}
		if takeover {
			if err := fillAudit(&r.Audit, r.UserID, r.Now, articleObject(r.ArticleID)); err != nil {
				return err
			}
			if err := insertAudit(ctx, tx, &r.Audit); err != nil {
				return err
			}
		}
		l, err := liveLease(ctx, tx, r.ArticleID, r.Now)
		if err != nil {
			return err
		}
		if l == nil {
			return fmt.Errorf("lease of article %d: the session has ended", r.ArticleID)
		}
		out, mine = *l, true
		return nil
	})
	return out, mine, err
}

// ReleaseLease ends the user's lease of an article.
func (s *Store) ReleaseLease(ctx context.Context, articleID, userID int64) (bool, error) {
	res, err := s.w.ExecContext(ctx, `DELETE FROM article_leases WHERE article_id = ? AND user_id = ?`, articleID, userID)
	if err != nil {
		return false, fmt.Errorf("release lease of article %d: %w", articleID, err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// CurrentLease returns the live lease of an article, if any.
func (s *Store) CurrentLease(ctx context.Context, articleID int64, now time.Time) (*store.Lease, error) {
	return liveLease(ctx, s.r, articleID, now)
}

// --- schedules ---

// PublishDue publishes every scheduled article whose time has come, all in
// one transaction: articles scheduled for the same second go live together.
func (s *Store) PublishDue(ctx context.Context, now time.Time) ([]int64, error) {
	return s.moveDue(ctx, now, `SELECT id, title FROM articles INDEXED BY articles_due
		WHERE status = 'scheduled' AND published_at <= ? ORDER BY published_at, id`,
		content.StatusScheduled, content.StatusPublished, "article.publish",
		"Đăng theo giờ đã hẹn", "Tự động đăng bài «%s» theo giờ đã hẹn")
}

// TakeDownDue unpublishes every live article past its take-down time.
func (s *Store) TakeDownDue(ctx context.Context, now time.Time) ([]int64, error) {
	return s.moveDue(ctx, now, `SELECT id, title FROM articles INDEXED BY articles_take_down
		WHERE status = 'published' AND take_down_at > 0 AND take_down_at <= ? ORDER BY take_down_at, id`,
		content.StatusPublished, content.StatusUnpublished, "article.unpublish",
		"Tự gỡ theo giờ gỡ đã đặt", "Tự động gỡ bài «%s» theo giờ gỡ đã đặt")
}

// moveDue makes the scheduler's step from → to, in one transaction, for
// every article the query (taking now) finds; detail names the article.
func (s *Store) moveDue(ctx context.Context, now time.Time, query string, from, to content.Status,
	action, note, detail string) ([]int64, error) {
	var ids []int64
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		ids = nil
		due, err := dueIDs(ctx, tx, query, now)
		if err != nil {
			return err
		}
		for _, d := range due {
			err := s.transition(ctx, tx, store.TransitionRequest{ArticleID: d.id, From: from, To: to, At: now, Note: note,
				Audit: store.AuditEntry{At: now, Action: action, Object: articleObject(d.id), Detail: fmt.Sprintf(detail, d.title)}})
			if err != nil {
				return err
			}
			ids = append(ids, d.id)
		}
		return nil
	})
	return ids, err
}

type dueArticle struct {
	id    int64
	title string
}

func dueIDs(ctx context.Context, tx *sql.Tx, q string, now time.Time) ([]dueArticle, error) {
	rows, err := tx.QueryContext(ctx, q, unix(now))
	if err != nil {
		return nil, fmt.Errorf("due articles: %w", err)
	}
	defer rows.Close()
	var out []dueArticle
	for rows.Next() {
		var d dueArticle
		if err := rows.Scan(&d.id, &d.title); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// NextDue reports the earliest pending schedule or take-down time.
func (s *Store) NextDue(ctx context.Context) (time.Time, bool, error) {
	var pub, down sql.NullInt64
	err := s.r.QueryRowContext(ctx, `SELECT
		(SELECT MIN(published_at) FROM articles INDEXED BY articles_due WHERE status = 'scheduled'),
		(SELECT MIN(take_down_at) FROM articles INDEXED BY articles_take_down WHERE status = 'published' AND take_down_at > 0)`).
		Scan(&pub, &down)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("next due time: %w", err)
	}
	switch {
	case pub.Valid && down.Valid:
		return fromUnix(min(pub.Int64, down.Int64)), true, nil
	case pub.Valid:
		return fromUnix(pub.Int64), true, nil
	case down.Valid:
		return fromUnix(down.Int64), true, nil
	}
	return time.Time{}, false, nil
}
