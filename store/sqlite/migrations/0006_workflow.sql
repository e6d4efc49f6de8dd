-- The editorial workflow (issue: the newsroom): article versions for
-- compare-and-swap saves, owners, take-down times, revisions, transitions,
-- published versions kept unaltered, and edit leases. Times are Unix
-- seconds, UTC.
ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE articles ADD COLUMN owner_id INTEGER REFERENCES users(id);
ALTER TABLE articles ADD COLUMN take_down_at INTEGER NOT NULL DEFAULT 0;

-- The scheduler's queue: scheduled articles by their publish time, live
-- articles by their take-down time.
CREATE INDEX articles_due ON articles(published_at) WHERE status = 'scheduled';
CREATE INDEX articles_take_down ON articles(take_down_at) WHERE status = 'published' AND take_down_at > 0;
CREATE INDEX articles_owner ON articles(owner_id, status);
-- The newsroom's article list: the latest change first.
CREATE INDEX articles_updated ON articles(updated_at DESC, id DESC);

-- Every save keeps everything; tags as a JSON array of names.
CREATE TABLE article_revisions (
    article_id      INTEGER NOT NULL REFERENCES articles(id),
    version         INTEGER NOT NULL,
    at              INTEGER NOT NULL,
    user_id         INTEGER REFERENCES users(id),
    status          TEXT NOT NULL,
    title           TEXT NOT NULL,
    slug            TEXT NOT NULL,
    sapo            TEXT NOT NULL,
    body            TEXT NOT NULL,
    type            INTEGER NOT NULL,
    category_id     INTEGER NOT NULL,
    tags            TEXT NOT NULL DEFAULT '[]',
    byline          TEXT NOT NULL,
    picture_id      INTEGER,
    picture_caption TEXT NOT NULL,
    published_at    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, version)
);

CREATE TABLE article_transitions (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles(id),
    at          INTEGER NOT NULL,
    user_id     INTEGER REFERENCES users(id),  -- NULL: the scheduler
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX article_transitions_article ON article_transitions(article_id, id);

-- What readers were shown (Decree 08/2017/NĐ-CP, Art. 7): rows are only
-- ever added; the triggers refuse any change or deletion.
CREATE TABLE published_versions (
    id              INTEGER PRIMARY KEY,
    article_id      INTEGER NOT NULL REFERENCES articles(id),
    version         INTEGER NOT NULL,
    recorded_at     INTEGER NOT NULL,
    user_id         INTEGER REFERENCES users(id),
    title           TEXT NOT NULL,
    slug            TEXT NOT NULL,
    sapo            TEXT NOT NULL,
    body            TEXT NOT NULL,
    type            INTEGER NOT NULL,
    category_id     INTEGER NOT NULL,
    tags            TEXT NOT NULL DEFAULT '[]',
    byline          TEXT NOT NULL,
    picture_id      INTEGER,
    picture_caption TEXT NOT NULL,
    published_at    INTEGER NOT NULL
);
CREATE INDEX published_versions_article ON published_versions(article_id, id);
CREATE TRIGGER published_versions_no_update BEFORE UPDATE ON published_versions
BEGIN SELECT RAISE(ABORT, 'published versions are kept unaltered'); END;
CREATE TRIGGER published_versions_no_delete BEFORE DELETE ON published_versions
BEGIN SELECT RAISE(ABORT, 'published versions are kept unaltered'); END;

-- One edit lease per article. A lease whose session is gone (logout) is void.
CREATE TABLE article_leases (
    article_id  INTEGER PRIMARY KEY REFERENCES articles(id),
    user_id     INTEGER NOT NULL REFERENCES users(id),
    session_id  TEXT NOT NULL DEFAULT '',
    rank        INTEGER NOT NULL,
    acquired_at INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
