package diff

import "sort"

// Tuning of moves across a walk.
const (
	// maxMoveCandidates bounds how many places of one word a moved passage is looked for
	// at, so a text of repeated words stays linear.
	maxMoveCandidates = 32
)

// moves finds passages the walk left unmatched on both sides — gone from one place of the
// old version and new in another place of the new one — that hold the same words (equal,
// or read differently under OCR's confusions, see ocrCanon): the walk is monotone, so a
// passage that moved is other words to it. Each move is returned as a piece of relation
// relSame (or relReading when some words read differently) whose sides have as many
// tokens, token k of one side standing for token k of the other. A passage counts when it
// holds at least moveMinWords words, or is a whole paragraph on both sides (a heading
// line that moved). Longest passages first at each place, greedily, in new-side order.
//
// Cost: O(n + m) to collect the unmatched words, then for each unmatched new word at most
// maxMoveCandidates places compared, each for the length of the passage there.
func (c *correspondence) moves() []piece {
	a, b := c.a, c.b
	looseOld := make([]bool, len(a.toks))
	looseNew := make([]bool, len(b.toks))
	found := false
	for _, p := range c.pieces {
		if p.rel != relOther {
			continue
		}
		for k := p.oldLo; k < p.oldHi; k++ {
			looseOld[k] = true
		}
		for k := p.newLo; k < p.newHi; k++ {
			looseNew[k] = true
		}
		found = found || (p.oldLo < p.oldHi) || (p.newLo < p.newHi)
	}
	if !found {
		return nil
	}
	key := func(t Token) string {
		if k := ocrCanon(t.Text); k != "" {
			return k
		}
		return t.Text
	}
	keysOld := make([]string, len(a.toks))
	at := map[string][]int{}
	for k, loose := range looseOld {
		if loose {
			kk := key(a.toks[k])
			keysOld[k] = kk
			if len(at[kk]) < maxMoveCandidates {
				at[kk] = append(at[kk], k)
			}
		}
	}
	if len(at) == 0 {
		return nil
	}
	taken := make([]bool, len(a.toks))
	var out []piece
	for j := 0; j < len(b.toks); j++ {
		if !looseNew[j] {
			continue
		}
		kj := key(b.toks[j])
		bestAt, bestLen := -1, 0
		for _, i := range at[kj] {
			if taken[i] {
				continue
			}
			n := 0
			for i+n < len(a.toks) && j+n < len(b.toks) && looseOld[i+n] && !taken[i+n] && looseNew[j+n] &&
				keysOld[i+n] == key(b.toks[j+n]) {
				n++
			}
			if n > bestLen {
				bestAt, bestLen = i, n
			}
		}
		if bestLen == 0 {
			continue
		}
		if bestLen < moveMinWords && !(a.wholeParagraph(bestAt, bestAt+bestLen) && b.wholeParagraph(j, j+bestLen)) {
			continue
		}
		rel := relSame
		for x := 0; x < bestLen; x++ {
			taken[bestAt+x] = true
			if a.toks[bestAt+x].Text != b.toks[j+x].Text {
				rel = relReading
			}
		}
		out = append(out, piece{oldLo: bestAt, oldHi: bestAt + bestLen, newLo: j, newHi: j + bestLen, rel: rel})
		j += bestLen - 1
	}
	return out
}

// wholeParagraph reports whether tokens [lo,hi) are one whole paragraph. O(log P).
func (p *prepared) wholeParagraph(lo, hi int) bool {
	x := sort.Search(len(p.paras), func(x int) bool { return p.paras[x].hi > lo })
	return x < len(p.paras) && p.paras[x].lo == lo && p.paras[x].hi == hi
}
