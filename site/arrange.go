package site

import (
	"context"
	"time"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
)

// homeLead picks the home page's top story and featured articles: the
// managing editor's arrangement where it still holds, the automatic choice
// elsewhere (store.HomeLead).
func (s *Site) homeLead(ctx context.Context, now time.Time) (*content.Teaser, []content.Teaser, error) {
	slots, err := store.HomeLead(ctx, s.st, now)
	if err != nil {
		return nil, nil, err
	}
	var featured []content.Teaser
	for _, sl := range slots[1:] {
		if sl.Teaser != nil {
			featured = append(featured, *sl.Teaser)
		}
	}
	return slots[0].Teaser, featured, nil
}
