package diacritics

import (
	"bufio"
	"cmp"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"unicode/utf8"

	"github.com/toasoan/toasoan/viet"
)

// The file format of a model:
//
//	"TSDIAC" magic, 2-byte big-endian format version
//	a gzip stream (its CRC-32 guards the rest) of unsigned varints:
//	  syllables read in training
//	  d2, d3: the discounts, as the IEEE 754 bits of a float64
//	  word count W, then W × (length, UTF-8 bytes, count), ids from 2 on
//	  bigram count, then bigrams sorted by key: Δfirst, second, count,
//	    continuation count (distinct words seen before it, at most count)
//	  trigram count, then trigrams sorted by key: Δfirst, second, third, count
//	  the magic again, as a trailer
const (
	magic         = "TSDIAC"
	formatVersion = 2 // 2 added the bigram continuation counts
)

// Limits that a model file may not exceed, so that a corrupt file cannot
// make ReadModel allocate without bound.
const (
	maxBigrams  = 1 << 27
	maxTrigrams = 1 << 28
)

// ErrFormat is wrapped by every error ReadModel returns for input that is
// not a valid model file.
var ErrFormat = errors.New("diacritics: not a valid model file")

// ErrVersion is wrapped, with ErrFormat, by the error for a model file of
// another format version: one an older or newer program wrote, to rebuild
// rather than to worry about.
var ErrVersion = errors.New("another format version")

// WriteTo writes the model to w in its binary format (see ReadModel) and
// returns the number of bytes written.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	if m == nil {
		return 0, errors.New("diacritics: write nil model")
	}
	cw := &countWriter{w: w}
	var head [len(magic) + 2]byte
	copy(head[:], magic)
	binary.BigEndian.PutUint16(head[len(magic):], formatVersion)
	if _, err := cw.Write(head[:]); err != nil {
		return cw.n, err
	}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return cw.n, err
	}
	bw := bufio.NewWriterSize(zw, 64<<10)
	var buf [binary.MaxVarintLen64]byte
	put := func(v uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], v)]) }

	put(uint64(m.syllables))
	put(math.Float64bits(m.d2))
	put(math.Float64bits(m.d3))
	put(uint64(len(m.words) - idFirst))
	for id := idFirst; id < len(m.words); id++ {
		put(uint64(len(m.words[id])))
		bw.WriteString(m.words[id])
		put(uint64(m.count[id]))
	}
	bis := make([]uint64, 0, len(m.bi))
	for k, s := range m.bi {
		if s.count > 0 {
			bis = append(bis, k)
		}
	}
	slices.Sort(bis)
	put(uint64(len(bis)))
	prev := uint64(0)
	for _, k := range bis {
		a := k >> 32
		put(a - prev)
		put(k & math.MaxUint32)
		put(uint64(m.bi[k].count))
		put(uint64(m.bi[k].kCont))
		prev = a
	}
	tris := slices.Sorted(maps.Keys(m.tri))
	put(uint64(len(tris)))
	prev = 0
	for _, k := range tris {
		a := k >> 42
		put(a - prev)
		put(k >> 21 & (maxWords - 1))
		put(k & (maxWords - 1))
		put(uint64(m.tri[k]))
		prev = a
	}
	bw.WriteString(magic)
	if err := bw.Flush(); err != nil {
		return cw.n, err
	}
	if err := zw.Close(); err != nil {
		return cw.n, err
	}
	return cw.n, cw.err
}

type countWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	if err != nil && c.err == nil {
		c.err = err
	}
	return n, err
}

// ReadModel reads a model written by WriteTo, reading r to its end. Input
// that is not a complete,
// valid model of this format version (truncated, corrupt, another version)
// is refused with an error wrapping ErrFormat; ReadModel never panics and
// bounds what it allocates by the limits of the format.
func ReadModel(r io.Reader) (*Model, error) {
	var head [len(magic) + 2]byte
	if _, err := io.ReadFull(r, head[:]); err != nil {
		return nil, fmt.Errorf("%w: header: %v", ErrFormat, err)
	}
	if string(head[:len(magic)]) != magic {
		return nil, fmt.Errorf("%w: bad magic", ErrFormat)
	}
	if v := binary.BigEndian.Uint16(head[len(magic):]); v != formatVersion {
		return nil, fmt.Errorf("%w: %w: %d, want %d", ErrFormat, ErrVersion, v, formatVersion)
	}
	br := bufio.NewReader(r)
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	zr.Multistream(false)
	d := &decoder{r: bufio.NewReaderSize(zr, 64<<10)}
	m, err := d.model()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	// Reading to the end of the gzip stream checks its CRC-32 and length.
	if _, err := d.r.ReadByte(); err != io.EOF {
		if err == nil {
			err = errors.New("data after the trailer")
		}
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	// gzip read br byte by byte (it is an io.ByteReader): nothing may follow.
	if _, err := br.ReadByte(); err != io.EOF {
		return nil, fmt.Errorf("%w: data after the gzip stream", ErrFormat)
	}
	return m, nil
}

type decoder struct {
	r   *bufio.Reader
	err error
}

// uint reads one varint no larger than limit.
func (d *decoder) uint(limit uint64, what string) uint64 {
	if d.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(d.r)
	if err != nil {
		d.err = fmt.Errorf("%s: %w", what, noEOF(err))
		return 0
	}
	if v > limit {
		d.err = fmt.Errorf("%s: %d out of range", what, v)
		return 0
	}
	return v
}

func noEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

func (d *decoder) model() (*Model, error) {
	m := &Model{}
	m.syllables = int64(d.uint(math.MaxInt64, "syllables"))
	m.d2 = math.Float64frombits(d.uint(math.MaxUint64, "discount"))
	m.d3 = math.Float64frombits(d.uint(math.MaxUint64, "discount"))
	if d.err == nil && !(m.d2 > 0 && m.d2 < 1 && m.d3 > 0 && m.d3 < 1) {
		return nil, fmt.Errorf("discounts %v, %v out of range", m.d2, m.d3)
	}
	nw := int(d.uint(maxWords-idFirst, "word count"))
	m.words = append(make([]string, 0, min(nw, 1<<16)+idFirst), "<s>", "</s>")
	m.count = append(make([]uint32, 0, min(nw, 1<<16)+idFirst), 0, 0)
	seen := map[string]bool{}
	var buf [4 * maxSyllableLetters]byte
	for i := 0; i < nw && d.err == nil; i++ {
		n := d.uint(uint64(len(buf)), "word length")
		if d.err != nil {
			break
		}
		if _, err := io.ReadFull(d.r, buf[:n]); err != nil {
			return nil, fmt.Errorf("word: %w", noEOF(err))
		}
		w := string(buf[:n])
		if !utf8.ValidString(w) {
			return nil, fmt.Errorf("word %q: invalid UTF-8", w)
		}
		if k, low := classify(w); (k != kindPlain && k != kindAccented) || low != w {
			return nil, fmt.Errorf("word %q: not a lower-case syllable", w)
		}
		key := viet.SearchKey(w)
		if seen[key] {
			return nil, fmt.Errorf("word %q: duplicate", w)
		}
		seen[key] = true
		c := d.uint(math.MaxUint32, "word count")
		if d.err == nil && c == 0 {
			return nil, fmt.Errorf("word %q: count 0", w)
		}
		m.words = append(m.words, w)
		m.count = append(m.count, uint32(c))
	}
	if d.err != nil {
		return nil, d.err
	}
	last := uint64(len(m.words) - 1)

	nb := int(d.uint(maxBigrams, "bigram count"))
	m.bi = make(map[uint64]biStat, min(nb, 1<<16))
	prevKey, a := uint64(0), uint64(0)
	for i := 0; i < nb && d.err == nil; i++ {
		a += d.uint(last, "bigram")
		b := d.uint(last, "bigram")
		c := d.uint(math.MaxUint32, "bigram count")
		kc := d.uint(c, "bigram continuation count")
		if d.err != nil {
			break
		}
		k := biKey(uint32(a), uint32(b))
		if a > last || a == idEnd || b == idStart || c == 0 || (i > 0 && k <= prevKey) {
			return nil, fmt.Errorf("bigram %d: bad entry", i)
		}
		m.bi[k] = biStat{count: uint32(c), kCont: uint32(kc)}
		prevKey = k
	}
	nt := int(d.uint(maxTrigrams, "trigram count"))
	m.tri = make(map[uint64]uint32, min(nt, 1<<16))
	prevKey, a = 0, 0
	for i := 0; i < nt && d.err == nil; i++ {
		a += d.uint(last, "trigram")
		b := d.uint(last, "trigram")
		c := d.uint(last, "trigram")
		n := d.uint(math.MaxUint32, "trigram count")
		if d.err != nil {
			break
		}
		k := triKey(uint32(a), uint32(b), uint32(c))
		if a > last || a == idEnd || b == idEnd || c == idStart || n == 0 || (i > 0 && k <= prevKey) {
			return nil, fmt.Errorf("trigram %d: bad entry", i)
		}
		m.tri[k] = uint32(n)
		prevKey = k
	}
	var trailer [len(magic)]byte
	if d.err == nil {
		if _, err := io.ReadFull(d.r, trailer[:]); err != nil {
			return nil, fmt.Errorf("trailer: %w", noEOF(err))
		}
		if string(trailer[:]) != magic {
			return nil, errors.New("bad trailer")
		}
	}
	if d.err != nil {
		return nil, d.err
	}
	// Context totals must fit in 32 bits, as in a trained model.
	var total [2]map[uint64]uint64
	total[0], total[1] = map[uint64]uint64{}, map[uint64]uint64{}
	for k, s := range m.bi {
		if total[0][k>>32] += uint64(s.count); total[0][k>>32] > math.MaxUint32 {
			return nil, errors.New("bigram counts overflow")
		}
	}
	for k, n := range m.tri {
		if total[1][k>>21] += uint64(n); total[1][k>>21] > math.MaxUint32 {
			return nil, errors.New("trigram counts overflow")
		}
	}
	m.finish()
	return m, nil
}

// WriteFile writes the model to path atomically: to a temporary file in
// the same directory, synced, then renamed over path.
func (m *Model) WriteFile(path string) error {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	_, err = m.WriteTo(f)
	err = cmp.Or(err, f.Sync(), f.Close())
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write model %s: %w", path, err)
	}
	return nil
}

// ReadFile reads a model written by WriteFile or WriteTo.
func ReadFile(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	defer f.Close()
	m, err := ReadModel(f)
	if err != nil {
		return nil, fmt.Errorf("read model %s: %w", path, err)
	}
	return m, nil
}
