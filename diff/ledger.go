package diff

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// States of a withheld passage in one version (LedgerEntry.State).
const (
	StateWithheld = "withheld" // a marker stands where the passage is
	StateReleased = "released" // the passage is shown
	StatePartial  = "partial"  // part shown, part still behind a marker
	StateAbsent   = "absent"   // the passage is not in this version at all
)

// Statuses of a withheld passage across the versions (LedgerRedaction.Status), by its
// state in the latest version and before.
const (
	StatusWithheld     = "withheld"      // withheld in every version that has it
	StatusLifted       = "lifted"        // released in the latest after being withheld
	StatusPartlyLifted = "partly lifted" // partly shown in the latest, never shown whole
	StatusReRedacted   = "re-redacted"   // withheld (or partly) in the latest after an earlier version showed it
	StatusRemoved      = "removed"       // the passage is not in the latest version
)

// Events between one version and the next (LedgerEntry.Event).
const (
	EventLifted            = "lifted"
	EventPartlyLifted      = "partly lifted"
	EventReRedacted        = "re-redacted"
	EventExemptionsChanged = "exemptions changed"
	EventExtentChanged     = "extent changed"
	EventMarkerChanged     = "marker changed"
	EventRemoved           = "removed"
)

// Ledger is the redaction ledger of a document: every passage that any version withheld,
// followed across the releases.
type Ledger struct {
	Document string `json:"document"`
	// Versions are the labels of the releases followed, oldest first.
	Versions []string `json:"versions"`
	// Redactions are the withheld passages, in the order they stand in the latest
	// version; passages the latest version no longer has come last.
	Redactions []LedgerRedaction `json:"redactions"`
}

// LedgerRedaction is one withheld passage and its history.
type LedgerRedaction struct {
	// Status sums the history up: StatusWithheld, StatusLifted, StatusPartlyLifted,
	// StatusReRedacted or StatusRemoved.
	Status string `json:"status"`
	// History has one entry a version, from the first version that has the passage.
	History []LedgerEntry `json:"history"`
}

// LedgerEntry is the state of a withheld passage in one version.
type LedgerEntry struct {
	// Version is the release's label; Reading, when set, is the label of the
	// transcription of it whose text was read.
	Version string `json:"version"`
	Reading string `json:"reading,omitempty"`
	// State is StateWithheld, StateReleased, StatePartial or StateAbsent.
	State string `json:"state"`
	// Event is what happened since the previous entry ("lifted", "re-redacted",
	// "exemptions changed", …); "" when nothing did or for the first entry.
	Event string `json:"event,omitempty"`
	// Marker, Exemptions and Extent describe the marker where the passage is withheld
	// (several markers are joined with " … ").
	Marker     string   `json:"marker"`
	Exemptions []string `json:"exemptions"`
	Extent     string   `json:"extent,omitempty"`
	// Text is the passage as shown where it is released (or partly).
	Text string `json:"text"`
	// Line is the 1-based line where the passage starts in that version (0 when absent).
	Line int `json:"line,omitempty"`
	// Warning says when released text clearly does not fit the extent the marker had
	// declared (a one-word release for a declared paragraph, a sentence for a name).
	Warning string `json:"warning,omitempty"`
}

// Ledger follows every withheld passage of a document across its releases, oldest first:
// in each release it is withheld (with marker, exemption codes and declared extent),
// released (with the text), partly released, or absent. A transcription is read in place
// of the release it transcribes (the latest one, when several). Passages are followed
// through the alignment of consecutive releases (see correspond), not by position;
// a passage first withheld in a later release is traced back to the text earlier
// releases showed. Released text that does not fit the declared extent gets a warning.
//
// Cost: one alignment per pair of consecutive releases (near-linear in their length),
// then O(s · log P) to follow s withheld spans through P pieces.
func (d *Differ) Ledger(document string, versions []VersionText) (*Ledger, error) {
	index, err := checkVersions(versions)
	if err != nil {
		return nil, fmt.Errorf("ledger of %s: %w", document, err)
	}
	rs := releaseReadings(versions, index)
	texts, corrs, err := d.chain(rs)
	if err != nil {
		return nil, fmt.Errorf("ledger of %s: %w", document, err)
	}
	var threads []*thread
	for i, t := range texts {
		claimed := make([]bool, len(t.spans))
		for _, th := range threads {
			if i > 0 {
				th.cur = corrs[i-1].mapRange(th.cur, true)
			}
			th.add(t, rs[i], &claimed)
		}
		for s, span := range t.spans {
			if claimed[s] {
				continue
			}
			th := &thread{first: i, order: len(threads)}
			r := t.tokensOf(span.Span.Start, span.Span.End)
			// Trace the passage back through the releases that showed it.
			var back []LedgerEntry
			for k, br := i-1, r; k >= 0; k-- {
				br = corrs[k].mapRange(br, false)
				state, wr := texts[k].stateOf(br)
				if state == StateAbsent {
					break
				}
				back = append(back, texts[k].entry(rs[k], wr, state))
				br = wr
			}
			for k := len(back) - 1; k >= 0; k-- {
				th.push(back[k])
			}
			th.cur = r
			th.add(t, rs[i], &claimed)
			threads = append(threads, th)
		}
	}
	sort.SliceStable(threads, func(x, y int) bool {
		tx, ty := threads[x], threads[y]
		gx, gy := tx.cur.lo >= tx.cur.hi, ty.cur.lo >= ty.cur.hi
		if gx != gy {
			return !gx
		}
		if !gx && tx.cur.lo != ty.cur.lo {
			return tx.cur.lo < ty.cur.lo
		}
		return tx.order < ty.order
	})
	l := &Ledger{Document: document, Versions: make([]string, len(rs)), Redactions: []LedgerRedaction{}}
	for i, r := range rs {
		l.Versions[i] = r.label
	}
	for _, th := range threads {
		l.Redactions = append(l.Redactions, LedgerRedaction{Status: th.status(), History: th.entries})
	}
	return l, nil
}

// chain prepares the readings' texts and aligns each with the next, in parallel.
func (d *Differ) chain(rs []reading) ([]*prepared, []*correspondence, error) {
	texts := make([]*prepared, len(rs))
	parallel(len(rs), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			texts[i] = d.prepare(rs[i].text)
		}
	})
	corrs, err := d.correspondAll(texts)
	return texts, corrs, err
}

// correspondAll aligns each text with the next, in parallel.
func (d *Differ) correspondAll(texts []*prepared) ([]*correspondence, error) {
	if len(texts) < 2 {
		return nil, nil
	}
	corrs := make([]*correspondence, len(texts)-1)
	errs := make([]error, len(corrs))
	var wg sync.WaitGroup
	for k := range corrs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			corrs[k], errs[k] = d.correspond(texts[k], texts[k+1])
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return corrs, nil
}

// thread is one withheld passage being followed.
type thread struct {
	entries []LedgerEntry
	cur     tokenRange // where the passage stands in the latest version processed
	first   int
	order   int
}

// add records the passage's state in version t (whose reading is r) and claims the
// redacted spans it covers there.
func (th *thread) add(t *prepared, r reading, claimed *[]bool) {
	if n := len(th.entries); n > 0 && th.entries[n-1].State == StateAbsent {
		th.push(LedgerEntry{Version: r.label, Reading: r.via, State: StateAbsent, Exemptions: []string{}})
		return
	}
	state, wr := t.stateOf(th.cur)
	th.cur = wr
	for k := wr.lo; k < wr.hi; k++ {
		if s := t.redacted[k]; s != 0 {
			(*claimed)[s-1] = true
		}
	}
	th.push(t.entry(r, wr, state))
}

// push appends an entry, with its event and fit warning against the previous one.
func (th *thread) push(e LedgerEntry) {
	if n := len(th.entries); n > 0 {
		prev := th.entries[n-1]
		e.Event = event(prev, e)
		if e.State == StateReleased && prev.State == StateWithheld && !strings.Contains(prev.Extent, ";") {
			e.Warning = redactionFit(prev.Extent, e.Text)
		}
	}
	th.entries = append(th.entries, e)
}

// event names what happened to a passage between two versions.
func event(prev, cur LedgerEntry) string {
	switch {
	case cur.State == prev.State && cur.State != StateWithheld && cur.State != StatePartial:
		return ""
	case cur.State == StateAbsent:
		return EventRemoved
	case cur.State == StateReleased:
		return EventLifted
	case prev.State == StateReleased:
		return EventReRedacted
	case prev.State == StateWithheld && cur.State == StatePartial:
		return EventPartlyLifted
	case prev.State == StatePartial && cur.State == StateWithheld:
		return EventReRedacted
	case !sameStrings(prev.Exemptions, cur.Exemptions):
		return EventExemptionsChanged
	case prev.Extent != cur.Extent:
		return EventExtentChanged
	case strings.Join(strings.Fields(prev.Marker), " ") != strings.Join(strings.Fields(cur.Marker), " "):
		return EventMarkerChanged
	}
	return ""
}

func sameStrings(x, y []string) bool {
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}

// status sums a passage's history up by its latest state and the states before.
func (th *thread) status() string {
	last := th.entries[len(th.entries)-1].State
	shownWhole := false
	for _, e := range th.entries[:len(th.entries)-1] {
		shownWhole = shownWhole || e.State == StateReleased
	}
	shown := shownWhole
	for _, e := range th.entries[:len(th.entries)-1] {
		shown = shown || e.State == StatePartial
	}
	switch last {
	case StateReleased:
		return StatusLifted
	case StatePartial:
		if shownWhole {
			return StatusReRedacted
		}
		return StatusPartlyLifted
	case StateAbsent:
		return StatusRemoved
	}
	if shown {
		return StatusReRedacted
	}
	return StatusWithheld
}

// stateOf says how tokens r stand in p: absent (empty), withheld (only markers and
// markings), released (no marker) or partial; and returns r widened to whole markers
// (narrowed to them when withheld).
func (p *prepared) stateOf(r tokenRange) (string, tokenRange) {
	if r.lo >= r.hi {
		return StateAbsent, r
	}
	r = p.widen(r)
	first, last, visible := -1, -1, 0
	for k := r.lo; k < r.hi; k++ {
		switch {
		case p.redacted[k] != 0:
			if first < 0 {
				first = k
			}
			last = k
		case !p.marking[k]:
			visible++
		}
	}
	switch {
	case first < 0:
		return StateReleased, r
	case visible == 0:
		return StateWithheld, tokenRange{first, last + 1}
	}
	return StatePartial, r
}

// entry describes tokens r of p, in state state, as a ledger entry of reading rd.
func (p *prepared) entry(rd reading, r tokenRange, state string) LedgerEntry {
	e := LedgerEntry{Version: rd.label, Reading: rd.via, State: state, Exemptions: []string{}}
	if state == StateAbsent {
		return e
	}
	e.Line = p.line(r)
	if state == StateReleased || state == StatePartial {
		// in whole words, less the clause punctuation after the last: "(b)(6)," released
		// as "Maj. Anna Kowalski," shows the name, the comma belonging to the sentence (as
		// the marker is shown without it)
		e.Text = strings.TrimRight(p.text(r), ",;:")
	}
	if state == StateWithheld || state == StatePartial {
		var markers, extents []string
		seen := map[string]bool{}
		last := int32(0)
		for k := r.lo; k < r.hi; k++ {
			s := p.redacted[k]
			if s == 0 || s == last {
				continue
			}
			last = s
			span := p.spans[s-1]
			// the marker as printed, in whole words: a span cut inside a word shows it all
			marker := strings.TrimRight(p.text(p.tokensOf(span.Span.Start, span.Span.End)), ".,;:")
			markers = append(markers, marker)
			if span.Extent != "" {
				extents = append(extents, span.Extent)
			}
			for _, x := range span.Exemptions {
				if !seen[x] {
					seen[x] = true
					e.Exemptions = append(e.Exemptions, x)
				}
			}
		}
		e.Marker = strings.Join(markers, " … ")
		e.Extent = strings.Join(extents, "; ")
	}
	return e
}

// Extents a marker may declare, as describeRedaction reads them.
var (
	reExtentCharacters = regexp.MustCompile(`^(\d+) characters$`)
	reExtentLines      = regexp.MustCompile(`(?i)\b(less than )?(\d+|one|two|three|four|five|six|seven|eight|nine|ten|a) lines?\b`)
	reExtentNames      = regexp.MustCompile(`(?i)\b(?:(\d+|one|two|three|four|five|a) )?(?:personal )?names?\b`)
	reExtentParagraphs = regexp.MustCompile(`(?i)\b(\d+|one|two|three|four|five|a) paragraphs?\b`)
	reExtentPages      = regexp.MustCompile(`(?i)\b(\d+|one|two|three|four|five|a) pages?\b`)
)

var numberWords = map[string]int{"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

func extentNumber(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	if n, ok := numberWords[strings.ToLower(s)]; ok {
		return n
	}
	return 1
}

// Bounds of the redaction-fit check: how many words a declared extent may clearly hold.
const (
	fitWordsPerName     = 4  // "Maj. Gen. John Smith"
	fitMinWordsPerLine  = 2  // a declared line released as fewer words a line is suspect
	fitMaxWordsPerLine  = 20 // a typed line rarely holds more
	fitMinWordsPerPara  = 5
	fitMinWordsPerPage  = 30
	fitCharacterSlack   = 8 // a run of N block characters may hide up to 2N+8 characters
	fitMaxWordsLessLine = 20
)

// redactionFit compares released text with the extent its marker declared and returns a
// warning when they clearly do not fit, else "". Extents it does not know are not
// checked.
func redactionFit(extent, released string) string {
	if extent == "" {
		return ""
	}
	words := len(strings.Fields(released))
	chars := 0
	for _, r := range released {
		if !unicode.IsSpace(r) {
			chars++
		}
	}
	plural := func(n int, one string) string {
		if n == 1 {
			return fmt.Sprintf("%d %s", n, one)
		}
		return fmt.Sprintf("%d %ss", n, one)
	}
	tooFew := fmt.Sprintf("marker declared %s; released %s", extent, plural(words, "word"))
	tooMany := tooFew
	if m := reExtentCharacters.FindStringSubmatch(extent); m != nil {
		n, _ := strconv.Atoi(m[1])
		if chars > 2*n+fitCharacterSlack || 3*chars+3 < n {
			return fmt.Sprintf("marker declared %s; released %s", extent, plural(chars, "character"))
		}
		return ""
	}
	if m := reExtentLines.FindStringSubmatch(extent); m != nil {
		if m[1] != "" {
			if words > fitMaxWordsLessLine {
				return tooMany
			}
			return ""
		}
		n := extentNumber(m[2])
		if words < fitMinWordsPerLine*n && n > 1 || words > fitMaxWordsPerLine*n+10 {
			return tooFew
		}
		return ""
	}
	if m := reExtentParagraphs.FindStringSubmatch(extent); m != nil {
		if words < fitMinWordsPerPara*extentNumber(m[1]) {
			return tooFew
		}
		return ""
	}
	if m := reExtentPages.FindStringSubmatch(extent); m != nil {
		if words < fitMinWordsPerPage*extentNumber(m[1]) {
			return tooFew
		}
		return ""
	}
	if m := reExtentNames.FindStringSubmatch(extent); m != nil {
		n := 1
		if m[1] != "" {
			n = extentNumber(m[1])
		}
		if words > fitWordsPerName*n+1 {
			return tooMany
		}
	}
	return ""
}
