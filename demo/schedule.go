package demo

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/toasoan/toasoan/content"
)

// spanDays is how far back the archive reaches.
const spanDays = 183

// hourWeights is when the newsroom publishes, by local hour: mostly office
// hours, a morning peak, a lull at lunch, a little in the evening.
var hourWeights = [24]float64{0, 0, 0, 0, 0, 1, 4, 8, 10, 10, 9, 7, 3, 5, 8, 9, 8, 6, 4, 3, 3, 2, 1, 1}

// pubSlot is when one article was written and published, and where.
type pubSlot struct {
	created, pub int64 // Unix seconds
	cat          int32 // index into the section list
	seq          int32 // generation order, the last tie-breaker
	story        int32 // 1 + index of the hand-written story published here; 0: generated
}

// catPicker draws sections by weight.
type catPicker struct {
	cum []int
}

func newCatPicker(specs []catSpec) catPicker {
	p := catPicker{cum: make([]int, len(specs))}
	t := 0
	for i, c := range specs {
		t += c.weight
		p.cum[i] = t
	}
	return p
}

func (p catPicker) pick(r *rand.Rand) int {
	x := r.IntN(p.cum[len(p.cum)-1])
	i, _ := slices.BinarySearch(p.cum, x+1)
	return i
}

// schedule spreads n publish slots over the spanDays before now: denser in
// the last days, fewer at weekends, in working hours, in batches that share
// one publish second. The result is sorted by creation time, the order in
// which the old system handed out ids.
func schedule(r *rand.Rand, now time.Time, n int, cats catPicker) []pubSlot {
	loc := content.Location
	nowL := now.In(loc)
	today := time.Date(nowL.Year(), nowL.Month(), nowL.Day(), 0, 0, 0, 0, loc)

	var hourTotal float64
	for _, w := range hourWeights {
		hourTotal += w
	}
	// elapsed is the share of today's publishing that happened before now.
	elapsedSecs := now.Sub(today).Seconds()
	var elapsed float64
	for h, w := range hourWeights {
		part := math.Min(math.Max(elapsedSecs-float64(h*3600), 0), 3600) / 3600
		elapsed += w * part
	}
	elapsed /= hourTotal

	weights := make([]float64, spanDays)
	var total float64
	for d := range weights {
		day := today.AddDate(0, 0, -d)
		w := 1 + 3*math.Exp(-float64(d)/10)
		switch day.Weekday() {
		case time.Saturday:
			w *= 0.7
		case time.Sunday:
			w *= 0.5
		}
		if d == 0 {
			w *= elapsed
		}
		weights[d] = w
		total += w
	}
	counts := apportion(n, weights, total)

	slots := make([]pubSlot, 0, n)
	needBig := true // make sure some batch holds three or more
	for d, c := range counts {
		dayStart := today.AddDate(0, 0, -d)
		limit := dayStart.AddDate(0, 0, 1)
		if d == 0 {
			limit = now
		}
		for c > 0 {
			size := min(batchSize(r), c)
			if needBig && c >= 3 {
				size, needBig = max(size, 3), false
			}
			c -= size
			pub := publishTime(r, dayStart, limit)
			batchCat := cats.pick(r)
			for range size {
				cat := batchCat
				if r.IntN(100) >= 75 {
					cat = cats.pick(r)
				}
				created := pub - 90 - int64(r.IntN(40*60))
				slots = append(slots, pubSlot{created: created, pub: pub, cat: int32(cat), seq: int32(len(slots))})
			}
		}
	}
	slices.SortFunc(slots, func(a, b pubSlot) int {
		if c := cmp.Compare(a.created, b.created); c != 0 {
			return c
		}
		if c := cmp.Compare(a.pub, b.pub); c != 0 {
			return c
		}
		return cmp.Compare(a.seq, b.seq)
	})
	return slots
}

// apportion splits n over the weights by the largest-remainder method.
func apportion(n int, weights []float64, total float64) []int {
	counts := make([]int, len(weights))
	if total <= 0 {
		counts[min(1, len(counts)-1)] = n
		return counts
	}
	type rem struct {
		i int
		f float64
	}
	rems := make([]rem, len(weights))
	given := 0
	for i, w := range weights {
		exact := float64(n) * w / total
		counts[i] = int(exact)
		given += counts[i]
		rems[i] = rem{i, exact - float64(counts[i])}
	}
	slices.SortFunc(rems, func(a, b rem) int {
		if c := cmp.Compare(b.f, a.f); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	for k := 0; given < n; k = (k + 1) % len(rems) {
		counts[rems[k].i]++
		given++
	}
	return counts
}

// batchSize draws how many articles go out in one publishing action.
func batchSize(r *rand.Rand) int {
	switch k := r.IntN(100); {
	case k < 35:
		return 1
	case k < 55:
		return 2
	case k < 70:
		return 3
	case k < 80:
		return 4
	case k < 88:
		return 5
	case k < 94:
		return 6
	case k < 97:
		return 7
	default:
		return 8
	}
}

// publishTime draws a second in [dayStart, limit) by the hour weights.
func publishTime(r *rand.Rand, dayStart, limit time.Time) int64 {
	start := dayStart.Unix()
	end := limit.Unix() // exclusive
	if end <= start {
		return start
	}
	var w [24]float64
	var total float64
	for h := range w {
		hs := start + int64(h)*3600
		part := math.Min(math.Max(float64(end-hs), 0), 3600) / 3600
		w[h] = hourWeights[h] * part
		total += w[h]
	}
	if total == 0 {
		return start + r.Int64N(end-start)
	}
	x := r.Float64() * total
	h := 0
	for ; h < 23; h++ {
		if x < w[h] {
			break
		}
		x -= w[h]
	}
	hs := start + int64(h)*3600
	span := min(int64(3600), end-hs)
	if span <= 0 {
		return max(start, end-1)
	}
	return hs + r.Int64N(span)
}
