package diff

import (
	"bytes"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// side is one version prepared for classification.
type side struct {
	text  []byte
	str   string // text as a string, so span texts share its memory
	toks  []tok
	lines lineIndex
	names nameMarks
}

func newSide(text []byte, toks []tok) *side {
	return &side{text: text, str: string(text), toks: toks, lines: newLineIndex(text)}
}

// bytesOf returns the byte range of tokens [lo,hi). An empty range is the point just after
// token lo-1 (or 0 at the start).
func (s *side) bytesOf(lo, hi int) (int, int) {
	if lo < hi {
		return int(s.toks[lo].start), int(s.toks[hi-1].end)
	}
	if lo == 0 {
		return 0, 0
	}
	e := int(s.toks[lo-1].end)
	return e, e
}

// spanOf returns the Span of bytes [start,end).
func (s *side) spanOf(start, end int) Span {
	return Span{Start: start, End: end, Line: s.lines.line(start), Text: s.str[start:end]}
}

// tokenText returns the exact text of tokens [lo,hi).
func (s *side) tokenText(lo, hi int) string {
	start, end := s.bytesOf(lo, hi)
	return s.str[start:end]
}

// unitKind is what a stretch of tokens is, for classification.
type unitKind int

const (
	plainUnit     unitKind = iota // an ordinary word
	redactionUnit                 // a redacted span
	markingUnit                   // a classification marking
	nameUnit                      // a personal name (without its title)
)

// unit is a recognized stretch of tokens [lo,hi) of one side.
type unit struct {
	kind   unitKind
	lo, hi int
}

// op is one change's place in the monotone walk through both texts: byte ranges on each
// side. A move has two ops (where it left, where it arrived) for one change.
type op struct {
	oldStart, oldEnd, newStart, newEnd int
	change                             int
}

// classifier turns an alignment into changes.
type classifier struct {
	d    *Differ
	a, b *side
	keys []string
	// unitHint[id]: mayHoldUnit of the word with key id
	unitHint []bool
	ocr      ocrReader
	// dpCost and dpChoice are the pairing program's tables, kept from block to block.
	dpCost   []int32
	dpChoice []step
	changes  []Change
	ops      []op
	// whole: every block is one change, unpaired (the texts are unrelated).
	whole bool
	// windows remembers the recognizers' spans in each window looked at (unitsOf) and
	// where their patterns may match; shared with the workers.
	windows *windowSpans
}

// windowSpans remembers what the recognizers found in windows of either side: blocks on
// the same lines, and a block looked at again after it grew, read the same window. Safe
// for concurrent use.
type windowSpans struct {
	mu   sync.Mutex
	seen map[windowKey]recognized
	// sites: where the patterns may match in each side's text, found when first needed
	sites [2]struct {
		once       sync.Once
		red, marks patternSites
	}
}

// maxSitesText is the largest text whose patterns' sites are found in one pass over it.
// In a small memo the windows around the changes overlap and together cover the text
// several times over, so one pass pays; in a long document they are a small part of it,
// and each window is searched for the needles on its own.
const maxSitesText = 64 << 10

// sitesOf returns the redaction and marking patterns' sites in side s, finding them on
// first use; nil, nil for a classifier without memory or a text over maxSitesText.
func (c *classifier) sitesOf(s *side) (red, marks patternSites) {
	if c.windows == nil || len(s.text) > maxSitesText {
		return nil, nil
	}
	st := &c.windows.sites[c.sideIndex(s)]
	st.once.Do(func() {
		st.red = redactionSites(c.d.redaction, s.text)
		st.marks = markingSites(c.d.marking, s.text)
	})
	return st.red, st.marks
}

// sideIndex is 0 for the old side, 1 for the new.
func (c *classifier) sideIndex(s *side) int {
	if s == c.b {
		return 1
	}
	return 0
}

// windowKey names a window: the side (0 old, 1 new) and its byte range.
type windowKey struct {
	side     int
	from, to int
}

// recognized is what the recognizers found in a window: redacted spans, and markings
// outside them.
type recognized struct {
	red, marks []rawSpan
}

// recognize returns the recognizers' spans in text[from:to] of side s (redactionSpans,
// then markingSpans outside them), from memory when the window was read before.
func (c *classifier) recognize(s *side, from, to int) recognized {
	key := windowKey{c.sideIndex(s), from, to}
	if c.windows != nil {
		c.windows.mu.Lock()
		r, ok := c.windows.seen[key]
		c.windows.mu.Unlock()
		if ok {
			return r
		}
	}
	var r recognized
	redSites, markSites := c.sitesOf(s)
	r.red = redactionSpansAt(c.d.redaction, s.text, from, to, redSites)
	r.marks = markingSpansAt(c.d.marking, s.text, from, to, r.red, markSites)
	if c.windows != nil {
		c.windows.mu.Lock()
		c.windows.seen[key] = r
		c.windows.mu.Unlock()
	}
	return r
}

// unitBlock is a changed block with the recognized units of each side.
type unitBlock struct {
	editBlock
	ua, ub []unit
}

// Tuning of block handling.
const (
	// nearEquality: changed blocks separated by at most this many equal words (and no
	// more than either block holds) are taken as one block, as go-diff's semantic cleanup
	// does, so a phrase rewritten around a kept "the" is one change.
	nearEquality = 3
	// moveMinWords is the shortest passage reported as moved rather than deleted and
	// inserted.
	moveMinWords = 4
	// maxDPCells bounds the dynamic program per block; larger blocks are one change.
	maxDPCells = 4 << 20
	// maxRun bounds how many words a redaction marker may stand for in one block.
	maxRun = 400
	// formatPairReach: a line break removed and one added at most this many words apart,
	// with no other layout difference between them, are one line break moved.
	formatPairReach = 12
	// unitWindow bounds how far around a block the recognizers look, in bytes.
	unitWindow = 160
)

// classify turns the changed blocks of an alignment into a Result.
func (c *classifier) classify(blocks []editBlock) *Result {
	c.slideToBoundaries(blocks)
	blocks = c.mergeNearBlocks(blocks)
	blocks = c.splitForMoves(blocks)
	moved := c.findMoves(blocks)
	ublocks, moved := c.expandToUnits(blocks, moved)

	// Each block, with the equal stretch before it, is classified on its own, in
	// parallel; the results are then joined in order, and moves paired.
	results := make([]blockResult, len(ublocks))
	parallel(len(ublocks), func(lo, hi int) {
		w := c.worker()
		for k := lo; k < hi; k++ {
			w.changes, w.ops = nil, nil
			bl := ublocks[k].editBlock
			prevOld, prevNew := 0, 0
			if k > 0 {
				prevOld, prevNew = ublocks[k-1].oldHi, ublocks[k-1].newHi
			}
			w.formatRegion(prevOld, bl.oldLo, prevNew, bl.newLo)
			results[k].region = len(w.changes)
			if _, ok := moved[k]; !ok {
				w.classifyBlock(bl, ublocks[k].ua, ublocks[k].ub)
			}
			results[k].changes, results[k].ops = w.changes, w.ops
		}
	})
	moveChange := map[int]int{} // block index → change index, for the second half of a move
	total := len(moved)
	for _, r := range results {
		total += len(r.changes)
	}
	c.changes = make([]Change, 0, total+1)
	c.ops = make([]op, 0, total+1)
	prevOld, prevNew := 0, 0
	for k, ub := range ublocks {
		bl := ub.editBlock
		r := results[k]
		c.join(r.changes[:r.region], r.ops[:r.region])
		if partner, ok := moved[k]; ok {
			c.emitMove(k, partner, bl, ublocks[partner].editBlock, moveChange)
		} else {
			c.join(r.changes[r.region:], r.ops[r.region:])
		}
		prevOld, prevNew = bl.oldHi, bl.newHi
	}
	c.formatRegion(prevOld, len(c.a.toks), prevNew, len(c.b.toks))
	if len(c.a.toks) == 0 && len(c.b.toks) == 0 && !bytes.Equal(c.a.text, c.b.text) && !c.d.skipFormat {
		c.add(Change{Kind: Format, Categories: []Category{Format}, Action: ActionReflowed}, 0, len(c.a.text), 0, len(c.b.text))
	}

	res := &Result{Changes: c.changes, Equal: c.equalSpans()}
	if res.Changes == nil {
		res.Changes = []Change{}
	}
	res.Summary = Summarize(res.Changes)
	return res
}

// blockResult is what a worker found for one block: the format changes of the equal
// stretch before it (the first region of them), then the block's own changes.
type blockResult struct {
	changes []Change
	ops     []op
	region  int
}

// worker returns a classifier sharing c's texts and recognizers, with its own changes and
// memory of OCR readings, for one goroutine.
func (c *classifier) worker() *classifier {
	return &classifier{d: c.d, a: c.a, b: c.b, keys: c.keys, unitHint: c.unitHint, ocr: ocrReader{cache: map[string]string{}}, whole: c.whole, windows: c.windows}
}

// join appends changes found by a worker, with their ops (each op's change index is
// within changes).
func (c *classifier) join(changes []Change, ops []op) {
	base := len(c.changes)
	c.changes = append(c.changes, changes...)
	for _, o := range ops {
		o.change += base
		c.ops = append(c.ops, o)
	}
}

// parallel calls f on consecutive parts of [0,n), one part per processor, and waits.
func parallel(n int, f func(lo, hi int)) {
	parts := min(runtime.GOMAXPROCS(0), max(n/64, 1))
	var wg sync.WaitGroup
	for p := 0; p < parts; p++ {
		lo, hi := n*p/parts, n*(p+1)/parts
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(lo, hi)
		}()
	}
	wg.Wait()
}

// add appends a change with the given byte ranges and records its op.
func (c *classifier) add(ch Change, oldStart, oldEnd, newStart, newEnd int) {
	ch.Old = c.a.spanOf(oldStart, oldEnd)
	ch.New = c.b.spanOf(newStart, newEnd)
	c.changes = append(c.changes, ch)
	c.ops = append(c.ops, op{oldStart, oldEnd, newStart, newEnd, len(c.changes) - 1})
}

// addTokens appends a change over tokens [oLo,oHi) and [nLo,nHi).
func (c *classifier) addTokens(ch Change, oLo, oHi, nLo, nHi int) {
	os, oe := c.a.bytesOf(oLo, oHi)
	ns, ne := c.b.bytesOf(nLo, nHi)
	c.add(ch, os, oe, ns, ne)
}

// equalSpans returns the stretches between the ops on both sides.
func (c *classifier) equalSpans() []Equal {
	var out []Equal
	prevOld, prevNew := 0, 0
	flush := func(oldEnd, newEnd int) {
		if oldEnd > prevOld || newEnd > prevNew {
			out = append(out, Equal{Old: c.a.spanOf(prevOld, oldEnd), New: c.b.spanOf(prevNew, newEnd)})
		}
	}
	for _, o := range c.ops {
		flush(o.oldStart, o.newStart)
		prevOld, prevNew = o.oldEnd, o.newEnd
	}
	flush(len(c.a.text), len(c.b.text))
	return out
}

// slideToBoundaries shifts each pure insertion or deletion along the equal words around
// it, where the same words repeat ("office. Copies … finance" or "Copies … finance
// office."), to the place whose edges best fall on paragraph, line and sentence ends, as
// a reader would cut it; at equal scores it stays. A block never reaches its neighbours.
// O(n) over all blocks: each equal stretch is walked by the two blocks beside it.
func (c *classifier) slideToBoundaries(blocks []editBlock) {
	for k := range blocks {
		bl := &blocks[k]
		s, lo, hi := c.a, bl.oldLo, bl.oldHi // the side that holds the passage
		other := bl.newLo
		switch {
		case bl.newLo == bl.newHi && bl.oldLo < bl.oldHi:
		case bl.oldLo == bl.oldHi && bl.newLo < bl.newHi:
			s, lo, hi, other = c.b, bl.newLo, bl.newHi, bl.oldLo
		default:
			continue
		}
		// room: equal words before and after the block, keeping one next to each
		// neighbour.
		before, after := lo, len(s.toks)-hi
		if k > 0 {
			prev := blocks[k-1]
			if s == c.a {
				before = lo - prev.oldHi - 1
			} else {
				before = lo - prev.newHi - 1
			}
		}
		if k+1 < len(blocks) {
			next := blocks[k+1]
			if s == c.a {
				after = next.oldLo - hi - 1
			} else {
				after = next.newLo - hi - 1
			}
		}
		left := 0
		for left < before && s.toks[lo-1-left].id == s.toks[hi-1-left].id {
			left++
		}
		right := 0
		for right < after && s.toks[lo+right].id == s.toks[hi+right].id {
			right++
		}
		if left == 0 && right == 0 {
			continue
		}
		best, bestScore := 0, s.edgeScore(lo, hi)
		for d := -left; d <= right; d++ {
			if sc := s.edgeScore(lo+d, hi+d); sc > bestScore {
				best, bestScore = d, sc
			}
		}
		if s == c.a {
			bl.oldLo, bl.oldHi = lo+best, hi+best
			bl.newLo, bl.newHi = other+best, other+best
		} else {
			bl.newLo, bl.newHi = lo+best, hi+best
			bl.oldLo, bl.oldHi = other+best, other+best
		}
	}
}

// edgeScore rates tokens [lo,hi) of s as a passage to cut out: each edge scores 3 at a
// paragraph break, 2 at a line break, and 1 more where the passage's last word, or the
// word before it, ends a sentence.
func (s *side) edgeScore(lo, hi int) int {
	gap := func(k int) int { // the whitespace after token k-1, before token k
		var from, to int
		switch {
		case k <= 0:
			return 3
		case k >= len(s.toks):
			from, to = int(s.toks[k-1].end), len(s.text)
			if from == to {
				return 3
			}
		default:
			from, to = int(s.toks[k-1].end), int(s.toks[k].start)
		}
		switch n := bytes.Count(s.text[from:to], []byte{'\n'}); {
		case n >= 2:
			return 3
		case n == 1:
			return 2
		}
		return 0
	}
	endsSentence := func(k int) int {
		if k <= 0 || k > len(s.toks) {
			return 0
		}
		t := s.toks[k-1]
		switch s.text[t.end-1] {
		case '.', ':', ';', '?', '!':
			return 1
		}
		return 0
	}
	return gap(lo) + endsSentence(lo) + gap(hi) + endsSentence(hi)
}

// mergeNearBlocks joins two replaced blocks separated by a short equal stretch that is no
// longer than the changes on either side of it. Pure insertions and deletions are left
// alone, so moves and revealed passages keep their edges. O(n).
func (c *classifier) mergeNearBlocks(blocks []editBlock) []editBlock {
	if len(blocks) < 2 {
		return blocks
	}
	size := func(b editBlock) int { return max(b.oldHi-b.oldLo, b.newHi-b.newLo) }
	out := []editBlock{blocks[0]}
	for _, bl := range blocks[1:] {
		last := &out[len(out)-1]
		gap := bl.oldLo - last.oldHi
		replaced := last.oldLo < last.oldHi && last.newLo < last.newHi && bl.oldLo < bl.oldHi && bl.newLo < bl.newHi
		if replaced && gap <= nearEquality && gap <= size(*last) && gap <= size(bl) && c.sameLine(last.oldHi, bl.oldLo, last.newHi, bl.newLo) {
			last.oldHi, last.newHi = bl.oldHi, bl.newHi
			continue
		}
		out = append(out, bl)
	}
	return out
}

// sameLine reports whether the equal words old [oLo,oHi) and new [nLo,nHi) and the
// spaces around them hold no line break on either side, so joining the changes on both
// sides of them keeps to one line.
func (c *classifier) sameLine(oLo, oHi, nLo, nHi int) bool {
	if oLo == oHi && nLo == nHi {
		return true
	}
	if oLo == 0 || nLo == 0 || oHi >= len(c.a.toks) || nHi >= len(c.b.toks) {
		return false
	}
	return !bytes.ContainsRune(c.a.text[c.a.toks[oLo-1].end:c.a.toks[oHi].start], '\n') &&
		!bytes.ContainsRune(c.b.text[c.b.toks[nLo-1].end:c.b.toks[nHi].start], '\n')
}

// passageKey is the comparison key of a run of tokens.
func (c *classifier) passageKey(toks []tok) string {
	var sb strings.Builder
	for _, t := range toks {
		sb.WriteString(c.keys[t.id])
		sb.WriteByte(0)
	}
	return sb.String()
}

// emitMove reports a move once, at whichever half comes first; the other half only
// records its op.
func (c *classifier) emitMove(k, partner int, bl, other editBlock, moveChange map[int]int) {
	os, oe := c.a.bytesOf(bl.oldLo, bl.oldHi)
	ns, ne := c.b.bytesOf(bl.newLo, bl.newHi)
	if idx, ok := moveChange[k]; ok {
		c.ops = append(c.ops, op{os, oe, ns, ne, idx})
		if bl.newLo < bl.newHi {
			c.changes[idx].New = c.b.spanOf(ns, ne)
		} else {
			c.changes[idx].Old = c.a.spanOf(os, oe)
		}
		return
	}
	// A passage moved and also read differently stays one move: its misreadings are
	// part of it.
	ch := Change{Kind: Text, Categories: []Category{Text}, Action: ActionMoved}
	if bl.newLo < bl.newHi {
		ch.New = c.b.spanOf(ns, ne)
		pos, poe := c.a.bytesOf(other.oldLo, other.oldHi)
		ch.Old = c.a.spanOf(pos, poe)
	} else {
		ch.Old = c.a.spanOf(os, oe)
		pns, pne := c.b.bytesOf(other.newLo, other.newHi)
		ch.New = c.b.spanOf(pns, pne)
	}
	c.changes = append(c.changes, ch)
	c.ops = append(c.ops, op{os, oe, ns, ne, len(c.changes) - 1})
	moveChange[partner] = len(c.changes) - 1
}

// expandToUnits widens each block so that no recognized unit (redacted span, marking,
// name) is cut by its edge: a unit reaching into the equal words around a block brings
// them in, on both sides, merging blocks that meet. Moved blocks stay as they are.
func (c *classifier) expandToUnits(blocks []editBlock, moved map[int]int) ([]unitBlock, map[int]int) {
	var out []unitBlock
	outMoved := map[int]int{}
	oldIndex := map[int]int{} // input index → output index, for moved blocks
	isMoved := func(k int) bool { _, ok := moved[k]; return ok }
	// The recognizers run on every block at once; a block that grows is looked at again.
	pre := make([][2][]unit, len(blocks))
	parallel(len(blocks), func(lo, hi int) {
		for k := lo; k < hi; k++ {
			if !isMoved(k) {
				bl := blocks[k]
				pre[k] = [2][]unit{c.unitsOf(c.a, bl.oldLo, bl.oldHi), c.unitsOf(c.b, bl.newLo, bl.newHi)}
			}
		}
	})
	lastMoved := false
	for i := 0; i < len(blocks); {
		cur := blocks[i]
		fresh := pre[i]
		if isMoved(i) {
			oldIndex[i] = len(out)
			out = append(out, unitBlock{editBlock: cur})
			lastMoved = true
			i++
			continue
		}
		i++
		var ua, ub []unit
		for first := true; ; first = false {
			needLo, needHi := 0, 0
			if first {
				ua, ub = fresh[0], fresh[1]
			} else {
				ua, ub = c.unitsOf(c.a, cur.oldLo, cur.oldHi), c.unitsOf(c.b, cur.newLo, cur.newHi)
			}
			for _, u := range ua {
				needLo = max(needLo, cur.oldLo-u.lo)
				needHi = max(needHi, u.hi-cur.oldHi)
			}
			for _, u := range ub {
				needLo = max(needLo, cur.newLo-u.lo)
				needHi = max(needHi, u.hi-cur.newHi)
			}
			grew := false
			if needLo > 0 {
				prevEnd := 0
				if len(out) > 0 {
					prevEnd = out[len(out)-1].oldHi
				}
				gap := cur.oldLo - prevEnd
				switch {
				case needLo <= gap:
					cur.oldLo, cur.newLo = cur.oldLo-needLo, cur.newLo-needLo
					grew = true
				case len(out) > 0 && !lastMoved:
					prev := out[len(out)-1].editBlock
					out = out[:len(out)-1]
					cur.oldLo, cur.newLo = prev.oldLo, prev.newLo
					grew = true
				case gap > 0:
					cur.oldLo, cur.newLo = cur.oldLo-gap, cur.newLo-gap
					grew = true
				}
			}
			if needHi > 0 {
				nextStart := len(c.a.toks)
				if i < len(blocks) {
					nextStart = blocks[i].oldLo
				}
				gap := nextStart - cur.oldHi
				switch {
				case needHi <= gap:
					cur.oldHi, cur.newHi = cur.oldHi+needHi, cur.newHi+needHi
					grew = true
				case i < len(blocks) && !isMoved(i):
					cur.oldHi, cur.newHi = blocks[i].oldHi, blocks[i].newHi
					i++
					grew = true
				case gap > 0:
					cur.oldHi, cur.newHi = cur.oldHi+gap, cur.newHi+gap
					grew = true
				}
			}
			if !grew {
				break
			}
		}
		out = append(out, unitBlock{cur, ua, ub})
		lastMoved = false
	}
	for k, partner := range moved {
		outMoved[oldIndex[k]] = oldIndex[partner]
	}
	return out, outMoved
}

// Words that can start a marking or a redaction label without any other sign.
var unitKeywords = []string{
	"Secret", "Confidential", "Top", "Classi", "Derived", "Declassify", "Downgrade", "Reason",
	"Eyes", "Nodis", "Exdis", "Limdis", "Noforn", "Limited", "Approved", "Authority",
	"Sanitized", "Harm", "arm", "Ongoing", "Personal", "Privacy", "Investigative",
	"Technique", "Grand", "Jury",
}

// mayHoldUnit reports whether a word could be part of a redaction marker or a marking, so
// that the recognizers' patterns need to run around it: brackets, parentheses, slashes,
// block characters, two capitals in a row, X runs and CIA codes, b6-style codes, and the
// keywords of markings written in title case. Plain prose words are not.
func mayHoldUnit(word []byte) bool {
	if len(word) >= 2 && (word[0] == 'b' || word[0] == 'B') && word[1] >= '1' && word[1] <= '9' {
		return true
	}
	for i, ch := range word {
		switch {
		case ch == '(' || ch == ')' || ch == '[' || ch == ']' || ch == '/':
			return true
		case ch == 0xE2 && i+1 < len(word) && word[i+1] == 0x96: // U+2580–U+25BF: █ ■ ▬ ▓ …
			return true
		case ch >= 'A' && ch <= 'Z' && i+1 < len(word) && word[i+1] >= 'A' && word[i+1] <= 'Z':
			return true
		case ch >= '0' && ch <= '9' && i+1 < len(word) && word[i+1] == 'X':
			return true
		}
	}
	for _, k := range unitKeywords {
		if bytes.HasPrefix(word, []byte(k)) {
			return true
		}
	}
	return false
}

// unitReach is how many words around a changed block are checked with mayHoldUnit: a
// change a few words into a marking ("Declassify on: 31 December 2022") still finds it.
const unitReach = 4

// unitsOf returns the recognized units of side s that overlap tokens [lo,hi), in order,
// without overlaps: redacted spans first, then markings, then names.
func (c *classifier) unitsOf(s *side, lo, hi int) []unit {
	if lo >= hi {
		return nil
	}
	var units []unit
	var reds, marks unitIndex
	scan := c.d.customPatterns
	for k := max(lo-unitReach, 0); k < min(hi+unitReach, len(s.toks)) && !scan; k++ {
		t := s.toks[k]
		if int(t.end-t.start) == len(c.keys[t.id]) {
			scan = c.unitHint[t.id]
		} else { // a word joined at a line end: its bytes are not its key
			scan = mayHoldUnit(s.text[t.start:t.end])
		}
	}
	if scan {
		wlo, whi := s.windowAround(lo, hi)
		found := c.recognize(s, wlo, whi)
		for _, r := range found.red {
			if u, ok := s.tokenUnit(redactionUnit, r, lo, hi); ok {
				units = append(units, u)
				reds.add(u)
			}
		}
		for _, m := range found.marks {
			if u, ok := s.tokenUnit(markingUnit, m, lo, hi); ok && !reds.overlaps(u) && !marks.overlaps(u) {
				units = append(units, u)
				marks.add(u)
			}
		}
	}
	for k := lo; k < hi; k++ {
		n := s.names[k]
		if n == 0 {
			continue
		}
		u := unit{kind: nameUnit, lo: k, hi: k + 1}
		for u.lo > 0 && s.names[u.lo-1] == n {
			u.lo--
		}
		for u.hi < len(s.toks) && s.names[u.hi] == n {
			u.hi++
		}
		k = u.hi - 1
		if !reds.overlaps(u) && !marks.overlaps(u) {
			units = append(units, u)
		}
	}
	sort.Slice(units, func(i, j int) bool { return units[i].lo < units[j].lo })
	return units
}

// unitIndex holds units, added in order of their first token, and tells in O(log n)
// whether a unit overlaps any of them: a block as large as a whole text holds tens of
// thousands of units, which checking one against all would make quadratic.
type unitIndex struct {
	lo, hi []int // each unit's first token and end
	maxHi  []int // maxHi[i]: the furthest end of units 0..i
	linear bool  // a unit came out of order: overlaps checks them all
}

// add appends u.
func (x *unitIndex) add(u unit) {
	hi := u.hi
	if n := len(x.maxHi); n > 0 {
		hi = max(hi, x.maxHi[n-1])
		x.linear = x.linear || u.lo < x.lo[n-1]
	}
	x.lo, x.hi, x.maxHi = append(x.lo, u.lo), append(x.hi, u.hi), append(x.maxHi, hi)
}

// overlaps reports whether u shares a token with one of the units: one that starts before
// u ends and ends after u starts.
func (x *unitIndex) overlaps(u unit) bool {
	if x.linear {
		for i := range x.lo {
			if x.lo[i] < u.hi && u.lo < x.hi[i] {
				return true
			}
		}
		return false
	}
	k := sort.SearchInts(x.lo, u.hi) // units k… start at or after u's end
	return k > 0 && x.maxHi[k-1] > u.lo
}

// tokenUnit converts a byte span to the unit of the tokens it touches, if they overlap
// tokens [lo,hi).
func (s *side) tokenUnit(kind unitKind, r rawSpan, lo, hi int) (unit, bool) {
	first := sort.Search(len(s.toks), func(k int) bool { return int(s.toks[k].end) > r.start })
	last := sort.Search(len(s.toks), func(k int) bool { return int(s.toks[k].start) >= r.end })
	if first >= last || last <= lo || first >= hi {
		return unit{}, false
	}
	return unit{kind: kind, lo: first, hi: last}, true
}

// windowAround returns the byte window the recognizers read around tokens [lo,hi) of s:
// from unitReach words before to unitReach words after, widened to whole lines by at most
// unitWindow bytes each way.
func (s *side) windowAround(lo, hi int) (int, int) {
	start, end := int(s.toks[max(lo-unitReach, 0)].start), int(s.toks[min(hi+unitReach, len(s.toks))-1].end)
	text := s.text
	from := max(start-unitWindow, 0)
	if i := bytes.LastIndexByte(text[from:start], '\n'); i >= 0 {
		from += i + 1
	}
	to := min(end+unitWindow, len(text))
	if i := bytes.IndexByte(text[end:to], '\n'); i >= 0 {
		to = end + i
	}
	return from, to
}
