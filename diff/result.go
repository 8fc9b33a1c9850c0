package diff

import (
	"fmt"
	"strings"
)

// Category is what kind of difference a change is.
type Category string

// The categories, in precedence order: a change's Kind is the first of its Categories.
const (
	Redaction     Category = "redaction"
	Marking       Category = "marking"
	Name          Category = "name"
	Transcription Category = "transcription"
	Text          Category = "text"
	Format        Category = "format"
)

// Categories lists every category in precedence order.
var Categories = []Category{Redaction, Marking, Name, Transcription, Text, Format}

// precedence returns the rank of c: 0 for redaction … 5 for format.
func precedence(c Category) int {
	for i, x := range Categories {
		if x == c {
			return i
		}
	}
	return len(Categories)
}

// Actions, by category.
const (
	ActionLifted    = "lifted"    // redaction: withheld text shown
	ActionAdded     = "added"     // redaction: shown text withheld; marking, name: appeared
	ActionChanged   = "changed"   // redaction, marking, name: still there, different
	ActionRemoved   = "removed"   // marking, name: disappeared
	ActionCorrected = "corrected" // transcription: the same words read differently
	ActionInserted  = "inserted"  // text
	ActionDeleted   = "deleted"   // text
	ActionReplaced  = "replaced"  // text
	ActionMoved     = "moved"     // text: the same passage elsewhere
	ActionReflowed  = "reflowed"  // format: whitespace, line breaks, hyphenation
)

// Span is a stretch of one version's text.
type Span struct {
	// Start and End are byte offsets into that version's exact text, End exclusive. A
	// change with nothing on one side has Start == End there, at the point where the
	// other side's text stands.
	Start int `json:"start"`
	End   int `json:"end"`
	// Line is the 1-based line of Start.
	Line int `json:"line"`
	// Text is the bytes of the span.
	Text string `json:"text"`
}

// Detail carries what a change's categories say beyond its spans.
type Detail struct {
	// ExemptionsOld and ExemptionsNew are the exemption codes of the redacted span on
	// each side.
	ExemptionsOld []string `json:"exemptions_old,omitempty"`
	ExemptionsNew []string `json:"exemptions_new,omitempty"`
	// ExtentOld and ExtentNew are the declared extents of the redacted span on each side
	// ("1 paragraph (5 lines)", "12 characters").
	ExtentOld string `json:"extent_old,omitempty"`
	ExtentNew string `json:"extent_new,omitempty"`
	// Partial is set on a lift that left part of the span withheld.
	Partial bool `json:"partial,omitempty"`
	// Names are the personal names the change shows, hides, adds, removes or respells.
	Names []string `json:"names,omitempty"`
	// From and To are the classification levels of a marking change (or the two
	// spellings of a respelled name); Direction is "upgrade" or "downgrade".
	From      string `json:"from,omitempty"`
	To        string `json:"to,omitempty"`
	Direction string `json:"direction,omitempty"`
}

// Change is one difference between the versions.
type Change struct {
	// Kind is the primary category, the first of Categories.
	Kind Category `json:"kind"`
	// Categories are all the categories the change belongs to, in precedence order.
	Categories []Category `json:"categories"`
	// Action is what happened, in the terms of Kind.
	Action string `json:"action"`
	Old    Span   `json:"old"`
	New    Span   `json:"new"`
	Detail Detail `json:"detail"`
}

// Has reports whether the change belongs to category c.
func (c Change) Has(cat Category) bool {
	for _, x := range c.Categories {
		if x == cat {
			return true
		}
	}
	return false
}

// Equal is a stretch the versions share: the same words, in the same order.
type Equal struct {
	Old Span `json:"old"`
	New Span `json:"new"`
}

// Stats tells how the alignment was reached, for diagnostics.
type Stats struct {
	OldWords, NewWords int
	// Blocks is the number of changed blocks the alignment found.
	Blocks int
	// Searched is the number of stretches given to go-diff; TimedOut of those hit the
	// deadline (Options.BlockTimeout) and were each taken as one replaced block;
	// Fallbacks were too large to search, or made of unrelated texts (a fifth of their
	// words or less in common), and were taken likewise.
	Searched, TimedOut, Fallbacks int
}

// Result is the outcome of comparing two versions.
type Result struct {
	Summary Summary  `json:"summary"`
	Changes []Change `json:"changes"`
	// Equal holds the stretches outside every change. Together with the changes' spans
	// they cover each version exactly once, so a renderer can draw both sides whole.
	Equal []Equal `json:"-"`
	Stats Stats   `json:"-"`
}

// Summary counts the changes of a result under each category they belong to.
type Summary struct {
	Redaction     int `json:"redaction"`
	Marking       int `json:"marking"`
	Name          int `json:"name"`
	Transcription int `json:"transcription"`
	Text          int `json:"text"`
	Format        int `json:"format"`

	// RedactionsLifted, RedactionsAdded and RedactionsChanged split Redaction by action.
	RedactionsLifted  int `json:"-"`
	RedactionsAdded   int `json:"-"`
	RedactionsChanged int `json:"-"`
}

// Summarize counts changes under each of their categories.
func Summarize(changes []Change) Summary {
	var s Summary
	for _, c := range changes {
		for _, cat := range c.Categories {
			switch cat {
			case Redaction:
				s.Redaction++
			case Marking:
				s.Marking++
			case Name:
				s.Name++
			case Transcription:
				s.Transcription++
			case Text:
				s.Text++
			case Format:
				s.Format++
			}
		}
		if c.Kind == Redaction {
			switch c.Action {
			case ActionLifted:
				s.RedactionsLifted++
			case ActionAdded:
				s.RedactionsAdded++
			case ActionChanged:
				s.RedactionsChanged++
			}
		}
	}
	return s
}

// Count returns the number of changes under category c.
func (s Summary) Count(c Category) int {
	switch c {
	case Redaction:
		return s.Redaction
	case Marking:
		return s.Marking
	case Name:
		return s.Name
	case Transcription:
		return s.Transcription
	case Text:
		return s.Text
	case Format:
		return s.Format
	}
	return 0
}

// Total is the number of changes counted, each once per category.
func (s Summary) Total() int {
	return s.Redaction + s.Marking + s.Name + s.Transcription + s.Text + s.Format
}

// String is the one-line flag summary used in commit messages and logs:
// "redaction 3 (2 lifted, 1 added) · marking 1 · name 2 · transcription 14 · text 1".
// Non-zero categories appear in precedence order; layout-only changes come last as
// "format N", or alone as "format only: N reflowed"; no change at all is "no differences".
func (s Summary) String() string {
	var parts []string
	for _, c := range Categories[:len(Categories)-1] {
		n := s.Count(c)
		if n == 0 {
			continue
		}
		part := fmt.Sprintf("%s %d", c, n)
		if c == Redaction {
			var acts []string
			for _, a := range []struct {
				n    int
				name string
			}{{s.RedactionsLifted, ActionLifted}, {s.RedactionsAdded, ActionAdded}, {s.RedactionsChanged, ActionChanged}} {
				if a.n > 0 {
					acts = append(acts, fmt.Sprintf("%d %s", a.n, a.name))
				}
			}
			if len(acts) > 0 {
				part += " (" + strings.Join(acts, ", ") + ")"
			}
		}
		parts = append(parts, part)
	}
	switch {
	case len(parts) == 0 && s.Format == 0:
		return "no differences"
	case len(parts) == 0:
		return fmt.Sprintf("format only: %d reflowed", s.Format)
	case s.Format > 0:
		parts = append(parts, fmt.Sprintf("format %d", s.Format))
	}
	return strings.Join(parts, " · ")
}

// Filter returns the result restricted to changes in any of the categories only (all when
// only is empty); format changes are kept only when withFormat is set or only names
// format. The summary counts what is kept; Equal and Stats are carried over. When every
// change is kept, the result shares r's Changes.
func (r *Result) Filter(only []Category, withFormat bool) *Result {
	want := map[Category]bool{}
	for _, c := range only {
		want[c] = true
	}
	if want[Format] {
		withFormat = true
	}
	keep := func(c Change) bool {
		if c.Kind == Format && !withFormat {
			return false
		}
		if len(want) == 0 {
			return true
		}
		for _, cat := range c.Categories {
			if want[cat] {
				return true
			}
		}
		return false
	}
	out := &Result{Changes: []Change{}, Equal: r.Equal, Stats: r.Stats}
	kept := 0
	for _, c := range r.Changes {
		if keep(c) {
			kept++
		}
	}
	if kept == len(r.Changes) && kept > 0 {
		out.Changes = r.Changes
	} else if kept > 0 {
		out.Changes = make([]Change, 0, kept)
		for _, c := range r.Changes {
			if keep(c) {
				out.Changes = append(out.Changes, c)
			}
		}
	}
	out.Summary = Summarize(out.Changes)
	return out
}

// ParseCategories reads a comma-separated list of category names ("redaction,name").
func ParseCategories(list string) ([]Category, error) {
	var out []Category
	for _, f := range strings.Split(list, ",") {
		f = strings.TrimSpace(strings.ToLower(f))
		if f == "" {
			continue
		}
		if precedence(Category(f)) >= len(Categories) {
			names := make([]string, len(Categories))
			for i, c := range Categories {
				names[i] = string(c)
			}
			return nil, fmt.Errorf("unknown category %q (want %s)", f, strings.Join(names, ", "))
		}
		out = append(out, Category(f))
	}
	return out, nil
}
