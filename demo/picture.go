package demo

import (
	"bytes"
	"image"
	"image/draw"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"strconv"

	"github.com/toasoan/toasoan/media"
)

// numPictures is how many distinct pictures the demo paper owns.
const numPictures = 40

// Scene kinds of the procedural pictures.
const (
	sceneMountains = iota
	sceneLake
	sceneCity
	scenePlantation
	sceneSea
	numScenes
)

type rgb struct{ r, g, b float64 }

func mix(a, b rgb, t float64) rgb {
	return rgb{a.r + (b.r-a.r)*t, a.g + (b.g-a.g)*t, a.b + (b.b-a.b)*t}
}

func (c rgb) scale(f float64) rgb { return rgb{c.r * f, c.g * f, c.b * f} }

func hex(v uint32) rgb {
	return rgb{float64(v >> 16 & 0xff), float64(v >> 8 & 0xff), float64(v & 0xff)}
}

// palette is a time of day.
type palette struct {
	when           string // caption phrase
	skyTop, skyLow rgb
	sun            rgb
	sunUp          bool // sun (or moon) visible
	land           rgb  // nearest land
	haze           rgb  // what distance fades to
	water          rgb
	night          bool
}

var palettes = []palette{
	{when: "lúc bình minh", skyTop: hex(0x3b5b8c), skyLow: hex(0xf4b183), sun: hex(0xfff1c9), sunUp: true,
		land: hex(0x2a3326), haze: hex(0xc9a58f), water: hex(0x4f6d8f)},
	{when: "giữa trưa nắng", skyTop: hex(0x2f74c0), skyLow: hex(0xbfe0f5), sun: hex(0xffffff), sunUp: true,
		land: hex(0x2f5a22), haze: hex(0xa9c8dc), water: hex(0x2d6fa3)},
	{when: "trong ánh hoàng hôn", skyTop: hex(0x3a2a5e), skyLow: hex(0xf08a4b), sun: hex(0xffd27a), sunUp: true,
		land: hex(0x221a24), haze: hex(0xb0667a), water: hex(0x5b3d5e)},
	{when: "về đêm", skyTop: hex(0x070b1e), skyLow: hex(0x283a66), sun: hex(0xe8ecf5), sunUp: true,
		land: hex(0x0b0f18), haze: hex(0x2b3557), water: hex(0x111a33), night: true},
	{when: "trong sương sớm", skyTop: hex(0x9aa9b4), skyLow: hex(0xe3e6e4), sun: hex(0xfdfcf3), sunUp: false,
		land: hex(0x3d4a3f), haze: hex(0xd3d8d5), water: hex(0x8a9ba5)},
}

var sceneNames = [numScenes]string{
	sceneMountains:  "những dãy núi xa",
	sceneLake:       "mặt hồ phẳng lặng",
	sceneCity:       "phố phường",
	scenePlantation: "vườn cao su trên triền đồi",
	sceneSea:        "bãi biển",
}

var pictureSizes = [][2]int{{1200, 800}, {1200, 800}, {1200, 675}, {1200, 800}, {1024, 768}}

// picture is a generated JPEG and what the media record says about it.
type picture struct {
	data          []byte
	width, height int
	caption       string
}

// noise1D is smooth fractal value noise along x, for ridges and skylines.
type noise1D struct {
	vals []float64
}

func newNoise(r *rand.Rand, n int) noise1D {
	v := make([]float64, n)
	for i := range v {
		v[i] = r.Float64()
	}
	return noise1D{v}
}

func (n noise1D) at(x float64) float64 {
	i := int(math.Floor(x))
	f := x - float64(i)
	a := n.vals[((i%len(n.vals))+len(n.vals))%len(n.vals)]
	b := n.vals[(((i+1)%len(n.vals))+len(n.vals))%len(n.vals)]
	t := (1 - math.Cos(f*math.Pi)) / 2
	return a + (b-a)*t
}

// fbm sums octaves; the result is roughly in [0,1].
func (n noise1D) fbm(x float64, octaves int) float64 {
	var sum, amp, norm float64 = 0, 1, 0
	for o := 0; o < octaves; o++ {
		sum += amp * n.at(x)
		norm += amp
		amp *= 0.5
		x = x*2 + 17.3
	}
	return sum / norm
}

// canvas is an RGB float image drawn into an *image.RGBA at the end.
type canvas struct {
	w, h int
	px   []rgb
}

func (c *canvas) set(x, y int, v rgb) { c.px[y*c.w+x] = v }
func (c *canvas) get(x, y int) rgb    { return c.px[y*c.w+x] }

// scratch holds one renderer's buffers, reused from picture to picture.
type scratch struct {
	px  []rgb
	img *image.RGBA
	buf bytes.Buffer
}

// renderPicture draws picture number idx for seed; the same inputs always
// give the same bytes. s may be nil.
func renderPicture(seed int64, idx int, s *scratch) (picture, error) {
	if s == nil {
		s = &scratch{}
	}
	r := rand.New(rand.NewPCG(uint64(seed), 0x51c7_0000+uint64(idx)))
	size := pictureSizes[idx%len(pictureSizes)]
	W, H := size[0], size[1]
	kind := idx % numScenes
	pal := palettes[(idx/numScenes+idx)%len(palettes)]
	if cap(s.px) < W*H {
		s.px = make([]rgb, W*H)
	}
	// drawSky sets every pixel, so the reused buffer needs no clearing.
	c := &canvas{w: W, h: H, px: s.px[:W*H]}

	horizon := int(float64(H) * (0.45 + 0.2*r.Float64()))
	if kind == sceneSea || kind == sceneLake {
		horizon = int(float64(H) * (0.42 + 0.12*r.Float64()))
	}
	sunX := float64(W) * (0.15 + 0.7*r.Float64())
	sunY := float64(horizon) * (0.35 + 0.45*r.Float64())
	sunR := float64(H) * (0.035 + 0.03*r.Float64())
	drawSky(c, pal, horizon, sunX, sunY, sunR, r)

	switch kind {
	case sceneMountains:
		drawRidges(c, r, pal, horizon, 4+r.IntN(2), H)
	case sceneLake:
		drawRidges(c, r, pal, horizon, 3, horizon)
		drawWater(c, r, pal, horizon, sunX)
	case sceneCity:
		drawCity(c, r, pal, horizon)
	case scenePlantation:
		drawRidges(c, r, pal, horizon, 2, H)
		drawPlantation(c, r, pal, horizon)
	case sceneSea:
		drawWater(c, r, pal, horizon, sunX)
		drawBeach(c, r, pal)
	}
	if s.img == nil || s.img.Rect.Dx() != W || s.img.Rect.Dy() != H {
		s.img = image.NewRGBA(image.Rect(0, 0, W, H))
	}
	finish(c, r, s.img)
	s.buf.Reset()
	if err := jpeg.Encode(&s.buf, s.img, &jpeg.Options{Quality: 82}); err != nil {
		return picture{}, err
	}
	data := bytes.Clone(s.buf.Bytes())
	caption := "Ảnh minh họa số " + strconv.Itoa(idx+1) + ": " + upperFirst(sceneNames[kind]) + " " + pal.when +
		" (ảnh tạo tự động cho bản trình diễn)"
	return picture{data: data, width: W, height: H, caption: caption}, nil
}

// pictureRenditions makes the site's sizes of a picture from its master
// file: decoding the JPEG again costs less than keeping every rendered
// picture in memory until its renditions are made.
func pictureRenditions(data []byte) ([]media.Encoded, error) {
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	rgba := image.NewRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
	return media.RenditionsWithMaster(rgba, data, "jpg", 0.5, 0.5)
}

func drawSky(c *canvas, pal palette, horizon int, sx, sy, sr float64, r *rand.Rand) {
	glow2 := 1 / (sr * sr * 12) // the glow fades over a few sun radii
	reach := 16 * sr * sr * 25
	for y := 0; y < c.h; y++ {
		t := math.Min(float64(y)/float64(max(horizon, 1)), 1)
		base := mix(pal.skyTop, pal.skyLow, math.Pow(t, 0.8))
		dy := float64(y) - sy
		row := c.px[y*c.w : (y+1)*c.w]
		for x := range row {
			col := base
			if pal.sunUp {
				dx := float64(x) - sx
				d2 := dx*dx + dy*dy
				if d2 < sr*sr {
					col = pal.sun
				} else if d2 < reach {
					q := 1 / (1 + d2*glow2)
					col = mix(col, pal.sun, 0.75*q*q)
				}
			}
			row[x] = col
		}
	}
	if pal.night {
		// stars
		for range 250 {
			x, y := r.IntN(c.w), r.IntN(max(horizon-10, 1))
			b := 150 + 100*r.Float64()
			c.set(x, y, rgb{b, b, b * 1.02})
		}
	}
}

// drawRidges paints layered hills from far (hazy) to near (dark).
func drawRidges(c *canvas, r *rand.Rand, pal palette, horizon, layers, bottom int) {
	for l := 0; l < layers; l++ {
		depth := float64(l) / float64(max(layers-1, 1)) // 0 far, 1 near
		n := newNoise(r, 64)
		freq := 1.0 / (90 + 160*r.Float64()) * (1 + depth)
		amp := float64(c.h) * (0.08 + 0.12*r.Float64()) * (1 - 0.4*depth)
		base := float64(horizon) - amp*0.6 + depth*float64(c.h)*0.08
		col := mix(pal.haze, pal.land, 0.35+0.65*depth)
		for x := 0; x < c.w; x++ {
			top := int(base - amp*n.fbm(float64(x)*freq, 5) + amp*0.5)
			top = max(top, 0)
			for y := top; y < bottom; y++ {
				shade := 1 - 0.25*float64(y-top)/float64(c.h)
				c.set(x, y, col.scale(shade))
			}
		}
	}
}

// drawWater mirrors what is above the horizon, with ripples and a sun path.
func drawWater(c *canvas, r *rand.Rand, pal palette, horizon int, sunX float64) {
	phase := r.Float64() * 6
	for y := horizon; y < c.h; y++ {
		depth := float64(y-horizon) / float64(max(c.h-horizon, 1))
		off := int(math.Sin(float64(y)*0.35+phase) * (2 + 10*depth))
		src := 2*horizon - y - 1
		if src < 0 {
			src = 0
		}
		for x := 0; x < c.w; x++ {
			sxp := min(max(x+off, 0), c.w-1)
			col := mix(c.get(sxp, src), pal.water, 0.45+0.35*depth)
			dx := math.Abs(float64(x) - sunX)
			if pal.sunUp && dx < 40+140*depth && (x*7+y*13+int(phase*100))%23 < 4 {
				col = mix(col, pal.sun, 0.5*(1-dx/(40+140*depth)))
			}
			c.set(x, y, col)
		}
	}
}

// drawCity puts two rows of buildings on the horizon, windows lit at night.
func drawCity(c *canvas, r *rand.Rand, pal palette, horizon int) {
	ground := horizon + (c.h-horizon)/2
	for row := 0; row < 2; row++ {
		near := row == 1
		col := mix(pal.haze, pal.land, 0.45)
		if near {
			col = pal.land
		}
		x := -r.IntN(40)
		for x < c.w {
			bw := 40 + r.IntN(110)
			bh := int(float64(c.h) * (0.12 + 0.35*r.Float64()))
			if near {
				bh = int(float64(c.h) * (0.08 + 0.25*r.Float64()))
			}
			base := horizon + 20
			if near {
				base = ground
			}
			top := max(base-bh, 0)
			lit := 0.35 + 0.3*r.Float64()
			for yy := top; yy < min(base, c.h); yy++ {
				for xx := max(x, 0); xx < min(x+bw, c.w); xx++ {
					v := col
					wx, wy := (xx-x)%14, (yy-top)%18
					if wx >= 4 && wx < 10 && wy >= 5 && wy < 13 && xx-x > 4 && x+bw-xx > 4 {
						h := uint32(xx/14*7919+yy/18*104729+x*31) * 2654435761
						on := float64(h>>16&0xff)/255 < lit
						switch {
						case pal.night && on:
							v = rgb{245, 205, 120}
						case !pal.night:
							v = mix(col, pal.skyLow, 0.35)
						}
					}
					c.set(xx, yy, v)
				}
			}
			x += bw + r.IntN(8)
		}
	}
	for y := ground; y < c.h; y++ {
		t := float64(y-ground) / float64(max(c.h-ground, 1))
		for x := 0; x < c.w; x++ {
			v := mix(pal.land.scale(0.9), rgb{60, 60, 64}, 0.6).scale(1 - 0.3*t)
			if y > ground+(c.h-ground)/2 && (x/60)%2 == 0 && (y-ground)%40 < 3 {
				v = rgb{200, 190, 150}
			}
			c.set(x, y, v)
		}
	}
}

// drawPlantation paints rows of trees converging to a vanishing point.
func drawPlantation(c *canvas, r *rand.Rand, pal palette, horizon int) {
	top := horizon + (c.h-horizon)/5
	vx := float64(c.w) * (0.3 + 0.4*r.Float64())
	green := mix(pal.land, rgb{60, 110, 50}, 0.5)
	if pal.night {
		green = pal.land
	}
	soil := mix(pal.land, rgb{150, 100, 60}, 0.45)
	for y := top; y < c.h; y++ {
		d := float64(y-top+8) / float64(c.h-top)
		for x := 0; x < c.w; x++ {
			u := (float64(x) - vx) / (d * 90)
			s := math.Sin(u * math.Pi)
			v := soil
			if s > -0.1 {
				v = green.scale(0.75 + 0.35*s)
			}
			v = mix(pal.haze, v, math.Min(1, 0.35+d))
			c.set(x, y, v)
		}
	}
}

// drawBeach paints sand with a wavy shoreline and foam.
func drawBeach(c *canvas, r *rand.Rand, pal palette) {
	sand := mix(rgb{226, 204, 160}, pal.land, 0.25)
	if pal.night {
		sand = sand.scale(0.3)
	}
	base := float64(c.h) * (0.72 + 0.1*r.Float64())
	phase := r.Float64() * 6
	for x := 0; x < c.w; x++ {
		edge := int(base + 18*math.Sin(float64(x)/110+phase) + 8*math.Sin(float64(x)/37))
		for y := max(edge, 0); y < c.h; y++ {
			v := sand.scale(1 - 0.15*float64(y-edge)/float64(c.h))
			if y-edge < 5 {
				v = mix(v, rgb{245, 245, 240}, 0.7)
			}
			c.set(x, y, v)
		}
	}
}

// finish adds a vignette and a fine grain, as a camera would, into img.
func finish(c *canvas, r *rand.Rand, img *image.RGBA) {
	cx, cy := float64(c.w)/2, float64(c.h)/2
	norm := 1 / (cx*cx + cy*cy)
	state := r.Uint32() | 1
	for y := 0; y < c.h; y++ {
		dy := float64(y) - cy
		row := img.Pix[y*img.Stride:]
		for x := 0; x < c.w; x++ {
			dx := float64(x) - cx
			v := 1 - 0.38*(dx*dx+dy*dy)*norm
			state ^= state << 13
			state ^= state >> 17
			state ^= state << 5
			g := float64(int(state&7)) - 3.5
			p := c.px[y*c.w+x]
			i := x * 4
			row[i] = clamp8(p.r*v + g)
			row[i+1] = clamp8(p.g*v + g)
			row[i+2] = clamp8(p.b*v + g)
			row[i+3] = 255
		}
	}
}

func clamp8(v float64) uint8 {
	switch {
	case v <= 0:
		return 0
	case v >= 255:
		return 255
	}
	return uint8(v + 0.5)
}
