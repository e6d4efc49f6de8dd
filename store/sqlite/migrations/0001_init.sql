-- The newspaper's first schema. Times are Unix seconds, UTC.
CREATE TABLE categories (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    parent_id   INTEGER REFERENCES categories(id),
    menu_order  INTEGER NOT NULL DEFAULT 0,
    description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE media (
    id         INTEGER PRIMARY KEY,
    hash       TEXT NOT NULL UNIQUE,
    ext        TEXT NOT NULL,
    mime       TEXT NOT NULL,
    width      INTEGER NOT NULL DEFAULT 0,
    height     INTEGER NOT NULL DEFAULT 0,
    size       INTEGER NOT NULL DEFAULT 0,
    caption    TEXT NOT NULL DEFAULT '',
    credit     TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);

CREATE TABLE articles (
    id              INTEGER PRIMARY KEY,
    lang            TEXT NOT NULL DEFAULT 'vi',
    title           TEXT NOT NULL,
    slug            TEXT NOT NULL,
    sapo            TEXT NOT NULL DEFAULT '',
    body            TEXT NOT NULL DEFAULT '',
    type            INTEGER NOT NULL DEFAULT 0,
    status          TEXT NOT NULL,
    category_id     INTEGER NOT NULL REFERENCES categories(id),
    -- the top-level ancestor of category_id, kept by the store so that a
    -- section page and its sub-sections read one index
    section_id      INTEGER NOT NULL REFERENCES categories(id),
    byline          TEXT NOT NULL DEFAULT '',
    picture_id      INTEGER REFERENCES media(id),
    picture_caption TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    published_at    INTEGER NOT NULL DEFAULT 0,
    views           INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX articles_published ON articles(published_at DESC, id DESC) WHERE status = 'published';
CREATE INDEX articles_section ON articles(section_id, published_at DESC, id DESC) WHERE status = 'published';
CREATE INDEX articles_category ON articles(category_id, published_at DESC, id DESC) WHERE status = 'published';
CREATE INDEX articles_status ON articles(status, updated_at DESC);

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    slug TEXT NOT NULL UNIQUE
);

CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags(id),
    position   INTEGER NOT NULL,
    PRIMARY KEY (article_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX article_tags_tag ON article_tags(tag_id, article_id);

CREATE TABLE authors (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    slug TEXT NOT NULL UNIQUE
);

CREATE TABLE article_authors (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    author_id  INTEGER NOT NULL REFERENCES authors(id),
    position   INTEGER NOT NULL,
    PRIMARY KEY (article_id, author_id)
) WITHOUT ROWID;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
