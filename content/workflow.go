package content

import "time"

// Snapshot is everything an article's text and placement consist of: what a
// revision keeps, and what a published version keeps unaltered.
type Snapshot struct {
	Title          string
	Slug           string
	Sapo           string
	Body           string // sanitized HTML
	Type           ArticleType
	CategoryID     int64
	Tags           []string // tag names, in order
	Byline         string
	PictureID      int64
	PictureCaption string
	PublishedAt    time.Time // the publish time the article carried
}

// SnapshotOf takes the snapshot of an article.
func SnapshotOf(a *Article) Snapshot {
	s := Snapshot{Title: a.Title, Slug: a.Slug, Sapo: a.Sapo, Body: a.Body, Type: a.Type, CategoryID: a.CategoryID,
		Byline: a.Byline, PictureID: a.PictureID, PictureCaption: a.PictureCaption, PublishedAt: a.PublishedAt}
	for _, t := range a.Tags {
		s.Tags = append(s.Tags, t.Name)
	}
	return s
}

// Apply writes the snapshot's fields over an article (restoring a revision).
// The article keeps its id, state and authors.
func (s Snapshot) Apply(a *Article) {
	a.Title, a.Slug, a.Sapo, a.Body, a.Type, a.CategoryID = s.Title, s.Slug, s.Sapo, s.Body, s.Type, s.CategoryID
	a.Byline, a.PictureID, a.PictureCaption = s.Byline, s.PictureID, s.PictureCaption
	a.Tags = nil
	for _, name := range s.Tags {
		a.Tags = append(a.Tags, Tag{Name: name})
	}
	a.PublishedAt = s.PublishedAt
}

// Revision is one saved state of an article: every save makes one, numbered
// by the article's version after the save.
type Revision struct {
	ArticleID int64
	Version   int
	At        time.Time
	UserID    int64  // 0: the system
	UserName  string // display name, filled in by the store
	Status    Status // the article's state when it was saved
	Snapshot
}

// PublishedVersion is what readers were shown: recorded when an article goes
// live and at every correction of a live article, and never changed or
// deleted afterwards (Decree 08/2017/NĐ-CP, Art. 7: kept at least 12 months).
type PublishedVersion struct {
	ID         int64
	ArticleID  int64
	Version    int       // the article version that was published
	RecordedAt time.Time // when it went live as it reads here
	UserID     int64     // who published it; 0: the scheduler
	UserName   string
	Snapshot
}

// Transition is one recorded move of an article through the workflow.
type Transition struct {
	ID        int64
	ArticleID int64
	At        time.Time
	UserID    int64 // 0: the scheduler
	UserName  string
	From, To  Status
	Note      string // the reason of a return or an unpublishing; optional elsewhere
}
