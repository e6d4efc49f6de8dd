package newsroom

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/viet"
)

// NewAccount is what it takes to open a staff account, from the accounts
// page or the command line.
type NewAccount struct {
	Username    string // normalized by CreateAccount
	DisplayName string // empty: the username
	Role        auth.Role
	Sections    []int64 // top-level sections the account is limited to; empty: all
	Password    string
}

// AccountError is a rule a new account breaks; its text is a Vietnamese
// sentence to show as it is.
type AccountError struct{ Msg string }

func (e *AccountError) Error() string { return e.Msg }

func invalid(format string, args ...any) error {
	return &AccountError{Msg: fmt.Sprintf(format, args...)}
}

// CreateAccount checks a new account against the rules (user name, display
// name, role, sections, password policy), hashes the password with params
// and stores the account. by says who does it (At, UserID, IP, and a note in
// Detail if any); the rest of the audit entry is filled in here.
func CreateAccount(ctx context.Context, st store.Store, a NewAccount, params auth.Params, by store.AuditEntry) (*store.User, error) {
	username := auth.NormalizeUsername(a.Username)
	if err := auth.CheckUsername(username); err != nil {
		return nil, &AccountError{Msg: err.Error()}
	}
	display := auth.NormalizeDisplayName(a.DisplayName)
	if display == "" {
		display = username
	}
	if utf8.RuneCountInString(display) > auth.MaxDisplayNameLen {
		return nil, invalid("Tên hiển thị dài quá %d ký tự.", auth.MaxDisplayNameLen)
	}
	if !a.Role.Valid() {
		return nil, invalid("Mời bạn chọn vai trò.")
	}
	names, err := sectionNames(ctx, st, a.Sections)
	if err != nil {
		return nil, err
	}
	if err := auth.CheckPassword(username, a.Password); err != nil {
		return nil, &AccountError{Msg: err.Error()}
	}
	hash, err := auth.HashPassword(a.Password, params)
	if err != nil {
		return nil, err
	}
	u := &store.User{Username: username, DisplayName: display, Role: a.Role, PasswordHash: hash, Sections: a.Sections, CreatedAt: by.At}
	by.Action, by.Object = auth.EventUserCreate, "user:"+username
	by.Detail = withNote("Tạo tài khoản "+username+" ("+a.Role.Label()+")", by.Detail)
	if len(names) > 0 {
		by.Detail = withNote(by.Detail, "giới hạn ở chuyên mục "+strings.Join(names, ", "))
	}
	if err := st.CreateUser(ctx, u, by); err != nil {
		if errors.Is(err, store.ErrConflict) {
			return nil, invalid("Tên đăng nhập %q đã có người dùng.", username)
		}
		return nil, err
	}
	return u, nil
}

// withNote appends a note (who ran a command, from where) to an audit detail.
func withNote(detail, note string) string {
	if note == "" {
		return detail
	}
	return detail + "; " + note
}

// sectionNames checks that ids are top-level sections and returns their names.
func sectionNames(ctx context.Context, st store.Store, ids []int64) ([]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	cats, err := st.Categories(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int64]content.Category{}
	for _, c := range cats {
		byID[c.ID] = c
	}
	var names []string
	for _, id := range ids {
		c, ok := byID[id]
		if !ok || !c.IsTop() {
			return nil, invalid("Chuyên mục %d không có hoặc không phải chuyên mục chính.", id)
		}
		names = append(names, c.Name)
	}
	return names, nil
}

// DisableAccount disables u and revokes all their sessions, recording it as
// done by by (At, UserID, IP, a note in Detail). It reports how many
// sessions ended.
func DisableAccount(ctx context.Context, st store.Store, u *store.User, by store.AuditEntry) (int, error) {
	by.Action, by.Object = auth.EventUserDisable, userObject(u)
	by.Detail = withNote("Khóa tài khoản "+u.Username+" và thu hồi mọi phiên đăng nhập", by.Detail)
	n, err := st.SetUserDisabled(ctx, u.ID, true, by)
	if errors.Is(err, store.ErrLastAdmin) {
		return 0, invalid("Không thể khóa %s: đây là tài khoản quản trị cuối cùng còn hoạt động. Mời bạn cấp quyền quản trị cho một tài khoản khác trước.", u.Username)
	}
	return n, err
}

// AccountChange is an edit of an existing account.
type AccountChange struct {
	DisplayName string // empty: the username
	Role        auth.Role
	Sections    []int64 // top-level sections the account is limited to; empty: all
	AuthorID    int64   // the byline author the account writes as; 0: none
	// NewAuthor links the account to the author named as its display name,
	// made if there is none yet (AuthorID is then ignored).
	NewAuthor bool
}

// UpdateAccount checks ch against the rules and applies it to u, recording
// it as done by by. It reports whether anything changed. Taking the last
// active admin's role away is refused with an AccountError.
func UpdateAccount(ctx context.Context, st store.Store, u *store.User, ch AccountChange, by store.AuditEntry) (bool, error) {
	display := auth.NormalizeDisplayName(ch.DisplayName)
	if display == "" {
		display = u.Username
	}
	if utf8.RuneCountInString(display) > auth.MaxDisplayNameLen {
		return false, invalid("Tên hiển thị dài quá %d ký tự.", auth.MaxDisplayNameLen)
	}
	if !ch.Role.Valid() {
		return false, invalid("Mời bạn chọn vai trò.")
	}
	names, err := sectionNames(ctx, st, ch.Sections)
	if err != nil {
		return false, err
	}
	authors, err := st.Authors(ctx)
	if err != nil {
		return false, err
	}
	authorName := func(id int64) string {
		for _, a := range authors {
			if a.ID == id {
				return a.Name
			}
		}
		return ""
	}
	authorID := ch.AuthorID
	var newAuthor *content.Author
	if ch.NewAuthor {
		slug := viet.Slug(display)
		authorID = 0
		for _, a := range authors {
			if a.Slug == slug {
				authorID = a.ID
			}
		}
		if authorID == 0 {
			newAuthor = &content.Author{Name: display, Slug: slug}
		}
	} else if authorID != 0 && authorName(authorID) == "" {
		return false, invalid("Tác giả đã chọn không có trong danh sách.")
	}

	var changes []string
	if display != u.DisplayName {
		changes = append(changes, fmt.Sprintf("tên hiển thị “%s” → “%s”", u.DisplayName, display))
	}
	if ch.Role != u.Role {
		changes = append(changes, "vai trò "+u.Role.Label()+" → "+ch.Role.Label())
	}
	if !sameSet(u.Sections, ch.Sections) {
		limit := "mọi chuyên mục"
		if len(names) > 0 {
			limit = strings.Join(names, ", ")
		}
		changes = append(changes, "chuyên mục: "+limit)
	}
	if newAuthor != nil || authorID != u.AuthorID {
		switch {
		case newAuthor != nil:
			changes = append(changes, "ký tên tác giả mới “"+newAuthor.Name+"”")
		case authorID == 0:
			changes = append(changes, "bỏ gắn tác giả")
		default:
			changes = append(changes, "ký tên tác giả “"+authorName(authorID)+"”")
		}
	}
	if len(changes) == 0 {
		return false, nil
	}
	if newAuthor != nil && u.Role == auth.Admin && ch.Role != auth.Admin && !u.Disabled {
		// The store refuses taking the last admin away, but only after
		// the author is made, in a transaction of its own: ask first.
		users, err := st.Users(ctx)
		if err != nil {
			return false, err
		}
		if !slices.ContainsFunc(users, func(o store.User) bool { return o.ID != u.ID && o.Role == auth.Admin && !o.Disabled }) {
			return false, lastAdminRole(u)
		}
	}
	if newAuthor != nil {
		a := by
		a.Action, a.Object, a.Detail = EventAuthorCreate, "author:"+newAuthor.Slug, "Tạo tác giả “"+newAuthor.Name+"” cho tài khoản "+u.Username
		if err := st.CreateAuthor(ctx, newAuthor, a); err != nil {
			return false, err
		}
		authorID = newAuthor.ID
	}
	next := *u
	next.DisplayName, next.Role, next.Sections, next.AuthorID = display, ch.Role, ch.Sections, authorID
	by.Action, by.Object = auth.EventUserUpdate, userObject(u)
	by.Detail = withNote("Sửa tài khoản "+u.Username+": "+strings.Join(changes, "; "), by.Detail)
	err = st.UpdateUser(ctx, next, by)
	if errors.Is(err, store.ErrLastAdmin) {
		return false, lastAdminRole(u)
	}
	if err != nil {
		return false, err
	}
	*u = next
	return true, nil
}

func lastAdminRole(u *store.User) error {
	return invalid("Không thể bỏ vai trò quản trị của %s: đây là tài khoản quản trị cuối cùng còn hoạt động. Mời bạn cấp quyền quản trị cho một tài khoản khác trước.", u.Username)
}

func sameSet(a, b []int64) bool {
	in := func(x []int64, v int64) bool { return slices.Contains(x, v) }
	for _, v := range a {
		if !in(b, v) {
			return false
		}
	}
	for _, v := range b {
		if !in(a, v) {
			return false
		}
	}
	return true
}

// ResetAccountPassword gives u a new password chosen by an admin and ends
// every session of the account. It reports how many sessions ended.
func ResetAccountPassword(ctx context.Context, st store.Store, u *store.User, password string, params auth.Params, by store.AuditEntry) (int, error) {
	if err := auth.CheckPassword(u.Username, password); err != nil {
		return 0, &AccountError{Msg: err.Error()}
	}
	hash, err := auth.HashPassword(password, params)
	if err != nil {
		return 0, err
	}
	by.Action, by.Object = EventPasswordReset, userObject(u)
	by.Detail = withNote("Đặt lại mật khẩu của "+u.Username+" và thu hồi mọi phiên đăng nhập", by.Detail)
	return st.ResetPassword(ctx, u.ID, hash, by)
}

// AccountAuthor is the byline author an account writes as, nil if none is
// linked: the article editor credits new articles to it.
func AccountAuthor(ctx context.Context, st store.Store, u *store.User) (*content.Author, error) {
	if u == nil || u.AuthorID == 0 {
		return nil, nil
	}
	authors, err := st.Authors(ctx)
	if err != nil {
		return nil, err
	}
	for _, a := range authors {
		if a.ID == u.AuthorID {
			return &a, nil
		}
	}
	return nil, nil
}

// --- the accounts page ---

type accountsPage struct {
	frame
	Accounts []accountRow
	Roles    []auth.Role
	Sections []content.Category // top-level, for the form
	Form     accountForm
	Notice   string
	Error    string
}

type accountRow struct {
	store.User
	SectionNames string
	Self         bool
}

type accountForm struct {
	Username, DisplayName string
	Role                  auth.Role
	Sections              map[int64]bool
}

func (n *Newsroom) accounts(w http.ResponseWriter, r *http.Request, s *staff) error {
	notices := []struct{ key, text string }{
		{"da-tao", "Đã tạo tài khoản %s."},
		{"da-khoa", "Đã khóa tài khoản %s và thu hồi mọi phiên đăng nhập của tài khoản này."},
		{"da-mo-khoa", "Đã mở khóa tài khoản %s."},
	}
	notice := ""
	for _, nt := range notices {
		if name := r.URL.Query().Get(nt.key); name != "" {
			// Only say so of an account that exists: the link may be made up.
			if _, err := n.st.UserByUsername(r.Context(), name); err == nil {
				notice = fmt.Sprintf(nt.text, name)
			}
			break
		}
	}
	return n.renderAccounts(w, r, s, http.StatusOK, accountForm{Role: auth.Reporter}, notice, "")
}

func (n *Newsroom) renderAccounts(w http.ResponseWriter, r *http.Request, s *staff, status int, form accountForm, notice, errMsg string) error {
	ctx := r.Context()
	users, err := n.st.Users(ctx)
	if err != nil {
		return err
	}
	cats, err := n.st.Categories(ctx)
	if err != nil {
		return err
	}
	byID := map[int64]content.Category{}
	p := accountsPage{frame: n.frame(r, s, "Tài khoản"), Roles: auth.Roles(), Form: form, Notice: notice, Error: errMsg}
	for _, c := range cats {
		byID[c.ID] = c
		if c.IsTop() {
			p.Sections = append(p.Sections, c)
		}
	}
	for _, u := range users {
		row := accountRow{User: u, Self: u.ID == s.user.ID}
		var names []string
		for _, id := range u.Sections {
			names = append(names, byID[id].Name)
		}
		row.SectionNames = strings.Join(names, ", ")
		p.Accounts = append(p.Accounts, row)
	}
	return n.render(w, r, status, "accounts.html", &p)
}

func (n *Newsroom) createAccount(w http.ResponseWriter, r *http.Request, s *staff) error {
	form := accountForm{
		Username:    auth.NormalizeUsername(r.PostFormValue("ten_dang_nhap")),
		DisplayName: auth.NormalizeDisplayName(r.PostFormValue("ten_hien_thi")),
		Role:        auth.Role(r.PostFormValue("vai_tro")),
		Sections:    map[int64]bool{},
	}
	var sections []int64
	for _, v := range r.PostForm["chuyen_muc"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return userError{http.StatusBadRequest, "Chuyên mục không hợp lệ."}
		}
		if !form.Sections[id] {
			form.Sections[id] = true
			sections = append(sections, id)
		}
	}
	password := r.PostFormValue("mat_khau")
	if password != r.PostFormValue("nhap_lai") {
		return n.renderAccounts(w, r, s, http.StatusBadRequest, form, "", "Hai lần nhập mật khẩu không khớp nhau.")
	}
	u, err := CreateAccount(r.Context(), n.st, NewAccount{Username: form.Username, DisplayName: form.DisplayName,
		Role: form.Role, Sections: sections, Password: password}, n.params,
		store.AuditEntry{At: n.now(), UserID: s.user.ID, IP: clientIP(r)})
	var ae *AccountError
	if errors.As(err, &ae) {
		return n.renderAccounts(w, r, s, http.StatusBadRequest, form, "", ae.Msg)
	}
	if err != nil {
		return err
	}
	n.log.Info("account created", "request_id", requestID(r), "by", s.user.Username, "user", u.Username, "role", u.Role)
	http.Redirect(w, r, "/admin/tai-khoan?da-tao="+u.Username, http.StatusSeeOther)
	return nil
}

// targetAccount reads the {id} of an account route.
func (n *Newsroom) targetAccount(r *http.Request) (*store.User, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return nil, store.ErrNotFound
	}
	return n.st.User(r.Context(), id)
}

func (n *Newsroom) disableAccount(w http.ResponseWriter, r *http.Request, s *staff) error {
	u, err := n.targetAccount(r)
	if err != nil {
		return err
	}
	if u.ID == s.user.ID {
		// Also keeps at least one admin: the one who is asking.
		return n.renderAccounts(w, r, s, http.StatusBadRequest, accountForm{Role: auth.Reporter}, "",
			"Bạn không thể tự khóa tài khoản của mình.")
	}
	if !u.Disabled {
		revoked, err := DisableAccount(r.Context(), n.st, u, store.AuditEntry{At: n.now(), UserID: s.user.ID, IP: clientIP(r)})
		if err != nil {
			return err
		}
		n.log.Info("account disabled", "request_id", requestID(r), "by", s.user.Username, "user", u.Username, "sessions_revoked", revoked)
	}
	http.Redirect(w, r, "/admin/tai-khoan?da-khoa="+u.Username, http.StatusSeeOther)
	return nil
}

func (n *Newsroom) enableAccount(w http.ResponseWriter, r *http.Request, s *staff) error {
	u, err := n.targetAccount(r)
	if err != nil {
		return err
	}
	if u.Disabled {
		_, err := n.st.SetUserDisabled(r.Context(), u.ID, false, store.AuditEntry{At: n.now(), UserID: s.user.ID,
			Action: auth.EventUserEnable, Object: userObject(u), Detail: "Mở khóa tài khoản " + u.Username, IP: clientIP(r)})
		if err != nil {
			return err
		}
		n.log.Info("account enabled", "request_id", requestID(r), "by", s.user.Username, "user", u.Username)
	}
	http.Redirect(w, r, "/admin/tai-khoan?da-mo-khoa="+u.Username, http.StatusSeeOther)
	return nil
}

// --- editing one account ---

type accountEditPage struct {
	frame
	Stamp    string // accountStamp of the account as the form shows it
	Account  store.User
	Self     bool
	Roles    []auth.Role
	Sections []content.Category // top-level
	Authors  []content.Author
	Form     accountEditForm
	Notice   string
	Error    string
}

type accountEditForm struct {
	DisplayName string
	Role        auth.Role
	Sections    map[int64]bool
	Author      string // "", an author id, or "moi"
}

func (n *Newsroom) accountEditor(w http.ResponseWriter, r *http.Request, s *staff) error {
	u, err := n.targetAccount(r)
	if err != nil {
		return err
	}
	notice := ""
	q := r.URL.Query()
	switch {
	case q.Has("da-luu"):
		notice = "Đã lưu thay đổi của tài khoản " + u.Username + "."
	case q.Has("khong-doi"):
		notice = "Tài khoản " + u.Username + " không có gì thay đổi."
	case q.Has("da-dat-mat-khau"):
		notice = "Đã đặt mật khẩu mới cho " + u.Username + " và thu hồi mọi phiên đăng nhập của tài khoản này. Hãy báo mật khẩu mới cho người dùng qua một kênh an toàn."
	}
	return n.renderAccountEditor(w, r, s, http.StatusOK, u, formOf(u), notice, "")
}

// accountStamp names the state of what the edit form changes (display
// name, role, sections, byline author, whether it is locked), so that a
// form opened before someone else's change is not saved over it unseen.
func accountStamp(u *store.User) string {
	secs := slices.Clone(u.Sections)
	slices.Sort(secs)
	sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00%s\x00%v\x00%d\x00%t", u.DisplayName, u.Role, secs, u.AuthorID, u.Disabled))
	return hex.EncodeToString(sum[:8])
}

func formOf(u *store.User) accountEditForm {
	f := accountEditForm{DisplayName: u.DisplayName, Role: u.Role, Sections: map[int64]bool{}}
	for _, id := range u.Sections {
		f.Sections[id] = true
	}
	if u.AuthorID != 0 {
		f.Author = strconv.FormatInt(u.AuthorID, 10)
	}
	return f
}

func (n *Newsroom) renderAccountEditor(w http.ResponseWriter, r *http.Request, s *staff, status int, u *store.User, form accountEditForm, notice, errMsg string) error {
	ctx := r.Context()
	cats, err := n.st.Categories(ctx)
	if err != nil {
		return err
	}
	authors, err := n.st.Authors(ctx)
	if err != nil {
		return err
	}
	p := accountEditPage{frame: n.frame(r, s, "Sửa tài khoản "+u.Username), Stamp: accountStamp(u), Account: *u, Self: u.ID == s.user.ID,
		Roles: auth.Roles(), Authors: authors, Form: form, Notice: notice, Error: errMsg}
	for _, c := range cats {
		if c.IsTop() {
			p.Sections = append(p.Sections, c)
		}
	}
	return n.render(w, r, status, "account.html", &p)
}

func (n *Newsroom) updateAccount(w http.ResponseWriter, r *http.Request, s *staff) error {
	u, err := n.targetAccount(r)
	if err != nil {
		return err
	}
	form := accountEditForm{DisplayName: auth.NormalizeDisplayName(r.PostFormValue("ten_hien_thi")),
		Role: auth.Role(r.PostFormValue("vai_tro")), Sections: map[int64]bool{}, Author: r.PostFormValue("tac_gia")}
	ch := AccountChange{DisplayName: form.DisplayName, Role: form.Role}
	for _, v := range r.PostForm["chuyen_muc"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return userError{http.StatusBadRequest, "Chuyên mục không hợp lệ."}
		}
		if !form.Sections[id] {
			form.Sections[id] = true
			ch.Sections = append(ch.Sections, id)
		}
	}
	switch form.Author {
	case "":
	case "moi":
		ch.NewAuthor = true
	default:
		if ch.AuthorID, err = strconv.ParseInt(form.Author, 10, 64); err != nil || ch.AuthorID <= 0 {
			return userError{http.StatusBadRequest, "Tác giả không hợp lệ."}
		}
	}
	if stamp := r.PostFormValue("ban_goc"); stamp != "" && stamp != accountStamp(u) {
		// Someone changed the account since this form was opened: saving
		// it would silently undo their change. Show what is stored now,
		// keep what this person chose, and let them decide.
		return n.renderAccountEditor(w, r, s, http.StatusConflict, u, form, "", "Tài khoản này vừa được người khác sửa trong lúc bạn đang sửa "+
			"(hiện là: "+u.DisplayName+", "+u.Role.Label()+"). Lựa chọn của bạn vẫn còn trong biểu mẫu dưới đây: xem lại rồi bấm lưu nếu vẫn muốn thay đổi.")
	}
	changed, err := UpdateAccount(r.Context(), n.st, u, ch, store.AuditEntry{At: n.now(), UserID: s.user.ID, IP: clientIP(r)})
	var ae *AccountError
	if errors.As(err, &ae) {
		return n.renderAccountEditor(w, r, s, http.StatusBadRequest, u, form, "", ae.Msg)
	}
	if err != nil {
		return err
	}
	where := "/admin/tai-khoan/" + strconv.FormatInt(u.ID, 10)
	if !changed {
		http.Redirect(w, r, where+"?khong-doi=1", http.StatusSeeOther)
		return nil
	}
	n.log.Info("account updated", "request_id", requestID(r), "by", s.user.Username, "user", u.Username, "role", u.Role)
	if u.ID == s.user.ID && !u.Allowed(auth.UserManage) {
		// They gave up their own admin role: the accounts pages are no longer theirs.
		where = "/admin/"
	} else {
		where += "?da-luu=1"
	}
	http.Redirect(w, r, where, http.StatusSeeOther)
	return nil
}

func (n *Newsroom) resetPassword(w http.ResponseWriter, r *http.Request, s *staff) error {
	u, err := n.targetAccount(r)
	if err != nil {
		return err
	}
	refuse := func(msg string) error {
		return n.renderAccountEditor(w, r, s, http.StatusBadRequest, u, formOf(u), "", msg)
	}
	if u.ID == s.user.ID {
		return refuse("Để đổi mật khẩu của chính bạn, mời bạn dùng trang “Phiên và mật khẩu”: ở đó cần nhập mật khẩu cũ.")
	}
	password := r.PostFormValue("mat_khau_moi")
	if password != r.PostFormValue("nhap_lai") {
		return refuse("Hai lần nhập mật khẩu mới không khớp nhau.")
	}
	revoked, err := ResetAccountPassword(r.Context(), n.st, u, password, n.params, store.AuditEntry{At: n.now(), UserID: s.user.ID, IP: clientIP(r)})
	var ae *AccountError
	if errors.As(err, &ae) {
		return refuse(ae.Msg)
	}
	if err != nil {
		return err
	}
	n.log.Info("password reset", "request_id", requestID(r), "by", s.user.Username, "user", u.Username, "sessions_revoked", revoked)
	http.Redirect(w, r, "/admin/tai-khoan/"+strconv.FormatInt(u.ID, 10)+"?da-dat-mat-khau=1", http.StatusSeeOther)
	return nil
}
