package site

import (
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"sync"
	"time"

	"github.com/toasoan/toasoan/assets"
	"github.com/toasoan/toasoan/content"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

var (
	templates     *template.Template
	templatesOnce sync.Once
	templatesErr  error
)

// staticAssets are the stylesheet and scripts, linked by checksummed names;
// one asked for by its plain name may be kept five minutes.
var staticAssets = func() *assets.Set {
	s := assets.Must(assets.New(staticFiles, "static", "/static/"))
	s.Unhashed = "public, max-age=300"
	return s
}()

var weekdays = [...]string{"Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}

var funcs = template.FuncMap{
	"stamp": content.Stamp,
	"iso":   func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	"date": func(t time.Time) string {
		return t.In(content.Location).Format("02/01/2006")
	},
	"asset": staticAssets.URL,
	// html marks an article body as safe: bodies are sanitized against an
	// allowlist when they are written (richtext.Sanitize), never at render.
	"html":   func(s string) template.HTML { return template.HTML(s) },
	"hasPic": func(m *content.Media) bool { return m != nil && m.Hash != "" },
}

func loadTemplates() error {
	templatesOnce.Do(func() {
		templates, templatesErr = template.New("").Funcs(funcs).ParseFS(templateFiles, "templates/*.html")
	})
	if templatesErr != nil {
		return fmt.Errorf("load templates: %w", templatesErr)
	}
	return nil
}

// static serves embedded assets; a checksummed name is cached for a year.
func (s *Site) static(w http.ResponseWriter, r *http.Request) {
	if !staticAssets.Serve(w, r.PathValue("file")) {
		s.renderError(w, r, http.StatusNotFound)
	}
}

// mediaFile serves a stored upload. Names are content hashes, so the file
// behind a URL never changes and may be cached for a year.
func (s *Site) mediaFile(w http.ResponseWriter, r *http.Request) {
	p, ok := s.media.Open(r.PathValue("dir") + "/" + r.PathValue("file"))
	if !ok {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	http.ServeFile(w, r, p)
}

func (s *Site) robots(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintf(w, "User-agent: *\nDisallow: /admin/\n")
}
