package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/viet"
)

// --- the media library ---

const libraryCols = `id, hash, ext, mime, width, height, size, caption, credit, created_at,
	focal_x, focal_y, COALESCE(source_hash, ''), COALESCE(uploaded_by, 0)`

func scanLibrary(sc interface{ Scan(...any) error }) (content.Media, error) {
	var m content.Media
	var created int64
	err := sc.Scan(&m.ID, &m.Hash, &m.Ext, &m.MIME, &m.Width, &m.Height, &m.Size, &m.Caption, &m.Credit, &created,
		&m.FocalX, &m.FocalY, &m.SourceHash, &m.UploadedBy)
	m.CreatedAt = fromUnix(created)
	return m, err
}

// mediaSearchText is what caption search matches against.
func mediaSearchText(m *content.Media) string {
	return viet.Fold(m.Caption + " " + m.Credit)
}

// likeWords turns a search into one LIKE condition per folded word.
func likeWords(text string) (string, []any) {
	var where []string
	var args []any
	for _, w := range viet.FoldWords(text) {
		w = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(w)
		where = append(where, `search_text LIKE ? ESCAPE '\'`)
		args = append(args, "%"+w+"%")
	}
	if len(where) == 0 {
		return "", nil
	}
	return ` WHERE ` + strings.Join(where, ` AND `), args
}

// foldPending computes search_text for rows written without it (by
// CreateMedia: imports and the demo). The partial index makes the check
// free once every row is folded.
func (s *Store) foldPending(ctx context.Context) error {
	for {
		rows, err := s.r.QueryContext(ctx, `SELECT id, caption, credit FROM media WHERE search_text IS NULL LIMIT 500`)
		if err != nil {
			return fmt.Errorf("media to fold: %w", err)
		}
		type pending struct {
			id   int64
			text string
		}
		var todo []pending
		for rows.Next() {
			var m content.Media
			if err := rows.Scan(&m.ID, &m.Caption, &m.Credit); err != nil {
				rows.Close()
				return err
			}
			todo = append(todo, pending{m.ID, mediaSearchText(&m)})
		}
		rows.Close()
		if err := rows.Err(); err != nil || len(todo) == 0 {
			return err
		}
		err = s.writeTx(ctx, func(tx *sql.Tx) error {
			for _, p := range todo {
				if _, err := tx.ExecContext(ctx, `UPDATE media SET search_text = ? WHERE id = ?`, p.text, p.id); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("fold media captions: %w", err)
		}
	}
}

// LibraryMedia lists media newest first, with focal points and renditions.
func (s *Store) LibraryMedia(ctx context.Context, q store.MediaQuery) ([]content.Media, error) {
	where, args := likeWords(q.Text)
	if where != "" {
		if err := s.foldPending(ctx); err != nil {
			return nil, err
		}
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 40
	}
	args = append(args, limit, max(q.Offset, 0))
	rows, err := s.r.QueryContext(ctx, `SELECT `+libraryCols+` FROM media`+where+
		` ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("list media: %w", err)
	}
	var out []content.Media
	for rows.Next() {
		m, err := scanLibrary(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ids := make([]int64, len(out))
	for i := range out {
		ids[i] = out[i].ID
	}
	rs, err := s.renditions(ctx, s.r, ids)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Renditions = rs[out[i].ID]
	}
	return out, nil
}

// CountLibraryMedia counts what LibraryMedia would list.
func (s *Store) CountLibraryMedia(ctx context.Context, q store.MediaQuery) (int, error) {
	where, args := likeWords(q.Text)
	if where != "" {
		if err := s.foldPending(ctx); err != nil {
			return 0, err
		}
	}
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM media`+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count media: %w", err)
	}
	return n, nil
}

func (s *Store) libraryItem(ctx context.Context, q querier, where string, arg any) (*content.Media, error) {
	m, err := scanLibrary(q.QueryRowContext(ctx, `SELECT `+libraryCols+` FROM media WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("media %v: %w", arg, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("read media %v: %w", arg, err)
	}
	rs, err := s.renditions(ctx, q, []int64{m.ID})
	if err != nil {
		return nil, err
	}
	m.Renditions = rs[m.ID]
	return &m, nil
}

// LibraryItem returns one media record with focal point and renditions.
func (s *Store) LibraryItem(ctx context.Context, id int64) (*content.Media, error) {
	return s.libraryItem(ctx, s.r, `id = ?`, id)
}

// MediaBySource finds a media record by the hash of the uploaded bytes.
func (s *Store) MediaBySource(ctx context.Context, sourceHash string) (*content.Media, error) {
	return s.libraryItem(ctx, s.r, `source_hash = ?`, sourceHash)
}

// renditions loads the renditions of media ids, narrowest first per kind.
func (s *Store) renditions(ctx context.Context, q querier, ids []int64) (map[int64][]content.Rendition, error) {
	out := map[int64][]content.Rendition{}
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := q.QueryContext(ctx, `SELECT media_id, kind, width, height, hash, ext, size FROM media_renditions
		WHERE media_id IN (`+placeholders(len(ids))+`) ORDER BY media_id, kind, width`, args...)
	if err != nil {
		return nil, fmt.Errorf("renditions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var r content.Rendition
		if err := rows.Scan(&id, &r.Kind, &r.Width, &r.Height, &r.Hash, &r.Ext, &r.Size); err != nil {
			return nil, err
		}
		out[id] = append(out[id], r)
	}
	return out, rows.Err()
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

func insertRenditions(ctx context.Context, tx *sql.Tx, id int64, rs []content.Rendition) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM media_renditions WHERE media_id = ?`, id); err != nil {
		return fmt.Errorf("renditions of media %d: %w", id, err)
	}
	for _, r := range rs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO media_renditions (media_id, kind, width, height, hash, ext, size)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (media_id, kind, width) DO UPDATE SET
			height = excluded.height, hash = excluded.hash, ext = excluded.ext, size = excluded.size`,
			id, r.Kind, r.Width, r.Height, r.Hash, r.Ext, r.Size); err != nil {
			return fmt.Errorf("rendition of media %d: %w", id, err)
		}
	}
	return nil
}

// AddMedia records an upload, its renditions and its audit entry at once.
func (s *Store) AddMedia(ctx context.Context, m *content.Media, a store.AuditEntry) (bool, error) {
	if a.Action == "" {
		return false, errors.New("an upload needs an audit entry with an action")
	}
	var existing *content.Media
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		var source any
		if m.SourceHash != "" {
			source = m.SourceHash
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO media (hash, ext, mime, width, height, size, caption, credit, created_at,
			focal_x, focal_y, source_hash, uploaded_by, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT DO NOTHING`,
			m.Hash, m.Ext, m.MIME, m.Width, m.Height, m.Size, m.Caption, m.Credit, unix(m.CreatedAt),
			content.ClampFocal(m.FocalX), content.ClampFocal(m.FocalY), source, nullID(m.UploadedBy), mediaSearchText(m))
		if err != nil {
			return fmt.Errorf("add media %s: %w", m.Hash, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			existing, err = s.libraryItem(ctx, tx, `hash = ?`, m.Hash)
			if errors.Is(err, store.ErrNotFound) && m.SourceHash != "" {
				existing, err = s.libraryItem(ctx, tx, `source_hash = ?`, m.SourceHash)
			}
			return err
		}
		if m.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		if err := insertRenditions(ctx, tx, m.ID, m.Renditions); err != nil {
			return err
		}
		if a.Object == "" {
			a.Object = "media:" + strconv.FormatInt(m.ID, 10)
		}
		return insertAudit(ctx, tx, &a)
	})
	if err != nil {
		return false, err
	}
	if existing != nil {
		*m = *existing
		return false, nil
	}
	return true, nil
}

// UpdateMedia saves caption, credit, focal point and (if given) renditions.
func (s *Store) UpdateMedia(ctx context.Context, m *content.Media, a store.AuditEntry) error {
	if a.Action == "" {
		return errors.New("a change to media needs an audit entry with an action")
	}
	return s.writeTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE media SET caption = ?, credit = ?, focal_x = ?, focal_y = ?, search_text = ? WHERE id = ?`,
			m.Caption, m.Credit, content.ClampFocal(m.FocalX), content.ClampFocal(m.FocalY), mediaSearchText(m), m.ID)
		if err != nil {
			return fmt.Errorf("update media %d: %w", m.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("media %d: %w", m.ID, store.ErrNotFound)
		}
		if m.Renditions != nil {
			if err := insertRenditions(ctx, tx, m.ID, m.Renditions); err != nil {
				return err
			}
		}
		if a.Object == "" {
			a.Object = "media:" + strconv.FormatInt(m.ID, 10)
		}
		return insertAudit(ctx, tx, &a)
	})
}

// SetRenditions replaces a media's renditions.
func (s *Store) SetRenditions(ctx context.Context, id int64, rs []content.Rendition) error {
	return s.writeTx(ctx, func(tx *sql.Tx) error {
		var one int
		if err := tx.QueryRowContext(ctx, `SELECT 1 FROM media WHERE id = ?`, id).Scan(&one); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("media %d: %w", id, store.ErrNotFound)
			}
			return err
		}
		return insertRenditions(ctx, tx, id, rs)
	})
}

// RenditionsByHash returns renditions by their master's hash.
func (s *Store) RenditionsByHash(ctx context.Context, hashes []string) (map[string][]content.Rendition, error) {
	out := map[string][]content.Rendition{}
	for len(hashes) > 0 {
		batch := hashes[:min(len(hashes), 500)]
		hashes = hashes[len(batch):]
		args := make([]any, len(batch))
		for i, h := range batch {
			args[i] = h
		}
		rows, err := s.r.QueryContext(ctx, `SELECT m.hash, r.kind, r.width, r.height, r.hash, r.ext, r.size
			FROM media m JOIN media_renditions r ON r.media_id = m.id
			WHERE m.hash IN (`+placeholders(len(batch))+`) ORDER BY m.hash, r.kind, r.width`, args...)
		if err != nil {
			return nil, fmt.Errorf("renditions by hash: %w", err)
		}
		for rows.Next() {
			var h string
			var r content.Rendition
			if err := rows.Scan(&h, &r.Kind, &r.Width, &r.Height, &r.Hash, &r.Ext, &r.Size); err != nil {
				rows.Close()
				return nil, err
			}
			out[h] = append(out[h], r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
