// Package store defines how the newspaper is kept: the Store interface that
// every backend (SQLite now, PostgreSQL for scale-out) satisfies, and the
// errors and queries they share. Backends live in sub-packages; the shared
// behaviour suite lives in storetest.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/toasoan/toasoan/content"
)

// ErrNotFound is returned when a record does not exist.
var ErrNotFound = errors.New("not found")

// ErrConflict is returned when a write would break a uniqueness rule.
var ErrConflict = errors.New("conflict")

// TeaserQuery selects published articles for a listing. Only articles with
// status published and a publish time at or before Now are returned, newest
// first.
type TeaserQuery struct {
	Now         time.Time
	SectionID   int64     // top-level section: the section itself and all its sub-sections
	CategoryID  int64     // exactly this category (a sub-section, or a top-level one without its children)
	TagID       int64     // articles carrying this tag
	Before      time.Time // if set, published strictly before this time
	BeforeID    int64     // with Before: among articles published at Before, ids below this one
	ExcludeIDs  []int64
	WithPicture bool // only articles with a featured picture
	Limit       int
	Offset      int
}

// BulkLoader is offered by stores that can load many articles faster when
// told so: BulkLoad runs fn, which writes through the store, and leaves
// everything (the search index included) as if the writes had been made one
// by one.
type BulkLoader interface {
	BulkLoad(ctx context.Context, fn func(ctx context.Context) error) error
}

// Store is everything the newspaper keeps. Implementations are safe for
// concurrent use; every method that writes commits before it returns.
type Store interface {
	// Close flushes and closes the store.
	Close() error
	// SchemaVersion reports the applied migration version.
	SchemaVersion(ctx context.Context) (int, error)

	Categories(ctx context.Context) ([]content.Category, error)
	// CreateCategory inserts c and sets c.ID; a duplicate code is ErrConflict.
	CreateCategory(ctx context.Context, c *content.Category) error
	UpdateCategory(ctx context.Context, c content.Category) error

	// Article returns one article with its tags, authors and picture.
	Article(ctx context.Context, id int64) (*content.Article, error)
	// CreateArticles inserts articles in one transaction. An article with ID 0
	// gets a new id; a non-zero ID is kept (imports keep the old ids) and an
	// existing one is ErrConflict. Tags and authors are matched by slug and
	// created when missing; their IDs are filled in.
	CreateArticles(ctx context.Context, articles []*content.Article) error
	// UpdateArticle replaces every field of an existing article, tags and
	// authors included.
	UpdateArticle(ctx context.Context, a *content.Article) error
	Teasers(ctx context.Context, q TeaserQuery) ([]content.Teaser, error)
	CountTeasers(ctx context.Context, q TeaserQuery) (int, error)
	// MostRead returns the published articles with the most views among those
	// published in [since, now].
	MostRead(ctx context.Context, since, now time.Time, limit int) ([]content.Teaser, error)
	// AddViews adds counted views to articles in one transaction.
	AddViews(ctx context.Context, views map[int64]int64) error
	// ArticleCount reports how many articles exist, in any state.
	ArticleCount(ctx context.Context) (int, error)
	// StatusCounts counts articles by workflow state in the given top-level
	// sections (none: every section), for the newsroom desk.
	StatusCounts(ctx context.Context, sections []int64) (map[content.Status]int, error)

	// TagBySlug returns a tag.
	TagBySlug(ctx context.Context, slug string) (content.Tag, error)

	// CreateMedia records a file by its hash. If the hash is already known the
	// existing record is returned in m and created is false.
	CreateMedia(ctx context.Context, m *content.Media) (created bool, err error)
	Media(ctx context.Context, id int64) (*content.Media, error)
	MediaByHash(ctx context.Context, hash string) (*content.Media, error)

	Settings(ctx context.Context) (map[string]string, error)
	SetSettings(ctx context.Context, kv map[string]string) error

	// Searcher is the full-text search (store/search.go).
	Searcher

	AccountStore
	CommentStore  // store/comments.go
	WorkflowStore // store/workflow.go
	MediaLibrary  // store/library.go
	PaperStore    // store/arrange.go
}
