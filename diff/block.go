package diff

import (
	"strings"
	"unicode"
)

// atom is one unit of a block side for the pairing program: a word, or a whole
// recognized unit.
type atom struct {
	kind   unitKind
	lo, hi int // tokens
}

// atomsOf cuts tokens [lo,hi) of a side into atoms along its units.
func atomsOf(units []unit, lo, hi int) []atom {
	var out []atom
	u := 0
	for k := lo; k < hi; {
		for u < len(units) && units[u].hi <= k {
			u++
		}
		if u < len(units) && units[u].lo <= k {
			end := min(units[u].hi, hi)
			out = append(out, atom{units[u].kind, k, end})
			k = end
			continue
		}
		out = append(out, atom{plainUnit, k, k + 1})
		k++
	}
	return out
}

// stepKind is one move of the pairing program.
type stepKind uint8

const (
	stepEqual      stepKind = iota // same words
	stepDelete                     // old atom gone
	stepInsert                     // new atom appeared
	stepSubstitute                 // a word replaced by another
	stepReading                    // the same words read differently (OCR)
	stepRedactOld                  // an old redaction stands for new atoms (lift, change)
	stepRedactNew                  // a new redaction stands for old atoms (added)
	stepPair                       // two units of the same kind, or a unit and its misreading
)

type step struct {
	kind   stepKind
	di, dj int16 // atoms consumed on each side (at most maxRun)
}

// Costs of the pairing program, in tenths.
const (
	costIndel      = 10 // a word or unit only on one side
	costSubstitute = 12 // a word replaced by another
	costReading    = 3  // the same word read differently
	costJoin       = 4  // split or joined words read differently
	costNames      = 8  // a name replaced by another
	costUnitPair   = 3  // marking for marking, respelled name
	costRedaction  = 5  // a redaction standing for words on the other side
	costAbsorb     = 3  // each word or name a redaction stands for
	costRedToRed   = 2  // one redaction for another
)

// classifyBlock pairs the atoms of one changed block by a small dynamic program
// (O(n·m), more around redactions) and reports its changes.
func (c *classifier) classifyBlock(bl editBlock, ua, ub []unit) {
	A := atomsOf(ua, bl.oldLo, bl.oldHi)
	B := atomsOf(ub, bl.newLo, bl.newHi)
	if c.whole || (len(A)+1)*(len(B)+1) > maxDPCells {
		c.wholeBlock(bl, A, B)
		return
	}
	steps := c.pair(A, B)
	w := blockWriter{c: c}
	i, j := 0, 0
	for _, s := range steps {
		oa, ob := A[i:i+int(s.di)], B[j:j+int(s.dj)]
		oLo, oHi := bl.oldLo, bl.oldLo
		if len(oa) > 0 {
			oLo, oHi = oa[0].lo, oa[len(oa)-1].hi
		} else if i > 0 {
			oLo, oHi = A[i-1].hi, A[i-1].hi
		}
		nLo, nHi := bl.newLo, bl.newLo
		if len(ob) > 0 {
			nLo, nHi = ob[0].lo, ob[len(ob)-1].hi
		} else if j > 0 {
			nLo, nHi = B[j-1].hi, B[j-1].hi
		}
		w.step(s, oa, ob, oLo, oHi, nLo, nHi)
		i, j = i+int(s.di), j+int(s.dj)
	}
	w.flush()
}

// wholeBlock reports a block too large to pair as one change.
func (c *classifier) wholeBlock(bl editBlock, A, B []atom) {
	cats := map[Category]bool{Text: true}
	var names []string
	for _, x := range []struct {
		s     *side
		atoms []atom
	}{{c.a, A}, {c.b, B}} {
		for _, at := range x.atoms {
			switch at.kind {
			case redactionUnit:
				cats[Redaction] = true
			case markingUnit:
				cats[Marking] = true
			case nameUnit:
				cats[Name] = true
				names = append(names, nameText(x.s.text, x.s.toks, at.lo, at.hi))
			}
		}
	}
	ch := Change{Categories: sortedCategories(cats), Action: ActionReplaced, Detail: Detail{Names: dedupe(names)}}
	ch.Kind = ch.Categories[0]
	if ch.Kind != Text {
		ch.Action = ActionChanged // a redaction, marking or name inside a rewritten stretch
	}
	c.addTokens(ch, bl.oldLo, bl.oldHi, bl.newLo, bl.newHi)
}

func sortedCategories(set map[Category]bool) []Category {
	var out []Category
	for _, c := range Categories {
		if set[c] {
			out = append(out, c)
		}
	}
	return out
}

func dedupe(words []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range words {
		if w != "" && !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// atomWords returns the comparison keys of the tokens of atoms, one string per token.
func (c *classifier) atomWords(s *side, atoms []atom) []string {
	var out []string
	for _, at := range atoms {
		for k := at.lo; k < at.hi; k++ {
			out = append(out, c.keys[s.toks[k].id])
		}
	}
	return out
}

// sameAtoms reports atoms of the same kind spelling the same words.
func (c *classifier) sameAtoms(x, y atom) bool {
	if x.kind != y.kind || x.hi-x.lo != y.hi-y.lo {
		return false
	}
	for k := 0; k < x.hi-x.lo; k++ {
		if c.a.toks[x.lo+k].id != c.b.toks[y.lo+k].id {
			return false
		}
	}
	return true
}

// pair finds the cheapest pairing of atoms A with atoms B. Cost O(n·m) plus O(n·m·r)
// around redaction atoms, r the run length a redaction may stand for.
func (c *classifier) pair(A, B []atom) []step {
	n, m := len(A), len(B)
	W := m + 1
	if cells := (n + 1) * W; cap(c.dpCost) < cells {
		c.dpCost, c.dpChoice = make([]int32, cells), make([]step, cells)
	}
	cost, choice := c.dpCost[:(n+1)*W], c.dpChoice[:(n+1)*W]
	cost[n*W+m] = 0
	const inf = int32(1 << 30)
	for i := n; i >= 0; i-- {
		for j := m; j >= 0; j-- {
			if i == n && j == m {
				continue
			}
			best, bestStep := inf, step{}
			try := func(s step, k int32) {
				if k >= inf {
					return
				}
				if total := k + cost[(i+int(s.di))*W+j+int(s.dj)]; total < best {
					best, bestStep = total, s
				}
			}
			if i < n && j < m {
				if c.sameAtoms(A[i], B[j]) {
					try(step{stepEqual, 1, 1}, 0)
				}
				for di := 1; di <= min(3, n-i); di++ {
					for dj := 1; dj <= min(3, m-j); dj++ {
						if di > 1 && dj > 1 && !c.hasMarking(A[i:i+di], B[j:j+dj]) {
							continue // many-to-many only for misread marks: "U CS" for "(U) (S)"
						}
						if k, kind := c.pairCost(A[i:i+di], B[j:j+dj]); k < inf {
							try(step{kind, int16(di), int16(dj)}, k)
						}
					}
				}
			}
			if i < n && A[i].kind == redactionUnit {
				for k := 0; k <= min(m-j, maxRun); k++ {
					rc, ok := runCost(B[j : j+k])
					if !ok {
						break
					}
					try(step{stepRedactOld, 1, int16(k)}, rc)
				}
			}
			if j < m && B[j].kind == redactionUnit {
				for k := 0; k <= min(n-i, maxRun); k++ {
					rc, ok := runCost(A[i : i+k])
					if !ok {
						break
					}
					try(step{stepRedactNew, int16(k), 1}, rc)
				}
			}
			if i < n {
				try(step{stepDelete, 1, 0}, costIndel)
			}
			if j < m {
				try(step{stepInsert, 0, 1}, costIndel)
			}
			cost[i*W+j], choice[i*W+j] = best, bestStep
		}
	}
	var steps []step
	for i, j := 0, 0; i < n || j < m; {
		s := choice[i*W+j]
		steps = append(steps, s)
		i, j = i+int(s.di), j+int(s.dj)
	}
	return steps
}

// hasMarking reports whether any of the atoms is a marking.
func (c *classifier) hasMarking(x, y []atom) bool {
	for _, as := range [][]atom{x, y} {
		for _, at := range as {
			if at.kind == markingUnit {
				return true
			}
		}
	}
	return false
}

// runCost is the cost of a redaction standing for atoms run: no markings, at most one
// redaction (a marker that shrank: a partial lift).
func runCost(run []atom) (int32, bool) {
	if len(run) == 1 && run[0].kind == redactionUnit {
		return costRedToRed, true
	}
	k := int32(costRedaction)
	reds := 0
	for _, at := range run {
		switch at.kind {
		case markingUnit:
			return 0, false
		case redactionUnit:
			reds++
			if reds > 1 {
				return 0, false
			}
		default:
			k += costAbsorb
		}
	}
	return k, true
}

// pairCost prices pairing old atoms x with new atoms y (up to three on each side): the
// same words read differently (a misread marking or name included), a name or marking for
// another of its kind, or a word for a word.
func (c *classifier) pairCost(x, y []atom) (int32, stepKind) {
	const inf = int32(1 << 30)
	plain, units, names := true, false, false
	for _, as := range [][]atom{x, y} {
		for _, at := range as {
			switch at.kind {
			case redactionUnit:
				return inf, 0
			case markingUnit:
				units, plain = true, false
			case nameUnit:
				plain, names = false, true
			}
		}
	}
	single := len(x) == 1 && len(y) == 1
	wx, wy := c.atomWords(c.a, x), c.atomWords(c.b, y)
	if single && x[0].kind != plainUnit && x[0].kind == y[0].kind {
		// Two units of a kind compare as wholes: "DECLASSIFIED PER ED 13526" reads
		// "DECLASSIFIED PER E.O. 13526".
		wx, wy = []string{strings.Join(wx, " ")}, []string{strings.Join(wy, " ")}
	}
	if single && x[0].kind == nameUnit && y[0].kind == nameUnit {
		// Two names: the same name misread ("Grachcv" for "Grachev") is a transcription;
		// any other difference, however small ("Gratchev", "Petrenco"), is a respelling or
		// another person, which is what a reader of names needs to see.
		if c.ocr.nameMisread(wx, wy) {
			return costReading, stepReading
		}
		return costNames, stepPair
	}
	if single && names && !units && c.nameShaped(x[0], y[0]) {
		// A name and a word that could be one, in its place: compared as two names, so a
		// respelling the recognizer did not know for a name ("Grachyov") is one.
		switch {
		case c.ocr.nameMisread(wx, wy):
			return costReading, stepReading
		case c.ocr.equivalent(wx, wy):
			return costNames, stepPair
		}
		return inf, 0
	}
	reading := c.ocr.equivalent(wx, wy) || (units && c.ocr.markingReading(wx, wy)) ||
		(names && !units && c.ocr.nameMisread(wx, wy))
	if single && x[0].kind == markingUnit && y[0].kind == markingUnit && reading {
		// Two well-formed markings that state different levels are no misreading of each
		// other, however alike they look: "(TS)" for "(S)" is a downgrade.
		if from, to := markingLevel(wx[0]), markingLevel(wy[0]); from != "" && to != "" && from != to {
			reading = false
		}
		// Nor is a marking that lost or gained a whole word of its value: "Reason: 1.5 (b),
		// (d)" for "Reason: 1.5 (d)" drops a reason; a misreading changes letters.
		if wordsDropped(strings.Fields(wx[0]), strings.Fields(wy[0])) || c.ocr.wordReplaced(strings.Fields(wx[0]), strings.Fields(wy[0])) {
			reading = false
		}
	}
	switch {
	case single && x[0].kind == markingUnit && y[0].kind == markingUnit && !reading:
		if markingFamily(wx[0]) != markingFamily(wy[0]) {
			return inf, 0
		}
		return costUnitPair, stepPair
	case reading && single:
		return costReading, stepReading
	case reading:
		return costJoin, stepReading
	case single && plain:
		return costSubstitute, stepSubstitute
	}
	return inf, 0
}

// garbledNext reports whether one word replaced by one, right after a misreading, reads as
// a misreading too: the same first letter, whatever its case, a length within two, and
// either both words short or the old one garbled in case as OCR garbles it ("beturN").
func (c *classifier) garbledNext(oLo, oHi, nLo, nHi int) bool {
	if oHi-oLo != 1 || nHi-nLo != 1 {
		return false
	}
	x, y := []rune(c.a.tokenText(oLo, oHi)), []rune(c.b.tokenText(nLo, nHi))
	if len(x) < 2 || len(y) < 2 || !unicode.IsLetter(x[0]) || unicode.ToLower(x[0]) != unicode.ToLower(y[0]) {
		return false
	}
	if len(x)-len(y) > 2 || len(y)-len(x) > 2 {
		return false
	}
	if len(x) <= 3 && len(y) <= 3 {
		return true // "SA" for "SR"
	}
	for i := 1; i < len(x); i++ { // OCR's signature: a capital after a lowercase letter
		if unicode.IsUpper(x[i]) && unicode.IsLower(x[i-1]) {
			return true
		}
	}
	return false
}

// wordReplaced reports whether two readings of as many words differ in a word replaced by
// one that shares no letter in its place: "CIA NSCG COL S-06" for "CIA NSCG MET S-06" is
// another source, not a misreading.
func (r *ocrReader) wordReplaced(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		x, y := []rune(r.canon(a[k])), []rune(r.canon(b[k]))
		if a[k] == b[k] || len(x) != len(y) || len(x) < 2 {
			continue
		}
		same := false
		for i := range x {
			same = same || x[i] == y[i]
		}
		if !same {
			return true
		}
	}
	return false
}

// wordsDropped reports whether one word list is the other with one or more whole words
// left out, in order.
func wordsDropped(a, b []string) bool {
	if len(a) == len(b) {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	i := 0
	for _, w := range b {
		if i < len(a) && a[i] == w {
			i++
		}
	}
	return i == len(a)
}

// nameShaped reports whether of two atoms, one a name, the other is a name or a single
// word that could be one (capitalized, no title, role or common noun of institutions).
func (c *classifier) nameShaped(x, y atom) bool {
	for _, p := range []struct {
		s  *side
		at atom
	}{{c.a, x}, {c.b, y}} {
		if p.at.kind == nameUnit {
			continue
		}
		if p.at.kind != plainUnit || p.at.hi-p.at.lo != 1 {
			return false
		}
		key := c.keys[p.s.toks[p.at.lo].id]
		if classifyNameWord(nameCore(key), c.d.names.ignore) != properWord {
			return false
		}
	}
	return true
}

// blockWriter turns the steps of one block into changes: text edits that follow each
// other closely are one change, and so are misreadings of words that touch. A personal
// name inserted, deleted or replaced joins the text edit around it: the edit is then one
// change of categories name and text, or of name alone when the rest of it is titles.
type blockWriter struct {
	c       *classifier
	pending Category // Text or Transcription while a run is open, else ""
	punct   bool     // the pending transcription differs only in punctuation
	// words of the pending text run that changed in substance (not punctuation moved)
	wordsOld, wordsNew int
	// names the pending text run removes (old side) and adds (new side)
	namesOld, namesNew []string
	// plainWords counts the words of the pending text run that are neither part of a name
	// nor a title
	plainWords int
	// the pending run, in tokens
	oLo, oHi, nLo, nHi int
}

func (w *blockWriter) flush() {
	switch w.pending {
	case Text:
		if len(w.namesOld)+len(w.namesNew) > 0 {
			w.c.addTokens(w.nameChange(), w.oLo, w.oHi, w.nLo, w.nHi)
			break
		}
		action := ActionReplaced
		switch {
		case w.wordsOld == 0:
			action = ActionInserted
		case w.wordsNew == 0:
			action = ActionDeleted
		}
		w.c.addTokens(Change{Kind: Text, Categories: []Category{Text}, Action: action}, w.oLo, w.oHi, w.nLo, w.nHi)
	case Transcription:
		w.c.addTokens(Change{Kind: Transcription, Categories: []Category{Transcription}, Action: ActionCorrected}, w.oLo, w.oHi, w.nLo, w.nHi)
	}
	w.pending = ""
}

// nameChange is the change of a pending text run that adds, removes or replaces names:
// added when it only adds names, removed when it only removes them, changed otherwise;
// with category text too when other words than titles changed with them.
func (w *blockWriter) nameChange() Change {
	ch := Change{Kind: Name, Categories: []Category{Name}, Action: ActionChanged}
	if w.plainWords > 0 {
		ch.Categories = append(ch.Categories, Text)
	}
	switch {
	case len(w.namesOld) == 0:
		ch.Action = ActionAdded
		ch.Detail.Names = dedupe(w.namesNew)
	case len(w.namesNew) == 0:
		ch.Action = ActionRemoved
		ch.Detail.Names = dedupe(w.namesOld)
	case len(w.namesOld) == 1 && len(w.namesNew) == 1:
		ch.Detail.Names = dedupe(w.namesNew)
		ch.Detail.From, ch.Detail.To = w.namesOld[0], w.namesNew[0]
	default:
		ch.Detail.Names = dedupe(append(append([]string(nil), w.namesOld...), w.namesNew...))
	}
	return ch
}

// run adds an edit of category cat over tokens, joining it to the pending run of the same
// category: text edits when only a few equal words on the same line lie between,
// misreadings when they touch.
func (w *blockWriter) run(cat Category, oLo, oHi, nLo, nHi int) {
	if cat == Text && w.pending == Transcription && w.punct && oLo == w.oHi && nLo == w.nHi {
		// a punctuation slip touching a text edit belongs to it
		w.pending, w.wordsOld, w.wordsNew = Text, 0, 0
		w.namesOld, w.namesNew, w.plainWords = nil, nil, 0
	}
	w.punct = false
	if cat == Text {
		w.wordsOld += oHi - oLo
		w.wordsNew += nHi - nLo
	}
	if w.pending == cat {
		near := oLo == w.oHi && nLo == w.nHi
		if cat == Text {
			near = oLo-w.oHi <= nearEquality && nLo-w.nHi <= nearEquality && w.c.sameLine(w.oHi, oLo, w.nHi, nLo)
		}
		if near {
			w.oHi, w.nHi = max(w.oHi, oHi), max(w.nHi, nHi)
			return
		}
	}
	w.flush()
	w.pending = cat
	w.oLo, w.oHi, w.nLo, w.nHi = oLo, oHi, nLo, nHi
	if cat == Text {
		w.wordsOld, w.wordsNew = oHi-oLo, nHi-nLo
		w.namesOld, w.namesNew, w.plainWords = nil, nil, 0
	}
}

// text adds a text edit of plain words over tokens.
func (w *blockWriter) text(oLo, oHi, nLo, nHi int) {
	w.run(Text, oLo, oHi, nLo, nHi)
	for _, x := range []struct {
		s      *side
		lo, hi int
	}{{w.c.a, oLo, oHi}, {w.c.b, nLo, nHi}} {
		for k := x.lo; k < x.hi; k++ {
			if !w.c.isTitle(x.s.toks[k].id) {
				w.plainWords++
			}
		}
	}
}

// names adds a text edit over tokens that removes the name atoms oa and adds ob (either
// may be empty).
func (w *blockWriter) names(oa, ob []atom, oLo, oHi, nLo, nHi int) {
	w.run(Text, oLo, oHi, nLo, nHi)
	for _, at := range oa {
		w.namesOld = append(w.namesOld, nameText(w.c.a.text, w.c.a.toks, at.lo, at.hi))
	}
	for _, at := range ob {
		w.namesNew = append(w.namesNew, nameText(w.c.b.text, w.c.b.toks, at.lo, at.hi))
	}
}

// isTitle reports whether the word with key id is a title or role word ("Mr.", "Gen.",
// "SecDef").
func (c *classifier) isTitle(id int32) bool {
	bare := strings.TrimSuffix(nameCore(c.keys[id]), ".")
	return nameTitles[bare] || nameRoles[bare]
}

func (w *blockWriter) step(s step, oa, ob []atom, oLo, oHi, nLo, nHi int) {
	c := w.c
	switch s.kind {
	case stepEqual:
		return
	case stepSubstitute:
		if w.pending == Transcription && !w.punct && oLo == w.oHi && nLo == w.nHi && c.garbledNext(oLo, oHi, nLo, nHi) {
			// a word of a garbled run of OCR, touching a misreading: "Opiscussion beturN
			// MamBER SA" for "Discussion between Member SR"
			w.run(Transcription, oLo, oHi, nLo, nHi)
			return
		}
		w.text(oLo, oHi, nLo, nHi)
		return
	case stepReading:
		punct := w.punctuationOnly(oLo, oHi, nLo, nHi)
		if punct && w.pending == Text && oLo == w.oHi && nLo == w.nHi {
			// "note." for "note" where words were inserted after it: the period moved
			// with the insertion.
			w.oHi, w.nHi = oHi, nHi
			return
		}
		wasPending := w.pending == Transcription && oLo == w.oHi && nLo == w.nHi
		w.run(Transcription, oLo, oHi, nLo, nHi)
		w.punct = punct && !wasPending
		return
	case stepDelete, stepInsert:
		at, sd := oa, c.a
		if s.kind == stepInsert {
			at, sd = ob, c.b
		}
		switch at[0].kind {
		case plainUnit:
			w.text(oLo, oHi, nLo, nHi)
			return
		case nameUnit:
			w.names(oa, ob, oLo, oHi, nLo, nHi)
			return
		}
		w.flush()
		w.unitAlone(s.kind == stepInsert, at[0], sd, oLo, oHi, nLo, nHi)
		return
	}
	if s.kind == stepPair && (oa[0].kind == nameUnit || ob[0].kind == nameUnit) {
		w.names(oa, ob, oLo, oHi, nLo, nHi)
		return
	}
	w.flush()
	switch s.kind {
	case stepRedactOld, stepRedactNew:
		w.redaction(s.kind == stepRedactOld, oa, ob, oLo, oHi, nLo, nHi)
	case stepPair:
		w.unitPair(oa, ob, oLo, oHi, nLo, nHi)
	}
}

// punctuationOnly reports whether old tokens [oLo,oHi) and new [nLo,nHi) differ only in
// punctuation and spacing.
func (w *blockWriter) punctuationOnly(oLo, oHi, nLo, nHi int) bool {
	letters := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return r
			}
			return -1
		}, s)
	}
	return letters(w.c.a.tokenText(oLo, oHi)) == letters(w.c.b.tokenText(nLo, nHi))
}

// unitAlone reports a unit present on one side only.
func (w *blockWriter) unitAlone(added bool, at atom, s *side, oLo, oHi, nLo, nHi int) {
	ch := Change{}
	text := s.tokenText(at.lo, at.hi)
	switch at.kind {
	case redactionUnit:
		ex, extent := w.c.d.describeRedaction(text)
		ch = Change{Kind: Redaction, Categories: []Category{Redaction}, Action: ActionLifted}
		if added {
			ch.Action = ActionAdded
			ch.Detail.ExemptionsNew, ch.Detail.ExtentNew = ex, extent
		} else {
			ch.Detail.ExemptionsOld, ch.Detail.ExtentOld = ex, extent
		}
	case markingUnit:
		ch = Change{Kind: Marking, Categories: []Category{Marking}, Action: ActionRemoved}
		if added {
			ch.Action = ActionAdded
			ch.Detail.To = markingLevel(text)
		} else {
			ch.Detail.From = markingLevel(text)
		}
	case nameUnit:
		ch = Change{Kind: Name, Categories: []Category{Name}, Action: ActionRemoved}
		if added {
			ch.Action = ActionAdded
		}
		ch.Detail.Names = []string{nameText(s.text, s.toks, at.lo, at.hi)}
	}
	w.c.addTokens(ch, oLo, oHi, nLo, nHi)
}

// redaction reports a redaction standing for atoms on the other side: lifted (old marker,
// new text; partial when a smaller marker remains), added (old text, new marker), or
// changed (marker for marker).
func (w *blockWriter) redaction(oldMarker bool, oa, ob []atom, oLo, oHi, nLo, nHi int) {
	c := w.c
	markerSide, markerAtoms, textSide, textAtoms := c.a, oa, c.b, ob
	if !oldMarker {
		markerSide, markerAtoms, textSide, textAtoms = c.b, ob, c.a, oa
	}
	marker := markerAtoms[0]
	ex, extent := c.d.describeRedaction(markerSide.tokenText(marker.lo, marker.hi))
	var names []string
	var remaining *atom
	for k, at := range textAtoms {
		switch at.kind {
		case nameUnit:
			names = append(names, nameText(textSide.text, textSide.toks, at.lo, at.hi))
		case redactionUnit:
			remaining = &textAtoms[k]
		}
	}
	if len(names) == 0 && remaining == nil && declaresName(extent) {
		// "[name not declassified]" lifted: what it shows is a name by declaration.
		if n := nameText(textSide.text, textSide.toks, textLo(textAtoms), textHi(textAtoms)); n != "" {
			names = append(names, n)
		}
	}
	ch := Change{Kind: Redaction, Categories: []Category{Redaction}}
	if len(names) > 0 {
		ch.Categories = append(ch.Categories, Name)
		ch.Detail.Names = dedupe(names)
	}
	var exOther []string
	var extentOther string
	if remaining != nil {
		exOther, extentOther = c.d.describeRedaction(textSide.tokenText(remaining.lo, remaining.hi))
	}
	switch {
	case len(textAtoms) == 1 && remaining != nil:
		ch.Action = ActionChanged
	case oldMarker:
		ch.Action = ActionLifted
		ch.Detail.Partial = remaining != nil
	default:
		ch.Action = ActionAdded
		ch.Detail.Partial = remaining != nil
	}
	if oldMarker {
		ch.Detail.ExemptionsOld, ch.Detail.ExtentOld = ex, extent
		ch.Detail.ExemptionsNew, ch.Detail.ExtentNew = exOther, extentOther
	} else {
		ch.Detail.ExemptionsNew, ch.Detail.ExtentNew = ex, extent
		ch.Detail.ExemptionsOld, ch.Detail.ExtentOld = exOther, extentOther
	}
	os, oe := c.a.bytesOf(oLo, oHi)
	ns, ne := c.b.bytesOf(nLo, nHi)
	// Punctuation the marker did not cover belongs to the text around it: "(b)(6)," lifted
	// as "Maj. Anna Kowalski," is the name, the comma staying in the sentence.
	if head, tail := c.markerMargins(markerSide, marker); head+tail != "" && os < oe && ns < ne {
		ms, me, ts, te := &os, &oe, &ns, &ne
		if !oldMarker {
			ms, me, ts, te = &ns, &ne, &os, &oe
		}
		textOf := c.b.text
		if !oldMarker {
			textOf = c.a.text
		}
		if tail != "" && *te-*ts > len(tail) && string(textOf[*te-len(tail):*te]) == tail {
			*me, *te = *me-len(tail), *te-len(tail)
		}
		if head != "" && *te-*ts > len(head) && string(textOf[*ts:*ts+len(head)]) == head {
			*ms, *ts = *ms+len(head), *ts+len(head)
		}
	}
	c.add(ch, os, oe, ns, ne)
}

// markerMargins returns the punctuation at the edges of a redaction atom's words that its
// marker does not cover: "," in "(b)(6),", "(" and ")." in "((b)(6)).". Only ASCII
// punctuation counts; a marker glued to a word has none.
func (c *classifier) markerMargins(s *side, marker atom) (head, tail string) {
	start, end := s.bytesOf(marker.lo, marker.hi)
	red, _ := c.sitesOf(s)
	spans := redactionSpansAt(c.d.redaction, s.text, start, end, red)
	if len(spans) == 0 {
		return "", ""
	}
	head, tail = string(s.text[start:spans[0].start]), string(s.text[spans[len(spans)-1].end:end])
	if !asciiPunctuation(head) {
		head = ""
	}
	if !asciiPunctuation(tail) {
		tail = ""
	}
	return head, tail
}

// asciiPunctuation reports whether s is made of ASCII punctuation that may stand around a
// word in running text.
func asciiPunctuation(s string) bool {
	for i := 0; i < len(s); i++ {
		if !strings.ContainsRune(".,;:!?()[]\"'", rune(s[i])) {
			return false
		}
	}
	return true
}

// declaresName reports whether a redaction's declared extent is a name or names.
func declaresName(extent string) bool {
	f := strings.Fields(extent)
	return len(f) > 0 && (f[len(f)-1] == "name" || f[len(f)-1] == "names")
}

func textLo(atoms []atom) int {
	if len(atoms) == 0 {
		return 0
	}
	return atoms[0].lo
}

func textHi(atoms []atom) int {
	if len(atoms) == 0 {
		return 0
	}
	return atoms[len(atoms)-1].hi
}

// unitPair reports two markings of one family paired: a marking changed, with the
// direction of a change of level. (Names paired join the text run; a unit paired with its
// misreading is a transcription.)
func (w *blockWriter) unitPair(oa, ob []atom, oLo, oHi, nLo, nHi int) {
	c := w.c
	from, to := markingLevel(c.a.tokenText(oLo, oHi)), markingLevel(c.b.tokenText(nLo, nHi))
	ch := Change{Kind: Marking, Categories: []Category{Marking}, Action: ActionChanged}
	ch.Detail.From, ch.Detail.To, ch.Detail.Direction = from, to, levelDirection(from, to)
	// An authority line that names another person ("Classified by: Harlan P. Maddox" →
	// "Theodore Gaines") changes a name too.
	if namesOld, namesNew := namesIn(c.a, oLo, oHi), namesIn(c.b, nLo, nHi); strings.Join(namesOld, "\n") != strings.Join(namesNew, "\n") {
		ch.Categories = append(ch.Categories, Name)
		ch.Detail.Names = dedupe(append(namesOld, namesNew...))
	}
	c.addTokens(ch, oLo, oHi, nLo, nHi)
}

// namesIn returns the names the name finder marked in tokens [lo,hi) of s.
func namesIn(s *side, lo, hi int) []string {
	var out []string
	for k := lo; k < hi && k < len(s.names); k++ {
		if n := s.names[k]; n != 0 {
			e := k + 1
			for e < hi && s.names[e] == n {
				e++
			}
			out = append(out, nameText(s.text, s.toks, k, e))
			k = e - 1
		}
	}
	return out
}
