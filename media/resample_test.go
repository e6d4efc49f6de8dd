package media

import (
	"image"
	"image/color"
	"testing"
)

// TestResizeAverages: shrinking averages the covered pixels, and a
// transparent neighbour does not darken an opaque pixel's colour.
func TestResizeAverages(t *testing.T) {
	src := paint(4, 2, func(x, y int) color.RGBA {
		if x < 2 {
			return color.RGBA{200, 100, 0, 255}
		}
		return color.RGBA{0, 0, 0, 0}
	})
	got := resize(src, src.Bounds(), 2, 1)
	if c := got.RGBAAt(0, 0); c != (color.RGBA{200, 100, 0, 255}) {
		t.Errorf("left %v", c)
	}
	if c := got.RGBAAt(1, 0); c != (color.RGBA{}) {
		t.Errorf("right %v", c)
	}
	// 3 → 2: the middle pixel is shared half and half.
	row := paint(3, 1, func(x, _ int) color.RGBA { return color.RGBA{uint8(x * 90), 0, 0, 255} })
	got = resize(row, row.Bounds(), 2, 1)
	if a, b := got.RGBAAt(0, 0).R, got.RGBAAt(1, 0).R; a != 30 || b != 150 {
		t.Errorf("3 → 2: %d %d, want 30 150", a, b)
	}
	// A crop of a YCbCr picture goes through the row converter.
	ycc := image.NewYCbCr(image.Rect(0, 0, 64, 64), image.YCbCrSubsampleRatio420)
	for i := range ycc.Y {
		ycc.Y[i] = 128
	}
	for i := range ycc.Cb {
		ycc.Cb[i], ycc.Cr[i] = 128, 128
	}
	got = resize(ycc, image.Rect(16, 16, 48, 48), 8, 8)
	if c := got.RGBAAt(3, 3); c.R < 126 || c.R > 130 || c.A != 255 || got.Bounds().Dx() != 8 {
		t.Errorf("grey crop %v %v", c, got.Bounds())
	}
}

func BenchmarkResize1200to800(b *testing.B) {
	src := gradient(1200, 800)
	b.SetBytes(1200 * 800 * 4)
	for b.Loop() {
		resize(src, src.Bounds(), 800, 533)
	}
}
