package newsroom

import (
	"cmp"
	"net/http"
	"slices"

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

	sessions, err := n.st.UserSessions(ctx, s.user.ID)
	if err != nil {
		return err
	}
	p.SessionCount = len(sessions)
	return n.render(w, r, http.StatusOK, "desk.html", &p)
}
