package newsroom

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/toasoan/toasoan/auth"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
)

// auditPageLen is how many entries one page of the audit log shows.
const auditPageLen = 100

type auditPage struct {
	frame
	Entries []auditRow
	Users   []store.User
	Events  []eventOption
	Filter  auditFilter
	Older   string // URL of the next, older page; empty on the last
	Notice  string
	Error   string
}

type auditRow struct {
	store.AuditEntry
	Who string
}

type eventOption struct{ Name, Label string }

type auditFilter struct {
	UserID   int64
	Action   string
	From, To string // YYYY-MM-DD, days in Vietnam
}

// dateLayout is what <input type="date"> sends.
const dateLayout = "2006-01-02"

// auditLog shows the audit log, newest first, filtered by person, event and
// days (in Vietnam's time), a page at a time.
func (n *Newsroom) auditLog(w http.ResponseWriter, r *http.Request, s *staff) error {
	ctx := r.Context()
	v := r.URL.Query()
	p := auditPage{frame: n.frame(r, s, "Nhật ký thao tác")}
	q := store.AuditQuery{Limit: auditPageLen}
	if id, err := strconv.ParseInt(v.Get("nguoi"), 10, 64); err == nil && id > 0 {
		q.UserID, p.Filter.UserID = id, id
	}
	q.Action, p.Filter.Action = v.Get("thao_tac"), v.Get("thao_tac")
	if d := v.Get("tu"); d != "" {
		t, err := time.ParseInLocation(dateLayout, d, content.Location)
		if err != nil {
			p.Error = "Ngày bắt đầu không đúng dạng năm-tháng-ngày."
		} else {
			q.Since, p.Filter.From = t, d
		}
	}
	if d := v.Get("den"); d != "" {
		t, err := time.ParseInLocation(dateLayout, d, content.Location)
		if err != nil {
			p.Error = "Ngày kết thúc không đúng dạng năm-tháng-ngày."
		} else {
			q.Until, p.Filter.To = t.AddDate(0, 0, 1), d // the whole day
		}
	}
	if id, err := strconv.ParseInt(v.Get("truoc"), 10, 64); err == nil && id > 0 {
		q.BeforeID = id
	}
	entries, err := n.st.Audit(ctx, q)
	if err != nil {
		return err
	}
	users, err := n.st.Users(ctx)
	if err != nil {
		return err
	}
	p.Users = users
	names := map[int64]string{}
	for _, u := range users {
		names[u.ID] = u.DisplayName + " (" + u.Username + ")"
	}
	for _, e := range entries {
		who := names[e.UserID]
		if e.UserID == 0 {
			who = "Dòng lệnh / hệ thống"
		}
		p.Entries = append(p.Entries, auditRow{AuditEntry: e, Who: who})
	}
	for _, name := range auth.Events() {
		p.Events = append(p.Events, eventOption{Name: name, Label: auth.EventLabel(name)})
	}
	if len(entries) == auditPageLen {
		older := url.Values{}
		for _, k := range []string{"nguoi", "thao_tac", "tu", "den"} {
			if v.Get(k) != "" {
				older.Set(k, v.Get(k))
			}
		}
		older.Set("truoc", strconv.FormatInt(entries[len(entries)-1].ID, 10))
		p.Older = "/admin/nhat-ky?" + older.Encode()
	}
	return n.render(w, r, http.StatusOK, "audit.html", &p)
}
