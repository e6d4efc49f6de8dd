package media

import (
	"encoding/binary"
	"image"
	"image/color"
)

// A picture's pixel count alone does not bound what decoding it costs:
// image/jpeg keeps every coefficient of a progressive JPEG (four bytes a
// sample) until the last scan, a CMYK JPEG is converted into a second
// copy, and a 16-bit PNG takes eight bytes a pixel, half as much again
// when interlaced. A progressive 4:4:4 CMYK file of 40 megapixels would
// hold close to a gigabyte. decodeCost reads from the header what the
// decoder will allocate, so that such a file is refused before any of it.

// decodeCost estimates the bytes the standard decoders allocate for a
// picture of format f whose header declared cfg.
func decodeCost(data []byte, f Format, cfg image.Config) int64 {
	w, h := int64(cfg.Width), int64(cfg.Height)
	px := w * h
	switch f {
	case JPEG:
		return jpegCost(data, cfg)
	case PNG:
		bpp := int64(4)
		switch cfg.ColorModel {
		case color.GrayModel:
			bpp = 1
		case color.Gray16Model:
			bpp = 2
		case color.RGBA64Model, color.NRGBA64Model:
			bpp = 8
		default:
			if _, ok := cfg.ColorModel.(color.Palette); ok {
				bpp = 1
			}
		}
		cost := px * bpp
		// An interlaced PNG's passes are decoded apart, then merged.
		if len(data) > 28 && data[28] == 1 {
			cost += cost / 2
		}
		return cost
	case GIF:
		return px // one byte a pixel, the first frame only
	case WebP:
		// A lossless WebP is decoded as 32-bit pixels, then copied into
		// an NRGBA image; a lossy one takes less.
		return px * 8
	}
	return px * 8
}

// jpegCost follows image/jpeg's allocation for the frame header (SOF) it
// will use. Without one that can be read, the worst case is assumed: a
// progressive file without subsampling.
func jpegCost(data []byte, cfg image.Config) int64 {
	w, h := int64(cfg.Width), int64(cfg.Height)
	nComp := int64(3)
	switch cfg.ColorModel {
	case color.GrayModel:
		nComp = 1
	case color.CMYKModel:
		nComp = 4
	}
	sof, rgb, ok := jpegSOF(data)
	if !ok || int64(sof[6]) != nComp || len(sof) < 7+3*int(nComp) {
		return jpegWorst(w, h, nComp)
	}
	progressive, h0, v0, sum := sof[0] == 0xC2, int64(1), int64(1), nComp
	if nComp > 1 {
		sum = 0
		for i := range nComp {
			hv := sof[7+3*i+1]
			hi, vi := int64(hv>>4), int64(hv&0x0f)
			if hi < 1 || hi > 4 || vi < 1 || vi > 4 {
				return jpegWorst(w, h, nComp)
			}
			if i == 0 {
				h0, v0 = hi, vi
			}
			sum += hi * vi
		}
		if nComp == 3 && (rgb || string([]byte{sof[7], sof[10], sof[13]}) == "RGB") {
			nComp = 4 // an RGB JPEG is converted into an RGBA image: count it as CMYK's
		}
	}
	mcus := ((w + 8*h0 - 1) / (8 * h0)) * ((h + 8*v0 - 1) / (8 * v0))
	cost := 64 * mcus * sum // the decoded planes
	if progressive {
		cost += 256 * mcus * sum // [64]int32 per block of every component
	}
	if nComp == 4 {
		cost += 4 * w * h // the CMYK image made from the planes
	}
	return cost
}

func jpegWorst(w, h, nComp int64) int64 {
	return (64+256)*((w+7)/8)*((h+7)/8)*nComp + 4*w*h
}

// jpegSOF returns the marker byte followed by the body of the first
// baseline, extended or progressive frame header, walking the segments
// the way image/jpeg does (bytes that are not a marker are skipped). rgb
// is set when image/jpeg will decode it as RGB: no JFIF segment, and an
// Adobe one saying the samples are not transformed.
func jpegSOF(data []byte) (sof []byte, rgb, ok bool) {
	jfif, adobe := false, false
	i := 2
	for i+4 <= len(data) {
		if data[i] != 0xFF || data[i+1] == 0x00 {
			i++ // extraneous data, which image/jpeg skips too
			continue
		}
		marker := data[i+1]
		if marker == 0xFF {
			i++
			continue
		}
		if marker == 0xD8 || marker >= 0xD0 && marker <= 0xD7 || marker == 0x01 {
			i += 2
			continue
		}
		if marker == 0xDA || marker == 0xD9 {
			return nil, false, false
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return nil, false, false
		}
		body := data[i+4 : i+2+n]
		switch {
		case marker == 0xE0 && len(body) >= 5 && string(body[:5]) == "JFIF\x00":
			jfif = true
		case marker == 0xEE && len(body) >= 12 && string(body[:5]) == "Adobe":
			adobe = body[11] == 0 // transform 0: the samples are RGB or CMYK
		case marker >= 0xC0 && marker <= 0xC2:
			if len(body) < 6 {
				return nil, false, false
			}
			return append([]byte{marker}, body...), adobe && !jfif, true
		}
		i += 2 + n
	}
	return nil, false, false
}

// maxScans bounds the scans of a JPEG. Encoders write one (baseline) or
// about ten (progressive); image/jpeg goes over every block of the
// picture once per scan, however little the scan holds, so a few hundred
// kilobytes of repeated empty scans keep it busy for minutes, and 20 MB
// for hours, while every other upload waits for it.
const maxScans = 100

// jpegScans counts the start-of-scan markers image/jpeg will meet,
// walking segments and entropy-coded data as it does.
func jpegScans(data []byte) int {
	scans := 0
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xFF || data[i+1] == 0x00 {
			i++ // entropy-coded data, stuffed 0xFF bytes, extraneous data
			continue
		}
		marker := data[i+1]
		switch {
		case marker == 0xFF:
			i++
			continue
		case marker == 0xD9:
			return scans
		case marker == 0xD8 || marker >= 0xD0 && marker <= 0xD7 || marker == 0x01:
			i += 2
			continue
		case marker == 0xDA:
			scans++
		}
		i += 2 + int(binary.BigEndian.Uint16(data[i+2:]))
	}
	return scans
}
