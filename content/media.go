package content

import (
	"strconv"
	"strings"
)

// Rendition kinds: the shapes the site shows a picture in.
const (
	// RenditionFull keeps the picture's own proportions (article pictures).
	RenditionFull = "full"
	// RenditionWide is a 3:2 crop around the focal point (teasers, top story).
	RenditionWide = "wide"
	// RenditionThumb is a small square crop around the focal point (the newsroom's grid).
	RenditionThumb = "thumb"
)

// RenditionWidths are the widths, in pixels, made for the full and wide
// kinds: the site's columns (120-200 px teasers, a 490 px top story, a
// 760 px article column) at one and two device pixels per CSS pixel.
var RenditionWidths = []int{320, 480, 800, 1200}

// ThumbSize is the side of the square thumbnail.
const ThumbSize = 240

// Rendition is a smaller or cropped copy of a media file, made once at
// upload (and again when the focal point moves), named by its own hash.
type Rendition struct {
	Kind          string
	Width, Height int
	Hash          string
	Ext           string
	Size          int64
}

// Path is the rendition's public URL path.
func (r Rendition) Path() string {
	if len(r.Hash) < 2 {
		return ""
	}
	return "/media/" + r.Hash[:2] + "/" + r.Hash + "." + r.Ext
}

// Kind returns the renditions of one kind, narrowest first.
func (m *Media) Kind(kind string) []Rendition {
	if m == nil {
		return nil
	}
	var out []Rendition
	for _, r := range m.Renditions {
		if r.Kind == kind {
			out = append(out, r)
		}
	}
	// Few items, usually stored in order already: insertion sort.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Width < out[j-1].Width; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// Srcset is the srcset attribute value for a kind ("… 320w, … 480w"), or
// "" when the picture has no renditions of that kind.
func Srcset(rs []Rendition) string {
	var b strings.Builder
	for i, r := range rs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(r.Path())
		b.WriteByte(' ')
		b.WriteString(strconv.Itoa(r.Width))
		b.WriteByte('w')
	}
	return b.String()
}

// Fallback picks the rendition for browsers without srcset: the narrowest
// one at least width wide, else the widest.
func Fallback(rs []Rendition, width int) (Rendition, bool) {
	if len(rs) == 0 {
		return Rendition{}, false
	}
	for _, r := range rs {
		if r.Width >= width {
			return r, true
		}
	}
	return rs[len(rs)-1], true
}

// ClampFocal keeps a focal coordinate inside 0..1; anything not a number
// is the centre.
func ClampFocal(v float64) float64 {
	switch {
	case v != v: // NaN
		return 0.5
	case v < 0:
		return 0
	case v > 1:
		return 1
	}
	return v
}
