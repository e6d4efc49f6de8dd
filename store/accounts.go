package store

import (
	"context"
	"errors"
	"time"

	"github.com/toasoan/toasoan/auth"
)

// User is a staff account. Accounts are never deleted, only disabled: the
// audit log keeps pointing at them.
type User struct {
	ID           int64
	Username     string // normalized (auth.NormalizeUsername), unique
	DisplayName  string
	Role         auth.Role
	PasswordHash string  // argon2id PHC string
	Disabled     bool    // a disabled account cannot log in and has no sessions
	Sections     []int64 // top-level sections the user is limited to; empty: all
	AuthorID     int64   // the byline author (content.Author) the account writes as; 0: none
	CreatedAt    time.Time
}

// ErrLastAdmin refuses a change that would leave no active admin account:
// nobody could then manage accounts from the newsroom.
var ErrLastAdmin = errors.New("no active admin account would be left")

// Can reports whether the user may do action a in the top-level section
// sectionID (see auth.Can). A nil or disabled user may do nothing.
func (u *User) Can(a auth.Action, sectionID int64) bool {
	return u != nil && !u.Disabled && auth.Can(u.Role, u.Sections, a, sectionID)
}

// Allowed reports whether the user's role allows action a somewhere, section
// limits aside: whether to show the page or the button.
func (u *User) Allowed(a auth.Action) bool {
	return u != nil && !u.Disabled && auth.RoleAllows(u.Role, a)
}

// Session is a logged-in browser. ID is the SHA-256 of the token in the
// cookie (auth.SessionID); the token itself is never stored.
type Session struct {
	ID        string
	UserID    int64
	CreatedAt time.Time
	LastSeen  time.Time
	ExpiresAt time.Time
	IP        string
	UserAgent string
}

// AuditEntry is one line of the audit log: who did what to what, when, from
// where.
type AuditEntry struct {
	ID     int64
	At     time.Time
	UserID int64  // 0: the command line or the system
	Action string // e.g. auth.EventUserCreate, "article.publish"
	Object string // what was acted on, e.g. "user:12"
	Detail string // a sentence for people, in Vietnamese
	IP     string
}

// AuditQuery filters the audit log; zero fields do not filter. Entries come
// newest first.
type AuditQuery struct {
	UserID   int64
	Action   string
	Since    time.Time // at or after
	Until    time.Time // strictly before
	BeforeID int64     // for the next page: entries with a smaller id
	Limit    int       // default 100
}

// LoginFailure is the failed-login count of one throttling key
// (auth.AccountKey, auth.AddressKey).
type LoginFailure struct {
	Key   string
	Count int
	Last  time.Time
}

// AccountStore keeps staff accounts, their sessions, login failure counts and
// the audit log.
//
// Every method that changes an account or a session takes the AuditEntry
// that records it and writes both in one transaction, so that no change is
// ever without its record; an entry without an Action is refused there.
type AccountStore interface {
	// CreateUser inserts u and sets u.ID; a taken username is ErrConflict.
	CreateUser(ctx context.Context, u *User, a AuditEntry) error
	// UpdateUser changes an account's display name, role, sections and
	// byline author. Demoting the last active admin is ErrLastAdmin.
	UpdateUser(ctx context.Context, u User, a AuditEntry) error
	// SetPassword replaces an account's password hash.
	SetPassword(ctx context.Context, userID int64, hash string, a AuditEntry) error
	// ResetPassword replaces an account's password hash and deletes every
	// session of the account, reporting how many there were.
	ResetPassword(ctx context.Context, userID int64, hash string, a AuditEntry) (revoked int, err error)
	// SetUserDisabled disables or re-enables an account. Disabling deletes
	// every session of the account and reports how many there were;
	// disabling the last active admin is ErrLastAdmin.
	SetUserDisabled(ctx context.Context, userID int64, disabled bool, a AuditEntry) (revoked int, err error)
	User(ctx context.Context, id int64) (*User, error)
	UserByUsername(ctx context.Context, username string) (*User, error)
	// Users lists every account by username.
	Users(ctx context.Context) ([]User, error)

	// CreateSession records a login.
	CreateSession(ctx context.Context, s Session, a AuditEntry) error
	Session(ctx context.Context, id string) (*Session, error)
	// TouchSession moves a session's last-seen time; it is not audited.
	TouchSession(ctx context.Context, id string, at time.Time) error
	// UserSessions lists an account's sessions, most recently seen first.
	UserSessions(ctx context.Context, userID int64) ([]Session, error)
	// DeleteSession ends a session (logout, revocation); ErrNotFound if none.
	DeleteSession(ctx context.Context, id string, a AuditEntry) error
	// DeleteExpiredSessions removes sessions past expiry at now or last seen
	// before idleSince, and reports how many.
	DeleteExpiredSessions(ctx context.Context, now, idleSince time.Time) (int, error)

	// LoginFailures returns the counts of the given keys; a key without
	// failures is absent from the map.
	LoginFailures(ctx context.Context, keys ...string) (map[string]LoginFailure, error)
	// SetLoginFailures writes counts in one transaction (a zero Count deletes
	// the key) with the audit entry, if it has an Action.
	SetLoginFailures(ctx context.Context, fs []LoginFailure, a AuditEntry) error
	// DeleteLoginFailures forgets counts whose last failure is before before.
	DeleteLoginFailures(ctx context.Context, before time.Time) (int, error)

	// AddAudit records an event that changes nothing else in the store.
	AddAudit(ctx context.Context, a *AuditEntry) error
	Audit(ctx context.Context, q AuditQuery) ([]AuditEntry, error)
}
