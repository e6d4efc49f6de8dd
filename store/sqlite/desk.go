package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/toasoan/toasoan/content"
)

// StatusCounts counts articles by workflow state in the given top-level
// sections (none: all), reading only the articles_section_status index.
func (s *Store) StatusCounts(ctx context.Context, sections []int64) (map[content.Status]int, error) {
	q := `SELECT status, COUNT(*) FROM articles`
	var args []any
	if len(sections) > 0 {
		q += ` WHERE section_id IN (?` + strings.Repeat(",?", len(sections)-1) + `)`
		for _, id := range sections {
			args = append(args, id)
		}
	}
	rows, err := s.r.QueryContext(ctx, q+` GROUP BY status`, args...)
	if err != nil {
		return nil, fmt.Errorf("count articles by status: %w", err)
	}
	defer rows.Close()
	out := map[content.Status]int{}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		out[content.Status(st)] = n
	}
	return out, rows.Err()
}
