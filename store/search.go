package store

import (
	"context"
	"time"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/search"
)

// MaxSearchWindow is how deep results can be paged: the first
// MaxSearchWindow are reachable (50 pages of 20). Readers never go further;
// the bound keeps every page cheap however common the words are.
const MaxSearchWindow = 1000

// MaxSearchCount is where counting results stops, as far as pages reach:
// "more than 1,000 results" tells a reader as much as an exact figure, and
// counting every article that holds the commonest syllables (tens of
// thousands) would cost more than the rest of the search.
const MaxSearchCount = MaxSearchWindow

// SearchQuery asks the full-text index for articles.
//
// Which articles: by default (Statuses empty, AnyState false) what readers
// may see: status published with a publish time at or before Now. Staff
// search sets AnyState (every status, drafts and scheduled included, no
// time limit) or lists Statuses (unknown states match nothing).
//
// Order: the tiers of search.Query.Tiers (exact diacritics, then title
// above sapo above body), newest first within a tier; with SortByDate
// simply newest first. An article's date is its publish time, or its last
// update for one never published.
type SearchQuery struct {
	Query     search.Query
	SectionID int64     // a top-level section with its sub-sections, or one sub-section
	From, To  time.Time // inclusive bounds on the article's date; zero means open
	Statuses  []content.Status
	AnyState  bool
	// SortByDate orders newest first instead of by relevance.
	SortByDate bool
	Limit      int // default 20, at most 100
	Offset     int // results before Offset are skipped; Offset+Limit is capped at MaxSearchWindow
	Now        time.Time
}

// Public reports whether the query is a reader's: published articles only.
func (q SearchQuery) Public() bool { return !q.AnyState && len(q.Statuses) == 0 }

// SearchHit is one found article.
type SearchHit struct {
	content.Teaser
	Status content.Status
	// Title is the headline with the matched words marked.
	Title []search.Piece
	// Snippet is a passage of the sapo, or of the body when the sapo does
	// not match, with the matched words marked.
	Snippet []search.Piece
	// Tier is the index in the query's tiers of the first tier the article
	// meets; Score sorts like (tier, date): see search.Score.
	Tier  int
	Score float64
}

// SearchResult is one page of results.
type SearchResult struct {
	Hits []SearchHit
	// Total counts every article matching the query and filters, up to
	// MaxSearchCount; Capped is set when there are more.
	Total  int
	Capped bool
}

// SuggestQuery asks for headlines while a reader types.
type SuggestQuery struct {
	// Text is what has been typed: every word but the last must be whole,
	// the last may be the beginning of a word (unless Text ends in a space).
	Text  string
	Limit int // default 8
	Now   time.Time
}

// Suggestion is a headline offered while typing.
type Suggestion struct {
	ID    int64
	Title string
	Path  string
}

// Searcher is the full-text search over articles. The index follows every
// article write in the same transaction, so a published, unpublished or
// edited article is found (or not) as soon as the write returns.
type Searcher interface {
	// Search finds articles; a query with no positive term finds nothing.
	Search(ctx context.Context, q SearchQuery) (SearchResult, error)
	// Suggest returns published headlines that match what has been typed,
	// newest first.
	Suggest(ctx context.Context, q SuggestQuery) ([]Suggestion, error)
	// WordForms returns, for each folded word, the spellings headlines use,
	// most used first; it feeds search.Query.Suggest.
	WordForms(ctx context.Context, folds []string) (search.Forms, error)
	// Reindex rebuilds the whole index from the articles, reporting
	// progress after each batch. Searches keep working meanwhile.
	Reindex(ctx context.Context, progress func(done, total int)) error
}
