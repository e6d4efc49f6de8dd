package site

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/search"
	"github.com/toasoan/toasoan/store"
)

// The search page's parameters, in Vietnamese like the rest of the URLs.
const (
	paramQuery   = "q"
	paramSection = "chuyen-muc" // a section code
	paramFrom    = "tu"         // a date, yyyy-mm-dd (what <input type=date> sends) or dd/mm/yyyy
	paramTo      = "den"
	paramSort    = "sap-xep" // "moi-nhat" for newest first; relevance otherwise
	sortNewest   = "moi-nhat"
)

// maxRawQuery bounds what is read of the q parameter before parsing;
// search.Parse cuts further.
const maxRawQuery = 2000

type searchPage struct {
	page
	Query      string // the query as understood, for the search box
	Asked      bool   // the reader submitted something
	Empty      bool   // ... but it holds nothing to look for
	OnlyMinus  bool   // ... only exclusions
	Truncated  bool
	Hits       []searchHitView
	Total      string // formatted count
	Count      int
	Capped     bool
	Pager      pager
	SortByDate bool
	Sections   []sectionOption
	Section    content.Category
	From, To   string // yyyy-mm-dd, as the date inputs want them
	Filtered   bool   // a section or date filter is on
	Notes      []string
	// Suggestion is a query that finds something when this one found
	// nothing (diacritics restored, typing fixed, quotes dropped).
	Suggestion           string
	SuggestionURL        string
	SuggestionEverywhere bool   // found only without the section and date filters
	Unfiltered           string // the same query without section and dates
	RelevanceURL         string
	NewestURL            string
}

type searchHitView struct {
	store.SearchHit
	Section content.Category
}

type sectionOption struct {
	Code, Name string
	Sub        bool
	Selected   bool
}

// searchParams is what the search page was asked, normalized.
type searchParams struct {
	q          search.Query
	section    content.Category
	from, to   time.Time
	sortByDate bool
	page       int
}

func (p searchParams) values(page int) url.Values {
	v := url.Values{}
	v.Set(paramQuery, p.q.Text)
	if p.section.Code != "" {
		v.Set(paramSection, p.section.Code)
	}
	if !p.from.IsZero() {
		v.Set(paramFrom, p.from.In(content.Location).Format(time.DateOnly))
	}
	if !p.to.IsZero() {
		v.Set(paramTo, p.to.In(content.Location).Format(time.DateOnly))
	}
	if p.sortByDate {
		v.Set(paramSort, sortNewest)
	}
	if page > 1 {
		v.Set("trang", strconv.Itoa(page))
	}
	return v
}

func (p searchParams) url(page int) string { return "/tim-kiem?" + p.values(page).Encode() }

// parseDate reads a day in the newspaper's time zone.
func parseDate(s string) (time.Time, bool) {
	for _, layout := range []string{time.DateOnly, "02/01/2006", "2/1/2006", "02-01-2006"} {
		if t, err := time.ParseInLocation(layout, strings.TrimSpace(s), content.Location); err == nil {
			if t.Year() < 1900 || t.Year() > 9999 {
				return time.Time{}, false
			}
			return t, true
		}
	}
	return time.Time{}, false
}

// readSearchParams is lenient: a bad filter is dropped with a note, never
// an error page, so that a reader always gets results for their words.
func readSearchParams(r *http.Request, nav *navigation) (searchParams, []string) {
	v := r.URL.Query()
	var p searchParams
	var notes []string
	raw := v.Get(paramQuery)
	if len(raw) > maxRawQuery {
		raw = raw[:maxRawQuery]
	}
	p.q = search.Parse(raw)
	if code := v.Get(paramSection); code != "" {
		if c, ok := nav.byCode[code]; ok {
			p.section = c
		} else {
			notes = append(notes, "Không có chuyên mục “"+truncate(code, 40)+"”: đã tìm trong tất cả chuyên mục.")
		}
	}
	if s := v.Get(paramFrom); s != "" {
		if t, ok := parseDate(s); ok {
			p.from = t
		} else {
			notes = append(notes, "Ngày “"+truncate(s, 20)+"” không hợp lệ, đã bỏ qua.")
		}
	}
	if s := v.Get(paramTo); s != "" {
		if t, ok := parseDate(s); ok {
			p.to = t
		} else {
			notes = append(notes, "Ngày “"+truncate(s, 20)+"” không hợp lệ, đã bỏ qua.")
		}
	}
	if !p.from.IsZero() && !p.to.IsZero() && p.to.Before(p.from) {
		p.from, p.to = p.to, p.from
	}
	p.sortByDate = v.Get(paramSort) == sortNewest
	p.page = 1
	if s := v.Get("trang"); s != "" {
		if n, err := strconv.Atoi(s); err == nil && n >= 1 && n <= 100000 {
			p.page = n
		}
	}
	return p, notes
}

// storeQuery turns the page's parameters into the store's query for one page.
func (p searchParams) storeQuery(now time.Time) store.SearchQuery {
	q := store.SearchQuery{Query: p.q, SectionID: p.section.ID, SortByDate: p.sortByDate, Limit: perPage,
		Offset: (p.page - 1) * perPage, Now: now}
	if !p.from.IsZero() {
		q.From = p.from
	}
	if !p.to.IsZero() {
		q.To = p.to.AddDate(0, 0, 1).Add(-time.Second) // the whole day
	}
	return q
}

// searchPageHandler serves /tim-kiem: results for readers, with filters,
// pages, highlighted passages and help when nothing is found. It is not
// kept in the page cache: queries are endless, and the index follows every
// write at once.
func (s *Site) searchPageHandler(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	nav, err := s.navigation(ctx)
	if err != nil {
		return err
	}
	p, notes := readSearchParams(r, nav)
	title := "Tìm kiếm"
	if p.q.Text != "" {
		title = "Tìm kiếm: " + p.q.Text
	}
	data := searchPage{page: s.basePage(r, nav, title, ""), Query: p.q.Text, SortByDate: p.sortByDate,
		Section: p.section, Notes: notes, Truncated: p.q.Truncated}
	data.NoIndex = true
	data.Description = "Tìm kiếm tin bài trên " + nav.info.Name
	data.Asked = strings.TrimSpace(r.URL.Query().Get(paramQuery)) != ""
	data.Empty = data.Asked && p.q.Empty()
	data.OnlyMinus = data.Empty && len(p.q.Terms) > 0
	if !p.from.IsZero() {
		data.From = p.from.Format(time.DateOnly)
	}
	if !p.to.IsZero() {
		data.To = p.to.Format(time.DateOnly)
	}
	data.Filtered = p.section.ID != 0 || !p.from.IsZero() || !p.to.IsZero()
	for _, top := range nav.top {
		data.Sections = append(data.Sections, sectionOption{Code: top.Code, Name: top.Name, Selected: top.ID == p.section.ID})
		for _, c := range nav.children[top.ID] {
			data.Sections = append(data.Sections, sectionOption{Code: c.Code, Name: c.Name, Sub: true, Selected: c.ID == p.section.ID})
		}
	}
	if !p.q.Empty() {
		byDate, byRel := p, p
		byDate.sortByDate, byRel.sortByDate = true, false
		data.NewestURL, data.RelevanceURL = byDate.url(1), byRel.url(1)
		if err := s.fillSearch(r, nav, p, &data); err != nil {
			return err
		}
	}
	// A second at most, like the pages: a taken-down article leaves the
	// results at once.
	w.Header().Set("Cache-Control", pageCacheControl)
	w.Header().Set("X-Robots-Tag", "noindex")
	return s.render(w, r, "search.html", data)
}

func (s *Site) fillSearch(r *http.Request, nav *navigation, p searchParams, data *searchPage) error {
	ctx := r.Context()
	now := s.now()
	res, err := s.st.Search(ctx, p.storeQuery(now))
	if err != nil {
		return err
	}
	data.Count, data.Capped = res.Total, res.Capped
	data.Total = thousands(res.Total)
	for _, h := range res.Hits {
		data.Hits = append(data.Hits, searchHitView{SearchHit: h, Section: nav.byID[h.CategoryID]})
	}
	reachable := min(res.Total, store.MaxSearchWindow)
	pages := max(1, (reachable+perPage-1)/perPage)
	data.Pager = searchPager(p, min(p.page, pages+1), pages)
	if p.page > 1 {
		data.Title += " - Trang " + strconv.Itoa(p.page)
	}
	if res.Total > 0 {
		return nil
	}
	// Nothing found: offer a query that finds something.
	count := func(q search.Query, unfiltered bool) (int, error) {
		alt := p
		alt.q, alt.page = q, 1
		if unfiltered {
			alt.section, alt.from, alt.to = content.Category{}, time.Time{}, time.Time{}
		}
		sq := alt.storeQuery(now)
		sq.Limit = 1
		res, err := s.st.Search(ctx, sq)
		return res.Total, err
	}
	sug, ok, err := p.q.Suggest(func(folds []string) (search.Forms, error) { return s.st.WordForms(ctx, folds) })
	if err != nil {
		return err
	}
	var candidates []search.Query
	if ok {
		candidates = append(candidates, sug)
		if w := sug.Without(); w.Text != sug.Text {
			candidates = append(candidates, w)
		}
	}
	if w := p.q.Without(); w.Text != p.q.Text && !w.Empty() {
		candidates = append(candidates, w)
	}
	for _, unfiltered := range []bool{false, true} {
		if data.Suggestion != "" || (unfiltered && !data.Filtered) {
			break
		}
		for _, c := range candidates {
			n, err := count(c, unfiltered)
			if err != nil {
				return err
			}
			if n > 0 {
				alt := p
				alt.q, alt.page = c, 1
				if unfiltered {
					alt.section, alt.from, alt.to = content.Category{}, time.Time{}, time.Time{}
					data.SuggestionEverywhere = true
				}
				data.Suggestion, data.SuggestionURL = c.Text, alt.url(1)
				break
			}
		}
	}
	if data.Filtered {
		n, err := count(p.q, true)
		if err != nil {
			return err
		}
		if n > 0 {
			alt := p
			alt.section, alt.from, alt.to = content.Category{}, time.Time{}, time.Time{}
			data.Unfiltered = alt.url(1)
		}
	}
	return nil
}

// searchPager builds the page links of a results page.
func searchPager(p searchParams, cur, pages int) pager {
	out := pager{Page: cur, Pages: pages}
	if pages <= 1 {
		return out
	}
	if cur > 1 {
		out.Prev = p.url(min(cur-1, pages))
	}
	if cur < pages {
		out.Next = p.url(cur + 1)
	}
	last := 0
	for n := 1; n <= pages; n++ {
		if n == 1 || n == pages || (n >= cur-2 && n <= cur+2) {
			if last != 0 && n != last+1 {
				out.Links = append(out.Links, pageLink{Gap: true})
			}
			out.Links = append(out.Links, pageLink{N: n, URL: p.url(n), Current: n == cur})
			last = n
		}
	}
	return out
}

// thousands writes n with dots between thousands, as Vietnamese does.
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// suggestion is one headline offered while typing.
type suggestion struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// suggestions serves /tim-kiem/goi-y?q=…: headlines matching what has been
// typed so far, as JSON for the search box's list. The form works without
// it.
func (s *Site) suggestions(w http.ResponseWriter, r *http.Request) error {
	raw := r.URL.Query().Get(paramQuery)
	if len(raw) > maxRawQuery {
		raw = raw[:maxRawQuery]
	}
	items := []suggestion{}
	if strings.TrimSpace(raw) != "" {
		sg, err := s.st.Suggest(r.Context(), store.SuggestQuery{Text: raw, Limit: 8, Now: s.now()})
		if err != nil {
			return err
		}
		for _, x := range sg {
			items = append(items, suggestion{Title: x.Title, URL: x.Path})
		}
	}
	b, err := json.Marshal(struct {
		Query string       `json:"q"`
		Items []suggestion `json:"items"`
	}{search.Parse(raw).Text, items})
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", pageCacheControl) // as the results
	w.Header().Set("X-Robots-Tag", "noindex")
	w.Write(b)
	return nil
}
