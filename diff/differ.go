package diff

import (
	"math"
	"regexp"
	"strings"
	"sync"
	"time"
)

// Options configure the recognizers. The command line builds them from the configuration
// keys redaction.patterns, marking.patterns, names.known and names.ignore.
type Options struct {
	// RedactionPatterns are extra regular expressions for redaction markers, added to the
	// defaults.
	RedactionPatterns []string
	// MarkingPatterns are extra regular expressions for classification markings.
	MarkingPatterns []string
	// KnownNames are personal names recognized wherever they occur ("Pavel Grachev").
	KnownNames []string
	// IgnoreNames are words never taken for (part of) a personal name.
	IgnoreNames []string
	// BlockTimeout is go-diff's deadline for each changed stretch; 0 means 250ms. A
	// stretch whose deadline fires is reported as one replaced block (Stats.TimedOut).
	BlockTimeout time.Duration
	// SkipFormat leaves layout out: no format changes are looked for, and the equal
	// stretches hold whatever layout differs there. For callers that show no format
	// changes; on a re-wrapped text it saves a change for every moved line break.
	SkipFormat bool
}

// Differ compares versions. It holds the compiled recognizers and is safe for use by
// several goroutines at once.
type Differ struct {
	redaction []redactionPattern
	marking   []markingPattern
	names     nameFinder
	timeout   time.Duration
	// skipFormat: Options.SkipFormat
	skipFormat bool
	// frusExtent reads the declared extent of a FRUS note (frusExtentExpr).
	frusExtent *lazyRegexp
	// customPatterns: configured patterns may match anything, so every block is scanned.
	customPatterns bool
}

// lazyRegexp is a regular expression compiled when first used, once, by whichever
// goroutine comes first: a process that compares nothing, or texts that never need a
// convention, does not pay for compiling it.
type lazyRegexp struct {
	expr string
	once sync.Once
	re   *regexp.Regexp
	// starts finds all matches faster where they can start only at a few bytes (nil:
	// re.FindAllIndex).
	starts *startMatcher
}

// compiledRegexp wraps an expression compiled already.
func compiledRegexp(re *regexp.Regexp) *lazyRegexp {
	l := &lazyRegexp{expr: re.String(), re: re}
	l.once.Do(func() { l.starts = newStartMatcher(l.expr) })
	return l
}

// get returns the compiled expression. The default expressions are known to compile
// (TestDefaultPatternsCompile).
func (l *lazyRegexp) get() *regexp.Regexp {
	l.once.Do(func() {
		l.re = regexp.MustCompile(l.expr)
		l.starts = newStartMatcher(l.expr)
	})
	return l.re
}

// findAll returns get().FindAllIndex(text, -1).
func (l *lazyRegexp) findAll(text []byte) [][]int {
	re := l.get()
	if l.starts != nil {
		return l.starts.findAll(text)
	}
	return re.FindAllIndex(text, -1)
}

// New prepares the recognizers: configured patterns are compiled at once (an invalid one is
// a *PatternError naming its key), the default conventions when first needed.
func New(opts Options) (*Differ, error) {
	red, err := compileRedactionPatterns(opts.RedactionPatterns)
	if err != nil {
		return nil, err
	}
	mark, err := compileMarkingPatterns(opts.MarkingPatterns)
	if err != nil {
		return nil, err
	}
	d := &Differ{redaction: red, marking: mark, timeout: opts.BlockTimeout, skipFormat: opts.SkipFormat,
		frusExtent:     &lazyRegexp{expr: frusExtentExpr},
		customPatterns: len(opts.RedactionPatterns)+len(opts.MarkingPatterns) > 0}
	d.names.ignore, d.names.infos = map[string]bool{}, &wordInfoCache{}
	for _, w := range opts.IgnoreNames {
		d.names.ignore[strings.TrimSpace(w)] = true
	}
	for _, n := range opts.KnownNames {
		if words := strings.Fields(n); len(words) > 0 {
			d.names.known = append(d.names.known, words)
		}
	}
	return d, nil
}

// Diff compares old with new. Input that is not text (a NUL byte, invalid UTF-8) is
// refused with an *InputError naming the side and byte offset.
//
// Cost: tokenizing and anchoring are linear in the texts' length (see alignTokens);
// classifying is linear in the size of the changed blocks, with a small dynamic program
// per block, bounded in size. Unrelated texts (unrelated.go) are one replaced stretch.
func (d *Differ) Diff(old, new []byte) (*Result, error) {
	for _, s := range []struct {
		name string
		text []byte
	}{{"old", old}, {"new", new}} {
		if off, reason := validText(s.text); off >= 0 {
			return nil, &InputError{Side: s.name, Offset: off, Reason: reason}
		}
		if len(s.text) >= math.MaxInt32 {
			return nil, &InputError{Side: s.name, Offset: math.MaxInt32, Reason: ErrTooLarge.Error()}
		}
	}
	a, b, in := prepareSides(old, new)
	named := make(chan struct{})
	var hint []bool
	// Names, and which words may be part of a redaction or a marking, are worked out while
	// the texts are aligned.
	go func() {
		seen := seenNames{words: map[string]bool{}, bigrams: map[[2]string]bool{}}
		info := d.names.wordInfos(in.keys)
		if inCapitals(in.keys, a.toks, b.toks) {
			d.names.readCapitals(in.keys, info)
		}
		strongA := d.names.findStrong(a.text, a.toks, info, &seen)
		strongB := d.names.findStrong(b.text, b.toks, info, &seen)
		a.names = d.names.mark(a.toks, info, strongA, &seen)
		b.names = d.names.mark(b.toks, info, strongB, &seen)
		hint = make([]bool, len(in.keys))
		for id, key := range in.keys {
			hint[id] = mayHoldUnit([]byte(key))
		}
		close(named)
	}()
	blocks, st := alignTokens(a.toks, b.toks, len(in.keys), d.timeout)
	<-named
	c := &classifier{d: d, a: a, b: b, keys: in.keys, unitHint: hint, ocr: ocrReader{cache: map[string]string{}},
		windows: &windowSpans{seen: map[windowKey]recognized{}}}
	if unrelated(blocks, len(a.toks), len(b.toks)) {
		blocks, c.whole = []editBlock{{0, len(a.toks), 0, len(b.toks)}}, true
		st.Fallbacks++
	}
	res := c.classify(blocks)
	res.Stats = Stats{
		OldWords: len(a.toks), NewWords: len(b.toks), Blocks: len(blocks),
		Searched: st.Searched, TimedOut: st.TimedOut, Fallbacks: st.Fallbacks,
	}
	return res, nil
}

// prepareSides tokenizes both texts at once, each with its own interner, then renumbers
// the new side's words into the old side's interner: one map look-up per distinct word.
func prepareSides(old, new []byte) (a, b *side, in *interner) {
	var inB interner
	done := make(chan struct{})
	go func() {
		b = newSide(new, tokenize(new, &inB))
		close(done)
	}()
	in = &interner{}
	a = newSide(old, tokenize(old, in))
	<-done
	renumber := make([]int32, len(inB.keys))
	for id, key := range inB.keys {
		renumber[id] = in.id([]byte(key))
	}
	for k := range b.toks {
		b.toks[k].id = renumber[b.toks[k].id]
	}
	return a, b, in
}
