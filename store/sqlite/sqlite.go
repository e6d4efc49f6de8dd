// Package sqlite is the embedded default store: one SQLite file in WAL mode,
// through a pure-Go driver so that a bare machine needs no C toolchain.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/viet"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migrations returns the SQLite schema steps shipped in the binary.
func Migrations() ([]store.Migration, error) {
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	return store.LoadMigrations(sub)
}

// Store is a store.Store on a SQLite file. Writes go through one connection
// (SQLite has one writer at a time; queueing them in Go avoids busy errors),
// reads through a pool.
type Store struct {
	w    *sql.DB
	r    *sql.DB
	path string
}

var _ store.Store = (*Store)(nil)

// Options tune Open.
type Options struct {
	// NoMigrate opens the database without applying migrations; Open then
	// fails if the schema is not current.
	NoMigrate bool
}

// Open opens (creating if needed) the database file at path and brings its
// schema up to date.
func Open(ctx context.Context, path string, opt Options) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	dsn := func(readOnly bool) string {
		q := url.Values{}
		// busy_timeout first, so the pragmas after it wait instead of failing.
		q.Add("_pragma", "busy_timeout(10000)")
		q.Add("_pragma", "journal_mode(WAL)")
		// FULL: a commit is on disk (the WAL synced) before it returns, so
		// an acknowledged write survives a power cut, not only a crash.
		q.Add("_pragma", "synchronous(FULL)")
		q.Add("_pragma", "foreign_keys(1)")
		q.Add("_pragma", "temp_store(MEMORY)")
		q.Add("_pragma", "cache_size(-32000)")
		if readOnly {
			q.Add("_pragma", "query_only(1)")
		} else {
			q.Set("_txlock", "immediate")
		}
		return "file:" + (&url.URL{Path: abs}).EscapedPath() + "?" + q.Encode()
	}
	w, err := sql.Open("sqlite", dsn(false))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	ms, err := Migrations()
	if err != nil {
		w.Close()
		return nil, err
	}
	if opt.NoMigrate {
		v, err := store.AppliedVersion(ctx, w)
		if err == nil && v != len(ms) {
			err = fmt.Errorf("database schema is at version %d, this program needs %d: run 'toasoan migrate'", v, len(ms))
		}
		if err != nil {
			w.Close()
			return nil, err
		}
	} else if _, err := store.Migrate(ctx, w, ms); err != nil {
		w.Close()
		return nil, err
	}
	// Keep the planner's statistics fresh; analysis_limit bounds the work so
	// that a large database still opens in milliseconds.
	if _, err := w.ExecContext(ctx, `PRAGMA analysis_limit=400; PRAGMA optimize=0x10002`); err != nil {
		w.Close()
		return nil, fmt.Errorf("optimize %s: %w", path, err)
	}
	r, err := sql.Open("sqlite", dsn(true))
	if err != nil {
		w.Close()
		return nil, err
	}
	r.SetMaxOpenConns(max(4, 2*runtime.GOMAXPROCS(0)))
	r.SetMaxIdleConns(max(4, 2*runtime.GOMAXPROCS(0)))
	return &Store{w: w, r: r, path: abs}, nil
}

// Close closes both pools; the WAL is checkpointed by the last connection.
func (s *Store) Close() error {
	err1 := s.r.Close()
	err2 := s.w.Close()
	return errors.Join(err1, err2)
}

// SchemaVersion reports the applied migration version.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	return store.AppliedVersion(ctx, s.w)
}

func isUnique(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		c := se.Code()
		return c == sqlite3.SQLITE_CONSTRAINT_UNIQUE || c == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return false
}

func unix(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

func fromUnix(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.Unix(v, 0).UTC()
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// --- categories ---

// Categories returns every category in menu order.
func (s *Store) Categories(ctx context.Context) ([]content.Category, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, code, name, COALESCE(parent_id, 0), menu_order, description
		FROM categories ORDER BY menu_order, id`)
	if err != nil {
		return nil, fmt.Errorf("list categories: %w", err)
	}
	defer rows.Close()
	var out []content.Category
	for rows.Next() {
		var c content.Category
		if err := rows.Scan(&c.ID, &c.Code, &c.Name, &c.ParentID, &c.MenuOrder, &c.Description); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (s *Store) checkParent(ctx context.Context, q querier, c content.Category) error {
	if err := content.CheckCategoryCode(c.Code); err != nil {
		return err
	}
	if c.ParentID == 0 {
		return nil
	}
	if c.ParentID == c.ID {
		return fmt.Errorf("category %q cannot be its own parent", c.Code)
	}
	var grand sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT parent_id FROM categories WHERE id = ?`, c.ParentID).Scan(&grand)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("parent category %d: %w", c.ParentID, store.ErrNotFound)
	}
	if err != nil {
		return err
	}
	if grand.Valid {
		return fmt.Errorf("category %q: sections have two levels; parent %d is itself a sub-section", c.Code, c.ParentID)
	}
	return nil
}

// CreateCategory inserts c and sets its ID.
func (s *Store) CreateCategory(ctx context.Context, c *content.Category) error {
	if err := s.checkParent(ctx, s.w, *c); err != nil {
		return err
	}
	res, err := s.w.ExecContext(ctx, `INSERT INTO categories (code, name, parent_id, menu_order, description)
		VALUES (?, ?, ?, ?, ?)`, c.Code, c.Name, nullID(c.ParentID), c.MenuOrder, c.Description)
	if isUnique(err) {
		return fmt.Errorf("category code %q: %w", c.Code, store.ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("create category %q: %w", c.Code, err)
	}
	c.ID, err = res.LastInsertId()
	return err
}

// UpdateCategory changes an existing category.
func (s *Store) UpdateCategory(ctx context.Context, c content.Category) error {
	if err := s.checkParent(ctx, s.w, c); err != nil {
		return err
	}
	res, err := s.w.ExecContext(ctx, `UPDATE categories SET code = ?, name = ?, parent_id = ?, menu_order = ?, description = ?
		WHERE id = ?`, c.Code, c.Name, nullID(c.ParentID), c.MenuOrder, c.Description, c.ID)
	if isUnique(err) {
		return fmt.Errorf("category code %q: %w", c.Code, store.ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("update category %d: %w", c.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("category %d: %w", c.ID, store.ErrNotFound)
	}
	// Moving a sub-section moves its articles' section.
	_, err = s.w.ExecContext(ctx, `UPDATE articles SET section_id = COALESCE((SELECT COALESCE(parent_id, id) FROM categories WHERE id = ?), section_id)
		WHERE category_id = ?`, c.ID, c.ID)
	return err
}

type querier interface {
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
}

// --- articles ---

// Article returns one article with its tags, authors and picture.
func (s *Store) Article(ctx context.Context, id int64) (*content.Article, error) {
	return s.article(ctx, s.r, id)
}

func (s *Store) article(ctx context.Context, q querier, id int64) (*content.Article, error) {
	var a content.Article
	var typ int
	var status string
	var pic sql.NullInt64
	var created, updated, published int64
	err := q.QueryRowContext(ctx, `SELECT id, lang, title, slug, sapo, body, type, status, category_id, byline,
		picture_id, picture_caption, created_at, updated_at, published_at, views FROM articles WHERE id = ?`, id).
		Scan(&a.ID, &a.Lang, &a.Title, &a.Slug, &a.Sapo, &a.Body, &typ, &status, &a.CategoryID, &a.Byline,
			&pic, &a.PictureCaption, &created, &updated, &published, &a.Views)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("article %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("read article %d: %w", id, err)
	}
	a.Type, a.Status = content.ArticleType(typ), content.Status(status)
	a.CreatedAt, a.UpdatedAt, a.PublishedAt = fromUnix(created), fromUnix(updated), fromUnix(published)
	if pic.Valid {
		a.PictureID = pic.Int64
		if a.Picture, err = s.media(ctx, q, `id = ?`, pic.Int64); err != nil {
			return nil, err
		}
	}
	rows, err := q.QueryContext(ctx, `SELECT t.id, t.name, t.slug FROM article_tags at JOIN tags t ON t.id = at.tag_id
		WHERE at.article_id = ? ORDER BY at.position`, id)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var t content.Tag
		if err := rows.Scan(&t.ID, &t.Name, &t.Slug); err != nil {
			rows.Close()
			return nil, err
		}
		a.Tags = append(a.Tags, t)
	}
	rows.Close()
	rows, err = q.QueryContext(ctx, `SELECT au.id, au.name, au.slug FROM article_authors aa JOIN authors au ON au.id = aa.author_id
		WHERE aa.article_id = ? ORDER BY aa.position`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var au content.Author
		if err := rows.Scan(&au.ID, &au.Name, &au.Slug); err != nil {
			return nil, err
		}
		a.Authors = append(a.Authors, au)
	}
	return &a, rows.Err()
}

// writeTx runs fn in one write transaction.
func (s *Store) writeTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// articleWriter holds the prepared statements of one write transaction.
type articleWriter struct {
	tx                                     *sql.Tx
	section                                map[int64]int64
	tagIDs, authorIDs                      map[string]int64
	insTag, insAuthor, findTag, findAuthor *sql.Stmt
	linkTag, linkAuthor                    *sql.Stmt
}

func (s *Store) newArticleWriter(ctx context.Context, tx *sql.Tx) (*articleWriter, error) {
	aw := &articleWriter{tx: tx, section: map[int64]int64{}, tagIDs: map[string]int64{}, authorIDs: map[string]int64{}}
	rows, err := tx.QueryContext(ctx, `SELECT id, COALESCE(parent_id, id) FROM categories`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id, sec int64
		if err := rows.Scan(&id, &sec); err != nil {
			rows.Close()
			return nil, err
		}
		aw.section[id] = sec
	}
	rows.Close()
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = tx.PrepareContext(ctx, q)
		return st
	}
	aw.findTag = prep(`SELECT id FROM tags WHERE slug = ?`)
	aw.insTag = prep(`INSERT INTO tags (name, slug) VALUES (?, ?)`)
	aw.findAuthor = prep(`SELECT id FROM authors WHERE slug = ?`)
	aw.insAuthor = prep(`INSERT INTO authors (name, slug) VALUES (?, ?)`)
	aw.linkTag = prep(`INSERT OR IGNORE INTO article_tags (article_id, tag_id, position) VALUES (?, ?, ?)`)
	aw.linkAuthor = prep(`INSERT OR IGNORE INTO article_authors (article_id, author_id, position) VALUES (?, ?, ?)`)
	return aw, err
}

func (aw *articleWriter) ensure(ctx context.Context, cache map[string]int64, find, ins *sql.Stmt, name, slug string) (int64, error) {
	if slug == "" {
		slug = viet.Slug(name)
	}
	if id, ok := cache[slug]; ok {
		return id, nil
	}
	var id int64
	err := find.QueryRowContext(ctx, slug).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		res, err := ins.ExecContext(ctx, name, slug)
		if err != nil {
			return 0, err
		}
		id, err = res.LastInsertId()
		if err != nil {
			return 0, err
		}
	} else if err != nil {
		return 0, err
	}
	cache[slug] = id
	return id, nil
}

func (aw *articleWriter) links(ctx context.Context, a *content.Article) error {
	for i := range a.Tags {
		t := &a.Tags[i]
		id, err := aw.ensure(ctx, aw.tagIDs, aw.findTag, aw.insTag, t.Name, t.Slug)
		if err != nil {
			return fmt.Errorf("tag %q: %w", t.Name, err)
		}
		t.ID = id
		if t.Slug == "" {
			t.Slug = viet.Slug(t.Name)
		}
		if _, err := aw.linkTag.ExecContext(ctx, a.ID, id, i); err != nil {
			return err
		}
	}
	for i := range a.Authors {
		au := &a.Authors[i]
		id, err := aw.ensure(ctx, aw.authorIDs, aw.findAuthor, aw.insAuthor, au.Name, au.Slug)
		if err != nil {
			return fmt.Errorf("author %q: %w", au.Name, err)
		}
		au.ID = id
		if au.Slug == "" {
			au.Slug = viet.Slug(au.Name)
		}
		if _, err := aw.linkAuthor.ExecContext(ctx, a.ID, id, i); err != nil {
			return err
		}
	}
	return nil
}

func (aw *articleWriter) sectionOf(a *content.Article) (int64, error) {
	sec, ok := aw.section[a.CategoryID]
	if !ok {
		return 0, fmt.Errorf("article %q: category %d: %w", a.Title, a.CategoryID, store.ErrNotFound)
	}
	return sec, nil
}

func checkArticle(a *content.Article) error {
	if strings.TrimSpace(a.Title) == "" {
		return errors.New("article has no title")
	}
	if a.Slug == "" {
		return fmt.Errorf("article %q has no slug", a.Title)
	}
	if !a.Status.Valid() {
		return fmt.Errorf("article %q: unknown status %q", a.Title, a.Status)
	}
	if !a.Type.Valid() {
		return fmt.Errorf("article %q: unknown type %d", a.Title, a.Type)
	}
	return nil
}

// CreateArticles inserts articles in one transaction.
func (s *Store) CreateArticles(ctx context.Context, articles []*content.Article) error {
	for _, a := range articles {
		if err := checkArticle(a); err != nil {
			return err
		}
	}
	if !inBulkLoad(ctx) {
		defer warm(articles)()
	}
	return s.writeTx(ctx, func(tx *sql.Tx) error {
		aw, err := s.newArticleWriter(ctx, tx)
		if err != nil {
			return err
		}
		ins, err := tx.PrepareContext(ctx, `INSERT INTO articles (id, lang, title, slug, sapo, body, type, status,
			category_id, section_id, byline, picture_id, picture_caption, created_at, updated_at, published_at, views)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		for _, a := range articles {
			sec, err := aw.sectionOf(a)
			if err != nil {
				return err
			}
			if a.Lang == "" {
				a.Lang = "vi"
			}
			res, err := ins.ExecContext(ctx, nullID(a.ID), a.Lang, a.Title, a.Slug, a.Sapo, a.Body, int(a.Type), string(a.Status),
				a.CategoryID, sec, a.Byline, nullID(a.PictureID), a.PictureCaption,
				unix(a.CreatedAt), unix(a.UpdatedAt), unix(a.PublishedAt), a.Views)
			if isUnique(err) {
				return fmt.Errorf("article %d: %w", a.ID, store.ErrConflict)
			}
			if err != nil {
				return fmt.Errorf("insert article %q: %w", a.Title, err)
			}
			if a.ID == 0 {
				if a.ID, err = res.LastInsertId(); err != nil {
					return err
				}
			}
			if err := aw.links(ctx, a); err != nil {
				return err
			}
		}
		if inBulkLoad(ctx) {
			// BulkLoad indexes them when the load is done; one it could not
			// index is refused now, as indexArticles refuses it, or it would
			// fail every later load's indexing.
			for _, a := range articles {
				if a.ID > docMask {
					return fmt.Errorf("search index: article id %d is too large to index (limit %d)", a.ID, int64(docMask))
				}
			}
			return nil
		}
		return indexArticles(ctx, tx, articles)
	})
}

// UpdateArticle replaces every field of an existing article. Like a save
// through the workflow it keeps what readers were shown before, records
// the new text as a revision (and, live, as a published version) and moves
// the version, so that no editor page opened before saves over it unseen.
func (s *Store) UpdateArticle(ctx context.Context, a *content.Article) error {
	if err := checkArticle(a); err != nil {
		return err
	}
	return s.writeTx(ctx, func(tx *sql.Tx) error {
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
		res, err := tx.ExecContext(ctx, `UPDATE articles SET lang = ?, title = ?, slug = ?, sapo = ?, body = ?, type = ?,
			status = ?, category_id = ?, section_id = ?, byline = ?, picture_id = ?, picture_caption = ?,
			created_at = ?, updated_at = ?, published_at = ?, version = version + 1 WHERE id = ?`,
			a.Lang, a.Title, a.Slug, a.Sapo, a.Body, int(a.Type), string(a.Status), a.CategoryID, sec, a.Byline,
			nullID(a.PictureID), a.PictureCaption, unix(a.CreatedAt), unix(a.UpdatedAt), unix(a.PublishedAt), a.ID)
		if err != nil {
			return fmt.Errorf("update article %d: %w", a.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("article %d: %w", a.ID, store.ErrNotFound)
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
		if err := recordSnapshot(ctx, s, tx, a.ID, 0, a.UpdatedAt, a.Status == content.StatusPublished); err != nil {
			return err
		}
		return indexArticles(ctx, tx, []*content.Article{a})
	})
}

const teaserCols = `a.id, a.title, a.slug, a.sapo, a.category_id, a.type, a.published_at, a.updated_at, a.views,
	m.id, m.hash, m.ext, m.mime, m.width, m.height, m.size, m.caption, m.credit, m.created_at`

// teaserIndex names the partial index that serves q newest-first, so that
// the plan never depends on statistics (with a sampled ANALYZE the planner
// was seen walking every published article through the status index).
func teaserIndex(q store.TeaserQuery) string {
	switch {
	case q.CategoryID != 0:
		return " INDEXED BY articles_category"
	case q.SectionID != 0:
		return " INDEXED BY articles_section"
	}
	return " INDEXED BY articles_published"
}

func teaserWhere(q store.TeaserQuery) (string, []any) {
	var b strings.Builder
	// The literal 'published' lets SQLite use the partial indexes.
	b.WriteString(` WHERE a.status = 'published' AND a.published_at <= ?`)
	args := []any{unix(q.Now)}
	if q.SectionID != 0 {
		b.WriteString(` AND a.section_id = ?`)
		args = append(args, q.SectionID)
	}
	if q.CategoryID != 0 {
		b.WriteString(` AND a.category_id = ?`)
		args = append(args, q.CategoryID)
	}
	if !q.Before.IsZero() {
		if q.BeforeID != 0 {
			b.WriteString(` AND (a.published_at < ? OR (a.published_at = ? AND a.id < ?))`)
			args = append(args, unix(q.Before), unix(q.Before), q.BeforeID)
		} else {
			b.WriteString(` AND a.published_at < ?`)
			args = append(args, unix(q.Before))
		}
	}
	if q.TagID != 0 {
		b.WriteString(` AND a.id IN (SELECT article_id FROM article_tags WHERE tag_id = ?)`)
		args = append(args, q.TagID)
	}
	if q.WithPicture {
		b.WriteString(` AND a.picture_id IS NOT NULL`)
	}
	if len(q.ExcludeIDs) > 0 {
		b.WriteString(` AND a.id NOT IN (?` + strings.Repeat(",?", len(q.ExcludeIDs)-1) + `)`)
		for _, id := range q.ExcludeIDs {
			args = append(args, id)
		}
	}
	return b.String(), args
}

func scanTeasers(rows *sql.Rows) ([]content.Teaser, error) {
	defer rows.Close()
	var out []content.Teaser
	for rows.Next() {
		var t content.Teaser
		var typ int
		var pub, upd int64
		var mid, mw, mh, msize, mcreated sql.NullInt64
		var mhash, mext, mmime, mcap, mcredit sql.NullString
		if err := rows.Scan(&t.ID, &t.Title, &t.Slug, &t.Sapo, &t.CategoryID, &typ, &pub, &upd, &t.Views,
			&mid, &mhash, &mext, &mmime, &mw, &mh, &msize, &mcap, &mcredit, &mcreated); err != nil {
			return nil, err
		}
		t.Type = content.ArticleType(typ)
		t.PublishedAt, t.UpdatedAt = fromUnix(pub), fromUnix(upd)
		if mid.Valid {
			t.Picture = &content.Media{ID: mid.Int64, Hash: mhash.String, Ext: mext.String, MIME: mmime.String,
				Width: int(mw.Int64), Height: int(mh.Int64), Size: msize.Int64, Caption: mcap.String,
				Credit: mcredit.String, CreatedAt: fromUnix(mcreated.Int64)}
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Teasers lists published articles, newest first.
func (s *Store) Teasers(ctx context.Context, q store.TeaserQuery) ([]content.Teaser, error) {
	where, args := teaserWhere(q)
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	args = append(args, limit, max(q.Offset, 0))
	rows, err := s.r.QueryContext(ctx, `SELECT `+teaserCols+` FROM articles a`+teaserIndex(q)+
		` LEFT JOIN media m ON m.id = a.picture_id`+where+` ORDER BY a.published_at DESC, a.id DESC LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("list teasers: %w", err)
	}
	return scanTeasers(rows)
}

// CountTeasers counts what Teasers would list without Limit and Offset.
func (s *Store) CountTeasers(ctx context.Context, q store.TeaserQuery) (int, error) {
	where, args := teaserWhere(q)
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles a`+teaserIndex(q)+where, args...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count teasers: %w", err)
	}
	return n, nil
}

// MostRead returns the most viewed articles published in [since, now].
func (s *Store) MostRead(ctx context.Context, since, now time.Time, limit int) ([]content.Teaser, error) {
	// Rank inside the covering index, then read only the winning rows.
	rows, err := s.r.QueryContext(ctx, `SELECT `+teaserCols+` FROM articles a LEFT JOIN media m ON m.id = a.picture_id
		WHERE a.id IN (SELECT id FROM articles INDEXED BY articles_popular
			WHERE status = 'published' AND published_at <= ? AND published_at >= ?
			ORDER BY views DESC, published_at DESC, id DESC LIMIT ?)
		ORDER BY a.views DESC, a.published_at DESC, a.id DESC`, unix(now), unix(since), limit)
	if err != nil {
		return nil, fmt.Errorf("most read: %w", err)
	}
	return scanTeasers(rows)
}

// AddViews adds counted views in one transaction.
func (s *Store) AddViews(ctx context.Context, views map[int64]int64) error {
	if len(views) == 0 {
		return nil
	}
	return s.writeTx(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, `UPDATE articles SET views = views + ? WHERE id = ?`)
		if err != nil {
			return err
		}
		for id, n := range views {
			if _, err := st.ExecContext(ctx, n, id); err != nil {
				return fmt.Errorf("add views to %d: %w", id, err)
			}
		}
		return nil
	})
}

// ArticleCount counts articles in any state.
func (s *Store) ArticleCount(ctx context.Context) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles`).Scan(&n)
	return n, err
}

// TagBySlug returns a tag.
func (s *Store) TagBySlug(ctx context.Context, slug string) (content.Tag, error) {
	var t content.Tag
	err := s.r.QueryRowContext(ctx, `SELECT id, name, slug FROM tags WHERE slug = ?`, slug).Scan(&t.ID, &t.Name, &t.Slug)
	if errors.Is(err, sql.ErrNoRows) {
		return t, fmt.Errorf("tag %q: %w", slug, store.ErrNotFound)
	}
	return t, err
}

// --- media ---

func (s *Store) media(ctx context.Context, q querier, where string, arg any) (*content.Media, error) {
	var m content.Media
	var created int64
	err := q.QueryRowContext(ctx, `SELECT id, hash, ext, mime, width, height, size, caption, credit, created_at
		FROM media WHERE `+where, arg).Scan(&m.ID, &m.Hash, &m.Ext, &m.MIME, &m.Width, &m.Height, &m.Size,
		&m.Caption, &m.Credit, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("media %v: %w", arg, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("read media %v: %w", arg, err)
	}
	m.CreatedAt = fromUnix(created)
	return &m, nil
}

// CreateMedia records a file by its hash, returning the existing record for a duplicate.
func (s *Store) CreateMedia(ctx context.Context, m *content.Media) (bool, error) {
	res, err := s.w.ExecContext(ctx, `INSERT INTO media (hash, ext, mime, width, height, size, caption, credit, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING`,
		m.Hash, m.Ext, m.MIME, m.Width, m.Height, m.Size, m.Caption, m.Credit, unix(m.CreatedAt))
	if err != nil {
		return false, fmt.Errorf("create media %s: %w", m.Hash, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		old, err := s.media(ctx, s.w, `hash = ?`, m.Hash)
		if err != nil {
			return false, err
		}
		*m = *old
		return false, nil
	}
	m.ID, err = res.LastInsertId()
	return true, err
}

// Media returns a media record by id.
func (s *Store) Media(ctx context.Context, id int64) (*content.Media, error) {
	return s.media(ctx, s.r, `id = ?`, id)
}

// MediaByHash returns a media record by content hash.
func (s *Store) MediaByHash(ctx context.Context, hash string) (*content.Media, error) {
	return s.media(ctx, s.r, `hash = ?`, hash)
}

// --- settings ---

// Settings returns every stored setting.
func (s *Store) Settings(ctx context.Context) (map[string]string, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT key, value FROM settings`)
	if err != nil {
		return nil, fmt.Errorf("read settings: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, rows.Err()
}

// SetSettings stores settings in one transaction.
func (s *Store) SetSettings(ctx context.Context, kv map[string]string) error {
	return s.writeTx(ctx, func(tx *sql.Tx) error {
		for k, v := range kv {
			if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
				ON CONFLICT (key) DO UPDATE SET value = excluded.value`, k, v); err != nil {
				return fmt.Errorf("set %s: %w", k, err)
			}
		}
		return nil
	})
}
