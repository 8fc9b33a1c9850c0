package diff

import (
	"bytes"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// Titles and role words that introduce a personal name. Compared without a trailing
// period; capitalized forms only, except the few role nouns of prose at the end.
var nameTitles = setOf(
	"Mr", "MR", "Mrs", "MRS", "Ms", "MS", "Miss", "Dr", "DR", "Prof", "Professor",
	"Amb", "AMB", "Ambassador", "AMBASSADOR", "Maj", "MAJ", "Major", "Gen", "GEN", "General",
	"Col", "COL", "Colonel", "Lt", "LT", "LTC", "Lieutenant", "Capt", "CAPT", "Captain",
	"Cdr", "CDR", "Commander", "Adm", "ADM", "Admiral", "Sgt", "SGT", "Sergeant", "Marshal",
	"Sen", "Senator", "Rep", "Representative", "Gov", "Governor", "President", "Vice",
	"Secretary", "Minister", "Premier", "Chancellor", "Chairman", "Director", "Judge",
	"Justice", "Attorney", "Consul", "Sir", "Lord", "Lady", "Dame", "Father", "Mme", "Mlle",
	"Herr", "Frau", "Senor", "Señor", "Comrade", "Deputy", "Envoy", "Agent", "SA", "SSA",
	"SAC", "ASAC", "Sr", "Sra", "Srta",
	"candidate", "chairman", "ambassador", "oligarch", "president", "senator", "minister",
	"secretary", "general",
)

// Role abbreviations: they introduce a name ("MOD Grachev", "SecDef Perry") but are never
// one themselves.
var nameRoles = setOf(
	"SecDef", "DepSecDef", "SECDEF", "SecState", "SECSTATE", "SecNav", "SecArmy", "SecAF",
	"MOD", "FM", "CJCS", "VCJCS", "DCI", "DDCI", "DDO", "DDP", "DDI", "ASD", "DASD", "USD",
	"PDUSD", "NSA", "APNSA", "DNI", "POTUS", "VPOTUS", "CINC", "SACEUR", "DCM",
)

// Capitalized words that are no names even after a title ("General Staff",
// "Secretary General", "President Said").
var nameStopWords = setOf(
	"The", "A", "An", "And", "Or", "But", "Of", "For", "In", "On", "At", "To", "By", "From",
	"With", "He", "She", "It", "They", "We", "I", "You", "His", "Her", "Its", "Their", "Our",
	"This", "That", "These", "Those", "There", "Here", "Who", "What", "When", "Where", "Why",
	"How", "If", "As", "Also", "However", "Staff", "Assembly", "Counsel", "Services",
	"Service", "Secretary", "Department", "Office", "Committee", "Council", "Division",
	"Army", "Navy", "Force", "Forces", "Command", "Affairs", "Agency", "Bureau", "State",
	"States", "Defense", "Defence", "Intelligence", "Security", "Union", "Republic",
	"Government", "Ministry", "Embassy", "Consulate", "House", "Senate", "Congress",
	"Court", "Accounting", "Motors", "Electric", "Dynamics", "Plans", "Policy", "Program",
	"Partnership", "Peace", "Memorandum", "Record", "Subject", "Summit", "Report", "Section",
	"Volume", "Chapter", "Page", "Document", "Campaign", "Foreign", "Prime", "Assistant",
	"Under", "National", "Central", "Federal", "Joint", "Chiefs", "Operations", "January",
	"February", "March", "April", "May", "June", "July", "August", "September", "October",
	"November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
	"Saturday", "Sunday", "Russian", "Soviet", "American", "British", "French", "German",
	"Chinese", "European", "NATO", "Mission", "Station", "Attache", "Delegation", "Team",
	"Special", "Acting", "Designate", "Emeritus", "Elect", "Vice", "Deputy", "General",
	"Mr", "Mrs", "Ms", "Dr",
	// what a role abbreviation heads in a subject line or an authority line ("SecDef Call
	// to …", "Classified by: SECDEF / Declassify on: …")
	"Call", "Meeting", "Visit", "Talks", "Conversation", "Letter", "Message", "Trip",
	"Remarks", "Statement", "Briefing", "Telcon", "Memcon", "Discussion", "Declassify",
	"Classified", "Derived", "Downgrade", "Distribution",
	// the portfolio between a minister's title and name ("Minister of Energy Bolat …")
	"Energy", "Finance", "Interior", "Justice", "Trade", "Economy", "Agriculture", "Health",
	"Education", "Industry", "Transport", "Culture", "Labor", "Commerce", "Treasury",
)

// Institutions, places and acts named after persons ("the Warren Commission", "Trump
// Tower"): no name words themselves, and a name word right before one is a modifier.
var institutionWords = setOf(
	"Commission", "Board", "Institute", "University", "College", "Academy", "Foundation",
	"Corporation", "Company", "Library", "Center", "Centre", "Administration",
	"Organization", "Association", "Party", "Tower", "Hotel", "Airport", "Bank", "Treaty",
	"Conference", "Agreement", "Doctrine", "Plan", "Report", "Committee", "Council",
)

// Nouns that take a letter as designator ("Tab B. List of estimates", "Annex A. Forces"):
// before a lone initial they start no name.
var designatorWords = setOf(
	"Tab", "Annex", "Appendix", "Attachment", "Enclosure", "Part", "Item", "Table", "Figure",
	"Exhibit", "Schedule", "Paragraph", "Article", "Option", "Phase", "Group", "Section",
	"Volume", "Chapter", "Page", "Box", "Folder", "Series", "Room", "Building", "Block",
	"Route", "Zone", "Sector", "Area", "Site", "Camp", "Point", "Level", "Grade", "Class",
	"Type", "Model", "Unit", "Step", "Case", "Note", "Question", "Answer",
)

// nameParticles: lowercase words inside a surname ("Garza de Montalvo", "van der Berg").
var nameParticles = setOf("de", "del", "della", "da", "das", "dos", "di", "du", "van", "von", "der", "den", "ter", "la", "le", "y", "bin", "ibn")

// articles: a capitalized word right after one is used as a modifier ("a Trump
// presidency", "the Warren Commission"), not as a person's name.
var articles = setOf("a", "an", "the", "A", "An", "The")

// Common given names: a given name followed by a capitalized word is a name without any
// title ("Robert Fulton", "Vladimir Putin").
var givenNames = setOf(
	"Aaron", "Adam", "Alan", "Albert", "Aleksandr", "Alexander", "Alexei", "Allen", "Andrei",
	"Andrew", "Anatoly", "Ann", "Anna", "Anne", "Anthony", "Arthur", "Barbara", "Barry",
	"Ben", "Benjamin", "Bill", "Bob", "Boris", "Brian", "Bruce", "Carl", "Carol", "Charles",
	"Christopher", "Daniel", "David", "Dean", "Dennis", "Dick", "Dmitri", "Dmitry", "Don",
	"Donald", "Douglas", "Dwight", "Edward", "Elizabeth", "Eric", "Eugene", "Frank", "Fred",
	"Gary", "George", "Gerald", "Gregory", "Harold", "Harry", "Harvey", "Helen", "Henry",
	"Herbert", "Hillary", "Howard", "Igor", "Ivan", "Jack", "James", "Jane", "Jeffrey",
	"Jim", "Jimmy", "Joan", "Joe", "John", "Jonathan", "Joseph", "Kenneth", "Kevin", "Larry",
	"Lawrence", "Lee", "Leonid", "Lyndon", "Margaret", "Mark", "Martin", "Mary", "Michael",
	"Mikhail", "Nancy", "Nicholas", "Nikita", "Nikolai", "Oleg", "Patricia", "Patrick",
	"Paul", "Pavel", "Peter", "Philip", "Ralph", "Raymond", "Richard", "Robert", "Roger",
	"Ronald", "Russell", "Samuel", "Sergei", "Sergey", "Stephen", "Steven", "Strobe",
	"Susan", "Thomas", "Timothy", "Victor", "Viktor", "Vladimir", "Walter", "Warren",
	"William", "Yevgeniy", "Yuri", "Yury",
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// nameWordKind classifies one word as part of a personal name.
type nameWordKind int

const (
	notNameWord nameWordKind = iota
	initialWord              // "D", "D.", "NL", "D.N.L."
	properWord               // "Grachev", "McNamara", "O'Brien", "Smith-Jones"
)

// nameCore strips what may surround a name word in running text: leading brackets and
// quotes, trailing punctuation and a possessive 's.
func nameCore(w string) string {
	for w != "" && strings.ContainsRune("([\"'‘“", rune(w[0])) && w[0] < utf8.RuneSelf {
		w = w[1:]
	}
	w = strings.TrimLeft(w, "‘“")
	for w != "" && w[len(w)-1] < utf8.RuneSelf && strings.IndexByte(",;:)]\"'!?", w[len(w)-1]) >= 0 {
		w = w[:len(w)-1]
	}
	w = strings.TrimRight(w, "’”")
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	return w
}

// classifyNameWord tells whether core (see nameCore) can be part of a personal name.
// Mixed-case OCR garbage ("MambeR", "COMceRNiNg") and role abbreviations are not.
func classifyNameWord(core string, ignore map[string]bool) nameWordKind {
	bare := strings.TrimSuffix(core, ".")
	if bare == "" || ignore[bare] || nameRoles[bare] || nameStopWords[bare] || institutionWords[bare] {
		return notNameWord
	}
	if isInitials(core) {
		return initialWord
	}
	core = bare
	for _, part := range strings.FieldsFunc(core, func(r rune) bool { return r == '-' || r == '\'' || r == '’' }) {
		if !isCapitalizedPart(part) {
			return notNameWord
		}
	}
	if utf8.RuneCountInString(core) < 2 || strings.HasSuffix(core, "-") {
		return notNameWord
	}
	return properWord
}

// isInitials reports "D", "D.", "NL", "D.N.L.": one to three capitals, each optionally
// followed by a period.
func isInitials(w string) bool {
	n := 0
	for i, r := range w {
		switch {
		case r >= 'A' && r <= 'Z':
			n++
		case r == '.' && i > 0:
		default:
			return false
		}
	}
	return n >= 1 && n <= 3
}

// isCapitalizedPart reports a capital followed by lowercase letters, allowing the prefixes
// Mc and Mac before a second capital ("McNamara", "MacArthur", "DeLoach").
func isCapitalizedPart(p string) bool {
	r, w := utf8.DecodeRuneInString(p)
	if !unicode.IsUpper(r) {
		return false
	}
	rest := p[w:]
	for _, prefix := range []string{"c", "ac", "e", "a", "i", "u"} {
		if strings.HasPrefix(rest, prefix) && len(rest) > len(prefix) {
			if r2, _ := utf8.DecodeRuneInString(rest[len(prefix):]); unicode.IsUpper(r2) && (r == 'M' || r == 'D' || r == 'L') {
				rest = rest[len(prefix)+1:]
				break
			}
		}
	}
	for _, r := range rest {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// nameFinder recognizes personal names in token streams: after titles and role words, a
// common given name followed by a capitalized word, two name words around a middle initial
// ("Owen T. Harkavy"), configured known names, the bare entries of a list of persons, and
// any name word seen as part of such a name anywhere in either version — except where a
// word only modifies what follows ("a Trump presidency", "the Warren Commission").
type nameFinder struct {
	known  [][]string
	ignore map[string]bool
	// infos remembers wordInfo by word across calls (nil: no memory).
	infos *wordInfoCache
}

// wordInfoCache remembers what wordInfos worked out for each word, across the Diffs of
// one Differ: versions of one collection share most of their words. Safe for concurrent
// use; it stops taking words at maxCachedWords.
type wordInfoCache struct {
	m sync.Map // word → wordInfo
	n atomic.Int64
}

// maxCachedWords bounds a wordInfoCache: some megabytes.
const maxCachedWords = 1 << 16

// nameMarks holds, for each token of one text, the number of the name it belongs to
// (0 for none); consecutive tokens with the same number form one name. Titles are not
// part of the name.
type nameMarks []int32

// seenNames collects, across texts, the proper name words found with strong evidence and
// which of them stood next to each other in one name.
type seenNames struct {
	words   map[string]bool
	bigrams map[[2]string]bool
}

// wordInfo is what the name finder needs to know about one distinct word; it is worked
// out once per word of the interner, not once per occurrence.
type wordInfo struct {
	bare        string // nameCore without a trailing period
	kind        nameWordKind
	title       bool // a title or role word
	given       bool // a common given name
	letter      bool // starts with a letter
	endsClause  bool // ends with , ; : or .
	endsComma   bool // ends with , or ;
	period      bool // ends with .
	label       bool // ends with : ("NSC:", "Prep:")
	article     bool // a, an, the
	midInitial  bool // one capital and a period: "T."
	designator  bool // a noun that takes a letter as designator ("Tab", "Annex")
	institution bool // an institution named after a person ("Commission")
	caps        bool // a word in capitals, read as a name word because the text is (inCapitals)
}

// wordInfos describes every distinct word. O(distinct words).
func (f *nameFinder) wordInfos(keys []string) []wordInfo {
	out := make([]wordInfo, len(keys))
	for id, key := range keys {
		if f.infos != nil {
			if v, ok := f.infos.m.Load(key); ok {
				out[id] = v.(wordInfo)
				continue
			}
		}
		// "(Mr." is a title: the letter test looks past opening brackets and quotes
		r, _ := utf8.DecodeRuneInString(nameCore(key))
		info := wordInfo{letter: unicode.IsLetter(r), endsClause: endsClause(key),
			endsComma: strings.HasSuffix(key, ",") || strings.HasSuffix(key, ";"), period: strings.HasSuffix(key, "."),
			label: strings.HasSuffix(key, ":"), article: articles[key],
			midInitial: len(key) == 2 && key[0] >= 'A' && key[0] <= 'Z' && key[1] == '.'}
		if info.letter {
			core := nameCore(key)
			info.bare = strings.TrimSuffix(core, ".")
			info.kind = classifyNameWord(core, f.ignore)
			info.title = nameTitles[info.bare] || nameRoles[info.bare]
			info.given = givenNames[info.bare] && !f.ignore[info.bare]
			info.designator = designatorWords[info.bare]
			info.institution = institutionWords[info.bare]
		}
		out[id] = info
		if f.infos != nil && f.infos.n.Load() < maxCachedWords {
			if _, loaded := f.infos.m.LoadOrStore(key, info); !loaded {
				f.infos.n.Add(1)
			}
		}
	}
	return out
}

// inCapitals reports whether texts, given as their tokens over keys, are written in
// capitals, as telegrams are: at least
// four words in five that hold letters hold no lowercase one. O(n).
func inCapitals(keys []string, sides ...[]tok) bool {
	// per distinct word: 0 no letter, 1 in capitals, 2 with a lowercase letter
	class := make([]uint8, len(keys))
	for id, key := range keys {
		for _, r := range key {
			if unicode.IsLower(r) {
				class[id] = 2
				break
			}
			if unicode.IsLetter(r) {
				class[id] = 1
			}
		}
	}
	words, caps := 0, 0
	for _, toks := range sides {
		for _, t := range toks {
			switch class[t.id] {
			case 1:
				words++
				caps++
			case 2:
				words++
			}
		}
	}
	return words > 0 && caps*5 >= words*4
}

// readCapitals re-reads, for texts written in capitals (inCapitals), each word in capitals
// as its title-case form would read: "ABDIKARIMOV" as a name word, "THE" and "ENERGY" as
// none, "MINISTER" as a title. Role abbreviations introduce no name there ("TO SECSTATE
// WASHDC"), nor do common given names alone.
func (f *nameFinder) readCapitals(keys []string, info []wordInfo) {
	for id := range keys {
		w := &info[id]
		if !w.letter || strings.IndexFunc(w.bare, unicode.IsLower) >= 0 || strings.ContainsRune(w.bare, '.') || utf8.RuneCountInString(w.bare) < 2 {
			continue
		}
		tc := titleCase(w.bare)
		w.kind = classifyNameWord(tc, f.ignore)
		w.title = nameTitles[tc]
		w.given = false
		w.designator = designatorWords[tc]
		w.institution = institutionWords[tc]
		w.caps = w.kind == properWord
	}
}

// titleCase writes a word in capitals as a name would be: "MCCALLUM" → "Mccallum",
// "PRYCE-JONES" → "Pryce-Jones".
func titleCase(w string) string {
	var b strings.Builder
	start := true
	for _, r := range w {
		if start {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		start = r == '-' || r == '\'' || r == '’'
	}
	return b.String()
}

// findStrong returns the names of one text found with strong evidence (title, given
// name, a middle initial between two name words, configured list, a list of persons) as
// token ranges, and records them in seen. O(n).
func (f *nameFinder) findStrong(text []byte, toks []tok, info []wordInfo, seen *seenNames) [][2]int {
	var out [][2]int
	record := func(lo, hi int) {
		out = append(out, [2]int{lo, hi})
		for k := lo; k < hi; k++ {
			seen.words[info[toks[k].id].bare] = true
			if k+1 < hi {
				seen.bigrams[[2]string{info[toks[k].id].bare, info[toks[k+1].id].bare}] = true
			}
		}
	}
	for i := 0; i < len(toks); i++ {
		w := &info[toks[i].id]
		if !w.title && !w.given && w.kind != properWord && len(f.known) == 0 {
			continue
		}
		if !w.letter {
			continue
		}
		var lo, hi int
		switch {
		case w.title:
			if w.endsClause && !w.period {
				continue
			}
			start := i + 1
			if f.capitalTitle(toks, info, i) {
				if afterArticle(toks, info, i) {
					continue // "THE MINISTER SAID": a role, no name after it
				}
				start = afterPortfolio(toks, info, start)
			}
			lo, hi = start, f.nameRun(text, toks, info, start)
			if hi-lo > 1 && info[toks[lo].id].caps && !capitalsNameEnds(toks, info, lo, hi) {
				hi = lo + 1 // "PRESIDENT NAZARBAYEV HAD RAISED": the surname alone
			}
		case w.given && !w.endsClause && !afterArticle(toks, info, i):
			if i+1 < len(toks) && info[toks[i+1].id].kind != notNameWord {
				lo, hi = i, f.nameRun(text, toks, info, i)
			}
		case w.kind == properWord && !w.endsClause && !w.designator && i+2 < len(toks) &&
			info[toks[i+1].id].midInitial && info[toks[i+2].id].kind == properWord &&
			!breakBefore(text, toks, i+1) && (!breakBefore(text, toks, i+2) || (w.caps && longLine(text, toks, i))) &&
			!afterArticle(toks, info, i):
			// "Owen T. Harkavy": a middle initial between two name words.
			lo, hi = i, f.nameRun(text, toks, info, i)
		}
		if hi <= lo && len(f.known) > 0 {
			if n := f.knownAt(toks, info, i); n > 0 {
				lo, hi = i, i+n
			}
		}
		if hi > lo {
			record(lo, hi)
			i = hi - 1
		}
	}
	for _, r := range f.listNames(text, toks, info, out) {
		record(r[0], r[1])
	}
	return out
}

// capitalTitle reports whether token i is a title written in capitals ("MINISTER").
func (f *nameFinder) capitalTitle(toks []tok, info []wordInfo, i int) bool {
	w := info[toks[i].id]
	return w.title && strings.IndexFunc(w.bare, unicode.IsLower) < 0 && utf8.RuneCountInString(w.bare) > 1
}

// afterPortfolio returns where the name starts after a title at k-1 followed by "OF" and
// the portfolio ("MINISTER OF ENERGY BOLAT ZHANTUGANOV"): past up to two words that are no
// name words; k itself when there is no such portfolio.
func afterPortfolio(toks []tok, info []wordInfo, k int) int {
	if k >= len(toks) || !strings.EqualFold(info[toks[k].id].bare, "of") {
		return k
	}
	j := k + 1
	for j < len(toks) && j < k+3 && info[toks[j].id].letter && info[toks[j].id].kind == notNameWord && !info[toks[j].id].endsClause {
		j++
	}
	if j == k+1 || j >= len(toks) || info[toks[j].id].kind != properWord {
		return k
	}
	return j
}

// capitalsNameEnds reports whether a run of name words in capitals [lo,hi) reads as a whole
// name: it holds an initial or ends with a comma, period or semicolon, where a name in
// running capitals ends ("BOLAT ZHANTUGANOV, WHO").
func capitalsNameEnds(toks []tok, info []wordInfo, lo, hi int) bool {
	for k := lo; k < hi; k++ {
		if info[toks[k].id].kind == initialWord {
			return true
		}
	}
	return info[toks[hi-1].id].endsClause
}

// longLine reports whether the line holding token i, up to i, holds more words than a
// list's line: running text, where a name may be wrapped.
func longLine(text []byte, toks []tok, i int) bool {
	n := 1
	for k := i; k > 0 && !breakBefore(text, toks, k); k-- {
		n++
	}
	return n > listLineMax
}

// afterArticle reports whether token i follows an article: "a Trump presidency".
func afterArticle(toks []tok, info []wordInfo, i int) bool {
	return i > 0 && info[toks[i-1].id].article
}

// breakBefore reports whether a line break separates token k from the token before it.
func breakBefore(text []byte, toks []tok, k int) bool {
	return k > 0 && k < len(toks) && bytes.IndexByte(text[toks[k-1].end:toks[k].start], '\n') >= 0
}

// Bounds of a list of persons (listNames), in words a line.
const (
	listLineMax  = 6 // a list's lines hold at most this many words
	listEntryMax = 3 // a bare entry taken for a name holds at most this many name words
)

// listNames finds the bare names of a list of persons: in a run of at least three short
// lines (a distribution or participants list, no blank line between), where some line
// holds a name found with strong evidence, a line that holds nothing but one to three name
// words (after titles, roles or a label such as "NSC:") is a name too: "Wisner", "Carter"
// under "Distribution:" beside "NSC: Mr. Burns". O(n).
func (f *nameFinder) listNames(text []byte, toks []tok, info []wordInfo, strong [][2]int) [][2]int {
	if len(strong) == 0 {
		return nil
	}
	isStrong := make(map[int]bool, len(strong))
	for _, r := range strong {
		isStrong[r[0]] = true
	}
	var out [][2]int
	type line struct{ lo, hi int }
	var run []line
	flush := func() {
		if len(run) >= 3 {
			strongLine := -1
			for x, ln := range run {
				for k := ln.lo; k < ln.hi; k++ {
					if isStrong[k] {
						strongLine = x
					}
				}
			}
			if strongLine >= 0 {
				for x, ln := range run {
					if x == strongLine {
						continue
					}
					if lo, hi, ok := bareEntry(toks, info, ln.lo, ln.hi); ok && !isStrong[lo] {
						out = append(out, [2]int{lo, hi})
					}
				}
			}
		}
		run = run[:0]
	}
	for lo := 0; lo < len(toks); {
		hi := lo + 1
		for hi < len(toks) && !breakBefore(text, toks, hi) {
			hi++
		}
		if lo > 0 && bytes.Count(text[toks[lo-1].end:toks[lo].start], []byte{'\n'}) >= 2 {
			flush()
		}
		if hi-lo > listLineMax {
			flush()
		} else {
			run = append(run, line{lo, hi})
		}
		lo = hi
	}
	flush()
	return out
}

// bareEntry reports whether tokens [lo,hi), one line of a list, are one to three name words
// after any titles, roles and labels, the last a proper word, and returns the name's range.
func bareEntry(toks []tok, info []wordInfo, lo, hi int) (int, int, bool) {
	for lo < hi && (info[toks[lo].id].title || info[toks[lo].id].label) {
		lo++
	}
	if hi-lo < 1 || hi-lo > listEntryMax || info[toks[hi-1].id].kind != properWord {
		return 0, 0, false
	}
	for k := lo; k < hi; k++ {
		w := info[toks[k].id]
		if w.kind == notNameWord || w.title || (w.endsClause && k < hi-1 && !w.period) {
			return 0, 0, false
		}
	}
	return lo, hi, true
}

// endsClause reports a word that ends with punctuation closing a phrase.
func endsClause(key string) bool {
	return strings.HasSuffix(key, ",") || strings.HasSuffix(key, ";") || strings.HasSuffix(key, ":") || strings.HasSuffix(key, ".")
}

// nameRun returns the end of the name starting at token i: up to four name words, the
// last of them a proper word (initials alone are no name). A title ends it: "Gen." after
// "Harlan Voss" in a list of participants starts the next name. A name that starts its
// line (after titles, roles or a label) does not go on to a short next line: one line of a
// list is one entry. Returns i when there is none.
func (f *nameFinder) nameRun(text []byte, toks []tok, info []wordInfo, i int) int {
	lastProper := i
	entry := startsLine(text, toks, info, i)
	for k := i; k < len(toks) && k < i+4; k++ {
		w := info[toks[k].id]
		if k > i && nameParticles[w.bare] && !w.endsClause && k+1 < len(toks) &&
			info[toks[k+1].id].kind == properWord && !breakBefore(text, toks, k+1) {
			continue // "Elena Garza de Montalvo", "Ludwig van Beethoven"
		}
		if w.kind == notNameWord || w.title {
			break
		}
		if k > i && entry && breakBefore(text, toks, k) && shortLine(text, toks, k) {
			break
		}
		if w.kind == properWord {
			lastProper = k + 1
			if w.endsClause {
				break
			}
		}
		if w.kind == initialWord && w.endsComma {
			break
		}
	}
	return lastProper
}

// startsLine reports whether token i starts its line but for titles, roles and labels
// before it.
func startsLine(text []byte, toks []tok, info []wordInfo, i int) bool {
	for k := i; k > 0 && !breakBefore(text, toks, k); k-- {
		if w := info[toks[k-1].id]; !w.title && !w.label {
			return false
		}
	}
	return true
}

// shortLine reports whether the line starting at token k holds at most listLineMax words.
func shortLine(text []byte, toks []tok, k int) bool {
	for n := 1; n <= listLineMax; n++ {
		if k+n >= len(toks) || breakBefore(text, toks, k+n) {
			return true
		}
	}
	return false
}

// knownAt returns how many tokens from i spell a configured known name, or 0.
func (f *nameFinder) knownAt(toks []tok, info []wordInfo, i int) int {
	for _, name := range f.known {
		if i+len(name) > len(toks) {
			continue
		}
		ok := true
		for k, w := range name {
			if info[toks[i+k].id].bare != strings.TrimSuffix(w, ".") {
				ok = false
				break
			}
		}
		if ok {
			return len(name)
		}
	}
	return 0
}

// mark numbers the names of one text: the strong ones, then runs of words seen in a name
// anywhere (adjacent words joined only when they stood together in some name), except
// where the word is a modifier, after an article or before an institution's noun ("a Trump
// presidency", "Warren Commission"). O(n).
func (f *nameFinder) mark(toks []tok, info []wordInfo, strong [][2]int, seen *seenNames) nameMarks {
	marks := make(nameMarks, len(toks))
	next := int32(0)
	for _, r := range strong {
		next++
		for k := r[0]; k < r[1]; k++ {
			marks[k] = next
		}
	}
	// seenID[id]: the word is a proper word seen in a name; one map look-up per distinct
	// word, not per occurrence.
	seenID := make([]bool, len(info))
	for id := range info {
		seenID[id] = info[id].kind == properWord && seen.words[info[id].bare]
	}
	for i := 0; i < len(toks); i++ {
		if marks[i] != 0 || !seenID[toks[i].id] || afterArticle(toks, info, i) ||
			(i+1 < len(toks) && info[toks[i+1].id].institution) {
			continue
		}
		next++
		marks[i] = next
		if p := i - 1; p > 0 && marks[p] == 0 && info[toks[p].id].kind == properWord && !info[toks[p].id].endsClause &&
			!info[toks[p].id].caps && !info[toks[p-1].id].endsClause && info[toks[p-1].id].letter && !afterArticle(toks, info, p) {
			// a capitalized word inside a sentence right before a surname seen in a name is
			// its given name: "contact with Josef Mifsud" beside "Joseph Mifsud"
			marks[p] = next
		}
		for i+1 < len(toks) && marks[i+1] == 0 && !info[toks[i].id].endsClause {
			if !seen.bigrams[[2]string{info[toks[i].id].bare, info[toks[i+1].id].bare}] {
				break
			}
			i++
			marks[i] = next
		}
	}
	return marks
}

// nameText returns the name spelled by tokens [lo,hi) of text, without trailing
// punctuation or possessive.
func nameText(text []byte, toks []tok, lo, hi int) string {
	words := make([]string, 0, hi-lo)
	for k := lo; k < hi; k++ {
		words = append(words, strings.Fields(string(text[toks[k].start:toks[k].end]))...)
	}
	name := strings.Join(words, " ")
	name = strings.TrimLeft(name, "([\"'‘“")
	name = strings.TrimRight(name, ",;:)]\"'’”!?")
	name = strings.TrimSuffix(strings.TrimSuffix(name, "'s"), "’s")
	if !strings.HasSuffix(name, ".") || !isInitials(words[len(words)-1]) {
		name = strings.TrimSuffix(name, ".")
	}
	return name
}
