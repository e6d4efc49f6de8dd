package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
)

// --- the home page arrangement ---

// HomeArrangement returns the stored arrangement.
func (s *Store) HomeArrangement(ctx context.Context) (store.HomeArrangement, error) {
	return homeArrangement(ctx, s.r)
}

// homeArrangement reads the arrangement through q: the reader pool, or a
// transaction.
func homeArrangement(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}) (store.HomeArrangement, error) {
	var h store.HomeArrangement
	rows, err := q.QueryContext(ctx, `SELECT slot, article_id FROM home_slots ORDER BY slot`)
	if err != nil {
		return h, fmt.Errorf("read home arrangement: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var slot int
		var id int64
		if err := rows.Scan(&slot, &id); err != nil {
			return h, err
		}
		switch {
		case slot == 0:
			h.Top = id
		case slot <= store.FeaturedSlots:
			h.Featured[slot-1] = id
		}
	}
	return h, rows.Err()
}

// SetHomeArrangement replaces the arrangement from with h in one
// transaction, ErrStale if the stored one is no longer from.
func (s *Store) SetHomeArrangement(ctx context.Context, from, h store.HomeArrangement, a store.AuditEntry) error {
	ids := h.IDs()
	for i, id := range ids {
		if slices.Contains(ids[:i], id) {
			return fmt.Errorf("home arrangement: article %d is in two slots", id)
		}
	}
	return s.auditedTx(ctx, a, func(tx *sql.Tx) error {
		stored, err := homeArrangement(ctx, tx)
		if err != nil {
			return err
		}
		if stored != from {
			return fmt.Errorf("home arrangement: %w", store.ErrStale)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM home_slots`); err != nil {
			return fmt.Errorf("clear home arrangement: %w", err)
		}
		for slot, id := range append([]int64{h.Top}, h.Featured[:]...) {
			if id == 0 {
				continue
			}
			var found int
			err := tx.QueryRowContext(ctx, `SELECT 1 FROM articles WHERE id = ?`, id).Scan(&found)
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("home arrangement: article %d: %w", id, store.ErrNotFound)
			}
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO home_slots (slot, article_id) VALUES (?, ?)`, slot, id); err != nil {
				return fmt.Errorf("home arrangement slot %d: %w", slot, err)
			}
		}
		return nil
	})
}

// --- sections ---

// Sections lists every section with its visibility, in menu order.
func (s *Store) Sections(ctx context.Context) ([]store.Section, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, code, name, COALESCE(parent_id, 0), menu_order, description, hidden
		FROM categories ORDER BY menu_order, id`)
	if err != nil {
		return nil, fmt.Errorf("list sections: %w", err)
	}
	defer rows.Close()
	var out []store.Section
	for rows.Next() {
		var c store.Section
		if err := rows.Scan(&c.ID, &c.Code, &c.Name, &c.ParentID, &c.MenuOrder, &c.Description, &c.Hidden); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// HiddenSections returns the ids of hidden sections.
func (s *Store) HiddenSections(ctx context.Context) (map[int64]bool, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id FROM categories WHERE hidden <> 0`)
	if err != nil {
		return nil, fmt.Errorf("list hidden sections: %w", err)
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

// CreateSection inserts a section after its siblings.
func (s *Store) CreateSection(ctx context.Context, c *content.Category, a store.AuditEntry) error {
	if c.Name == "" {
		return errors.New("a section needs a name")
	}
	var id int64
	var order int
	err := s.auditedTx(ctx, a, func(tx *sql.Tx) error {
		if err := s.checkParent(ctx, tx, *c); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(menu_order), 0) + 1 FROM categories WHERE parent_id IS ?`,
			nullID(c.ParentID)).Scan(&order)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO categories (code, name, parent_id, menu_order, description)
			VALUES (?, ?, ?, ?, ?)`, c.Code, c.Name, nullID(c.ParentID), order, c.Description)
		if isUnique(err) {
			return fmt.Errorf("section code %q: %w", c.Code, store.ErrConflict)
		}
		if err != nil {
			return fmt.Errorf("create section %q: %w", c.Code, err)
		}
		id, err = res.LastInsertId()
		return err
	})
	if err == nil {
		c.ID, c.MenuOrder = id, order
	}
	return err
}

// updateSection runs one UPDATE on a section, ErrNotFound if there is none.
func (s *Store) updateSection(ctx context.Context, id int64, a store.AuditEntry, query string, args ...any) error {
	return s.auditedTx(ctx, a, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, query, append(args, id)...)
		if err != nil {
			return fmt.Errorf("update section %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("section %d: %w", id, store.ErrNotFound)
		}
		return nil
	})
}

// RenameSection changes a section's name and keeps its code.
func (s *Store) RenameSection(ctx context.Context, id int64, name string, a store.AuditEntry) error {
	if name == "" {
		return errors.New("a section needs a name")
	}
	return s.updateSection(ctx, id, a, `UPDATE categories SET name = ? WHERE id = ?`, name)
}

// SetSectionHidden hides or shows a section.
func (s *Store) SetSectionHidden(ctx context.Context, id int64, hidden bool, a store.AuditEntry) error {
	return s.updateSection(ctx, id, a, `UPDATE categories SET hidden = ? WHERE id = ?`, hidden)
}

// ReorderSections numbers the children of parentID in the order given.
func (s *Store) ReorderSections(ctx context.Context, parentID int64, ids []int64, a store.AuditEntry) error {
	return s.auditedTx(ctx, a, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id FROM categories WHERE parent_id IS ?`, nullID(parentID))
		if err != nil {
			return err
		}
		var have []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			have = append(have, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		want := slices.Clone(ids)
		slices.Sort(have)
		slices.Sort(want)
		if !slices.Equal(have, want) {
			return fmt.Errorf("reorder sections under %d: %v are not exactly its sections %v", parentID, ids, have)
		}
		for i, id := range ids {
			if _, err := tx.ExecContext(ctx, `UPDATE categories SET menu_order = ? WHERE id = ?`, i+1, id); err != nil {
				return fmt.Errorf("reorder section %d: %w", id, err)
			}
		}
		return nil
	})
}

// --- settings ---

// SaveSettings stores settings with their audit entry.
func (s *Store) SaveSettings(ctx context.Context, kv map[string]string, a store.AuditEntry) error {
	return s.auditedTx(ctx, a, func(tx *sql.Tx) error {
		for k, v := range kv {
			if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
				ON CONFLICT (key) DO UPDATE SET value = excluded.value`, k, v); err != nil {
				return fmt.Errorf("set %s: %w", k, err)
			}
		}
		return nil
	})
}

// --- authors ---

// Authors lists the byline authors by name.
func (s *Store) Authors(ctx context.Context) ([]content.Author, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, name, slug FROM authors ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("list authors: %w", err)
	}
	defer rows.Close()
	var out []content.Author
	for rows.Next() {
		var au content.Author
		if err := rows.Scan(&au.ID, &au.Name, &au.Slug); err != nil {
			return nil, err
		}
		out = append(out, au)
	}
	return out, rows.Err()
}

// CreateAuthor inserts an author.
func (s *Store) CreateAuthor(ctx context.Context, au *content.Author, a store.AuditEntry) error {
	if au.Name == "" || au.Slug == "" {
		return errors.New("an author needs a name and a slug")
	}
	var id int64
	err := s.auditedTx(ctx, a, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO authors (name, slug) VALUES (?, ?)`, au.Name, au.Slug)
		if isUnique(err) {
			return fmt.Errorf("author %q: %w", au.Slug, store.ErrConflict)
		}
		if err != nil {
			return fmt.Errorf("create author %q: %w", au.Slug, err)
		}
		id, err = res.LastInsertId()
		return err
	})
	if err == nil {
		au.ID = id
	}
	return err
}
