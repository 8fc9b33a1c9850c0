package diff

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode"
	"unicode/utf8"
)

// startMatcher finds the matches of an expression whose matches can only start at a few
// bytes (an upper-case letter, a bracket): Go's regexp tries every position of the text
// unless the expression starts with a literal, and "\b(?:TOP SECRET|SECRET|…)" does not.
// The matcher tries the expression, anchored, only where a match can start.
type startMatcher struct {
	// first[c]: a match can start with byte c.
	first [256]bool
	// boundary: the expression starts with \b, which the matcher checks itself; anchored
	// is the rest.
	boundary bool
	anchored *regexp.Regexp
}

// newStartMatcher returns a matcher for expr, or nil where it cannot tell where matches
// start: an expression that may match the empty string, or that starts with an assertion
// other than one \b, or with any character.
func newStartMatcher(expr string) *startMatcher {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	m := &startMatcher{}
	rest := re
	if re.Op == syntax.OpConcat && len(re.Sub) > 1 && re.Sub[0].Op == syntax.OpWordBoundary {
		m.boundary = true
		rest = &syntax.Regexp{Op: syntax.OpConcat, Flags: re.Flags, Sub: re.Sub[1:]}
	}
	if nullable, ok := firstBytes(rest, &m.first); !ok || nullable {
		return nil
	}
	// the expression without its \b, as written where it can be cut off the text (printing
	// a parsed expression back costs more than compiling it)
	restExpr := expr
	if m.boundary {
		if cut, ok := strings.CutPrefix(expr, `\b`); ok {
			restExpr = cut
		} else {
			restExpr = rest.String()
		}
	}
	anchored, err := regexp.Compile(`^(?:` + restExpr + `)`)
	if err != nil {
		return nil
	}
	m.anchored = anchored
	return m
}

// firstBytes adds to set the bytes a match of re can start with, and reports whether re
// can match the empty string (then what follows it can start a match too); ok is false
// where that cannot be told: an assertion or any character at the start.
func firstBytes(re *syntax.Regexp, set *[256]bool) (nullable, ok bool) {
	switch re.Op {
	case syntax.OpEmptyMatch:
		return true, true
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return true, true
		}
		addRune(set, re.Rune[0], re.Flags&syntax.FoldCase != 0)
		return false, true
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			if hi-lo > 4096 {
				return false, false
			}
			for r := lo; r <= hi; r++ {
				addRune(set, r, false)
			}
		}
		return false, true
	case syntax.OpCapture, syntax.OpPlus:
		return firstBytes(re.Sub[0], set)
	case syntax.OpQuest, syntax.OpStar:
		_, ok := firstBytes(re.Sub[0], set)
		return true, ok
	case syntax.OpRepeat:
		nullable, ok := firstBytes(re.Sub[0], set)
		return nullable || re.Min == 0, ok
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			nullable, ok := firstBytes(sub, set)
			if !ok || !nullable {
				return false, ok
			}
		}
		return true, true
	case syntax.OpAlternate:
		any := false
		for _, sub := range re.Sub {
			nullable, ok := firstBytes(sub, set)
			if !ok {
				return false, false
			}
			any = any || nullable
		}
		return any, true
	}
	return false, false // assertions, any character, no match
}

// addRune adds the first byte of r's encoding, and of its other cases when fold.
func addRune(set *[256]bool, r rune, fold bool) {
	var buf [utf8.UTFMax]byte
	for f := r; ; {
		if f >= 0 && f <= unicode.MaxRune {
			utf8.EncodeRune(buf[:], f)
			set[buf[0]] = true
		}
		if !fold {
			return
		}
		if f = unicode.SimpleFold(f); f == r {
			return
		}
	}
}

// findAll is the expression's FindAllIndex(text, -1): its leftmost-first matches, each
// searched from the end of the one before. A match starts where first holds, and (with
// boundary) between a word character and another (Go's \b: ASCII letters, digits and _).
func (m *startMatcher) findAll(text []byte) [][]int {
	var flat []int // the matches' bounds, one allocation for all of them
	for c := 0; c < len(text); c++ {
		if !m.first[text[c]] {
			continue
		}
		if m.boundary && (c > 0 && isWordByte(text[c-1])) == isWordByte(text[c]) {
			continue
		}
		loc := m.anchored.FindIndex(text[c:])
		if loc == nil {
			continue
		}
		flat = append(flat, c, c+loc[1])
		c += loc[1] - 1 // the next search starts where this match ends
	}
	if flat == nil {
		return nil
	}
	out := make([][]int, len(flat)/2)
	for i := range out {
		out[i] = flat[2*i : 2*i+2 : 2*i+2]
	}
	return out
}

// isWordByte reports an ASCII word character, as \b reads them.
func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
}
