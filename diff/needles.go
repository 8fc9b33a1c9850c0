package diff

import (
	"bytes"
	"sort"
)

// needleTable finds which of a pattern set's needles (the strings one of which each
// pattern's matches contain, see redactionPattern.need) occur in a window, in one pass
// over it: the recognizers run on a window for every changed block, and checking each
// pattern's needles with bytes.Contains read the window once per needle, some 80 times.
// Immutable once built; shared by the Differ's goroutines.
type needleTable struct {
	needles [][]byte
	// first[c]: the needles starting with byte c
	first [256][]int32
	// empty: the empty needles, which every window holds
	empty []int32
	// one[c]: a needle is the single byte c. second[c]: the bytes that follow c in the
	// needles starting with c, a bit each; a byte followed by none of them starts no
	// needle of two bytes or more, and is passed over.
	one    [256]bool
	second [256][4]uint64
}

// mayStart reports whether a needle may start at text[i]: it is one byte, or the byte
// after it follows text[i] in a needle.
func (t *needleTable) mayStart(text []byte, i int) bool {
	c := text[i]
	if t.one[c] {
		return true
	}
	if i+1 >= len(text) {
		return false
	}
	next := text[i+1]
	return t.second[c][next>>6]&(1<<(next&63)) != 0
}

// newNeedleTable indexes needles, each given once; a needle's id is its index.
func newNeedleTable(needles []string) *needleTable {
	t := &needleTable{}
	for id, n := range needles {
		t.needles = append(t.needles, []byte(n))
		if n == "" {
			t.empty = append(t.empty, int32(id))
			continue
		}
		t.first[n[0]] = append(t.first[n[0]], int32(id))
		if len(n) == 1 {
			t.one[n[0]] = true
		} else {
			t.second[n[0]][n[1]>>6] |= 1 << (n[1] & 63)
		}
	}
	return t
}

// needleIDs adds the needles of need not in index yet to it and returns their ids.
func needleIDs(index map[string]int32, order *[]string, need []string) []int32 {
	ids := make([]int32, 0, len(need))
	for _, n := range need {
		id, ok := index[n]
		if !ok {
			id = int32(len(*order))
			index[n] = id
			*order = append(*order, n)
		}
		ids = append(ids, id)
	}
	return ids
}

// needleHits is the set of needles a window holds, by id.
type needleHits []uint64

// scan returns which needles window holds, reusing buf when it is large enough. O(n·k)
// for n bytes and k needles sharing a first byte (a few).
func (t *needleTable) scan(window []byte, buf []uint64) needleHits {
	words := (len(t.needles) + 63) / 64
	var hits needleHits
	if len(buf) >= words {
		hits = buf[:words]
		clear(hits)
	} else {
		hits = make(needleHits, words)
	}
	for _, id := range t.empty {
		hits[id/64] |= 1 << (id % 64)
	}
	t.eachOccurrence(window, func(id int32, _ int) bool {
		hits[id/64] |= 1 << (id % 64)
		return true
	}, hits)
	return hits
}

// eachOccurrence calls visit with the id and start of every occurrence of a non-empty
// needle in text, in order of start; it stops when visit returns false. A needle whose
// bit is set in skip (nil: none) is not looked for. O(n·k) for n bytes and k needles
// sharing a first byte.
func (t *needleTable) eachOccurrence(text []byte, visit func(id int32, start int) bool, skip needleHits) {
	for i, c := range text {
		if !t.mayStart(text, i) {
			continue
		}
		rest := text[i:]
		for _, id := range t.first[c] {
			// most candidates fail at the second byte: compare it before calling out
			n := t.needles[id]
			if len(rest) >= len(n) && (len(n) == 1 || rest[1] == n[1]) &&
				(skip == nil || skip[id/64]&(1<<(id%64)) == 0) && bytes.Equal(rest[:len(n)], n) {
				if !visit(id, i) {
					return
				}
			}
		}
	}
}

// any reports whether the window holds one of the needles ids.
func (h needleHits) any(ids []int32) bool {
	for _, id := range ids {
		if h[id/64]&(1<<(id%64)) != 0 {
			return true
		}
	}
	return false
}

// needleFilter is what a pattern keeps of its needles: their ids in the pattern set's
// table.
type needleFilter struct {
	table *needleTable
	ids   []int32
}

// holds reports whether the window, whose needles are hits (computed from window on first
// use, kept for the other patterns of the set), holds one of need: always when need is nil.
func (f needleFilter) holds(need []string, window []byte, hits *needleHits, buf []uint64) bool {
	switch {
	case need == nil:
		return true
	case f.table == nil:
		return containsAny(window, need)
	}
	if *hits == nil {
		*hits = f.table.scan(window, buf)
	}
	return hits.any(f.ids)
}

// patternSites tells, for each pattern of a set, which windows of one text hold one of its
// needles: what needleFilter.holds tells of one window, for any window of the text, from
// one pass over the whole text. The recognizers look at a window around every changed
// block, together several times the text.
type patternSites []sites

// sites are where one pattern's needles occur in a text.
type sites struct {
	// always: the pattern has no needles, every window is searched.
	always bool
	// scan: the pattern's needles are not in a table; each window is searched for them.
	scan bool
	// starts: the needles' occurrences, by start; minEnd[i] is the first end among
	// occurrences i….
	starts, minEnd []int
}

// findSites finds the sites of n patterns in text, the needles and filter of pattern k
// given by pattern(k). O(n·k) for n bytes and k needles sharing a first byte, then
// O(m log m) for m occurrences.
func findSites(text []byte, n int, pattern func(k int) ([]string, needleFilter)) patternSites {
	out := make(patternSites, n)
	var occ map[*needleTable][][]int // occurrences by table and needle id
	for k := range out {
		need, f := pattern(k)
		switch {
		case need == nil:
			out[k].always = true
			continue
		case f.table == nil:
			out[k].scan = true
			continue
		}
		if occ == nil {
			occ = map[*needleTable][][]int{}
		}
		at, ok := occ[f.table]
		if !ok {
			at = f.table.occurrences(text)
			occ[f.table] = at
		}
		type span struct{ start, end int }
		var spans []span
		for _, id := range f.ids {
			if len(f.table.needles[id]) == 0 {
				out[k].always = true // every window holds the empty string
			}
			for _, p := range at[id] {
				spans = append(spans, span{p, p + len(f.table.needles[id])})
			}
		}
		sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
		s := sites{starts: make([]int, len(spans)), minEnd: make([]int, len(spans))}
		for i := len(spans) - 1; i >= 0; i-- {
			s.starts[i], s.minEnd[i] = spans[i].start, spans[i].end
			if i+1 < len(spans) {
				s.minEnd[i] = min(s.minEnd[i], s.minEnd[i+1])
			}
		}
		s.always = out[k].always
		out[k] = s
	}
	return out
}

// occurrences returns where each needle occurs in text, by id: every start, overlapping
// ones too.
func (t *needleTable) occurrences(text []byte) [][]int {
	at := make([][]int, len(t.needles)) // the empty needles have none: see findSites
	t.eachOccurrence(text, func(id int32, start int) bool {
		at[id] = append(at[id], start)
		return true
	}, nil)
	return at
}

// holds reports whether text[lo:hi] holds one of the pattern's needles (need, for a
// pattern whose sites are scanned).
func (s *sites) holds(text []byte, lo, hi int, need []string) bool {
	switch {
	case s.always:
		return true
	case s.scan:
		return containsAny(text[lo:hi], need)
	}
	i := sort.SearchInts(s.starts, lo)
	return i < len(s.starts) && s.minEnd[i] <= hi
}
