-- Staff accounts, sessions, login throttling and the audit log (issue: the
-- newsroom). Times are Unix seconds, UTC. Accounts are never deleted, only
-- disabled, so that the audit log always names who did what.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,   -- normalized: lower-case ASCII
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('reporter', 'editor', 'managing-editor', 'admin')),
    password_hash TEXT NOT NULL,          -- argon2id PHC string
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);

-- The top-level sections a user is limited to; none: every section.
CREATE TABLE user_sections (
    user_id     INTEGER NOT NULL REFERENCES users(id),
    category_id INTEGER NOT NULL REFERENCES categories(id),
    PRIMARY KEY (user_id, category_id)
) WITHOUT ROWID;

-- A session is kept under the SHA-256 of its token: a copy of this table
-- cannot be used to log in.
CREATE TABLE sessions (
    id         TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    last_seen  INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    ip         TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user_id, last_seen DESC);

-- Failed logins per throttling key: 'u:' || username, 'ip:' || address.
CREATE TABLE login_failures (
    key      TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_at  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY,
    at      INTEGER NOT NULL,
    user_id INTEGER REFERENCES users(id),  -- NULL: the command line or the system
    action  TEXT NOT NULL,
    object  TEXT NOT NULL DEFAULT '',
    detail  TEXT NOT NULL DEFAULT '',
    ip      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_user ON audit_log(user_id, id);
CREATE INDEX audit_log_action ON audit_log(action, id);

-- The newsroom desk counts articles by state within a reader's sections.
CREATE INDEX articles_section_status ON articles(section_id, status);
