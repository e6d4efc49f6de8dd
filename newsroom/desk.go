package newsroom

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
)

type deskPage struct {
	frame
	Sections     []content.Category // the sections the user is limited to; empty: all
	Allowed      []string           // what the user may do, in words
	ShowCounts   bool               // whether the user may see every article's state
	Counts       []statusCount
	Published    int // published articles readers can see now, in the user's sections
	Latest       []deskTeaser
	SessionCount int
	Queues       []deskQueue
}

// deskQueue is one of the desk's work lists: my drafts, returned to me,
// waiting for edit, waiting for publish, scheduled, published today.
type deskQueue struct {
	ID    string
	Title string
	Empty string
	Items []queueItem
	More  string // link to the full list
}

type queueItem struct {
	store.ArticleMeta
	Section string
	Note    string // the reason it was returned
	When    time.Time
}

type statusCount struct {
	Status content.Status
	Count  int
}

type deskTeaser struct {
	content.Teaser
	Section string
}

// deskLatest is how many recent articles the desk lists.
const deskLatest = 10

// desk is the first page after login: who you are, what you may do, and the
// state of the articles in your sections as the store knows it now.
func (n *Newsroom) desk(w http.ResponseWriter, r *http.Request, s *staff) error {
	ctx := r.Context()
	now := n.now()
	cats, err := n.st.Categories(ctx)
	if err != nil {
		return err
	}
	byID := map[int64]content.Category{}
	for _, c := range cats {
		byID[c.ID] = c
	}
	p := deskPage{frame: n.frame(r, s, "Bàn làm việc")}
	for _, id := range s.user.Sections {
		if c, ok := byID[id]; ok {
			p.Sections = append(p.Sections, c)
		}
	}
	for _, a := range auth.Actions() {
		if s.user.Allowed(a) && a != auth.DeskView {
			p.Allowed = append(p.Allowed, a.Label())
		}
	}

	if s.user.Allowed(auth.ArticleViewAll) {
		counts, err := n.st.StatusCounts(ctx, s.user.Sections)
		if err != nil {
			return err
		}
		p.ShowCounts = true
		for _, st := range statusOrder {
			p.Counts = append(p.Counts, statusCount{Status: st, Count: counts[st]})
		}
	}

	// Published articles are public: everyone sees those of their sections.
	scopes := s.user.Sections
	if len(scopes) == 0 {
		scopes = []int64{0}
	}
	var latest []content.Teaser
	for _, sec := range scopes {
		q := store.TeaserQuery{Now: now, SectionID: sec, Limit: deskLatest}
		c, err := n.st.CountTeasers(ctx, q)
		if err != nil {
			return err
		}
		p.Published += c
		ts, err := n.st.Teasers(ctx, q)
		if err != nil {
			return err
		}
		latest = append(latest, ts...)
	}
	slices.SortStableFunc(latest, func(a, b content.Teaser) int {
		if c := b.PublishedAt.Compare(a.PublishedAt); c != 0 {
			return c
		}
		return cmp.Compare(b.ID, a.ID)
	})
	for _, t := range latest[:min(len(latest), deskLatest)] {
		sec := byID[t.CategoryID]
		p.Latest = append(p.Latest, deskTeaser{Teaser: t, Section: sec.Name})
	}

	if p.Queues, err = n.deskQueues(r, s, byID, now); err != nil {
		return err
	}

	sessions, err := n.st.UserSessions(ctx, s.user.ID)
	if err != nil {
		return err
	}
	p.SessionCount = len(sessions)
	return n.render(w, r, http.StatusOK, "desk.html", &p)
}

// queueSize is how many articles each desk list shows.
const queueSize = 10

// deskQueues builds the work lists the person's role has.
func (n *Newsroom) deskQueues(r *http.Request, s *staff, cats map[int64]content.Category, now time.Time) ([]deskQueue, error) {
	ctx := r.Context()
	me := s.user.ID
	y, m, d := now.In(content.Location).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, content.Location)
	type spec struct {
		id, title, empty string
		show             bool
		q                store.ArticleQuery
		byPublish        bool
	}
	st := func(ss ...content.Status) []content.Status { return ss }
	sections := s.user.Sections
	publishedToday := store.ArticleQuery{Statuses: st(content.StatusPublished), Sections: sections,
		PublishedFrom: today.UTC(), PublishedTo: now.Add(time.Second)}
	if !s.user.Allowed(auth.ArticleViewAll) {
		publishedToday.OwnerID, publishedToday.Sections = me, nil
	}
	specs := []spec{
		{"nhap-cua-toi", "Bản nháp của tôi", "Bạn không có bản nháp nào.", s.user.Allowed(auth.ArticleCreate),
			store.ArticleQuery{OwnerID: me, Statuses: st(content.StatusDraft)}, false},
		{"bi-tra-lai", "Bị trả lại cho tôi", "Không có bài nào bị trả lại.", s.user.Allowed(auth.ArticleCreate),
			store.ArticleQuery{OwnerID: me, Statuses: st(content.StatusReturned)}, false},
		{"cho-bien-tap", "Chờ biên tập", "Không có bài nào chờ biên tập.", s.user.Allowed(auth.ArticleEditSubmitted),
			store.ArticleQuery{Statuses: st(content.StatusSubmitted, content.StatusEditing), Sections: sections}, false},
		{"cho-dang", "Chờ đăng", "Không có bài nào đã duyệt chờ đăng.", s.user.Allowed(auth.ArticlePublish),
			store.ArticleQuery{Statuses: st(content.StatusApproved), Sections: sections}, false},
		{"hen-gio", "Đã hẹn giờ", "Không có bài nào hẹn giờ.", s.user.Allowed(auth.ArticleViewAll),
			store.ArticleQuery{Statuses: st(content.StatusScheduled), Sections: sections}, true},
		{"dang-hom-nay", "Đăng hôm nay", "Hôm nay chưa đăng bài nào.", true, publishedToday, true},
	}
	var out []deskQueue
	for _, sp := range specs {
		if !sp.show {
			continue
		}
		sp.q.Limit = queueSize
		ms, err := n.st.WorkflowArticles(ctx, sp.q)
		if err != nil {
			return nil, err
		}
		dq := deskQueue{ID: sp.id, Title: sp.title, Empty: sp.empty}
		if len(sp.q.Statuses) == 1 {
			v := url.Values{"trang_thai": {string(sp.q.Statuses[0])}}
			if sp.q.OwnerID != 0 && s.user.Allowed(auth.ArticleViewAll) {
				v.Set("cua_toi", "1")
			}
			dq.More = "/admin/bai-viet?" + v.Encode()
		}
		for _, m := range ms {
			it := queueItem{ArticleMeta: m, Section: cats[m.CategoryID].Name, When: m.UpdatedAt}
			if sp.byPublish {
				it.When = m.PublishedAt
			}
			if m.Status == content.StatusReturned {
				trs, err := n.st.Transitions(ctx, m.ID)
				if err != nil {
					return nil, err
				}
				if len(trs) > 0 {
					it.Note = trs[len(trs)-1].Note
				}
			}
			dq.Items = append(dq.Items, it)
		}
		if sp.id == "hen-gio" {
			// The next to go live first.
			slices.SortFunc(dq.Items, func(a, b queueItem) int { return a.When.Compare(b.When) })
		} else if sp.byPublish {
			slices.SortFunc(dq.Items, func(a, b queueItem) int { return b.When.Compare(a.When) })
		}
		out = append(out, dq)
	}
	// Work first: lists with articles in them come before the empty ones.
	empty := func(q deskQueue) int {
		if len(q.Items) == 0 {
			return 1
		}
		return 0
	}
	slices.SortStableFunc(out, func(a, b deskQueue) int { return cmp.Compare(empty(a), empty(b)) })
	return out, nil
}
