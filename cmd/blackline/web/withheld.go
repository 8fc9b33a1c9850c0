package web

import (
	"fmt"
	"strings"

	"github.com/blackline/blackline/diff"
	"github.com/blackline/blackline/repo"
)

// withheldPoint is one release in the chart of what stayed withheld.
type withheldPoint struct {
	Label, Date string
	// Spans is the number of redacted spans in the release.
	Spans int
	// Words is the number of words those spans hide, as far as another release shows them.
	Words int
	// Unknown is the number of spans no other release shows: their words are not counted.
	Unknown int
}

// withheldWindow is how many releases before and after each release withheld compares it
// with: the words behind a span are looked for that far.
const withheldWindow = 6

// withheld counts, for each release, the redacted spans and the words they hide. The words
// behind a span are known when another release shows that passage: for two releases the
// differ's redaction changes say which spans of one the other lifts, and with which text.
// Each release is compared with the withheldWindow releases after it, so the cost is
// O(k·w) comparisons for k releases (every pair when k ≤ w+1).
func withheld(d *diff.Differ, labels, dates []string, texts [][]byte) ([]withheldPoint, error) {
	k := len(texts)
	points := make([]withheldPoint, k)
	reds := make([][]diff.RedactedSpan, k)
	for i, t := range texts {
		reds[i] = d.Redactions(t)
		points[i] = withheldPoint{Label: labels[i], Date: dates[i], Spans: len(reds[i])}
	}
	// revealed[i] maps a changed stretch of release i (its start) to the most words any
	// other release shows there; shown[i] marks the spans of i inside such stretches.
	revealed := make([]map[int]int, k)
	shown := make([][]bool, k)
	for i := range k {
		revealed[i] = map[int]int{}
		shown[i] = make([]bool, len(reds[i]))
	}
	note := func(i int, span diff.Span, other string, otherReds []diff.RedactedSpan, otherStart int) {
		words := wordsShown(other, otherReds, otherStart)
		if words == 0 {
			return
		}
		revealed[i][span.Start] = max(revealed[i][span.Start], words)
		for n, r := range reds[i] {
			if r.Span.Start >= span.Start && r.Span.End <= span.End {
				shown[i][n] = true
			}
		}
	}
	for i := range k {
		for j := i + 1; j < k && j <= i+withheldWindow; j++ {
			res, err := d.Diff(texts[i], texts[j])
			if err != nil {
				return nil, err
			}
			for _, c := range res.Changes {
				if c.Kind != diff.Redaction {
					continue
				}
				switch c.Action {
				case diff.ActionLifted: // withheld in i, shown in j
					note(i, c.Old, c.New.Text, reds[j], c.New.Start)
				case diff.ActionAdded: // shown in i, withheld in j
					note(j, c.New, c.Old.Text, reds[i], c.Old.Start)
				}
			}
		}
	}
	for i := range k {
		for _, w := range revealed[i] {
			points[i].Words += w
		}
		for _, ok := range shown[i] {
			if !ok {
				points[i].Unknown++
			}
		}
	}
	return points, nil
}

// wordsShown counts the words of text (a span of another release starting at offset
// start) outside that release's own redacted spans.
func wordsShown(text string, reds []diff.RedactedSpan, start int) int {
	n := 0
	for _, t := range diff.Tokenize([]byte(text)) {
		inside := false
		for _, r := range reds {
			if start+t.Start >= r.Span.Start && start+t.End <= r.Span.End {
				inside = true
				break
			}
		}
		if !inside {
			n++
		}
	}
	return n
}

// withheldChart draws the chart of a document's releases (transcriptions left out), from
// the cache when the document has not changed.
func (s *Server) withheldChart(ar *repo.Archive, id string, vs []repo.Version) (*chart, error) {
	var releases []repo.Version
	for _, v := range vs {
		if v.Kind != repo.Transcription {
			releases = append(releases, v)
		}
	}
	if len(releases) == 0 {
		return nil, nil
	}
	commits := make([]string, len(releases))
	for i, v := range releases {
		commits[i] = v.Commit
	}
	key := "withheld " + strings.Join(commits, " ")
	if c, ok := s.cache.get(key); ok {
		return c.(*chart), nil
	}
	labels, dates := make([]string, len(releases)), make([]string, len(releases))
	texts := make([][]byte, len(releases))
	for i, v := range releases {
		t, err := ar.Text(v)
		if err != nil {
			return nil, err
		}
		labels[i], dates[i], texts[i] = v.Label, v.Date, t
	}
	points, err := withheld(s.opts.Differ, labels, dates, texts)
	if err != nil {
		return nil, fmt.Errorf("chart %s: %w", id, err)
	}
	c := newChart(points)
	s.cache.put(key, c)
	return c, nil
}

// chart is the SVG drawing of withheld points: a black bar per release for its redacted
// spans (left axis) and a red line for the words they hide (right axis).
type chart struct {
	Points                 []withheldPoint
	Width, Height          int
	Left, Right, Top, Base int // the plot area
	Bars                   []chartBar
	Line                   string // the words line's points, "x,y x,y …"
	SpanTicks, WordTicks   []chartTick
	Unknown                int
}

type chartBar struct {
	X, Y, W, H int
	CX         int // the slot's centre
	WordY      int
	Label      string
	Date       string
	Title      string
}

type chartTick struct {
	Y     int
	Value int
}

// newChart lays out the chart. Cost: O(number of points).
func newChart(points []withheldPoint) *chart {
	c := &chart{Points: points, Width: 720, Height: 270, Left: 52, Right: 720 - 60, Top: 28, Base: 270 - 62}
	maxSpans, maxWords := 1, 1
	for _, p := range points {
		maxSpans, maxWords = max(maxSpans, p.Spans), max(maxWords, p.Words)
		c.Unknown += p.Unknown
	}
	spanTop, spanStep := niceScale(maxSpans)
	wordTop, wordStep := niceScale(maxWords)
	plotH := c.Base - c.Top
	yOf := func(v, top int) int { return c.Base - v*plotH/top }
	for v := 0; v <= spanTop; v += spanStep {
		c.SpanTicks = append(c.SpanTicks, chartTick{Y: yOf(v, spanTop), Value: v})
	}
	for v := 0; v <= wordTop; v += wordStep {
		c.WordTicks = append(c.WordTicks, chartTick{Y: yOf(v, wordTop), Value: v})
	}
	slot := (c.Right - c.Left) / max(len(points), 1)
	barW := min(56, slot/2)
	var line []string
	for i, p := range points {
		cx := c.Left + slot*i + slot/2
		y := yOf(p.Spans, spanTop)
		b := chartBar{
			X: cx - barW/2, Y: y, W: barW, H: c.Base - y, CX: cx, WordY: yOf(p.Words, wordTop),
			Label: cut(p.Label, 16), Date: p.Date,
			Title: fmt.Sprintf("%s: %d span%s withheld, %d word%s known", p.Label, p.Spans, plural(p.Spans), p.Words, plural(p.Words)),
		}
		if p.Unknown > 0 {
			b.Title += fmt.Sprintf(" (%d span%s never shown)", p.Unknown, plural(p.Unknown))
		}
		c.Bars = append(c.Bars, b)
		line = append(line, fmt.Sprintf("%d,%d", cx, b.WordY))
	}
	c.Line = strings.Join(line, " ")
	return c
}

// niceScale returns an axis top at or above m and a step of 1, 2 or 5 times a power of
// ten giving at most five ticks.
func niceScale(m int) (top, step int) {
	step = 1
	for {
		for _, f := range []int{1, 2, 5} {
			if m <= 4*step*f {
				s := step * f
				return (m + s - 1) / s * s, s
			}
		}
		step *= 10
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
