package diff

import (
	"sort"
	"time"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// editBlock is one changed region of an alignment: old tokens [oldLo,oldHi) stand where new
// tokens [newLo,newHi) stand. Either side may be empty (a pure insertion or deletion).
// Between two blocks of an alignment lies at least one equal token.
type editBlock struct {
	oldLo, oldHi, newLo, newHi int
}

// alignStats tells how an alignment was reached.
type alignStats struct {
	Anchors   int // tokens matched as unique anchors
	Searched  int // changed stretches handed to go-diff
	TimedOut  int // of those, how many hit the deadline and became one replaced block
	Fallbacks int // stretches too large for go-diff, reported as one replaced block
}

// Sizes above which a stretch without anchors is not searched word by word.
const (
	// ngramMinStretch: a stretch at least this long on both sides without unique words is
	// anchored on unique word n-grams before it is searched.
	ngramMinStretch = 256
	// maxSearchProduct bounds len(old)*len(new) of a stretch handed to go-diff; larger
	// stretches without any anchor are one replaced block.
	maxSearchProduct = 64 << 20
)

// defaultBlockTimeout is the go-diff deadline per changed stretch when Options leave it 0.
const defaultBlockTimeout = 250 * time.Millisecond

// aligner computes the alignment of two sequences of interned word ids.
type aligner struct {
	a, b    []tok
	timeout time.Duration
	blocks  []editBlock
	stats   alignStats

	// scratch for counting, indexed by word id; reset after each use.
	countA, countB []int32
	posB           []int32
}

// alignTokens aligns two id sequences (ids < nIDs) and returns the changed blocks in order.
//
// Cost: common prefix and suffix are trimmed; then, recursively, words occurring exactly
// once in each side of the current stretch become anchors (the longest increasing run of
// them, as patience diff does), O(n log n) per level. Stretches without unique words are
// anchored on unique word 4-grams when long, and otherwise searched with go-diff (Myers,
// O(n·d)) under timeout. In practice near-linear: changes in a memo are spread out, so
// stretches between anchors stay short.
func alignTokens(a, b []tok, nIDs int, timeout time.Duration) ([]editBlock, alignStats) {
	if timeout <= 0 {
		timeout = defaultBlockTimeout
	}
	al := &aligner{
		a: a, b: b, timeout: timeout,
		countA: make([]int32, nIDs),
		countB: make([]int32, nIDs),
		posB:   make([]int32, nIDs),
	}
	al.align(0, len(a), 0, len(b))
	return al.blocks, al.stats
}

// emit appends a changed block, merging it with the previous one when they touch.
func (al *aligner) emit(oldLo, oldHi, newLo, newHi int) {
	if oldLo == oldHi && newLo == newHi {
		return
	}
	if n := len(al.blocks); n > 0 {
		last := &al.blocks[n-1]
		if last.oldHi == oldLo && last.newHi == newLo {
			last.oldHi, last.newHi = oldHi, newHi
			return
		}
	}
	al.blocks = append(al.blocks, editBlock{oldLo, oldHi, newLo, newHi})
}

// align aligns a[aLo:aHi] with b[bLo:bHi], emitting changed blocks in order.
func (al *aligner) align(aLo, aHi, bLo, bHi int) {
	for aLo < aHi && bLo < bHi && al.a[aLo].id == al.b[bLo].id {
		aLo++
		bLo++
	}
	for aLo < aHi && bLo < bHi && al.a[aHi-1].id == al.b[bHi-1].id {
		aHi--
		bHi--
	}
	if aLo == aHi || bLo == bHi {
		al.emit(aLo, aHi, bLo, bHi)
		return
	}
	anchors := al.uniqueAnchors(aLo, aHi, bLo, bHi)
	if len(anchors) == 0 && aHi-aLo >= ngramMinStretch && bHi-bLo >= ngramMinStretch {
		anchors = al.ngramAnchors(aLo, aHi, bLo, bHi, 4)
	}
	if len(anchors) == 0 {
		al.search(aLo, aHi, bLo, bHi)
		return
	}
	al.stats.Anchors += len(anchors)
	pa, pb := aLo, bLo
	for _, an := range anchors {
		i, j, n := int(an.i), int(an.j), int(an.n)
		if i < pa || j < pb {
			continue // covered by the previous anchor's n-gram
		}
		al.align(pa, i, pb, j)
		pa, pb = i+n, j+n
	}
	al.align(pa, aHi, pb, bHi)
}

// anchor is a run of n equal tokens at a[i:i+n] and b[j:j+n].
type anchor struct{ i, j, n int32 }

// uniqueAnchors returns the heaviest chain, increasing on both sides, of words that occur
// exactly once in a[aLo:aHi] and once in b[bLo:bHi] (see heaviestChain). O(n log n).
func (al *aligner) uniqueAnchors(aLo, aHi, bLo, bHi int) []anchor {
	for _, t := range al.a[aLo:aHi] {
		al.countA[t.id]++
	}
	for j := bLo; j < bHi; j++ {
		id := al.b[j].id
		al.countB[id]++
		al.posB[id] = int32(j)
	}
	var cands []anchor
	for i := aLo; i < aHi; i++ {
		id := al.a[i].id
		if al.countA[id] == 1 && al.countB[id] == 1 {
			cands = append(cands, anchor{i: int32(i), j: al.posB[id], n: 1})
		}
		al.countA[id] = 0 // later occurrences of a repeated word are no candidates either
	}
	for _, t := range al.b[bLo:bHi] {
		al.countB[t.id] = 0
	}
	return al.heaviestChain(cands, aLo, aHi, bLo, bHi)
}

// heaviestChain returns the chain of anchors, increasing on both sides, that keeps the
// most words in place: anchors on one diagonal with equal words between them form a run,
// each run weighs the equal words around it, and the heaviest increasing chain of runs is
// taken (a Fenwick tree over the runs' ends). Where patience diff counts unique words, this
// weighs what they hold: a short paragraph that moved over two longer ones, rich in
// repeated words, is the passage that moved. O(n + k log k) for k anchors in a stretch of
// n words.
func (al *aligner) heaviestChain(cands []anchor, aLo, aHi, bLo, bHi int) []anchor {
	if len(cands) < 2 {
		return cands
	}
	a, b := al.a, al.b
	type run struct {
		first, last int   // cands indexes
		weight      int32 // equal words on its diagonal around it
	}
	var runs []run
	for k, c := range cands {
		if k > 0 {
			p := cands[k-1]
			if c.j > p.j && c.i-p.i == c.j-p.j && equalIDs(a[p.i+1:c.i], b[p.j+1:c.j]) {
				runs[len(runs)-1].last = k
				continue
			}
		}
		runs = append(runs, run{first: k, last: k})
	}
	for r := range runs {
		i0, j0 := int(cands[runs[r].first].i), int(cands[runs[r].first].j)
		low := aLo
		if runs[r].first > 0 {
			low = int(cands[runs[r].first-1].i) + 1
		}
		for i0 > low && j0 > bLo && a[i0-1].id == b[j0-1].id {
			i0, j0 = i0-1, j0-1
		}
		i1, j1 := int(cands[runs[r].last].i)+1, int(cands[runs[r].last].j)+1
		high := aHi
		if runs[r].last+1 < len(cands) {
			high = int(cands[runs[r].last+1].i)
		}
		for i1 < high && j1 < bHi && a[i1].id == b[j1].id {
			i1, j1 = i1+1, j1+1
		}
		runs[r].weight = int32(i1 - i0)
	}
	if len(runs) == 1 {
		return cands
	}
	// ends[x] is the x-th smallest last j of a run; tree is a Fenwick tree of prefix
	// maxima over ends, each entry the best chain weight and the run ending it.
	ends := make([]int32, len(runs))
	for r, ru := range runs {
		ends[r] = cands[ru.last].j
	}
	sort.Slice(ends, func(x, y int) bool { return ends[x] < ends[y] })
	type entry struct {
		weight  int64
		anchors int32 // unique words in the chain
		end     int32 // the last j of the run ending the chain
		run     int32
	}
	// better prefers the heavier chain; between chains of one weight, the one with more
	// unique words, then the one that ends sooner in the new text (so of two passages
	// that swapped, the later one moved).
	better := func(x, y entry) bool {
		switch {
		case x.weight != y.weight:
			return x.weight > y.weight
		case x.anchors != y.anchors:
			return x.anchors > y.anchors
		}
		return x.end < y.end
	}
	tree := make([]entry, len(runs)+1)
	for x := range tree {
		tree[x].run = -1
	}
	prev := make([]int32, len(runs))
	best := entry{run: -1}
	for r, ru := range runs {
		// the best chain among runs ending before this one starts
		n := sort.Search(len(ends), func(x int) bool { return ends[x] >= cands[ru.first].j })
		top := entry{run: -1}
		for x := n; x > 0; x -= x & -x {
			if tree[x].run >= 0 && (top.run < 0 || better(tree[x], top)) {
				top = tree[x]
			}
		}
		prev[r] = top.run
		cur := entry{weight: top.weight + int64(ru.weight), anchors: top.anchors + int32(ru.last-ru.first+1),
			end: cands[ru.last].j, run: int32(r)}
		if best.run < 0 || better(cur, best) {
			best = cur
		}
		at := sort.Search(len(ends), func(x int) bool { return ends[x] >= cur.end }) + 1
		for x := at; x < len(tree); x += x & -x {
			if tree[x].run < 0 || better(cur, tree[x]) {
				tree[x] = cur
			}
		}
	}
	var chosen []int32
	for r := best.run; r >= 0; r = prev[r] {
		chosen = append(chosen, r)
	}
	var out []anchor
	for x := len(chosen) - 1; x >= 0; x-- {
		ru := runs[chosen[x]]
		out = append(out, cands[ru.first:ru.last+1]...)
	}
	return out
}

// ngramAnchors is uniqueAnchors over word n-grams, for long stretches whose single words
// all repeat. O(n log n) with a hash map.
func (al *aligner) ngramAnchors(aLo, aHi, bLo, bHi, n int) []anchor {
	type seen struct {
		countA, countB int32
		posB           int32
	}
	hash := func(s []tok) uint64 {
		h := uint64(14695981039346656037)
		for _, t := range s {
			h ^= uint64(uint32(t.id))
			h *= 1099511628211
		}
		return h
	}
	m := make(map[uint64]*seen, aHi-aLo)
	for i := aLo; i+n <= aHi; i++ {
		h := hash(al.a[i : i+n])
		s := m[h]
		if s == nil {
			s = &seen{}
			m[h] = s
		}
		s.countA++
	}
	for j := bLo; j+n <= bHi; j++ {
		if s := m[hash(al.b[j:j+n])]; s != nil {
			s.countB++
			s.posB = int32(j)
		}
	}
	var cands []anchor
	for i := aLo; i+n <= aHi; i++ {
		s := m[hash(al.a[i:i+n])]
		if s.countA == 1 && s.countB == 1 && equalIDs(al.a[i:i+n], al.b[s.posB:int(s.posB)+n]) {
			cands = append(cands, anchor{i: int32(i), j: s.posB, n: int32(n)})
		}
	}
	return longestIncreasing(cands)
}

func equalIDs(x, y []tok) bool {
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if x[i].id != y[i].id {
			return false
		}
	}
	return true
}

// longestIncreasing returns the longest subsequence of cands (sorted by i) whose j also
// increase and which do not overlap, by patience sorting. O(k log k).
func longestIncreasing(cands []anchor) []anchor {
	if len(cands) == 0 {
		return nil
	}
	var tails []int32                 // tails[l] = index in cands of the smallest j ending a chain of length l+1
	prev := make([]int32, len(cands)) // predecessor in the chain
	for k, c := range cands {
		l := sort.Search(len(tails), func(x int) bool { return cands[tails[x]].j >= c.j })
		if l > 0 {
			prev[k] = tails[l-1]
		} else {
			prev[k] = -1
		}
		if l == len(tails) {
			tails = append(tails, int32(k))
		} else {
			tails[l] = int32(k)
		}
	}
	out := make([]anchor, len(tails))
	for k, x := len(tails)-1, tails[len(tails)-1]; k >= 0; k, x = k-1, prev[x] {
		out[k] = cands[x]
	}
	return out
}

// search aligns a stretch without anchors with go-diff's Myers diff on runes standing for
// words. When the stretch is too large, or the deadline fires (go-diff then silently
// returns "delete all, insert all" for the rest), the stretch is one replaced block, so
// the result is the same however far the search got.
func (al *aligner) search(aLo, aHi, bLo, bHi int) {
	if (aHi-aLo)*(bHi-bLo) > maxSearchProduct {
		al.stats.Fallbacks++
		al.emit(aLo, aHi, bLo, bHi)
		return
	}
	al.stats.Searched++
	local := make(map[int32]rune)
	toRunes := func(toks []tok) []rune {
		rs := make([]rune, len(toks))
		for k, t := range toks {
			rs[k] = runeCode(local, t.id)
		}
		return rs
	}
	ra, rb := toRunes(al.a[aLo:aHi]), toRunes(al.b[bLo:bHi])
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = al.timeout
	start := time.Now()
	diffs := dmp.DiffMainRunes(ra, rb, false)
	if time.Since(start) >= al.timeout {
		al.stats.TimedOut++
		al.emit(aLo, aHi, bLo, bHi)
		return
	}
	i, j := aLo, bLo
	for _, d := range diffs {
		n := utf8.RuneCountInString(d.Text)
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			i += n
			j += n
		case diffmatchpatch.DiffDelete:
			al.emit(i, i+n, j, j)
			i += n
		case diffmatchpatch.DiffInsert:
			al.emit(i, i, j, j+n)
			j += n
		}
	}
}

// runeCode returns the rune standing for key in a go-diff run of runes, giving the next
// unused one (past the surrogate range, which a rune slice cannot carry through go-diff's
// string conversions) to a key not seen before. O(1).
func runeCode[K comparable](codes map[K]rune, key K) rune {
	r, ok := codes[key]
	if !ok {
		r = rune(len(codes) + 1)
		if r >= 0xD800 {
			r += 0x800
		}
		codes[key] = r
	}
	return r
}
