// Package assets serves a folder of embedded static files (stylesheets,
// scripts) under names that carry a checksum of their content:
// "site.css" is linked as "site.1a2b3c4d5e.css", which browsers may keep
// for a year, since a new version has a new name.
package assets

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

// Set is one folder of assets.
type Set struct {
	fsys   fs.FS
	prefix string            // the URL path they are served under, ending in "/"
	names  map[string]string // "site.css" → "site.1a2b3c4d5e.css"
	files  map[string]string // hashed name → path in fsys
	// Unhashed is the Cache-Control of a file asked for by its plain name
	// (a link from outside); "" leaves the header as it is.
	Unhashed string
}

// New reads every file under dir in fsys; their URLs start with prefix.
func New(fsys fs.FS, dir, prefix string) (*Set, error) {
	s := &Set{fsys: fsys, prefix: prefix, names: map[string]string{}, files: map[string]string{}}
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		name := path.Base(p)
		ext := path.Ext(name)
		hashed := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
		s.names[name], s.files[hashed] = hashed, p
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("embedded assets: %w", err)
	}
	return s, nil
}

// Must is New for package variables: the files are embedded, so an error
// is a build mistake.
func Must(s *Set, err error) *Set {
	if err != nil {
		panic(err)
	}
	return s
}

// Hashed is a file's checksummed name ("site.css" → "site.1a2b3c4d5e.css").
func (s *Set) Hashed(name string) (string, bool) {
	h, ok := s.names[name]
	return h, ok
}

// URL is the address to link a file by: its checksummed name, or its plain
// name if there is no such file (the link then answers 404, visibly).
func (s *Set) URL(name string) string {
	if h, ok := s.names[name]; ok {
		return s.prefix + h
	}
	return s.prefix + name
}

// Serve writes the file named name (checksummed or plain) with its type
// and cache lifetime, and reports false, writing nothing, if there is none.
func (s *Set) Serve(w http.ResponseWriter, name string) bool {
	p, hashed := s.files[name]
	if !hashed {
		p = s.files[s.names[name]]
	}
	if p == "" {
		return false
	}
	b, err := fs.ReadFile(s.fsys, p)
	if err != nil {
		return false
	}
	switch path.Ext(p) {
	case ".css":
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
	case ".js":
		// With nosniff a browser runs a script only under a script type.
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	case ".svg":
		w.Header().Set("Content-Type", "image/svg+xml")
	}
	switch {
	case hashed:
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	case s.Unhashed != "":
		w.Header().Set("Cache-Control", s.Unhashed)
	}
	w.Write(b)
	return true
}
