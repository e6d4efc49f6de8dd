package newsroom

// Running the paper: the home page arrangement, sections, settings, editing
// staff. Changes readers see call Config.SiteChanged so that the site shows
// them at once.

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/search"
	"github.com/toasoan/toasoan/store"
)

// adminMenu are this area's entries in the newsroom's navigation.
var adminMenu = []menuEntry{
	{"Trang chủ", "/admin/trang-chu", auth.HomeArrange},
	{"Chuyên mục", "/admin/chuyen-muc", auth.SectionManage},
	{"Cấu hình", "/admin/cau-hinh", auth.SettingsManage},
}

// adminRoutes are this area's routes.
func (n *Newsroom) adminRoutes() []route {
	return []route{
		{"GET /admin/trang-chu", auth.HomeArrange, n.homeArrangement},
		{"POST /admin/trang-chu", auth.HomeArrange, n.saveHomeArrangement},

		{"GET /admin/chuyen-muc", auth.SectionManage, n.sections},
		{"POST /admin/chuyen-muc", auth.SectionManage, n.createSection},
		{"POST /admin/chuyen-muc/{id}", auth.SectionManage, n.renameSection},
		{"POST /admin/chuyen-muc/{id}/thu-tu", auth.SectionManage, n.moveSection},
		{"POST /admin/chuyen-muc/{id}/an", auth.SectionManage, n.hideSection},
		{"POST /admin/chuyen-muc/{id}/hien", auth.SectionManage, n.showSection},

		{"GET /admin/cau-hinh", auth.SettingsManage, n.settings},
		{"POST /admin/cau-hinh", auth.SettingsManage, n.saveSettings},

		{"GET /admin/tai-khoan/{id}", auth.UserManage, n.accountEditor},
		{"POST /admin/tai-khoan/{id}", auth.UserManage, n.updateAccount},
		{"POST /admin/tai-khoan/{id}/mat-khau", auth.UserManage, n.resetPassword},
	}
}

// Audit event names of this area; their Vietnamese labels are in
// auth/events.go.
const (
	EventHomeArrange    = "home.arrange"
	EventSectionCreate  = "section.create"
	EventSectionRename  = "section.rename"
	EventSectionReorder = "section.reorder"
	EventSectionHide    = "section.hide"
	EventSectionShow    = "section.show"
	EventSettingsUpdate = "settings.update"
	EventAuthorCreate   = "author.create"
	EventPasswordReset  = "user.password_reset"
)

// audit starts the audit entry of a change made by s through r. An empty
// object is filled in by the store (the article a workflow step acts on).
func (n *Newsroom) audit(r *http.Request, s *staff, action, object, detail string) store.AuditEntry {
	return store.AuditEntry{At: n.now(), UserID: s.user.ID, Action: action, Object: object, Detail: detail, IP: clientIP(r)}
}

// --- the home page arrangement ---

// homeSlots is the number of arranged slots: the top story and the featured.
const homeSlots = 1 + store.FeaturedSlots

func slotLabel(i int) string {
	if i == 0 {
		return "Bài chính"
	}
	return "Nổi bật " + strconv.Itoa(i)
}

type homeArrangePage struct {
	frame
	Slots         []homeSlotView
	FeaturedCount int
	Version       string // the stored arrangement the page was made from
	Query         string
	Results       []homePick
	Searched      bool
	Notice        string
	Error         string
}

type homeSlotView struct {
	Index       int
	Label       string
	ID          int64
	Article     *content.Article
	Section     string
	Problem     string          // why the site skips this slot now
	Auto        *content.Teaser // what the site shows in this slot instead, by itself
	First, Last bool
}

type homePick struct {
	ID          int64
	Title       string
	Section     string
	Path        string
	PublishedAt time.Time
	HasPicture  bool
	Placed      bool
}

func (n *Newsroom) homeArrangement(w http.ResponseWriter, r *http.Request, s *staff) error {
	h, err := n.st.HomeArrangement(r.Context())
	if err != nil {
		return err
	}
	notice := ""
	if r.URL.Query().Has("da-luu") {
		notice = "Đã lưu. Trang chủ của báo hiện theo sắp xếp mới."
	}
	return n.renderHome(w, r, s, http.StatusOK, slotsOf(h), notice, "")
}

func slotsOf(h store.HomeArrangement) []int64 {
	return append([]int64{h.Top}, h.Featured[:]...)
}

func arrangementOf(slots []int64) store.HomeArrangement {
	h := store.HomeArrangement{Top: slots[0]}
	copy(h.Featured[:], slots[1:])
	return h
}

func (n *Newsroom) renderHome(w http.ResponseWriter, r *http.Request, s *staff, status int, slots []int64, notice, errMsg string) error {
	ctx := r.Context()
	now := n.now()
	cats, err := n.st.Categories(ctx)
	if err != nil {
		return err
	}
	names := map[int64]string{}
	for _, c := range cats {
		names[c.ID] = c.Name
	}
	stored, err := n.st.HomeArrangement(ctx)
	if err != nil {
		return err
	}
	p := homeArrangePage{frame: n.frame(r, s, "Sắp xếp trang chủ"), Notice: notice, Error: errMsg, Version: version(stored),
		Query: strings.TrimSpace(r.URL.Query().Get("q")), FeaturedCount: store.FeaturedSlots}
	// What the site shows now, to say what fills the empty or skipped
	// slots; only for the stored arrangement, not a refused form's.
	var lead []store.HomeSlot
	if slices.Equal(slots, slotsOf(stored)) {
		if lead, err = store.HomeLead(ctx, n.st, now); err != nil {
			return err
		}
	}
	for i, id := range slots {
		v := homeSlotView{Index: i, Label: slotLabel(i), ID: id, First: i == 0, Last: i == len(slots)-1}
		if lead != nil && !lead[i].Arranged {
			v.Auto = lead[i].Teaser
		}
		if id != 0 {
			a, err := n.st.Article(ctx, id)
			switch {
			case errors.Is(err, store.ErrNotFound):
				v.Problem = "Không có bài mang mã này; trang báo bỏ qua ô này."
			case err != nil:
				return err
			default:
				v.Article, v.Section = a, names[a.CategoryID]
				if !a.PublicAt(now) {
					v.Problem = "Bài chưa đăng hoặc đã bị gỡ; trang báo bỏ qua ô này và tự chọn bài khác."
				} else if a.Picture == nil {
					v.Problem = "Bài không có ảnh đại diện; trang báo bỏ qua ô này và tự chọn bài khác."
				}
			}
		}
		p.Slots = append(p.Slots, v)
	}
	placed := func(id int64) bool { return slices.Contains(slots, id) }
	pick := func(t content.Teaser) homePick {
		return homePick{ID: t.ID, Title: t.Title, Section: names[t.CategoryID], Path: t.Path(), PublishedAt: t.PublishedAt,
			HasPicture: t.Picture != nil && t.Picture.Hash != "", Placed: placed(t.ID)}
	}
	q := p.Query
	switch id, isID := articleNumber(q); {
	case q == "":
		ts, err := n.st.Teasers(ctx, store.TeaserQuery{Now: now, WithPicture: true, Limit: 12})
		if err != nil {
			return err
		}
		for _, t := range ts {
			p.Results = append(p.Results, pick(t))
		}
	case isID:
		p.Searched = true
		a, err := n.st.Article(ctx, id)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if err == nil && a.PublicAt(now) {
			p.Results = append(p.Results, pick(content.Teaser{ID: a.ID, Title: a.Title, Slug: a.Slug, CategoryID: a.CategoryID,
				Picture: a.Picture, PublishedAt: a.PublishedAt}))
		}
	default:
		p.Searched = true
		res, err := n.st.Search(ctx, store.SearchQuery{Query: search.Parse(q), Now: now, Limit: 20})
		if err != nil {
			return err
		}
		for _, h := range res.Hits {
			p.Results = append(p.Results, pick(h.Teaser))
		}
	}
	return n.render(w, r, status, "home.html", &p)
}

// version names an arrangement in a form, so that saving over a change
// someone else made meanwhile is refused rather than silently undone.
func version(h store.HomeArrangement) string {
	parts := make([]string, 0, homeSlots)
	for _, id := range slotsOf(h) {
		parts = append(parts, strconv.FormatInt(id, 10))
	}
	return strings.Join(parts, ".")
}

// articleNumber reads "123" or "#123" as an article id.
func articleNumber(q string) (int64, bool) {
	id, err := strconv.ParseInt(strings.TrimPrefix(q, "#"), 10, 64)
	return id, err == nil && id > 0
}

// homeStaleMessage answers a save of the home arrangement that someone
// else's save overtook.
const homeStaleMessage = "Trang chủ vừa được người khác sắp xếp lại nên thay đổi của bạn chưa được lưu. " +
	"Dưới đây là sắp xếp hiện tại; mời bạn xem lại rồi làm lại."

func (n *Newsroom) saveHomeArrangement(w http.ResponseWriter, r *http.Request, s *staff) error {
	ctx := r.Context()
	stored, err := n.st.HomeArrangement(ctx)
	if err != nil {
		return err
	}
	if v, sent := r.PostForm["phien_ban"]; sent && v[0] != version(stored) {
		return n.renderHome(w, r, s, http.StatusConflict, slotsOf(stored), "", homeStaleMessage)
	}
	slots := make([]int64, homeSlots)
	for i := range slots {
		v := strings.TrimPrefix(strings.TrimSpace(r.PostFormValue("o"+strconv.Itoa(i))), "#")
		if v == "" {
			continue
		}
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id < 0 {
			return n.renderHome(w, r, s, http.StatusBadRequest, slotsOf(stored), "",
				fmt.Sprintf("Mã bài ở ô “%s” không hợp lệ: mã bài là một số nguyên dương.", slotLabel(i)))
		}
		slots[i] = id
	}
	if msg := applyHomeOp(slots, r.PostFormValue("thao_tac")); msg != "" {
		return n.renderHome(w, r, s, http.StatusBadRequest, slots, "", msg)
	}
	h := arrangementOf(slots)
	if msg, err := n.checkArrangement(r, h, stored); err != nil || msg != "" {
		if err != nil {
			return err
		}
		return n.renderHome(w, r, s, http.StatusBadRequest, slots, "", msg)
	}
	back := "/admin/trang-chu?da-luu=1"
	if q := strings.TrimSpace(r.PostFormValue("q")); q != "" {
		back += "&q=" + url.QueryEscape(q)
	}
	if h == stored {
		http.Redirect(w, r, back, http.StatusSeeOther)
		return nil
	}
	var parts []string
	for i, id := range slots {
		what := "tự động"
		if id != 0 {
			what = "bài #" + strconv.FormatInt(id, 10)
		}
		parts = append(parts, slotLabel(i)+": "+what)
	}
	err = n.st.SetHomeArrangement(ctx, stored, h, n.audit(r, s, EventHomeArrange, "home", "Sắp xếp trang chủ. "+strings.Join(parts, "; ")))
	if errors.Is(err, store.ErrStale) {
		if stored, err = n.st.HomeArrangement(ctx); err != nil {
			return err
		}
		return n.renderHome(w, r, s, http.StatusConflict, slotsOf(stored), "", homeStaleMessage)
	}
	if errors.Is(err, store.ErrNotFound) {
		return n.renderHome(w, r, s, http.StatusBadRequest, slots, "", "Một bài vừa chọn không còn trong tòa soạn; mời bạn chọn lại.")
	}
	if err != nil {
		return err
	}
	n.siteChanged()
	n.log.Info("home arranged", "request_id", requestID(r), "by", s.user.Username, "slots", slots)
	http.Redirect(w, r, back, http.StatusSeeOther)
	return nil
}

// applyHomeOp applies one button of the arrangement page to slots and says
// why it cannot, if so: "len:i" and "xuong:i" move slot i up and down, "bo:i"
// empties it, "chinh:ID" makes article ID the top story, "noi-bat:ID" puts it
// in the first empty featured slot; "" or "luu" saves the slots as typed.
func applyHomeOp(slots []int64, op string) string {
	verb, arg, _ := strings.Cut(op, ":")
	num, err := strconv.ParseInt(arg, 10, 64)
	bad := "Thao tác không hợp lệ; mời bạn tải lại trang rồi thử lại."
	switch verb {
	case "", "luu":
		return ""
	case "len", "xuong", "bo":
		i := int(num)
		if err != nil || i < 0 || i >= len(slots) {
			return bad
		}
		switch {
		case verb == "bo":
			slots[i] = 0
		case verb == "len" && i > 0:
			slots[i-1], slots[i] = slots[i], slots[i-1]
		case verb == "xuong" && i < len(slots)-1:
			slots[i+1], slots[i] = slots[i], slots[i+1]
		}
		return ""
	case "chinh", "noi-bat":
		if err != nil || num <= 0 {
			return bad
		}
		if verb == "chinh" {
			for i := range slots {
				if slots[i] == num {
					slots[i] = 0
				}
			}
			slots[0] = num
			return ""
		}
		if slices.Contains(slots, num) {
			return fmt.Sprintf("Bài #%d đã có trên trang chủ.", num)
		}
		for i := 1; i < len(slots); i++ {
			if slots[i] == 0 {
				slots[i] = num
				return ""
			}
		}
		return "Các ô nổi bật đã kín; mời bạn bỏ bớt một bài trước khi thêm bài khác."
	}
	return bad
}

// checkArrangement says why h cannot be saved: an article twice, or a newly
// placed article that readers cannot see or that has no picture. Articles
// already arranged may stay even if they have left the site since (the site
// skips them), so that the rest of the page can still be rearranged.
func (n *Newsroom) checkArrangement(r *http.Request, h, stored store.HomeArrangement) (string, error) {
	ids := h.IDs()
	for i, id := range ids {
		if slices.Contains(ids[:i], id) {
			return fmt.Sprintf("Bài #%d đang nằm ở hai ô; mỗi bài chỉ xuất hiện một lần trên trang chủ.", id), nil
		}
	}
	old := stored.IDs()
	now := n.now()
	for _, id := range ids {
		if slices.Contains(old, id) {
			continue
		}
		a, err := n.st.Article(r.Context(), id)
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Sprintf("Không có bài nào mang mã %d.", id), nil
		}
		if err != nil {
			return "", err
		}
		if !a.PublicAt(now) {
			return fmt.Sprintf("Bài #%d “%s” chưa được đăng hoặc đã bị gỡ, nên chưa thể đưa lên trang chủ.", id, a.Title), nil
		}
		if a.Picture == nil {
			return fmt.Sprintf("Bài #%d “%s” chưa có ảnh đại diện; bài chính và bài nổi bật cần có ảnh.", id, a.Title), nil
		}
	}
	return "", nil
}
