package diff

import (
	"strings"
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
	"SAC", "ASAC",
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
)

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
	if bare == "" || ignore[bare] || nameRoles[bare] || nameStopWords[bare] {
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
// common given name followed by a capitalized word, configured known names, and any name
// word seen as part of such a name anywhere in either version.
type nameFinder struct {
	known  [][]string
	ignore map[string]bool
}

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
	bare       string // nameCore without a trailing period
	kind       nameWordKind
	title      bool // a title or role word
	given      bool // a common given name
	letter     bool // starts with a letter
	endsClause bool // ends with , ; : or .
	endsComma  bool // ends with , or ;
	period     bool // ends with .
}

// wordInfos describes every distinct word. O(distinct words).
func (f *nameFinder) wordInfos(keys []string) []wordInfo {
	out := make([]wordInfo, len(keys))
	for id, key := range keys {
		r, _ := utf8.DecodeRuneInString(key)
		info := wordInfo{letter: unicode.IsLetter(r), endsClause: endsClause(key),
			endsComma: strings.HasSuffix(key, ",") || strings.HasSuffix(key, ";"), period: strings.HasSuffix(key, ".")}
		if info.letter {
			core := nameCore(key)
			info.bare = strings.TrimSuffix(core, ".")
			info.kind = classifyNameWord(core, f.ignore)
			info.title = nameTitles[info.bare] || nameRoles[info.bare]
			info.given = givenNames[info.bare] && !f.ignore[info.bare]
		}
		out[id] = info
	}
	return out
}

// findStrong returns the names of one text found with strong evidence (title, given
// name, configured list) as token ranges, and records them in seen. O(n).
func (f *nameFinder) findStrong(toks []tok, info []wordInfo, seen *seenNames) [][2]int {
	var out [][2]int
	for i := 0; i < len(toks); i++ {
		w := &info[toks[i].id]
		if !w.title && !w.given && len(f.known) == 0 {
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
			lo, hi = i+1, f.nameRun(toks, info, i+1)
		case w.given && !w.endsClause:
			if i+1 < len(toks) && info[toks[i+1].id].kind != notNameWord {
				lo, hi = i, f.nameRun(toks, info, i)
			}
		case len(f.known) > 0:
			if n := f.knownAt(toks, info, i); n > 0 {
				lo, hi = i, i+n
			}
		}
		if hi > lo {
			out = append(out, [2]int{lo, hi})
			for k := lo; k < hi; k++ {
				seen.words[info[toks[k].id].bare] = true
				if k+1 < hi {
					seen.bigrams[[2]string{info[toks[k].id].bare, info[toks[k+1].id].bare}] = true
				}
			}
			i = hi - 1
		}
	}
	return out
}

// endsClause reports a word that ends with punctuation closing a phrase.
func endsClause(key string) bool {
	return strings.HasSuffix(key, ",") || strings.HasSuffix(key, ";") || strings.HasSuffix(key, ":") || strings.HasSuffix(key, ".")
}

// nameRun returns the end of the name starting at token i: up to four name words, the
// last of them a proper word (initials alone are no name). A title ends it: "Gen." after
// "Harlan Voss" in a list of participants starts the next name. Returns i when there is
// none.
func (f *nameFinder) nameRun(toks []tok, info []wordInfo, i int) int {
	lastProper := i
	for k := i; k < len(toks) && k < i+4; k++ {
		w := info[toks[k].id]
		if w.kind == notNameWord || w.title {
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
// anywhere (adjacent words joined only when they stood together in some name). O(n).
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
		if marks[i] != 0 || !seenID[toks[i].id] {
			continue
		}
		next++
		marks[i] = next
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
