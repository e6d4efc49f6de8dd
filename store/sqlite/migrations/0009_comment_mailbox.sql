-- The per-e-mail rate limit counts comments by mailbox, not by the
-- address as typed: "+tags" and Gmail's dots made one reader many
-- (content.MailboxKey). Earlier comments get the lower-cased address,
-- which is their key but for tags and dots; the limit's window is an hour.
ALTER TABLE comments ADD COLUMN email_key TEXT NOT NULL DEFAULT '';
UPDATE comments SET email_key = lower(trim(email));
DROP INDEX comments_email;
CREATE INDEX comments_email_key ON comments(email_key, created_at);
