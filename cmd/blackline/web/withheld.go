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
	// Spans is the number of passages the release withholds, whole or in part.
	Spans int
	// Words is the number of words those passages hide, as far as a release shows them.
	Words int
	// Unknown is the number of those passages no release shows: their words are not counted.
	Unknown int
}

// withheld counts, for each release of the ledger, the passages it withholds (whole or in
// part) and the words they hide. The words behind a passage are known once a release shows
// it: the text of the first release that showed it whole, less what a partial release
// shows. A passage no release shows is counted in Unknown. Cost: O(passages × releases)
// plus the words of the texts shown.
func withheld(l *diff.Ledger, dates map[string]string) []withheldPoint {
	points := make([]withheldPoint, len(l.Versions))
	column := map[string]int{}
	for i, label := range l.Versions {
		points[i] = withheldPoint{Label: label, Date: dates[label]}
		column[label] = i
	}
	for _, r := range l.Redactions {
		full := -1 // words of the passage, once a release showed it whole
		for _, h := range r.History {
			if h.State == diff.StateReleased {
				full = countWords(h.Text)
				break
			}
		}
		for _, h := range r.History {
			i, ok := column[h.Version]
			if !ok || (h.State != diff.StateWithheld && h.State != diff.StatePartial) {
				continue
			}
			points[i].Spans++
			if full < 0 {
				points[i].Unknown++
				continue
			}
			hidden := full
			if h.State == diff.StatePartial {
				hidden = max(0, full-(countWords(h.Text)-countWords(h.Marker)))
			}
			points[i].Words += hidden
		}
	}
	return points
}

// countWords counts the words of s as the differ tokenizes them.
func countWords(s string) int { return len(diff.Tokenize([]byte(s))) }

// withheldChart draws the chart of a document's releases from its redaction ledger, from
// the cache when the document has not changed; nil when it has no release.
func (s *Server) withheldChart(ar *repo.Archive, id string, vs []repo.Version) (*chart, error) {
	commits := make([]string, len(vs))
	dates := map[string]string{}
	releases := 0
	for i, v := range vs {
		commits[i] = v.Commit
		dates[v.Label] = v.Date
		if v.Kind != repo.Transcription {
			releases++
		}
	}
	if releases == 0 {
		return nil, nil
	}
	key := "withheld " + strings.Join(commits, " ")
	if c, ok := s.cache.get(key); ok {
		return c.(*chart), nil
	}
	l, err := s.ledger(ar, id, vs)
	if err != nil {
		return nil, fmt.Errorf("chart %s: %w", id, err)
	}
	c := newChart(withheld(l, dates))
	s.cache.put(key, c)
	return c, nil
}

// chart is the SVG drawing of withheld points: a black bar per release for its withheld
// passages (left axis) and a red line for the words they hide (right axis).
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
			Title: fmt.Sprintf("%s: %d passage%s withheld, %d word%s known", p.Label, p.Spans, plural(p.Spans), p.Words, plural(p.Words)),
		}
		if p.Unknown > 0 {
			b.Title += fmt.Sprintf(" (%d never shown)", p.Unknown)
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
