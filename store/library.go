package store

import (
	"context"

	"github.com/toasoan/toasoan/content"
)

// MediaQuery selects media of the library, newest first.
type MediaQuery struct {
	// Text are words of the caption or credit, matched without regard to
	// diacritics or case ("cau" finds "cầu"); empty: everything.
	Text   string
	Limit  int // default 40
	Offset int
}

// MediaLibrary lists and describes the media library: renditions, focal points, captions and search.
type MediaLibrary interface {
	// LibraryMedia lists media newest first, with focal points and renditions.
	LibraryMedia(ctx context.Context, q MediaQuery) ([]content.Media, error)
	// CountLibraryMedia counts what LibraryMedia would list without Limit and Offset.
	CountLibraryMedia(ctx context.Context, q MediaQuery) (int, error)
	// LibraryItem returns one media record with focal point and renditions.
	LibraryItem(ctx context.Context, id int64) (*content.Media, error)
	// MediaBySource finds a media record by the hash of the bytes as they
	// were uploaded: the same file sent again is found before any work.
	MediaBySource(ctx context.Context, sourceHash string) (*content.Media, error)
	// AddMedia records an upload with its renditions and its audit entry in
	// one transaction. If a record with m.Hash exists nothing is written,
	// m becomes that record (with renditions) and created is false.
	AddMedia(ctx context.Context, m *content.Media, a AuditEntry) (created bool, err error)
	// UpdateMedia saves caption, credit and focal point of m.ID with the
	// audit entry; when m.Renditions is non-nil they replace the old ones.
	UpdateMedia(ctx context.Context, m *content.Media, a AuditEntry) error
	// SetRenditions replaces a media's renditions, for the demo and for
	// pictures stored before renditions existed.
	SetRenditions(ctx context.Context, mediaID int64, rs []content.Rendition) error
	// RenditionsByHash returns the renditions of the media whose master
	// file has one of the hashes, by that hash. Hashes without renditions
	// are absent from the map.
	RenditionsByHash(ctx context.Context, hashes []string) (map[string][]content.Rendition, error)
}
