package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"modernc.org/sqlite"

	"github.com/toasoan/toasoan/content"
	"github.com/toasoan/toasoan/richtext"
	"github.com/toasoan/toasoan/search"
	"github.com/toasoan/toasoan/store"
	"github.com/toasoan/toasoan/viet"
)

// The index (schema and reasons in migrations/0003_search.sql) is written
// by SQL statements that read the articles table through four functions
// registered here, so that the migration that creates it, Reindex and every
// article write build exactly the same rows:
//
//	search_fold(text)        folded words of text, space-separated
//	search_keys(text)        key words of text, space-separated
//	search_plain(html)       richtext.PlainText of an article body
//	search_title_keys(text)  JSON array of the distinct key words of a headline
func init() {
	fn := func(name string, f func(string) string) {
		sqlite.MustRegisterDeterministicScalarFunction(name, 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			switch v := args[0].(type) {
			case nil:
				return "", nil
			case string:
				return f(v), nil
			case []byte:
				return f(string(v)), nil
			default:
				return f(fmt.Sprint(v)), nil
			}
		})
	}
	fn("search_fold", func(s string) string { f, _ := indexText(s); return f })
	fn("search_keys", func(s string) string { _, k := indexText(s); return k })
	fn("search_plain", plainText)
	fn("search_title_keys", titleKeys)
}

// memo remembers the last result of an expensive function: the index
// statements ask for the folded and the key words of the same text one
// after the other, and for the plain text of the same body twice.
type memo[T any] struct {
	mu  sync.Mutex
	in  string
	out T
	ok  bool
}

func (m *memo[T]) get(in string, f func(string) T) T {
	m.mu.Lock()
	if m.ok && m.in == in {
		out := m.out
		m.mu.Unlock()
		return out
	}
	m.mu.Unlock()
	out := f(in)
	m.mu.Lock()
	m.in, m.out, m.ok = in, out, true
	m.mu.Unlock()
	return out
}

var (
	textMemo  memo[[2]string]
	plainMemo memo[string]
)

func indexText(s string) (string, string) {
	if r, ok := warmText(s); ok {
		return r[0], r[1]
	}
	r := textMemo.get(s, func(s string) [2]string {
		f, k := search.IndexText(s)
		return [2]string{f, k}
	})
	return r[0], r[1]
}

func plainText(html string) string {
	if p, ok := warmPlain(html); ok {
		return p
	}
	return plainMemo.get(html, richtext.PlainText)
}

func titleKeys(title string) string {
	var keys []string
	seen := map[string]bool{}
	for _, t := range search.Tokenize(viet.Normalize(title)) {
		if !seen[t.Key] {
			seen[t.Key] = true
			keys = append(keys, t.Key)
		}
	}
	b, _ := json.Marshal(keys)
	if keys == nil {
		return "[]"
	}
	return string(b)
}

// docMask keeps the article id of a docid; ids must be below 2^31.
const docMask = 1<<31 - 1

// docDay is the time resolution of docids: they order articles by the day
// (UTC), and by id within a day. Finer would grow the index: consecutive
// entries of a word's list would differ in the high bits more often (hours
// cost 9% more on the 100,000-article demo, for no measurable speed).
// Coarser would make a page read more same-day articles to sort them by
// their exact time.
const docDay = 86400

// dayKey is the smallest docid of the day holding t.
func dayKey(t time.Time) int64 { return max(t.Unix(), 0) / docDay << 31 }

// docDate is the SQL for an article's date, the one its docid is made of.
const docDate = `(CASE WHEN a.published_at > 0 THEN a.published_at ELSE a.updated_at END)`

// indexStatements returns the statements that index the articles whose ids
// the subquery ids selects (which must not be indexed already). Rows go
// into the FTS5 tables in docid order: FTS5 buffers a transaction's terms
// in memory only while rowids ascend, and writes a new index segment each
// time one goes back, so a batch in any other order leaves one tiny
// segment per article for the merges to grind through. Each
// statement takes the arguments of ids; ids numbers its parameters (?1).
func indexStatements(ids string) []string {
	return []string{
		`INSERT INTO search_docs (id, docid, title_keys)
    SELECT a.id, ((max(` + docDate + `, 0) / 86400) << 31) | a.id, search_title_keys(a.title)
    FROM articles a WHERE a.id IN (` + ids + `) AND a.id < 2147483648`,
		`INSERT INTO search_fts (rowid, t, kt, s, ks, b, kb, m)
    SELECT d.docid, search_fold(a.title), search_keys(a.title), search_fold(a.sapo), search_keys(a.sapo),
        search_fold(search_plain(a.body)), search_keys(search_plain(a.body)),
        'st' || a.status || ' c' || a.category_id || CASE WHEN a.status = 'published' THEN '' ELSE ' np' END
    FROM articles a JOIN search_docs d ON d.id = a.id WHERE a.id IN (` + ids + `) ORDER BY d.docid`,
		`INSERT INTO search_head (rowid, t, kt, s, ks, m)
    SELECT d.docid, search_fold(a.title), search_keys(a.title), search_fold(a.sapo), search_keys(a.sapo),
        'st' || a.status || ' c' || a.category_id || CASE WHEN a.status = 'published' THEN '' ELSE ' np' END
    FROM articles a JOIN search_docs d ON d.id = a.id WHERE a.id IN (` + ids + `) ORDER BY d.docid`,
		`INSERT INTO search_titles (rowid, t, kt, m)
    SELECT d.docid, search_fold(a.title), search_keys(a.title), CASE WHEN a.status = 'published' THEN 'p' ELSE 'np' END
    FROM articles a JOIN search_docs d ON d.id = a.id WHERE a.id IN (` + ids + `) ORDER BY d.docid`,
		`INSERT INTO search_words (fold, word, docs)
    SELECT search_fold(j.value), j.value, count(*) FROM search_docs d, json_each(d.title_keys) j
    WHERE d.id IN (` + ids + `) GROUP BY j.value
    ON CONFLICT (fold, word) DO UPDATE SET docs = docs + excluded.docs`,
	}
}

// unindexStatements take the articles whose ids the subquery ids selects
// out of the index. ids may appear several times in one statement: its
// parameters must be numbered (?1, ?2).
func unindexStatements(ids string) []string {
	return []string{
		`DELETE FROM search_fts WHERE rowid IN (SELECT docid FROM search_docs WHERE id IN (` + ids + `))`,
		`DELETE FROM search_head WHERE rowid IN (SELECT docid FROM search_docs WHERE id IN (` + ids + `))`,
		`DELETE FROM search_titles WHERE rowid IN (SELECT docid FROM search_docs WHERE id IN (` + ids + `))`,
		`WITH old (word, n) AS (SELECT j.value, count(*) FROM search_docs d, json_each(d.title_keys) j
        WHERE d.id IN (` + ids + `) GROUP BY j.value)
    UPDATE search_words SET docs = docs - old.n FROM old
    WHERE search_words.fold = search_fold(old.word) AND search_words.word = old.word`,
		`DELETE FROM search_words WHERE docs <= 0`,
		`DELETE FROM search_docs WHERE id IN (` + ids + `)`,
	}
}

// reindex brings the index entries of the articles selected by ids up to
// date inside tx: whatever was indexed for them goes, their current rows
// come in. Called by every article write, in its transaction.
func reindex(ctx context.Context, tx *sql.Tx, ids string, args ...any) error {
	for _, st := range append(unindexStatements(ids), indexStatements(ids)...) {
		if _, err := tx.ExecContext(ctx, st, args...); err != nil {
			return fmt.Errorf("search index: %w", err)
		}
	}
	return nil
}

// indexArticles updates the index for the given articles inside tx.
func indexArticles(ctx context.Context, tx *sql.Tx, articles []*content.Article) error {
	if len(articles) == 0 {
		return nil
	}
	ids := make([]int64, len(articles))
	for i, a := range articles {
		if a.ID > docMask {
			return fmt.Errorf("search index: article id %d is too large to index (limit %d)", a.ID, int64(docMask))
		}
		ids[i] = a.ID
	}
	b, _ := json.Marshal(ids)
	return reindex(ctx, tx, `SELECT value FROM json_each(?1)`, string(b))
}

// Reindex rebuilds the index from the articles in batches of one
// transaction each: every article is taken out and put back in the same
// transaction, so searches during a rebuild find every article, old or new
// form. Entries of articles that no longer exist are dropped, and the index
// is merged into one segment at the end.
func (s *Store) Reindex(ctx context.Context, progress func(done, total int)) error {
	if _, err := s.w.ExecContext(ctx, searchSchema()); err != nil {
		return fmt.Errorf("create search index: %w", err)
	}
	total, err := s.ArticleCount(ctx)
	if err != nil {
		return err
	}
	// Merging index segments after every batch costs more than the
	// batches themselves (each replaced entry leaves a tombstone to merge
	// away): merge once, at the end. The setting is stored in the index, so
	// it is put back whatever happens.
	setMerge := func(ctx context.Context, n int) error {
		for _, t := range []string{"search_fts", "search_head", "search_titles"} {
			if _, err := s.w.ExecContext(ctx, `INSERT INTO `+t+`(`+t+`, rank) VALUES ('automerge', ?)`, n); err != nil {
				return fmt.Errorf("reindex: automerge %s: %w", t, err)
			}
		}
		return nil
	}
	if err := setMerge(ctx, 0); err != nil {
		return err
	}
	defer setMerge(context.WithoutCancel(ctx), defaultAutomerge)
	const batch = 2000
	done := 0
	var last int64 = -1 << 63
	for {
		var lo, hi sql.NullInt64
		var n int
		err := s.r.QueryRowContext(ctx, `SELECT min(id), max(id), count(*) FROM
			(SELECT id FROM articles WHERE id > ? ORDER BY id LIMIT ?)`, last, batch).Scan(&lo, &hi, &n)
		if err != nil {
			return fmt.Errorf("reindex: %w", err)
		}
		if n == 0 {
			break
		}
		err = s.writeTx(ctx, func(tx *sql.Tx) error {
			return reindex(ctx, tx, `SELECT id FROM articles WHERE id BETWEEN ?1 AND ?2`, lo.Int64, hi.Int64)
		})
		if err != nil {
			return fmt.Errorf("reindex articles %d-%d: %w", lo.Int64, hi.Int64, err)
		}
		done += n
		last = hi.Int64
		if progress != nil {
			progress(min(done, total), total)
		}
	}
	err = s.writeTx(ctx, func(tx *sql.Tx) error {
		for _, st := range unindexStatements(`SELECT id FROM search_docs WHERE id NOT IN (SELECT id FROM articles)`) {
			if _, err := tx.ExecContext(ctx, st); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("reindex: drop stale entries: %w", err)
	}
	for _, t := range []string{"search_fts", "search_head", "search_titles"} {
		if _, err := s.w.ExecContext(ctx, `INSERT INTO `+t+`(`+t+`) VALUES ('optimize')`); err != nil {
			return fmt.Errorf("reindex: optimize %s: %w", t, err)
		}
	}
	return nil
}

// defaultAutomerge is FTS5's own default.
const defaultAutomerge = 4

// searchSchema returns the CREATE statements of the search migration
// (everything before its "-- fill" part), which are idempotent: Reindex
// runs them so that a database whose index tables went missing recovers.
func searchSchema() string {
	b, err := migrationFiles.ReadFile("migrations/0003_search.sql")
	if err != nil {
		panic(err) // embedded at build time
	}
	schema, _, _ := strings.Cut(string(b), "-- fill")
	return schema
}

// --- queries ---

// ftsPhrase quotes words as one FTS5 phrase. Words never hold a quote or a
// space (search.Tokenize), but quoting doubles any '"' all the same: no
// user text reaches MATCH unquoted.
func ftsPhrase(words []string) string {
	return `"` + strings.ReplaceAll(strings.Join(words, " "), `"`, `""`) + `"`
}

// ftsColumns names the index columns of fields, folded or key.
func ftsColumns(f search.Field, exact bool) string {
	var cols []string
	for _, c := range []struct {
		f        search.Field
		fold, ky string
	}{{search.Title, "t", "kt"}, {search.Sapo, "s", "ks"}, {search.Body, "b", "kb"}} {
		if f&c.f != 0 {
			if exact {
				cols = append(cols, c.ky)
			} else {
				cols = append(cols, c.fold)
			}
		}
	}
	return "{" + strings.Join(cols, " ") + "}"
}

func termMatch(t search.Term, f search.Field, exact bool) string {
	words := t.Folds()
	if exact {
		words = t.Keys()
	}
	return ftsColumns(f, exact) + " : " + ftsPhrase(words)
}

// ftsFilter holds the parts of every MATCH expression that do not depend
// on the tier: the whole query (folded, anywhere), the filter tokens and
// the exclusions.
type ftsFilter struct {
	query   string // every positive term, folded, anywhere (search_fts only)
	tokens  string // section and status tokens, ANDed ("" for none)
	exclude string // excluded terms, for search_fts ("" for none)
	public  bool   // leave out articles carrying "np"
}

func (s *Store) ftsFilter(ctx context.Context, q store.SearchQuery) (ftsFilter, error) {
	f := ftsFilter{public: q.Public()}
	var all, not, toks []string
	for _, t := range q.Query.Positive() {
		all = append(all, termMatch(t, search.AnyField, false))
	}
	f.query = "(" + strings.Join(all, " AND ") + ")"
	for _, t := range q.Query.Excluded() {
		// An exclusion typed with diacritics leaves out that spelling only.
		not = append(not, termMatch(t, search.AnyField, t.Accented()))
	}
	if len(not) > 0 {
		f.exclude = "(" + strings.Join(not, " OR ") + ")"
	}
	if q.SectionID != 0 {
		rows, err := s.r.QueryContext(ctx, `SELECT id FROM categories WHERE id = ? OR parent_id = ?`, q.SectionID, q.SectionID)
		if err != nil {
			return ftsFilter{}, fmt.Errorf("search: section %d: %w", q.SectionID, err)
		}
		var cats []string
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return ftsFilter{}, err
			}
			cats = append(cats, ftsPhrase([]string{"c" + strconv.FormatInt(id, 10)}))
		}
		rows.Close()
		if len(cats) == 0 {
			cats = []string{`"c0"`} // no such section: nothing matches
		}
		toks = append(toks, "{m} : ("+strings.Join(cats, " OR ")+")")
	}
	if !q.AnyState && len(q.Statuses) > 0 {
		sts := []string{`"stnone"`} // unknown states match nothing
		for _, st := range q.Statuses {
			if st.Valid() {
				sts = append(sts, ftsPhrase([]string{"st" + string(st)}))
			}
		}
		toks = append(toks, "{m} : ("+strings.Join(sts, " OR ")+")")
	}
	if len(toks) > 0 {
		f.tokens = "(" + strings.Join(toks, " AND ") + ")"
	}
	return f, nil
}

// tierQuery returns the table and MATCH expression of one tier. A tier on
// headline and sapo reads search_head and leaves exclusions (which may sit
// in the body) to a check on search_fts; every other tier reads search_fts.
func tierQuery(f ftsFilter, q search.Query, tier search.Tier) (table, expr string, checkExclude bool) {
	table = "search_fts"
	var parts []string
	if tier.Head() {
		table = "search_head"
	} else {
		parts = append(parts, f.query)
	}
	if tier.Phrase {
		var words []string
		for _, w := range q.PhraseWords() {
			if tier.Exact {
				words = append(words, w.Key)
			} else {
				words = append(words, w.Fold)
			}
		}
		parts = append(parts, ftsColumns(tier.All, tier.Exact)+" : "+ftsPhrase(words))
	} else if tier.All != search.AnyField || tier.Exact {
		var all []string
		for _, t := range q.Positive() {
			all = append(all, termMatch(t, tier.All, tier.Exact))
		}
		parts = append(parts, "("+strings.Join(all, " AND ")+")")
	}
	if f.tokens != "" {
		parts = append(parts, f.tokens)
	}
	expr = "(" + strings.Join(parts, " AND ") + ")"
	var not []string
	if f.public {
		not = append(not, `{m} : "np"`)
	}
	if f.exclude != "" {
		if tier.Head() {
			checkExclude = true
		} else {
			not = append(not, f.exclude)
		}
	}
	if len(not) > 0 {
		expr += " NOT (" + strings.Join(not, " OR ") + ")"
	}
	return table, expr, checkExclude
}

// indexErr adds what to do to the error of a database whose index tables
// are missing (it went through an early placeholder of the search
// migration, or they were dropped by hand).
func indexErr(err error) error {
	if err != nil && strings.Contains(err.Error(), "no such table: search_") {
		return fmt.Errorf("%w: the search index is missing, run 'toasoan reindex'", err)
	}
	return err
}

// dateRange is the docid range and the exact date bounds of a search.
// Articles on the first and last day of the range are checked against the
// exact bounds in the articles table (the docid knows only the day); the
// days between need no check.
type dateRange struct {
	lo, hi           int64 // docid bounds
	innerLo, innerHi int64 // docids needing no check
	from, to         int64 // exact bounds, Unix seconds
}

func searchRange(q store.SearchQuery) dateRange {
	r := dateRange{lo: 0, hi: 1<<63 - 1, innerLo: 0, innerHi: 1<<63 - 1, from: -1 << 62, to: 1 << 62}
	to := q.To
	if q.Public() && (to.IsZero() || to.After(q.Now)) {
		to = q.Now
	}
	if !q.From.IsZero() {
		r.from = q.From.Unix()
		r.lo = dayKey(q.From)
		r.innerLo = r.lo + 1<<31
	}
	if !to.IsZero() {
		r.to = to.Unix()
		r.hi = dayKey(to) | docMask
		r.innerHi = dayKey(to) - 1
	}
	return r
}

// where is the SQL condition on table.rowid for the range; its arguments
// follow.
func (r dateRange) where(table string) (string, []any) {
	return ` AND ` + table + `.rowid BETWEEN ? AND ? AND (` + table + `.rowid BETWEEN ? AND ? OR EXISTS (SELECT 1 FROM articles a
		WHERE a.id = (` + table + `.rowid & ` + strconv.Itoa(docMask) + `) AND ` + docDate + ` BETWEEN ? AND ?))`,
		[]any{r.lo, r.hi, r.innerLo, r.innerHi, r.from, r.to}
}

// scan returns docids of table matching expr within the range, newest day
// first, at most limit (0: no limit).
func (s *Store) scan(ctx context.Context, table, expr string, r dateRange, limit int) ([]int64, error) {
	cond, args := r.where(table)
	qs := `SELECT rowid FROM ` + table + ` WHERE ` + table + ` MATCH ?` + cond + ` ORDER BY ` + table + `.rowid DESC`
	args = append([]any{expr}, args...)
	if limit > 0 {
		qs += ` LIMIT ?`
		args = append(args, limit)
	}
	rows, err := s.r.QueryContext(ctx, qs, args...)
	if err != nil {
		return nil, indexErr(err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var d int64
		if err := rows.Scan(&d); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// excluded returns which of docids match expr in search_fts.
func (s *Store) excluded(ctx context.Context, expr string, docids []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	if len(docids) == 0 {
		return out, nil
	}
	// Integers from the index itself, written into the statement: a literal
	// IN list lets FTS5 look each rowid up instead of scanning.
	list := make([]string, len(docids))
	for i, d := range docids {
		list[i] = strconv.FormatInt(d, 10)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid IN (`+
		strings.Join(list, ",")+`)`, expr)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var d int64
		if err := rows.Scan(&d); err != nil {
			return nil, err
		}
		out[d] = true
	}
	return out, rows.Err()
}

// count counts the matches of expr in search_fts up to store.MaxSearchCount+1.
func (s *Store) count(ctx context.Context, expr string, r dateRange) (int, error) {
	cond, args := r.where("search_fts")
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ?`+cond+
		` ORDER BY search_fts.rowid DESC LIMIT ?)`, append(append([]any{expr}, args...), store.MaxSearchCount+1)...).Scan(&n)
	return n, indexErr(err)
}

func idsJSON(docids []int64) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, d := range docids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(d&docMask, 10))
	}
	b.WriteByte(']')
	return b.String()
}

// ranked is one result in order.
type ranked struct {
	id   int64
	tier int
	date int64
}

// maxTierRounds bounds how many batches one tier reads when exclusions
// found in bodies keep emptying them.
const maxTierRounds = 16

// Search finds articles: see store.Searcher and search.Query.Tiers.
//
// For each tier in turn it reads the newest matching docids inside the
// index (ORDER BY rowid DESC with LIMIT, which stops early), skipping those
// already placed by a better tier, until the page is filled. Docids order
// by day only, so a tier's last day is read whole and sorted by the exact
// time. The total is counted meanwhile on another connection, up to
// store.MaxSearchCount.
func (s *Store) Search(ctx context.Context, q store.SearchQuery) (store.SearchResult, error) {
	var res store.SearchResult
	if q.Query.Empty() {
		return res, nil
	}
	if q.Now.IsZero() {
		q.Now = time.Now()
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	limit = min(limit, 100)
	offset := max(q.Offset, 0)
	need := min(offset+limit, store.MaxSearchWindow)
	f, err := s.ftsFilter(ctx, q)
	if err != nil {
		return res, err
	}
	r := searchRange(q)
	tiers := q.Query.Tiers()
	if q.SortByDate {
		tiers = search.DateTiers()
	}

	type counted struct {
		n   int
		err error
	}
	countCh := make(chan counted, 1)
	go func() {
		_, expr, _ := tierQuery(f, q.Query, search.DateTiers()[0])
		n, err := s.count(ctx, expr, r)
		countCh <- counted{n, err}
	}()

	var order []ranked
	seen := map[int64]bool{}
	for ti, tier := range tiers {
		if len(order) >= need {
			break
		}
		want := need - len(order)
		docs, err := s.tierDocs(ctx, f, q.Query, tier, r, want, seen)
		if err != nil {
			<-countCh
			return res, fmt.Errorf("search %q: %w", q.Query.Text, err)
		}
		for _, d := range docs[:min(len(docs), want)] {
			seen[d.id] = true
			d.tier = ti
			order = append(order, d)
		}
	}
	c := <-countCh
	if c.err != nil {
		return res, fmt.Errorf("search %q: count: %w", q.Query.Text, c.err)
	}
	res.Total = c.n
	if res.Total > store.MaxSearchCount {
		res.Total, res.Capped = store.MaxSearchCount, true
	}
	if offset >= len(order) {
		return res, nil
	}
	page := order[offset:min(len(order), offset+limit)]
	res.Hits, err = s.searchHits(ctx, q, page, len(tiers))
	return res, err
}

// tierDocs returns at least want articles of one tier not in seen (fewer if
// the tier has no more), newest first by exact date.
func (s *Store) tierDocs(ctx context.Context, f ftsFilter, q search.Query, tier search.Tier, r dateRange,
	want int, seen map[int64]bool) ([]ranked, error) {
	table, expr, checkExclude := tierQuery(f, q, tier)
	lim := want + len(seen)
	var docids []int64
	cur := r
	exhausted := false
	keep := func(batch []int64) error {
		var bad map[int64]bool
		if checkExclude {
			var err error
			if bad, err = s.excluded(ctx, f.exclude, batch); err != nil {
				return err
			}
		}
		for _, d := range batch {
			if !seen[d&docMask] && !bad[d] {
				docids = append(docids, d)
			}
		}
		return nil
	}
	for round := 0; ; round++ {
		batch, err := s.scan(ctx, table, expr, cur, lim)
		if err != nil {
			return nil, err
		}
		if err := keep(batch); err != nil {
			return nil, err
		}
		if len(batch) < lim {
			exhausted = true
			break
		}
		cur.hi = batch[len(batch)-1] - 1
		if len(docids) >= want || round == maxTierRounds {
			break
		}
	}
	if day := cur; !exhausted && (cur.hi+1)&^docMask <= cur.hi {
		// The last day read may go on: read it whole, so that the exact
		// times decide the order inside it.
		day.lo = (cur.hi + 1) &^ docMask
		rest, err := s.scan(ctx, table, expr, day, 0)
		if err != nil {
			return nil, err
		}
		if err := keep(rest); err != nil {
			return nil, err
		}
	}
	dates, err := s.articleDates(ctx, docids)
	if err != nil {
		return nil, err
	}
	out := make([]ranked, 0, len(docids))
	for _, d := range docids {
		id := d & docMask
		out = append(out, ranked{id: id, date: dates[id]})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].date != out[j].date {
			return out[i].date > out[j].date
		}
		return out[i].id > out[j].id
	})
	return out, nil
}

// articleDates returns the exact date of the articles behind docids.
func (s *Store) articleDates(ctx context.Context, docids []int64) (map[int64]int64, error) {
	out := make(map[int64]int64, len(docids))
	if len(docids) == 0 {
		return out, nil
	}
	rows, err := s.r.QueryContext(ctx, `SELECT a.id, `+docDate+` FROM articles a WHERE a.id IN (SELECT value FROM json_each(?))`, idsJSON(docids))
	if err != nil {
		return nil, fmt.Errorf("search: article dates: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, d int64
		if err := rows.Scan(&id, &d); err != nil {
			return nil, err
		}
		out[id] = d
	}
	return out, rows.Err()
}

// snippetRunes is about how long a result's passage is.
const snippetRunes = 220

// searchHits reads the page's articles and marks their matches. Bodies
// are read only for the hits whose sapo does not match.
func (s *Store) searchHits(ctx context.Context, q store.SearchQuery, page []ranked, tiers int) ([]store.SearchHit, error) {
	ids := make([]int64, len(page))
	for i, p := range page {
		ids[i] = p.id
	}
	b, _ := json.Marshal(ids)
	rows, err := s.r.QueryContext(ctx, `SELECT `+teaserCols+`, a.status FROM articles a
		LEFT JOIN media m ON m.id = a.picture_id WHERE a.id IN (SELECT value FROM json_each(?))`, string(b))
	if err != nil {
		return nil, fmt.Errorf("search: read hits: %w", err)
	}
	defer rows.Close()
	byID := map[int64]*store.SearchHit{}
	var needBody []int64
	for rows.Next() {
		h := &store.SearchHit{}
		if err := scanTeaser(rows, &h.Teaser, &h.Status); err != nil {
			return nil, err
		}
		if q.Public() && (h.Status != content.StatusPublished || h.PublishedAt.After(q.Now)) {
			continue // the index is written with the article, so this does not happen; never show it if it does
		}
		h.Title = q.Query.Highlight(h.Teaser.Title)
		var ok bool
		if h.Snippet, ok = q.Query.Snippet(h.Sapo, snippetRunes); !ok {
			needBody = append(needBody, h.ID)
		}
		byID[h.ID] = h
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if len(needBody) > 0 {
		b, _ := json.Marshal(needBody)
		rows, err := s.r.QueryContext(ctx, `SELECT id, body FROM articles WHERE id IN (SELECT value FROM json_each(?))`, string(b))
		if err != nil {
			return nil, fmt.Errorf("search: read bodies: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var body string
			if err := rows.Scan(&id, &body); err != nil {
				return nil, err
			}
			if snip, ok := q.Query.Snippet(plainText(body), snippetRunes); ok {
				byID[id].Snippet = snip
			}
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	out := make([]store.SearchHit, 0, len(page))
	for _, p := range page {
		h, ok := byID[p.id]
		if !ok {
			continue
		}
		h.Tier = p.tier
		h.Score = search.Score(p.tier, tiers, time.Unix(p.date, 0), q.Now)
		out = append(out, *h)
	}
	return out, nil
}

// Suggest returns published headlines matching what has been typed, the
// last word as a prefix; headlines with the reader's exact diacritics come
// first, then the rest, newest first in each group.
func (s *Store) Suggest(ctx context.Context, q store.SuggestQuery) ([]store.Suggestion, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = 8
	}
	limit = min(limit, 20)
	if q.Now.IsZero() {
		q.Now = time.Now()
	}
	text := viet.NormalizeLine(q.Text)
	if len(text) > 200 {
		text = text[:200]
	}
	toks := search.Tokenize(text)
	if len(toks) == 0 {
		return nil, nil
	}
	toks = toks[max(0, len(toks)-8):]
	prefix := !strings.HasSuffix(q.Text, " ") && toks[len(toks)-1].End == len(text)
	accented := false
	for _, t := range toks {
		if t.Key != t.Fold {
			accented = true
		}
	}
	expr := func(exact bool) string {
		col := "{t}"
		if exact {
			col = "{kt}"
		}
		var parts []string
		for i, t := range toks {
			w := t.Fold
			if exact {
				w = t.Key
			}
			p := col + " : " + ftsPhrase([]string{w})
			if prefix && i == len(toks)-1 {
				p += " *"
			}
			parts = append(parts, p)
		}
		return "(" + strings.Join(parts, " AND ") + `) NOT {m} : "np"`
	}
	r := searchRange(store.SearchQuery{Now: q.Now})
	cond, rargs := r.where("search_titles")
	var docids []int64
	seen := map[int64]bool{}
	for _, exact := range []bool{true, false} {
		if exact && !accented {
			continue
		}
		rows, err := s.r.QueryContext(ctx, `SELECT rowid FROM search_titles WHERE search_titles MATCH ?`+cond+
			` ORDER BY search_titles.rowid DESC LIMIT ?`, append(append([]any{expr(exact)}, rargs...), limit)...)
		if err != nil {
			return nil, fmt.Errorf("suggest %q: %w", q.Text, indexErr(err))
		}
		for rows.Next() {
			var d int64
			if err := rows.Scan(&d); err != nil {
				rows.Close()
				return nil, err
			}
			if !seen[d] && len(docids) < limit {
				seen[d] = true
				docids = append(docids, d)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	if len(docids) == 0 {
		return nil, nil
	}
	rows, err := s.r.QueryContext(ctx, `SELECT id, title, slug FROM articles WHERE id IN (SELECT value FROM json_each(?))
		AND status = 'published' AND published_at <= ?`, idsJSON(docids), unix(q.Now))
	if err != nil {
		return nil, fmt.Errorf("suggest %q: %w", q.Text, err)
	}
	defer rows.Close()
	byID := map[int64]store.Suggestion{}
	for rows.Next() {
		var sg store.Suggestion
		var slug string
		if err := rows.Scan(&sg.ID, &sg.Title, &slug); err != nil {
			return nil, err
		}
		sg.Path = content.ArticlePath(slug, sg.ID)
		byID[sg.ID] = sg
	}
	var out []store.Suggestion
	for _, d := range docids {
		if sg, ok := byID[d&docMask]; ok {
			out = append(out, sg)
		}
	}
	return out, rows.Err()
}

// WordForms returns the spellings headlines use for each folded word.
func (s *Store) WordForms(ctx context.Context, folds []string) (search.Forms, error) {
	out := search.Forms{}
	if len(folds) == 0 {
		return out, nil
	}
	b, _ := json.Marshal(folds)
	rows, err := s.r.QueryContext(ctx, `SELECT fold, word, docs FROM search_words
		WHERE fold IN (SELECT value FROM json_each(?)) ORDER BY fold, docs DESC, word`, string(b))
	if err != nil {
		return nil, fmt.Errorf("word forms: %w", indexErr(err))
	}
	defer rows.Close()
	for rows.Next() {
		var fold string
		var wf search.WordForm
		if err := rows.Scan(&fold, &wf.Word, &wf.Docs); err != nil {
			return nil, err
		}
		out[fold] = append(out[fold], wf)
	}
	return out, rows.Err()
}

// scanTeaser reads one row of teaserCols followed by the status.
func scanTeaser(rows *sql.Rows, t *content.Teaser, status *content.Status) error {
	var typ int
	var pub, upd int64
	var st string
	var mid, mw, mh, msize, mcreated sql.NullInt64
	var mhash, mext, mmime, mcap, mcredit sql.NullString
	if err := rows.Scan(&t.ID, &t.Title, &t.Slug, &t.Sapo, &t.CategoryID, &typ, &pub, &upd, &t.Views,
		&mid, &mhash, &mext, &mmime, &mw, &mh, &msize, &mcap, &mcredit, &mcreated, &st); err != nil {
		return err
	}
	t.Type, *status = content.ArticleType(typ), content.Status(st)
	t.PublishedAt, t.UpdatedAt = fromUnix(pub), fromUnix(upd)
	if mid.Valid {
		t.Picture = &content.Media{ID: mid.Int64, Hash: mhash.String, Ext: mext.String, MIME: mmime.String,
			Width: int(mw.Int64), Height: int(mh.Int64), Size: msize.Int64, Caption: mcap.String,
			Credit: mcredit.String, CreatedAt: fromUnix(mcreated.Int64)}
	}
	return nil
}

// BulkLoad runs fn, which writes many new articles through this store,
// and indexes them for search when fn is done, all at once. Indexing each
// batch as it is written makes one small index segment per transaction,
// which FTS5 then merges again and again (rereading and rewriting the
// growing index: for 100,000 articles that was nine tenths of the time).
// Indexed at the end, in one transaction with a large in-memory term
// buffer, the index is written in a few large segments, merged once.
//
// Only articles created through the context fn receives are deferred;
// other writes are indexed as usual. Until fn returns, the new articles
// are not found by search. If fn fails, what it wrote is indexed all the
// same, so the index never misses a stored article.
func (s *Store) BulkLoad(ctx context.Context, fn func(ctx context.Context) error) error {
	err := fn(context.WithValue(ctx, bulkKey{}, true))
	if ierr := s.indexUnindexed(context.WithoutCancel(ctx)); ierr != nil {
		return errors.Join(err, fmt.Errorf("bulk load: index: %w", ierr))
	}
	return err
}

// bulkKey marks the context of a BulkLoad: CreateArticles leaves indexing
// to the end of the load.
type bulkKey struct{}

func inBulkLoad(ctx context.Context) bool { b, _ := ctx.Value(bulkKey{}).(bool); return b }

// bulkHashSize is FTS5's in-memory term buffer during indexUnindexed (its
// default, 1 MiB, writes a segment every few dozen articles). It bounds the
// memory a bulk load takes.
const bulkHashSize = 256 << 20

// indexUnindexed indexes, in one transaction, every article the index does
// not have yet. They go in in docid order, so that FTS5 writes its term
// buffer out only when it is full: a few large segments per table, which
// need no merging (automerge is off meanwhile; a query reads a handful of
// segments as fast as one). The text of each chunk of articles is
// tokenized on every core (warm) while SQLite writes the chunk before.
func (s *Store) indexUnindexed(ctx context.Context) error {
	ids, err := s.unindexedIDs(ctx)
	if err != nil || len(ids) == 0 {
		return err
	}
	if testHookUnindexed != nil {
		testHookUnindexed()
	}
	const chunk = 2000
	type part struct {
		ids    string // JSON array
		forget func()
		err    error
	}
	parts := make(chan part, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		defer close(parts)
		for i := 0; i < len(ids); i += chunk {
			b, _ := json.Marshal(ids[i:min(i+chunk, len(ids))])
			arts, err := s.articleTexts(ctx, string(b))
			if err != nil {
				parts <- part{err: err}
				return
			}
			p := part{ids: string(b), forget: warm(arts)}
			select {
			case parts <- p:
			case <-ctx.Done():
				p.forget()
				return
			}
		}
	}()
	defer func() {
		cancel()
		for p := range parts {
			if p.forget != nil {
				p.forget()
			}
		}
	}()
	tables := []string{"search_fts", "search_head", "search_titles"}
	config := func(ctx context.Context, tx *sql.Tx, key string, n int) error {
		for _, t := range tables {
			if _, err := tx.ExecContext(ctx, `INSERT INTO `+t+`(`+t+`, rank) VALUES (?, ?)`, key, n); err != nil {
				return fmt.Errorf("%s %s: %w", key, t, err)
			}
		}
		return nil
	}
	return s.writeTx(ctx, func(tx *sql.Tx) error {
		if err := config(ctx, tx, "hashsize", bulkHashSize); err != nil {
			return err
		}
		if err := config(ctx, tx, "automerge", 0); err != nil {
			return err
		}
		for p := range parts {
			if p.err != nil {
				return p.err
			}
			// Another writer may have indexed some of them (an edit) since
			// unindexedIDs read the list: indexing those again would fail on
			// search_docs' key and lose the whole load's index.
			var todo string
			err := tx.QueryRowContext(ctx, `SELECT json_group_array(value) FROM json_each(?1)
				WHERE value NOT IN (SELECT id FROM search_docs)`, p.ids).Scan(&todo)
			if err != nil {
				p.forget()
				return err
			}
			for _, st := range indexStatements(`SELECT value FROM json_each(?1)`) {
				if _, err := tx.ExecContext(ctx, st, todo); err != nil {
					p.forget()
					return err
				}
			}
			p.forget()
		}
		// The settings are stored in the index: put FTS5's defaults back,
		// in the same transaction.
		if err := config(ctx, tx, "automerge", defaultAutomerge); err != nil {
			return err
		}
		return config(ctx, tx, "hashsize", 1<<20)
	})
}

// testHookUnindexed, if set, runs between reading the list of articles to
// index and the transaction that indexes them (tests).
var testHookUnindexed func()

// unindexedIDs lists the articles the index does not have, in docid order.
func (s *Store) unindexedIDs(ctx context.Context) ([]int64, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT a.id FROM articles a
		WHERE a.id NOT IN (SELECT id FROM search_docs)
		ORDER BY ((max(`+docDate+`, 0) / 86400) << 31) | a.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		if id > docMask {
			return nil, fmt.Errorf("article id %d is too large to index (limit %d)", id, int64(docMask))
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// articleTexts reads what indexing reads of the articles whose ids are in
// the JSON array ids.
func (s *Store) articleTexts(ctx context.Context, ids string) ([]*content.Article, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, title, sapo, body FROM articles
		WHERE id IN (SELECT value FROM json_each(?))`, ids)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*content.Article
	for rows.Next() {
		a := &content.Article{}
		if err := rows.Scan(&a.ID, &a.Title, &a.Sapo, &a.Body); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
