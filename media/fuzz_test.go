package media

import (
	"image"
	"testing"
)

// FuzzJPEGOrientation feeds the EXIF reader hostile segment lengths, IFD
// offsets and entry counts: it must never panic, never read outside the
// file, and answer an orientation from 1 to 8.
func FuzzJPEGOrientation(f *testing.F) {
	f.Add(withSegments(jpegOf(f, gradient(8, 8)), exifSegment(6, "GPS")))
	f.Add(withSegments([]byte{0xFF, 0xD8, 0xFF, 0xD9}, exifSegment(8, "")))
	f.Add([]byte("\xFF\xD8\xFF\xE1\x00\x10Exif\x00\x00MM\x00\x2A\xFF\xFF\xFF\xF0"))
	f.Add([]byte("\xFF\xD8\xFF\xE1\x00\x16Exif\x00\x00II\x2A\x00\x08\x00\x00\x00\xFF\xFF"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if o := jpegOrientation(data); o < 1 || o > 8 {
			t.Fatalf("orientation %d", o)
		}
		if o := tiffOrientation(data); o < 0 || o > 8 {
			t.Fatalf("tiff orientation %d", o)
		}
		if n := jpegScans(data); n < 0 || n > len(data)/4 {
			t.Fatalf("%d scans in %d bytes", n, len(data))
		}
		jpegSOF(data)
	})
}

// FuzzGIFFrames walks hostile GIF block structures without panicking.
func FuzzGIFFrames(f *testing.F) {
	f.Add([]byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"))
	f.Add([]byte("GIF89a\x01\x00\x01\x00\x87\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if n := gifFrames(data); n < 0 {
			t.Fatalf("frames %d", n)
		}
	})
}

// FuzzProcess runs whole uploads through the checks with small limits:
// any input is either refused with a *Refusal or made into a master
// within the limits, never a panic.
func FuzzProcess(f *testing.F) {
	f.Add(jpegOf(f, gradient(16, 12)))
	f.Add(pngOf(f, gradient(12, 16)))
	f.Add(pngBomb(5000, 5000))
	lim := Limits{MaxBytes: 1 << 20, MaxPixels: 1 << 16, MaxSide: 1024, MaxEdge: 64}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Process(data, lim)
		if err != nil {
			if _, ok := err.(*Refusal); !ok {
				t.Fatalf("not a refusal: %v", err)
			}
			return
		}
		b := p.Image.Bounds()
		if b.Dx() > lim.MaxEdge || b.Dy() > lim.MaxEdge || b.Min != (image.Point{}) {
			t.Fatalf("master %v over the edge", b)
		}
	})
}
