// Package demo generates a realistic, deterministic demo newspaper: the
// sections of the site Toà Soạn replaces, a staff of reporters, pictures,
// and thousands of Vietnamese articles published in batches over the months
// before a given time: hand-written stories (stories.go) as the newest of
// each section, and articles assembled from phrase pools (text.go) for the
// rest. The same Seed and Now always give the same database.
package demo

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/media"
	"github.com/toasoan/toasoan/store"
)

// DefaultArticles is how many articles Generate writes when Options.Articles is 0.
const DefaultArticles = 3000

// batchLen is how many articles go to the store in one transaction.
const batchLen = 500

// Options tune Generate.
type Options struct {
	Articles int                   // how many articles; default DefaultArticles
	Seed     int64                 // same seed, same newspaper
	Now      time.Time             // the newest publish time; articles spread over the months before it (zero: time.Now())
	MediaDir string                // where generated pictures are written (media.Disk{Dir: MediaDir}); "" = no pictures
	Progress func(done, total int) // optional, called after every batch
	// DeferRenditions leaves the pictures' renditions (most of the time
	// pictures take) to Stats.Renditions, for a server that wants to
	// answer sooner: the site shows a picture without renditions in its
	// master size until they are stored.
	DeferRenditions bool
}

// Stats reports what Generate made.
type Stats struct {
	Categories, Articles, Pictures int
	Took                           time.Duration
	// Renditions, with Options.DeferRenditions, makes and stores the
	// pictures' renditions; nil otherwise. It may run while the store
	// serves readers.
	Renditions func(ctx context.Context) error
}

// ErrNotEmpty is returned when the store already holds articles.
var ErrNotEmpty = errors.New("demo: the store already holds articles; demo data goes into an empty store only")

// Generate fills an empty store with the demo newspaper: sections, footer
// settings, pictures (when MediaDir is set), reporters, tags and articles.
// It returns ErrNotEmpty if articles already exist. Sections that already
// exist with the same code are reused.
func Generate(ctx context.Context, st store.Store, opt Options) (Stats, error) {
	start := time.Now()
	var stats Stats
	total := opt.Articles
	if total <= 0 {
		total = DefaultArticles
	}
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	now = time.Unix(now.Unix(), 0).UTC() // stored times are whole seconds

	if n, err := st.ArticleCount(ctx); err != nil {
		return stats, fmt.Errorf("demo: %w", err)
	} else if n > 0 {
		return stats, fmt.Errorf("%w (%d found)", ErrNotEmpty, n)
	}

	specs := catSpecs()
	catIDs, err := ensureCategories(ctx, st, specs)
	if err != nil {
		return stats, err
	}
	stats.Categories = len(specs)
	if err := st.SetSettings(ctx, demoSettings); err != nil {
		return stats, fmt.Errorf("demo: settings: %w", err)
	}

	// The pictures are rendered while the publishing schedule is drawn.
	type picsResult struct {
		pics       []picRef
		renditions func(context.Context) error
		err        error
	}
	picsCh := make(chan picsResult, 1)
	go func() {
		pics, renditions, err := makePictures(ctx, st, opt.Seed, now, opt.MediaDir)
		picsCh <- picsResult{pics, renditions, err}
	}()
	slots := schedule(rand.New(rand.NewPCG(uint64(opt.Seed), 0x5c4ed01e)), now, total, newCatPicker(specs))
	stories, err := loadedStories()
	if err == nil {
		err = assignStories(slots, specs, stories)
	}
	if err != nil {
		<-picsCh
		return stats, fmt.Errorf("demo: stories: %w", err)
	}
	pr := <-picsCh
	if pr.err != nil {
		return stats, pr.err
	}
	stats.Pictures = len(pr.pics)
	if opt.DeferRenditions {
		stats.Renditions = pr.renditions
	} else if err := pr.renditions(ctx); err != nil {
		return stats, err
	}

	// One goroutine writes articles in order, the caller's goroutine stores
	// them: generation overlaps with SQLite's work and stays deterministic.
	gen := newArticleGen(opt.Seed, now, specs, catIDs, pr.pics)
	gen.stories = stories
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan []*content.Article, 2)
	go func() {
		defer close(batches)
		for i := 0; i < len(slots); i += batchLen {
			part := slots[i:min(i+batchLen, len(slots))]
			arts := make([]content.Article, len(part))
			batch := make([]*content.Article, len(part))
			for j, s := range part {
				gen.fill(s, &arts[j])
				batch[j] = &arts[j]
			}
			select {
			case batches <- batch:
			case <-ctx.Done():
				return
			}
		}
	}()
	load := func(ctx context.Context) error {
		for batch := range batches {
			if err := st.CreateArticles(ctx, batch); err != nil {
				return fmt.Errorf("demo: store articles: %w", err)
			}
			stats.Articles += len(batch)
			if opt.Progress != nil {
				opt.Progress(stats.Articles, total)
			}
		}
		return ctx.Err()
	}
	if bl, ok := st.(store.BulkLoader); ok {
		err = bl.BulkLoad(ctx, load)
	} else {
		err = load(ctx)
	}
	if err != nil {
		cancel()
		for range batches {
		}
		return stats, err
	}
	stats.Took = time.Since(start)
	return stats, nil
}

// ensureCategories creates the sections, reusing any with the same code.
func ensureCategories(ctx context.Context, st store.Store, specs []catSpec) ([]int64, error) {
	existing, err := st.Categories(ctx)
	if err != nil {
		return nil, fmt.Errorf("demo: categories: %w", err)
	}
	byCode := make(map[string]int64, len(existing))
	for _, c := range existing {
		byCode[c.Code] = c.ID
	}
	ids := make([]int64, len(specs))
	for i, s := range specs {
		if id, ok := byCode[s.code]; ok {
			ids[i] = id
			continue
		}
		c := content.Category{Code: s.code, Name: s.name, Description: s.desc, MenuOrder: (i + 1) * 10}
		if s.parent != "" {
			c.ParentID = byCode[s.parent]
		}
		if err := st.CreateCategory(ctx, &c); err != nil {
			return nil, fmt.Errorf("demo: create section %s: %w", s.code, err)
		}
		byCode[s.code] = c.ID
		ids[i] = c.ID
	}
	return ids, nil
}

// makePictures renders the pictures on all cores and stores them in order.
// Their renditions are left to the function it returns.
func makePictures(ctx context.Context, st store.Store, seed int64, now time.Time, dir string) ([]picRef, func(context.Context) error, error) {
	none := func(context.Context) error { return nil }
	if dir == "" {
		return nil, none, nil
	}
	rendered := make([]picture, numPictures)
	errs := make([]error, numPictures)
	onAllCores(numPictures, func(i int, s *scratch) { rendered[i], errs[i] = renderPicture(seed, i, s) })
	if err := errors.Join(errs...); err != nil {
		return nil, none, fmt.Errorf("demo: render pictures: %w", err)
	}

	disk := media.Disk{Dir: dir}
	uploaded := now.AddDate(0, 0, -spanDays-3)
	out := make([]picRef, numPictures)
	for i, p := range rendered {
		if err := ctx.Err(); err != nil {
			return nil, none, err
		}
		hash, err := disk.Put(p.data, "jpg")
		if err != nil {
			return nil, none, fmt.Errorf("demo: %w", err)
		}
		m := &content.Media{Hash: hash, Ext: "jpg", MIME: "image/jpeg", Width: p.width, Height: p.height,
			Size: int64(len(p.data)), Caption: p.caption, Credit: "Toà Soạn (ảnh minh họa)",
			CreatedAt: uploaded.Add(time.Duration(i) * 37 * time.Minute)}
		if _, err := st.CreateMedia(ctx, m); err != nil {
			return nil, none, fmt.Errorf("demo: %w", err)
		}
		out[i] = picRef{m: m, path: m.Path(),
			dims: `" width="` + strconv.Itoa(m.Width) + `" height="` + strconv.Itoa(m.Height) +
				`" loading="lazy"><figcaption>Trong ảnh: `}
	}
	renditions := func(ctx context.Context) error {
		made := make([][]media.Encoded, len(out))
		onAllCores(len(out), func(i int, _ *scratch) {
			if ctx.Err() == nil {
				made[i], errs[i] = pictureRenditions(rendered[i].data)
			}
		})
		if err := errors.Join(errs...); err != nil {
			return fmt.Errorf("demo: picture renditions: %w", err)
		}
		for i, enc := range made {
			if err := ctx.Err(); err != nil {
				return err
			}
			rs, err := disk.PutRenditions(enc)
			if err != nil {
				return fmt.Errorf("demo: %w", err)
			}
			if err := st.SetRenditions(ctx, out[i].m.ID, rs); err != nil {
				return fmt.Errorf("demo: %w", err)
			}
		}
		return nil
	}
	return out, renditions, nil
}

// onAllCores calls f(i) for i in [0, n) on every core, each goroutine with
// its own scratch buffers.
func onAllCores(n int, f func(i int, s *scratch)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var s scratch
			for i := range next {
				f(i, &s)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
