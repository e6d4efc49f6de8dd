package media

import (
	"bytes"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
	"math"

	"github.com/toasoan/toasoan/content"
)

// Encoding quality of the stored files: masters are kept near the
// upload's quality, renditions are sized for the screen.
const (
	masterQuality    = 90
	renditionQuality = 82
)

// busy lets one upload at a time be decoded: a 40-megapixel JPEG needs a
// few hundred megabytes while it is being read, and a small server must
// not hold several of those at once.
var busy = make(chan struct{}, 1)

// Processed is an upload made safe to publish: decoded, turned upright,
// scaled to the master's limit and encoded again, so that none of the
// uploaded bytes (EXIF, GPS position, comments, anything appended) reach
// the public files.
type Processed struct {
	Format     Format      // what was uploaded
	SourceHash string      // SHA-256 of the uploaded bytes
	Image      *image.RGBA // the master's pixels
	Data       []byte      // the master file
	Ext, MIME  string
	// Animated is set for a GIF of several frames: only the first is kept.
	Animated bool
}

// Process checks an upload against lim and the rules of this package and
// returns its master. Every refusal is a *Refusal.
func Process(data []byte, lim Limits) (*Processed, error) {
	if len(data) == 0 {
		return nil, ErrEmpty
	}
	if int64(len(data)) > lim.MaxBytes {
		return nil, refuse(ErrTooLarge, nil, "Tệp lớn hơn %d MB, giới hạn cho phép.", lim.MaxBytes>>20)
	}
	f, err := Sniff(data)
	if err != nil {
		return nil, err
	}
	if hasMarkup(data) {
		return nil, ErrMarkup
	}
	if _, err := Config(data, f, lim); err != nil {
		return nil, err
	}
	busy <- struct{}{}
	defer func() { <-busy }()
	img, err := decode(data, f)
	if err != nil {
		return nil, err
	}
	b := img.Bounds()
	w, h := fit(b.Dx(), b.Dy(), lim.MaxEdge)
	master := resize(img, b, w, h)
	img = nil
	if f == JPEG {
		master = orient(master, jpegOrientation(data))
	}
	p := &Processed{Format: f, SourceHash: Hash(data), Image: master, Animated: f == GIF && gifFrames(data) > 1}
	// Pictures that were lossless stay lossless; photographs stay JPEG
	// unless they are transparent.
	if f == PNG || f == GIF || !master.Opaque() {
		p.Data, err = encodePNG(master)
		p.Ext, p.MIME = "png", "image/png"
	} else {
		p.Data, err = encodeJPEG(master, masterQuality)
		p.Ext, p.MIME = "jpg", "image/jpeg"
	}
	if err != nil {
		return nil, err
	}
	return p, nil
}

func encodeJPEG(img *image.RGBA, quality int) ([]byte, error) {
	var buf bytes.Buffer
	// image/jpeg writes no metadata segments at all.
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func encodePNG(img *image.RGBA) ([]byte, error) {
	var buf bytes.Buffer
	// image/png writes only the chunks needed for the pixels.
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Encoded is a rendition made in memory, not yet stored.
type Encoded struct {
	Kind          string
	Width, Height int
	Data          []byte
	Ext           string
}

// Renditions makes the renditions of a master for the site's sizes (see
// content.RenditionWidths): the picture whole, a 3:2 crop and a square
// thumbnail, the crops around the focal point (fx, fy in 0..1). With kinds
// given, only those are made (a moved focal point changes only crops).
// Nothing is made larger than the master.
func Renditions(img *image.RGBA, fx, fy float64, kinds ...string) ([]Encoded, error) {
	return renditions(img, nil, "", fx, fy, kinds)
}

// RenditionsWithMaster is Renditions where a rendition of the master's own
// size and shape is the master file (data, ext) itself rather than a copy
// encoded again: a 1200 px picture is its own widest rendition.
func RenditionsWithMaster(img *image.RGBA, data []byte, ext string, fx, fy float64, kinds ...string) ([]Encoded, error) {
	return renditions(img, data, ext, fx, fy, kinds)
}

func renditions(img *image.RGBA, master []byte, masterExt string, fx, fy float64, kinds []string) ([]Encoded, error) {
	if len(kinds) == 0 {
		kinds = []string{content.RenditionFull, content.RenditionWide, content.RenditionThumb}
	}
	fx, fy = content.ClampFocal(fx), content.ClampFocal(fy)
	b := img.Bounds()
	opaque := img.Opaque()
	type key struct {
		crop image.Rectangle
		w, h int
	}
	type made struct {
		enc Encoded
		px  *image.RGBA
	}
	done := map[key]made{} // a 3:2 master's wide crop is the master itself
	var out []Encoded
	for _, kind := range kinds {
		var crop image.Rectangle
		var sizes [][2]int
		switch kind {
		case content.RenditionFull:
			crop = b
			sizes = widths(b.Dx(), b.Dy())
		case content.RenditionWide:
			crop = focalCrop(b, 3, 2, fx, fy)
			sizes = widths(crop.Dx(), crop.Dy())
		case content.RenditionThumb:
			crop = focalCrop(b, 1, 1, fx, fy)
			s := min(content.ThumbSize, crop.Dx())
			sizes = [][2]int{{s, s}}
		default:
			continue
		}
		// Widest first, each smaller size averaged down from the one
		// before it: a third of the work of starting from the master
		// every time, for a picture a shade softer at the smallest sizes.
		kindOut := make([]Encoded, len(sizes))
		var prev *image.RGBA
		for i := len(sizes) - 1; i >= 0; i-- {
			sz := sizes[i]
			k := key{crop, sz[0], sz[1]}
			m, ok := done[k]
			if !ok && master != nil && crop == b && sz[0] == b.Dx() && sz[1] == b.Dy() {
				m = made{Encoded{Width: sz[0], Height: sz[1], Data: master, Ext: masterExt}, img}
				done[k], ok = m, true
			}
			if !ok {
				if prev != nil {
					m.px = resize(prev, prev.Bounds(), sz[0], sz[1])
				} else {
					m.px = resize(img, crop, sz[0], sz[1])
				}
				var err error
				if opaque {
					m.enc.Data, err = encodeJPEG(m.px, renditionQuality)
					m.enc.Ext = "jpg"
				} else {
					m.enc.Data, err = encodePNG(m.px)
					m.enc.Ext = "png"
				}
				if err != nil {
					return nil, err
				}
				m.enc.Width, m.enc.Height = sz[0], sz[1]
				done[k] = m
			}
			prev = m.px
			m.enc.Kind = kind
			kindOut[i] = m.enc
		}
		out = append(out, kindOut...)
	}
	return out, nil
}

// widths lists the rendition sizes of a w × h picture or crop: every
// standard width below w, and w itself up to the widest standard one.
func widths(w, h int) [][2]int {
	var out [][2]int
	add := func(tw int) {
		th := max(1, int(math.Round(float64(h)*float64(tw)/float64(w))))
		out = append(out, [2]int{tw, th})
	}
	top := content.RenditionWidths[len(content.RenditionWidths)-1]
	for _, tw := range content.RenditionWidths {
		if tw < w && tw < top {
			add(tw)
		}
	}
	add(min(w, top))
	return out
}

// FromImage makes a master from pixels that need no checking (the demo's
// generated pictures): they are copied into an RGBA image.
func FromImage(img image.Image) *image.RGBA {
	if m, ok := img.(*image.RGBA); ok {
		return m
	}
	b := img.Bounds()
	m := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(m, m.Bounds(), img, b.Min, draw.Src)
	return m
}
