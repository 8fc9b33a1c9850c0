package render

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blackline/blackline/diff"
)

// This file turns a diff.Result into rows of a side-by-side view: both versions drawn
// whole, each row holding the stretch of the old text and the stretch of the new text
// that correspond. Rows end at line breaks the two versions share, so an unchanged line
// is one row and a changed passage is one row with both readings level at the top.

// row is one line (or one changed passage) of the side-by-side view.
type row struct {
	// OldLine and NewLine are the 1-based lines where the row starts on each side; 0 when
	// the row holds nothing of that side.
	OldLine, NewLine int
	Old, New         []segment
}

// segment is a run of one side's text: unchanged, or one change drawn as such.
type segment struct {
	// Change is the change the text belongs to, nil for unchanged text and for changes
	// that are not shown (filtered out, or layout changes without --all).
	Change *changeMark
	// Parts are the pieces of the text, in order; a change with nothing on this side has
	// none.
	Parts []part
}

// part is a piece of text, a redaction marker (drawn as a black bar) or a personal name.
type part struct {
	Text string
	Bar  *bar
	Name bool
}

// bar is a redaction marker drawn as a black bar labelled with its exemption codes.
type bar struct {
	Label  string // exemption codes, else the declared extent, else "withheld"
	Marker string // the marker as printed
}

// changeMark is how one shown change is drawn on one side.
type changeMark struct {
	N       int    // 1-based number among the shown changes
	ID      string // HTML id of this side's mark: c<N> on the new side, c<N>-old on the old
	Side    string // "old" or "new"
	Classes string // CSS classes: chg, k-<kind>, a-<action>, has-<category>…
	Tag     string // short label drawn before the text ("lifted (b)(1)"); "" for none
	Title   string // the change described in words, shown on hover
	Href    string // for a moved passage: the other end
	Empty   bool   // nothing on this side: drawn as an insertion point
}

// step is one item of the merged walk over both texts: an equal stretch, a change, or one
// half of a change whose two ends are not in the same place (a moved passage).
type step struct {
	equal    bool
	change   int // index into the result's changes; -1 for an equal stretch
	old, new *diff.Span
}

// sideItem is an item of one side, in that side's text order.
type sideItem struct {
	start, end int
	key        int // index into keys: equals first, then changes
	paired     bool
}

// mergeSteps orders the equal stretches and changes of res so that both texts are read
// front to back at once. Items whose two spans lie in the same place on both sides
// (equal stretches and every change but a move) are paired; a moved passage, and any
// pair found out of order, is drawn as two halves, each at its own place. Cost: O(k log k)
// for k items.
func mergeSteps(res *diff.Result) []step {
	ne := len(res.Equal)
	var olds, news []sideItem
	for i := range res.Equal {
		e := &res.Equal[i]
		olds = append(olds, sideItem{e.Old.Start, e.Old.End, i, true})
		news = append(news, sideItem{e.New.Start, e.New.End, i, true})
	}
	for i := range res.Changes {
		c := &res.Changes[i]
		paired := c.Action != diff.ActionMoved
		olds = append(olds, sideItem{c.Old.Start, c.Old.End, ne + i, paired})
		news = append(news, sideItem{c.New.Start, c.New.End, ne + i, paired})
	}
	order := func(a, b sideItem) int {
		// At one offset an empty item (a pure insertion on that side) comes first.
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end))
	}
	slices.SortStableFunc(olds, order)
	slices.SortStableFunc(news, order)
	spans := func(key int) (old, new *diff.Span) {
		if key < ne {
			return &res.Equal[key].Old, &res.Equal[key].New
		}
		return &res.Changes[key-ne].Old, &res.Changes[key-ne].New
	}
	mk := func(key int, withOld, withNew bool) step {
		o, n := spans(key)
		s := step{equal: key < ne, change: key - ne}
		if s.equal {
			s.change = -1
		}
		if withOld {
			s.old = o
		}
		if withNew {
			s.new = n
		}
		return s
	}
	oldDone := make([]bool, ne+len(res.Changes))
	newDone := make([]bool, ne+len(res.Changes))
	steps := make([]step, 0, len(olds)+len(news))
	i, j := 0, 0
	for i < len(olds) || j < len(news) {
		switch {
		case i < len(olds) && (!olds[i].paired || newDone[olds[i].key]):
			steps = append(steps, mk(olds[i].key, true, false))
			oldDone[olds[i].key] = true
			i++
		case j < len(news) && (!news[j].paired || oldDone[news[j].key]):
			steps = append(steps, mk(news[j].key, false, true))
			newDone[news[j].key] = true
			j++
		case i < len(olds) && j < len(news) && olds[i].key == news[j].key:
			steps = append(steps, mk(olds[i].key, true, true))
			oldDone[olds[i].key], newDone[news[j].key] = true, true
			i++
			j++
		case i < len(olds):
			// Out of order: draw this item's old half here, its new half where it stands.
			steps = append(steps, mk(olds[i].key, true, false))
			oldDone[olds[i].key] = true
			i++
		default:
			steps = append(steps, mk(news[j].key, false, true))
			newDone[news[j].key] = true
			j++
		}
	}
	return steps
}

// sharedBreaks returns the places where both readings of an equal stretch break the line
// at the same point between words: pairs of offsets, relative to each span, just after a
// line break. The k-th line break in a gap between two words on one side is paired with
// the k-th in the same gap on the other. Cost: O(length of the spans).
func sharedBreaks(old, new string) [][2]int {
	if old == new {
		var out [][2]int
		for i := 0; i < len(old); i++ {
			if old[i] == '\n' {
				out = append(out, [2]int{i + 1, i + 1})
			}
		}
		return out
	}
	ot, nt := diff.Tokenize([]byte(old)), diff.Tokenize([]byte(new))
	if len(ot) != len(nt) {
		return nil
	}
	gaps := func(text string, toks []diff.Token) [][2]int {
		g := make([][2]int, 0, len(toks)+1)
		prev := 0
		for _, t := range toks {
			g = append(g, [2]int{prev, t.Start})
			prev = t.End
		}
		return append(g, [2]int{prev, len(text)})
	}
	og, ng := gaps(old, ot), gaps(new, nt)
	var out [][2]int
	for k := range og {
		os, ns := breaksIn(old, og[k]), breaksIn(new, ng[k])
		for m := 0; m < len(os) && m < len(ns); m++ {
			out = append(out, [2]int{os[m], ns[m]})
		}
	}
	return out
}

// breaksIn lists the offsets just after each line break of text[r[0]:r[1]].
func breaksIn(text string, r [2]int) []int {
	var out []int
	for i := r[0]; i < r[1]; i++ {
		if text[i] == '\n' {
			out = append(out, i+1)
		}
	}
	return out
}

// lineIndex finds the line of a byte offset. Cost: O(log lines) per offset.
type lineIndex []int // offsets of the line breaks

func newLineIndex(text []byte) lineIndex {
	var li lineIndex
	for i, c := range text {
		if c == '\n' {
			li = append(li, i)
		}
	}
	return li
}

// line returns the 1-based line of offset off.
func (li lineIndex) line(off int) int {
	return sort.SearchInts(li, off) + 1
}

// spanSet is a sorted list of non-overlapping spans of one text (redacted spans, names).
type spanSet [][2]int

// covering returns the index of the span holding offset off strictly inside it
// (start < off < end), else -1.
func (s spanSet) covering(off int) int {
	i := sort.Search(len(s), func(i int) bool { return s[i][1] > off })
	if i < len(s) && s[i][0] < off {
		return i
	}
	return -1
}

// side holds what one version's pieces are drawn from.
type side struct {
	text  string
	lines lineIndex
	bars  spanSet
	info  []bar
}

func newSide(text []byte, reds []diff.RedactedSpan) *side {
	s := &side{text: string(text), lines: newLineIndex(text)}
	sorted := slices.Clone(reds)
	slices.SortFunc(sorted, func(a, b diff.RedactedSpan) int { return cmp.Compare(a.Span.Start, b.Span.Start) })
	end := 0
	for _, r := range sorted {
		if r.Span.Start < end || r.Span.End > len(text) || r.Span.Start >= r.Span.End {
			continue // overlapping or out of range: draw what came first
		}
		s.bars = append(s.bars, [2]int{r.Span.Start, r.Span.End})
		s.info = append(s.info, barFor(r))
		end = r.Span.End
	}
	return s
}

// barFor labels a redacted span: its exemption codes, else its declared extent.
func barFor(r diff.RedactedSpan) bar {
	label := strings.Join(r.Exemptions, " ")
	if label == "" {
		label = r.Extent
	}
	if label == "" {
		label = "withheld"
	}
	return bar{Label: label, Marker: r.Span.Text}
}

// parts cuts text[start:end] at redacted spans and at the given names' occurrences.
func (s *side) parts(start, end int, names []string) []part {
	if start >= end {
		return nil
	}
	var out []part
	emitText := func(a, b int) {
		for a < b {
			n, at := nextName(s.text[a:b], names)
			if n == 0 {
				out = append(out, part{Text: s.text[a:b]})
				return
			}
			if at > 0 {
				out = append(out, part{Text: s.text[a : a+at]})
			}
			out = append(out, part{Text: s.text[a+at : a+at+n], Name: true})
			a += at + n
		}
	}
	i := sort.Search(len(s.bars), func(i int) bool { return s.bars[i][1] > start })
	pos := start
	for ; i < len(s.bars) && s.bars[i][0] < end; i++ {
		bs, be := max(s.bars[i][0], start), min(s.bars[i][1], end)
		emitText(pos, bs)
		b := s.info[i]
		out = append(out, part{Text: s.text[bs:be], Bar: &b})
		pos = be
	}
	emitText(pos, end)
	return out
}

// nextName finds the earliest whole-word occurrence of any of names in text: its length
// and offset (0, 0 when none). Cost: O(len(names) · len(text)).
func nextName(text string, names []string) (length, at int) {
	at = -1
	for _, n := range names {
		if n == "" {
			continue
		}
		for from := 0; from < len(text); {
			i := strings.Index(text[from:], n)
			if i < 0 {
				break
			}
			i += from
			if wordEdge(text, i) && wordEdge(text, i+len(n)) {
				if at < 0 || i < at || (i == at && len(n) > length) {
					at, length = i, len(n)
				}
				break
			}
			from = i + 1
		}
	}
	if at < 0 {
		return 0, 0
	}
	return length, at
}

// wordEdge reports whether offset i of text is not inside a word: at either end of the
// text, or between a letter or digit and something else.
func wordEdge(text string, i int) bool {
	if i == 0 || i == len(text) {
		return true
	}
	before, _ := utf8.DecodeLastRuneInString(text[:i])
	after, _ := utf8.DecodeRuneInString(text[i:])
	return !(isWordRune(before) && isWordRune(after))
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
