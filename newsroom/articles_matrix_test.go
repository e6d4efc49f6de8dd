package newsroom

import (
	"net/url"
	"time"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/workflow"
)

// stepTo names the workflow step that leads to a state, for the audit
// entries of the fixture.
var stepTo = map[content.Status]workflow.Step{
	content.StatusSubmitted: workflow.Submit, content.StatusApproved: workflow.Approve,
	content.StatusScheduled: workflow.Schedule, content.StatusPublished: workflow.Publish,
	content.StatusUnpublished: workflow.Unpublish,
}

// article writes an article in the local pages owned by owner and walks it
// through the store to status, as the managing editor; it returns its id.
func (e *env) article(owner string, status content.Status) int64 {
	e.t.Helper()
	now := e.clock.Now()
	a := &content.Article{Title: "Bài thử " + string(status), Slug: "bai-thu", Sapo: "Sapo", Body: "<p>Thân bài</p>",
		CategoryID: e.local.ID, Byline: "PHÓNG VIÊN", Tags: []content.Tag{{Name: "Giao thông"}}, CreatedAt: now, UpdatedAt: now}
	must(e.t, e.st.CreateDraft(ctx, a, e.users[owner].ID, store.AuditEntry{At: now, Action: "article.create"}))
	chief := e.users[roleUser[auth.ManagingEditor]].ID
	move := func(from, to content.Status, at time.Time) {
		must(e.t, e.st.Transition(ctx, store.TransitionRequest{ArticleID: a.ID, From: from, To: to, UserID: chief, At: now,
			PublishAt: at, Note: "thử", Audit: store.AuditEntry{At: now, Action: "article." + string(stepTo[to])}}))
	}
	path := map[content.Status][]content.Status{
		content.StatusDraft:       nil,
		content.StatusSubmitted:   {content.StatusSubmitted},
		content.StatusApproved:    {content.StatusSubmitted, content.StatusApproved},
		content.StatusScheduled:   {content.StatusSubmitted, content.StatusApproved, content.StatusScheduled},
		content.StatusPublished:   {content.StatusSubmitted, content.StatusApproved, content.StatusPublished},
		content.StatusUnpublished: {content.StatusSubmitted, content.StatusApproved, content.StatusPublished, content.StatusUnpublished},
	}[status]
	from := content.StatusDraft
	for _, to := range path {
		at := time.Time{}
		switch to {
		case content.StatusScheduled:
			at = now.Add(24 * time.Hour)
		case content.StatusPublished:
			at = now
		}
		move(from, to, at)
		from = to
	}
	return a.ID
}

// ownerFor is who owns an article an actor acts on: the actor themself
// (their own draft), or the limited reporter when nobody acts.
func ownerFor(actor string) string {
	if actor == "" {
		return roleUser[auth.Reporter]
	}
	return actor
}

// editable is an article the actor may edit: a reporter's own draft, or a
// submitted article for the editors.
func (e *env) editable(actor string) int64 {
	if actor != "" && e.users[actor].Role == auth.Reporter || actor == "" {
		return e.article(ownerFor(actor), content.StatusDraft)
	}
	return e.article(roleUser[auth.Reporter], content.StatusSubmitted)
}

func articlePath(id int64, rest string) string { return "/admin/bai-viet/" + itoa(id) + rest }

// A form that changes the article: what the editor sends.
func editorForm(e *env, id int64, title string) url.Values {
	m, err := e.st.ArticleMeta(ctx, id)
	must(e.t, err)
	return url.Values{"tieu_de": {title}, "sapo": {"Sapo mới"}, "noi_dung": {"<p>Nội dung <b>mới</b></p><script>x()</script>"},
		"chuyen_muc": {itoa(e.local.ID)}, "the": {"Giao thông, Bình Dương"}, "tac_gia": {"THU THẢO"}, "loai": {"0"},
		"phien_ban": {itoa(int64(m.Version))}}
}

func stepTarget(status content.Status, owned bool, form url.Values, rest string) target {
	return func(e *env, actor string) (string, url.Values) {
		owner := roleUser[auth.Reporter]
		if owned {
			owner = ownerFor(actor)
		}
		return articlePath(e.article(owner, status), rest), form
	}
}

// articleTargets are the matrix test's cases for articleRoutes.
var articleTargets = map[string]target{
	"GET /admin/bai-viet":     fixed("/admin/bai-viet?trang_thai=draft&q=b%C3%A0i", nil),
	"GET /admin/bai-viet/moi": fixed("/admin/bai-viet/moi", nil),
	"POST /admin/bai-viet": func(e *env, _ string) (string, url.Values) {
		return "/admin/bai-viet", url.Values{"tieu_de": {"Cầu mới thông xe"}, "chuyen_muc": {itoa(e.local.ID)}, "loai": {"0"},
			"noi_dung": {"<p>Bài mới</p>"}}
	},
	"POST /admin/bai-viet/dang-loat": func(e *env, _ string) (string, url.Values) {
		a, b := e.article(roleUser[auth.Reporter], content.StatusApproved), e.article(roleUser[auth.Reporter], content.StatusApproved)
		return "/admin/bai-viet/dang-loat", url.Values{"bai": {itoa(a), itoa(b)}}
	},
	"GET /admin/bai-viet/{id}": func(e *env, actor string) (string, url.Values) {
		return articlePath(e.article(roleUser[auth.Reporter], content.StatusDraft), ""), nil
	},
	"POST /admin/bai-viet/{id}": func(e *env, actor string) (string, url.Values) {
		id := e.editable(actor)
		return articlePath(id, ""), editorForm(e, id, "Tiêu đề đã sửa")
	},
	"POST /admin/bai-viet/{id}/tu-luu": func(e *env, actor string) (string, url.Values) {
		id := e.editable(actor)
		return articlePath(id, "/tu-luu"), editorForm(e, id, "Tiêu đề tự lưu")
	},
	"POST /admin/bai-viet/{id}/giu-cho": func(e *env, actor string) (string, url.Values) {
		return articlePath(e.editable(actor), "/giu-cho"), nil
	},
	"POST /admin/bai-viet/{id}/tra-cho": func(e *env, actor string) (string, url.Values) {
		id := e.editable(actor)
		holder := ownerFor(actor)
		if actor == "" {
			holder = victim
		}
		_, _, err := e.st.AcquireLease(ctx, store.LeaseRequest{ArticleID: id, UserID: e.users[holder].ID,
			SessionID: auth.SessionID(e.tokens[holder]), Rank: 1, Now: e.clock.Now(), TTL: time.Hour})
		must(e.t, err)
		return articlePath(id, "/tra-cho"), nil
	},
	"POST /admin/bai-viet/{id}/gui":          stepTarget(content.StatusDraft, true, nil, "/gui"),
	"POST /admin/bai-viet/{id}/nhan":         stepTarget(content.StatusSubmitted, false, nil, "/nhan"),
	"POST /admin/bai-viet/{id}/tra-bai":      stepTarget(content.StatusSubmitted, false, url.Values{"ly_do": {"Thiếu nguồn tin"}}, "/tra-bai"),
	"POST /admin/bai-viet/{id}/duyet":        stepTarget(content.StatusSubmitted, false, nil, "/duyet"),
	"POST /admin/bai-viet/{id}/dang":         stepTarget(content.StatusApproved, false, nil, "/dang"),
	"POST /admin/bai-viet/{id}/hen-gio":      stepTarget(content.StatusApproved, false, url.Values{"gio_dang": {"2026-11-03T08:33:25"}}, "/hen-gio"),
	"POST /admin/bai-viet/{id}/huy-hen-gio":  stepTarget(content.StatusScheduled, false, nil, "/huy-hen-gio"),
	"POST /admin/bai-viet/{id}/go-bai":       stepTarget(content.StatusPublished, false, url.Values{"ly_do": {"Sai sự thật"}}, "/go-bai"),
	"POST /admin/bai-viet/{id}/bien-tap-lai": stepTarget(content.StatusUnpublished, false, nil, "/bien-tap-lai"),
	"POST /admin/bai-viet/{id}/gio-go":       stepTarget(content.StatusPublished, false, url.Values{"gio_go": {"2026-11-03T18:00"}}, "/gio-go"),
	"GET /admin/bai-viet/{id}/phien-ban": func(e *env, actor string) (string, url.Values) {
		return articlePath(e.article(roleUser[auth.Reporter], content.StatusDraft), "/phien-ban"), nil
	},
	"GET /admin/bai-viet/{id}/phien-ban/{v}": func(e *env, actor string) (string, url.Values) {
		return articlePath(e.article(roleUser[auth.Reporter], content.StatusDraft), "/phien-ban/1"), nil
	},
	"POST /admin/bai-viet/{id}/phien-ban/{v}/khoi-phuc": func(e *env, actor string) (string, url.Values) {
		id := e.editable(actor)
		a, err := e.st.Article(ctx, id)
		must(e.t, err)
		m, _ := e.st.ArticleMeta(ctx, id)
		a.Title = "Bản thứ hai"
		v, err := e.st.SaveArticle(ctx, store.SaveRequest{Article: a, BaseVersion: m.Version, At: e.clock.Now(),
			Audit: store.AuditEntry{Action: "article.save"}})
		must(e.t, err)
		return articlePath(id, "/phien-ban/1/khoi-phuc"), url.Values{"phien_ban": {itoa(int64(v))}}
	},
	"GET /admin/bai-viet/{id}/ban-da-dang/{pv}": func(e *env, actor string) (string, url.Values) {
		id := e.article(roleUser[auth.Reporter], content.StatusPublished)
		pvs, err := e.st.PublishedVersions(ctx, id)
		must(e.t, err)
		return articlePath(id, "/ban-da-dang/"+itoa(pvs[0].ID)), nil
	},
}
