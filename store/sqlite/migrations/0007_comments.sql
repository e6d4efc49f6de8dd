-- Reader comments (issue: reader comments, edited and approved by editors).
-- Times are Unix seconds, UTC. Nothing is public before approval; an
-- editor's edit keeps the reader's text in original. Sender addresses are
-- stored only as keyed hashes.
CREATE TABLE comments (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles(id),
    parent_id     INTEGER REFERENCES comments(id),
    status        TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    name          TEXT NOT NULL,
    email         TEXT NOT NULL,
    body          TEXT NOT NULL,
    original      TEXT NOT NULL DEFAULT '',  -- the reader's text, once an editor changed it
    fingerprint   TEXT NOT NULL,             -- folded text hash, for duplicates
    ip_hash       TEXT NOT NULL DEFAULT '',
    reject_reason TEXT NOT NULL DEFAULT '',
    links_allowed INTEGER NOT NULL DEFAULT 0, -- an editor let readers follow its links
    created_at    INTEGER NOT NULL,
    moderated_at  INTEGER NOT NULL DEFAULT 0,
    moderated_by  INTEGER REFERENCES users(id)
);
CREATE INDEX comments_article ON comments(article_id, status, created_at, id);
CREATE INDEX comments_status ON comments(status, created_at);
CREATE INDEX comments_created ON comments(created_at);
CREATE INDEX comments_ip ON comments(ip_hash, created_at);
CREATE INDEX comments_email ON comments(email, created_at);
CREATE INDEX comments_fingerprint ON comments(fingerprint, created_at);

-- Files sent with comments live under <data>/attachments/, named by hash.
CREATE TABLE comment_attachments (
    id         INTEGER PRIMARY KEY,
    comment_id INTEGER NOT NULL REFERENCES comments(id),
    name       TEXT NOT NULL,
    hash       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    mime       TEXT NOT NULL,
    size       INTEGER NOT NULL
);
CREATE INDEX comment_attachments_comment ON comment_attachments(comment_id);
CREATE INDEX comment_attachments_hash ON comment_attachments(hash);
