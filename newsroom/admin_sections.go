package newsroom

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/viet"
)

// Sections: the two-level tree of the site's sections. A section's code is
// its URL, made from its Vietnamese name and never changed by a rename, so
// that links to it keep working; hiding takes it out of the menus and the
// home page, and leaves its articles where they are.

// maxSectionName bounds a section's name, in characters.
const maxSectionName = 100

type sectionsPage struct {
	frame
	Tree   []sectionRow
	Tops   []store.Section
	Form   sectionForm
	Notice string
	Error  string
}

type sectionRow struct {
	store.Section
	Sub         bool
	Path        string
	ParentName  string
	First, Last bool // among its siblings
	Children    int
}

type sectionForm struct {
	Name, Code, Description string
	ParentID                int64
}

var sectionNotices = map[string]string{
	"da-tao":     "Đã tạo chuyên mục “%s”.",
	"da-doi-ten": "Đã đổi tên thành “%s”. Đường dẫn của chuyên mục giữ nguyên.",
	"da-xep":     "Đã đổi thứ tự của “%s” trong menu.",
	"da-an":      "Đã ẩn “%s” khỏi menu và trang chủ. Các bài của chuyên mục vẫn giữ nguyên.",
	"da-hien":    "Đã hiện lại “%s” trên menu.",
}

func (n *Newsroom) sections(w http.ResponseWriter, r *http.Request, s *staff) error {
	notice := ""
	secs, err := n.st.Sections(r.Context())
	if err != nil {
		return err
	}
	for key, text := range sectionNotices {
		id, err := strconv.ParseInt(r.URL.Query().Get(key), 10, 64)
		if err != nil {
			continue
		}
		for _, c := range secs {
			if c.ID == id {
				notice = fmt.Sprintf(text, c.Name)
			}
		}
	}
	return n.renderSections(w, r, s, http.StatusOK, secs, sectionForm{}, notice, "")
}

func (n *Newsroom) renderSections(w http.ResponseWriter, r *http.Request, s *staff, status int, secs []store.Section, form sectionForm, notice, errMsg string) error {
	if secs == nil {
		var err error
		if secs, err = n.st.Sections(r.Context()); err != nil {
			return err
		}
	}
	p := sectionsPage{frame: n.frame(r, s, "Chuyên mục"), Form: form, Notice: notice, Error: errMsg}
	children := map[int64][]store.Section{}
	for _, c := range secs {
		if c.IsTop() {
			p.Tops = append(p.Tops, c)
		} else {
			children[c.ParentID] = append(children[c.ParentID], c)
		}
	}
	for i, top := range p.Tops {
		kids := children[top.ID]
		p.Tree = append(p.Tree, sectionRow{Section: top, Path: "/" + top.Code + "/", First: i == 0, Last: i == len(p.Tops)-1, Children: len(kids)})
		for j, c := range kids {
			p.Tree = append(p.Tree, sectionRow{Section: c, Sub: true, Path: "/" + top.Code + "/" + c.Code + "/", ParentName: top.Name,
				First: j == 0, Last: j == len(kids)-1})
		}
	}
	return n.render(w, r, status, "sections.html", &p)
}

// sectionName normalizes a typed section name and says what is wrong with it.
func sectionName(raw string) (string, string) {
	name := viet.NormalizeLine(raw)
	switch {
	case name == "":
		return "", "Mời bạn nhập tên chuyên mục."
	case utf8.RuneCountInString(name) > maxSectionName:
		return name, fmt.Sprintf("Tên chuyên mục dài quá %d ký tự.", maxSectionName)
	}
	return name, ""
}

// sameName reports whether two section names read the same.
func sameName(a, b string) bool {
	return strings.EqualFold(viet.NormalizeLine(a), viet.NormalizeLine(b))
}

// sectionCode makes a section's code from what was typed (the name, or a
// path chosen by hand) and says why it cannot be used.
func sectionCode(from string, secs []store.Section) (string, string) {
	if !strings.ContainsAny(viet.Fold(from), "abcdefghijklmnopqrstuvwxyz0123456789") {
		return "", "Tên hoặc đường dẫn của chuyên mục cần có ít nhất một chữ cái hoặc chữ số."
	}
	code := viet.Slug(from)
	if err := content.CheckCategoryCode(code); err != nil {
		return code, fmt.Sprintf("Đường dẫn “%s” trùng với một trang riêng của báo; mời bạn chọn tên hoặc đường dẫn khác.", code)
	}
	for _, c := range secs {
		if c.Code == code {
			return code, fmt.Sprintf("Đường dẫn “%s” đã thuộc về chuyên mục “%s”; mời bạn chọn đường dẫn khác.", code, c.Name)
		}
	}
	return code, ""
}

func (n *Newsroom) createSection(w http.ResponseWriter, r *http.Request, s *staff) error {
	ctx := r.Context()
	secs, err := n.st.Sections(ctx)
	if err != nil {
		return err
	}
	form := sectionForm{Name: r.PostFormValue("ten"), Code: strings.TrimSpace(r.PostFormValue("duong_dan")),
		Description: viet.NormalizeLine(r.PostFormValue("mo_ta"))}
	if v := r.PostFormValue("cha"); v != "" {
		if form.ParentID, err = strconv.ParseInt(v, 10, 64); err != nil {
			return userError{http.StatusBadRequest, "Chuyên mục cha không hợp lệ."}
		}
	}
	refuse := func(msg string) error { return n.renderSections(w, r, s, http.StatusBadRequest, secs, form, "", msg) }
	name, msg := sectionName(form.Name)
	form.Name = name
	if msg != "" {
		return refuse(msg)
	}
	if utf8.RuneCountInString(form.Description) > 300 {
		return refuse("Phần giới thiệu dài quá 300 ký tự.")
	}
	var parent *store.Section
	if form.ParentID != 0 {
		for i := range secs {
			if secs[i].ID == form.ParentID {
				parent = &secs[i]
			}
		}
		if parent == nil || !parent.IsTop() {
			return refuse("Chuyên mục cha phải là một chuyên mục chính: chuyên mục chỉ có hai cấp.")
		}
	}
	for _, c := range secs {
		if c.ParentID == form.ParentID && sameName(c.Name, name) {
			return refuse(fmt.Sprintf("Đã có chuyên mục “%s” ở cùng cấp.", c.Name))
		}
	}
	from := name
	if form.Code != "" {
		from = form.Code
	}
	code, msg := sectionCode(from, secs)
	if msg != "" {
		form.Code = code
		return refuse(msg)
	}
	c := content.Category{Code: code, Name: name, ParentID: form.ParentID, Description: form.Description}
	detail := fmt.Sprintf("Tạo chuyên mục “%s” (/%s/)", name, code)
	if parent != nil {
		detail = fmt.Sprintf("Tạo chuyên mục con “%s” trong “%s” (/%s/%s/)", name, parent.Name, parent.Code, code)
	}
	err = n.st.CreateSection(ctx, &c, n.audit(r, s, EventSectionCreate, "section:"+code, detail))
	if errors.Is(err, store.ErrConflict) {
		return refuse(fmt.Sprintf("Đường dẫn “%s” vừa được dùng cho một chuyên mục khác; mời bạn chọn đường dẫn khác.", code))
	}
	if err != nil {
		return err
	}
	n.siteChanged()
	n.log.Info("section created", "request_id", requestID(r), "by", s.user.Username, "code", code)
	http.Redirect(w, r, "/admin/chuyen-muc?da-tao="+strconv.FormatInt(c.ID, 10)+"#muc-"+strconv.FormatInt(c.ID, 10), http.StatusSeeOther)
	return nil
}

// targetSection reads the {id} of a section route.
func (n *Newsroom) targetSection(r *http.Request) (store.Section, []store.Section, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return store.Section{}, nil, store.ErrNotFound
	}
	secs, err := n.st.Sections(r.Context())
	if err != nil {
		return store.Section{}, nil, err
	}
	for _, c := range secs {
		if c.ID == id {
			return c, secs, nil
		}
	}
	return store.Section{}, nil, store.ErrNotFound
}

func sectionDone(w http.ResponseWriter, r *http.Request, key string, id int64) {
	i := strconv.FormatInt(id, 10)
	http.Redirect(w, r, "/admin/chuyen-muc?"+key+"="+i+"#muc-"+i, http.StatusSeeOther)
}

func (n *Newsroom) renameSection(w http.ResponseWriter, r *http.Request, s *staff) error {
	c, secs, err := n.targetSection(r)
	if err != nil {
		return err
	}
	name, msg := sectionName(r.PostFormValue("ten"))
	if msg == "" {
		for _, o := range secs {
			if o.ID != c.ID && o.ParentID == c.ParentID && sameName(o.Name, name) {
				msg = fmt.Sprintf("Đã có chuyên mục “%s” ở cùng cấp.", o.Name)
			}
		}
	}
	if msg != "" {
		return n.renderSections(w, r, s, http.StatusBadRequest, secs, sectionForm{}, "", "Chưa đổi tên “"+c.Name+"”: "+msg)
	}
	if name != c.Name {
		err := n.st.RenameSection(r.Context(), c.ID, name, n.audit(r, s, EventSectionRename, "section:"+c.Code,
			fmt.Sprintf("Đổi tên chuyên mục “%s” thành “%s”", c.Name, name)))
		if err != nil {
			return err
		}
		n.siteChanged()
	}
	sectionDone(w, r, "da-doi-ten", c.ID)
	return nil
}

func (n *Newsroom) moveSection(w http.ResponseWriter, r *http.Request, s *staff) error {
	c, secs, err := n.targetSection(r)
	if err != nil {
		return err
	}
	var ids []int64
	at := -1
	for _, o := range secs {
		if o.ParentID == c.ParentID {
			if o.ID == c.ID {
				at = len(ids)
			}
			ids = append(ids, o.ID)
		}
	}
	to := at
	switch r.PostFormValue("huong") {
	case "len":
		to = at - 1
	case "xuong":
		to = at + 1
	default:
		return userError{http.StatusBadRequest, "Hướng chuyển không hợp lệ; mời bạn tải lại trang rồi thử lại."}
	}
	if to < 0 || to >= len(ids) {
		sectionDone(w, r, "da-xep", c.ID) // already first or last: nothing to do
		return nil
	}
	ids[at], ids[to] = ids[to], ids[at]
	where := "các chuyên mục chính"
	for _, o := range secs {
		if o.ID == c.ParentID {
			where = "các chuyên mục con của “" + o.Name + "”"
		}
	}
	word := map[bool]string{true: "lên", false: "xuống"}[to < at]
	err = n.st.ReorderSections(r.Context(), c.ParentID, ids, n.audit(r, s, EventSectionReorder, "section:"+c.Code,
		fmt.Sprintf("Chuyển “%s” %s một bậc trong %s", c.Name, word, where)))
	if err != nil {
		return err
	}
	n.siteChanged()
	sectionDone(w, r, "da-xep", c.ID)
	return nil
}

func (n *Newsroom) hideSection(w http.ResponseWriter, r *http.Request, s *staff) error {
	return n.setSectionHidden(w, r, s, true)
}

func (n *Newsroom) showSection(w http.ResponseWriter, r *http.Request, s *staff) error {
	return n.setSectionHidden(w, r, s, false)
}

func (n *Newsroom) setSectionHidden(w http.ResponseWriter, r *http.Request, s *staff, hidden bool) error {
	c, _, err := n.targetSection(r)
	if err != nil {
		return err
	}
	key, event, detail := "da-hien", EventSectionShow, "Hiện lại chuyên mục “"+c.Name+"” trên menu"
	if hidden {
		key, event, detail = "da-an", EventSectionHide, "Ẩn chuyên mục “"+c.Name+"” khỏi menu và trang chủ"
	}
	if c.Hidden != hidden {
		if err := n.st.SetSectionHidden(r.Context(), c.ID, hidden, n.audit(r, s, event, "section:"+c.Code, detail)); err != nil {
			return err
		}
		n.siteChanged()
	}
	sectionDone(w, r, key, c.ID)
	return nil
}
