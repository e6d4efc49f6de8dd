package media

// gifFrames counts the pictures in a GIF by walking its blocks, without
// decoding any: an animated GIF is stored as its first frame, and the
// person who uploaded it is told so.
func gifFrames(data []byte) int {
	if len(data) < 13 {
		return 0
	}
	i := 13
	if data[10]&0x80 != 0 { // global colour table
		i += 3 << (data[10]&7 + 1)
	}
	frames := 0
	// skip passes data sub-blocks: a length byte, that many bytes, until 0.
	skip := func() bool {
		for i < len(data) {
			n := int(data[i])
			i++
			if n == 0 {
				return true
			}
			i += n
		}
		return false
	}
	for i < len(data) {
		switch data[i] {
		case 0x21: // extension: label, sub-blocks
			i += 2
			if !skip() {
				return frames
			}
		case 0x2C: // image descriptor
			frames++
			if i+10 > len(data) {
				return frames
			}
			flags := data[i+9]
			i += 10
			if flags&0x80 != 0 { // local colour table
				i += 3 << (flags&7 + 1)
			}
			i++ // LZW minimum code size
			if !skip() {
				return frames
			}
		default: // trailer, or something broken: stop counting
			return frames
		}
	}
	return frames
}
