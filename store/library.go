package store

// MediaLibrary lists and describes the media library: renditions, focal points, captions and search.
type MediaLibrary interface {
}
