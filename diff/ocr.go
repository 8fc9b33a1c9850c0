package diff

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Character pairs OCR engines confuse, read as one (applied before the single characters).
var ocrPairs = strings.NewReplacer("rn", "m", "cl", "d", "vv", "w")

// ocrChars maps single characters OCR engines confuse to one representative.
var ocrChars = map[rune]rune{'0': 'o', '1': 'l', 'i': 'l', '5': 's', 'c': 'e', 'h': 'b'}

// Ligatures lost by OCR, leaving a gap or nothing: "con rmed", "quali ed", "rst".
var ocrLigatures = []string{"fi", "fl", "ff", "ffi", "ffl"}

// ocrCanon returns the form under which two readings of the same word compare equal:
// ligature characters expanded, case folded, punctuation and spaces dropped, and
// confusable characters mapped to one representative (0/O, 1/l/I, rn/m, cl/d, c/e, h/b).
// O(n).
func ocrCanon(s string) string {
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
	folded := ocrPairs.Replace(b.String())
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
// to 7 letters, two up to 12, three beyond). Differing digits are never a slip. Each side is given as its
// words; O(n·m) in their lengths.
func ocrEquivalent(oldParts, newParts []string) bool {
	a, b := strings.Join(oldParts, ""), strings.Join(newParts, "")
	if a == b {
		return true
	}
	ca, cb := ocrCanon(a), ocrCanon(b)
	if ca == "" || cb == "" {
		return false // punctuation is no reading of a word
	}
	if ca == cb {
		return true
	}
	if da, db := digitsOf(a), digitsOf(b); da != "" && db != "" && da != db {
		return false
	}
	if ligatureGap(oldParts, cb) || ligatureGap(newParts, ca) {
		return true
	}
	if len(oldParts) > 1 || len(newParts) > 1 {
		return false // split or joined words must read the same
	}
	return closeReadings(ca, cb)
}

// ligatureGap reports whether putting a lost ligature back into one of the gaps between
// parts, or before or after them, gives canon.
func ligatureGap(parts []string, canon string) bool {
	joined := strings.Join(parts, "")
	if d := len(canon) - len(ocrCanon(joined)); d < 1 || d > 3 {
		return false
	}
	cuts := []int{0, len(joined)}
	at := 0
	for _, p := range parts[:len(parts)-1] {
		at += len(p)
		cuts = append(cuts, at)
	}
	for _, c := range cuts {
		for _, lig := range ocrLigatures {
			if ocrCanon(joined[:c]+lig+joined[c:]) == canon {
				return true
			}
		}
	}
	return false
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
	case n <= 12:
		allowed = 2
	}
	if n <= 5 && ra[0] != rb[0] {
		return false
	}
	return editDistanceWithin(ra, rb, allowed)
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

// digitsOf returns the digits of s in order, reading O and o as 0 and l and I as 1, or ""
// when s holds no real digit.
func digitsOf(s string) string {
	var b []byte
	real := false
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r >= '0' && r <= '9':
			b = append(b, byte(r))
			real = true
		case r == 'O' || r == 'o':
			b = append(b, '0')
		case r == 'l' || r == 'I':
			b = append(b, '1')
		}
		i += w
	}
	if !real {
		return ""
	}
	return string(b)
}
