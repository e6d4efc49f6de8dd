package store

import (
	"context"
	"errors"
	"time"

	"github.com/toasoan/toasoan/content"
)

// ErrStale is returned when a save is based on a version of the article (or
// of the home arrangement) that is no longer the current one: someone saved
// in between. Nothing is written; the caller must show both versions and let
// the person merge.
var ErrStale = errors.New("changed since it was opened")

// ErrWrongState is returned when a transition's article is no longer in the
// state the transition starts from (someone moved it in between).
var ErrWrongState = errors.New("article is not in the expected state")

// ArticleMeta is what the workflow needs to know of an article besides its
// text: its version, its owner (the account that wrote it), its section and
// when it leaves the site by itself.
type ArticleMeta struct {
	ID          int64
	Title       string
	Status      content.Status
	Version     int
	OwnerID     int64 // 0: imported, nobody's
	OwnerName   string
	CategoryID  int64
	SectionID   int64 // top-level section of CategoryID
	PublishedAt time.Time
	TakeDownAt  time.Time // zero: stays
	UpdatedAt   time.Time
}

// SaveRequest saves an article's content (not its state).
type SaveRequest struct {
	Article     *content.Article // its ID names the article; status and views are ignored
	BaseVersion int              // the version the person was editing
	// Status is the state the save was allowed in; if set and the
	// article has moved since (transitions keep the version), the save is
	// refused with ErrWrongState.
	Status content.Status
	UserID int64
	At     time.Time
	Audit  AuditEntry // Action and Detail at least; At, UserID are filled in if empty
}

// TransitionRequest moves an article from one state to another.
type TransitionRequest struct {
	ArticleID int64
	From, To  content.Status
	UserID    int64 // 0: the scheduler
	At        time.Time
	Note      string
	// PublishAt is the publish time to set when going to scheduled or
	// published; zero keeps the article's.
	PublishAt time.Time
	Audit     AuditEntry
}

// Lease is the right to edit an article for a while: the editor page renews
// it while it is open. A lease ends at ExpiresAt, when released, or when the
// session that took it ends (logout).
type Lease struct {
	ArticleID  int64
	UserID     int64
	UserName   string
	SessionID  string
	Rank       int // the holder's rank: someone of a higher rank may take the lease over
	AcquiredAt time.Time
	ExpiresAt  time.Time
}

// LeaseRequest asks for (or renews) a lease.
type LeaseRequest struct {
	ArticleID int64
	UserID    int64
	SessionID string
	Rank      int
	Now       time.Time
	TTL       time.Duration
	// TakeOver takes the lease from its holder if Rank is higher than the
	// holder's; the takeover is audited with Audit.
	TakeOver bool
	Audit    AuditEntry
}

// ArticleQuery lists articles for the newsroom, newest change first; zero
// fields do not filter.
type ArticleQuery struct {
	Statuses   []content.Status
	OwnerID    int64
	Sections   []int64 // top-level sections
	CategoryID int64   // a section with its sub-sections, or a sub-section
	Title      string  // words the title contains (case-insensitive, as typed)
	// PublishedFrom, PublishedTo bound the publish time: [from, to).
	PublishedFrom, PublishedTo time.Time
	Limit                      int // default 50
	Offset                     int
}

// WorkflowStore keeps the editorial workflow: article versions and
// revisions, transitions, published versions, edit leases and schedules.
// Every change is written with its audit entry in one transaction.
type WorkflowStore interface {
	// CreateDraft inserts a new article in the draft state, owned by
	// ownerID, at version 1 with its first revision; it sets a.ID.
	CreateDraft(ctx context.Context, a *content.Article, ownerID int64, audit AuditEntry) error
	// SaveArticle writes an article's content if BaseVersion is still the
	// current version (ErrStale otherwise), keeps a revision of everything,
	// and, for a live article, records the new published version. It
	// returns the new version.
	SaveArticle(ctx context.Context, r SaveRequest) (int, error)
	// Transition moves an article if it is in state From (ErrWrongState
	// otherwise), records the transition, and on going live records the
	// published version.
	Transition(ctx context.Context, r TransitionRequest) error
	// TransitionAll makes several transitions in one transaction: all or
	// none (publishing several articles at once, so they go live together).
	TransitionAll(ctx context.Context, rs []TransitionRequest) error
	// SetTakeDown sets (zero: clears) the time a live article leaves the
	// site; an article no longer live is ErrWrongState.
	SetTakeDown(ctx context.Context, articleID int64, at time.Time, audit AuditEntry) error

	ArticleMeta(ctx context.Context, id int64) (ArticleMeta, error)
	WorkflowArticles(ctx context.Context, q ArticleQuery) ([]ArticleMeta, error)
	// Revisions lists an article's revisions, newest first, without their
	// bodies (Revision reads one whole).
	Revisions(ctx context.Context, articleID int64) ([]content.Revision, error)
	Revision(ctx context.Context, articleID int64, version int) (*content.Revision, error)
	// PublishedVersions lists what readers were shown, newest first,
	// without the bodies (PublishedVersion reads one whole).
	PublishedVersions(ctx context.Context, articleID int64) ([]content.PublishedVersion, error)
	PublishedVersion(ctx context.Context, id int64) (*content.PublishedVersion, error)
	// Transitions lists an article's moves, oldest first.
	Transitions(ctx context.Context, articleID int64) ([]content.Transition, error)

	// AcquireLease takes or renews the lease of an article and returns the
	// lease that holds after the call, with whether it is the requester's.
	AcquireLease(ctx context.Context, r LeaseRequest) (Lease, bool, error)
	// ReleaseLease ends the user's lease of an article, if they hold it.
	ReleaseLease(ctx context.Context, articleID, userID int64) (bool, error)
	// CurrentLease returns the live lease of an article at now, if any.
	CurrentLease(ctx context.Context, articleID int64, now time.Time) (*Lease, error)

	// PublishDue publishes, in one transaction, every scheduled article
	// whose time is at or before now, and returns their ids.
	PublishDue(ctx context.Context, now time.Time) ([]int64, error)
	// TakeDownDue unpublishes every live article whose take-down time is at
	// or before now, and returns their ids.
	TakeDownDue(ctx context.Context, now time.Time) ([]int64, error)
	// NextDue reports the earliest pending schedule or take-down time.
	NextDue(ctx context.Context) (time.Time, bool, error)
}
