-- Full-text search index (issue: Vietnamese search). Filled in by the search work.
SELECT 1;
