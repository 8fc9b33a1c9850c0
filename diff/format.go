package diff

import "bytes"

// Layout differences inside an equal stretch: the same words, laid out differently.

// layoutEdit is one layout difference, or several that make one edit, over region tokens
// [lo,hi] (inclusive) of an equal stretch.
type layoutEdit struct {
	lo, hi int
	// first and last are the places of its first and last differences: 2k for token k,
	// 2k+1 for the gap after token k, -1 for the space before the text.
	first, last int
	// breaks is +1 when the edit only adds a line break (in a gap or inside a word broken
	// at a line end), -1 when it only removes one, 0 otherwise.
	breaks int
	// parts counts the differences joined into the edit.
	parts             int
	leading, trailing bool
}

// formatRegion reports the layout differences of an equal stretch, old tokens [oLo,oHi)
// against new tokens [nLo,nHi), word for word, one change per layout edit: differences
// that touch or share a word (a gap and the word beside it: "were\nexchanged" for "were
// ex-\nchanged"; the gaps on both sides of one word) are one edit; a line break removed and another added a few words away, with nothing
// else between them and no paragraph break, are one line break moved (formatPairReach);
// any other difference — a line broken or joined, an indent, a double space, the space
// before or after the text — is an edit of its own. O(n).
func (c *classifier) formatRegion(oLo, oHi, nLo, nHi int) {
	L := oHi - oLo
	if L <= 0 || L != nHi-nLo || c.d.skipFormat {
		return
	}
	a, b := c.a, c.b
	oldGap := func(k int) []byte { return a.text[a.toks[oLo+k].end:a.toks[oLo+k+1].start] }
	newGap := func(k int) []byte { return b.text[b.toks[nLo+k].end:b.toks[nLo+k+1].start] }
	var edits []layoutEdit
	add := func(pos, lo, hi, breaks int) {
		if n := len(edits); n > 0 && lo <= edits[n-1].hi { // they touch, or share a word
			e := &edits[n-1]
			e.hi, e.last, e.parts = max(e.hi, hi), pos, e.parts+1
			e.breaks = 0
			return
		}
		edits = append(edits, layoutEdit{lo: lo, hi: hi, first: pos, last: pos, breaks: breaks, parts: 1})
	}
	direction := func(old, new int) int {
		switch {
		case old == 0 && new > 0:
			return 1
		case old > 0 && new == 0:
			return -1
		}
		return 0
	}
	if !bytes.Equal(a.text[:a.toks[oLo].start], b.text[:b.toks[nLo].start]) && oLo == 0 && nLo == 0 {
		add(-1, 0, 0, 0)
		edits[len(edits)-1].leading = true
	}
	for k := 0; k < L; k++ {
		ta, tb := a.toks[oLo+k], b.toks[nLo+k]
		n := int32(len(c.keys[ta.id]))
		if (ta.end-ta.start != n || tb.end-tb.start != n) && !bytes.Equal(a.text[ta.start:ta.end], b.text[tb.start:tb.end]) {
			add(2*k, k, k, direction(bytes.Count(a.text[ta.start:ta.end], []byte{'\n'}), bytes.Count(b.text[tb.start:tb.end], []byte{'\n'})))
		}
		if k == L-1 {
			break
		}
		if ga, gb := oldGap(k), newGap(k); !bytes.Equal(ga, gb) {
			add(2*k+1, k, k+1, direction(bytes.Count(ga, []byte{'\n'}), bytes.Count(gb, []byte{'\n'})))
		}
	}
	if oHi == len(a.toks) && nHi == len(b.toks) && !bytes.Equal(a.text[a.toks[oHi-1].end:], b.text[b.toks[nHi-1].end:]) {
		add(2*L-1, L-1, L-1, 0)
		edits[len(edits)-1].trailing = true
	}
	// A break removed and a break added close by are one moved line break.
	paragraphBetween := func(x, y layoutEdit) bool {
		for k := x.last/2 + 1; 2*k+1 < y.first; k++ {
			if bytes.Count(oldGap(k), []byte{'\n'}) >= 2 {
				return true
			}
		}
		return false
	}
	out := edits[:0]
	for i := 0; i < len(edits); i++ {
		e := edits[i]
		if i+1 < len(edits) {
			f := edits[i+1]
			if e.parts == 1 && f.parts == 1 && e.breaks*f.breaks == -1 && f.lo-e.hi <= formatPairReach && !paragraphBetween(e, f) {
				e.hi, e.last, e.breaks, e.trailing = f.hi, f.last, 0, f.trailing
				i++
			}
		}
		out = append(out, e)
	}
	for _, e := range out {
		os, ns := int(a.toks[oLo+e.lo].start), int(b.toks[nLo+e.lo].start)
		if e.leading {
			os, ns = 0, 0
		}
		oe, ne := int(a.toks[oLo+e.hi].end), int(b.toks[nLo+e.hi].end)
		if e.trailing {
			oe, ne = len(a.text), len(b.text)
		}
		c.add(Change{Kind: Format, Categories: []Category{Format}, Action: ActionReflowed}, os, oe, ns, ne)
	}
}
