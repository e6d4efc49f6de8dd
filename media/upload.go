package media

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"

	"golang.org/x/image/webp"
)

// Limits bound what an upload may be. The pixel count is checked from the
// file's header before anything is decoded, so that a small file claiming
// a huge picture (a decompression bomb) costs nothing.
type Limits struct {
	MaxBytes  int64 // the file as uploaded
	MaxPixels int64 // width × height as the header declares them
	MaxSide   int   // either side, as declared
	// MaxEdge is the long edge of the stored master: larger pictures are
	// scaled down to it (the site never shows more than 1200 px).
	MaxEdge int
	// MaxDecodeBytes bounds the memory the decoder may need for the
	// picture, as estimated from its header (see decodeCost); zero is
	// DefaultLimits'.
	MaxDecodeBytes int64
}

// DefaultLimits: 20 MB, 40 megapixels (a 7700×5200 camera frame), 20,000
// px a side, masters of at most 2560 px, and 512 MiB to decode: enough for
// 40 megapixels however a camera or Photoshop writes them (baseline or
// progressive JPEG with subsampled colour, 16-bit PNG, interlaced or not)
// and for a 24-megapixel progressive JPEG at full colour, not for a
// progressive JPEG at full colour past about 35 megapixels, or in CMYK
// past about 22.
var DefaultLimits = Limits{MaxBytes: 20 << 20, MaxPixels: 40_000_000, MaxSide: 20_000, MaxEdge: 2560, MaxDecodeBytes: 512 << 20}

// Refusal is why an upload was not taken. Its message is a Vietnamese
// sentence for the person who uploaded; the technical cause, if any, is
// kept for the log.
type Refusal struct {
	Code  string // stable name of the rule, for tests and logs
	Msg   string
	Cause error
}

func (r *Refusal) Error() string {
	if r.Cause != nil {
		return "media: refused: " + r.Msg + ": " + r.Cause.Error()
	}
	return "media: refused: " + r.Msg
}

func (r *Refusal) Unwrap() error { return r.Cause }

// Is makes errors.Is(err, ErrPixels) true for every refusal of that rule,
// whatever its sentence says about the particular file.
func (r *Refusal) Is(target error) bool {
	t, ok := target.(*Refusal)
	return ok && t.Code == r.Code
}

// The refusals, as sentences.
var (
	ErrEmpty        = &Refusal{Code: "empty", Msg: "Tệp gửi lên trống."}
	ErrTooLarge     = &Refusal{Code: "too_large", Msg: "Tệp lớn quá giới hạn cho phép."}
	ErrNotImage     = &Refusal{Code: "not_image", Msg: "Tệp này không phải ảnh JPEG, PNG, GIF hay WebP (hệ thống xem nội dung tệp, không xem tên tệp)."}
	ErrSVG          = &Refusal{Code: "svg", Msg: "Ảnh SVG không được nhận vì có thể chứa mã chạy trong trình duyệt. Mời bạn gửi ảnh JPEG, PNG, GIF hoặc WebP."}
	ErrHEIC         = &Refusal{Code: "heic", Msg: "Ảnh HEIC (định dạng của iPhone) chưa được nhận. Mời bạn chuyển sang JPEG rồi gửi lại."}
	ErrMarkup       = &Refusal{Code: "markup", Msg: "Tệp ảnh này có chèn mã trang web (HTML hoặc script) nên bị từ chối: đó là dấu hiệu của tệp độc hại."}
	ErrPixels       = &Refusal{Code: "pixels", Msg: "Ảnh có kích thước điểm ảnh quá lớn nên bị từ chối."}
	ErrAnimatedWebP = &Refusal{Code: "animated_webp", Msg: "Ảnh WebP động chưa được nhận. Mời bạn gửi một ảnh tĩnh (JPEG, PNG, WebP tĩnh), hoặc ảnh GIF nếu cần giữ khung hình đầu."}
	ErrScans        = &Refusal{Code: "scans", Msg: "Ảnh JPEG này được chia thành quá nhiều lượt quét, dấu hiệu của tệp làm ra để làm treo máy chủ, nên bị từ chối. Mời bạn lưu lại ảnh bằng phần mềm chỉnh ảnh rồi gửi lại."}
	ErrCorrupt      = &Refusal{Code: "corrupt", Msg: "Tệp ảnh bị hỏng hoặc không trọn vẹn (có thể tải lên bị gián đoạn). Mời bạn kiểm tra tệp rồi gửi lại."}
)

// refuse is base's refusal with a sentence about this file, or a cause.
func refuse(base *Refusal, cause error, format string, args ...any) *Refusal {
	r := &Refusal{Code: base.Code, Msg: base.Msg, Cause: cause}
	if format != "" {
		r.Msg = fmt.Sprintf(format, args...)
	}
	return r
}

// Format is a picture format, as found in the file's first bytes.
type Format string

// The formats uploads may have.
const (
	JPEG Format = "jpeg"
	PNG  Format = "png"
	GIF  Format = "gif"
	WebP Format = "webp"
)

// Sniff names the format of data from its magic bytes alone: never from a
// file name or a Content-Type header, which the sender chooses. A format
// we refuse gets its own refusal so the message can say what to do.
func Sniff(data []byte) (Format, error) {
	switch {
	case len(data) == 0:
		return "", ErrEmpty
	case len(data) >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF:
		return JPEG, nil
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return PNG, nil
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return GIF, nil
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return WebP, nil
	case len(data) >= 12 && string(data[4:8]) == "ftyp" &&
		(bytes.Contains(data[8:12], []byte("hei")) || bytes.Contains(data[8:12], []byte("mif1")) || bytes.Contains(data[8:12], []byte("hev"))):
		return "", ErrHEIC
	}
	head := bytes.ToLower(bytes.TrimLeft(data[:min(len(data), 1024)], "\xef\xbb\xbf \t\r\n"))
	if bytes.HasPrefix(head, []byte("<")) && bytes.Contains(head, []byte("<svg")) {
		return "", ErrSVG
	}
	return "", ErrNotImage
}

// markupTags are what a polyglot (a file that is both a valid picture and
// a web page or script) carries. The short ones need a delimiter after
// them, so that compressed picture data matches them by chance about once
// in ten thousand 20 MB files.
var markupTags = []struct {
	tag   string
	delim bool
}{
	{"<script", false}, {"<html", true}, {"<body", true}, {"<svg", true}, {"<iframe", false},
	{"<object", false}, {"<embed", true}, {"<?php", false}, {"<!doctype", false}, {"<meta", true},
	{"<link", true}, {"<form", true}, {"<img", true}, {"<style", true}, {"javascript:", false},
}

// hasMarkup reports whether data contains an HTML or script opening. The
// stored files are re-encoded and never carry such bytes anyway; refusing
// the upload tells the desk someone sent a booby-trapped file.
func hasMarkup(data []byte) bool {
	for i := 0; i < len(data); {
		j := bytes.IndexAny(data[i:], "<jJ")
		if j < 0 {
			return false
		}
		i += j
		for _, m := range markupTags {
			if m.tag[0] != lower(data[i]) || len(data)-i < len(m.tag)+1 {
				continue
			}
			ok := true
			for k := 1; k < len(m.tag); k++ {
				if lower(data[i+k]) != m.tag[k] {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			if !m.delim {
				return true
			}
			switch data[i+len(m.tag)] {
			case ' ', '\t', '\n', '\r', '>', '/':
				return true
			}
		}
		i++
	}
	return false
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// ReadLimited reads at most max bytes from r; more is ErrTooLarge.
func ReadLimited(r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, refuse(ErrTooLarge, nil, "Tệp lớn hơn %d MB, giới hạn cho phép.", max>>20)
	}
	return data, nil
}

// Config reads the picture's declared size from its header and checks it
// against the limits, before any pixel is decoded.
func Config(data []byte, f Format, lim Limits) (image.Config, error) {
	var cfg image.Config
	var err error
	r := bytes.NewReader(data)
	switch f {
	case JPEG:
		cfg, err = jpeg.DecodeConfig(r)
	case PNG:
		cfg, err = png.DecodeConfig(r)
	case GIF:
		cfg, err = gif.DecodeConfig(r)
	case WebP:
		// An animation's frames are in ANMF chunks, which the decoder
		// does not read: it would call the file broken.
		if len(data) >= 21 && string(data[12:16]) == "VP8X" && data[20]&0x02 != 0 {
			return cfg, ErrAnimatedWebP
		}
		cfg, err = webp.DecodeConfig(r)
	default:
		return cfg, ErrNotImage
	}
	if err != nil {
		return cfg, refuse(ErrCorrupt, err, "")
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return cfg, refuse(ErrCorrupt, errors.New("empty picture"), "")
	}
	if cfg.Width > lim.MaxSide || cfg.Height > lim.MaxSide || int64(cfg.Width)*int64(cfg.Height) > lim.MaxPixels {
		return cfg, refuse(ErrPixels, nil, "Ảnh %d × %d điểm ảnh vượt giới hạn %d triệu điểm ảnh (mỗi cạnh tối đa %d) nên bị từ chối.",
			cfg.Width, cfg.Height, lim.MaxPixels/1_000_000, lim.MaxSide)
	}
	if f == JPEG && jpegScans(data) > maxScans {
		return cfg, ErrScans
	}
	budget := lim.MaxDecodeBytes
	if budget <= 0 {
		budget = DefaultLimits.MaxDecodeBytes
	}
	if decodeCost(data, f, cfg) > budget {
		return cfg, refuse(ErrPixels, nil, "Ảnh %d × %d điểm ảnh này cần quá nhiều bộ nhớ để mở (thường là ảnh JPEG lũy tiến hoặc ảnh 16 bit cỡ rất lớn) nên bị từ chối. Mời bạn lưu lại ảnh ở cỡ nhỏ hơn, hoặc dạng JPEG thông thường, rồi gửi lại.",
			cfg.Width, cfg.Height)
	}
	return cfg, nil
}

// decode decodes the whole picture (a GIF's first frame).
func decode(data []byte, f Format) (image.Image, error) {
	r := bytes.NewReader(data)
	var img image.Image
	var err error
	switch f {
	case JPEG:
		img, err = jpeg.Decode(r)
	case PNG:
		img, err = png.Decode(r)
	case GIF:
		img, err = gif.Decode(r)
	case WebP:
		img, err = webp.Decode(r)
	default:
		return nil, ErrNotImage
	}
	if err != nil {
		return nil, refuse(ErrCorrupt, err, "")
	}
	return img, nil
}
