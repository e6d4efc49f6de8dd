package media

import (
	"encoding/binary"
	"errors"
	"fmt"
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
		{"progressive 4:4:4 JPEG, 35 MP", jpegHeader(0xC2, 7000, 5000, 0x11, 0x11, 0x11)},
		{"progressive CMYK JPEG, 20 MP", jpegHeader(0xC2, 5000, 4000, 0x11, 0x11, 0x11, 0x11)},
		{"progressive 4:2:2 JPEG, 39 MP", jpegHeader(0xC2, 7600, 5200, 0x21, 0x11, 0x11)},
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
		{"progressive 4:4:4 JPEG, 12 MP", jpegHeader(0xC2, 4000, 3000, 0x11, 0x11, 0x11), JPEG},
		{"progressive grey JPEG, 39 MP", jpegHeader(0xC2, 7600, 5200, 0x11), JPEG},
		{"16-bit PNG, 39 MP", pngHeader(7600, 5200, 16, 6, 0), PNG},
	}
	for _, c := range accepted {
		t.Run(c.name, func(t *testing.T) {
			if _, err := Config(c.data, c.f, DefaultLimits); err != nil {
				t.Fatalf("Config: %v", err)
			}
		})
	}
	if _, err := Config(pngHeader(7600, 5200, 16, 6, 1), PNG, DefaultLimits); !errors.Is(err, ErrPixels) {
		t.Errorf("interlaced 16-bit PNG of 39 MP: %v, want ErrPixels", err)
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
