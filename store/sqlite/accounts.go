package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/store"
)

// --- audit ---

func insertAudit(ctx context.Context, q querier, a *store.AuditEntry) error {
	if a.Action == "" {
		return errors.New("audit entry has no action")
	}
	if a.At.IsZero() {
		a.At = time.Now()
	}
	res, err := q.ExecContext(ctx, `INSERT INTO audit_log (at, user_id, action, object, detail, ip) VALUES (?, ?, ?, ?, ?, ?)`,
		unix(a.At), nullID(a.UserID), a.Action, a.Object, a.Detail, a.IP)
	if err != nil {
		return fmt.Errorf("audit %s: %w", a.Action, err)
	}
	a.ID, err = res.LastInsertId()
	return err
}

// auditedTx runs fn and records a in the same transaction. The entry is
// checked first, so that a change is never made without its record.
func (s *Store) auditedTx(ctx context.Context, a store.AuditEntry, fn func(tx *sql.Tx) error) error {
	if a.Action == "" {
		return errors.New("a change to accounts needs an audit entry with an action")
	}
	return s.writeTx(ctx, func(tx *sql.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return insertAudit(ctx, tx, &a)
	})
}

// AddAudit records an event on its own.
func (s *Store) AddAudit(ctx context.Context, a *store.AuditEntry) error {
	return insertAudit(ctx, s.w, a)
}

// Audit lists audit entries, newest first.
func (s *Store) Audit(ctx context.Context, q store.AuditQuery) ([]store.AuditEntry, error) {
	var where []string
	var args []any
	if q.UserID != 0 {
		where, args = append(where, `user_id = ?`), append(args, q.UserID)
	}
	if q.Action != "" {
		where, args = append(where, `action = ?`), append(args, q.Action)
	}
	if !q.Since.IsZero() {
		where, args = append(where, `at >= ?`), append(args, q.Since.Unix())
	}
	if !q.Until.IsZero() {
		where, args = append(where, `at < ?`), append(args, q.Until.Unix())
	}
	if q.BeforeID != 0 {
		where, args = append(where, `id < ?`), append(args, q.BeforeID)
	}
	sqlWhere := ""
	if len(where) > 0 {
		sqlWhere = " WHERE " + strings.Join(where, " AND ")
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 100
	}
	rows, err := s.r.QueryContext(ctx, `SELECT id, at, COALESCE(user_id, 0), action, object, detail, ip FROM audit_log`+
		sqlWhere+` ORDER BY id DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	defer rows.Close()
	var out []store.AuditEntry
	for rows.Next() {
		var e store.AuditEntry
		var at int64
		if err := rows.Scan(&e.ID, &at, &e.UserID, &e.Action, &e.Object, &e.Detail, &e.IP); err != nil {
			return nil, err
		}
		e.At = fromUnix(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// --- users ---

func checkUser(u *store.User) error {
	if u.Username == "" {
		return errors.New("user has no username")
	}
	if !u.Role.Valid() {
		return fmt.Errorf("user %q: unknown role %q", u.Username, u.Role)
	}
	if u.PasswordHash == "" {
		return fmt.Errorf("user %q has no password hash", u.Username)
	}
	return nil
}

// writeSections replaces a user's section limits; each must be a top-level section.
func writeSections(ctx context.Context, tx *sql.Tx, userID int64, sections []int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM user_sections WHERE user_id = ?`, userID); err != nil {
		return err
	}
	for _, id := range sections {
		var parent sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT parent_id FROM categories WHERE id = ?`, id).Scan(&parent)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("section %d: %w", id, store.ErrNotFound)
		}
		if err != nil {
			return err
		}
		if parent.Valid {
			return fmt.Errorf("section %d is a sub-section; users are limited to top-level sections", id)
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO user_sections (user_id, category_id) VALUES (?, ?)`, userID, id); err != nil {
			return err
		}
	}
	return nil
}

// CreateUser inserts an account.
func (s *Store) CreateUser(ctx context.Context, u *store.User, a store.AuditEntry) error {
	if err := checkUser(u); err != nil {
		return err
	}
	if u.CreatedAt.IsZero() {
		u.CreatedAt = time.Now()
	}
	var id int64
	err := s.auditedTx(ctx, a, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO users (username, display_name, role, password_hash, disabled, created_at, author_id)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, u.Username, u.DisplayName, string(u.Role), u.PasswordHash, u.Disabled, unix(u.CreatedAt), nullID(u.AuthorID))
		if isUnique(err) {
			return fmt.Errorf("username %q: %w", u.Username, store.ErrConflict)
		}
		if err != nil {
			return fmt.Errorf("create user %q: %w", u.Username, err)
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		return writeSections(ctx, tx, id, u.Sections)
	})
	if err == nil {
		u.ID = id
	}
	return err
}

// UpdateUser changes an account's display name, role, sections and author.
func (s *Store) UpdateUser(ctx context.Context, u store.User, a store.AuditEntry) error {
	if !u.Role.Valid() {
		return fmt.Errorf("user %d: unknown role %q", u.ID, u.Role)
	}
	return s.auditedTx(ctx, a, func(tx *sql.Tx) error {
		return keepingAnAdmin(ctx, tx, u.ID, func() error {
			res, err := tx.ExecContext(ctx, `UPDATE users SET display_name = ?, role = ?, author_id = ? WHERE id = ?`,
				u.DisplayName, string(u.Role), nullID(u.AuthorID), u.ID)
			if err != nil {
				return fmt.Errorf("update user %d: %w", u.ID, err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return fmt.Errorf("user %d: %w", u.ID, store.ErrNotFound)
			}
			return writeSections(ctx, tx, u.ID, u.Sections)
		})
	})
}

// keepingAnAdmin runs change, then refuses it with store.ErrLastAdmin if
// it took the last active admin away. Checked inside the write transaction,
// so two admins demoting each other at once cannot both succeed.
func keepingAnAdmin(ctx context.Context, tx *sql.Tx, userID int64, change func() error) error {
	var wasAdmin bool
	err := tx.QueryRowContext(ctx, `SELECT role = 'admin' AND disabled = 0 FROM users WHERE id = ?`, userID).Scan(&wasAdmin)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if err := change(); err != nil {
		return err
	}
	if !wasAdmin {
		return nil
	}
	var admins int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = 0`).Scan(&admins); err != nil {
		return err
	}
	if admins == 0 {
		return fmt.Errorf("user %d: %w", userID, store.ErrLastAdmin)
	}
	return nil
}

// ResetPassword replaces an account's password hash and ends its sessions.
func (s *Store) ResetPassword(ctx context.Context, userID int64, hash string, a store.AuditEntry) (int, error) {
	if hash == "" {
		return 0, errors.New("empty password hash")
	}
	var revoked int64
	err := s.auditedTx(ctx, a, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, hash, userID)
		if err != nil {
			return fmt.Errorf("reset password of user %d: %w", userID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("user %d: %w", userID, store.ErrNotFound)
		}
		res, err = tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID)
		if err != nil {
			return fmt.Errorf("revoke sessions of user %d: %w", userID, err)
		}
		revoked, err = res.RowsAffected()
		return err
	})
	return int(revoked), err
}

// SetPassword replaces an account's password hash.
func (s *Store) SetPassword(ctx context.Context, userID int64, hash string, a store.AuditEntry) error {
	if hash == "" {
		return errors.New("empty password hash")
	}
	return s.auditedTx(ctx, a, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, hash, userID)
		if err != nil {
			return fmt.Errorf("set password of user %d: %w", userID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("user %d: %w", userID, store.ErrNotFound)
		}
		return nil
	})
}

// SetUserDisabled disables (deleting every session) or re-enables an account.
func (s *Store) SetUserDisabled(ctx context.Context, userID int64, disabled bool, a store.AuditEntry) (int, error) {
	var revoked int64
	err := s.auditedTx(ctx, a, func(tx *sql.Tx) error {
		err := keepingAnAdmin(ctx, tx, userID, func() error {
			res, err := tx.ExecContext(ctx, `UPDATE users SET disabled = ? WHERE id = ?`, disabled, userID)
			if err != nil {
				return fmt.Errorf("disable user %d: %w", userID, err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return fmt.Errorf("user %d: %w", userID, store.ErrNotFound)
			}
			return nil
		})
		if err != nil || !disabled {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID)
		if err != nil {
			return fmt.Errorf("revoke sessions of user %d: %w", userID, err)
		}
		revoked, err = res.RowsAffected()
		return err
	})
	return int(revoked), err
}

const userCols = `id, username, display_name, role, password_hash, disabled, created_at, COALESCE(author_id, 0)`

func scanUser(row interface{ Scan(...any) error }) (*store.User, error) {
	var u store.User
	var role string
	var created int64
	if err := row.Scan(&u.ID, &u.Username, &u.DisplayName, &role, &u.PasswordHash, &u.Disabled, &created, &u.AuthorID); err != nil {
		return nil, err
	}
	u.Role, u.CreatedAt = auth.Role(role), fromUnix(created)
	return &u, nil
}

func (s *Store) userWhere(ctx context.Context, where string, arg any) (*store.User, error) {
	u, err := scanUser(s.r.QueryRowContext(ctx, `SELECT `+userCols+` FROM users WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("user %v: %w", arg, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("read user %v: %w", arg, err)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT category_id FROM user_sections WHERE user_id = ? ORDER BY category_id`, u.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		u.Sections = append(u.Sections, id)
	}
	return u, rows.Err()
}

// User returns an account by id.
func (s *Store) User(ctx context.Context, id int64) (*store.User, error) {
	return s.userWhere(ctx, `id = ?`, id)
}

// UserByUsername returns an account by its normalized username.
func (s *Store) UserByUsername(ctx context.Context, username string) (*store.User, error) {
	return s.userWhere(ctx, `username = ?`, username)
}

// Users lists every account by username.
func (s *Store) Users(ctx context.Context) ([]store.User, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+userCols+` FROM users ORDER BY username`)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	var out []store.User
	index := map[int64]int{}
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		index[u.ID] = len(out)
		out = append(out, *u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = s.r.QueryContext(ctx, `SELECT user_id, category_id FROM user_sections ORDER BY user_id, category_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var uid, cid int64
		if err := rows.Scan(&uid, &cid); err != nil {
			return nil, err
		}
		if i, ok := index[uid]; ok {
			out[i].Sections = append(out[i].Sections, cid)
		}
	}
	return out, rows.Err()
}

// --- sessions ---

// CreateSession records a login.
func (s *Store) CreateSession(ctx context.Context, se store.Session, a store.AuditEntry) error {
	if len(se.ID) != 64 {
		return errors.New("a session id is the token's hex SHA-256")
	}
	return s.auditedTx(ctx, a, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO sessions (id, user_id, created_at, last_seen, expires_at, ip, user_agent)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, se.ID, se.UserID, unix(se.CreatedAt), unix(se.LastSeen), unix(se.ExpiresAt), se.IP, se.UserAgent)
		if isUnique(err) {
			return fmt.Errorf("session: %w", store.ErrConflict)
		}
		if err != nil {
			return fmt.Errorf("create session for user %d: %w", se.UserID, err)
		}
		return nil
	})
}

const sessionCols = `id, user_id, created_at, last_seen, expires_at, ip, user_agent`

func scanSession(row interface{ Scan(...any) error }) (*store.Session, error) {
	var se store.Session
	var created, seen, expires int64
	if err := row.Scan(&se.ID, &se.UserID, &created, &seen, &expires, &se.IP, &se.UserAgent); err != nil {
		return nil, err
	}
	se.CreatedAt, se.LastSeen, se.ExpiresAt = fromUnix(created), fromUnix(seen), fromUnix(expires)
	return &se, nil
}

// Session returns a session by id (the token's hash).
func (s *Store) Session(ctx context.Context, id string) (*store.Session, error) {
	se, err := scanSession(s.r.QueryRowContext(ctx, `SELECT `+sessionCols+` FROM sessions WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("session: %w", store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("read session: %w", err)
	}
	return se, nil
}

// TouchSession moves a session's last-seen time forward.
func (s *Store) TouchSession(ctx context.Context, id string, at time.Time) error {
	_, err := s.w.ExecContext(ctx, `UPDATE sessions SET last_seen = MAX(last_seen, ?) WHERE id = ?`, unix(at), id)
	if err != nil {
		return fmt.Errorf("touch session: %w", err)
	}
	return nil
}

// UserSessions lists an account's sessions, most recently seen first.
func (s *Store) UserSessions(ctx context.Context, userID int64) ([]store.Session, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+sessionCols+` FROM sessions WHERE user_id = ?
		ORDER BY last_seen DESC, created_at DESC, id`, userID)
	if err != nil {
		return nil, fmt.Errorf("list sessions of user %d: %w", userID, err)
	}
	defer rows.Close()
	var out []store.Session
	for rows.Next() {
		se, err := scanSession(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *se)
	}
	return out, rows.Err()
}

// DeleteSession ends a session.
func (s *Store) DeleteSession(ctx context.Context, id string, a store.AuditEntry) error {
	return s.auditedTx(ctx, a, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE id = ?`, id)
		if err != nil {
			return fmt.Errorf("delete session: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("session: %w", store.ErrNotFound)
		}
		return nil
	})
}

// DeleteExpiredSessions removes sessions that can no longer be used.
func (s *Store) DeleteExpiredSessions(ctx context.Context, now, idleSince time.Time) (int, error) {
	res, err := s.w.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= ? OR last_seen < ?`, unix(now), unix(idleSince))
	if err != nil {
		return 0, fmt.Errorf("delete expired sessions: %w", err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// --- login throttling ---

// LoginFailures returns the failure counts of keys.
func (s *Store) LoginFailures(ctx context.Context, keys ...string) (map[string]store.LoginFailure, error) {
	out := map[string]store.LoginFailure{}
	if len(keys) == 0 {
		return out, nil
	}
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = k
	}
	rows, err := s.r.QueryContext(ctx, `SELECT key, failures, last_at FROM login_failures WHERE key IN (?`+
		strings.Repeat(",?", len(keys)-1)+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("read login failures: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var f store.LoginFailure
		var last int64
		if err := rows.Scan(&f.Key, &f.Count, &last); err != nil {
			return nil, err
		}
		f.Last = fromUnix(last)
		out[f.Key] = f
	}
	return out, rows.Err()
}

// SetLoginFailures writes failure counts, with the audit entry if it has an action.
func (s *Store) SetLoginFailures(ctx context.Context, fs []store.LoginFailure, a store.AuditEntry) error {
	return s.writeTx(ctx, func(tx *sql.Tx) error {
		for _, f := range fs {
			var err error
			if f.Count <= 0 {
				_, err = tx.ExecContext(ctx, `DELETE FROM login_failures WHERE key = ?`, f.Key)
			} else {
				_, err = tx.ExecContext(ctx, `INSERT INTO login_failures (key, failures, last_at) VALUES (?, ?, ?)
					ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, last_at = excluded.last_at`,
					f.Key, f.Count, unix(f.Last))
			}
			if err != nil {
				return fmt.Errorf("login failures of %s: %w", f.Key, err)
			}
		}
		if a.Action == "" {
			return nil
		}
		return insertAudit(ctx, tx, &a)
	})
}

// DeleteLoginFailures forgets counts whose last failure is before before.
func (s *Store) DeleteLoginFailures(ctx context.Context, before time.Time) (int, error) {
	res, err := s.w.ExecContext(ctx, `DELETE FROM login_failures WHERE last_at < ?`, unix(before))
	if err != nil {
		return 0, fmt.Errorf("delete login failures: %w", err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}
