package storetest

import (
	"errors"
	"testing"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
)

// RunPaper runs the suite of how the paper is run: the home page
// arrangement, section edits, settings, byline authors, and the account
// edits that come with them (author links, password resets, the last
// admin). open must return a new empty store each call.
func RunPaper(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, st store.Store)
	}{
		{"HomeArrangement", testHomeArrangement},
		{"CreateSection", testCreateSection},
		{"SectionEdits", testSectionEdits},
		{"SaveSettings", testSaveSettings},
		{"Authors", testAuthors},
		{"ResetPassword", testResetPassword},
		{"LastAdmin", testLastAdmin},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := open(t)
			tc.fn(t, st)
		})
	}
}

func testHomeArrangement(t *testing.T, st store.Store) {
	f := setup(t, st)
	arts := []*content.Article{article("a", f.sub1.ID, at(7, 0, 0)), article("b", f.other.ID, at(7, 1, 0)),
		article("c", f.top.ID, at(7, 2, 0))}
	must(t, st.CreateArticles(ctx, arts))
	h, err := st.HomeArrangement(ctx)
	must(t, err)
	if h != (store.HomeArrangement{}) {
		t.Fatalf("fresh store has an arrangement: %+v", h)
	}
	want := store.HomeArrangement{Top: arts[2].ID}
	want.Featured[1], want.Featured[3] = arts[0].ID, arts[1].ID
	before := auditCount(t, st)
	must(t, st.SetHomeArrangement(ctx, store.HomeArrangement{}, want, audit("home.arrange", "home")))
	if got, _ := st.HomeArrangement(ctx); got != want {
		t.Errorf("read back %+v, want %+v", got, want)
	}
	if got := want.IDs(); !equalIDs(got, []int64{arts[2].ID, arts[0].ID, arts[1].ID}) {
		t.Errorf("IDs %v", got)
	}
	if auditCount(t, st) != before+1 {
		t.Error("the arrangement was not audited")
	}

	// Refusals change nothing, and write no record.
	before = auditCount(t, st)
	twice := store.HomeArrangement{Top: arts[0].ID}
	twice.Featured[0] = arts[0].ID
	if err := st.SetHomeArrangement(ctx, want, twice, audit("home.arrange", "home")); err == nil {
		t.Error("an article in two slots was accepted")
	}
	if err := st.SetHomeArrangement(ctx, want, store.HomeArrangement{Top: 9999}, audit("home.arrange", "home")); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown article: %v, want ErrNotFound", err)
	}
	if err := st.SetHomeArrangement(ctx, want, store.HomeArrangement{}, store.AuditEntry{}); err == nil {
		t.Error("an unaudited arrangement was accepted")
	}
	// A save based on an arrangement that is no longer stored is stale.
	if err := st.SetHomeArrangement(ctx, store.HomeArrangement{}, store.HomeArrangement{Top: arts[1].ID},
		audit("home.arrange", "home")); !errors.Is(err, store.ErrStale) {
		t.Errorf("save over another's: %v, want ErrStale", err)
	}
	if got, _ := st.HomeArrangement(ctx); got != want || auditCount(t, st) != before {
		t.Errorf("a refused arrangement changed things: %+v", got)
	}

	// Clearing every slot leaves the home page to the automatic choice.
	must(t, st.SetHomeArrangement(ctx, want, store.HomeArrangement{}, audit("home.arrange", "home")))
	if got, _ := st.HomeArrangement(ctx); got != (store.HomeArrangement{}) {
		t.Errorf("after clearing: %+v", got)
	}
}

func sectionByID(t *testing.T, st store.Store, id int64) store.Section {
	t.Helper()
	secs, err := st.Sections(ctx)
	must(t, err)
	for _, s := range secs {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("section %d not listed", id)
	return store.Section{}
}

func testCreateSection(t *testing.T, st store.Store) {
	f := setup(t, st)
	before := auditCount(t, st)
	top := content.Category{Code: "kinh-te", Name: "Kinh tế"}
	must(t, st.CreateSection(ctx, &top, audit("section.create", "section:kinh-te")))
	if top.ID == 0 || top.MenuOrder != 3 {
		t.Errorf("new top-level section: id %d, menu order %d, want after the 2 others", top.ID, top.MenuOrder)
	}
	sub := content.Category{Code: "tx-tan-uyen", Name: "TX. Tân Uyên", ParentID: f.top.ID}
	must(t, st.CreateSection(ctx, &sub, audit("section.create", "section:tx-tan-uyen")))
	if sub.MenuOrder != 3 {
		t.Errorf("new sub-section menu order %d, want 3 (after its 2 siblings)", sub.MenuOrder)
	}
	first := content.Category{Code: "tp-moi", Name: "TP. Mới", ParentID: top.ID}
	must(t, st.CreateSection(ctx, &first, audit("section.create", "section:tp-moi")))
	if first.MenuOrder != 1 {
		t.Errorf("first sub-section menu order %d, want 1", first.MenuOrder)
	}
	if auditCount(t, st) != before+3 {
		t.Errorf("audit entries: %d, want %d", auditCount(t, st), before+3)
	}
	if got := sectionByID(t, st, sub.ID); got.ParentID != f.top.ID || got.Name != "TX. Tân Uyên" || got.Hidden {
		t.Errorf("read back %+v", got)
	}

	before = auditCount(t, st)
	for _, bad := range []content.Category{
		{Code: "the-thao", Name: "Thể thao 2"},                    // taken code
		{Code: "admin", Name: "Quản trị"},                         // the site's own path
		{Code: "Kinh Te", Name: "Kinh tế"},                        // not a slug
		{Code: "phuong-1", Name: "Phường 1", ParentID: f.sub1.ID}, // a third level
		{Code: "mo-coi", Name: "Mồ côi", ParentID: 9999},          // no such parent
		{Code: "khong-ten", Name: ""},                             // no name
	} {
		c := bad
		if err := st.CreateSection(ctx, &c, audit("section.create", "x")); err == nil {
			t.Errorf("section %+v accepted", bad)
		}
	}
	dup := content.Category{Code: "the-thao", Name: "Khác"}
	if err := st.CreateSection(ctx, &dup, audit("section.create", "x")); !errors.Is(err, store.ErrConflict) {
		t.Errorf("taken code: %v, want ErrConflict", err)
	}
	ok := content.Category{Code: "van-hoa", Name: "Văn hóa"}
	if err := st.CreateSection(ctx, &ok, store.AuditEntry{}); err == nil {
		t.Error("an unaudited section was created")
	}
	if auditCount(t, st) != before {
		t.Error("a refused section wrote an audit entry")
	}
	if cats, _ := st.Categories(ctx); len(cats) != 7 {
		t.Errorf("%d categories after refusals, want 7", len(cats))
	}
}

func testSectionEdits(t *testing.T, st store.Store) {
	f := setup(t, st)
	a := article("giu-bai", f.sub1.ID, at(7, 0, 0))
	must(t, st.CreateArticles(ctx, []*content.Article{a}))

	must(t, st.RenameSection(ctx, f.sub1.ID, "Thành phố Thuận An", audit("section.update", "section:tp-thuan-an")))
	if got := sectionByID(t, st, f.sub1.ID); got.Name != "Thành phố Thuận An" || got.Code != "tp-thuan-an" {
		t.Errorf("renamed: %+v (the code must stay)", got)
	}
	if err := st.RenameSection(ctx, 9999, "X", audit("section.update", "x")); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("rename missing: %v", err)
	}
	if err := st.RenameSection(ctx, f.sub1.ID, "", audit("section.update", "x")); err == nil {
		t.Error("empty name accepted")
	}

	// Reorder: exactly the siblings, in a new order.
	must(t, st.ReorderSections(ctx, f.top.ID, []int64{f.sub2.ID, f.sub1.ID}, audit("section.reorder", "section:"+f.top.Code)))
	if s1, s2 := sectionByID(t, st, f.sub1.ID), sectionByID(t, st, f.sub2.ID); s2.MenuOrder >= s1.MenuOrder {
		t.Errorf("sub-sections not reordered: %d, %d", s1.MenuOrder, s2.MenuOrder)
	}
	must(t, st.ReorderSections(ctx, 0, []int64{f.other.ID, f.top.ID}, audit("section.reorder", "sections")))
	secs, _ := st.Sections(ctx)
	var tops []int64
	for _, s := range secs {
		if s.IsTop() {
			tops = append(tops, s.ID)
		}
	}
	if !equalIDs(tops, []int64{f.other.ID, f.top.ID}) {
		t.Errorf("top-level order %v", tops)
	}
	before := auditCount(t, st)
	for _, bad := range [][]int64{{f.sub1.ID}, {f.sub1.ID, f.sub2.ID, f.other.ID}, {f.sub1.ID, f.sub1.ID}} {
		if err := st.ReorderSections(ctx, f.top.ID, bad, audit("section.reorder", "x")); err == nil {
			t.Errorf("reorder with %v accepted", bad)
		}
	}
	if auditCount(t, st) != before {
		t.Error("a refused reorder wrote an audit entry")
	}

	// Hide and show: the section and its articles stay.
	must(t, st.SetSectionHidden(ctx, f.other.ID, true, audit("section.hide", "section:the-thao")))
	hidden, err := st.HiddenSections(ctx)
	must(t, err)
	if len(hidden) != 1 || !hidden[f.other.ID] || !sectionByID(t, st, f.other.ID).Hidden {
		t.Errorf("hidden %v", hidden)
	}
	if cats, _ := st.Categories(ctx); len(cats) != 4 {
		t.Errorf("hiding removed a category: %d left", len(cats))
	}
	must(t, st.SetSectionHidden(ctx, f.sub1.ID, true, audit("section.hide", "section:tp-thuan-an")))
	if got, _ := st.Article(ctx, a.ID); got == nil || got.CategoryID != f.sub1.ID {
		t.Error("hiding a section touched its article")
	}
	if ts, _ := st.Teasers(ctx, store.TeaserQuery{Now: at(9, 0, 0), CategoryID: f.sub1.ID}); len(ts) != 1 {
		t.Errorf("a hidden section's article left its listing: %d", len(ts))
	}
	must(t, st.SetSectionHidden(ctx, f.other.ID, false, audit("section.show", "section:the-thao")))
	if hidden, _ := st.HiddenSections(ctx); len(hidden) != 1 || !hidden[f.sub1.ID] {
		t.Errorf("after showing: hidden %v", hidden)
	}
	if err := st.SetSectionHidden(ctx, 9999, true, audit("section.hide", "x")); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("hide missing: %v", err)
	}
	if err := st.SetSectionHidden(ctx, f.top.ID, true, store.AuditEntry{}); err == nil {
		t.Error("an unaudited hide was accepted")
	}
	if sectionByID(t, st, f.top.ID).Hidden {
		t.Error("the unaudited hide happened")
	}
}

func testSaveSettings(t *testing.T, st store.Store) {
	must(t, st.SetSettings(ctx, map[string]string{content.SettingSiteName: "Báo Cũ", content.SettingPhone: "0274 1"}))
	before := auditCount(t, st)
	must(t, st.SaveSettings(ctx, map[string]string{content.SettingSiteName: "Báo Mới", content.SettingEmail: "toasoan@example.vn"},
		audit("settings.update", "settings")))
	got, err := st.Settings(ctx)
	must(t, err)
	if got[content.SettingSiteName] != "Báo Mới" || got[content.SettingEmail] != "toasoan@example.vn" || got[content.SettingPhone] != "0274 1" {
		t.Errorf("settings %v", got)
	}
	if auditCount(t, st) != before+1 {
		t.Error("settings change not audited")
	}
	if err := st.SaveSettings(ctx, map[string]string{content.SettingSiteName: "Lén"}, store.AuditEntry{}); err == nil {
		t.Error("an unaudited settings change was accepted")
	}
	if got, _ := st.Settings(ctx); got[content.SettingSiteName] != "Báo Mới" {
		t.Error("the unaudited settings change happened")
	}
}

func testAuthors(t *testing.T, st store.Store) {
	f := setup(t, st)
	a := article("co-tac-gia", f.top.ID, at(7, 0, 0))
	a.Authors = []content.Author{{Name: "Thu Thảo", Slug: "thu-thao"}}
	must(t, st.CreateArticles(ctx, []*content.Article{a}))
	au := content.Author{Name: "Châu Tiến", Slug: "chau-tien"}
	must(t, st.CreateAuthor(ctx, &au, audit("author.create", "author:chau-tien")))
	if au.ID == 0 {
		t.Fatal("no id")
	}
	list, err := st.Authors(ctx)
	must(t, err)
	if len(list) != 2 || list[0].Name != "Châu Tiến" || list[1].Slug != "thu-thao" {
		t.Errorf("authors %+v", list)
	}
	dup := content.Author{Name: "Thu Thảo khác", Slug: "thu-thao"}
	if err := st.CreateAuthor(ctx, &dup, audit("author.create", "x")); !errors.Is(err, store.ErrConflict) {
		t.Errorf("taken slug: %v", err)
	}

	// An account links to an author; the link reads back and can be cleared.
	u := newUser(t, st, "thuthao", auth.Reporter)
	u.AuthorID = list[1].ID
	must(t, st.UpdateUser(ctx, *u, audit(auth.EventUserUpdate, "user:thuthao")))
	if got, _ := st.User(ctx, u.ID); got.AuthorID != list[1].ID {
		t.Errorf("author link %d, want %d", got.AuthorID, list[1].ID)
	}
	if us, _ := st.Users(ctx); len(us) != 1 || us[0].AuthorID != list[1].ID {
		t.Errorf("Users lost the author link: %+v", us)
	}
	u.AuthorID = 9999
	if err := st.UpdateUser(ctx, *u, audit(auth.EventUserUpdate, "user:thuthao")); err == nil {
		t.Error("a link to no author was accepted")
	}
	u.AuthorID = 0
	must(t, st.UpdateUser(ctx, *u, audit(auth.EventUserUpdate, "user:thuthao")))
	if got, _ := st.User(ctx, u.ID); got.AuthorID != 0 {
		t.Errorf("author link not cleared: %d", got.AuthorID)
	}
	withAuthor := &store.User{Username: "chautien", DisplayName: "Châu Tiến", Role: auth.Reporter, PasswordHash: fakeHash,
		AuthorID: au.ID, CreatedAt: at(8, 0, 0)}
	must(t, st.CreateUser(ctx, withAuthor, audit(auth.EventUserCreate, "user:chautien")))
	if got, _ := st.User(ctx, withAuthor.ID); got.AuthorID != au.ID {
		t.Errorf("created with author %d, read %d", au.ID, got.AuthorID)
	}
}

func testResetPassword(t *testing.T, st store.Store) {
	u := newUser(t, st, "phongvien", auth.Reporter)
	other := newUser(t, st, "bientap", auth.Editor)
	must(t, st.CreateSession(ctx, session("a", u.ID, at(8, 0, 0)), audit(auth.EventLogin, "user:phongvien")))
	must(t, st.CreateSession(ctx, session("b", u.ID, at(8, 5, 0)), audit(auth.EventLogin, "user:phongvien")))
	must(t, st.CreateSession(ctx, session("c", other.ID, at(8, 5, 0)), audit(auth.EventLogin, "user:bientap")))
	before := auditCount(t, st)
	n, err := st.ResetPassword(ctx, u.ID, "$argon2id$reset", audit(auth.EventPasswordChange, "user:phongvien"))
	must(t, err)
	if n != 2 {
		t.Errorf("revoked %d, want 2", n)
	}
	if got, _ := st.User(ctx, u.ID); got.PasswordHash != "$argon2id$reset" {
		t.Errorf("hash %q", got.PasswordHash)
	}
	if ss, _ := st.UserSessions(ctx, u.ID); len(ss) != 0 {
		t.Errorf("%d sessions survived the reset", len(ss))
	}
	if ss, _ := st.UserSessions(ctx, other.ID); len(ss) != 1 {
		t.Error("another account's session was revoked")
	}
	if auditCount(t, st) != before+1 {
		t.Error("reset not audited")
	}
	if _, err := st.ResetPassword(ctx, 9999, "x", audit(auth.EventPasswordChange, "x")); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("reset missing: %v", err)
	}
	if _, err := st.ResetPassword(ctx, other.ID, "x", store.AuditEntry{}); err == nil {
		t.Error("unaudited reset accepted")
	}
	if ss, _ := st.UserSessions(ctx, other.ID); len(ss) != 1 {
		t.Error("the unaudited reset revoked sessions")
	}
}

func testLastAdmin(t *testing.T, st store.Store) {
	// With no admin at all (a fresh install), other accounts still change.
	r := newUser(t, st, "phongvien", auth.Reporter)
	r.DisplayName = "Phóng viên A"
	must(t, st.UpdateUser(ctx, *r, audit(auth.EventUserUpdate, "user:phongvien")))
	if _, err := st.SetUserDisabled(ctx, r.ID, true, audit(auth.EventUserDisable, "user:phongvien")); err != nil {
		t.Fatalf("disable a reporter with no admin around: %v", err)
	}

	a1 := newUser(t, st, "quantri", auth.Admin)
	demoted := *a1
	demoted.Role = auth.Editor
	before := auditCount(t, st)
	if err := st.UpdateUser(ctx, demoted, audit(auth.EventUserUpdate, "user:quantri")); !errors.Is(err, store.ErrLastAdmin) {
		t.Errorf("demoting the only admin: %v, want ErrLastAdmin", err)
	}
	if _, err := st.SetUserDisabled(ctx, a1.ID, true, audit(auth.EventUserDisable, "user:quantri")); !errors.Is(err, store.ErrLastAdmin) {
		t.Errorf("disabling the only admin: %v, want ErrLastAdmin", err)
	}
	if got, _ := st.User(ctx, a1.ID); got.Role != auth.Admin || got.Disabled || auditCount(t, st) != before {
		t.Errorf("a refused change to the last admin happened: %+v", got)
	}
	// Renaming the only admin keeps them admin: allowed.
	a1.DisplayName = "Quản trị chính"
	must(t, st.UpdateUser(ctx, *a1, audit(auth.EventUserUpdate, "user:quantri")))

	// A disabled admin does not count; an enabled second one does.
	a2 := newUser(t, st, "quantri2", auth.Admin)
	_, err := st.SetUserDisabled(ctx, a2.ID, true, audit(auth.EventUserDisable, "user:quantri2"))
	must(t, err)
	if err := st.UpdateUser(ctx, demoted, audit(auth.EventUserUpdate, "user:quantri")); !errors.Is(err, store.ErrLastAdmin) {
		t.Errorf("demoting the only active admin: %v, want ErrLastAdmin", err)
	}
	_, err = st.SetUserDisabled(ctx, a2.ID, false, audit(auth.EventUserEnable, "user:quantri2"))
	must(t, err)
	must(t, st.UpdateUser(ctx, demoted, audit(auth.EventUserUpdate, "user:quantri")))
	if _, err := st.SetUserDisabled(ctx, a2.ID, true, audit(auth.EventUserDisable, "user:quantri2")); !errors.Is(err, store.ErrLastAdmin) {
		t.Errorf("disabling the remaining admin: %v, want ErrLastAdmin", err)
	}
}
