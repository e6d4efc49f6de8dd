-- Full-text search (issue: Vietnamese search). The rules live in package
-- search; store/sqlite/search.go keeps these tables in step with articles,
-- in the same transaction as every article write.
--
-- search_fts holds, per article, each word twice, as search.IndexText
-- writes it: folded (t, s, b: title, sapo, body text; "luan") and as key
-- (kt, ks, kb; "luân"), plus filter tokens (m): "st<status>", "c<category
-- id>", and "np" when not published. It is contentless: the text is in
-- articles. The 'ascii' tokenizer splits on the spaces IndexText writes and
-- nothing else, so the index's words are exactly the Go tokenizer's.
--
-- rowid is the docid: (day of the article's date) << 31 | article id, the
-- date being published_at, or updated_at for an article never published.
-- Rowid order is then date order (to the day), which lets "newest first
-- within a tier" and date filters run inside the index with early exit.
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(t, s, b, kt, ks, kb, m,
    content='', contentless_delete=1, tokenize='ascii');

-- Headline and sapo again, the same columns: the tiers that look only
-- there (search.Tier.Head) read these short word lists instead of ones
-- that span every body.
CREATE VIRTUAL TABLE IF NOT EXISTS search_head USING fts5(t, s, kt, ks, m,
    content='', contentless_delete=1, tokenize='ascii');

-- Headlines again, with prefix indexes, for suggestions while typing.
CREATE VIRTUAL TABLE IF NOT EXISTS search_titles USING fts5(t, kt, m,
    content='', contentless_delete=1, tokenize='ascii', prefix='1 2 3');

-- Which docid an article is indexed under, and the distinct key words of
-- its indexed headline (a JSON array) to take back out of search_words.
CREATE TABLE IF NOT EXISTS search_docs (
    id         INTEGER PRIMARY KEY,
    docid      INTEGER NOT NULL,
    title_keys TEXT NOT NULL DEFAULT '[]'
);

-- How many headlines use each spelling of each folded word: "Did you
-- mean" restores diacritics and corrects typing from it.
CREATE TABLE IF NOT EXISTS search_words (
    fold TEXT NOT NULL,
    word TEXT NOT NULL,
    docs INTEGER NOT NULL,
    PRIMARY KEY (fold, word)
) WITHOUT ROWID;

-- fill: index the articles already there. These statements are what the
-- store runs for any set of articles (indexStatements in search.go, with
-- the set "every article"); the search_* functions are registered by the
-- store package.
INSERT INTO search_docs (id, docid, title_keys)
    SELECT a.id, ((max((CASE WHEN a.published_at > 0 THEN a.published_at ELSE a.updated_at END), 0) / 86400) << 31) | a.id, search_title_keys(a.title)
    FROM articles a WHERE a.id IN (SELECT id FROM articles) AND a.id < 2147483648;
INSERT INTO search_fts (rowid, t, kt, s, ks, b, kb, m)
    SELECT d.docid, search_fold(a.title), search_keys(a.title), search_fold(a.sapo), search_keys(a.sapo),
        search_fold(search_plain(a.body)), search_keys(search_plain(a.body)),
        'st' || a.status || ' c' || a.category_id || CASE WHEN a.status = 'published' THEN '' ELSE ' np' END
    FROM articles a JOIN search_docs d ON d.id = a.id WHERE a.id IN (SELECT id FROM articles) ORDER BY d.docid;
INSERT INTO search_head (rowid, t, kt, s, ks, m)
    SELECT d.docid, search_fold(a.title), search_keys(a.title), search_fold(a.sapo), search_keys(a.sapo),
        'st' || a.status || ' c' || a.category_id || CASE WHEN a.status = 'published' THEN '' ELSE ' np' END
    FROM articles a JOIN search_docs d ON d.id = a.id WHERE a.id IN (SELECT id FROM articles) ORDER BY d.docid;
INSERT INTO search_titles (rowid, t, kt, m)
    SELECT d.docid, search_fold(a.title), search_keys(a.title), CASE WHEN a.status = 'published' THEN 'p' ELSE 'np' END
    FROM articles a JOIN search_docs d ON d.id = a.id WHERE a.id IN (SELECT id FROM articles) ORDER BY d.docid;
INSERT INTO search_words (fold, word, docs)
    SELECT search_fold(j.value), j.value, count(*) FROM search_docs d, json_each(d.title_keys) j
    WHERE d.id IN (SELECT id FROM articles) GROUP BY j.value
    ON CONFLICT (fold, word) DO UPDATE SET docs = docs + excluded.docs;
