package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// jpegHeader is the start of a JPEG as far as its frame header: marker
// 0xC0 (baseline) or 0xC2 (progressive), w × h, and one sampling byte
// (h<<4 | v) per component.
func jpegHeader(marker byte, w, h int, sampling ...byte) []byte {
	out := []byte{0xFF, 0xD8}
	out = append(out, segment(0xE0, []byte("JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"))...)
	sof := []byte{8}
	sof = binary.BigEndian.AppendUint16(sof, uint16(h))
	sof = binary.BigEndian.AppendUint16(sof, uint16(w))
	sof = append(sof, byte(len(sampling)))
	for i, s := range sampling {
		sof = append(sof, byte(i+1), s, 0)
	}
	return append(out, segment(marker, sof)...)
}

// A header within the pixel limit can still ask for a gigabyte: a
// progressive JPEG keeps every coefficient until its last scan. Such
// files are refused from the header; what cameras write is not.
func TestDecodeMemoryBounded(t *testing.T) {
	refused := []struct {
		name string
		data []byte
	}{
		{"progressive 4:4:4 JPEG, 39 MP", jpegHeader(0xC2, 7600, 5200, 0x11, 0x11, 0x11)},
		{"progressive CMYK JPEG, 30 MP", jpegHeader(0xC2, 6000, 5000, 0x11, 0x11, 0x11, 0x11)},
	}
	for _, c := range refused {
		t.Run(c.name, func(t *testing.T) {
			_, err := Config(c.data, JPEG, DefaultLimits)
			if !errors.Is(err, ErrPixels) {
				t.Fatalf("Config: %v, want ErrPixels", err)
			}
			if _, err := Process(c.data, DefaultLimits); !errors.Is(err, ErrPixels) {
				t.Fatalf("Process: %v, want ErrPixels", err)
			}
		})
	}
	accepted := []struct {
		name string
		data []byte
		f    Format
	}{
		{"baseline 4:2:0 JPEG, 39 MP", jpegHeader(0xC0, 7600, 5200, 0x22, 0x11, 0x11), JPEG},
		{"progressive 4:2:0 JPEG, 39 MP", jpegHeader(0xC2, 7600, 5200, 0x22, 0x11, 0x11), JPEG},
		{"baseline 4:4:4 JPEG, 39 MP", jpegHeader(0xC0, 7600, 5200, 0x11, 0x11, 0x11), JPEG},
		{"progressive 4:2:2 JPEG, 39 MP", jpegHeader(0xC2, 7600, 5200, 0x21, 0x11, 0x11), JPEG},
		{"progressive 4:4:4 JPEG, 24 MP", jpegHeader(0xC2, 6000, 4000, 0x11, 0x11, 0x11), JPEG},
		{"progressive CMYK JPEG, 20 MP", jpegHeader(0xC2, 5000, 4000, 0x11, 0x11, 0x11, 0x11), JPEG},
		{"progressive grey JPEG, 39 MP", jpegHeader(0xC2, 7600, 5200, 0x11), JPEG},
		{"16-bit PNG, 39 MP", pngHeader(7600, 5200, 16, 6, 0), PNG},
		{"interlaced 16-bit PNG, 39 MP", pngHeader(7600, 5200, 16, 6, 1), PNG},
	}
	for _, c := range accepted {
		t.Run(c.name, func(t *testing.T) {
			if _, err := Config(c.data, c.f, DefaultLimits); err != nil {
				t.Fatalf("Config: %v", err)
			}
		})
	}
	// A budget of its own is kept.
	small := DefaultLimits
	small.MaxDecodeBytes = 64 << 20
	if _, err := Config(pngHeader(4000, 3000, 16, 6, 0), PNG, small); !errors.Is(err, ErrPixels) {
		t.Errorf("16-bit PNG of 12 MP within 64 MiB: %v, want ErrPixels", err)
	}
}

func pngHeader(w, h uint32, depth, colorType, interlace byte) []byte {
	var ihdr []byte
	ihdr = binary.BigEndian.AppendUint32(ihdr, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, depth, colorType, 0, 0, interlace)
	out := []byte("\x89PNG\r\n\x1a\n")
	out = append(out, pngChunk("IHDR", ihdr)...)
	return append(out, pngChunk("IEND", nil)...)
}

// The estimate is checked against what image/jpeg really allocates, on
// real files libjpeg's cjpeg writes (skipped without it).
func TestJPEGCostCoversDecoder(t *testing.T) {
	cjpeg, err := exec.LookPath("cjpeg")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("no cjpeg: .ci/run installs Debian's libjpeg-turbo-progs")
		}
		t.Skip("no cjpeg (Debian: libjpeg-turbo-progs)")
	}
	// A noisy picture as PPM, cjpeg's input.
	const w, h = 1600, 1200
	ppm := []byte(fmt.Sprintf("P6\n%d %d\n255\n", w, h))
	for i := range w * h {
		ppm = append(ppm, byte(i*7), byte(i*13>>3), byte(i*31>>5))
	}
	src := filepath.Join(t.TempDir(), "a.ppm")
	if err := os.WriteFile(src, ppm, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"-progressive", "-sample", "1x1"}, {"-progressive", "-sample", "2x2"}, {"-progressive", "-sample", "2x1"},
		{"-progressive", "-grayscale"}, {"-sample", "1x1"}, {"-sample", "2x2"}, {"-rgb", "-progressive"},
	} {
		out, err := exec.Command(cjpeg, append(args, src)...).Output()
		if err != nil {
			t.Fatalf("cjpeg %v: %v", args, err)
		}
		cfg, err := Config(out, JPEG, DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		if n := jpegScans(out); n < 1 || n > 20 {
			t.Errorf("%v: %d scans", args, n)
		}
		est := decodeCost(out, JPEG, cfg)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		if _, err := decode(out, JPEG); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		got := int64(after.TotalAlloc - before.TotalAlloc)
		t.Logf("%v: estimated %d bytes, the decoder allocated %d", args, est, got)
		if est < got*9/10 || est > got*2 {
			t.Errorf("%v: estimated %d bytes, the decoder allocated %d", args, est, got)
		}
	}
}

// emptyScans is n start-of-scan segments with next to no data, as a
// file made to keep the decoder busy repeats them.
func emptyScans(n int) []byte {
	var out []byte
	for range n {
		out = append(out, segment(0xDA, []byte{1, 1, 0, 1, 63, 0})...)
		out = append(out, 0x00, 0xFF, 0x00, 0x12) // entropy-coded bytes, one stuffed 0xFF
	}
	return out
}

// TestManyScansRefused: image/jpeg walks every block once per scan, so a
// small file of repeated empty scans costs minutes of decoding (with
// cjpeg at hand, a 330 KB 12-megapixel one took over a minute). More
// scans than any encoder writes are refused before decoding.
func TestManyScansRefused(t *testing.T) {
	head := jpegHeader(0xC2, 4000, 3000, 0x11, 0x11, 0x11)
	bomb := append(append(append([]byte{}, head...), emptyScans(maxScans+1)...), 0xFF, 0xD9)
	if _, err := Config(bomb, JPEG, DefaultLimits); !errors.Is(err, ErrScans) {
		t.Fatalf("Config: %v, want ErrScans", err)
	}
	if _, err := Process(bomb, DefaultLimits); !errors.Is(err, ErrScans) {
		t.Fatalf("Process: %v, want ErrScans", err)
	}
	ok := append(append(append([]byte{}, head...), emptyScans(maxScans)...), 0xFF, 0xD9)
	if n := jpegScans(ok); n != maxScans {
		t.Errorf("counted %d scans, want %d", n, maxScans)
	}
	if _, err := Config(ok, JPEG, DefaultLimits); err != nil {
		t.Errorf("%d scans: %v", maxScans, err)
	}
	if n := jpegScans(jpegOf(t, gradient(64, 48))); n != 1 {
		t.Errorf("a baseline JPEG: %d scans, want 1", n)
	}

	// A real one, where cjpeg is at hand: a flat picture whose last scan,
	// all end-of-band runs, is repeated; image/jpeg decodes it, slowly.
	cjpeg, err := exec.LookPath("cjpeg")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("no cjpeg: .ci/run installs Debian's libjpeg-turbo-progs")
		}
		return
	}
	dir := t.TempDir()
	ppm := append([]byte("P6\n800 600\n255\n"), bytes.Repeat([]byte{90, 120, 200}, 800*600)...)
	script := "0,1,2: 0 0 0 0;\n0: 1 63 0 0;\n1: 1 63 0 0;\n2: 1 63 0 0;\n"
	if os.WriteFile(filepath.Join(dir, "a.ppm"), ppm, 0o644) != nil || os.WriteFile(filepath.Join(dir, "s.txt"), []byte(script), 0o644) != nil {
		t.Fatal("cannot write cjpeg's input")
	}
	out, err := exec.Command(cjpeg, "-scans", filepath.Join(dir, "s.txt"), "-sample", "1x1", filepath.Join(dir, "a.ppm")).Output()
	if err != nil {
		t.Fatalf("cjpeg: %v", err)
	}
	last := bytes.LastIndex(out, []byte{0xFF, 0xDA})
	real := append([]byte{}, out[:len(out)-2]...)
	for range maxScans {
		real = append(real, out[last:len(out)-2]...)
	}
	real = append(real, 0xFF, 0xD9)
	if _, err := jpeg.Decode(bytes.NewReader(real)); err != nil {
		t.Fatalf("image/jpeg does not take the repeated scans: %v", err)
	}
	if _, err := Process(real, DefaultLimits); !errors.Is(err, ErrScans) {
		t.Errorf("Process: %v, want ErrScans", err)
	}
	if _, err := Process(out, DefaultLimits); err != nil {
		t.Errorf("the file as cjpeg wrote it: %v", err)
	}
}

// TestAnimatedWebPSaysSo: image/webp cannot read an animation's frames;
// the person is told it is the animation, not that the file is broken.
func TestAnimatedWebPSaysSo(t *testing.T) {
	vp8x := []byte{0x02 | 0x10, 0, 0, 0, 99, 0, 0, 49, 0, 0} // animation and alpha, 100 × 50
	anim := []byte{0, 0, 0, 0, 0, 0}
	var body []byte
	body = append(body, "WEBP"...)
	for _, c := range []struct {
		id   string
		data []byte
	}{{"VP8X", vp8x}, {"ANIM", anim}} {
		body = append(body, c.id...)
		body = binary.LittleEndian.AppendUint32(body, uint32(len(c.data)))
		body = append(body, c.data...)
	}
	file := append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...)
	file = append(file, body...)
	if _, err := Process(file, DefaultLimits); !errors.Is(err, ErrAnimatedWebP) {
		t.Errorf("animated WebP: %v, want ErrAnimatedWebP", err)
	}
}
