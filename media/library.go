package media

import (
	"fmt"
	"image"
	"os"

	"github.com/toasoan/toasoan/content"
)

// Save writes a processed upload's master and its renditions (crops around
// fx, fy) to the disk and returns the record to keep in the store. Every
// file is named by its own content hash.
func (d Disk) Save(p *Processed, fx, fy float64) (*content.Media, error) {
	hash, err := d.Put(p.Data, p.Ext)
	if err != nil {
		return nil, err
	}
	enc, err := RenditionsWithMaster(p.Image, p.Data, p.Ext, fx, fy)
	if err != nil {
		return nil, fmt.Errorf("media: renditions of %s: %w", hash, err)
	}
	rs, err := d.PutRenditions(enc)
	if err != nil {
		return nil, err
	}
	b := p.Image.Bounds()
	return &content.Media{Hash: hash, Ext: p.Ext, MIME: p.MIME, Width: b.Dx(), Height: b.Dy(), Size: int64(len(p.Data)),
		SourceHash: p.SourceHash, FocalX: content.ClampFocal(fx), FocalY: content.ClampFocal(fy), Renditions: rs}, nil
}

// PutRenditions stores renditions made in memory.
func (d Disk) PutRenditions(enc []Encoded) ([]content.Rendition, error) {
	out := make([]content.Rendition, 0, len(enc))
	for _, e := range enc {
		h, err := d.Put(e.Data, e.Ext)
		if err != nil {
			return nil, err
		}
		out = append(out, content.Rendition{Kind: e.Kind, Width: e.Width, Height: e.Height, Hash: h, Ext: e.Ext, Size: int64(len(e.Data))})
	}
	return out, nil
}

// Refocus makes the crops of a stored picture again around a new focal
// point, from its master on disk, and returns its full set of renditions:
// the uncropped ones as they were, the crops new. The old crop files stay,
// since pages already cached may still name them.
func (d Disk) Refocus(m *content.Media, fx, fy float64) ([]content.Rendition, error) {
	img, data, err := d.master(m)
	if err != nil {
		return nil, err
	}
	enc, err := RenditionsWithMaster(img, data, m.Ext, fx, fy, content.RenditionWide, content.RenditionThumb)
	if err != nil {
		return nil, err
	}
	crops, err := d.PutRenditions(enc)
	if err != nil {
		return nil, err
	}
	full := m.Kind(content.RenditionFull)
	if len(full) == 0 {
		// A picture stored before renditions existed gets them all now.
		enc, err := RenditionsWithMaster(img, data, m.Ext, fx, fy, content.RenditionFull)
		if err != nil {
			return nil, err
		}
		if full, err = d.PutRenditions(enc); err != nil {
			return nil, err
		}
	}
	return append(full, crops...), nil
}

// master decodes a stored master file. It went through Process (or the
// demo's generator) when stored, but is checked again as any file is.
func (d Disk) master(m *content.Media) (*image.RGBA, []byte, error) {
	p, ok := d.Open(RelPath(m.Hash, m.Ext))
	if !ok {
		return nil, nil, fmt.Errorf("media: master %s.%s is missing", m.Hash, m.Ext)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, nil, fmt.Errorf("media: %w", err)
	}
	f, err := Sniff(data)
	if err != nil {
		return nil, nil, fmt.Errorf("media: master %s: %w", m.Hash, err)
	}
	lim := DefaultLimits
	lim.MaxBytes = int64(len(data))
	if _, err := Config(data, f, lim); err != nil {
		return nil, nil, fmt.Errorf("media: master %s: %w", m.Hash, err)
	}
	busy <- struct{}{}
	defer func() { <-busy }()
	img, err := decode(data, f)
	if err != nil {
		return nil, nil, fmt.Errorf("media: master %s: %w", m.Hash, err)
	}
	b := img.Bounds()
	return resize(img, b, b.Dx(), b.Dy()), data, nil
}
