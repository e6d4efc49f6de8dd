package store

// PaperStore keeps how the paper is run: the home page arrangement and the section tree edits.
type PaperStore interface {
}
