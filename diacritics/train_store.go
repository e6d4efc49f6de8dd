package diacritics

import (
	"context"
	"fmt"
	"time"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
)

// TrainFromStore trains a model on every Vietnamese article published at
// or before now in st (see ArticleText), reading them newest first in pages.
// This is what the rebuild command and its schedule run; a cancelled ctx
// stops it with ctx's error.
func TrainFromStore(ctx context.Context, st store.Store, now time.Time, opt TrainOptions) (*Model, error) {
	var err error
	texts := func(yield func(string) bool) {
		q := store.TeaserQuery{Now: now, Limit: 500}
		for {
			var page []content.Teaser
			if page, err = st.Teasers(ctx, q); err != nil || len(page) == 0 {
				return
			}
			for _, t := range page {
				if err = ctx.Err(); err != nil {
					return
				}
				var a *content.Article
				if a, err = st.Article(ctx, t.ID); err != nil {
					err = fmt.Errorf("article %d: %w", t.ID, err)
					return
				}
				if a.Lang != "" && a.Lang != "vi" {
					continue
				}
				if !yield(ArticleText(a)) {
					return
				}
			}
			last := page[len(page)-1]
			q.Before, q.BeforeID = last.PublishedAt, last.ID
		}
	}
	m := Train(texts, opt)
	if err != nil {
		return nil, fmt.Errorf("train diacritics model: %w", err)
	}
	return m, nil
}
