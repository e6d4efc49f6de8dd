// Package site serves the pages a reader sees: home, sections, articles,
// tags, media and static assets, and the designed error pages. Handlers parse
// the request, ask the store, and hand values to templates; templates never
// query.
package site

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/toasoan/toasoan/comments"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/media"
	"github.com/toasoan/toasoan/store"
)

// Config holds what a Site needs.
type Config struct {
	Store  store.Store
	Media  media.Disk
	Logger *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// CacheTTL is how long a rendered page may be served from memory; 0
	// disables the page cache.
	CacheTTL time.Duration
	// Admin, if set, serves the newsroom under /admin/.
	Admin http.Handler
	// Comments, if set, takes reader comments; moderation then invalidates
	// the page cache.
	Comments *comments.Service
}

// Site is the reader-facing web site.
type Site struct {
	st    store.Store
	media media.Disk
	log   *slog.Logger
	now   func() time.Time
	views *ViewCounter
	pages *pageCache
	admin http.Handler

	comments *comments.Service // site/comments.go

	mu        sync.Mutex
	nav       *navigation
	navTime   time.Time
	popular   []content.Teaser // the week's most read, newest ranking
	popularAt time.Time
	// invalidated counts Invalidate calls: a ranking read before one is
	// not kept (site/pages.go, mostRead).
	invalidated uint64
}

// New builds a Site.
func New(cfg Config) (*Site, error) {
	if err := loadTemplates(); err != nil {
		return nil, err
	}
	s := &Site{
		st:    cfg.Store,
		media: cfg.Media,
		log:   cfg.Logger,
		now:   cfg.Now,
		views: NewViewCounter(cfg.Store),
		pages: newPageCache(cfg.CacheTTL),
		admin: cfg.Admin,

		comments: cfg.Comments,
	}
	if s.comments != nil {
		s.comments.OnChange(s.Invalidate)
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.now == nil {
		s.now = time.Now
	}
	s.st = newPictureStore(cfg.Store, s.log) // pictures with their renditions (picture.go)
	return s, nil
}

// Views returns the view counter so the server can flush it periodically and
// on shutdown.
func (s *Site) Views() *ViewCounter { return s.views }

// Invalidate drops cached navigation, settings and pages, after the newsroom
// changes something readers see.
func (s *Site) Invalidate() {
	s.mu.Lock()
	s.nav, s.popular = nil, nil
	s.invalidated++
	s.mu.Unlock()
	s.pages.clear()
	if p, ok := s.st.(*pictureStore); ok {
		p.forget()
	}
}

// Handler returns the site's whole route table.
func (s *Site) Handler() http.Handler {
	mux := http.NewServeMux()
	page := func(h func(http.ResponseWriter, *http.Request) error) http.Handler {
		return s.pages.wrap(s.handle(h))
	}
	mux.Handle("GET /{$}", page(s.home))
	mux.Handle("GET /{page}", s.countViews(page(s.articleOrRedirect)))
	mux.Handle("GET /{cat}/{$}", page(s.section))
	mux.Handle("GET /{cat}/{sub}/{$}", page(s.section))
	mux.Handle("GET /chu-de/{tag}/{$}", page(s.tag))
	mux.Handle("GET /tim-kiem", s.handle(s.searchPageHandler)) // not page-cached: see search.go
	mux.Handle("GET /tim-kiem/goi-y", s.handle(s.suggestions))
	mux.Handle("GET /static/{file}", http.HandlerFunc(s.static))
	mux.Handle("POST /y-kien/{id}", s.handle(s.submitComment)) // never page-cached
	mux.Handle("POST /y-kien/goi-y", s.handle(s.suggestComment))
	mux.Handle("GET "+checkJSPath, http.HandlerFunc(s.checkJS))
	mux.Handle("GET /media/{dir}/{file}", http.HandlerFunc(s.mediaFile))
	mux.Handle("GET /robots.txt", http.HandlerFunc(s.robots))
	if s.admin != nil {
		mux.Handle("GET /admin", http.RedirectHandler("/admin/", http.StatusMovedPermanently))
	}
	mux.Handle("GET /healthz", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("ok\n"))
	}))
	h := s.withDesignedMuxErrors(mux)
	if s.admin != nil {
		// Dispatched ahead of the mux: there "/admin/" would conflict with
		// "GET /{cat}/{$}" (neither pattern is more specific), and the
		// newsroom answers every method and path under /admin/ itself.
		readers := h
		h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasPrefix(r.URL.Path, "/admin/") {
				s.admin.ServeHTTP(w, r)
				return
			}
			readers.ServeHTTP(w, r)
		})
	}
	return s.middleware(h)
}

// navigation is the section tree, loaded once and refreshed every few seconds
// so that several server instances converge without coordination.
type navigation struct {
	all      []content.Category
	byID     map[int64]content.Category
	byCode   map[string]content.Category
	top      []content.Category
	children map[int64][]content.Category
	info     content.SiteInfo
	notice   string // the comment form's notice (content.SettingCommentsWarning)
}

const navTTL = 10 * time.Second

func (s *Site) navigation(ctx context.Context) (*navigation, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.nav != nil && time.Since(s.navTime) < navTTL {
		return s.nav, nil
	}
	cats, err := s.st.Categories(ctx)
	if err != nil {
		return nil, err
	}
	settings, err := s.st.Settings(ctx)
	if err != nil {
		return nil, err
	}
	hidden, err := s.st.HiddenSections(ctx) // out of menus and home blocks; their pages stay
	if err != nil {
		return nil, err
	}
	n := &navigation{all: cats, byID: map[int64]content.Category{}, byCode: map[string]content.Category{},
		children: map[int64][]content.Category{}, info: content.SiteInfoFrom(settings),
		notice: settings[content.SettingCommentsWarning]}
	for _, c := range cats {
		n.byID[c.ID] = c
		n.byCode[c.Code] = c
		if hidden[c.ID] {
			continue
		}
		if c.IsTop() {
			n.top = append(n.top, c)
		} else {
			n.children[c.ParentID] = append(n.children[c.ParentID], c)
		}
	}
	s.nav, s.navTime = n, time.Now()
	return n, nil
}

// section returns the top-level section of a category.
func (n *navigation) section(catID int64) content.Category {
	c := n.byID[catID]
	if c.ParentID != 0 {
		return n.byID[c.ParentID]
	}
	return c
}
