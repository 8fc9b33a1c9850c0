package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/blackline/blackline/diff"
)

// Source says where one side of a comparison came from: an archive reference and its
// commit, or a file path. It is written as the "old" and "new" objects of the JSON output.
type Source struct {
	Ref    string `json:"ref,omitempty"`
	Commit string `json:"commit,omitempty"`
	Path   string `json:"path,omitempty"`
}

// String names the source for people: the reference (with its short commit) or the path.
func (s Source) String() string {
	switch {
	case s.Ref != "" && s.Commit != "":
		return fmt.Sprintf("%s (%.7s)", s.Ref, s.Commit)
	case s.Ref != "":
		return s.Ref
	case s.Path != "":
		return s.Path
	}
	return "?"
}

// Document is the JSON output of a comparison: where both sides came from, the summary
// and the changes. JSON writes it field by field; it decodes with encoding/json.
type Document struct {
	Old     Source        `json:"old"`
	New     Source        `json:"new"`
	Summary diff.Summary  `json:"summary"`
	Changes []diff.Change `json:"changes"`
}

// JSON writes the comparison as one indented JSON document, the Document type's encoding.
// Changes are encoded one at a time into a buffered writer, so memory stays proportional
// to the largest change, not to the whole output.
func JSON(w io.Writer, old, new Source, res *diff.Result) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("  ", "  ")
	field := func(name string, v any, last bool) error {
		buf.Reset()
		if err := enc.Encode(v); err != nil {
			return err
		}
		sep := ",\n"
		if last {
			sep = "\n"
		}
		_, err := fmt.Fprintf(bw, "  %q: %s%s", name, bytes.TrimRight(buf.Bytes(), "\n"), sep)
		return err
	}
	if _, err := bw.WriteString("{\n"); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	for _, f := range []struct {
		name string
		v    any
	}{{"old", old}, {"new", new}, {"summary", res.Summary}} {
		if err := field(f.name, f.v, false); err != nil {
			return fmt.Errorf("write json: %w", err)
		}
	}
	if len(res.Changes) == 0 {
		if _, err := bw.WriteString("  \"changes\": []\n}\n"); err != nil {
			return fmt.Errorf("write json: %w", err)
		}
		return bw.Flush()
	}
	bw.WriteString("  \"changes\": [\n")
	var line []byte
	for i, c := range res.Changes {
		line = append(appendChange(append(line[:0], "    "...), c, "    "), ",\n"...)
		if i == len(res.Changes)-1 {
			line = append(line[:len(line)-2], '\n')
		}
		bw.Write(line)
	}
	bw.WriteString("  ]\n}\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}

// TextOptions tune the text rendering.
type TextOptions struct {
	// Color marks removed text red, added text green and headings bold (ANSI escapes).
	Color bool
	// Width bounds how much of a long span is shown, in characters; 0 means 240.
	Width int
	// HiddenLayout is the number of layout changes left out (shown with --all).
	HiddenLayout int
}

// sections orders the text output: flagged categories first, then the rest.
var sections = []struct {
	kind  diff.Category
	title string
}{
	{diff.Redaction, "Redactions"},
	{diff.Marking, "Classification markings"},
	{diff.Name, "Personal names"},
	{diff.Transcription, "Transcription fixes (the same words read differently)"},
	{diff.Text, "Text edits"},
	{diff.Format, "Layout (reflowed lines, hyphenation, spacing)"},
}

// Text writes the comparison for a reader: the sources, the flag summary, then each
// change grouped by its kind — redactions, markings and names first, each with its line
// numbers and both sides — then transcription fixes and text edits.
func Text(w io.Writer, old, new Source, res *diff.Result, opts TextOptions) error {
	p := &printer{w: w, opts: opts}
	if p.opts.Width <= 0 {
		p.opts.Width = 240
	}
	p.printf("%s %s\n", p.style(bold, "old:"), old)
	p.printf("%s %s\n", p.style(bold, "new:"), new)
	p.printf("%s\n", p.style(bold, res.Summary.String()))
	if n := res.Stats.TimedOut + res.Stats.Fallbacks; n > 0 {
		p.printf("%s\n", p.style(dim, fmt.Sprintf("note: %d long changed stretches were too costly to compare word by word and are shown whole", n)))
	}
	switch n := opts.HiddenLayout; {
	case n == 1:
		p.printf("%s\n", p.style(dim, "1 layout change not shown (--all shows it)"))
	case n > 1:
		p.printf("%s\n", p.style(dim, fmt.Sprintf("%d layout changes not shown (--all shows them)", n)))
	}
	for _, sec := range sections {
		var group []diff.Change
		for _, c := range res.Changes {
			if c.Kind == sec.kind {
				group = append(group, c)
			}
		}
		if len(group) == 0 {
			continue
		}
		p.printf("\n%s\n", p.style(bold, fmt.Sprintf("%s: %d", sec.title, len(group))))
		for _, c := range group {
			p.change(c)
		}
	}
	return p.err
}

const (
	bold  = "\x1b[1m"
	red   = "\x1b[31m"
	green = "\x1b[32m"
	dim   = "\x1b[2m"
	reset = "\x1b[0m"
)

type printer struct {
	w    io.Writer
	opts TextOptions
	err  error
}

func (p *printer) printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

func (p *printer) style(code, s string) string {
	if !p.opts.Color || s == "" {
		return s
	}
	return code + s + reset
}

// show makes a span's text fit one line: whitespace runs become one space (a line break
// shows as ⏎), long text is cut in the middle.
func (p *printer) show(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch r {
		case '\n':
			if !space || !strings.HasSuffix(b.String(), "⏎ ") {
				b.WriteString(" ⏎ ")
			}
			space = true
		case ' ', '\t', '\r':
			if !space {
				b.WriteByte(' ')
			}
			space = true
		default:
			b.WriteRune(r)
			space = false
		}
	}
	out := strings.TrimSpace(b.String())
	if n := utf8.RuneCountInString(out); n > p.opts.Width {
		rs := []rune(out)
		half := p.opts.Width / 2
		out = string(rs[:half]) + " … " + string(rs[n-half:])
	}
	return out
}

// lines describes where a change sits: "line 12" when both sides agree, else "line 12 → 14".
func lines(c diff.Change) string {
	if c.Old.Line == c.New.Line {
		return fmt.Sprintf("line %d", c.Old.Line)
	}
	return fmt.Sprintf("line %d → %d", c.Old.Line, c.New.Line)
}

func (p *printer) change(c diff.Change) {
	head := fmt.Sprintf("  %-9s %s", c.Action, lines(c))
	notes := changeNotes(c)
	if len(notes) > 0 {
		head += "  " + p.style(dim, "("+strings.Join(notes, "; ")+")")
	}
	p.printf("%s\n", head)
	if c.Kind == diff.Transcription || c.Kind == diff.Format {
		p.printf("      %s  →  %s\n", p.style(red, p.show(c.Old.Text)), p.style(green, p.show(c.New.Text)))
		return
	}
	if c.Old.Text != "" {
		p.printf("    %s %s\n", p.style(red, "-"), p.style(red, p.show(c.Old.Text)))
	}
	if c.New.Text != "" {
		p.printf("    %s %s\n", p.style(green, "+"), p.style(green, p.show(c.New.Text)))
	}
}

func orDash(list []string) string {
	if len(list) == 0 {
		return "none"
	}
	return strings.Join(list, " ")
}

func orDashS(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
