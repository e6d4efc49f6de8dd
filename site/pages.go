package site

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/proxy"
	"github.com/toasoan/toasoan/store"
)

// page is what every template's frame needs.
type page struct {
	Info        content.SiteInfo
	Title       string // the <title>, without the site name
	Description string
	Canonical   string // absolute URL of this page
	OGType      string
	OGImage     string // absolute URL
	Menu        []menuItem
	ActiveID    int64 // the top-level section being shown
	Today       string
	Year        int
	NoIndex     bool
}

type menuItem struct {
	content.Category
	Children []content.Category
}

type crumb struct {
	Name, URL string
}

type navLink struct {
	Name, URL string
	Current   bool
}

type teaserView struct {
	content.Teaser
	Section content.Category
}

type errorPage struct {
	page
	Status    int
	Message   string
	RequestID string
}

type homePage struct {
	page
	Top      *teaserView
	Featured []teaserView
	Latest   []teaserView
	Sections []sectionBlock
	MostRead []teaserView
}

type sectionBlock struct {
	Section content.Category
	Items   []teaserView
}

type listPage struct {
	page
	Heading     string
	Intro       string
	Crumbs      []crumb
	Related     []navLink // sub-sections, or siblings of a sub-section
	Items       []teaserView
	Pager       pager
	Total       int
	MostRead    []teaserView
	EmptyNotice string
}

type articlePage struct {
	page
	Article   *content.Article
	Section   content.Category
	Category  content.Category
	Crumbs    []crumb
	URL       string
	Latest    []teaserView // latest in the parent section
	Earlier   []teaserView // earlier news of the same sub-section
	MostRead  []teaserView
	ShareFB   string
	ShareZalo string
	ShareX    string
	Comments  *commentBlock // site/comments.go
}

type pager struct {
	Page, Pages int
	Prev, Next  string
	Links       []pageLink
}

type pageLink struct {
	N       int
	URL     string
	Current bool
	Gap     bool
}

const perPage = 20

func (s *Site) baseURL(r *http.Request, nav *navigation) string {
	if nav.info.BaseURL != "" {
		return strings.TrimSuffix(nav.info.BaseURL, "/")
	}
	scheme := "http"
	if proxy.Secure(r) {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func (s *Site) basePage(r *http.Request, nav *navigation, title, path string) page {
	now := s.now().In(content.Location)
	p := page{
		Info:   nav.info,
		Title:  title,
		OGType: "website",
		Today:  weekdays[now.Weekday()] + ", " + now.Format("02/01/2006"),
		Year:   now.Year(),
	}
	if path != "" {
		p.Canonical = s.baseURL(r, nav) + path
	}
	for _, c := range nav.top {
		p.Menu = append(p.Menu, menuItem{Category: c, Children: nav.children[c.ID]})
	}
	return p
}

func (s *Site) render(w http.ResponseWriter, r *http.Request, name string, data any) error {
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, name, data); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	if r.Method != http.MethodHead {
		w.Write(buf.Bytes())
	}
	return nil
}

func (n *navigation) views(ts []content.Teaser) []teaserView {
	out := make([]teaserView, len(ts))
	for i, t := range ts {
		out[i] = teaserView{Teaser: t, Section: n.byID[t.CategoryID]}
	}
	return out
}

func categoryPath(n *navigation, c content.Category) string {
	if c.ParentID != 0 {
		return "/" + n.byID[c.ParentID].Code + "/" + c.Code + "/"
	}
	return "/" + c.Code + "/"
}

// home shows the top story, featured and latest news, a block per section
// and the most read, never the same article twice.
func (s *Site) home(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	nav, err := s.navigation(ctx)
	if err != nil {
		return err
	}
	now := s.now()
	data := homePage{page: s.basePage(r, nav, "", "/")}
	data.Description = nav.info.Tagline
	var shown []int64
	take := func(ts []content.Teaser) []teaserView {
		for _, t := range ts {
			shown = append(shown, t.ID)
		}
		return nav.views(ts)
	}
	top, feat, err := s.homeLead(ctx, now) // the managing editor's arrangement, else automatic
	if err != nil {
		return err
	}
	if top != nil {
		v := take([]content.Teaser{*top})[0]
		data.Top = &v
		data.OGImage = s.baseURL(r, nav) + v.Picture.Path()
	}
	data.Featured = take(feat)
	latest, err := s.st.Teasers(ctx, store.TeaserQuery{Now: now, ExcludeIDs: shown, Limit: 10})
	if err != nil {
		return err
	}
	data.Latest = take(latest)
	for _, sec := range nav.top {
		items, err := s.st.Teasers(ctx, store.TeaserQuery{Now: now, SectionID: sec.ID, ExcludeIDs: shown, Limit: 5})
		if err != nil {
			return err
		}
		if len(items) > 0 {
			data.Sections = append(data.Sections, sectionBlock{Section: sec, Items: take(items)})
		}
	}
	data.MostRead, err = s.mostRead(r, nav, shown, 10)
	if err != nil {
		return err
	}
	lists := [][]teaserView{data.Featured, data.Latest}
	if data.Top != nil {
		lists = append(lists, []teaserView{*data.Top})
	}
	for _, b := range data.Sections {
		lists = append(lists, b.Items)
	}
	if err := s.fillCommentCounts(r, lists...); err != nil {
		return err
	}
	if data.Top != nil {
		data.Top.CommentCount = lists[2][0].CommentCount
	}
	w.Header().Set("Cache-Control", pageCacheControl)
	return s.render(w, r, "home.html", data)
}

// pageCacheControl lets browsers and shared caches keep the home page and
// articles for one second only: a scheduled article must be on the home
// page at its second, and an unpublished one gone as fast. The server's
// own page cache (cache.go) carries the load.
const pageCacheControl = "public, max-age=1"

// mostReadPool is how many of the week's most read are kept; pages take
// theirs from it after leaving out what they already show.
const mostReadPool = 80

// mostReadTTL bounds how old the ranking may be: views move it slowly, and
// computing it means sorting a week of articles.
const mostReadTTL = time.Minute

// mostRead lists the most viewed articles of the past week that are not
// already on the page.
func (s *Site) mostRead(r *http.Request, nav *navigation, exclude []int64, n int) ([]teaserView, error) {
	now := s.now()
	s.mu.Lock()
	ts, at, gen := s.popular, s.popularAt, s.invalidated
	s.mu.Unlock()
	if ts == nil || now.Sub(at) >= mostReadTTL || now.Before(at) {
		var err error
		ts, err = s.st.MostRead(r.Context(), now.AddDate(0, 0, -7), now, mostReadPool)
		if err != nil {
			return nil, err
		}
		if ts == nil {
			ts = []content.Teaser{}
		}
		s.mu.Lock()
		if s.invalidated == gen { // else it may hold what was just unpublished
			s.popular, s.popularAt = ts, now
		}
		s.mu.Unlock()
	}
	skip := make(map[int64]bool, len(exclude))
	for _, id := range exclude {
		skip[id] = true
	}
	var out []content.Teaser
	for _, t := range ts {
		if !skip[t.ID] && len(out) < n {
			out = append(out, t)
		}
	}
	return nav.views(out), nil
}

// parseArticlePath splits "/{slug}-{id}.html".
func parseArticlePath(name string) (slug string, id int64, ok bool) {
	base, found := strings.CutSuffix(name, ".html")
	if !found {
		return "", 0, false
	}
	i := strings.LastIndexByte(base, '-')
	var idStr string
	if i < 0 {
		idStr = base
	} else {
		slug, idStr = base[:i], base[i+1:]
	}
	if idStr == "" || len(idStr) > 18 {
		return "", 0, false
	}
	for _, c := range idStr {
		if c < '0' || c > '9' {
			return "", 0, false
		}
	}
	id, err := strconv.ParseInt(idStr, 10, 64)
	return slug, id, err == nil && id > 0
}

// articleOrRedirect serves /{slug}-{id}.html; a single segment that names a
// section is sent to the section's page.
func (s *Site) articleOrRedirect(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("page")
	slug, id, ok := parseArticlePath(name)
	if !ok {
		nav, err := s.navigation(r.Context())
		if err != nil {
			return err
		}
		if c, found := nav.byCode[name]; found {
			http.Redirect(w, r, categoryPath(nav, c), http.StatusMovedPermanently)
			return nil
		}
		return store.ErrNotFound
	}
	return s.article(w, r, slug, id)
}

func (s *Site) article(w http.ResponseWriter, r *http.Request, slug string, id int64) error {
	ctx := r.Context()
	a, err := s.st.Article(ctx, id)
	if err != nil {
		return err
	}
	now := s.now()
	if !a.PublicAt(now) {
		return store.ErrNotFound
	}
	if slug != a.Slug {
		target := a.Path()
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
		return nil
	}
	nav, err := s.navigation(ctx)
	if err != nil {
		return err
	}
	cat := nav.byID[a.CategoryID]
	sec := nav.section(a.CategoryID)
	data := articlePage{page: s.basePage(r, nav, a.Title, a.Path()), Article: a, Section: sec, Category: cat}
	data.ActiveID = sec.ID
	data.Description = a.Sapo
	data.OGType = "article"
	data.URL = data.Canonical
	if a.Picture != nil {
		data.OGImage = s.baseURL(r, nav) + a.Picture.Path()
	}
	data.Crumbs = []crumb{{"Trang chủ", "/"}, {sec.Name, categoryPath(nav, sec)}}
	if cat.ID != sec.ID {
		data.Crumbs = append(data.Crumbs, crumb{cat.Name, categoryPath(nav, cat)})
	}
	enc := url.QueryEscape(data.URL)
	data.ShareFB = "https://www.facebook.com/sharer/sharer.php?u=" + enc
	data.ShareZalo = "https://sp.zalo.me/share_inline?url=" + enc
	data.ShareX = "https://x.com/intent/post?url=" + enc + "&text=" + url.QueryEscape(a.Title)

	// "Latest in the parent section" and "earlier news of the same
	// sub-section", the two blocks the old site built from its leaked queries.
	latest, err := s.st.Teasers(ctx, store.TeaserQuery{Now: now, SectionID: sec.ID, ExcludeIDs: []int64{a.ID}, Limit: 8})
	if err != nil {
		return err
	}
	data.Latest = nav.views(latest)
	earlier, err := s.st.Teasers(ctx, store.TeaserQuery{Now: now, CategoryID: a.CategoryID,
		Before: a.PublishedAt, BeforeID: a.ID, Limit: 3})
	if err != nil {
		return err
	}
	data.Earlier = nav.views(earlier)
	if data.MostRead, err = s.mostRead(r, nav, []int64{a.ID}, 5); err != nil {
		return err
	}
	if data.Comments, err = s.commentsBlock(r, nav, a); err != nil {
		return err
	}
	w.Header().Set("Cache-Control", pageCacheControl)
	w.Header().Set("Last-Modified", a.UpdatedAt.UTC().Format(http.TimeFormat))
	return s.render(w, r, "article.html", data)
}

// section serves /{cat}/ and /{cat}/{sub}/ with ?trang=N pages.
func (s *Site) section(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	nav, err := s.navigation(ctx)
	if err != nil {
		return err
	}
	top, ok := nav.byCode[r.PathValue("cat")]
	if !ok || !top.IsTop() {
		return store.ErrNotFound
	}
	cat := top
	if subCode := r.PathValue("sub"); subCode != "" {
		sub, ok := nav.byCode[subCode]
		if !ok || sub.ParentID != top.ID {
			return store.ErrNotFound
		}
		cat = sub
	}
	pageNo, err := pageParam(r)
	if err != nil {
		return err
	}
	if r.URL.Query().Has("trang") && pageNo == 1 {
		http.Redirect(w, r, categoryPath(nav, cat), http.StatusMovedPermanently)
		return nil
	}
	q := store.TeaserQuery{Now: s.now()}
	if cat.IsTop() {
		q.SectionID = cat.ID
	} else {
		q.CategoryID = cat.ID
	}
	data := listPage{page: s.basePage(r, nav, cat.Name, pagedPath(categoryPath(nav, cat), pageNo)),
		Heading: cat.Name, Intro: cat.Description}
	data.ActiveID = top.ID
	data.Description = cat.Description
	if data.Description == "" {
		data.Description = "Tin tức " + cat.Name + " mới nhất"
	}
	data.Crumbs = []crumb{{"Trang chủ", "/"}, {top.Name, categoryPath(nav, top)}}
	for _, c := range nav.children[top.ID] {
		data.Related = append(data.Related, navLink{Name: c.Name, URL: categoryPath(nav, c), Current: c.ID == cat.ID})
	}
	if !cat.IsTop() {
		data.Crumbs = append(data.Crumbs, crumb{cat.Name, categoryPath(nav, cat)})
	}
	if err := s.fillList(r, nav, &data, q, pageNo, categoryPath(nav, cat)); err != nil {
		return err
	}
	data.EmptyNotice = "Chuyên mục này chưa có bài viết."
	return s.render(w, r, "list.html", data)
}

// tag serves /chu-de/{tag}/.
func (s *Site) tag(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	nav, err := s.navigation(ctx)
	if err != nil {
		return err
	}
	t, err := s.st.TagBySlug(ctx, r.PathValue("tag"))
	if err != nil {
		return err
	}
	pageNo, err := pageParam(r)
	if err != nil {
		return err
	}
	base := "/chu-de/" + t.Slug + "/"
	data := listPage{page: s.basePage(r, nav, "Chủ đề: "+t.Name, pagedPath(base, pageNo)), Heading: "Chủ đề: " + t.Name}
	data.Description = "Các bài viết về " + t.Name
	data.Crumbs = []crumb{{"Trang chủ", "/"}, {"Chủ đề: " + t.Name, base}}
	if err := s.fillList(r, nav, &data, store.TeaserQuery{Now: s.now(), TagID: t.ID}, pageNo, base); err != nil {
		return err
	}
	if len(data.Items) == 0 {
		// A tag only unpublished articles carry is nobody's business yet:
		// its name could give away a story before it runs.
		return store.ErrNotFound
	}
	return s.render(w, r, "list.html", data)
}

func (s *Site) fillList(r *http.Request, nav *navigation, data *listPage, q store.TeaserQuery, pageNo int, base string) error {
	total, err := s.st.CountTeasers(r.Context(), q)
	if err != nil {
		return err
	}
	pages := max(1, (total+perPage-1)/perPage)
	if pageNo > pages {
		return store.ErrNotFound
	}
	q.Limit, q.Offset = perPage, (pageNo-1)*perPage
	items, err := s.st.Teasers(r.Context(), q)
	if err != nil {
		return err
	}
	data.Items = nav.views(items)
	if err := s.fillCommentCounts(r, data.Items); err != nil {
		return err
	}
	data.Total = total
	data.Pager = makePager(base, pageNo, pages)
	if pageNo > 1 {
		data.Title += " - Trang " + strconv.Itoa(pageNo)
	}
	data.MostRead, err = s.mostRead(r, nav, nil, 5)
	return err
}

// pageParam reads ?trang=N; a missing value is page 1.
func pageParam(r *http.Request) (int, error) {
	v := r.URL.Query().Get("trang")
	if v == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 100000 {
		return 0, badRequest{"Số trang “" + truncate(v, 20) + "” không hợp lệ: số trang phải là số nguyên dương."}
	}
	return n, nil
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func pagedPath(base string, n int) string {
	if n <= 1 {
		return base
	}
	return base + "?trang=" + strconv.Itoa(n)
}

func makePager(base string, cur, pages int) pager {
	p := pager{Page: cur, Pages: pages}
	if pages <= 1 {
		return p
	}
	if cur > 1 {
		p.Prev = pagedPath(base, cur-1)
	}
	if cur < pages {
		p.Next = pagedPath(base, cur+1)
	}
	last := 0
	for n := 1; n <= pages; n++ {
		if n == 1 || n == pages || (n >= cur-2 && n <= cur+2) {
			if last != 0 && n != last+1 {
				p.Links = append(p.Links, pageLink{Gap: true})
			}
			p.Links = append(p.Links, pageLink{N: n, URL: pagedPath(base, n), Current: n == cur})
			last = n
		}
	}
	return p
}
