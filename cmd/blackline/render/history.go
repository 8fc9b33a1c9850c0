package render

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/blackline/blackline/diff"
)

// HistoryOptions tune the text rendering of the analyses over many versions.
type HistoryOptions struct {
	// Color marks withheld passages red and released ones green (ANSI escapes).
	Color bool
	// Width bounds how much of a long passage is shown, in characters; 0 means 100.
	Width int
}

func (o HistoryOptions) printer(w io.Writer) *printer {
	if o.Width <= 0 {
		o.Width = 100
	}
	return &printer{w: w, opts: TextOptions{Color: o.Color, Width: o.Width}}
}

// Ledger writes the redaction ledger as a table a person can read: a heading with the
// releases and the count of each status, then each withheld passage with its state in
// every release, the event that changed it, and any warning that released text does not
// fit its declared extent.
func Ledger(w io.Writer, l *diff.Ledger, opts HistoryOptions) error {
	p := opts.printer(w)
	counts := map[string]int{}
	var order []string
	for _, r := range l.Redactions {
		if counts[r.Status] == 0 {
			order = append(order, r.Status)
		}
		counts[r.Status]++
	}
	p.printf("%s\n", p.style(bold, fmt.Sprintf("%s: %d withheld passage%s across %d release%s (%s)",
		l.Document, len(l.Redactions), plural(len(l.Redactions)), len(l.Versions), plural(len(l.Versions)), strings.Join(l.Versions, " → "))))
	if len(order) > 0 {
		var parts []string
		for _, s := range []string{diff.StatusLifted, diff.StatusPartlyLifted, diff.StatusReRedacted, diff.StatusWithheld, diff.StatusRemoved} {
			if counts[s] > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
			}
		}
		p.printf("%s\n", strings.Join(parts, " · "))
	}
	for i, r := range l.Redactions {
		where := ""
		for k := len(r.History) - 1; k >= 0; k-- {
			if h := r.History[k]; h.Line > 0 {
				where = fmt.Sprintf("line %d of %s", h.Line, h.Version)
				break
			}
		}
		p.printf("\n%s  %s\n", p.style(bold, fmt.Sprintf("%d. %s", i+1, r.Status)), p.style(dim, where))
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		var warnings []string
		prevText := ""
		for _, h := range r.History {
			version := h.Version
			if h.Reading != "" {
				version += " (read as " + h.Reading + ")"
			}
			var detail string
			switch h.State {
			case diff.StateWithheld:
				detail = p.style(red, p.show(h.Marker)) + describeMarker(h)
			case diff.StateReleased:
				if h.Text == prevText && h.Event == "" {
					detail = p.style(dim, "(same text)")
				} else {
					detail = p.style(green, "“"+p.show(h.Text)+"”")
				}
			case diff.StatePartial:
				detail = p.style(green, "“"+p.show(h.Text)+"”") + " still withheld: " + p.style(red, p.show(h.Marker)) + describeMarker(h)
			}
			if h.Event != "" {
				detail = p.style(dim, "["+h.Event+"] ") + detail
			}
			if p.err == nil {
				_, p.err = fmt.Fprintf(tw, "   %s\t%s\t%s\n", version, h.State, detail)
			}
			if h.Warning != "" {
				warnings = append(warnings, fmt.Sprintf("   ! %s: %s", h.Version, h.Warning))
			}
			prevText = h.Text
		}
		if err := tw.Flush(); err != nil && p.err == nil {
			p.err = err
		}
		for _, wn := range warnings {
			p.printf("%s\n", p.style(bold, wn))
		}
	}
	return p.err
}

// describeMarker notes a withheld entry's exemption codes and declared extent.
func describeMarker(h diff.LedgerEntry) string {
	var notes []string
	if len(h.Exemptions) > 0 {
		notes = append(notes, "exemptions "+strings.Join(h.Exemptions, " "))
	}
	if h.Extent != "" {
		notes = append(notes, "declared "+h.Extent)
	}
	if len(notes) == 0 {
		return ""
	}
	return "  (" + strings.Join(notes, "; ") + ")"
}

// Blame writes each line of the blamed version after the label of the version that first
// showed it, like git blame.
func Blame(w io.Writer, b *diff.Blame, opts HistoryOptions) error {
	p := opts.printer(w)
	width := 0
	for _, v := range b.Versions {
		width = max(width, len(v))
	}
	digits := len(fmt.Sprint(len(b.Lines)))
	for _, l := range b.Lines {
		p.printf("%s %*d  %s\n", p.style(dim, fmt.Sprintf("%-*s", width, l.Since)), digits, l.Line, l.Text)
	}
	return p.err
}

// Reveal writes the combined text. With annotate, each stretch that came from another
// release than the base is wrapped as ⟦LABEL: text⟧, and markers every release kept stay
// as they are.
func Reveal(w io.Writer, r *diff.Reveal, annotate bool) error {
	p := &printer{w: w}
	for _, s := range r.Spans {
		if annotate && s.Version != r.Base && !s.Withheld {
			p.printf("⟦%s: %s⟧", s.Version, s.Text)
			continue
		}
		p.printf("%s", s.Text)
	}
	return p.err
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
