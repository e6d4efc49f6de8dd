// Package legacy imports the old PHP system's articles into the store.
//
// The input is JSON Lines: one object per line with the old database's
// columns (news_id, news_lang, news_title, newcate_code1, newcate_code2,
// news_publicdate, news_createdate, news_type, news_picture, news_sapo,
// news_content, news_author). Import reads it line by line (lines of many
// megabytes are fine; a UTF-8 byte order mark, CRLF line ends and blank lines
// are accepted), and:
//
//   - keeps the old ids: Article.ID = news_id, so /{slug}-{id}.html links
//     keep their number;
//   - creates missing categories: newcate_code1 as a top-level section,
//     newcate_code2 (if set and different) as its sub-section. Codes must be
//     slugs (a-z, 0-9, hyphens). Names come from a built-in table of the
//     Bình Dương site's codes; an unknown code gets a title-cased name
//     ("tp-abc" → "Tp Abc") and is listed in Summary.Categories with
//     NameGuessed set, to be renamed in the admin. Category codes are unique
//     in the store, so an existing code is always reused where it is: a
//     sub-section code that the store files under another parent (or as a
//     top-level section) takes the article there and a warning is reported
//     once; a sub-section code under a top code that is itself a sub-section
//     (sections have two levels) files the article under that top code, with
//     a warning;
//   - reads news_publicdate and news_createdate as Asia/Ho_Chi_Minh wall time
//     and stores UTC. A row with a publish date is published with
//     PublishedAt = UpdatedAt = news_publicdate, so the article's "Cập nhật"
//     stamp shows the old publish time, never the import time; CreatedAt =
//     news_createdate (or the publish date when that is missing). A row whose
//     news_publicdate is empty or the zero date "0000-00-00 00:00:00" was
//     never published: it becomes a draft with CreatedAt = UpdatedAt =
//     news_createdate; a row with neither date fails. A publish date in the
//     future (after Options.Now) is still imported as published, which
//     readers see once the time comes, and is reported as a warning;
//   - normalizes the title and sapo to one NFC line (entities decoded, tags
//     removed from the sapo), makes the slug from the title, and passes
//     news_content through richtext.Sanitize (images the sanitizer drops,
//     such as old relative /uploads/ paths, are reported as warnings);
//   - keeps news_author as the byline as printed and splits it on " - ", ","
//     and ";" into Authors (a leading label such as "Bài và ảnh:" is skipped,
//     a name in capitals is title-cased, "Theo …" source credits are not
//     authors);
//   - does not import news_picture. The old files are not part of the
//     export, and a media record without its file would be a broken image, so
//     none is invented: Summary.Pictures counts the rows that had one, and a
//     later media migration that has the files can attach them by news_id.
//
// A bad row (invalid JSON, missing or invalid id, title, category or date, a
// duplicate id in the file) is reported with its line number and a reason in
// Vietnamese, and the other rows still import. New articles are written in
// batches; when a batch fails, its rows are retried one by one so that one
// bad row cannot sink the others.
//
// Importing the same file again changes nothing: an article that exists with
// the same imported fields is counted Unchanged and not written; one whose
// fields differ is Updated. The fields the import owns are language, title,
// slug, sapo, body, type, status, category, byline, authors and the three
// times; the featured picture, tags and view counts that the newsroom may
// have added since are kept. An article that staff have since edited or
// moved through the workflow (a save, a step, a schedule) is the
// newsroom's: a re-import leaves it as it is, counts it Kept and says so,
// so that an old dump cannot put back a withdrawn article or undo a
// correction.
package legacy

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/store"
)

// Summary is what an import did.
type Summary struct {
	Lines     int // non-blank lines read
	Imported  int // new articles written
	Updated   int // existing articles whose imported fields changed
	Unchanged int // existing articles already as in the file
	Kept      int // existing articles the newsroom has edited since: left as they are
	Failed    int // rows not imported, each with an entry in Errors
	Errors    []RowError
	// Warnings are rows that were imported with a caveat (a category filed
	// elsewhere than the file says, images dropped from the body, ...).
	Warnings []RowError
	// Categories are the categories this import created, in creation order.
	Categories []NewCategory
	// Pictures counts imported rows whose news_picture was not carried over.
	Pictures int
}

// RowError is a problem with one line of the input.
type RowError struct {
	Line   int    // 1-based line number in the input
	Reason string // for staff, in Vietnamese, starting with "dòng N: "
}

func (e RowError) Error() string { return e.Reason }

// NewCategory is a category created by the import.
type NewCategory struct {
	ID         int64
	Code       string
	Name       string
	ParentCode string // "" for a top-level section
	// NameGuessed is set when the code was not in the built-in table and the
	// name was made from the code, without diacritics: it needs renaming.
	NameGuessed bool
}

// Options tune an import.
type Options struct {
	// Now is the current time (time.Now when nil); a publish date after it
	// is reported as a warning.
	Now func() time.Time
	// Progress, when set, is called after every line with the line number,
	// the bytes read so far and the input's size (≤ 0 when unknown). It is
	// called often: it should be cheap or throttle itself.
	Progress func(lineNo int, bytesRead, totalBytes int64)
}

// BatchSize is how many new articles are written in one transaction.
const BatchSize = 500

// MaxLineBytes is the longest input line accepted; a longer line is
// reported as a failed row and skipped.
const MaxLineBytes = 64 << 20

// Import reads JSON Lines from r into st. Row problems are reported in the
// Summary; the error is for what stops the whole import: a read error, a
// store that cannot list its categories, or ctx being cancelled (the
// Summary then counts what was written so far; running the import again
// continues where it stopped, since written rows come back Unchanged).
func Import(ctx context.Context, st store.Store, r io.Reader, opt Options) (Summary, error) {
	return run(ctx, st, r, sizeOf(r), opt)
}

// ImportFile imports the JSON Lines file at path, reporting its size to
// Options.Progress.
func ImportFile(ctx context.Context, st store.Store, path string, opt Options) (Summary, error) {
	f, err := os.Open(path)
	if err != nil {
		return Summary{}, fmt.Errorf("mở tệp: %w", err)
	}
	defer f.Close()
	return run(ctx, st, f, sizeOf(f), opt)
}

// sizeOf returns the size of what r still has to read, or -1.
func sizeOf(r io.Reader) int64 {
	switch v := r.(type) {
	case interface{ Stat() (os.FileInfo, error) }:
		if fi, err := v.Stat(); err == nil && fi.Mode().IsRegular() {
			if s, ok := r.(io.Seeker); ok {
				if pos, err := s.Seek(0, io.SeekCurrent); err == nil {
					return fi.Size() - pos
				}
			}
			return fi.Size()
		}
	case interface{ Len() int }:
		return int64(v.Len())
	}
	return -1
}

func run(ctx context.Context, st store.Store, r io.Reader, total int64, opt Options) (Summary, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	im := &importer{ctx: ctx, st: st, opt: opt, seen: map[int64]int{}, warned: map[string]bool{}}
	if err := im.loadCategories(); err != nil {
		return im.sum, err
	}
	br := bufio.NewReaderSize(r, 256<<10)
	var read int64
	lineNo := 0
	for {
		if err := ctx.Err(); err != nil {
			return im.sum, err
		}
		line, n, tooLong, err := readLine(br)
		if n == 0 && err == io.EOF {
			break
		}
		if err != nil && err != io.EOF {
			return im.sum, fmt.Errorf("đọc dòng %d: %w", lineNo+1, err)
		}
		lineNo++
		read += n
		if lineNo == 1 {
			line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf"))
		}
		switch {
		case tooLong:
			im.sum.Lines++
			im.fail(lineNo, fmt.Sprintf("dòng dài quá %d MB, bỏ qua", MaxLineBytes>>20))
		case len(bytes.TrimSpace(line)) == 0:
			// blank lines are skipped
		default:
			im.sum.Lines++
			if err := im.row(lineNo, line); err != nil {
				return im.sum, err
			}
		}
		if opt.Progress != nil {
			opt.Progress(lineNo, read, total)
		}
		if err == io.EOF {
			break
		}
	}
	if err := im.flush(); err != nil {
		return im.sum, err
	}
	return im.sum, nil
}

// readLine reads one line without its line end. A line longer than
// MaxLineBytes is consumed and reported as tooLong. n counts every byte
// read, line end included.
func readLine(br *bufio.Reader) (line []byte, n int64, tooLong bool, err error) {
	for {
		chunk, e := br.ReadSlice('\n')
		n += int64(len(chunk))
		if !tooLong {
			if len(line)+len(chunk) > MaxLineBytes+2 {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if e == bufio.ErrBufferFull {
			continue
		}
		err = e
		break
	}
	line = bytes.TrimSuffix(line, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	return line, n, tooLong, err
}

// importer holds the state of one import.
type importer struct {
	ctx     context.Context
	st      store.Store
	opt     Options
	sum     Summary
	cats    map[string]content.Category // by code
	byID    map[int64]content.Category
	seen    map[int64]int // news_id → line it was first read on
	warned  map[string]bool
	pending []pendingRow
}

type pendingRow struct {
	line    int
	a       *content.Article
	picture bool // the row named an old picture file
}

func (im *importer) fail(line int, reason string) {
	im.sum.Failed++
	im.sum.Errors = append(im.sum.Errors, RowError{Line: line, Reason: fmt.Sprintf("dòng %d: %s", line, reason)})
}

func (im *importer) warn(line int, reason string) {
	im.sum.Warnings = append(im.sum.Warnings, RowError{Line: line, Reason: fmt.Sprintf("dòng %d: %s", line, reason)})
}

// row imports one non-blank line. Its error is fatal to the import.
func (im *importer) row(line int, data []byte) error {
	rec, reason := parseRow(data)
	if reason != "" {
		im.fail(line, reason)
		return nil
	}
	if first, dup := im.seen[rec.ID]; dup {
		im.fail(line, fmt.Sprintf("news_id %d trùng với dòng %d", rec.ID, first))
		return nil
	}
	im.seen[rec.ID] = line
	a, warnings := rec.article(im.opt.Now())
	catID, reason := im.category(line, rec.Code1, rec.Code2)
	if reason != "" {
		im.fail(line, reason)
		return nil
	}
	a.CategoryID = catID
	for _, w := range warnings {
		im.warn(line, w)
	}

	old, err := im.st.Article(im.ctx, a.ID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		im.pending = append(im.pending, pendingRow{line, a, rec.Picture != ""})
		if len(im.pending) >= BatchSize {
			return im.flush()
		}
		return nil
	case err != nil:
		if im.ctx.Err() != nil {
			return im.ctx.Err()
		}
		im.fail(line, fmt.Sprintf("không đọc được bài %d trong cơ sở dữ liệu (%v)", a.ID, err))
		return nil
	}
	if rec.Picture != "" && old.PictureID == 0 {
		im.sum.Pictures++ // counted for the row however it ends: it is in the store
	}
	if sameImported(old, a) {
		im.sum.Unchanged++
		return nil
	}
	touched, err := im.newsroomTouched(a.ID)
	if err != nil {
		if im.ctx.Err() != nil {
			return im.ctx.Err()
		}
		im.fail(line, fmt.Sprintf("không đọc được lịch sử bài %d (%v)", a.ID, err))
		return nil
	}
	if touched {
		im.sum.Kept++
		im.warn(line, fmt.Sprintf("bài %d đã được sửa trong tòa soạn sau lần nhập trước: giữ nguyên bản của tòa soạn", a.ID))
		return nil
	}
	// Keep what the newsroom added since: picture, tags, views.
	a.PictureID, a.PictureCaption, a.Tags, a.Views = old.PictureID, old.PictureCaption, old.Tags, old.Views
	if err := im.st.UpdateArticle(im.ctx, a); err != nil {
		if im.ctx.Err() != nil {
			return im.ctx.Err()
		}
		im.fail(line, fmt.Sprintf("không cập nhật được bài %d (%v)", a.ID, err))
		return nil
	}
	im.sum.Updated++
	return nil
}

// newsroomTouched reports whether staff have saved the article or moved
// it through the workflow: a revision or a step made by a person (the
// import's own revisions and the scheduler's steps have no user).
func (im *importer) newsroomTouched(id int64) (bool, error) {
	revs, err := im.st.Revisions(im.ctx, id)
	if err != nil {
		return false, err
	}
	for _, r := range revs {
		if r.UserID != 0 {
			return true, nil
		}
	}
	steps, err := im.st.Transitions(im.ctx, id)
	if err != nil {
		return false, err
	}
	for _, t := range steps {
		if t.UserID != 0 {
			return true, nil
		}
	}
	return false, nil
}

// flush writes the pending new articles: in one transaction, or one by one
// if that fails.
func (im *importer) flush() error {
	if len(im.pending) == 0 {
		return nil
	}
	batch := im.pending
	im.pending = nil
	arts := make([]*content.Article, len(batch))
	for i, p := range batch {
		arts[i] = p.a
	}
	written := func(p pendingRow) {
		im.sum.Imported++
		if p.picture {
			im.sum.Pictures++
		}
	}
	err := im.st.CreateArticles(im.ctx, arts)
	if err == nil {
		for _, p := range batch {
			written(p)
		}
		return nil
	}
	if im.ctx.Err() != nil {
		return im.ctx.Err()
	}
	for _, p := range batch {
		err := im.st.CreateArticles(im.ctx, []*content.Article{p.a})
		switch {
		case err == nil:
			written(p)
		case im.ctx.Err() != nil:
			return im.ctx.Err()
		case errors.Is(err, store.ErrConflict):
			im.fail(p.line, fmt.Sprintf("bài news_id %d đã có trong cơ sở dữ liệu", p.a.ID))
		default:
			im.fail(p.line, fmt.Sprintf("không ghi được bài %d vào cơ sở dữ liệu (%v)", p.a.ID, err))
		}
	}
	return nil
}

// sameImported reports whether the stored article already has the imported
// fields of a.
func sameImported(old, a *content.Article) bool {
	if old.Lang != a.Lang || old.Title != a.Title || old.Slug != a.Slug || old.Sapo != a.Sapo ||
		old.Body != a.Body || old.Type != a.Type || old.Status != a.Status ||
		old.CategoryID != a.CategoryID || old.Byline != a.Byline ||
		!old.CreatedAt.Equal(a.CreatedAt) || !old.UpdatedAt.Equal(a.UpdatedAt) ||
		!old.PublishedAt.Equal(a.PublishedAt) || len(old.Authors) != len(a.Authors) {
		return false
	}
	// Authors are matched by slug in the store, which keeps the name it
	// first saw; compare what identifies them.
	for i := range a.Authors {
		if old.Authors[i].Slug != a.Authors[i].Slug {
			return false
		}
	}
	return true
}
