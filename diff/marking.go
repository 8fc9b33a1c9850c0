package diff

import (
	"bytes"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// markingPattern is one classification-marking convention. A match may be extended over
// up to extend more words of its line (the value of "Classified by:", the rest of a stamp).
type markingPattern struct {
	// expr is the expression of a default pattern; re compiles it when first needed.
	expr string
	re   *lazyRegexp
	// extend is how many further words of the same line belong to the marking.
	extend int
	// portion: a portion mark "(S)", accepted only when not glued to a preceding ")" or
	// word, so "(b)(7)(C)" holds none.
	portion bool
	// sentence: a title-case level ("Top Secret.") accepted only at a sentence start.
	sentence bool
	// line: a stamp or authority line: on a short line the whole line is the marking.
	line bool
	// need lists strings one of which any match contains; a window holding none of them
	// is not searched (nil: always searched).
	need []string
	// filter finds need in a window along with the other patterns' needles.
	filter needleFilter
}

// Default marking conventions: levels and banners, portion marks, control and
// dissemination markings, classification authority lines, declassification and release
// stamps. Immutable (each Differ compiles an expression when first needed); patterns from
// configuration are added after them.
var defaultMarkingPatterns = []markingPattern{
	// Banners and levels, with control markings joined by //.
	{expr: `\b(?:TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|RESTRICTED)\b(?:\s?//\s?[A-Z0-9][A-Z0-9 ,/-]*[A-Z0-9])?`, need: []string{"SECRET", "CONFIDENTIAL", "UNCLASSIFIED", "RESTRICTED"}},
	// Title-case levels as FRUS source notes give them: "Top Secret.", "Secret; Eyes Only."
	{expr: `\b(?:Top Secret|Secret|Confidential)(?:;\s*(?:Eyes Only|Noforn|Nodis|Exdis|Limdis|Priority|Immediate|Niact|Routine|Operational Immediate))*\.`, sentence: true, need: []string{"Secret", "Confidential"}},
	// Letter-spaced banners of telegrams: "C O N F I D E N T I A L", "S E C R E T".
	{expr: `\b(?:(?:T O P\s+)?S E C R E T|C O N F I D E N T I A L|U N C L A S S I F I E D)\b`, need: []string{"S E C R E T", "C O N F I D E N T I A L", "U N C L A S S I F I E D"}},
	// Portion marks: (U) (C) (S) (TS) (S//NF) (U//FOUO), and with one slash as State
	// telegrams write them, (S/NF).
	{expr: `\((?:TS|S|C|U|R|CUI|FOUO|LOU|SBU)(?://?[A-Z][A-Z0-9/ ,-]{0,30})?\)`, portion: true, need: []string{"("}},
	// Control and dissemination markings.
	{expr: `\b(?:NOFORN|NODIS|EXDIS|LIMDIS|ORCON|PROPIN|NOCONTRACT|WNINTEL|FOUO|(?:[A-Z]{2,} )?EYES ONLY|LIMITED OFFICIAL USE|FOR OFFICIAL USE ONLY|REL TO [A-Z]{3}(?:,\s?[A-Z]{3})*)\b|\b(?:Eyes Only|Nodis|Exdis|Limdis|Noforn|Limited Official Use)\b`, need: []string{"NOFORN", "NODIS", "EXDIS", "LIMDIS", "ORCON", "PROPIN", "NOCONTRACT", "WNINTEL", "FOUO", "EYES ONLY", "OFFICIAL USE", "REL TO", "Eyes Only", "Nodis", "Exdis", "Limdis", "Noforn", "Limited Official"}},
	// Classification authority lines.
	{expr: `\b(?:Classi(?:fi|ﬁ)?\s?ed [Bb]y|CLASSIFIED BY|Derived [Ff]rom|DERIVED FROM)\b\s*:?`, extend: 6, line: true, need: []string{"Classi", "CLASSIFIED BY", "Derived", "DERIVED"}},
	{expr: `\b(?:Declassify [Oo]n|DECLASSIFY ON|Downgrade [Tt]o|DOWNGRADE TO|DECL)\b\s*:?`, extend: 2, line: true, need: []string{"Declassify", "DECLASSIFY", "Downgrade", "DOWNGRADE", "DECL"}},
	{expr: `\b(?:Reason|REASON)\s*:?\s*1\.[45]\s?\(?[a-h]\)?(?:\s?,?\s?\(?[a-h]\)?)*`, line: true, need: []string{"Reason", "REASON"}},
	// Declassification and release stamps.
	{expr: `\bDECLASSIFIED\b`, extend: 4, line: true, need: []string{"DECLASSIFIED"}},
	// "RELEASED IN PART" with the exemption codes State prints under it ("B1, 1.4(D), B6"):
	// the codes belong to the stamp.
	{expr: `\b(?:RELEASED?|DECLASSIFIED|EXCISED|DENIED|SANITIZED) IN (?:PART|FULL)\b(?:[ \t]*\n?[ \t]*(?:B[1-9][A-F]?|1\.4\s?\([A-Ha-h]\))(?:,[ \t]*(?:B[1-9][A-F]?|1\.4\s?\([A-Ha-h]\)))*)?`, extend: 4, line: true, need: []string{" IN PART", " IN FULL"}},
	// The State reading room's page header: "U.S. Department of State Case No. F-2014-20439
	// Doc No. C05795418 Date: 10/30/2015".
	{expr: `\bU\.\s?S\.\s?Department of State\s+Case No\.\s*[A-Z]-\d{4}-\d+(?:\s+Doc No\.\s*C\d+)?(?:\s+Date:\s*\d{1,2}/\d{1,2}/\d{4})?`, need: []string{"Department of State"}},
	// The last line of a declassification stamp, "By JW NARA Date 6/12/98", and a
	// presidential library's case number, "NLR 2018-0211".
	{expr: `\bBy\s+[A-Za-z]{2,5}(?:\s+NARA)?\s+Date\s*:?\s*\d{1,2}/\d{1,2}/\d{2,4}`, line: true, need: []string{"Date"}},
	{expr: `\bNL[A-Z]\s?-?\s?\d{2,4}-\d+`, line: true, need: []string{"NL"}},
	// need: the "O" and the "1" with what may stand between them (\s is [\t\n\f\r ]).
	{expr: `\bE\.?\s?O\.?\s?1[23]\d{3}\b`, extend: 4, line: true, need: []string{
		"O1", "O 1", "O\t1", "O\n1", "O\f1", "O\r1", "O.1", "O. 1", "O.\t1", "O.\n1", "O.\f1", "O.\r1"}},
	{expr: `\bAuthority\s*:?\s+(?:NND|NLC|NLJ|NLS|NLE|MR|EO|E\.O\.)[\s-]?[\w./-]+`, line: true, need: []string{"Authority"}},
	{expr: `\bNND\s?-?\d{4,}`, line: true, need: []string{"NND"}},
	{expr: `\b(?:MDR|FOIA)(?:\s*[Cc]ase)?(?:\s*(?:[Nn]o\.?|#|:))?\s*[A-Z]{0,3}-?\d[\d-]{2,}`, line: true, need: []string{"MDR", "FOIA"}},
	{expr: `\b[A-Z]+ (?:PRESIDENTIAL )?LIBRARY PHOTOCOPY\b`, line: true, need: []string{"LIBRARY PHOTOCOPY"}},
	// CIA release stamps: CREST's "Approved For Release 2005/01/12 : CIA-RDP80-…", the FOIA
	// reading room's "Approved for Release: 2013/05/14 C06123577".
	{expr: `(?:Sanitized Copy )?Approved [Ff]or Release\s*:?\s*\d{4}/\d{2}/\d{2}(?:\s*:?\s*(?:CIA-RDP[0-9A-Z-]+|C\d{5,}))?|\bCIA-RDP[0-9A-Z-]+`, line: true, need: []string{"Release", "RELEASE", "release", "CIA-RDP"}},
	{expr: `(?:\b\d{4}\s+)?\bRELEASED? UNDER THE [A-Z0-9 .,'-]{0,80}?\bACT\b(?: OF \d{4})?`, line: true, need: []string{"RELEASE"}},
	// The CIA's line on records released under the JFK Act: "Released under the John F.
	// Kennedy Assassination Records Collection Act of 1992 (44 USC 2107 Note). Case#:NW
	// 53244 Date: 06-05-2017".
	{expr: `\bReleased [Uu]nder the [A-Z][A-Za-z0-9 .,'-]{0,80}?\bAct\b(?: of \d{4})?(?:\s*\(\d+ U\.?S\.?C\.? \d+ [Nn]ote\)\.?)?(?:\s*Case\s*#?\s*:?\s*[A-Z]{0,3}\s*\d+)?(?:\s*Date:\s*\d{1,2}[-/]\d{1,2}[-/]\d{2,4})?`, need: []string{"Released"}},
}

// stampLineMax is the longest line (in bytes, trimmed) taken whole as one stamp or
// authority line; in longer lines (one-line OCR) the marking is its match, extended.
const stampLineMax = 160

// classification levels in order. The designations of controlled unclassified
// information (LIMITED OFFICIAL USE, FOR OFFICIAL USE ONLY, SENSITIVE BUT UNCLASSIFIED, CUI)
// stand in banners and portion marks where a level would, so they rank as one: above
// UNCLASSIFIED, below the classified levels.
var levelOrder = map[string]int{
	"UNCLASSIFIED":               0,
	"LIMITED OFFICIAL USE":       1,
	"FOR OFFICIAL USE ONLY":      1,
	"SENSITIVE BUT UNCLASSIFIED": 1,
	"CUI":                        1,
	"RESTRICTED":                 2,
	"CONFIDENTIAL":               3,
	"SECRET":                     4,
	"TOP SECRET":                 5,
}

var (
	reLevel   = regexp.MustCompile(`(?i)\b(?:TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|RESTRICTED)\b`)
	rePortion = regexp.MustCompile(`^\((TS|S|C|U|R|LOU|FOUO|SBU|CUI)(?://?|\))`)
	// reSpaced: a word written letter by letter, "S E C R E T".
	reSpaced = regexp.MustCompile(`\b[A-Z](?: [A-Z]\b)+`)
	// reDesignation: a designation of controlled unclassified information standing where a
	// level would (see levelOrder).
	reDesignation = regexp.MustCompile(`(?i)\b(?:LIMITED OFFICIAL USE|FOR OFFICIAL USE ONLY|SENSITIVE BUT UNCLASSIFIED|FOUO|CUI)\b`)
	// reControl: control and dissemination markings, one family.
	reControl = regexp.MustCompile(`(?i)^(?:NOFORN|NODIS|EXDIS|LIMDIS|ORCON|PROPIN|NOCONTRACT|WNINTEL|FOUO|(?:[A-Z]{2,} )?EYES ONLY|LIMITED OFFICIAL USE|FOR OFFICIAL USE ONLY|REL TO)\b`)
)

// compileMarkingPatterns returns the default patterns plus extra ones from configuration.
func compileMarkingPatterns(extra []string) ([]markingPattern, error) {
	out := make([]markingPattern, 0, len(defaultMarkingPatterns)+len(extra))
	index, needles := map[string]int32{}, []string(nil)
	for _, p := range defaultMarkingPatterns {
		p.re = &lazyRegexp{expr: p.expr}
		p.filter.ids = needleIDs(index, &needles, p.need)
		out = append(out, p)
	}
	table := newNeedleTable(needles)
	for k := range out {
		out[k].filter.table = table
	}
	res, err := compileConfigured("marking.patterns", extra)
	if err != nil {
		return nil, err
	}
	for k, re := range res {
		out = append(out, markingPattern{expr: extra[k], re: compiledRegexp(re)})
	}
	return out, nil
}

// markingSpans finds the classification markings of text[lo:hi] as absolute byte ranges,
// in order. A marking that extends over the rest of its line stops before the next
// marking or redacted span; one inside another is dropped; spans overlapping a redacted span in skip are
// dropped. O(p·n) for p patterns over n bytes.
func markingSpans(patterns []markingPattern, text []byte, lo, hi int, skip []rawSpan) []rawSpan {
	return markingSpansAt(patterns, text, lo, hi, skip, nil)
}

// markingSites finds the sites of the marking patterns in text (see patternSites).
func markingSites(patterns []markingPattern, text []byte) patternSites {
	return findSites(text, len(patterns), func(k int) ([]string, needleFilter) { return patterns[k].need, patterns[k].filter })
}

// markingSpansAt is markingSpans with the patterns' sites in text (findSites), or nil to
// look for their needles in the window.
func markingSpansAt(patterns []markingPattern, text []byte, lo, hi int, skip []rawSpan, at patternSites) []rawSpan {
	type match struct {
		rawSpan
		extend int
	}
	var found []match
	window := text[lo:hi]
	var hits needleHits
	var buf [2]uint64
	for k, p := range patterns {
		if at != nil && !at[k].holds(text, lo, hi, p.need) || at == nil && !p.filter.holds(p.need, window, &hits, buf[:]) {
			continue
		}
		for _, m := range p.re.findAll(window) {
			s, e := lo+m[0], lo+m[1]
			if s == e {
				continue
			}
			if p.portion && s > 0 {
				if r, _ := utf8.DecodeLastRune(text[:s]); r == ')' || unicode.IsLetter(r) || unicode.IsDigit(r) {
					continue
				}
			}
			if p.sentence && !atSentenceStart(text, s) {
				continue
			}
			if p.line {
				if ls, le := trimmedLine(text, s); le-ls <= stampLineMax && stampLike(text[ls:le]) {
					s, e = ls, max(e, le)
				}
			}
			found = append(found, match{rawSpan{start: s, end: e}, p.extend})
		}
	}
	sort.Slice(found, func(i, j int) bool {
		if found[i].start != found[j].start {
			return found[i].start < found[j].start
		}
		return found[i].end > found[j].end
	})
	var out []rawSpan
	for k, m := range found {
		if overlapsAny(m.rawSpan, skip) {
			continue
		}
		if n := len(out); n > 0 && m.start < out[n-1].end {
			continue // inside the previous marking
		}
		if m.extend > 0 {
			limit := hi
			for _, next := range found[k+1:] {
				if next.start >= m.end {
					limit = next.start
					break
				}
			}
			for _, r := range skip { // nor over a redacted span
				if r.start >= m.end && r.start < limit {
					limit = r.start
				}
			}
			m.end = extendOverLine(text, m.end, limit, m.extend)
		}
		if n := len(out); n > 0 && stampLines(text, out[n-1], m.rawSpan) {
			out[n-1].end = stampTail(text, m.end, hi) // one stamp of several lines
			continue
		}
		if ls, le := trimmedLine(text, m.start); ls == m.start && le <= m.end && markingLevel(string(text[m.start:m.end])) == "" && reStamp.Match(text[m.start:m.end]) {
			m.end = stampTail(text, m.end, hi)
		}
		out = append(out, m.rawSpan)
	}
	return out
}

// reStampTail: a line that ends a stamp with a case number, a date and a reviewer's
// initials ("2006-0412-M", "7/11/06 kbh", "2009-0321-M (1.31)").
var reStampTail = regexp.MustCompile(`^(?:\d{4}-\d{3,5}-[A-Z](?:\s+\(\d+(?:\.\d+)*\))?|\d{1,2}/\d{1,2}/\d{2,4}(?:\s+[a-zA-Z]{2,4})?)$`)

// stampTail moves end, the end of a stamp's last line, over the lines right below it that
// hold only a case number or a dated set of initials, up to hi.
func stampTail(text []byte, end, hi int) int {
	for {
		i := end
		for i < hi && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r') {
			i++
		}
		if i >= hi || text[i] != '\n' {
			return end
		}
		ls, le := trimmedLine(text, i+1)
		if ls >= le || le > hi || !reStampTail.Match(text[ls:le]) {
			return end
		}
		end = le
	}
}

// reStamp: what release and declassification stamps say, whatever their wording.
var reStamp = regexp.MustCompile(`(?i)\b(?:declassified|released?|approved for release|sanitized|authority|NND|MDR|FOIA|CIA-RDP|NL[A-Z]\s?-?\s?\d|E\.?\s?O\.?\s?1[23]\d{3})|\bBy\s+[A-Za-z]{2,5}(?:\s+NARA)?\s+Date\b`)

// stampLines reports whether markings a and b, in this order, are lines of one release or
// declassification stamp: each a whole line that reads as a stamp, on consecutive lines
// ("DECLASSIFIED" / "Authority NND 959000" / "By JW NARA Date 6/12/98").
func stampLines(text []byte, a, b rawSpan) bool {
	if a.end > b.start || bytes.Count(text[a.end:b.start], []byte{'\n'}) != 1 || strings.TrimSpace(string(text[a.end:b.start])) != "" {
		return false
	}
	for _, m := range []rawSpan{a, b} {
		if ls, le := trimmedLine(text, m.start); ls != m.start || le > m.end {
			return false
		}
		if s := string(text[m.start:m.end]); markingLevel(s) != "" || !reStamp.MatchString(s) {
			return false
		}
	}
	return true
}

func overlapsAny(s rawSpan, spans []rawSpan) bool {
	for _, o := range spans {
		if s.start < o.end && o.start < s.end {
			return true
		}
	}
	return false
}

// trimmedLine returns the line holding offset at, without its surrounding spaces.
func trimmedLine(text []byte, at int) (int, int) {
	s, e := at, at
	for s > 0 && text[s-1] != '\n' {
		s--
	}
	for e < len(text) && text[e] != '\n' {
		e++
	}
	for s < e && (text[s] == ' ' || text[s] == '\t' || text[s] == '\r') {
		s++
	}
	for e > s && (text[e-1] == ' ' || text[e-1] == '\t' || text[e-1] == '\r') {
		e--
	}
	return s, e
}

// stampLike reports whether a line reads as a stamp or authority line rather than prose:
// no word starts with a lowercase letter except short connectives.
func stampLike(line []byte) bool {
	for _, w := range strings.Fields(string(line)) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) && !isConnective(w) {
			return false
		}
	}
	return true
}

func isConnective(w string) bool {
	switch strings.TrimRight(w, ".,:;") {
	case "by", "on", "to", "per", "of", "for", "from", "and", "sec", "section", "as", "amended":
		return true
	}
	return false
}

// atSentenceStart reports whether offset s starts a sentence: only spaces separate it from
// the start of the text, a line break, a '.', or a tag's '>'.
func atSentenceStart(text []byte, s int) bool {
	i := s
	for i > 0 && (text[i-1] == ' ' || text[i-1] == '\t') {
		i--
	}
	return i == 0 || text[i-1] == '\n' || text[i-1] == '.' || text[i-1] == '>' || text[i-1] == ':'
}

// extendOverLine moves end over up to n further words on the same line, stopping before a
// word that starts with a lowercase letter other than a short connective.
func extendOverLine(text []byte, end, hi, n int) int {
	for ; n > 0; n-- {
		i := end
		for i < hi && (text[i] == ' ' || text[i] == '\t') {
			i++
		}
		if i >= hi || text[i] == '\n' || text[i] == '\r' {
			return end
		}
		j := i
		for j < hi && text[j] != ' ' && text[j] != '\t' && text[j] != '\n' && text[j] != '\r' {
			j++
		}
		word := string(text[i:j])
		if r, _ := utf8.DecodeRuneInString(word); unicode.IsLower(r) && !isConnective(word) {
			return end
		}
		end = j
	}
	return end
}

// markingLevel returns the classification level a marking states (a designation of
// controlled unclassified information counting as one, see levelOrder), or "".
func markingLevel(marking string) string {
	if m := rePortion.FindStringSubmatch(marking); m != nil {
		switch m[1] {
		case "TS":
			return "TOP SECRET"
		case "S":
			return "SECRET"
		case "C":
			return "CONFIDENTIAL"
		case "U":
			return "UNCLASSIFIED"
		case "R":
			return "RESTRICTED"
		case "LOU":
			return "LIMITED OFFICIAL USE"
		case "FOUO":
			return "FOR OFFICIAL USE ONLY"
		case "SBU":
			return "SENSITIVE BUT UNCLASSIFIED"
		case "CUI":
			return "CUI"
		}
	}
	if strings.Contains(marking, " E ") { // a letter-spaced banner: "C O N F I D E N T I A L"
		marking = reSpaced.ReplaceAllStringFunc(marking, func(w string) string { return strings.ReplaceAll(w, " ", "") })
	}
	if m := reLevel.FindString(marking); m != "" {
		return strings.ToUpper(strings.Join(strings.Fields(m), " "))
	}
	if m := reDesignation.FindString(marking); m != "" {
		if m = strings.ToUpper(m); m == "FOUO" {
			return "FOR OFFICIAL USE ONLY"
		}
		return m
	}
	return ""
}

// markingFamily names the convention a marking follows, so only markings of one family
// pair as "changed": any two stating a level (banners, portion marks), any two control or
// dissemination markings (EXDIS for NODIS), or two of the same leading word ("Classified
// by", "Declassify on", "DECLASSIFIED").
func markingFamily(marking string) string {
	if markingLevel(marking) != "" {
		return "level"
	}
	if reControl.MatchString(strings.TrimSpace(marking)) {
		return "control"
	}
	if reStamp.MatchString(marking) {
		// a release or declassification stamp restated by a later release: "Sanitized
		// Copy Approved for Release" for "Declassified and Approved For Release"
		return "stamp"
	}
	for _, w := range strings.Fields(strings.ToLower(marking)) {
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			return strings.Trim(w, ".,:;()")
		}
	}
	return ""
}

// levelDirection returns "upgrade" or "downgrade" for a change of level, or "".
func levelDirection(from, to string) string {
	f, okF := levelOrder[from]
	t, okT := levelOrder[to]
	switch {
	case !okF || !okT || f == t:
		return ""
	case t > f:
		return "upgrade"
	default:
		return "downgrade"
	}
}
