package diff

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// This file holds what the analyses over many versions (Ledger, Blame, Reveal) share:
// the versions as they are given, each release read through its best text, and the
// correspondence of two versions' words.

// Version kinds, as VersionText.Kind names them.
const (
	KindRelease       = "release"
	KindTranscription = "transcription"
)

// VersionText is one version of a document as the analyses over many versions take it:
// its label, what it is, and its text. Versions are given oldest first.
type VersionText struct {
	// Label names the version ("foia-1998"); labels are unique within a document.
	Label string `json:"label"`
	// Kind is KindRelease or KindTranscription; "" counts as a release.
	Kind string `json:"kind,omitempty"`
	// Transcribes is, for a transcription, the label of the release it reads. A
	// transcription is taken as a corrected reading of that release.
	Transcribes string `json:"transcribes,omitempty"`
	// Text is the version's exact text.
	Text []byte `json:"-"`
}

// Errors of the analyses over many versions.
var (
	// ErrNoVersions: an analysis was given no version (or no release) to work on.
	ErrNoVersions = errors.New("no versions")
	// ErrUnknownLabel: a label names none of the versions given.
	ErrUnknownLabel = errors.New("unknown version label")
	// ErrDuplicateLabel: two versions given carry the same label.
	ErrDuplicateLabel = errors.New("duplicate version label")
)

// reading is one release as the analyses read it: its own text, or the text of the latest
// transcription of it when there is one (a corrected reading).
type reading struct {
	label     string // the release's label
	via       string // the transcription read instead of the release's own text; "" for none
	text      []byte
	released  int // index of the release among the versions given
	corrected bool
}

// isTranscriptionOf reports whether v is a transcription of a version in labels.
func isTranscriptionOf(v VersionText, labels map[string]int) bool {
	if v.Kind != KindTranscription || v.Transcribes == "" {
		return false
	}
	_, ok := labels[v.Transcribes]
	return ok
}

// checkVersions validates the versions given: labels set and unique, texts that are text.
// It returns each label's index.
func checkVersions(versions []VersionText) (map[string]int, error) {
	if len(versions) == 0 {
		return nil, ErrNoVersions
	}
	index := make(map[string]int, len(versions))
	for i, v := range versions {
		if v.Label == "" {
			return nil, fmt.Errorf("version %d: %w: empty label", i+1, ErrUnknownLabel)
		}
		if _, dup := index[v.Label]; dup {
			return nil, fmt.Errorf("%w: %s", ErrDuplicateLabel, v.Label)
		}
		index[v.Label] = i
		if off, reason := validText(v.Text); off >= 0 {
			return nil, &InputError{Side: v.Label, Offset: off, Reason: reason}
		}
	}
	return index, nil
}

// releaseReadings returns the releases among versions, oldest first, each read through
// the latest transcription of it when there is one. A transcription of no known release
// counts as a release of its own. O(number of versions).
func releaseReadings(versions []VersionText, index map[string]int) []reading {
	var out []reading
	at := map[string]int{} // release label → index in out
	for i, v := range versions {
		if isTranscriptionOf(v, index) {
			continue
		}
		at[v.Label] = len(out)
		out = append(out, reading{label: v.Label, text: v.Text, released: i})
	}
	for _, v := range versions {
		if !isTranscriptionOf(v, index) {
			continue
		}
		if k, ok := at[v.Transcribes]; ok {
			out[k].via, out[k].text, out[k].corrected = v.Label, v.Text, true
		}
	}
	return out
}

// prepared is one text made ready for the analyses: its words, redacted spans and
// markings, paragraphs and lines.
type prepared struct {
	raw   []byte
	toks  []Token
	spans []RedactedSpan
	// redacted[k] is 1 + the index in spans of the redacted span token k belongs to, or 0.
	redacted []int32
	marking  []bool // token k is part of a classification marking
	paras    []tokenRange
	lines    lineIndex
}

// tokenRange is the tokens [lo,hi) of a text.
type tokenRange struct{ lo, hi int }

// prepare tokenizes text and finds its redacted spans, markings and paragraphs. O(p·n)
// for p recognizer patterns over n bytes.
func (d *Differ) prepare(text []byte) *prepared {
	p := &prepared{raw: text, toks: Tokenize(text), lines: newLineIndex(text)}
	p.spans = d.Redactions(text)
	p.redacted = make([]int32, len(p.toks))
	p.marking = make([]bool, len(p.toks))
	raws := make([]rawSpan, len(p.spans))
	for i, s := range p.spans {
		raws[i] = rawSpan{start: s.Span.Start, end: s.Span.End}
		r := p.tokensOf(s.Span.Start, s.Span.End)
		for k := r.lo; k < r.hi; k++ {
			p.redacted[k] = int32(i + 1)
		}
	}
	for _, m := range markingSpans(d.marking, text, 0, len(text), raws) {
		r := p.tokensOf(m.start, m.end)
		for k := r.lo; k < r.hi; k++ {
			p.marking[k] = true
		}
	}
	start := 0
	for k := 1; k <= len(p.toks); k++ {
		if k == len(p.toks) || strings.Count(string(text[p.toks[k-1].End:p.toks[k].Start]), "\n") >= 2 {
			p.paras = append(p.paras, tokenRange{start, k})
			start = k
		}
	}
	return p
}

// tokensOf returns the tokens overlapping bytes [start,end); for an empty range, the
// empty token range at the first token starting at or after start. O(log n).
func (p *prepared) tokensOf(start, end int) tokenRange {
	hi := sort.Search(len(p.toks), func(k int) bool { return p.toks[k].Start >= end })
	if start >= end {
		lo := sort.Search(len(p.toks), func(k int) bool { return p.toks[k].Start >= start })
		return tokenRange{lo, lo}
	}
	lo := sort.Search(len(p.toks), func(k int) bool { return p.toks[k].End > start })
	return tokenRange{lo, max(lo, hi)}
}

// tokensWithin returns the tokens lying wholly within bytes [start,end). O(log n).
func (p *prepared) tokensWithin(start, end int) tokenRange {
	lo := sort.Search(len(p.toks), func(k int) bool { return p.toks[k].Start >= start })
	hi := sort.Search(len(p.toks), func(k int) bool { return p.toks[k].End > end })
	return tokenRange{lo, max(lo, hi)}
}

// bytesOf returns the bytes of tokens [lo,hi); an empty range is the point where token lo
// starts (the end of the text past the last token).
func (p *prepared) bytesOf(r tokenRange) (int, int) {
	if r.lo < r.hi {
		return p.toks[r.lo].Start, p.toks[r.hi-1].End
	}
	if r.lo < len(p.toks) {
		return p.toks[r.lo].Start, p.toks[r.lo].Start
	}
	return len(p.raw), len(p.raw)
}

// text returns the exact text of tokens r.
func (p *prepared) text(r tokenRange) string {
	s, e := p.bytesOf(r)
	return string(p.raw[s:e])
}

// line returns the 1-based line where tokens r start.
func (p *prepared) line(r tokenRange) int {
	s, _ := p.bytesOf(r)
	return p.lines.line(s)
}

// markerOnly reports whether paragraph r holds a redaction and nothing else but
// classification markings: a withheld paragraph.
func (p *prepared) markerOnly(r tokenRange) bool {
	red := false
	for k := r.lo; k < r.hi; k++ {
		switch {
		case p.redacted[k] != 0:
			red = true
		case !p.marking[k]:
			return false
		}
	}
	return red
}

// visibleWords counts the tokens of r that are not withheld.
func (p *prepared) visibleWords(r tokenRange) int {
	n := 0
	for k := r.lo; k < r.hi; k++ {
		if p.redacted[k] == 0 {
			n++
		}
	}
	return n
}

// hasRedaction reports whether any token of r is withheld.
func (p *prepared) hasRedaction(r tokenRange) bool {
	for k := r.lo; k < r.hi; k++ {
		if p.redacted[k] != 0 {
			return true
		}
	}
	return false
}

// widen grows r to whole redacted spans.
func (p *prepared) widen(r tokenRange) tokenRange {
	for r.lo < r.hi && r.lo > 0 && p.redacted[r.lo] != 0 && p.redacted[r.lo-1] == p.redacted[r.lo] {
		r.lo--
	}
	for r.lo < r.hi && r.hi < len(p.toks) && p.redacted[r.hi-1] != 0 && p.redacted[r.hi] == p.redacted[r.hi-1] {
		r.hi++
	}
	return r
}

// relation says how the two sides of a piece of a correspondence relate.
type relation int

const (
	relSame      relation = iota // the same words, token for token
	relReading                   // the same words read differently
	relRedaction                 // a redaction on either side stands for the other side
	relOther                     // different words
)

// piece is one step of the monotone walk through two versions: old tokens [oldLo,oldHi)
// stand where new tokens [newLo,newHi) stand.
type piece struct {
	oldLo, oldHi, newLo, newHi int
	rel                        relation
	// paired is set when both sides belong to paragraphs taken as the same passage (equal
	// or paired); unpaired paragraphs were only deleted or inserted.
	paired bool
	// group numbers the paragraphs taken as one passage; pieces of one group share it.
	group int
}

// correspondence is the walk through two versions, as pieces covering both in order.
type correspondence struct {
	a, b   *prepared
	pieces []piece
	groups int // groups started so far
}

// Tuning of the paragraph pairing.
const (
	// maxParagraphCells bounds the pairing program of one changed run of paragraphs;
	// larger runs are compared whole by the differ.
	maxParagraphCells = 40000
	// minParagraphSimilarity is the share of words two paragraphs must have in common to be
	// taken as the same passage.
	minParagraphSimilarity = 0.25
	// maxParagraphJoin is how many paragraphs of one side may pair with one of the other
	// (a paragraph break lost or added by a reading).
	maxParagraphJoin = 3
	// maxJoinWords: only paragraphs up to this many words are tried joined with others.
	maxJoinWords = 200
)

// correspond finds the walk through versions a and b.
//
// Paragraphs (separated by blank lines) are aligned first: equal paragraphs by Myers'
// diff over paragraph keys (go-diff, O(P·D) in paragraphs), and within each changed run
// a small dynamic program pairs paragraphs by the words they share, a withheld paragraph
// standing for any one paragraph (O(n·m) per run, bounded by maxParagraphCells). Each
// pair of paragraphs is then compared by the differ, which finds lifted and added
// redactions, readings and edits inside it. Paragraph first, so that a withheld
// paragraph is matched with the paragraph it stood for and not with a portion mark of
// the next one. Overall near-linear when versions differ in a few places.
func (d *Differ) correspond(a, b *prepared) (*correspondence, error) {
	c := &correspondence{a: a, b: b}
	keys := map[string]rune{}
	runes := func(p *prepared, side string) []rune {
		out := make([]rune, len(p.paras))
		for i, r := range p.paras {
			var sb strings.Builder
			if p.markerOnly(r) {
				fmt.Fprintf(&sb, "\x00%s%d", side, i) // never equal: paired below by position
			}
			for k := r.lo; k < r.hi; k++ {
				sb.WriteString(p.toks[k].Text)
				sb.WriteByte(' ')
			}
			out[i] = runeCode(keys, sb.String())
		}
		return out
	}
	ra, rb := runes(a, "a"), runes(b, "b")
	timeout := d.timeout
	if timeout <= 0 {
		timeout = defaultBlockTimeout
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = timeout
	start := time.Now()
	diffs := dmp.DiffMainRunes(ra, rb, false)
	if time.Since(start) >= timeout {
		diffs = []diffmatchpatch.Diff{{Type: diffmatchpatch.DiffDelete, Text: string(ra)}, {Type: diffmatchpatch.DiffInsert, Text: string(rb)}}
	}
	i, j := 0, 0 // paragraphs
	pi, pj := 0, 0
	flush := func() error {
		if i == pi && j == pj {
			return nil
		}
		err := c.pairRun(d, pi, i, pj, j)
		pi, pj = i, j
		return err
	}
	for _, df := range diffs {
		n := utf8.RuneCountInString(df.Text)
		switch df.Type {
		case diffmatchpatch.DiffEqual:
			if err := flush(); err != nil {
				return nil, err
			}
			lo, hi := a.paras[i].lo, a.paras[i+n-1].hi
			nlo, nhi := b.paras[j].lo, b.paras[j+n-1].hi
			c.addGroup(piece{lo, hi, nlo, nhi, relSame, true, 0})
			i, j = i+n, j+n
			pi, pj = i, j
		case diffmatchpatch.DiffDelete:
			i += n
		case diffmatchpatch.DiffInsert:
			j += n
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return c, nil
}

// add appends a piece, skipping empty ones.
func (c *correspondence) add(p piece) {
	if p.oldLo == p.oldHi && p.newLo == p.newHi {
		return
	}
	p.group = c.groups
	c.pieces = append(c.pieces, p)
}

// addGroup appends a piece that is a group of its own.
func (c *correspondence) addGroup(p piece) {
	c.groups++
	c.add(p)
}

// paragraph words for the pairing program: the visible words, read under OCR confusions.
type paragraphWords struct {
	words    []int32 // sorted word ids
	marker   bool    // a withheld paragraph
	redacted bool    // holds a redaction
}

// pairRun pairs paragraphs [i0,i1) of a with [j0,j1) of b and compares each pair.
func (c *correspondence) pairRun(d *Differ, i0, i1, j0, j1 int) error {
	a, b := c.a, c.b
	n, m := i1-i0, j1-j0
	group := func(x0, x1, y0, y1 int) error {
		old := tokenRange{a.paras[x0].lo, a.paras[x1-1].hi}
		new := tokenRange{b.paras[y0].lo, b.paras[y1-1].hi}
		return c.compare(d, old, new)
	}
	if n == 0 || m == 0 {
		var old, new tokenRange
		if n > 0 {
			old = tokenRange{a.paras[i0].lo, a.paras[i1-1].hi}
			new = tokenRange{b.tokenAfter(j0), b.tokenAfter(j0)}
		} else {
			old = tokenRange{a.tokenAfter(i0), a.tokenAfter(i0)}
			new = tokenRange{b.paras[j0].lo, b.paras[j1-1].hi}
		}
		c.addGroup(piece{old.lo, old.hi, new.lo, new.hi, relOther, false, 0})
		return nil
	}
	if n*m > maxParagraphCells {
		return group(i0, i1, j0, j1)
	}
	ids := map[string]int32{}
	wordsOf := func(p *prepared, r tokenRange) paragraphWords {
		w := paragraphWords{marker: p.markerOnly(r), redacted: p.hasRedaction(r)}
		for k := r.lo; k < r.hi; k++ {
			if p.redacted[k] != 0 {
				continue
			}
			key := ocrCanon(p.toks[k].Text)
			if key == "" {
				continue
			}
			id, ok := ids[key]
			if !ok {
				id = int32(len(ids))
				ids[key] = id
			}
			w.words = append(w.words, id)
		}
		sort.Slice(w.words, func(x, y int) bool { return w.words[x] < w.words[y] })
		return w
	}
	pa := make([]paragraphWords, n)
	for x := range pa {
		pa[x] = wordsOf(a, a.paras[i0+x])
	}
	pb := make([]paragraphWords, m)
	for y := range pb {
		pb[y] = wordsOf(b, b.paras[j0+y])
	}
	steps := pairParagraphs(pa, pb)
	x, y := 0, 0
	for _, s := range steps {
		switch {
		case s.dx == 0:
			at := a.tokenAfter(i0 + x)
			c.addGroup(piece{at, at, b.paras[j0+y].lo, b.paras[j0+y].hi, relOther, false, 0})
		case s.dy == 0:
			at := b.tokenAfter(j0 + y)
			c.addGroup(piece{a.paras[i0+x].lo, a.paras[i0+x].hi, at, at, relOther, false, 0})
		default:
			if err := group(i0+x, i0+x+s.dx, j0+y, j0+y+s.dy); err != nil {
				return err
			}
		}
		x, y = x+s.dx, y+s.dy
	}
	return nil
}

// tokenAfter returns the first token of paragraph i, or the end past the last paragraph.
func (p *prepared) tokenAfter(i int) int {
	if i < len(p.paras) {
		return p.paras[i].lo
	}
	return len(p.toks)
}

// paragraphStep is one move of the paragraph pairing: dx old and dy new paragraphs.
type paragraphStep struct{ dx, dy int }

// pairParagraphs finds the cheapest pairing of old paragraphs pa with new paragraphs pb:
// each paragraph is deleted or inserted (cost 1), or paired with one to maxParagraphJoin
// of the other side at 2·(1 − similarity). A withheld paragraph pairs with any one
// paragraph cheaply. O(n·m·maxParagraphJoin) similarity computations.
func pairParagraphs(pa, pb []paragraphWords) []paragraphStep {
	n, m := len(pa), len(pb)
	W := m + 1
	const inf = 1e18
	cost := make([]float64, (n+1)*W)
	choice := make([]paragraphStep, (n+1)*W)
	for x := n; x >= 0; x-- {
		for y := m; y >= 0; y-- {
			if x == n && y == m {
				continue
			}
			best, bestStep := inf, paragraphStep{}
			try := func(s paragraphStep, k float64) {
				if k >= inf {
					return
				}
				if total := k + cost[(x+s.dx)*W+y+s.dy]; total < best {
					best, bestStep = total, s
				}
			}
			if x < n {
				try(paragraphStep{1, 0}, 1)
			}
			if y < m {
				try(paragraphStep{0, 1}, 1)
			}
			if x < n && y < m {
				for k := 1; k <= maxParagraphJoin; k++ {
					if k > 1 && (len(pa[x].words) > maxJoinWords || len(pb[y].words) > maxJoinWords) {
						break // long paragraphs keep their breaks
					}
					if x+k <= n {
						try(paragraphStep{k, 1}, pairCost(pa[x:x+k], pb[y:y+1]))
					}
					if k > 1 && y+k <= m {
						try(paragraphStep{1, k}, pairCost(pa[x:x+1], pb[y:y+k]))
					}
				}
			}
			cost[x*W+y], choice[x*W+y] = best, bestStep
		}
	}
	var steps []paragraphStep
	for x, y := 0, 0; x < n || y < m; {
		s := choice[x*W+y]
		steps = append(steps, s)
		x, y = x+s.dx, y+s.dy
	}
	return steps
}

// pairCost prices taking paragraphs xs and ys as the same passage.
func pairCost(xs, ys []paragraphWords) float64 {
	const inf = 1e18
	if len(xs) == 1 && len(ys) == 1 {
		switch {
		case xs[0].marker && ys[0].marker:
			return 0.1
		case xs[0].marker || ys[0].marker:
			return 0.3
		}
	}
	redacted := false
	for _, p := range append(xs[:len(xs):len(xs)], ys...) {
		if p.marker {
			return inf
		}
		redacted = redacted || p.redacted
	}
	wx, wy := mergedWords(xs), mergedWords(ys)
	common := 0
	for i, j := 0, 0; i < len(wx) && j < len(wy); {
		switch {
		case wx[i] == wy[j]:
			common++
			i++
			j++
		case wx[i] < wy[j]:
			i++
		default:
			j++
		}
	}
	// A paragraph with a redaction hides some of its words: measure on the shorter side.
	denom := max(len(wx), len(wy))
	if redacted {
		denom = min(len(wx), len(wy))
	}
	if denom == 0 {
		return inf
	}
	sim := float64(common) / float64(denom)
	if sim < minParagraphSimilarity {
		return inf
	}
	return 2*(1-sim) + 0.1*float64(len(xs)+len(ys)-2)
}

// mergedWords returns the sorted word ids of paragraphs ps, merging their sorted lists.
// O(total words).
func mergedWords(ps []paragraphWords) []int32 {
	if len(ps) == 1 {
		return ps[0].words
	}
	out := ps[0].words
	for _, p := range ps[1:] {
		merged := make([]int32, 0, len(out)+len(p.words))
		i, j := 0, 0
		for i < len(out) || j < len(p.words) {
			if j == len(p.words) || i < len(out) && out[i] <= p.words[j] {
				merged = append(merged, out[i])
				i++
			} else {
				merged = append(merged, p.words[j])
				j++
			}
		}
		out = merged
	}
	return out
}

// compare runs the differ on tokens old of a and new of b (whole paragraphs taken as the
// same passage) and adds its walk as pieces.
func (c *correspondence) compare(d *Differ, old, new tokenRange) error {
	a, b := c.a, c.b
	c.groups++
	os, oe := a.bytesOf(old)
	ns, ne := b.bytesOf(new)
	res, err := d.Diff(a.raw[os:oe], b.raw[ns:ne])
	if err != nil {
		return err
	}
	type item struct {
		old, new tokenRange
		rel      relation
	}
	var items []item
	for _, e := range res.Equal {
		// a change may end inside a word (punctuation a marker did not cover stays
		// equal): the word belongs to the change
		items = append(items, item{a.tokensWithin(os+e.Old.Start, os+e.Old.End), b.tokensWithin(ns+e.New.Start, ns+e.New.End), relSame})
	}
	for _, ch := range res.Changes {
		if ch.Action == ActionMoved {
			continue // its two halves are left to the walk below as other words
		}
		rel := relOther
		switch {
		case ch.Has(Redaction):
			rel = relRedaction
		case ch.Kind == Format:
			// the same words laid out differently: word for word, so a passage followed
			// through a re-wrapped stretch ends where its words end
			rel = relSame
		case ch.Has(Transcription):
			rel = relReading
		}
		items = append(items, item{a.tokensOf(os+ch.Old.Start, os+ch.Old.End), b.tokensOf(ns+ch.New.Start, ns+ch.New.End), rel})
	}
	sort.SliceStable(items, func(x, y int) bool {
		if items[x].old.lo != items[y].old.lo {
			return items[x].old.lo < items[y].old.lo
		}
		return items[x].new.lo < items[y].new.lo
	})
	oi, ni := old.lo, new.lo
	for _, it := range items {
		if it.old.lo < oi || it.new.lo < ni {
			// out of order (next to a move): fold it into the walk as other words
			if it.old.hi > oi || it.new.hi > ni {
				c.add(piece{oi, max(oi, it.old.hi), ni, max(ni, it.new.hi), relOther, true, 0})
				oi, ni = max(oi, it.old.hi), max(ni, it.new.hi)
			}
			continue
		}
		if it.old.lo > oi || it.new.lo > ni {
			c.add(piece{oi, it.old.lo, ni, it.new.lo, relOther, true, 0})
		}
		rel := it.rel
		if rel == relSame && it.old.hi-it.old.lo != it.new.hi-it.new.lo {
			rel = relReading
		}
		c.add(piece{it.old.lo, it.old.hi, it.new.lo, it.new.hi, rel, true, 0})
		oi, ni = it.old.hi, it.new.hi
	}
	if oi < old.hi || ni < new.hi {
		c.add(piece{oi, old.hi, ni, new.hi, relOther, true, 0})
	}
	return nil
}

// mapRange follows tokens r of one side through the walk to the other side (forward:
// old to new): word for word through equal pieces, whole pieces otherwise. An empty
// result means the words are not on the other side; its lo is where they would stand.
// O(log P + pieces overlapped).
func (c *correspondence) mapRange(r tokenRange, forward bool) tokenRange {
	from := func(p piece) (int, int) {
		if forward {
			return p.oldLo, p.oldHi
		}
		return p.newLo, p.newHi
	}
	to := func(p piece) (int, int) {
		if forward {
			return p.newLo, p.newHi
		}
		return p.oldLo, p.oldHi
	}
	k := sort.Search(len(c.pieces), func(k int) bool { _, hi := from(c.pieces[k]); return hi > r.lo })
	out := tokenRange{-1, -1}
	at := -1
	for ; k < len(c.pieces); k++ {
		p := c.pieces[k]
		flo, fhi := from(p)
		if flo >= r.hi {
			break
		}
		tlo, thi := to(p)
		if at < 0 {
			at = tlo
		}
		if flo == fhi {
			continue
		}
		if p.rel == relSame {
			tlo, thi = tlo+max(r.lo, flo)-flo, tlo+min(r.hi, fhi)-flo
		}
		if tlo >= thi {
			continue
		}
		if out.lo < 0 {
			out = tokenRange{tlo, thi}
		} else {
			out = tokenRange{min(out.lo, tlo), max(out.hi, thi)}
		}
	}
	if out.lo < 0 {
		if at < 0 {
			if forward {
				at = len(c.b.toks)
			} else {
				at = len(c.a.toks)
			}
		}
		return tokenRange{at, at}
	}
	return out
}
