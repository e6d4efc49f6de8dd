-- Most-read lists scan a week of articles by views: keep views in an index so
-- that the scan never touches the article rows (bodies make them large).
CREATE INDEX articles_popular ON articles(published_at, views) WHERE status = 'published';
