package diff

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Character pairs OCR engines confuse, read as one (applied before the single characters).
var ocrPairs = strings.NewReplacer("rn", "m", "rm", "m", "nn", "m", "cl", "d", "vv", "w")

// Digits OCR engines read for letters.
var ocrDigits = strings.NewReplacer("0", "o", "1", "l", "5", "s")

// ocrChars maps single characters OCR engines confuse to one representative.
var ocrChars = map[rune]rune{'0': 'o', '1': 'l', 'i': 'l', '5': 's', 'c': 'e', 'h': 'b'}

// Ligatures lost by OCR, leaving a gap or nothing: "con rmed", "quali ed", "rst".
var ocrLigatures = []string{"fi", "fl", "ff", "ffi", "ffl"}

// ocrReader compares readings, remembering the canonical form of each string it has seen
// (a block's words are compared many times over). The zero value works without memory.
type ocrReader struct {
	cache map[string]string
}

func (r *ocrReader) canon(s string) string {
	if r == nil || r.cache == nil {
		return ocrCanon(s)
	}
	if c, ok := r.cache[s]; ok {
		return c
	}
	c := ocrCanon(s)
	r.cache[s] = c
	return c
}

// ocrCanon returns the form under which two readings of the same word compare equal:
// ligature characters expanded, case folded, punctuation and spaces dropped, and
// confusable characters mapped to one representative (0/O, 1/l/I, rn/m, rm/nn, cl/d, c/e,
// h/b).
// O(n). ASCII text, nearly all of it, takes one pass with one allocation
// (ocrCanonASCII); other text the general path.
func ocrCanon(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return ocrCanonUnicode(s)
		}
	}
	return ocrCanonASCII(s)
}

// ocrCanonASCII is ocrCanonUnicode for ASCII s, in one pass: letters and digits kept
// lowercased, the digits OCR reads for letters (ocrDigits) mapped, then, left to right, a confusable pair (ocrPairs) read as one letter, else
// a single character mapped (ocrChars).
func ocrCanonASCII(s string) string {
	// kept: the letters and digits of s, lowercased, as ocrCanonUnicode's first pass
	// writes them; a word's worth fits on the stack.
	var buf [64]byte
	kept := buf[:0]
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; {
		case ch == '0':
			kept = append(kept, 'o') // digits read for letters first (ocrDigits)
		case ch == '1':
			kept = append(kept, 'l')
		case ch == '5':
			kept = append(kept, 's')
		case ch >= 'a' && ch <= 'z', ch >= '0' && ch <= '9':
			kept = append(kept, ch)
		case ch >= 'A' && ch <= 'Z':
			kept = append(kept, ch+'a'-'A')
		}
	}
	out := make([]byte, 0, len(kept))
	for i := 0; i < len(kept); i++ {
		ch := kept[i]
		if i+1 < len(kept) {
			if m := ocrPairASCII(ch, kept[i+1]); m != 0 {
				out = append(out, m)
				i++
				continue
			}
		}
		switch ch {
		case 'i':
			ch = 'l'
		case 'c':
			ch = 'e'
		case 'h':
			ch = 'b'
		}
		out = append(out, ch)
	}
	return string(out)
}

// ocrPairASCII returns the letter the pair x, y reads as under ocrPairs, or 0.
func ocrPairASCII(x, y byte) byte {
	switch {
	case x == 'r' && (y == 'n' || y == 'm'), x == 'n' && y == 'n':
		return 'm'
	case x == 'c' && y == 'l':
		return 'd'
	case x == 'v' && y == 'v':
		return 'w'
	}
	return 0
}

// ocrCanonUnicode is ocrCanon for any text: ligature characters expanded and letters and
// digits kept, lowercased; then the confusable pairs, then the single characters, mapped.
// O(n).
func ocrCanonUnicode(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case 'ﬀ':
			b.WriteString("ff")
			continue
		case 'ﬁ':
			b.WriteString("fi")
			continue
		case 'ﬂ':
			b.WriteString("fl")
			continue
		case 'ﬃ':
			b.WriteString("ffi")
			continue
		case 'ﬄ':
			b.WriteString("ffl")
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	// digits read for letters first, so that "c1erks" reads "clerks" before "cl" is
	// folded with "d"
	folded := ocrPairs.Replace(ocrDigits.Replace(b.String()))
	return strings.Map(func(r rune) rune {
		if m, ok := ocrChars[r]; ok {
			return m
		}
		return r
	}, folded)
}

// Confusions allowed for a one-letter slip in a two- or three-letter word ("nor" for
// "not", "Mr." for "MT."), never in the first letter.
var ocrWeakPairs = setOf("rt", "tr", "eo", "oe", "ao", "oa", "nu", "un", "lt", "tl", "ft", "tf", "ea", "ae")

// ocrEquivalent reports whether old and new are the same words read differently: equal
// under ocrCanon (case slips, lost periods, split or joined words, confusable
// characters), equal once a lost ligature is put back into a gap between parts or at an
// end, or, for single words, within a small edit distance for their length (one slip up
// to 7 letters, two up to 10, three beyond), or with the first and last letter lost. Differing digits are never a slip. Each side is given as its
// words; O(n·m) in their lengths.
func ocrEquivalent(oldParts, newParts []string) bool {
	var r *ocrReader
	return r.equivalent(oldParts, newParts)
}

// equivalent is ocrEquivalent with r's memory of canonical forms.
func (r *ocrReader) equivalent(oldParts, newParts []string) bool {
	a, b := strings.Join(oldParts, ""), strings.Join(newParts, "")
	if a == b {
		return true
	}
	ca, cb := r.canon(a), r.canon(b)
	if ca == "" || cb == "" {
		return false // punctuation is no reading of a word
	}
	if ca == cb {
		return true
	}
	if da, db := digitsOf(a), digitsOf(b); da != "" && db != "" && da != db {
		return false
	}
	if r.ligatureGap(oldParts, cb) || r.ligatureGap(newParts, ca) || r.lostAtGap(oldParts, cb) || r.lostAtGap(newParts, ca) {
		return true
	}
	if len(oldParts) > 1 || len(newParts) > 1 {
		// split or joined words must read the same; as many words on each side may be
		// read word for word
		if len(oldParts) != len(newParts) {
			return false
		}
		for k := range oldParts {
			if !r.equivalent(oldParts[k:k+1], newParts[k:k+1]) {
				return false
			}
		}
		return true
	}
	return closeReadings(ca, cb)
}

// nameMisread reports whether two spellings of a name are the same name misread: read
// word for word, each word equal, confusable (see confusable), or differing only where one
// side has a digit — a name holds no digits, so a digit in one is an OCR slip ("Lee 1.
// Wigren" for "Lee H. Wigren"). O(n) in their lengths, more for confusable words.
func (r *ocrReader) nameMisread(oldParts, newParts []string) bool {
	ow, nw := fieldsOf(oldParts), fieldsOf(newParts)
	if len(ow) != len(nw) {
		return r.confusable(oldParts, newParts)
	}
	for k := range ow {
		if ow[k] != nw[k] && !digitSlip(ow[k], nw[k]) && !r.confusable(ow[k:k+1], nw[k:k+1]) {
			return false
		}
	}
	return true
}

// fieldsOf returns the space-separated words of parts.
func fieldsOf(parts []string) []string {
	var out []string
	for _, p := range parts {
		out = append(out, strings.Fields(p)...)
	}
	return out
}

// digitSlip reports whether a and b have as many characters and differ only at places
// where one of them has a digit and the other a letter.
func digitSlip(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) != len(rb) {
		return false
	}
	diff := false
	for k := range ra {
		if ra[k] == rb[k] {
			continue
		}
		if !(unicode.IsDigit(ra[k]) && unicode.IsLetter(rb[k])) && !(unicode.IsLetter(ra[k]) && unicode.IsDigit(rb[k])) {
			return false
		}
		diff = true
	}
	return diff
}

// confusable reports whether old and new are the same words under the character
// confusions of OCR alone (see ocrCanon), a lost ligature, or letters lost at a split:
// ocrEquivalent without its allowance for other one-letter slips. Names are compared so.
func (r *ocrReader) confusable(oldParts, newParts []string) bool {
	a, b := strings.Join(oldParts, ""), strings.Join(newParts, "")
	if a == b {
		return true
	}
	ca, cb := r.canon(a), r.canon(b)
	if ca == "" || cb == "" {
		return false
	}
	return ca == cb || r.ligatureGap(oldParts, cb) || r.ligatureGap(newParts, ca) || r.lostAtGap(oldParts, cb) || r.lostAtGap(newParts, ca)
}

// ligatureGap reports whether putting a lost ligature back into one of the gaps between
// parts, or before or after them, gives canon.
//
// The canonical form of x+lig+y is that of x, then of lig, then of y: a ligature starts
// with an f, which ends no confusable pair, and ends with f, i or l, which start none;
// so the forms of the two sides, remembered, are compared with canon in place, without
// building each reading.
func (r *ocrReader) ligatureGap(parts []string, canon string) bool {
	joined := strings.Join(parts, "")
	if d := len(canon) - len(r.canon(joined)); d < 1 || d > 3 {
		return false
	}
	cuts := []int{0, len(joined)}
	at := 0
	for _, p := range parts[:len(parts)-1] {
		at += len(p)
		cuts = append(cuts, at)
	}
	for _, c := range cuts {
		before, after := r.canon(joined[:c]), r.canon(joined[c:])
		if !strings.HasPrefix(canon, before) || !strings.HasSuffix(canon, after) {
			continue
		}
		for _, lig := range ocrLigatureCanons {
			if len(before)+len(lig)+len(after) == len(canon) && canon[len(before):len(before)+len(lig)] == lig {
				return true
			}
		}
	}
	return false
}

// ocrLigatureCanons are the canonical forms of ocrLigatures.
var ocrLigatureCanons = []string{"fl", "fl", "ff", "ffl", "ffl"}

// lostAtGap reports whether canon is the parts read with one to three characters put back
// into one of the gaps between them: "SECR RY" for "SECRETARY".
func (r *ocrReader) lostAtGap(parts []string, canon string) bool {
	for k := 1; k < len(parts); k++ {
		before, after := r.canon(strings.Join(parts[:k], "")), r.canon(strings.Join(parts[k:], ""))
		lost := len(canon) - len(before) - len(after)
		if len(before) >= 2 && len(after) >= 2 && lost >= 1 && lost <= 3 &&
			strings.HasPrefix(canon, before) && strings.HasSuffix(canon, after) {
			return true
		}
	}
	return false
}

// markingReading reports whether a classification mark and plain words are one reading:
// the shorter canonical form lies in the longer in order, with at most two characters
// more. Misread portion marks lose their parentheses and gain a letter: "SJ" for "(S)",
// "Skin" for "(S) In", "U CS" for "(U) (S)".
func (r *ocrReader) markingReading(oldParts, newParts []string) bool {
	a, b := r.canon(strings.Join(oldParts, "")), r.canon(strings.Join(newParts, ""))
	if len(a) > len(b) {
		a, b = b, a
	}
	if a == "" || len(b)-len(a) > 2 {
		return false
	}
	i := 0
	for k := 0; k < len(b) && i < len(a); k++ {
		if b[k] == a[i] {
			i++
		}
	}
	return i == len(a)
}

// closeReadings reports whether two canonical readings are within the edit distance
// allowed for their length.
func closeReadings(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	n := max(len(ra), len(rb))
	switch {
	case n < 2 || len(ra) == 0 || len(rb) == 0:
		return false
	case n <= 3:
		if len(ra) != n || len(rb) != n {
			return false
		}
		diff := -1
		for i := range ra {
			if ra[i] != rb[i] {
				if diff >= 0 {
					return false
				}
				diff = i
			}
		}
		return diff > 0 && ocrWeakPairs[string([]rune{ra[diff], rb[diff]})]
	}
	allowed := 3
	switch {
	case n <= 7:
		allowed = 1
	case n <= 10:
		allowed = 2
	}
	if lostEnds(a, b) || lostEnds(b, a) {
		return true
	}
	if n <= 5 && ra[0] != rb[0] {
		return false
	}
	return editDistanceWithin(ra, rb, allowed)
}

// lostEnds reports whether short is long with its first and last letter lost, as when
// OCR misses the edges of a word ("tron" for "strong"); short has at least four letters.
func lostEnds(short, long string) bool {
	return len(short) >= 4 && len(long) == len(short)+2 && long[1:len(long)-1] == short
}

// editDistanceWithin reports whether the Levenshtein distance of a and b is at most k.
// O(len(a)·len(b)).
func editDistanceWithin(a, b []rune, k int) bool {
	if d := len(a) - len(b); d > k || -d > k {
		return false
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c = 1 + min(prev[j-1], prev[j], cur[j-1])
			}
			cur[j] = c
			rowMin = min(rowMin, c)
		}
		if rowMin > k {
			return false
		}
		prev, cur = cur, prev
	}
	return prev[len(b)] <= k
}

// digitsOf returns the digits of s in order, reading O and o as 0 and l and I as 1 where
// they stand next to a digit, or "" when s holds no real digit (most words: they are
// answered without decoding them).
func digitsOf(s string) string {
	if !strings.ContainsAny(s, "0123456789") {
		return ""
	}
	rs := []rune(s)
	isDigit := func(k int) bool { return k >= 0 && k < len(rs) && rs[k] >= '0' && rs[k] <= '9' }
	var b []byte
	real := false
	for k, r := range rs {
		switch {
		case isDigit(k):
			b = append(b, byte(r))
			real = true
		case (r == 'O' || r == 'o') && (isDigit(k-1) || isDigit(k+1)):
			b = append(b, '0')
		case (r == 'l' || r == 'I') && (isDigit(k-1) || isDigit(k+1)):
			b = append(b, '1')
		}
	}
	if !real {
		return ""
	}
	return string(b)
}
