package site

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/toasoan/toasoan/comments"
	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/diacritics"
	"github.com/toasoan/toasoan/store"
)

// Reader comments on the site: the form under each article, the approved
// comments with their replies, the counts in listings, and the two
// endpoints: the submission (a plain form post that works without
// JavaScript) and the diacritics suggestion comments.js asks for.

// checkJSPath is the URL of diacritics/check.js, named by its checksum like
// the embedded assets so that browsers keep it for a year.
var checkJSPath = func() string {
	sum := sha256.Sum256([]byte(diacritics.CheckJS))
	return "/static/check." + hex.EncodeToString(sum[:5]) + ".js"
}()

// commentBlock is what the article page shows of comments.
type commentBlock struct {
	Count    int
	Items    []commentView
	Form     commentForm
	Notice   string // the acknowledgement after a submission
	Open     bool   // whether comments are taken (a comments service is configured)
	FormOnly bool   // the page answering a refused submission: the form, not the list
	SiteName string
	Rules    string // the notice set in the settings; empty: the default with SiteName
	CheckJS  string
}

type commentView struct {
	content.Comment
	Pieces  []textPiece // the text, with links where an editor allowed them
	Replies []commentView
}

// textPiece is a run of a comment's text, or a link when URL is set.
type textPiece struct{ Text, URL string }

var urlRE = regexp.MustCompile(`https?://[^\s<>"]+`)

// pieces splits a comment's text for the page. Addresses stay plain text
// unless an editor allowed links on this comment.
func pieces(c content.Comment) []textPiece {
	if !c.LinksAllowed {
		return []textPiece{{Text: c.Body}}
	}
	var out []textPiece
	rest := c.Body
	for {
		loc := urlRE.FindStringIndex(rest)
		if loc == nil {
			break
		}
		u := strings.TrimRight(rest[loc[0]:loc[1]], ".,;:!?)]}'")
		end := loc[0] + len(u)
		if loc[0] > 0 {
			out = append(out, textPiece{Text: rest[:loc[0]]})
		}
		if parsed, err := url.Parse(u); err == nil && parsed.Host != "" {
			out = append(out, textPiece{Text: u, URL: u})
		} else {
			out = append(out, textPiece{Text: u})
		}
		rest = rest[end:]
	}
	if rest != "" {
		out = append(out, textPiece{Text: rest})
	}
	return out
}

// commentForm is the form's state: empty on the article page, the reader's
// values and the refusal on the page that answers a refused submission.
type commentForm struct {
	Action     string
	Token      string
	Suggest    string // URL of the JSON suggestion endpoint
	ParentID   int64
	ParentName string
	Name       string
	Email      string
	Body       string
	Error      string
	Suggestion string
	HadFiles   bool
	MaxBytes   int
}

// commentPage is the page that answers a refused submission without
// JavaScript: the article's title, the reason, and the form again.
type commentPage struct {
	page
	Article  *content.Article
	Comments *commentBlock
}

// commentsBlock builds the comments of an article page. replyTo is the
// ?tra-loi= parameter: the approved comment a reader answers.
func (s *Site) commentsBlock(r *http.Request, nav *navigation, a *content.Article) (*commentBlock, error) {
	list, err := s.st.ApprovedComments(r.Context(), a.ID)
	if err != nil {
		return nil, err
	}
	b := &commentBlock{SiteName: nav.info.Name, Rules: nav.notice, CheckJS: checkJSPath, Form: s.newCommentForm(a), Open: s.comments != nil}
	index := map[int64]int{}
	for _, c := range list {
		if c.ParentID == 0 {
			index[c.ID] = len(b.Items)
			b.Items = append(b.Items, commentView{Comment: c, Pieces: pieces(c)})
		}
	}
	for _, c := range list {
		if i, ok := index[c.ParentID]; ok && c.ParentID != 0 {
			b.Items[i].Replies = append(b.Items[i].Replies, commentView{Comment: c, Pieces: pieces(c)})
		}
	}
	b.Count = len(b.Items)
	for _, it := range b.Items {
		b.Count += len(it.Replies)
	}
	q := r.URL.Query()
	if q.Get("y-kien") == "da-gui" {
		b.Notice = "Cảm ơn bạn đã gửi ý kiến. " + nav.info.Name + " sẽ biên tập ý kiến của bạn trước khi đăng; ý kiến sẽ hiện dưới bài sau khi được duyệt."
	}
	if id, err := strconv.ParseInt(q.Get("tra-loi"), 10, 64); err == nil {
		if i, ok := index[id]; ok {
			b.Form.ParentID, b.Form.ParentName = id, b.Items[i].Name
		}
	}
	return b, nil
}

func (s *Site) newCommentForm(a *content.Article) commentForm {
	f := commentForm{Action: "/y-kien/" + strconv.FormatInt(a.ID, 10), Suggest: "/y-kien/goi-y", MaxBytes: comments.MaxAttachments}
	if s.comments != nil {
		f.Token = s.comments.Token(a.ID)
	}
	return f
}

// submitComment takes a reader's comment (POST /y-kien/{id}). The comment
// is committed before the 303 to the article's acknowledgement; a refusal
// shows the form again with the reason and what the reader wrote.
func (s *Site) submitComment(w http.ResponseWriter, r *http.Request) error {
	if s.comments == nil {
		return store.ErrNotFound
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return store.ErrNotFound
	}
	a, err := s.st.Article(r.Context(), id)
	if err != nil {
		return err
	}
	if !a.PublicAt(s.now()) {
		return store.ErrNotFound
	}
	r.Body = http.MaxBytesReader(w, r.Body, comments.MaxRequest)
	c, err := s.comments.Submit(r.Context(), r, a)
	var ref *comments.Refusal
	if errors.As(err, &ref) {
		return s.renderRefusal(w, r, a, ref)
	}
	if err != nil {
		return err
	}
	s.log.Info("comment received", "request_id", RequestID(r.Context()), "comment", c.ID, "article", a.ID,
		"attachments", len(c.Attachments))
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, a.Path()+"?y-kien=da-gui#y-kien", http.StatusSeeOther)
	return nil
}

func (s *Site) renderRefusal(w http.ResponseWriter, r *http.Request, a *content.Article, ref *comments.Refusal) error {
	nav, err := s.navigation(r.Context())
	if err != nil {
		return err
	}
	f := s.newCommentForm(a)
	f.Name, f.Email, f.Body, f.ParentID = ref.Form.Name, ref.Form.Email, ref.Form.Body, ref.Form.ParentID
	f.Error, f.Suggestion = ref.Message, ref.Suggestion
	if f.ParentID != 0 {
		// The form answers the same comment, named as on the article page;
		// a parent that cannot be answered leaves a comment on the article.
		p, err := s.st.Comment(r.Context(), f.ParentID)
		if err == nil && p.ArticleID == a.ID && p.ParentID == 0 && p.Status == content.CommentApproved {
			f.ParentName = p.Name
		} else if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		} else {
			f.ParentID = 0
		}
	}
	f.HadFiles = strings.Contains(r.Header.Get("Content-Type"), "multipart/")
	data := commentPage{page: s.basePage(r, nav, "Gửi ý kiến: "+a.Title, ""), Article: a,
		Comments: &commentBlock{SiteName: nav.info.Name, Rules: nav.notice, CheckJS: checkJSPath, Form: f, Open: true, FormOnly: true}}
	data.NoIndex = true
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	if ref.Status == http.StatusRequestEntityTooLarge {
		// The reader's browser may still be sending; do not read the rest.
		h.Set("Connection", "close")
	}
	var buf strings.Builder
	if err := templates.ExecuteTemplate(&buf, "comments-page.html", data); err != nil {
		return err
	}
	h.Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(ref.Status)
	_, err = io.WriteString(w, buf.String())
	return err
}

// maxSuggestBody bounds the text sent for a suggestion.
const maxSuggestBody = 64 << 10

// suggestComment answers comments.js (POST /y-kien/goi-y, field noi_dung):
// whether the text lacks diacritics and the text with them restored.
func (s *Site) suggestComment(w http.ResponseWriter, r *http.Request) error {
	if s.comments == nil {
		return store.ErrNotFound
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxSuggestBody)
	if err := r.ParseForm(); err != nil {
		return badRequest{"Nội dung gửi lên quá dài hoặc không hợp lệ."}
	}
	sg := s.comments.Suggest(r.PostForm.Get(comments.FieldBody))
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	return json.NewEncoder(w).Encode(sg)
}

// checkJS serves diacritics/check.js.
func (s *Site) checkJS(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	io.WriteString(w, diacritics.CheckJS)
}

// fillCommentCounts puts the approved comment counts into teasers, with one
// query for the whole page.
func (s *Site) fillCommentCounts(r *http.Request, lists ...[]teaserView) error {
	var ids []int64
	for _, l := range lists {
		for _, t := range l {
			ids = append(ids, t.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	counts, err := s.st.CommentCounts(r.Context(), ids)
	if err != nil {
		return err
	}
	for _, l := range lists {
		for i := range l {
			l[i].CommentCount = counts[l[i].ID]
		}
	}
	return nil
}
