// Package comments owns the rules of reader comments: how a submission is
// read (a multipart stream, never buffered, attachments capped at 10 MB
// together while they stream in), what it must pass (a signed form token
// that proves a person took some seconds to write, an empty honeypot, rate
// limits per address and per e-mail, no duplicates, Vietnamese typed with
// diacritics, plain text only, attachments whose content is an allowed
// type), where attachments go (a private directory outside the public
// media, written and synced before the database commit), and the steps of
// moderation (approve, reject with a reason, edit keeping the reader's
// text), each recorded in the audit log.
//
// Addresses are never stored: only a keyed hash, with a key kept in the
// data directory (LoadSecret). The restoration model that suggests the
// text with its diacritics can be swapped while serving (SetModel).
package comments
