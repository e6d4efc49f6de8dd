package media

import (
	"image"
	"image/draw"
	"math"
)

// The resampler averages areas: each output pixel is the mean of the source
// pixels it covers, partial ones weighted by how much of them it covers.
// For shrinking, which is all renditions do, that is alias-free and needs
// one pass over the source per output, whatever the ratio. Colours are
// averaged premultiplied by alpha, so transparent pixels do not darken the
// edges of what they surround.

// span is the source pixels behind one output pixel: from first, with weights.
type span struct {
	first   int
	weights []float32
}

// spans divides n source pixels among m output pixels (m <= n).
func spans(n, m int) []span {
	out := make([]span, m)
	scale := float64(n) / float64(m)
	for i := range out {
		lo, hi := float64(i)*scale, float64(i+1)*scale
		first := int(math.Floor(lo))
		last := min(int(math.Ceil(hi)), n)
		ws := make([]float32, 0, last-first)
		for j := first; j < last; j++ {
			cover := math.Min(hi, float64(j+1)) - math.Max(lo, float64(j))
			ws = append(ws, float32(cover/scale))
		}
		out[i] = span{first: first, weights: ws}
	}
	return out
}

// rowReader hands out rows of any image as premultiplied RGBA bytes.
type rowReader struct {
	src  image.Image
	rgba *image.RGBA // src, when it is one: rows are read in place
	buf  *image.RGBA
}

func newRowReader(src image.Image, width int) *rowReader {
	r := &rowReader{src: src}
	if m, ok := src.(*image.RGBA); ok {
		r.rgba = m
	} else {
		r.buf = image.NewRGBA(image.Rect(0, 0, width, 1))
	}
	return r
}

// row returns pixels x0..x0+width-1 of row y (absolute coordinates).
func (r *rowReader) row(y, x0, width int) []uint8 {
	if r.rgba != nil {
		i := r.rgba.PixOffset(x0, y)
		return r.rgba.Pix[i : i+4*width]
	}
	// image/draw converts YCbCr, Gray, CMYK, Paletted and NRGBA rows
	// without going through color.Color per pixel.
	draw.Draw(r.buf, r.buf.Bounds(), r.src, image.Pt(x0, y), draw.Src)
	return r.buf.Pix[:4*width]
}

// resize returns the part crop of src scaled to w × h (no larger than
// crop), as a new RGBA image.
func resize(src image.Image, crop image.Rectangle, w, h int) *image.RGBA {
	cw, ch := crop.Dx(), crop.Dy()
	w, h = max(1, min(w, cw)), max(1, min(h, ch))
	if m, ok := src.(*image.RGBA); ok && w == cw && h == ch && crop == m.Bounds() && crop.Min == (image.Point{}) {
		return m // nothing to do; callers never write to what they get
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	rows := newRowReader(src, cw)
	opaque := false
	switch m := src.(type) {
	case *image.RGBA:
		opaque = m.Opaque()
	case *image.YCbCr, *image.Gray:
		opaque = true
	}
	xs, ys := spans(cw, w), spans(ch, h)
	sameW := w == cw

	// hrow is the last source row scaled across; rows on the boundary
	// between two output rows are used by both.
	hrow := make([]float32, 4*w)
	frow := make([]float32, 4*cw)
	hrowY := -1
	across := func(y int) []float32 {
		if y == hrowY {
			return hrow
		}
		hrowY = y
		px := rows.row(crop.Min.Y+y, crop.Min.X, cw)
		if sameW {
			for i, v := range px {
				hrow[i] = float32(v)
			}
			return hrow
		}
		for i, v := range px {
			frow[i] = float32(v)
		}
		for x, s := range xs {
			var r, g, b, a float32
			p := frow[4*s.first : 4*(s.first+len(s.weights))]
			for k, wt := range s.weights {
				q := p[4*k : 4*k+4]
				r += wt * q[0]
				g += wt * q[1]
				b += wt * q[2]
				a += wt * q[3]
			}
			o := hrow[4*x : 4*x+4]
			o[0], o[1], o[2], o[3] = r, g, b, a
		}
		return hrow
	}

	acc := make([]float32, 4*w)
	for y, s := range ys {
		clear(acc)
		for k, wt := range s.weights {
			src := across(s.first + k)
			src = src[:len(acc)]
			for i := range acc {
				acc[i] += wt * src[i]
			}
		}
		out := dst.Pix[y*dst.Stride : y*dst.Stride+4*w]
		out = out[:len(acc)]
		for i, v := range acc {
			// Weights sum to one, so v is within 0..255 but for rounding.
			if v >= 254.5 {
				out[i] = 255
			} else {
				out[i] = uint8(v + 0.5)
			}
		}
		if !opaque {
			// Premultiplied colour may not exceed alpha after rounding.
			for i := 0; i < len(out); i += 4 {
				a := out[i+3]
				out[i], out[i+1], out[i+2] = min(out[i], a), min(out[i+1], a), min(out[i+2], a)
			}
		}
	}
	return dst
}

// fit returns w × h scaled so that the long edge is at most edge.
func fit(w, h, edge int) (int, int) {
	if w <= edge && h <= edge {
		return w, h
	}
	if w >= h {
		return edge, max(1, int(math.Round(float64(h)*float64(edge)/float64(w))))
	}
	return max(1, int(math.Round(float64(w)*float64(edge)/float64(h)))), edge
}

// focalCrop is the largest rectangle of proportions aw:ah inside b whose
// centre is as near the focal point (fx, fy in 0..1) as the edges allow.
// The focal point is always inside it.
func focalCrop(b image.Rectangle, aw, ah int, fx, fy float64) image.Rectangle {
	w, h := b.Dx(), b.Dy()
	cw, ch := w, h
	if w*ah > h*aw { // wider than wanted: full height
		cw = max(1, int(math.Round(float64(h)*float64(aw)/float64(ah))))
	} else {
		ch = max(1, int(math.Round(float64(w)*float64(ah)/float64(aw))))
	}
	x0 := int(math.Round(fx*float64(w) - float64(cw)/2))
	y0 := int(math.Round(fy*float64(h) - float64(ch)/2))
	x0 = min(max(x0, 0), w-cw)
	y0 = min(max(y0, 0), h-ch)
	return image.Rect(b.Min.X+x0, b.Min.Y+y0, b.Min.X+x0+cw, b.Min.Y+y0+ch)
}
