-- The media library (issue: the newsroom): focal points, who uploaded,
-- duplicate detection by the uploaded bytes, caption search folded for
-- Vietnamese, and the renditions made at upload.
ALTER TABLE media ADD COLUMN focal_x REAL NOT NULL DEFAULT 0.5;
ALTER TABLE media ADD COLUMN focal_y REAL NOT NULL DEFAULT 0.5;
-- SHA-256 of the file as uploaded (media.hash names the re-encoded master).
ALTER TABLE media ADD COLUMN source_hash TEXT;
ALTER TABLE media ADD COLUMN uploaded_by INTEGER REFERENCES users(id);
-- viet.Fold of caption and credit; NULL until computed (rows written by
-- imports and the demo are folded when the library is first searched).
ALTER TABLE media ADD COLUMN search_text TEXT;

CREATE UNIQUE INDEX media_source ON media(source_hash) WHERE source_hash IS NOT NULL;
CREATE INDEX media_newest ON media(created_at DESC, id DESC);
CREATE INDEX media_unfolded ON media(id) WHERE search_text IS NULL;

-- Renditions are files of their own, named by their own hash.
CREATE TABLE media_renditions (
    media_id INTEGER NOT NULL REFERENCES media(id),
    kind     TEXT NOT NULL CHECK (kind IN ('full', 'wide', 'thumb')),
    width    INTEGER NOT NULL,
    height   INTEGER NOT NULL,
    hash     TEXT NOT NULL,
    ext      TEXT NOT NULL,
    size     INTEGER NOT NULL,
    PRIMARY KEY (media_id, kind, width)
) WITHOUT ROWID;
