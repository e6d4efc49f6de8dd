package store

import (
	"context"
	"errors"
	"time"

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
	// SetHomeArrangement replaces the arrangement from with h, in one
	// transaction that first checks the stored arrangement is still from:
	// if someone saved another meanwhile, nothing changes and the error is
	// ErrStale. An unknown article is ErrNotFound; an article in two slots
	// is refused.
	SetHomeArrangement(ctx context.Context, from, h HomeArrangement, a AuditEntry) error

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

// HomeSlot is what the home page shows in one slot of the arrangement.
type HomeSlot struct {
	Teaser   *content.Teaser // nil: nothing to show (too few articles)
	Arranged bool            // the managing editor's choice, not the automatic one
}

// HomeLead decides the home page's top story and featured articles at now:
// 1+FeaturedSlots slots, the top story first. A slot keeps the managing
// editor's article while readers may see it (content.Article.PublicAt) and
// it has a picture; every other slot takes, in order, the newest pictured
// public articles not already in a slot. So an arranged article that was
// unpublished or taken down since is skipped, never shown. The site and the
// newsroom's arrangement page both ask here, so they agree.
func HomeLead(ctx context.Context, st Store, now time.Time) ([]HomeSlot, error) {
	arr, err := st.HomeArrangement(ctx)
	if err != nil {
		return nil, err
	}
	slots := make([]HomeSlot, 1+FeaturedSlots)
	var shown []int64
	empty := 0
	for i, id := range append([]int64{arr.Top}, arr.Featured[:]...) {
		if id != 0 {
			a, err := st.Article(ctx, id)
			if err != nil && !errors.Is(err, ErrNotFound) {
				return nil, err
			}
			if err == nil && a.PublicAt(now) && a.Picture != nil {
				slots[i] = HomeSlot{Arranged: true, Teaser: &content.Teaser{ID: a.ID, Title: a.Title, Slug: a.Slug, Sapo: a.Sapo,
					CategoryID: a.CategoryID, Type: a.Type, Picture: a.Picture, PublishedAt: a.PublishedAt, UpdatedAt: a.UpdatedAt, Views: a.Views}}
				shown = append(shown, a.ID)
				continue
			}
		}
		empty++
	}
	if empty == 0 {
		return slots, nil
	}
	auto, err := st.Teasers(ctx, TeaserQuery{Now: now, WithPicture: true, ExcludeIDs: shown, Limit: empty})
	if err != nil {
		return nil, err
	}
	for i := range slots {
		if slots[i].Teaser == nil && len(auto) > 0 {
			slots[i].Teaser, auto = &auto[0], auto[1:]
		}
	}
	return slots, nil
}
