-- Running the paper (issue: the newsroom): the home page arrangement, hidden
-- sections, and the byline author a staff account writes as.

-- The managing editor's choices for the home page: slot 0 is the top story,
-- slots 1.. the featured articles in order. A missing slot is filled by the
-- automatic choice; an article that is no longer public is skipped by the
-- site, so a row may outlive its article's publication.
CREATE TABLE home_slots (
    slot       INTEGER PRIMARY KEY CHECK (slot >= 0),
    article_id INTEGER NOT NULL UNIQUE REFERENCES articles(id)
);

-- A hidden section leaves the site's menus and home blocks; its pages and
-- articles stay where they are.
ALTER TABLE categories ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;

-- The author (byline) a staff account's articles carry; NULL: none linked.
ALTER TABLE users ADD COLUMN author_id INTEGER REFERENCES authors(id);
