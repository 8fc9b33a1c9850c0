package diff

import "bytes"

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
	for i, c := range window {
		for _, id := range t.first[c] {
			if hits[id/64]&(1<<(id%64)) == 0 && bytes.HasPrefix(window[i:], t.needles[id]) {
				hits[id/64] |= 1 << (id % 64)
			}
		}
	}
	return hits
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
