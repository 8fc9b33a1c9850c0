package diff

// Move detection: a passage deleted in one place and inserted in another is one change.
// Passages match word for word, allowing misreadings of up to a quarter of their words,
// so a paragraph moved by a transcriber who also fixed its OCR is still one move.

// moveBudget bounds the word comparisons spent looking for moved passages inside larger
// changed blocks, so a pair with many scattered insertions stays linear.
const moveBudget = 1 << 21

// samePassage reports whether old and new are the same passage: the same number of words
// (at least moveMinWords), each equal or a misreading, at least three quarters equal.
// exact is set when every word is equal.
func (c *classifier) samePassage(old, new []tok) (exact, ok bool) {
	n := len(old)
	if n < moveMinWords || n != len(new) {
		return false, false
	}
	misses := 0
	for k := range old {
		if old[k].id != new[k].id {
			if misses++; 4*misses > n {
				return false, false
			}
		}
	}
	for k := range old {
		if old[k].id != new[k].id && !c.ocr.equivalent([]string{c.keys[old[k].id]}, []string{c.keys[new[k].id]}) {
			return false, false
		}
	}
	return misses == 0, true
}

// findMoves pairs pure deletions with pure insertions of the same passage, returning
// block index → partner block index for both halves. Exact passages are paired through a
// hash map; the rest by comparing blocks of equal length, within moveBudget.
func (c *classifier) findMoves(blocks []editBlock) map[int]int {
	moved := map[int]int{}
	deleted := map[string][]int{}
	var fuzzyDeleted []int
	for k, bl := range blocks {
		if bl.newLo == bl.newHi && bl.oldHi-bl.oldLo >= moveMinWords {
			kk := c.passageKey(c.a.toks[bl.oldLo:bl.oldHi])
			deleted[kk] = append(deleted[kk], k)
			fuzzyDeleted = append(fuzzyDeleted, k)
		}
	}
	if len(deleted) == 0 {
		return moved
	}
	budget := moveBudget
	for k, bl := range blocks {
		if bl.oldLo != bl.oldHi || bl.newHi-bl.newLo < moveMinWords {
			continue
		}
		kk := c.passageKey(c.b.toks[bl.newLo:bl.newHi])
		if cands := deleted[kk]; len(cands) > 0 {
			for len(cands) > 0 {
				if _, taken := moved[cands[0]]; !taken {
					break
				}
				cands = cands[1:]
			}
			deleted[kk] = cands
			if len(cands) > 0 {
				moved[k], moved[cands[0]] = cands[0], k
				deleted[kk] = cands[1:]
				continue
			}
		}
		for _, d := range fuzzyDeleted {
			if _, taken := moved[d]; taken {
				continue
			}
			del := blocks[d]
			if del.oldHi-del.oldLo != bl.newHi-bl.newLo || budget <= 0 {
				continue
			}
			budget -= bl.newHi - bl.newLo
			if _, ok := c.samePassage(c.a.toks[del.oldLo:del.oldHi], c.b.toks[bl.newLo:bl.newHi]); ok {
				moved[k], moved[d] = d, k
				break
			}
		}
	}
	return moved
}

// splitForMoves cuts a larger changed block where one side holds, as a contiguous
// stretch, a passage inserted (or deleted) elsewhere as a whole block, so findMoves can
// pair the two: a heading that moved over a line the new reading lost, or a paragraph
// moved next to an edit. One cut per block. Candidate places are found through an index
// of the blocks' words: a passage matching with at most a quarter of its words misread
// has one of its first words exact. Within moveBudget comparisons.
func (c *classifier) splitForMoves(blocks []editBlock) []editBlock {
	var dels, inss []int
	for k, bl := range blocks {
		switch {
		case bl.newLo == bl.newHi && bl.oldHi-bl.oldLo >= moveMinWords:
			dels = append(dels, k)
		case bl.oldLo == bl.oldHi && bl.newHi-bl.newLo >= moveMinWords:
			inss = append(inss, k)
		}
	}
	if len(dels) == 0 && len(inss) == 0 {
		return blocks
	}
	budget := moveBudget
	type cut struct{ lo, hi int } // tokens of the passage within the block's side
	// search finds, for each passage (a block's tokens on one side), a place in the
	// other side of another block: old sides (oldSide) or new sides.
	search := func(passages []int, oldSide bool) map[int]cut {
		cuts := map[int]cut{}
		if len(passages) == 0 {
			return cuts
		}
		type place struct{ block, pos int }
		index := map[int32][]place{}
		sideToks := c.b.toks
		if oldSide {
			sideToks = c.a.toks
		}
		for k, bl := range blocks {
			lo, hi := bl.newLo, bl.newHi
			if oldSide {
				lo, hi = bl.oldLo, bl.oldHi
			}
			if hi-lo < moveMinWords || (oldSide && bl.newLo == bl.newHi) || (!oldSide && bl.oldLo == bl.oldHi) {
				continue // too short, or a pure block: findMoves pairs those
			}
			for p := lo; p < hi; p++ {
				index[sideToks[p].id] = append(index[sideToks[p].id], place{k, p})
			}
		}
		for _, pi := range passages {
			pb := blocks[pi]
			p := c.a.toks[pb.oldLo:pb.oldHi] // a deleted passage, looked for in new sides
			if oldSide {
				p = c.b.toks[pb.newLo:pb.newHi] // an inserted passage, looked for in old sides
			}
			n := len(p)
			found := false
			for k := 0; k <= n/4 && !found && budget > 0; k++ {
				for _, pl := range index[p[k].id] {
					if _, done := cuts[pl.block]; done {
						continue
					}
					bl := blocks[pl.block]
					lo, hi := bl.newLo, bl.newHi
					if oldSide {
						lo, hi = bl.oldLo, bl.oldHi
					}
					w := pl.pos - k
					if w < lo || w+n > hi {
						continue
					}
					if budget -= n; budget <= 0 {
						break
					}
					var ok bool
					if oldSide {
						_, ok = c.samePassage(sideToks[w:w+n], p)
					} else {
						_, ok = c.samePassage(p, sideToks[w:w+n])
					}
					if ok {
						cuts[pl.block] = cut{w, w + n}
						found = true
						break
					}
				}
			}
		}
		return cuts
	}
	oldCuts := search(inss, true)
	newCuts := search(dels, false)
	if len(oldCuts) == 0 && len(newCuts) == 0 {
		return blocks
	}
	var out []editBlock
	add := func(b editBlock) {
		if b.oldLo < b.oldHi || b.newLo < b.newHi {
			out = append(out, b)
		}
	}
	for k, bl := range blocks {
		if ct, ok := oldCuts[k]; ok {
			// before the passage: the old words before it against all new words; then
			// the passage deleted; then the old words after it deleted.
			add(editBlock{bl.oldLo, ct.lo, bl.newLo, bl.newHi})
			add(editBlock{ct.lo, ct.hi, bl.newHi, bl.newHi})
			add(editBlock{ct.hi, bl.oldHi, bl.newHi, bl.newHi})
			continue
		}
		if ct, ok := newCuts[k]; ok {
			add(editBlock{bl.oldLo, bl.oldHi, bl.newLo, ct.lo})
			add(editBlock{bl.oldHi, bl.oldHi, ct.lo, ct.hi})
			add(editBlock{bl.oldHi, bl.oldHi, ct.hi, bl.newHi})
			continue
		}
		out = append(out, bl)
	}
	return out
}
