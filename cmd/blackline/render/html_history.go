package render

import (
	"bufio"
	"bytes"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/blackline/blackline/diff"
)

// This file draws the analyses over many versions as HTML: the redaction ledger (a page
// of its own, or a fragment for the viewer), blame and reveal (fragments).

// Redactor finds the redacted spans of a text; *diff.Differ is one.
type Redactor interface {
	Redactions(text []byte) []diff.RedactedSpan
}

// LedgerInput is a redaction ledger to draw.
type LedgerInput struct {
	Ledger *diff.Ledger
	// Redactor finds the markers inside partly released text, to draw them as bars; nil
	// draws that text plain.
	Redactor Redactor
	// LineURL, when set, links each state to its line in that version.
	LineURL func(label string, line int) string
}

// ledgerView is what the ledger template draws.
type ledgerView struct {
	Document string
	Versions []string
	Counts   []statusCount
	Rows     []ledgerRow
}

type statusCount struct {
	Status string
	Class  string
	Count  int
}

type ledgerRow struct {
	N           int
	Status      string
	StatusClass string
	Cells       []ledgerCell // one per version of the ledger
}

type ledgerCell struct {
	Present  bool
	State    string
	Event    string
	Class    string // CSS class of the event
	Reading  string
	Bar      *bar   // the marker, where withheld
	Parts    []part // the text, where released or partly
	Same     bool   // the same text as the version before
	Warning  string
	Href     string
	LineText string
}

// statusOrder lists the ledger's statuses, gravest first.
var statusOrder = []string{diff.StatusReRedacted, diff.StatusWithheld, diff.StatusPartlyLifted, diff.StatusLifted, diff.StatusRemoved}

func cssName(s string) string { return strings.ReplaceAll(s, " ", "-") }

func newLedgerView(in LedgerInput) *ledgerView {
	l := in.Ledger
	v := &ledgerView{Document: l.Document, Versions: l.Versions}
	counts := map[string]int{}
	for _, r := range l.Redactions {
		counts[r.Status]++
	}
	for _, s := range statusOrder {
		if counts[s] > 0 {
			v.Counts = append(v.Counts, statusCount{Status: s, Class: cssName(s), Count: counts[s]})
		}
	}
	column := map[string]int{}
	for i, label := range l.Versions {
		column[label] = i
	}
	for i, r := range l.Redactions {
		row := ledgerRow{N: i + 1, Status: r.Status, StatusClass: cssName(r.Status), Cells: make([]ledgerCell, len(l.Versions))}
		prevText := ""
		for _, h := range r.History {
			c := ledgerCell{Present: true, State: h.State, Event: h.Event, Class: cssName(h.Event), Reading: h.Reading, Warning: h.Warning}
			if h.State != diff.StateAbsent && h.Line > 0 {
				c.LineText = fmt.Sprintf("line %d", h.Line)
				if in.LineURL != nil {
					label := h.Version
					if h.Reading != "" {
						label = h.Reading
					}
					c.Href = in.LineURL(label, h.Line)
				}
			}
			switch h.State {
			case diff.StateWithheld:
				c.Bar = &bar{Label: markerLabel(h), Marker: h.Marker}
			case diff.StateReleased:
				c.Same = h.Text == prevText && h.Event == ""
				c.Parts = []part{{Text: h.Text}}
			case diff.StatePartial:
				c.Parts = markedParts(h.Text, in.Redactor)
			}
			prevText = h.Text
			if k, ok := column[h.Version]; ok {
				row.Cells[k] = c
			}
		}
		v.Rows = append(v.Rows, row)
	}
	return v
}

// markerLabel labels a withheld entry's bar: its exemption codes, else its extent.
func markerLabel(h diff.LedgerEntry) string {
	label := strings.Join(h.Exemptions, " ")
	if label == "" {
		label = h.Extent
	}
	if label == "" {
		label = "withheld"
	}
	return label
}

// markedParts cuts text at its redacted spans, drawn as bars.
func markedParts(text string, r Redactor) []part {
	if r == nil {
		return []part{{Text: text}}
	}
	return newSide([]byte(text), r.Redactions([]byte(text))).parts(0, len(text), nil)
}

// LedgerHTML writes the redaction ledger as one self-contained page: a table with a row
// per withheld passage and a column per release, withheld states drawn as black bars
// labelled with their exemption codes, released text highlighted, re-redactions outlined
// in red. Cost: O(passages × releases) plus the size of the texts shown.
func LedgerHTML(w io.Writer, in LedgerInput) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	err := templates.ExecuteTemplate(bw, "ledger-report", struct {
		*ledgerView
		CSS template.CSS
	}{newLedgerView(in), template.CSS(Stylesheet())})
	if err != nil {
		return fmt.Errorf("write html: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write html: %w", err)
	}
	return nil
}

// LedgerFragment returns the ledger's table for a page that links the stylesheet.
func LedgerFragment(in LedgerInput) (template.HTML, error) {
	return fragment("ledger", newLedgerView(in))
}

// BlameInput is a blamed version to draw.
type BlameInput struct {
	Blame *diff.Blame
	// Redactor finds the markers in each line, drawn as bars; nil draws lines plain.
	Redactor Redactor
	// VersionURL, when set, links each version label to that version.
	VersionURL func(label string) string
}

type blameView struct {
	Legend []legendEntry
	Lines  []blameLine
}

type legendEntry struct {
	Label string
	Class string
	Count int
	Href  string
	Base  bool
}

type blameLine struct {
	N     int
	Since string
	Class string
	First bool // the first of a run of lines with the same date
	Parts []part
	Href  string
}

// BlameFragment draws each line of the blamed version beside the release that first
// showed it, coloured by that release, with a legend of how many lines each gave.
func BlameFragment(in BlameInput) (template.HTML, error) {
	b := in.Blame
	index := map[string]int{}
	v := &blameView{}
	for i, label := range b.Versions {
		index[label] = i
		e := legendEntry{Label: label, Class: versionClass(i)}
		if in.VersionURL != nil {
			e.Href = in.VersionURL(label)
		}
		v.Legend = append(v.Legend, e)
	}
	prev := "\x00"
	for _, l := range b.Lines {
		bl := blameLine{N: l.Line, Since: l.Since, First: l.Since != prev}
		if i, ok := index[l.Since]; ok {
			bl.Class = versionClass(i)
			v.Legend[i].Count++
			bl.Href = v.Legend[i].Href
		}
		bl.Parts = markedParts(l.Text, in.Redactor)
		v.Lines = append(v.Lines, bl)
		prev = l.Since
	}
	return fragment("blame", v)
}

// RevealInput is a combined text to draw.
type RevealInput struct {
	Reveal *diff.Reveal
	// Redactor labels the markers every release kept; nil labels them "withheld".
	Redactor Redactor
	// VersionURL, when set, links each version label to that version.
	VersionURL func(label string) string
}

type revealView struct {
	Base     string
	Withheld int
	Legend   []legendEntry
	Spans    []revealSpan
}

type revealSpan struct {
	Version string
	Reading string
	Class   string
	Base    bool
	Parts   []part
}

// RevealFragment draws the fullest text the releases give together: each stretch another
// release filled in coloured by that release, markers every release kept as black bars.
func RevealFragment(in RevealInput) (template.HTML, error) {
	r := in.Reveal
	index := map[string]int{}
	v := &revealView{Base: r.Base, Withheld: r.Withheld}
	for i, label := range r.Versions {
		index[label] = i
		e := legendEntry{Label: label, Class: versionClass(i), Base: label == r.Base}
		if in.VersionURL != nil {
			e.Href = in.VersionURL(label)
		}
		v.Legend = append(v.Legend, e)
	}
	for _, s := range r.Spans {
		rs := revealSpan{Version: s.Version, Reading: s.Reading, Base: s.Version == r.Base}
		if i, ok := index[s.Version]; ok {
			rs.Class = versionClass(i)
			if !s.Withheld {
				v.Legend[i].Count += len(diff.Tokenize([]byte(s.Text)))
			}
		}
		if s.Withheld {
			var spans []diff.RedactedSpan
			if in.Redactor != nil {
				spans = in.Redactor.Redactions([]byte(s.Text))
			}
			if len(spans) == 0 {
				spans = []diff.RedactedSpan{{Span: diff.Span{Start: 0, End: len(s.Text), Text: s.Text}, Marker: s.Text}}
			}
			rs.Parts = newSide([]byte(s.Text), spans).parts(0, len(s.Text), nil)
		} else {
			rs.Parts = []part{{Text: s.Text}}
		}
		v.Spans = append(v.Spans, rs)
	}
	return fragment("reveal", v)
}

// versionClass is the CSS class that colours the i-th version of a document.
func versionClass(i int) string { return fmt.Sprintf("v%d", i%8) }

func fragment(name string, data any) (template.HTML, error) {
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, name, data); err != nil {
		return "", fmt.Errorf("render %s: %w", name, err)
	}
	return template.HTML(buf.String()), nil
}
