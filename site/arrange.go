package site

import (
	"context"
	"errors"
	"time"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
)

// homeLead picks the home page's top story and featured articles: the
// managing editor's choices (store.HomeArrangement) where they are still
// public and have a picture, the newest pictured articles in the slots left
// empty. An arranged article that was unpublished or taken down since is
// skipped, never shown.
func (s *Site) homeLead(ctx context.Context, now time.Time) (*content.Teaser, []content.Teaser, error) {
	arr, err := s.st.HomeArrangement(ctx)
	if err != nil {
		return nil, nil, err
	}
	var shown []int64
	resolve := func(id int64) (*content.Teaser, error) {
		if id == 0 {
			return nil, nil
		}
		a, err := s.st.Article(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			return nil, nil
		}
		if err != nil || !a.PublicAt(now) || a.Picture == nil {
			return nil, err
		}
		shown = append(shown, a.ID)
		return &content.Teaser{ID: a.ID, Title: a.Title, Slug: a.Slug, Sapo: a.Sapo, CategoryID: a.CategoryID, Type: a.Type,
			Picture: a.Picture, PublishedAt: a.PublishedAt, UpdatedAt: a.UpdatedAt, Views: a.Views}, nil
	}
	top, err := resolve(arr.Top)
	if err != nil {
		return nil, nil, err
	}
	var slots [store.FeaturedSlots]*content.Teaser
	empty := 0
	for i, id := range arr.Featured {
		if slots[i], err = resolve(id); err != nil {
			return nil, nil, err
		}
		if slots[i] == nil {
			empty++
		}
	}
	if top == nil {
		auto, err := s.st.Teasers(ctx, store.TeaserQuery{Now: now, WithPicture: true, ExcludeIDs: shown, Limit: 1})
		if err != nil {
			return nil, nil, err
		}
		if len(auto) > 0 {
			top = &auto[0]
			shown = append(shown, top.ID)
		}
	}
	var auto []content.Teaser
	if empty > 0 {
		if auto, err = s.st.Teasers(ctx, store.TeaserQuery{Now: now, WithPicture: true, ExcludeIDs: shown, Limit: empty}); err != nil {
			return nil, nil, err
		}
	}
	var featured []content.Teaser
	for _, t := range slots {
		switch {
		case t != nil:
			featured = append(featured, *t)
		case len(auto) > 0:
			featured, auto = append(featured, auto[0]), auto[1:]
		}
	}
	return top, featured, nil
}
