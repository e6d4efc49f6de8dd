package newsroom

// Articles: writing, editing, the workflow, revisions, locks and scheduling.

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/richtext"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/viet"
	"github.com/toasoan/toasoan/workflow"
)

// articleMenu are this area's entries in the newsroom's navigation.
var articleMenu = []menuEntry{
	{"Bài viết", "/admin/bai-viet", auth.DeskView},
	{"Viết bài mới", "/admin/bai-viet/moi", auth.ArticleCreate},
}

// articleRoutes are this area's routes. Each workflow step has its own
// route, so that the guard checks the step's permission before anything
// else; the handler then checks the article's state, section and owner.
func (n *Newsroom) articleRoutes() []route {
	return []route{
		{"GET /admin/bai-viet", auth.DeskView, n.articleList},
		{"GET /admin/bai-viet/moi", auth.ArticleCreate, n.articleNew},
		{"POST /admin/bai-viet", auth.ArticleCreate, n.articleCreate},
		{"POST /admin/bai-viet/dang-loat", auth.ArticlePublish, n.articlePublishMany},

		{"GET /admin/bai-viet/{id}", auth.DeskView, n.articleEdit},
		{"POST /admin/bai-viet/{id}", auth.ArticleEditOwnDraft, n.articleSave},
		{"POST /admin/bai-viet/{id}/tu-luu", auth.ArticleEditOwnDraft, n.articleAutosave},
		{"POST /admin/bai-viet/{id}/giu-cho", auth.ArticleEditOwnDraft, n.articleLease},
		{"POST /admin/bai-viet/{id}/tra-cho", auth.ArticleEditOwnDraft, n.articleRelease},

		{"POST /admin/bai-viet/{id}/gui", auth.ArticleSubmit, n.articleStep(workflow.Submit)},
		{"POST /admin/bai-viet/{id}/nhan", auth.ArticleEditSubmitted, n.articleStep(workflow.Take)},
		{"POST /admin/bai-viet/{id}/tra-bai", auth.ArticleReturn, n.articleStep(workflow.Return)},
		{"POST /admin/bai-viet/{id}/duyet", auth.ArticleApprove, n.articleStep(workflow.Approve)},
		{"POST /admin/bai-viet/{id}/dang", auth.ArticlePublish, n.articleStep(workflow.Publish)},
		{"POST /admin/bai-viet/{id}/hen-gio", auth.ArticleSchedule, n.articleStep(workflow.Schedule)},
		{"POST /admin/bai-viet/{id}/huy-hen-gio", auth.ArticleSchedule, n.articleStep(workflow.Unschedule)},
		{"POST /admin/bai-viet/{id}/go-bai", auth.ArticleUnpublish, n.articleStep(workflow.Unpublish)},
		{"POST /admin/bai-viet/{id}/bien-tap-lai", auth.ArticleEditSubmitted, n.articleStep(workflow.Reopen)},
		{"POST /admin/bai-viet/{id}/gio-go", auth.ArticleUnpublish, n.articleTakeDown},

		{"GET /admin/bai-viet/{id}/phien-ban", auth.DeskView, n.articleRevisions},
		{"GET /admin/bai-viet/{id}/phien-ban/{v}", auth.DeskView, n.articleRevision},
		{"POST /admin/bai-viet/{id}/phien-ban/{v}/khoi-phuc", auth.ArticleEditOwnDraft, n.articleRestore},
		{"GET /admin/bai-viet/{id}/ban-da-dang/{pv}", auth.DeskView, n.articlePublishedVersion},
	}
}

// stepPaths are the route segments of the workflow steps, for the buttons.
var stepPaths = map[workflow.Step]string{
	workflow.Submit: "gui", workflow.Take: "nhan", workflow.Return: "tra-bai", workflow.Approve: "duyet",
	workflow.Publish: "dang", workflow.Schedule: "hen-gio", workflow.Unschedule: "huy-hen-gio",
	workflow.Unpublish: "go-bai", workflow.Reopen: "bien-tap-lai",
}

// stepDone is what the article page says after a step.
var stepDone = map[workflow.Step]string{
	workflow.Submit: "Đã gửi bài cho ban biên tập.", workflow.Take: "Bạn đã nhận biên tập bài này.",
	workflow.Return: "Đã trả bài cho người viết kèm lý do.", workflow.Approve: "Đã duyệt bài; bài chờ thư ký tòa soạn đăng.",
	workflow.Publish: "Bài đã được đăng lên trang báo.", workflow.Schedule: "Đã hẹn giờ đăng bài.",
	workflow.Unschedule: "Đã hủy hẹn giờ; bài trở về trạng thái đã duyệt.", workflow.Unpublish: "Đã gỡ bài khỏi trang báo.",
	workflow.Reopen: "Bài đã trở lại bàn biên tập.",
}

// leaseTTL is how long an edit lease lasts without renewal; the editor
// page renews it every 30 seconds.
const leaseTTL = 90 * time.Second

// Limits of the editor's fields, in characters.
const (
	maxTitle   = 300
	maxSapo    = 2000
	maxByline  = 200
	maxCaption = 500
	maxTags    = 10
	maxTag     = 60
	maxBody    = 800_000 // bytes: the form cap is 1 MiB
)

// timeLayouts are what a datetime-local field sends, with and without seconds.
var timeLayouts = []string{"2006-01-02T15:04:05", "2006-01-02T15:04"}

// localInput formats t for a datetime-local field, in the newspaper's zone.
func localInput(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(content.Location).Format("2006-01-02T15:04:05")
}

// parseLocal reads a datetime-local value in the newspaper's zone; "" is zero.
func parseLocal(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, l := range timeLayouts {
		if t, err := time.ParseInLocation(l, s, content.Location); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, userError{http.StatusBadRequest, "Ngày giờ không đúng dạng (ví dụ 2026-11-02T08:33:25)."}
}

// clock prints a time of day in the newspaper's zone, for status lines.
func clockTime(t time.Time) string { return t.In(content.Location).Format("15:04:05") }

// refusal turns a workflow refusal into the page that says it.
func refusal(err error) error {
	var r *workflow.Refusal
	if errors.As(err, &r) {
		if r.Forbidden {
			return userError{http.StatusForbidden, r.Msg}
		}
		return userError{http.StatusConflict, r.Msg}
	}
	return err
}

const msgMovedMeanwhile = "Trong lúc bạn thao tác, bài đã được người khác chuyển sang trạng thái khác. Mời bạn tải lại trang để xem tình trạng mới nhất."

// --- loading ---

func articleID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, store.ErrNotFound
	}
	return id, nil
}

// viewable loads an article's workflow facts if the person may open it.
func (n *Newsroom) viewable(r *http.Request, s *staff) (store.ArticleMeta, error) {
	id, err := articleID(r)
	if err != nil {
		return store.ArticleMeta{}, err
	}
	m, err := n.st.ArticleMeta(r.Context(), id)
	if err != nil {
		return m, err
	}
	if !workflow.CanView(s.user, workflow.Of(m)) {
		return m, userError{http.StatusForbidden, "Bài này không thuộc chuyên mục bạn phụ trách, hoặc không phải bài của bạn."}
	}
	return m, nil
}

// --- the form ---

// articleForm is what the editor sends, kept as typed so that a refused
// save gives it all back.
type articleForm struct {
	Title, Sapo, Body, Tags, Byline, PictureCaption string
	CategoryID, PictureID                           int64
	Type                                            content.ArticleType
	PublishAt                                       string
	Version                                         int
}

func articleFormOf(a *content.Article, version int) articleForm {
	f := articleForm{Title: a.Title, Sapo: a.Sapo, Body: a.Body, Byline: a.Byline, PictureCaption: a.PictureCaption,
		CategoryID: a.CategoryID, PictureID: a.PictureID, Type: a.Type, PublishAt: localInput(a.PublishedAt), Version: version}
	var tags []string
	for _, t := range a.Tags {
		tags = append(tags, t.Name)
	}
	f.Tags = strings.Join(tags, ", ")
	return f
}

// readArticleForm reads the editor's fields. The body is sanitized here,
// whatever the client sent; the other text fields are normalized to NFC.
func readArticleForm(r *http.Request) articleForm {
	f := articleForm{
		Title:          viet.NormalizeLine(r.PostFormValue("tieu_de")),
		Sapo:           strings.TrimSpace(viet.Normalize(r.PostFormValue("sapo"))),
		Body:           richtext.Sanitize(viet.Normalize(r.PostFormValue("noi_dung"))),
		Tags:           viet.NormalizeLine(r.PostFormValue("the")),
		Byline:         viet.NormalizeLine(r.PostFormValue("tac_gia")),
		PictureCaption: viet.NormalizeLine(r.PostFormValue("chu_thich_anh")),
		PublishAt:      strings.TrimSpace(r.PostFormValue("gio_dang")),
	}
	f.CategoryID, _ = strconv.ParseInt(r.PostFormValue("chuyen_muc"), 10, 64)
	f.PictureID, _ = strconv.ParseInt(strings.TrimSpace(r.PostFormValue("anh_dai_dien")), 10, 64)
	t, _ := strconv.Atoi(r.PostFormValue("loai"))
	f.Type = content.ArticleType(t)
	f.Version, _ = strconv.Atoi(r.PostFormValue("phien_ban"))
	return f
}

// splitTags reads "a, b; c" into at most maxTags distinct names.
func splitTags(s string) ([]content.Tag, string) {
	var out []content.Tag
	seen := map[string]bool{}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		name := strings.TrimSpace(part)
		if name == "" {
			continue
		}
		slug := viet.Slug(name)
		if slug == "" || seen[slug] {
			continue
		}
		if utf8.RuneCountInString(name) > maxTag {
			return nil, fmt.Sprintf("Thẻ «%s» dài quá %d ký tự.", name, maxTag)
		}
		seen[slug] = true
		out = append(out, content.Tag{Name: name, Slug: slug})
	}
	if len(out) > maxTags {
		return nil, fmt.Sprintf("Mỗi bài có tối đa %d thẻ.", maxTags)
	}
	return out, ""
}

// apply checks the form and writes it over a copy of base. The message is
// the first problem, in Vietnamese, for the person to fix.
func (n *Newsroom) apply(r *http.Request, f articleForm, base *content.Article, status content.Status, cats map[int64]content.Category) (*content.Article, string) {
	a := *base
	switch {
	case f.Title == "":
		return nil, "Bài cần có tiêu đề."
	case utf8.RuneCountInString(f.Title) > maxTitle:
		return nil, fmt.Sprintf("Tiêu đề dài quá %d ký tự.", maxTitle)
	case utf8.RuneCountInString(f.Sapo) > maxSapo:
		return nil, fmt.Sprintf("Sapo dài quá %d ký tự.", maxSapo)
	case utf8.RuneCountInString(f.Byline) > maxByline:
		return nil, fmt.Sprintf("Tên tác giả dài quá %d ký tự.", maxByline)
	case utf8.RuneCountInString(f.PictureCaption) > maxCaption:
		return nil, fmt.Sprintf("Chú thích ảnh dài quá %d ký tự.", maxCaption)
	case len(f.Body) > maxBody:
		return nil, "Nội dung bài quá dài; mời bạn chia thành nhiều bài."
	case !f.Type.Valid():
		return nil, "Mời bạn chọn loại bài."
	}
	if _, ok := cats[f.CategoryID]; !ok {
		return nil, "Mời bạn chọn chuyên mục."
	}
	tags, msg := splitTags(f.Tags)
	if msg != "" {
		return nil, msg
	}
	if f.PictureID < 0 {
		return nil, "Mã ảnh đại diện không hợp lệ."
	}
	if f.PictureID > 0 && f.PictureID != base.PictureID {
		if _, err := n.st.Media(r.Context(), f.PictureID); err != nil {
			return nil, fmt.Sprintf("Thư viện không có ảnh mã %d.", f.PictureID)
		}
	}
	when, err := parseLocal(f.PublishAt)
	if err != nil {
		return nil, err.Error()
	}
	a.Title, a.Sapo, a.Body, a.Byline, a.PictureCaption = f.Title, f.Sapo, f.Body, f.Byline, f.PictureCaption
	a.CategoryID, a.PictureID, a.Type, a.Tags = f.CategoryID, f.PictureID, f.Type, tags
	switch status {
	case content.StatusScheduled:
		// The scheduled time moves only through «Hẹn giờ đăng».
	case content.StatusPublished, content.StatusUnpublished:
		if !when.IsZero() {
			a.PublishedAt = when
		}
	default:
		a.PublishedAt = when
	}
	// The address stays once readers may have it.
	if status != content.StatusPublished && status != content.StatusUnpublished || a.Slug == "" {
		a.Slug = viet.Slug(a.Title)
		if a.Slug == "" {
			a.Slug = "bai-viet"
		}
	}
	return &a, ""
}

// --- pages ---

type categoryOption struct {
	ID    int64
	Label string
	Sub   bool
}

type typeOption struct {
	Value content.ArticleType
	Label string
}

var articleTypes = []typeOption{
	{content.TypeNormal, "Bài thường"}, {content.TypePhotoStory, "Phóng sự ảnh"},
	{content.TypeVideo, "Video"}, {content.TypeEMagazine, "E-magazine"},
}

func typeLabel(t content.ArticleType) string {
	for _, o := range articleTypes {
		if o.Value == t {
			return o.Label
		}
	}
	return ""
}

// categoryChoices lists the sections (with their sub-sections under them)
// the person may put an article in.
func (n *Newsroom) categoryChoices(r *http.Request, s *staff, act auth.Action) ([]categoryOption, map[int64]content.Category, error) {
	cats, err := n.st.Categories(r.Context())
	if err != nil {
		return nil, nil, err
	}
	byID := map[int64]content.Category{}
	for _, c := range cats {
		byID[c.ID] = c
	}
	var out []categoryOption
	for _, top := range cats {
		if !top.IsTop() || !s.user.Can(act, top.ID) {
			continue
		}
		out = append(out, categoryOption{ID: top.ID, Label: top.Name})
		for _, c := range cats {
			if c.ParentID == top.ID {
				out = append(out, categoryOption{ID: c.ID, Label: c.Name, Sub: true})
			}
		}
	}
	return out, byID, nil
}

func sectionOf(cats map[int64]content.Category, id int64) int64 {
	c := cats[id]
	if c.ParentID != 0 {
		return c.ParentID
	}
	return c.ID
}

type stepButton struct {
	Step         workflow.Step
	Label        string
	Path         string
	NoteRequired bool
}

type fieldDiff struct {
	Label   string
	Pieces  []workflow.Piece
	Changed bool
}

// conflictView is the merge view: the version someone saved meanwhile, and
// how the person's own differs from it.
type conflictView struct {
	Theirs     *content.Revision
	TheirsBody template.HTML
	BaseVer    int         // the version the person had opened
	Changes    []fieldDiff // what was saved meanwhile: the opened version → theirs
	Diffs      []fieldDiff // theirs → the person's own
}

type articlePage struct {
	frame
	New        bool
	Meta       store.ArticleMeta
	Article    *content.Article
	Form       articleForm
	Editable   bool
	Categories []categoryOption
	Types      []typeOption
	Steps      []stepButton
	History    []content.Transition
	Published  []content.PublishedVersion
	Lease      *store.Lease
	LeaseMine  bool
	TakeOver   bool // the person outranks the lease holder
	CanTakeDn  bool
	TakeDown   string
	Body       template.HTML // the stored body, for reading
	Section    string
	Notice     string
	Error      string
	Conflict   *conflictView
	ScheduleAt string
	// Unsaved: the form holds the person's refused text; if the article
	// can no longer be edited by them, the page still gives it back.
	Unsaved bool
}

func (p *articlePage) TypeLabel() string { return typeLabel(p.Form.Type) }

// articleNew is the empty editor.
func (n *Newsroom) articleNew(w http.ResponseWriter, r *http.Request, s *staff) error {
	opts, _, err := n.categoryChoices(r, s, auth.ArticleCreate)
	if err != nil {
		return err
	}
	p := articlePage{frame: n.frame(r, s, "Viết bài mới"), New: true, Editable: true, Categories: opts, Types: articleTypes,
		Form: articleForm{Byline: strings.ToUpper(s.user.DisplayName)}}
	return n.render(w, r, http.StatusOK, "article.html", &p)
}

// articleCreate stores a new draft owned by the person, credited to them.
func (n *Newsroom) articleCreate(w http.ResponseWriter, r *http.Request, s *staff) error {
	opts, cats, err := n.categoryChoices(r, s, auth.ArticleCreate)
	if err != nil {
		return err
	}
	f := readArticleForm(r)
	now := n.now()
	// The article is credited to the author the account is linked to
	// (accounts page), or to a byline of the account's name.
	author := content.Author{Name: s.user.DisplayName}
	if linked, err := AccountAuthor(r.Context(), n.st, s.user); err != nil {
		return err
	} else if linked != nil {
		author = *linked
	}
	base := &content.Article{Lang: "vi", CreatedAt: now, UpdatedAt: now, Authors: []content.Author{author}}
	a, msg := n.apply(r, f, base, content.StatusDraft, cats)
	if msg == "" && !s.user.Can(auth.ArticleCreate, sectionOf(cats, f.CategoryID)) {
		msg = "Bạn không phụ trách chuyên mục vừa chọn."
	}
	if msg != "" {
		p := articlePage{frame: n.frame(r, s, "Viết bài mới"), New: true, Editable: true, Categories: opts, Types: articleTypes,
			Form: f, Error: msg}
		return n.render(w, r, http.StatusBadRequest, "article.html", &p)
	}
	if a.Byline == "" {
		a.Byline = strings.ToUpper(author.Name)
	}
	err = n.st.CreateDraft(r.Context(), a, s.user.ID, n.audit(r, s, "article.create", "", "Viết bài mới «"+a.Title+"»"))
	if err != nil {
		return err
	}
	n.log.Info("article created", "request_id", requestID(r), "by", s.user.Username, "article", a.ID)
	http.Redirect(w, r, fmt.Sprintf("/admin/bai-viet/%d?da-tao=1", a.ID), http.StatusSeeOther)
	return nil
}

// articleEdit shows the editor to those who may edit the article in its
// state, and the article as it stands to the others; both carry the
// workflow buttons the person may use and the article's history. Opening
// the editor takes the edit lease if nobody holds it.
func (n *Newsroom) articleEdit(w http.ResponseWriter, r *http.Request, s *staff) error {
	m, err := n.viewable(r, s)
	if err != nil {
		return err
	}
	a, err := n.st.Article(r.Context(), m.ID)
	if err != nil {
		return err
	}
	p, err := n.articlePage(r, s, m, a, articleFormOf(a, m.Version))
	if err != nil {
		return err
	}
	if p.Editable {
		l, mine, err := n.st.AcquireLease(r.Context(), store.LeaseRequest{ArticleID: m.ID, UserID: s.user.ID,
			SessionID: s.session.ID, Rank: workflow.Rank(s.user.Role), Now: n.now(), TTL: leaseTTL})
		if err != nil {
			return err
		}
		p.Lease, p.LeaseMine = &l, mine
		p.TakeOver = !mine && workflow.Rank(s.user.Role) > l.Rank
	}
	q := r.URL.Query()
	switch {
	case q.Has("da-tao"):
		p.Notice = "Đã tạo bản nháp. Bài được tự lưu trong lúc bạn viết."
	case q.Has("da-luu"):
		p.Notice = "Đã lưu bài (phiên bản " + strconv.Itoa(m.Version) + ")."
	case q.Has("khoi-phuc"):
		p.Notice = "Đã khôi phục nội dung của phiên bản " + q.Get("khoi-phuc") + " thành phiên bản mới " + strconv.Itoa(m.Version) + "."
	case q.Has("gio-go"):
		p.Notice = "Đã cập nhật giờ tự gỡ bài."
	case q.Has("gianh"):
		p.Notice = "Bạn đã nhận quyền sửa bài này."
	case q.Has("xong"):
		p.Notice = stepDone[workflow.Step(q.Get("xong"))]
	}
	return n.render(w, r, http.StatusOK, "article.html", p)
}

// articlePage gathers what the article page shows.
func (n *Newsroom) articlePage(r *http.Request, s *staff, m store.ArticleMeta, a *content.Article, f articleForm) (*articlePage, error) {
	ctx := r.Context()
	wa := workflow.Of(m)
	act, _ := workflow.EditAction(m.Status)
	opts, cats, err := n.categoryChoices(r, s, act)
	if err != nil {
		return nil, err
	}
	p := &articlePage{frame: n.frame(r, s, a.Title), Meta: m, Article: a, Form: f, Types: articleTypes, Categories: opts,
		Editable: workflow.CanEdit(s.user, wa) == nil, Body: template.HTML(a.Body), Section: cats[a.CategoryID].Name,
		CanTakeDn: m.Status == content.StatusPublished && s.user.Can(auth.ArticleUnpublish, m.SectionID),
		TakeDown:  localInput(m.TakeDownAt), ScheduleAt: localInput(a.PublishedAt)}
	if !a.PublishedAt.After(n.now()) {
		p.ScheduleAt = ""
	}
	for _, t := range workflow.Available(s.user, wa) {
		p.Steps = append(p.Steps, stepButton{Step: t.Step, Label: t.Label, Path: stepPaths[t.Step], NoteRequired: t.NoteRequired})
	}
	if p.History, err = n.st.Transitions(ctx, m.ID); err != nil {
		return nil, err
	}
	slices.Reverse(p.History)
	if p.Published, err = n.st.PublishedVersions(ctx, m.ID); err != nil {
		return nil, err
	}
	return p, nil
}

// save checks and stores the editor's form. It returns the new version,
// or a page-ready refusal: a userError, errStale (with the current
// revision), or errLeased.
func (n *Newsroom) save(r *http.Request, s *staff, m store.ArticleMeta, f articleForm) (int, *content.Article, error) {
	ctx := r.Context()
	wa := workflow.Of(m)
	if err := workflow.CanEdit(s.user, wa); err != nil {
		return 0, nil, refusal(err)
	}
	cur, err := n.st.Article(ctx, m.ID)
	if err != nil {
		return 0, nil, err
	}
	_, cats, err := n.categoryChoices(r, s, auth.ArticleEditOwnDraft)
	if err != nil {
		return 0, nil, err
	}
	a, msg := n.apply(r, f, cur, m.Status, cats)
	if msg != "" {
		return 0, nil, userError{http.StatusBadRequest, msg}
	}
	if sec := sectionOf(cats, a.CategoryID); sec != m.SectionID {
		if err := workflow.CanMove(s.user, wa, sec); err != nil {
			return 0, nil, refusal(err)
		}
	}
	if f.Version <= 0 {
		return 0, nil, userError{http.StatusBadRequest, "Biểu mẫu thiếu số phiên bản; mời bạn tải lại trang."}
	}
	// The publish time also moves through the workflow («Đăng ngay», «Hẹn
	// giờ đăng», the scheduler) without a new version, so the version check
	// does not guard it: a form still holding the time of the version it
	// was opened on did not touch the field, and the article's current
	// time stays. Otherwise a page opened before the article went live
	// (its autosave as it leaves) would move the live time back to the
	// planned one.
	if base, err := n.st.Revision(ctx, m.ID, f.Version); err == nil {
		if when, err := parseLocal(f.PublishAt); err == nil && when.Equal(base.PublishedAt) {
			a.PublishedAt = cur.PublishedAt
		}
	} else if !errors.Is(err, store.ErrNotFound) {
		return 0, nil, err
	}
	now := n.now()
	if m.Status == content.StatusPublished && a.PublishedAt.After(now) {
		// It would leave the site until then while the newsroom calls it
		// published, and no schedule would show it.
		return 0, nil, userError{http.StatusBadRequest, "Bài đang đăng không đặt được giờ đăng ở tương lai; " +
			"muốn bài lên trang vào giờ khác, mời bạn gỡ bài rồi hẹn giờ đăng."}
	}
	if l, err := n.st.CurrentLease(ctx, m.ID, now); err != nil {
		return 0, nil, err
	} else if l != nil && l.UserID != s.user.ID {
		return 0, a, leasedError{l}
	}
	if f.Version == m.Version && sameContent(cur, a) {
		return m.Version, a, nil // nothing changed: no empty revision
	}
	detail := "Lưu bài «" + a.Title + "»"
	if m.Status == content.StatusPublished {
		detail = "Sửa bài đang đăng «" + a.Title + "» (lưu thành bản đăng mới)"
	}
	v, err := n.st.SaveArticle(ctx, store.SaveRequest{Article: a, BaseVersion: f.Version, Status: m.Status, UserID: s.user.ID, At: now,
		Audit: n.audit(r, s, "article.save", "", detail)})
	if errors.Is(err, store.ErrWrongState) {
		// Moved by a workflow step while this save was on its way: what
		// the person may write there is no longer what was checked.
		return 0, a, userError{http.StatusConflict, msgMovedMeanwhile + " Nội dung bạn vừa sửa chưa được lưu."}
	}
	if err != nil {
		return 0, a, err
	}
	if m.Status == content.StatusPublished {
		n.siteChanged()
	}
	return v, a, nil
}

type leasedError struct{ l *store.Lease }

func (e leasedError) Error() string {
	return "Bài đang được " + e.l.UserName + " mở để sửa (đến " + clockTime(e.l.ExpiresAt) +
		" nếu không gia hạn). Nội dung của bạn chưa được lưu; bạn có thể chép lại để không mất."
}

func sameContent(a, b *content.Article) bool {
	x, y := content.SnapshotOf(a), content.SnapshotOf(b)
	return x.Title == y.Title && x.Slug == y.Slug && x.Sapo == y.Sapo && x.Body == y.Body && x.Type == y.Type &&
		x.CategoryID == y.CategoryID && slices.Equal(x.Tags, y.Tags) && x.Byline == y.Byline && x.PictureID == y.PictureID &&
		x.PictureCaption == y.PictureCaption && x.PublishedAt.Equal(y.PublishedAt)
}

// articleSave is the editor's plain form post. A save based on an outdated
// version gets the merge view (409): the version saved meanwhile next to
// the person's own, with the form still holding theirs.
func (n *Newsroom) articleSave(w http.ResponseWriter, r *http.Request, s *staff) error {
	m, err := n.viewable(r, s)
	if err != nil {
		return err
	}
	f := readArticleForm(r)
	_, mine, err := n.save(r, s, m, f)
	var ue userError
	var le leasedError
	switch {
	case err == nil:
		http.Redirect(w, r, fmt.Sprintf("/admin/bai-viet/%d?da-luu=1", m.ID), http.StatusSeeOther)
		return nil
	case errors.Is(err, store.ErrStale):
		return n.renderConflict(w, r, s, f, mine)
	case errors.As(err, &le), errors.As(err, &ue) && (ue.status == http.StatusBadRequest || ue.status == http.StatusConflict):
		// The page as the article stands now (it may have moved), with the
		// person's text kept in the form.
		m, err2 := n.st.ArticleMeta(r.Context(), m.ID)
		if err2 != nil {
			return err2
		}
		cur, err2 := n.st.Article(r.Context(), m.ID)
		if err2 != nil {
			return err2
		}
		p, err2 := n.articlePage(r, s, m, cur, f)
		if err2 != nil {
			return err2
		}
		p.Error, p.Unsaved = err.Error(), true
		status := http.StatusConflict
		if le.l == nil {
			status = ue.status
		}
		return n.render(w, r, status, "article.html", p)
	}
	return err
}

// renderConflict is the merge view.
func (n *Newsroom) renderConflict(w http.ResponseWriter, r *http.Request, s *staff, f articleForm, mine *content.Article) error {
	m, err := n.st.ArticleMeta(r.Context(), mine.ID)
	if err != nil {
		return err
	}
	theirs, err := n.st.Revision(r.Context(), m.ID, m.Version)
	if err != nil {
		return err
	}
	cur, err := n.st.Article(r.Context(), m.ID)
	if err != nil {
		return err
	}
	// What they changed since the version the person opened: the part to
	// carry over into the person's own text.
	var changes []fieldDiff
	if base, err := n.st.Revision(r.Context(), m.ID, f.Version); err == nil {
		changes = snapshotDiffs(base.Snapshot, theirs.Snapshot, n.categoryNames(r))
	} else if !errors.Is(err, store.ErrNotFound) {
		return err
	}
	baseVer := f.Version
	// The form keeps the person's text, now based on the current version:
	// saving it again is a deliberate merge, not an accident. Its publish
	// time is the one the save worked out (the article's own if the person
	// left the field as opened), so a stale time is not carried along.
	f.Version = m.Version
	if m.Status != content.StatusScheduled {
		f.PublishAt = localInput(mine.PublishedAt)
	}
	p, err := n.articlePage(r, s, m, cur, f)
	if err != nil {
		return err
	}
	p.Conflict = &conflictView{Theirs: theirs, TheirsBody: template.HTML(theirs.Body), BaseVer: baseVer, Changes: changes,
		Diffs: snapshotDiffs(theirs.Snapshot, content.SnapshotOf(mine), n.categoryNames(r))}
	who := theirs.UserName
	if who == "" {
		who = "hệ thống"
	}
	p.Error = fmt.Sprintf("Trong lúc bạn sửa, %s đã lưu phiên bản %d lúc %s. Bài của bạn CHƯA được lưu và không mất: "+
		"bản của bạn vẫn ở trong khung soạn thảo bên dưới, bản của %s ở bên cạnh, phần khác nhau được tô màu. "+
		"Hãy chép những gì cần giữ từ bản kia sang bản của bạn rồi bấm «Lưu bản đã hợp nhất».",
		who, theirs.Version, clockTime(theirs.At), who)
	return n.render(w, r, http.StatusConflict, "article.html", p)
}

func (n *Newsroom) categoryNames(r *http.Request) map[int64]string {
	out := map[int64]string{}
	if cats, err := n.st.Categories(r.Context()); err == nil {
		for _, c := range cats {
			out[c.ID] = c.Name
		}
	}
	return out
}

// snapshotDiffs compares two states of an article field by field, word by
// word; the body is compared as the text readers see.
func snapshotDiffs(a, b content.Snapshot, cats map[int64]string) []fieldDiff {
	pic := func(id int64) string {
		if id == 0 {
			return "(không có)"
		}
		return strconv.FormatInt(id, 10)
	}
	fields := []struct{ label, a, b string }{
		{"Tiêu đề", a.Title, b.Title},
		{"Sapo", a.Sapo, b.Sapo},
		{"Nội dung", richtext.PlainText(a.Body), richtext.PlainText(b.Body)},
		{"Chuyên mục", cats[a.CategoryID], cats[b.CategoryID]},
		{"Thẻ", strings.Join(a.Tags, ", "), strings.Join(b.Tags, ", ")},
		{"Tác giả", a.Byline, b.Byline},
		{"Ảnh đại diện", pic(a.PictureID), pic(b.PictureID)},
		{"Chú thích ảnh", a.PictureCaption, b.PictureCaption},
		{"Loại bài", typeLabel(a.Type), typeLabel(b.Type)},
		{"Giờ đăng", stampOrEmpty(a.PublishedAt), stampOrEmpty(b.PublishedAt)},
	}
	var out []fieldDiff
	for _, f := range fields {
		ps := workflow.WordDiff(f.a, f.b)
		out = append(out, fieldDiff{Label: f.label, Pieces: ps, Changed: workflow.Changed(ps)})
	}
	return out
}

func stampOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return content.Stamp(t)
}

type jsonMessage struct {
	Message  string `json:"message"`
	Conflict bool   `json:"conflict,omitempty"`
}

// articleAutosave is the editor script's periodic save (see
// brief/contract-editor.md): JSON in, JSON out, never an overwrite.
func (n *Newsroom) articleAutosave(w http.ResponseWriter, r *http.Request, s *staff) error {
	m, err := n.viewable(r, s)
	if err != nil {
		var ue userError
		if errors.As(err, &ue) {
			return writeJSON(w, ue.status, jsonMessage{Message: ue.msg})
		}
		if errors.Is(err, store.ErrNotFound) {
			return writeJSON(w, http.StatusNotFound, jsonMessage{Message: "Không tìm thấy bài này; có thể bài đã bị xóa khỏi hệ thống."})
		}
		return err
	}
	if m.Status == content.StatusPublished {
		// Each save of a live article goes on the site as a new published
		// version: half-typed corrections must not.
		return writeJSON(w, http.StatusConflict, jsonMessage{Message: "Bài đang đăng không tự lưu: bản sửa chỉ lên trang báo khi bạn bấm «Lưu». " +
			"Nội dung bạn đang sửa vẫn còn trong khung soạn thảo."})
	}
	v, _, err := n.save(r, s, m, readArticleForm(r))
	var ue userError
	var le leasedError
	switch {
	case err == nil:
		now := clockTime(n.now())
		return writeJSON(w, http.StatusOK, map[string]any{"version": v, "saved": now, "message": "Đã tự lưu lúc " + now})
	case errors.Is(err, store.ErrStale):
		cur, _ := n.st.ArticleMeta(r.Context(), m.ID)
		return writeJSON(w, http.StatusConflict, jsonMessage{Conflict: true, Message: fmt.Sprintf(
			"Bài vừa được lưu ở phiên bản %d bởi người khác, nên tự lưu đã dừng để không ghi đè. "+
				"Bấm «Lưu» để xem hai bản cạnh nhau và hợp nhất; nội dung của bạn vẫn còn trong khung soạn thảo.", cur.Version)})
	case errors.As(err, &le):
		return writeJSON(w, http.StatusConflict, jsonMessage{Message: "Chưa tự lưu: " + le.Error()})
	case errors.As(err, &ue):
		return writeJSON(w, ue.status, jsonMessage{Message: "Chưa tự lưu: " + ue.msg})
	}
	return err
}

// articleLease renews the edit lease (the editor script calls it every
// 30 s) or, with gianh=1, takes it over from a holder the person outranks.
func (n *Newsroom) articleLease(w http.ResponseWriter, r *http.Request, s *staff) error {
	m, err := n.viewable(r, s)
	if err != nil {
		return err
	}
	if err := workflow.CanEdit(s.user, workflow.Of(m)); err != nil {
		return refusal(err)
	}
	takeOver := r.PostFormValue("gianh") == "1"
	prev, err := n.st.CurrentLease(r.Context(), m.ID, n.now())
	if err != nil {
		return err
	}
	detail := "Nhận quyền sửa bài «" + m.Title + "»"
	if prev != nil {
		detail += " từ " + prev.UserName
	}
	l, mine, err := n.st.AcquireLease(r.Context(), store.LeaseRequest{ArticleID: m.ID, UserID: s.user.ID, SessionID: s.session.ID,
		Rank: workflow.Rank(s.user.Role), Now: n.now(), TTL: leaseTTL, TakeOver: takeOver,
		Audit: n.audit(r, s, "article.lease_takeover", "", detail)})
	if err != nil {
		return err
	}
	if !wantsJSON(r) {
		if takeOver && !mine {
			return userError{http.StatusConflict, l.UserName + " đang sửa bài này và bạn không có quyền giành lại."}
		}
		target := fmt.Sprintf("/admin/bai-viet/%d", m.ID)
		if takeOver {
			target += "?gianh=1"
		}
		http.Redirect(w, r, target, http.StatusSeeOther)
		return nil
	}
	return writeJSON(w, http.StatusOK, map[string]any{"holder": l.UserName, "mine": mine, "message": leaseMessage(l, mine, s)})
}

func leaseMessage(l store.Lease, mine bool, s *staff) string {
	if mine {
		return "Bạn đang giữ quyền sửa bài này; người khác mở bài sẽ thấy bạn đang sửa."
	}
	msg := l.UserName + " đang mở bài này để sửa (từ " + clockTime(l.AcquiredAt) + "). Bạn vẫn đọc được, nhưng chưa lưu được cho đến khi họ đóng bài."
	if workflow.Rank(s.user.Role) > l.Rank {
		msg += " Bạn có thể giành quyền sửa."
	}
	return msg
}

// articleRelease gives up the edit lease: the editor script sends it when
// the page closes (sendBeacon, with the csrf form field).
func (n *Newsroom) articleRelease(w http.ResponseWriter, r *http.Request, s *staff) error {
	id, err := articleID(r)
	if err != nil {
		return err
	}
	if _, err := n.st.ReleaseLease(r.Context(), id, s.user.ID); err != nil {
		return err
	}
	// A form button navigates back to the list; the script's beacon (and
	// anything else) gets a short answer nobody waits for.
	if r.Header.Get("Sec-Fetch-Mode") == "navigate" && !wantsJSON(r) {
		http.Redirect(w, r, "/admin/bai-viet", http.StatusSeeOther)
		return nil
	}
	return writeJSON(w, http.StatusOK, jsonMessage{Message: "Đã trả quyền sửa bài."})
}

// articleStep serves one workflow button.
func (n *Newsroom) articleStep(step workflow.Step) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, s *staff) error {
		m, err := n.viewable(r, s)
		if err != nil {
			return err
		}
		note := strings.TrimSpace(viet.Normalize(r.PostFormValue("ly_do")))
		t, err := workflow.Check(s.user, step, workflow.Of(m), note)
		if err != nil {
			return refusal(err)
		}
		now := n.now().Truncate(time.Second)
		req := store.TransitionRequest{ArticleID: m.ID, From: m.Status, To: t.To, UserID: s.user.ID, At: now, Note: note}
		detail := t.Label + " «" + m.Title + "»"
		switch step {
		case workflow.Schedule:
			at, err := parseLocal(r.PostFormValue("gio_dang"))
			if err != nil {
				return err
			}
			if err := workflow.CheckScheduleTime(at, now); err != nil {
				return refusal(err)
			}
			req.PublishAt = at
			detail += " lúc " + content.Stamp(at)
		case workflow.Publish:
			req.PublishAt = now
		}
		if note != "" {
			detail += ": " + note
		}
		req.Audit = n.audit(r, s, "article."+string(step), "", detail)
		if err := n.st.Transition(r.Context(), req); errors.Is(err, store.ErrWrongState) {
			return userError{http.StatusConflict, msgMovedMeanwhile}
		} else if err != nil {
			return err
		}
		n.log.Info("article moved", "request_id", requestID(r), "by", s.user.Username, "article", m.ID, "from", m.Status, "to", t.To)
		if t.To == content.StatusPublished || m.Status == content.StatusPublished {
			n.siteChanged()
		}
		if t.To == content.StatusScheduled || m.Status == content.StatusScheduled {
			n.scheduleChanged()
		}
		http.Redirect(w, r, fmt.Sprintf("/admin/bai-viet/%d?xong=%s", m.ID, step), http.StatusSeeOther)
		return nil
	}
}

// articleTakeDown sets or clears the time a live article leaves the site.
func (n *Newsroom) articleTakeDown(w http.ResponseWriter, r *http.Request, s *staff) error {
	m, err := n.viewable(r, s)
	if err != nil {
		return err
	}
	if !s.user.Can(auth.ArticleUnpublish, m.SectionID) {
		return userError{http.StatusForbidden, "Bạn không phụ trách chuyên mục của bài này."}
	}
	if m.Status != content.StatusPublished {
		return userError{http.StatusConflict, "Chỉ đặt được giờ tự gỡ cho bài đang đăng."}
	}
	at, err := parseLocal(r.PostFormValue("gio_go"))
	if err != nil {
		return err
	}
	if err := workflow.CheckTakeDownTime(at, n.now()); err != nil {
		return refusal(err)
	}
	detail := "Đặt giờ tự gỡ bài «" + m.Title + "» lúc " + stampOrEmpty(at)
	if at.IsZero() {
		detail = "Bỏ giờ tự gỡ bài «" + m.Title + "»"
	}
	if err := n.st.SetTakeDown(r.Context(), m.ID, at, n.audit(r, s, "article.take_down_at", "", detail)); errors.Is(err, store.ErrWrongState) {
		return userError{http.StatusConflict, msgMovedMeanwhile}
	} else if err != nil {
		return err
	}
	n.scheduleChanged()
	http.Redirect(w, r, fmt.Sprintf("/admin/bai-viet/%d?gio-go=1", m.ID), http.StatusSeeOther)
	return nil
}

// articlePublishMany publishes the chosen approved articles together, in
// one transaction and at one second; if any may not be published, none is.
func (n *Newsroom) articlePublishMany(w http.ResponseWriter, r *http.Request, s *staff) error {
	ctx := r.Context()
	if err := r.ParseForm(); err != nil {
		return userError{http.StatusBadRequest, "Biểu mẫu không hợp lệ."}
	}
	now := n.now().Truncate(time.Second)
	var reqs []store.TransitionRequest
	seen := map[int64]bool{}
	for _, v := range r.PostForm["bai"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || seen[id] {
			continue
		}
		seen[id] = true
		m, err := n.st.ArticleMeta(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			return userError{http.StatusBadRequest, fmt.Sprintf("Không có bài mã %d.", id)}
		}
		if err != nil {
			return err
		}
		if _, err := workflow.Check(s.user, workflow.Publish, workflow.Of(m), ""); err != nil {
			return userError{http.StatusConflict, "Chưa đăng bài nào: «" + m.Title + "»: " + err.Error()}
		}
		reqs = append(reqs, store.TransitionRequest{ArticleID: id, From: m.Status, To: content.StatusPublished,
			UserID: s.user.ID, At: now, PublishAt: now,
			Audit: n.audit(r, s, "article.publish", "", "Đăng cùng lúc «"+m.Title+"»")})
	}
	if len(reqs) == 0 {
		return userError{http.StatusBadRequest, "Mời bạn chọn ít nhất một bài để đăng."}
	}
	if err := n.st.TransitionAll(ctx, reqs); errors.Is(err, store.ErrWrongState) {
		return userError{http.StatusConflict, msgMovedMeanwhile}
	} else if err != nil {
		return err
	}
	n.siteChanged()
	n.log.Info("articles published together", "request_id", requestID(r), "by", s.user.Username, "count", len(reqs))
	http.Redirect(w, r, fmt.Sprintf("/admin/bai-viet?trang_thai=published&da-dang=%d", len(reqs)), http.StatusSeeOther)
	return nil
}

// --- the list ---

type articleRow struct {
	store.ArticleMeta
	Section  string
	Publish  bool // may be published from the list
	Category string
}

type articleListPage struct {
	frame
	Rows       []articleRow
	Statuses   []content.Status
	Sections   []categoryOption
	Status     content.Status
	CategoryID int64
	Query      string
	Mine       bool
	OnlyMine   bool // the person sees only their own articles
	CanPublish bool
	AnyPublish bool // some row may be published from the list
	Page, Prev int
	Next       int
	Notice     string
	Error      string
}

const listPage = 50

// articleList lists articles with filters: state, section, words of the
// title, one's own. Those who may not see every article see their own.
func (n *Newsroom) articleList(w http.ResponseWriter, r *http.Request, s *staff) error {
	q := r.URL.Query()
	p := articleListPage{frame: n.frame(r, s, "Bài viết"), Statuses: statusOrder, Query: strings.TrimSpace(q.Get("q")),
		Mine: q.Get("cua_toi") == "1", OnlyMine: !s.user.Allowed(auth.ArticleViewAll), CanPublish: s.user.Allowed(auth.ArticlePublish)}
	if st := content.Status(q.Get("trang_thai")); st.Valid() {
		p.Status = st
	}
	p.CategoryID, _ = strconv.ParseInt(q.Get("chuyen_muc"), 10, 64)
	p.Page, _ = strconv.Atoi(q.Get("trang"))
	p.Page = max(p.Page, 1)
	p.Prev = p.Page - 1
	if c := q.Get("da-dang"); c != "" {
		p.Notice = "Đã đăng cùng lúc " + c + " bài."
	}
	aq := store.ArticleQuery{CategoryID: p.CategoryID, Title: p.Query, Limit: listPage + 1, Offset: (p.Page - 1) * listPage}
	if p.Status != "" {
		aq.Statuses = []content.Status{p.Status}
	}
	if p.OnlyMine || p.Mine {
		aq.OwnerID = s.user.ID
	}
	if !p.OnlyMine {
		aq.Sections = s.user.Sections
	}
	opts, cats, err := n.categoryChoices(r, s, auth.DeskView)
	if err != nil {
		return err
	}
	p.Sections = opts
	ms, err := n.st.WorkflowArticles(r.Context(), aq)
	if err != nil {
		return err
	}
	if len(ms) > listPage {
		ms, p.Next = ms[:listPage], p.Page+1
	}
	for _, m := range ms {
		row := articleRow{ArticleMeta: m, Section: cats[sectionOf(cats, m.CategoryID)].Name, Category: cats[m.CategoryID].Name}
		_, err := workflow.Check(s.user, workflow.Publish, workflow.Of(m), "")
		row.Publish = err == nil && m.Status == content.StatusApproved
		p.AnyPublish = p.AnyPublish || row.Publish
		p.Rows = append(p.Rows, row)
	}
	return n.render(w, r, http.StatusOK, "article_list.html", &p)
}

// --- revisions and published versions ---

type revisionsPage struct {
	frame
	Meta      store.ArticleMeta
	Revisions []content.Revision
	Published []content.PublishedVersion
}

func (n *Newsroom) articleRevisions(w http.ResponseWriter, r *http.Request, s *staff) error {
	m, err := n.viewable(r, s)
	if err != nil {
		return err
	}
	p := revisionsPage{frame: n.frame(r, s, "Các phiên bản: "+m.Title), Meta: m}
	if p.Revisions, err = n.st.Revisions(r.Context(), m.ID); err != nil {
		return err
	}
	if p.Published, err = n.st.PublishedVersions(r.Context(), m.ID); err != nil {
		return err
	}
	return n.render(w, r, http.StatusOK, "article_revisions.html", &p)
}

type revisionPage struct {
	frame
	Meta       store.ArticleMeta
	Rev        *content.Revision
	Base       *content.Revision // what it is compared with; nil for the first
	Diffs      []fieldDiff
	Body       template.HTML
	CanRestore bool
	Versions   []int
}

// articleRevision shows one revision and what changed from the one before
// it (or from ?so-voi=N).
func (n *Newsroom) articleRevision(w http.ResponseWriter, r *http.Request, s *staff) error {
	m, err := n.viewable(r, s)
	if err != nil {
		return err
	}
	v, err := strconv.Atoi(r.PathValue("v"))
	if err != nil {
		return store.ErrNotFound
	}
	rev, err := n.st.Revision(r.Context(), m.ID, v)
	if err != nil {
		return err
	}
	p := revisionPage{frame: n.frame(r, s, fmt.Sprintf("Phiên bản %d: %s", v, rev.Title)), Meta: m, Rev: rev,
		Body: template.HTML(rev.Body), CanRestore: v != m.Version && workflow.CanEdit(s.user, workflow.Of(m)) == nil}
	against := v - 1
	if o, err := strconv.Atoi(r.URL.Query().Get("so-voi")); err == nil {
		against = o
	}
	if against >= 1 && against != v {
		if p.Base, err = n.st.Revision(r.Context(), m.ID, against); err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
	}
	base := content.Snapshot{}
	if p.Base != nil {
		base = p.Base.Snapshot
	}
	p.Diffs = snapshotDiffs(base, rev.Snapshot, n.categoryNames(r))
	for i := m.Version; i >= 1; i-- {
		if i != v {
			p.Versions = append(p.Versions, i)
		}
	}
	return n.render(w, r, http.StatusOK, "article_revision.html", &p)
}

// articleRestore saves an old revision's content as the newest version;
// nothing is lost, the restore is itself a revision.
func (n *Newsroom) articleRestore(w http.ResponseWriter, r *http.Request, s *staff) error {
	m, err := n.viewable(r, s)
	if err != nil {
		return err
	}
	if err := workflow.CanEdit(s.user, workflow.Of(m)); err != nil {
		return refusal(err)
	}
	v, err := strconv.Atoi(r.PathValue("v"))
	if err != nil {
		return store.ErrNotFound
	}
	rev, err := n.st.Revision(r.Context(), m.ID, v)
	if err != nil {
		return err
	}
	now := n.now()
	if l, err := n.st.CurrentLease(r.Context(), m.ID, now); err != nil {
		return err
	} else if l != nil && l.UserID != s.user.ID {
		return userError{http.StatusConflict, leasedError{l}.Error()}
	}
	a, err := n.st.Article(r.Context(), m.ID)
	if err != nil {
		return err
	}
	slug, publishAt := a.Slug, a.PublishedAt
	rev.Snapshot.Apply(a)
	// The publish time belongs to the workflow (a restored old time must
	// not move a schedule), and once readers may have the address it stays.
	a.PublishedAt = publishAt
	if m.Status == content.StatusPublished || m.Status == content.StatusUnpublished {
		a.Slug = slug
	}
	// A restore is a save: the body is sanitized whatever the revision
	// holds, and an old revision's section is a move that the section
	// limits must allow.
	a.Body = richtext.Sanitize(a.Body)
	cats, err := n.st.Categories(r.Context())
	if err != nil {
		return err
	}
	byID := map[int64]content.Category{}
	for _, c := range cats {
		byID[c.ID] = c
	}
	if _, ok := byID[a.CategoryID]; !ok {
		return userError{http.StatusConflict, "Chuyên mục của phiên bản này không còn; mời bạn sửa bài và chọn chuyên mục mới."}
	}
	if sec := sectionOf(byID, a.CategoryID); sec != m.SectionID {
		if err := workflow.CanMove(s.user, workflow.Of(m), sec); err != nil {
			return refusal(err)
		}
	}
	// The version the person saw when asking: a restore never replaces a
	// version saved meanwhile.
	base, _ := strconv.Atoi(r.PostFormValue("phien_ban"))
	if base <= 0 {
		return userError{http.StatusBadRequest, "Biểu mẫu thiếu số phiên bản; mời bạn tải lại trang."}
	}
	_, err = n.st.SaveArticle(r.Context(), store.SaveRequest{Article: a, BaseVersion: base, Status: m.Status, UserID: s.user.ID, At: now,
		Audit: n.audit(r, s, "article.restore", "", fmt.Sprintf("Khôi phục phiên bản %d của bài «%s»", v, a.Title))})
	if errors.Is(err, store.ErrStale) {
		return userError{http.StatusConflict, "Bài vừa được người khác lưu phiên bản mới; mời bạn xem lại các phiên bản rồi khôi phục lại."}
	}
	if errors.Is(err, store.ErrWrongState) {
		return userError{http.StatusConflict, msgMovedMeanwhile}
	}
	if err != nil {
		return err
	}
	if m.Status == content.StatusPublished {
		n.siteChanged()
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/bai-viet/%d?khoi-phuc=%d", m.ID, v), http.StatusSeeOther)
	return nil
}

type publishedPage struct {
	frame
	Meta     store.ArticleMeta
	PV       *content.PublishedVersion
	Body     template.HTML
	Section  string
	TypeName string
}

// articlePublishedVersion shows what readers were shown, as it was.
func (n *Newsroom) articlePublishedVersion(w http.ResponseWriter, r *http.Request, s *staff) error {
	m, err := n.viewable(r, s)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("pv"), 10, 64)
	if err != nil {
		return store.ErrNotFound
	}
	pv, err := n.st.PublishedVersion(r.Context(), id)
	if err != nil {
		return err
	}
	if pv.ArticleID != m.ID {
		return store.ErrNotFound
	}
	p := publishedPage{frame: n.frame(r, s, "Bản đã đăng: "+pv.Title), Meta: m, PV: pv, Body: template.HTML(pv.Body),
		Section: n.categoryNames(r)[pv.CategoryID], TypeName: typeLabel(pv.Type)}
	return n.render(w, r, http.StatusOK, "article_published.html", &p)
}
