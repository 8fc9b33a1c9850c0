package diff

import (
	"bytes"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// RedactedSpan is one redacted span of a text: a marker (block characters, a bracketed note,
// a FRUS "not declassified" note, a run of X's) together with the exemption codes printed
// next to it, or exemption codes standing alone where the text was cut.
type RedactedSpan struct {
	// Span is the whole redacted span, marker and adjacent exemption codes.
	Span Span `json:"span"`
	// Marker is the text of the span, as printed.
	Marker string `json:"marker"`
	// Exemptions are the exemption codes in the span, normalized: "(b)(6)",
	// "(b)(7)(C)", "1.4(c)", "25X1", "50X1-HUM".
	Exemptions []string `json:"exemptions,omitempty"`
	// Extent is the declared extent, when the marker declares one: "name",
	// "1 paragraph (5 lines)", "less than 1 line", "3 names", or for a run of block
	// characters or X's its length ("12 characters").
	Extent string `json:"extent,omitempty"`
}

// redactionKind tells how a redaction pattern's matches are used.
type redactionKind int

const (
	redactionMarker redactionKind = iota // a marker: block characters, bracketed notes
	redactionCode                        // an exemption code, joined to an adjacent marker
)

type redactionPattern struct {
	re   *lazyRegexp
	kind redactionKind
	// need lists strings one of which any match contains; a window holding none of them
	// is not searched (nil: always searched).
	need []string
	// filter finds need in a window along with the other patterns' needles.
	filter needleFilter
	// bare: a bare exemption code ("b6", "B1"), taken only where it reads as one (see
	// bareCodeStands).
	bare bool
}

// defaultRedaction is one default redaction convention: its expression, compiled by each
// Differ when first needed.
type defaultRedaction struct {
	expr string
	kind redactionKind
	need []string
	bare bool
}

// Default redaction conventions. Immutable; patterns from configuration are added after
// them as markers.
var defaultRedactionPatterns = []defaultRedaction{
	// FOIA exemption codes: (b)(1) … (b)(9) with sub-letters and spacing variants, the
	// statute an exemption 3 cites ("(b)(3) CIA Act", "(b)(3) 50 USC 403g"), and an
	// optional E.O. 13526 reason: (b)(1) 1.4(c).
	{`\(\s?[bB]\s?\)\s?\(\s?[1-9]\s?\)(?:\s?\(\s?[A-Fa-f]\s?\))*(?:[ \t]?(?:CIA[ \t]?Act|NatSec[ \t]?Act|NSA[ \t]?Act|\d{1,2}[ \t]?U\.?S\.?C\.?[ \t]?§?[ \t]?\d+[a-z]?(?:\(\w\))*))?(?:\s?(?:1\.4|3\.3\(b\))\s?\(\s?[a-h1-9]\s?\)(?:\s?,?\s?\(\s?[a-h1-9]\s?\))*)?`, redactionCode, []string{"(b", "(B", "( b", "( B"}, false},
	// Bare spellings: b6, B1, b7C, b(6), b7(C); only where they read as codes
	// (bareCodeStands), not as any such word ("1 Jun 64" read "1 Gun b4").
	{`\b[bB][1-9][A-Fa-f]?\b|\b[bB]\([1-9]\)(?:\([A-Fa-f]\))*`, redactionCode, []string{"b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9", "B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8", "B9", "b(", "B("}, true},
	// CIA codes: 25X1, 25X1A, 50X1-HUM, 50X1-HUM/50X3.
	{`\b(?:25|50)X[1-9][A-E]?(?:-[A-Z]{2,5})?(?:\s?/\s?(?:25|50)X[1-9][A-E]?(?:-[A-Z]{2,5})?)*\b`, redactionCode, []string{"X"}, false},
	// Bracketed notes: [REDACTED], [Redacted: (b) (7)(A)], [deleted], [excised], [withheld].
	{`\[\s*(?i:redacted|deleted|excised|withheld|sanitized|classified text removed)(?:\s*[:\-–—]\s*[^\]\n]{0,80})?\s*\]`, redactionMarker, []string{"["}, false},
	// FRUS notes, also inside TEI markup: [name not declassified],
	// [1 paragraph (5 lines) not declassified], [less than 1 line of source text not declassified].
	{`\[\s*(?:<[^<>]{0,80}>\s*)?[^\[\]<>]{0,120}?\bnot\s+declassified\s*(?:</[^<>\n]{0,10}>\s*)?\]`, redactionMarker, []string{"declassified"}, false},
	// Runs of block characters, across spaces and one line break.
	{`[█■▇▆▅▄▀▌▐▬▓]+(?:[ \t]*\n?[ \t]*[█■▇▆▅▄▀▌▐▬▓]+)*`, redactionMarker, []string{"\xe2\x96"}, false},
	// Runs of X's standing as words: XXXX, XXXX XXXXX.
	{`\bX{3,}\b(?:[ \t]*\n?[ \t]*\bX{3,}\b)*|\bx{4,}\b`, redactionMarker, []string{"XXX", "xxxx"}, false},
	// Labels printed in redaction boxes of DOJ releases.
	{`\b(?:H?arm to Ongoing Matter|Personal Privacy|Investigative Technique|Grand Jury)\b`, redactionMarker, []string{"Ongoing", "Privacy", "Technique", "Jury"}, false},
}

// Patterns reading the parts of a marker.
var (
	// reCodeStart: where a FOIA exemption code starts, "(b)(3)".
	reCodeStart     = regexp.MustCompile(`\(\s?[bB]\s?\)\s?\(\s?[1-9]\s?\)`)
	reExemptionCode = regexp.MustCompile(`\(\s?[bB]\s?\)\s?\(\s?[1-9]\s?\)(?:\s?\(\s?[A-Fa-f]\s?\))*|\b[bB][1-9][A-Fa-f]?\b|\b[bB]\([1-9]\)(?:\([A-Fa-f]\))*|\b(?:1\.4|3\.3\(b\))\s?\(\s?[a-h1-9]\s?\)|\b(?:25|50)X[1-9][A-E]?(?:-[A-Z]{2,5})?`)
	reRedactionGap  = regexp.MustCompile(`^[\s,;]*$`)
	reCodeGap       = regexp.MustCompile(`^[\s,;]*(?:and|&)?[\s,;]*$`)
	reBlockRun      = regexp.MustCompile(`^[█■▇▆▅▄▀▌▐▬▓Xx\s]+$`)
)

// compileRedactionPatterns builds the default patterns plus extra ones from configuration.
func compileRedactionPatterns(extra []string) ([]redactionPattern, error) {
	out := make([]redactionPattern, 0, len(defaultRedactionPatterns)+len(extra))
	index, needles := map[string]int32{}, []string(nil)
	for _, p := range defaultRedactionPatterns {
		out = append(out, redactionPattern{re: &lazyRegexp{expr: p.expr}, kind: p.kind, need: p.need, bare: p.bare,
			filter: needleFilter{ids: needleIDs(index, &needles, p.need)}})
	}
	table := newNeedleTable(needles)
	for k := range out {
		out[k].filter.table = table
	}
	res, err := compileConfigured("redaction.patterns", extra)
	if err != nil {
		return nil, err
	}
	for _, re := range res {
		out = append(out, redactionPattern{re: compiledRegexp(re), kind: redactionMarker})
	}
	return out, nil
}

// compileConfigured compiles the patterns configured under key, naming the key and the
// pattern in a *PatternError for the first that does not compile.
func compileConfigured(key string, exprs []string) ([]*regexp.Regexp, error) {
	out := make([]*regexp.Regexp, 0, len(exprs))
	for _, expr := range exprs {
		re, err := regexp.Compile(expr)
		if err != nil {
			return nil, &PatternError{Key: key, Pattern: expr, Err: err}
		}
		out = append(out, re)
	}
	return out, nil
}

// rawSpan is a byte range found by a recognizer.
type rawSpan struct {
	start, end int
	code       bool // made only of exemption codes
	bare       bool // one bare exemption code alone ("b6")
}

// redactionSpans finds the redacted spans of text[lo:hi], as absolute byte ranges, in
// order: every pattern's matches, overlapping ones merged, and a marker joined with the
// exemption codes next to it (separated only by spaces, commas or semicolons). O(p·n) for
// p patterns over n bytes.
func redactionSpans(patterns []redactionPattern, text []byte, lo, hi int) []rawSpan {
	return redactionSpansAt(patterns, text, lo, hi, nil)
}

// redactionSpansAt is redactionSpans with the patterns' sites in text (findSites), or nil
// to look for their needles in the window.
func redactionSpansAt(patterns []redactionPattern, text []byte, lo, hi int, at patternSites) []rawSpan {
	var found []rawSpan
	window := text[lo:hi]
	var hits needleHits
	var buf [2]uint64
	for k, p := range patterns {
		if at != nil && !at[k].holds(text, lo, hi, p.need) || at == nil && !p.filter.holds(p.need, window, &hits, buf[:]) {
			continue
		}
		var matches [][]int
		if p.kind == redactionCode {
			matches = findCodes(p.re.get(), window)
		} else {
			matches = p.re.findAll(window)
		}
		for _, m := range matches {
			if m[0] == m[1] {
				continue
			}
			found = append(found, rawSpan{lo + m[0], lo + m[1], p.kind == redactionCode, p.bare})
		}
	}
	if len(found) == 0 {
		return nil
	}
	sort.Slice(found, func(i, j int) bool {
		if found[i].start != found[j].start {
			return found[i].start < found[j].start
		}
		return found[i].end > found[j].end
	})
	out := found[:1]
	for _, s := range found[1:] {
		last := &out[len(out)-1]
		gap := text[min(last.end, s.start):max(last.end, s.start)]
		switch {
		case s.start <= last.end,
			reRedactionGap.Match(gap) && strings.Count(string(gap), "\n") <= 1,
			last.code && s.code && reCodeGap.Match(gap):
			if s.start < last.end && s.end <= last.end {
				break // inside the span already: "b(6)" in "(b)(6)" changes nothing
			}
			last.end = max(last.end, s.end)
			last.code = last.code && s.code
			last.bare = false
		default:
			out = append(out, s)
		}
	}
	kept := out[:0]
	for _, s := range out {
		if s.code && declassifyValue(text, s.start) {
			continue // "Declassify On: 25X1-human": a declassification instruction
		}
		if !s.bare || bareCodeStands(text, s.start, s.end) {
			kept = append(kept, s)
		}
	}
	return kept
}

// reDeclassifyField: a line's text up to the value of a declassification instruction.
var reDeclassifyField = regexp.MustCompile(`(?i)\b(?:declassify on|decl)\s*:?\s*$`)

// declassifyValue reports whether a code at start is the value of a declassification
// instruction ("Declassify On: 25X1-human", "DECL: 25X1"): an exemption from automatic
// declassification that withholds nothing from the page.
func declassifyValue(text []byte, start int) bool {
	ls, _ := trimmedLine(text, start)
	return ls <= start && reDeclassifyField.Match(text[ls:start])
}

// bareCodeStands reports whether a bare exemption code standing alone at text[start:end]
// ("b6", "B1", with no other code or marker beside it) reads as one: alone on its line
// (a code printed in the margin), after a label ("File # b7E", "Name: b6"), or in running
// text — its line holds at least two words starting with a lowercase letter ("his name,
// b6, be kept", "approved under B1 and") — and not after an article ("the B1 bomber").
// A line of capitals and numbers is a heading or a stamp: "1 Gun b4" is an OCR reading of
// the date "1 Jun 64". O(length of the line).
func bareCodeStands(text []byte, start, end int) bool {
	ls, le := trimmedLine(text, start)
	before := strings.Fields(string(text[ls:start]))
	after := strings.Fields(string(text[end:le]))
	if len(before)+len(after) == 0 && strings.TrimRight(string(text[start:le]), ".,;:") == string(text[start:end]) {
		return true
	}
	if n := len(before); n > 0 {
		prev := before[n-1]
		switch {
		case articles[prev]:
			return false
		case prev == "#" || strings.HasSuffix(prev, ":") || strings.HasSuffix(prev, "#"):
			return true
		case text[start] == 'B' && (strings.HasSuffix(prev, ",") || rePortionMark.MatchString(prev)) &&
			!reExemptionCode.MatchString(strings.ToLower(prev)) && capitalsLine(before):
			// State's releases of telegrams, written in capitals, print the code in the
			// place of what they withhold: "DIRECTOR FOR UKRAINE, B6 SAID", "3. (C) B1".
			return true
		}
	}
	lower := 0
	for _, w := range append(before, after...) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) {
			lower++
		}
	}
	return lower >= 2
}

// rePortionMark: a portion mark standing as a word, "(C)", "(S/NF)".
var rePortionMark = regexp.MustCompile(`^\((?:TS|S|C|U|R|LOU|SBU|FOUO)(?:/{1,2}[A-Z/ ]+)?\)$`)

// capitalsLine reports whether words hold letters and no lowercase ones: a telegram's line.
func capitalsLine(words []string) bool {
	letters := false
	for _, w := range words {
		for _, r := range w {
			if unicode.IsLower(r) {
				return false
			}
			letters = letters || unicode.IsLetter(r)
		}
	}
	return letters
}

// findCodes is re.FindAllIndex(text, -1) for an expression of exemption codes, except that
// a match running into the next code ends before it: in "(b)(1) (b)(3)" the second code's
// "(b)" would read as a sub-letter of the first, "(b)(1)(B)". A code starts at "(b)(N)"
// after a space or a ")" (not in "3.3(b)(6)", an E.O. reason). O(n) regexp steps.
func findCodes(re *regexp.Regexp, text []byte) [][]int {
	var out [][]int
	for at := 0; at < len(text); {
		m := re.FindIndex(text[at:])
		if m == nil {
			break
		}
		start, end := at+m[0], at+m[1]
		if start == end {
			at = end + 1
			continue
		}
		at = end
		for _, c := range reCodeStart.FindAllIndex(text[start+1:min(end+16, len(text))], -1) {
			next := start + 1 + c[0]
			if next >= end {
				break
			}
			if prev := text[next-1]; prev == ' ' || prev == '\t' || prev == '\n' || prev == ')' {
				end, at = next, next
				for end > start && (text[end-1] == ' ' || text[end-1] == '\t' || text[end-1] == '\n') {
					end--
				}
				break
			}
		}
		out = append(out, []int{start, end})
	}
	return out
}

// containsAny reports whether window holds one of need, or need is nil.
func containsAny(window []byte, need []string) bool {
	if need == nil {
		return true
	}
	for _, n := range need {
		if bytes.Contains(window, []byte(n)) {
			return true
		}
	}
	return false
}

// frusExtentExpr reads the declared extent of a FRUS note.
const frusExtentExpr = `\[\s*(?:<[^<>]{0,80}>\s*)?([^\[\]<>]{0,120}?)\s+(?:of\s+source\s+text\s+)?not\s+declassified`

// describeRedaction reads the exemption codes and declared extent of a redacted span.
// Every exemption code holds a digit, so a marker without one ("[REDACTED]") is not
// searched for codes.
func (d *Differ) describeRedaction(marker string) (exemptions []string, extent string) {
	if strings.ContainsAny(marker, "0123456789") {
		for _, m := range findCodes(reExemptionCode, []byte(marker)) {
			exemptions = append(exemptions, normalizeExemption(marker[m[0]:m[1]]))
		}
	}
	var m []string
	if strings.Contains(marker, "declassified") {
		m = d.frusExtent.get().FindStringSubmatch(marker)
	}
	if m != nil {
		extent = strings.Join(strings.Fields(m[1]), " ")
	} else if reBlockRun.MatchString(marker) {
		n := 0
		for _, r := range marker {
			if r != ' ' && r != '\t' && r != '\n' && r != '\r' {
				n++
			}
		}
		extent = strconv.Itoa(n) + " characters"
	}
	return exemptions, extent
}

// normalizeExemption writes an exemption code the one way: "(b) (7)(C)" → "(b)(7)(C)",
// "b6" → "(b)(6)", "B7c" → "(b)(7)(C)"; E.O. reasons and CIA codes lose their spaces.
func normalizeExemption(code string) string {
	code = strings.Join(strings.Fields(code), "")
	lower := strings.ToLower(code)
	if strings.HasPrefix(lower, "1.4") || strings.HasPrefix(lower, "3.3") || strings.Contains(code, "X") {
		return code
	}
	var b strings.Builder
	b.WriteString("(b)")
	rest := strings.TrimLeft(lower[1:], "()")
	if lower[0] == '(' {
		rest = strings.TrimPrefix(lower, "(b)")
	}
	for _, r := range rest {
		switch {
		case r >= '1' && r <= '9':
			b.WriteString("(" + string(r) + ")")
		case r >= 'a' && r <= 'f':
			b.WriteString("(" + strings.ToUpper(string(r)) + ")")
		}
	}
	return b.String()
}

// Redactions returns every redacted span of text, in order, with its exemption codes and
// declared extent. O(p·n) for p patterns over n bytes. Text that is not valid UTF-8 gives
// spans all the same; Diff refuses such text.
func (d *Differ) Redactions(text []byte) []RedactedSpan {
	lines := newLineIndex(text)
	var out []RedactedSpan
	for _, s := range redactionSpans(d.redaction, text, 0, len(text)) {
		marker := string(text[s.start:s.end])
		ex, extent := d.describeRedaction(marker)
		out = append(out, RedactedSpan{
			Span:       Span{Start: s.start, End: s.end, Line: lines.line(s.start), Text: marker},
			Marker:     marker,
			Exemptions: ex,
			Extent:     extent,
		})
	}
	return out
}

// lineIndex maps byte offsets to 1-based line numbers. O(n) to build, O(log n) a lookup.
type lineIndex []int // byte offsets where each line after the first starts

func newLineIndex(text []byte) lineIndex {
	starts := make(lineIndex, 0, bytes.Count(text, []byte{'\n'}))
	for i := 0; ; {
		j := bytes.IndexByte(text[i:], '\n')
		if j < 0 {
			return starts
		}
		i += j + 1
		starts = append(starts, i)
	}
}

func (li lineIndex) line(offset int) int {
	return sort.SearchInts(li, offset+1) + 1
}

// validText returns the offset and reason of the first byte that makes text not text
// (a NUL byte or invalid UTF-8), or -1.
func validText(text []byte) (int, string) {
	if bytes.IndexByte(text, 0) < 0 && utf8.Valid(text) {
		return -1, ""
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c == 0 {
			return i, "NUL byte"
		}
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, w := utf8.DecodeRune(text[i:])
		if r == utf8.RuneError && w <= 1 {
			return i, "invalid UTF-8"
		}
		i += w
	}
	return -1, ""
}

// redactionSites finds the sites of the redaction patterns in text (see patternSites).
func redactionSites(patterns []redactionPattern, text []byte) patternSites {
	return findSites(text, len(patterns), func(k int) ([]string, needleFilter) { return patterns[k].need, patterns[k].filter })
}
