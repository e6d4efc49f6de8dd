package store

// CommentStore keeps reader comments, their attachments and the moderation trail.
type CommentStore interface {
}
