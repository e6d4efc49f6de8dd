package media

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toasoan/toasoan/content"
)

// Every picture these tests use is generated here: no binary fixtures.

// paint makes a w × h picture coloured by f.
func paint(w, h int, f func(x, y int) color.RGBA) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.SetRGBA(x, y, f(x, y))
		}
	}
	return img
}

func gradient(w, h int) *image.RGBA {
	return paint(w, h, func(x, y int) color.RGBA {
		return color.RGBA{uint8(x * 255 / max(w-1, 1)), uint8(y * 255 / max(h-1, 1)), 128, 255}
	})
}

func jpegOf(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 92}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func pngOf(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// segment is a JPEG marker segment.
func segment(marker byte, body []byte) []byte {
	s := []byte{0xFF, marker, 0, 0}
	binary.BigEndian.PutUint16(s[2:], uint16(len(body)+2))
	return append(s, body...)
}

// exifSegment is an APP1 EXIF segment in little-endian TIFF with the
// Orientation tag, a Make tag, and a GPS IFD holding a latitude reference
// and a recognizable text, as a phone writes where the photo was taken.
func exifSegment(orientation int, secret string) []byte {
	le := binary.LittleEndian
	var t []byte
	t = append(t, 'I', 'I', 42, 0, 8, 0, 0, 0)
	// IFD0 at 8: 3 entries (Make, Orientation, GPS IFD pointer), next IFD 0.
	const entries = 3
	ifd0End := 8 + 2 + entries*12 + 4
	makeText := []byte("Toà Soạn Phone\x00")
	makeOff := ifd0End
	gpsOff := makeOff + len(makeText)
	entry := func(tag, typ uint16, count, value uint32) []byte {
		e := make([]byte, 12)
		le.PutUint16(e, tag)
		le.PutUint16(e[2:], typ)
		le.PutUint32(e[4:], count)
		le.PutUint32(e[8:], value)
		return e
	}
	t = le.AppendUint16(t, entries)
	t = append(t, entry(0x010F, 2, uint32(len(makeText)), uint32(makeOff))...)
	t = append(t, entry(0x0112, 3, 1, uint32(orientation))...)
	t = append(t, entry(0x8825, 4, 1, uint32(gpsOff))...)
	t = le.AppendUint32(t, 0)
	t = append(t, makeText...)
	// GPS IFD: latitude ref "N", and the secret as a processing method.
	sec := []byte(secret + "\x00")
	t = le.AppendUint16(t, 2)
	t = append(t, entry(0x0001, 2, 2, uint32('N'))...)
	t = append(t, entry(0x001B, 7, uint32(len(sec)), uint32(gpsOff+2+2*12+4))...)
	t = le.AppendUint32(t, 0)
	t = append(t, sec...)
	return segment(0xE1, append([]byte("Exif\x00\x00"), t...))
}

// withSegments inserts segments right after a JPEG's SOI marker.
func withSegments(jpg []byte, segs ...[]byte) []byte {
	out := append([]byte{}, jpg[:2]...)
	for _, s := range segs {
		out = append(out, s...)
	}
	return append(out, jpg[2:]...)
}

// pngChunk is one PNG chunk with its CRC.
func pngChunk(typ string, data []byte) []byte {
	c := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	c = append(c, typ...)
	c = append(c, data...)
	return binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(append([]byte(typ), data...)))
}

// pngBomb declares a w × h picture in a file of a few kilobytes: its
// pixels, all zero, would compress a thousandfold and take w*h*4 bytes
// of memory once decoded.
func pngBomb(w, h uint32) []byte {
	var ihdr []byte
	ihdr = binary.BigEndian.AppendUint32(ihdr, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 6, 0, 0, 0) // 8-bit RGBA
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(make([]byte, 1<<20)) // the first megabyte of zeros
	zw.Close()
	out := []byte("\x89PNG\r\n\x1a\n")
	out = append(out, pngChunk("IHDR", ihdr)...)
	out = append(out, pngChunk("IDAT", z.Bytes())...)
	return append(out, pngChunk("IEND", nil)...)
}

func TestRefusals(t *testing.T) {
	photo := jpegOf(t, gradient(64, 48))
	small := DefaultLimits
	small.MaxBytes = 4 << 10
	big := jpegOf(t, paint(300, 300, func(x, y int) color.RGBA {
		return color.RGBA{uint8(x * y), uint8(x ^ y), uint8(x + 3*y), 255}
	}))
	var gifBomb bytes.Buffer
	gif.Encode(&gifBomb, image.NewPaletted(image.Rect(0, 0, 2, 2), color.Palette{color.Black, color.White}), nil)
	gb := gifBomb.Bytes()
	binary.LittleEndian.PutUint16(gb[6:], 65000) // logical screen 65000 × 65000
	binary.LittleEndian.PutUint16(gb[8:], 65000)

	cases := []struct {
		name string
		data []byte
		lim  Limits
		want *Refusal
	}{
		{"empty file", nil, DefaultLimits, ErrEmpty},
		{"an HTML page named anh.jpg", []byte("<!doctype html><html><body><script>alert('x')</script></body></html>"), DefaultLimits, ErrNotImage},
		{"a PDF named anh.png", []byte("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"), DefaultLimits, ErrNotImage},
		{"plain text named anh.gif", []byte("đây không phải là ảnh"), DefaultLimits, ErrNotImage},
		{"an SVG with a script", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>`), DefaultLimits, ErrSVG},
		{"HEIC from an iPhone", append([]byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00"), make([]byte, 64)...), DefaultLimits, ErrHEIC},
		{"a truncated JPEG", photo[:len(photo)*2/3], DefaultLimits, ErrCorrupt},
		{"a JPEG cut after its header", photo[:200], DefaultLimits, ErrCorrupt},
		{"a truncated PNG", truncated(pngOf(t, gradient(64, 48))), DefaultLimits, ErrCorrupt},
		{"PNG magic then garbage", append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0x5a}, 200)...), DefaultLimits, ErrCorrupt},
		{"a 50000 × 50000 PNG bomb", pngBomb(50000, 50000), DefaultLimits, ErrPixels},
		{"a 9000 × 9000 PNG (81 megapixels)", pngBomb(9000, 9000), DefaultLimits, ErrPixels},
		{"a 30000 × 10 PNG (too long a side)", pngBomb(30000, 10), DefaultLimits, ErrPixels},
		{"a GIF declaring 65000 × 65000", gb, DefaultLimits, ErrPixels},
		{"too many bytes", big, small, ErrTooLarge},
		{"a JPEG with a script appended (polyglot)", append(append([]byte{}, photo...), "<script>alert(1)</script>"...), DefaultLimits, ErrMarkup},
		{"a JPEG with HTML in a comment segment (polyglot)", withSegments(photo, segment(0xFE, []byte("<html><body onload=alert(1)>"))), DefaultLimits, ErrMarkup},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.want == ErrTooLarge && int64(len(c.data)) <= c.lim.MaxBytes {
				t.Fatalf("test file of %d bytes is not over the limit", len(c.data))
			}
			p, err := Process(c.data, c.lim)
			if err == nil {
				t.Fatalf("accepted as %s", p.Format)
			}
			var r *Refusal
			if !errors.As(err, &r) || !errors.Is(err, c.want) {
				t.Fatalf("got %v, want refusal %q", err, c.want.Code)
			}
			if r.Msg == "" || strings.ContainsAny(r.Msg[:1], "abcdefghijklmnopqrstuvwxyz") {
				t.Errorf("message %q is not a sentence", r.Msg)
			}
		})
	}
	if _, err := ReadLimited(bytes.NewReader(big), 4<<10); !errors.Is(err, ErrTooLarge) {
		t.Errorf("ReadLimited over the limit: %v", err)
	}
	if got, err := ReadLimited(bytes.NewReader(photo), int64(len(photo))); err != nil || len(got) != len(photo) {
		t.Errorf("ReadLimited at the limit: %d %v", len(got), err)
	}
}

func truncated(b []byte) []byte { return b[:len(b)*2/3] }

// minimalWebP is a 1 × 1 lossless WebP (26 bytes).
const minimalWebP = "UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA=="

func TestAcceptsEveryFormatByContent(t *testing.T) {
	webp, _ := base64.StdEncoding.DecodeString(minimalWebP)
	var g bytes.Buffer
	pal := image.NewPaletted(image.Rect(0, 0, 40, 30), color.Palette{color.Black, color.White, color.RGBA{200, 0, 0, 255}})
	for i := range pal.Pix {
		pal.Pix[i] = uint8(i % 3)
	}
	gif.Encode(&g, pal, nil)
	translucent := paint(50, 40, func(x, y int) color.RGBA { return color.RGBA{0, 0, uint8(x), uint8(x)} })
	cases := []struct {
		data    []byte
		format  Format
		ext     string
		w, h    int
		renders string
	}{
		{jpegOf(t, gradient(64, 48)), JPEG, "jpg", 64, 48, "jpg"},
		{pngOf(t, gradient(64, 48)), PNG, "png", 64, 48, "jpg"},
		{pngOf(t, translucent), PNG, "png", 50, 40, "png"},
		{g.Bytes(), GIF, "png", 40, 30, "jpg"},
		{webp, WebP, "png", 1, 1, "png"}, // this one has an alpha channel
	}
	for _, c := range cases {
		p, err := Process(c.data, DefaultLimits)
		if err != nil {
			t.Errorf("%s: %v", c.format, err)
			continue
		}
		if p.Format != c.format || p.Ext != c.ext || p.Image.Bounds().Dx() != c.w || p.Image.Bounds().Dy() != c.h {
			t.Errorf("%s: got %s %s %v", c.format, p.Format, p.Ext, p.Image.Bounds())
		}
		rs, err := Renditions(p.Image, 0.5, 0.5)
		if err != nil || len(rs) == 0 {
			t.Fatalf("%s: renditions %v", c.format, err)
		}
		for _, r := range rs {
			if r.Ext != c.renders {
				t.Errorf("%s: %s rendition is %s, want %s", c.format, r.Kind, r.Ext, c.renders)
			}
		}
	}
}

// TestMetadataGone: a phone photo's EXIF (camera, GPS position) and a
// comment never reach any stored file: master and every rendition are
// read back from disk and searched.
func TestMetadataGone(t *testing.T) {
	const secret = "GPS 10.9804N 106.6519E nha-rieng"
	photo := withSegments(jpegOf(t, gradient(900, 600)), exifSegment(1, secret), segment(0xFE, []byte("Bình luận riêng của máy ảnh")))
	if !bytes.Contains(photo, []byte(secret)) || !bytes.Contains(photo, []byte("Exif")) {
		t.Fatal("the test photo carries no metadata")
	}
	textPNG := pngOf(t, gradient(300, 200))
	// A tEXt chunk after IHDR, as editors write "Author" and the like.
	ihdrEnd := 8 + 8 + 13 + 4
	textPNG = append(append(append([]byte{}, textPNG[:ihdrEnd]...), pngChunk("tEXt", []byte("Comment\x00"+secret))...), textPNG[ihdrEnd:]...)

	d := Disk{Dir: t.TempDir()}
	for _, data := range [][]byte{photo, textPNG} {
		p, err := Process(data, DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		m, err := d.Save(p, 0.5, 0.5)
		if err != nil {
			t.Fatal(err)
		}
		if len(m.Renditions) < 3 || m.SourceHash != Hash(data) || m.Hash == m.SourceHash {
			t.Fatalf("record %+v", m)
		}
	}
	files := 0
	filepath.WalkDir(d.Dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		files++
		b, _ := os.ReadFile(path)
		for _, bad := range []string{"Exif", "GPS", secret, "nha-rieng", "Toà Soạn Phone", "Bình luận", "tEXt", "Comment"} {
			if bytes.Contains(b, []byte(bad)) {
				t.Errorf("%s contains %q", filepath.Base(path), bad)
			}
		}
		if f, err := Sniff(b); err != nil || f != Format(strings.TrimPrefix(map[string]string{".jpg": "jpeg", ".png": "png"}[filepath.Ext(path)], "")) {
			t.Errorf("%s is %q (%v)", filepath.Base(path), f, err)
		}
		return nil
	})
	if files < 6 {
		t.Errorf("only %d files stored", files)
	}
}

// TestOrientationApplied: a JPEG stored sideways with Orientation 6 (and
// the other turns) comes out upright.
func TestOrientationApplied(t *testing.T) {
	// Upright, the picture is 40 wide and 60 tall: red on top, blue below.
	// Stored as the camera's sensor saw it, turned per orientation.
	red, blue := color.RGBA{220, 20, 20, 255}, color.RGBA{20, 20, 220, 255}
	upright := paint(40, 60, func(x, y int) color.RGBA {
		if y < 30 {
			return red
		}
		return blue
	})
	// stored returns what a camera writes for orientation o: the pixels
	// that orient(stored, o) turns back into upright.
	inverse := map[int]int{1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 8, 7: 7, 8: 6}
	for o := 1; o <= 8; o++ {
		sensor := orient(upright, inverse[o])
		data := withSegments(jpegOf(t, sensor), exifSegment(o, "x"))
		if got := jpegOrientation(data); got != o {
			t.Fatalf("orientation %d read as %d", o, got)
		}
		p, err := Process(data, DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		b := p.Image.Bounds()
		if b.Dx() != 40 || b.Dy() != 60 {
			t.Errorf("orientation %d: %d × %d, want 40 × 60", o, b.Dx(), b.Dy())
			continue
		}
		top, bottom := p.Image.RGBAAt(20, 10), p.Image.RGBAAt(20, 50)
		if top.R < 150 || top.B > 100 || bottom.B < 150 || bottom.R > 100 {
			t.Errorf("orientation %d: top %v bottom %v, want red over blue", o, top, bottom)
		}
	}
	// Orientation 6 on its own terms: the sensor's left column is the top row.
	sensor := paint(60, 40, func(x, y int) color.RGBA {
		if x < 30 {
			return red
		}
		return blue
	})
	p, err := Process(withSegments(jpegOf(t, sensor), exifSegment(6, "x")), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if b := p.Image.Bounds(); b.Dx() != 40 || b.Dy() != 60 || p.Image.RGBAAt(20, 5).R < 150 || p.Image.RGBAAt(20, 55).B < 150 {
		t.Errorf("orientation 6: %v, top %v, bottom %v", b, p.Image.RGBAAt(20, 5), p.Image.RGBAAt(20, 55))
	}
	if jpegOrientation(jpegOf(t, sensor)) != 1 || jpegOrientation([]byte{0xFF, 0xD8, 0xFF, 0xE1, 0xFF}) != 1 {
		t.Error("no or broken EXIF should read as upright")
	}
}

// TestFocalPointKept: every crop contains the focal point, where the
// geometry puts it; moving the point moves the crops.
func TestFocalPointKept(t *testing.T) {
	const W, H = 1500, 500
	fx, fy := 0.9, 0.3
	// A grey panorama with one red dot of radius 12 at the focal point.
	img := paint(W, H, func(x, y int) color.RGBA {
		dx, dy := x-int(fx*W), y-int(fy*H)
		if dx*dx+dy*dy <= 144 {
			return color.RGBA{255, 0, 0, 255}
		}
		return color.RGBA{120, 120, 120, 255}
	})
	d := Disk{Dir: t.TempDir()}
	p, err := Process(pngOf(t, img), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	m, err := d.Save(p, fx, fy)
	if err != nil {
		t.Fatal(err)
	}
	crops := 0
	for _, r := range m.Renditions {
		got := decodeStored(t, d, r)
		if got.Bounds().Dx() != r.Width || got.Bounds().Dy() != r.Height {
			t.Errorf("%s %d: file is %v", r.Kind, r.Width, got.Bounds())
		}
		rx, ry, ok := reddest(got)
		if !ok {
			t.Errorf("%s %d × %d lost the focal point", r.Kind, r.Width, r.Height)
			continue
		}
		switch r.Kind {
		case content.RenditionWide:
			crops++
			if r.Width*2 != r.Height*3 && abs(r.Width*2-r.Height*3) > 3 {
				t.Errorf("wide %d × %d is not 3:2", r.Width, r.Height)
			}
			// 750 × 500 crop centred on x=1350 is pushed back to x 750..1500.
			wantX := (fx*W - 750) / 750
			if abs(int(rx*100)-int(wantX*100)) > 3 || abs(int(ry*100)-30) > 3 {
				t.Errorf("wide %d: focal at %.2f,%.2f, want %.2f,0.30", r.Width, rx, ry, wantX)
			}
		case content.RenditionThumb:
			crops++
			if r.Width != r.Height || r.Width != content.ThumbSize {
				t.Errorf("thumb %d × %d", r.Width, r.Height)
			}
		case content.RenditionFull:
			if abs(int(rx*100)-90) > 2 {
				t.Errorf("full %d: focal at %.2f", r.Width, rx)
			}
		}
	}
	if crops < 4 {
		t.Fatalf("only %d crops made", crops)
	}
	// Centred, the square crop leaves the dot out; refocused, it keeps it.
	centre, err := d.Refocus(&content.Media{Hash: m.Hash, Ext: m.Ext}, 0.5, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range centre {
		if r.Kind == content.RenditionThumb {
			if _, _, ok := reddest(decodeStored(t, d, r)); ok {
				t.Error("a centred square crop still shows a point at 90% of the width")
			}
		}
	}
	again, err := d.Refocus(&content.Media{Hash: m.Hash, Ext: m.Ext, Renditions: centre}, fx, fy)
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != len(m.Renditions) {
		t.Errorf("refocus made %d renditions, upload %d", len(again), len(m.Renditions))
	}
	for i := range again {
		if again[i] != m.Renditions[i] {
			t.Errorf("refocusing back to the upload's point gives %+v, want %+v", again[i], m.Renditions[i])
		}
	}
}

func decodeStored(t *testing.T, d Disk, r content.Rendition) image.Image {
	t.Helper()
	p, ok := d.Open(RelPath(r.Hash, r.Ext))
	if !ok {
		t.Fatalf("%s rendition %s not stored", r.Kind, r.Hash)
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// reddest finds the centre of the red pixels, relative to the size.
func reddest(img image.Image) (fx, fy float64, ok bool) {
	b := img.Bounds()
	var sx, sy, n int
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, _, _ := img.At(x, y).RGBA()
			if r>>8 > 180 && g>>8 < 90 {
				sx, sy, n = sx+x-b.Min.X, sy+y-b.Min.Y, n+1
			}
		}
	}
	if n == 0 {
		return 0, 0, false
	}
	return (float64(sx)/float64(n) + 0.5) / float64(b.Dx()), (float64(sy)/float64(n) + 0.5) / float64(b.Dy()), true
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// TestAnimatedGIF: an animation is kept as its first frame, and says so.
func TestAnimatedGIF(t *testing.T) {
	pal := color.Palette{color.Black, color.White, color.RGBA{200, 0, 0, 255}}
	frame := func(c uint8) *image.Paletted {
		m := image.NewPaletted(image.Rect(0, 0, 30, 20), pal)
		for i := range m.Pix {
			m.Pix[i] = c
		}
		return m
	}
	var one, three bytes.Buffer
	gif.Encode(&one, frame(2), nil)
	gif.EncodeAll(&three, &gif.GIF{Image: []*image.Paletted{frame(2), frame(1), frame(0)}, Delay: []int{10, 10, 10}})
	if n := gifFrames(three.Bytes()); n != 3 {
		t.Errorf("three frames counted as %d", n)
	}
	p, err := Process(three.Bytes(), DefaultLimits)
	if err != nil || !p.Animated {
		t.Fatalf("animated: %+v %v", p, err)
	}
	if c := p.Image.RGBAAt(5, 5); c.R != 200 || c.G != 0 {
		t.Errorf("first frame not kept: %v", c)
	}
	if p, err := Process(one.Bytes(), DefaultLimits); err != nil || p.Animated {
		t.Errorf("still GIF: %+v %v", p, err)
	}
	for i := range len(three.Bytes()) {
		gifFrames(three.Bytes()[:i]) // cut anywhere: no panic
	}
}

// TestDuplicates: the same bytes give the same names; the same picture
// with different metadata gives the same master, so the store sees it.
func TestDuplicates(t *testing.T) {
	plain := jpegOf(t, gradient(300, 200))
	tagged := withSegments(plain, exifSegment(1, "elsewhere"))
	d := Disk{Dir: t.TempDir()}
	var masters []string
	for _, data := range [][]byte{plain, plain, tagged} {
		p, err := Process(data, DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		m, err := d.Save(p, 0.5, 0.5)
		if err != nil {
			t.Fatal(err)
		}
		masters = append(masters, m.Hash)
	}
	if masters[0] != masters[1] || masters[1] != masters[2] {
		t.Errorf("masters %v differ", masters)
	}
	if Hash(plain) == Hash(tagged) {
		t.Error("the source hashes should differ")
	}
}

// TestSizes: nothing is made larger than the upload; big uploads are
// scaled to the master's limit.
func TestSizes(t *testing.T) {
	p, err := Process(jpegOf(t, gradient(200, 150)), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	rs, _ := Renditions(p.Image, 0.5, 0.5)
	for _, r := range rs {
		if r.Width > 200 || r.Height > 150 {
			t.Errorf("%s upscaled to %d × %d", r.Kind, r.Width, r.Height)
		}
	}
	lim := DefaultLimits
	lim.MaxEdge = 1000
	p, err = Process(jpegOf(t, gradient(3000, 2000)), lim)
	if err != nil {
		t.Fatal(err)
	}
	if b := p.Image.Bounds(); b.Dx() != 1000 || b.Dy() != 667 {
		t.Errorf("master %v, want 1000 × 667", b)
	}
	rs, _ = Renditions(p.Image, 0.5, 0.5)
	var full []int
	for _, r := range rs {
		if r.Kind == content.RenditionFull {
			full = append(full, r.Width)
		}
	}
	if len(full) != 4 || full[0] != 320 || full[3] != 1000 {
		t.Errorf("full widths %v, want 320 480 800 1000", full)
	}
}

func BenchmarkRenditions(b *testing.B) {
	img := gradient(1200, 800)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Renditions(img, 0.4, 0.6); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkProcess24MP(b *testing.B) {
	data := jpegOf(b, gradient(6000, 4000))
	b.ResetTimer()
	for b.Loop() {
		if _, err := Process(data, DefaultLimits); err != nil {
			b.Fatal(err)
		}
	}
}
