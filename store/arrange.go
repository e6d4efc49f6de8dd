package store

import (
	"context"

	"github.com/toasoan/toasoan/content"
)

// FeaturedSlots is how many featured articles the home page shows under
// its top story.
const FeaturedSlots = 4

// HomeArrangement is the managing editor's choice for the home page: the
// top story and the featured articles in order, by article id. A zero is an
// empty slot, which the site fills with its automatic choice; so is a slot
// whose article is no longer public.
type HomeArrangement struct {
	Top      int64
	Featured [FeaturedSlots]int64
}

// IDs lists the arranged articles, top story first, without empty slots.
func (h HomeArrangement) IDs() []int64 {
	var out []int64
	for _, id := range append([]int64{h.Top}, h.Featured[:]...) {
		if id != 0 {
			out = append(out, id)
		}
	}
	return out
}

// Section is a category as the newsroom manages it.
type Section struct {
	content.Category
	// Hidden sections leave the site's menus and home blocks; their pages
	// and articles stay.
	Hidden bool
}

// PaperStore keeps how the paper is run: the home page arrangement, the
// section tree's edits, the settings and byline authors. Like accounts,
// every change takes the audit entry that records it, written in the same
// transaction; an entry without an Action is refused.
type PaperStore interface {
	// HomeArrangement returns the stored arrangement (all zero if none).
	HomeArrangement(ctx context.Context) (HomeArrangement, error)
	// SetHomeArrangement replaces the arrangement. An unknown article is
	// ErrNotFound; an article in two slots is refused.
	SetHomeArrangement(ctx context.Context, h HomeArrangement, a AuditEntry) error

	// Sections lists every section, hidden ones included, in menu order.
	Sections(ctx context.Context) ([]Section, error)
	// HiddenSections returns the ids of hidden sections.
	HiddenSections(ctx context.Context) (map[int64]bool, error)
	// CreateSection inserts c after its siblings in menu order and sets
	// c.ID and c.MenuOrder; a taken code is ErrConflict.
	CreateSection(ctx context.Context, c *content.Category, a AuditEntry) error
	// RenameSection changes a section's name; its code (its URL) stays.
	RenameSection(ctx context.Context, id int64, name string, a AuditEntry) error
	// ReorderSections sets the menu order of the children of parentID (0:
	// the top-level sections); ids must be exactly those sections.
	ReorderSections(ctx context.Context, parentID int64, ids []int64, a AuditEntry) error
	// SetSectionHidden hides or shows a section.
	SetSectionHidden(ctx context.Context, id int64, hidden bool, a AuditEntry) error

	// SaveSettings stores settings in one transaction with their record.
	SaveSettings(ctx context.Context, kv map[string]string, a AuditEntry) error

	// Authors lists the byline authors by name.
	Authors(ctx context.Context) ([]content.Author, error)
	// CreateAuthor inserts au and sets au.ID; a taken slug is ErrConflict.
	CreateAuthor(ctx context.Context, au *content.Author, a AuditEntry) error
}
