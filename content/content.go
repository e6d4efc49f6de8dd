// Package content owns the newspaper's data model and the rules about it that
// need no I/O: article states, what a reader may see, where an article lives on
// the site, and the settings the footer must carry by law.
package content

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Status is where an article stands in the newsroom workflow.
type Status string

// The workflow states. Only StatusPublished is visible to readers, and only once
// its publish time has come.
const (
	StatusDraft       Status = "draft"
	StatusSubmitted   Status = "submitted"
	StatusEditing     Status = "editing"
	StatusReturned    Status = "returned"
	StatusApproved    Status = "approved"
	StatusScheduled   Status = "scheduled"
	StatusPublished   Status = "published"
	StatusUnpublished Status = "unpublished"
)

// Valid reports whether s is one of the known states.
func (s Status) Valid() bool {
	switch s {
	case StatusDraft, StatusSubmitted, StatusEditing, StatusReturned, StatusApproved,
		StatusScheduled, StatusPublished, StatusUnpublished:
		return true
	}
	return false
}

// ArticleType is the kind of article; the numbers match the old system's news_type.
type ArticleType int

// Article types.
const (
	TypeNormal     ArticleType = 0
	TypePhotoStory ArticleType = 1
	TypeVideo      ArticleType = 2
	TypeEMagazine  ArticleType = 3
)

// Valid reports whether t is a known article type.
func (t ArticleType) Valid() bool { return t >= TypeNormal && t <= TypeEMagazine }

// Category is a section (chuyên mục) of the site. Sections have two levels: a
// top-level section has ParentID 0; a sub-section names its parent.
type Category struct {
	ID          int64
	Code        string // URL segment, e.g. "tp-thu-dau-mot"
	Name        string
	ParentID    int64
	MenuOrder   int
	Description string
}

// reservedCodes are first URL segments the site uses for itself; a section
// with such a code would be unreachable or would shadow the site's own pages.
var reservedCodes = map[string]bool{
	"admin": true, "api": true, "media": true, "static": true, "rss": true, "tim-kiem": true,
	"chu-de": true, "y-kien": true, "healthz": true, "sitemap.xml": true, "robots.txt": true, "tac-gia": true,
}

// CheckCategoryCode reports why code cannot name a section: it must be a
// slug (a-z, 0-9, single hyphens) and not one of the site's own paths.
func CheckCategoryCode(code string) error {
	if code == "" || len(code) > 80 || code[0] == '-' || code[len(code)-1] == '-' || strings.Contains(code, "--") {
		return fmt.Errorf("category code %q must be 1-80 characters of a-z, 0-9 and single inner hyphens", code)
	}
	for i := 0; i < len(code); i++ {
		c := code[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return fmt.Errorf("category code %q must be 1-80 characters of a-z, 0-9 and single inner hyphens", code)
		}
	}
	if reservedCodes[code] {
		return fmt.Errorf("category code %q is reserved for the site's own pages", code)
	}
	return nil
}

// IsTop reports whether c is a top-level section.
func (c Category) IsTop() bool { return c.ParentID == 0 }

// Author is a member of staff who can be credited on an article.
type Author struct {
	ID   int64
	Name string
	Slug string
}

// Tag is a topic label on articles.
type Tag struct {
	ID   int64
	Name string
	Slug string
}

// Media is an uploaded file, named on disk by the SHA-256 of its content so
// that two uploads in the same second never collide and duplicates are found.
type Media struct {
	ID        int64
	Hash      string // lower-case hex SHA-256 of the file
	Ext       string // "jpg", "png", "webp", "gif"
	MIME      string
	Width     int
	Height    int
	Size      int64
	Caption   string
	Credit    string
	CreatedAt time.Time
	// The media library's fields (content/media.go); read by its queries.
	FocalX, FocalY float64 // the point every crop keeps, 0..1 from the left and top
	SourceHash     string  // SHA-256 of the bytes as uploaded, before processing
	UploadedBy     int64   // staff account; 0 for imports and the demo
	Renditions     []Rendition
}

// Path is the public URL path of the original file.
func (m *Media) Path() string {
	if m == nil || len(m.Hash) < 2 {
		return ""
	}
	return "/media/" + m.Hash[:2] + "/" + m.Hash + "." + m.Ext
}

// Article is one news story with everything the article page shows.
type Article struct {
	ID             int64
	Lang           string
	Title          string
	Slug           string
	Sapo           string // lead paragraph, shown bold under the headline
	Body           string // sanitized HTML
	Type           ArticleType
	Status         Status
	CategoryID     int64 // primary section (top-level or sub-section)
	Tags           []Tag
	Byline         string // as printed, e.g. "THU THẢO - CHÂU TIẾN"
	Authors        []Author
	PictureID      int64 // featured picture; 0 for none
	Picture        *Media
	PictureCaption string
	CreatedAt      time.Time
	UpdatedAt      time.Time
	PublishedAt    time.Time
	Views          int64
}

// Path is the article's canonical URL path, /{slug}-{id}.html.
func (a *Article) Path() string { return ArticlePath(a.Slug, a.ID) }

// PublicAt reports whether readers may see the article at time now.
func (a *Article) PublicAt(now time.Time) bool {
	return a.Status == StatusPublished && !a.PublishedAt.After(now)
}

// ArticlePath builds /{slug}-{id}.html.
func ArticlePath(slug string, id int64) string {
	return "/" + slug + "-" + strconv.FormatInt(id, 10) + ".html"
}

// Teaser is the part of an article that listings show.
type Teaser struct {
	ID          int64
	Title       string
	Slug        string
	Sapo        string
	CategoryID  int64
	Type        ArticleType
	Picture     *Media
	PublishedAt time.Time
	UpdatedAt   time.Time
	Views       int64
	// CommentCount is the number of approved reader comments, where a
	// listing fills it in.
	CommentCount int
}

// Path is the teaser's article URL path.
func (t *Teaser) Path() string { return ArticlePath(t.Slug, t.ID) }

// Location is the newspaper's time zone: times are stored in UTC and shown here.
var Location = mustLoad("Asia/Ho_Chi_Minh")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		// time/tzdata is embedded by the command, so this only happens when a
		// package is used without it; a fixed zone keeps the rule (no DST in Vietnam).
		return time.FixedZone("ICT", 7*3600)
	}
	return loc
}

// StampLayout prints the seed page's "Cập nhật" stamp: 25-01-2022 | 07:11:58.
const StampLayout = "02-01-2006 | 15:04:05"

// Stamp formats t in the newspaper's time zone with StampLayout.
func Stamp(t time.Time) string { return t.In(Location).Format(StampLayout) }
