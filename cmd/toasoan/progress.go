package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// progress draws a bar on a terminal and stays silent elsewhere (logs, CI).
type progress struct {
	w     io.Writer
	on    bool
	label string
	last  time.Time
	start time.Time
}

func newProgress(w io.Writer, label string) *progress {
	return &progress{w: w, on: isTerminal(w), label: label, start: time.Now()}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// update redraws at most ten times a second, and always at completion.
func (p *progress) update(done, total int64) {
	if !p.on || total <= 0 {
		return
	}
	now := time.Now()
	if done < total && now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last = now
	const width = 30
	frac := float64(done) / float64(total)
	frac = min(max(frac, 0), 1)
	fill := int(frac * width)
	fmt.Fprintf(p.w, "\r%s [%s%s] %3.0f%% %s", p.label, strings.Repeat("█", fill), strings.Repeat("░", width-fill),
		frac*100, now.Sub(p.start).Round(time.Second))
	if done >= total {
		fmt.Fprintln(p.w)
	}
}

// finish ends the bar's line.
func (p *progress) finish() {
	if p.on && !p.last.IsZero() {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
