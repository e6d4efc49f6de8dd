package site

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

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

	// assetNames maps "site.css" to "site.1a2b3c4d5e.css": the checksum in the
	// name lets browsers cache assets for a year.
	assetNames = map[string]string{}
	// assetFiles maps the hashed name back to the embedded file.
	assetFiles = map[string]string{}
)

var weekdays = [...]string{"Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}

var funcs = template.FuncMap{
	"stamp": content.Stamp,
	"iso":   func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	"date": func(t time.Time) string {
		return t.In(content.Location).Format("02/01/2006")
	},
	"asset": func(name string) string {
		if h, ok := assetNames[name]; ok {
			return "/static/" + h
		}
		return "/static/" + name
	},
	// html marks an article body as safe: bodies are sanitized against an
	// allowlist when they are written (richtext.Sanitize), never at render.
	"html":   func(s string) template.HTML { return template.HTML(s) },
	"hasPic": func(m *content.Media) bool { return m != nil && m.Hash != "" },
}

func loadTemplates() error {
	templatesOnce.Do(func() {
		templatesErr = fs.WalkDir(staticFiles, "static", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := staticFiles.ReadFile(p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(b)
			name := path.Base(p)
			ext := path.Ext(name)
			hashed := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
			assetNames[name] = hashed
			assetFiles[hashed] = p
			return nil
		})
		if templatesErr != nil {
			return
		}
		templates, templatesErr = template.New("").Funcs(funcs).ParseFS(templateFiles, "templates/*.html")
	})
	if templatesErr != nil {
		return fmt.Errorf("load templates: %w", templatesErr)
	}
	return nil
}

// static serves embedded assets; a hashed name is cached for a year.
func (s *Site) static(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	p, hashed := assetFiles[name]
	if !hashed {
		if h, ok := assetNames[name]; ok {
			p = assetFiles[h]
		}
	}
	b, err := staticFiles.ReadFile(p)
	if p == "" || err != nil {
		s.renderError(w, r, http.StatusNotFound)
		return
	}
	switch path.Ext(p) {
	case ".css":
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
	case ".js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	case ".svg":
		w.Header().Set("Content-Type", "image/svg+xml")
	}
	if hashed {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "public, max-age=300")
	}
	w.Write(b)
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
