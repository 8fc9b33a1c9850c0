package render

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/blackline/blackline/diff"
)

// assets holds the templates, the stylesheet and the script of the HTML views.
//
//go:embed assets
var assets embed.FS

// templates are parsed once; html/template escapes every value by context.
var templates = template.Must(template.New("").Funcs(template.FuncMap{
	"lower": strings.ToLower,
}).ParseFS(assets, "assets/*.tmpl"))

// Stylesheet returns the CSS of the HTML views (the report inlines it; the web viewer
// serves it as a file).
func Stylesheet() string { return mustAsset("assets/blackline.css") }

// Script returns the JavaScript of the HTML views: keyboard navigation between changes
// (j/n next, k/p previous). Every view works without it.
func Script() string { return mustAsset("assets/blackline.js") }

func mustAsset(name string) string {
	b, err := assets.ReadFile(name)
	if err != nil {
		panic(fmt.Sprintf("render: embedded asset %s: %v", name, err)) // a build without its assets
	}
	return string(b)
}

// HTMLInput is a comparison to draw side by side.
type HTMLInput struct {
	// Old and New say where each side came from.
	Old, New Source
	// OldText and NewText are the versions compared, byte for byte.
	OldText, NewText []byte
	// Result is the differ's full result for the two texts (not filtered): its changes and
	// equal stretches together cover both texts, so both are drawn whole.
	Result *diff.Result
	// OldRedactions and NewRedactions are the redacted spans of each text
	// (diff.Differ.Redactions), drawn as black bars labelled with their exemption codes.
	OldRedactions, NewRedactions []diff.RedactedSpan
	// Only and All select the changes flagged, as for the text output (Result.Filter):
	// the rest is drawn as plain text.
	Only []diff.Category
	All  bool
}

// HTML writes the comparison as one self-contained page: inline stylesheet and script,
// no network access needed to read it. The page shows a summary bar of counts per
// category linking to an index of the changes, each linking to its place in the two
// versions drawn side by side. Cost: O(n log n) in the size of the texts and the number of
// changes.
func HTML(w io.Writer, in HTMLInput) error {
	c := newComparison(in)
	bw := bufio.NewWriterSize(w, 64<<10)
	err := templates.ExecuteTemplate(bw, "report", struct {
		*comparison
		CSS template.CSS
		JS  template.JS
	}{c, template.CSS(Stylesheet()), template.JS(Script())})
	if err != nil {
		return fmt.Errorf("write html: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write html: %w", err)
	}
	return nil
}

// SideBySide returns the body of the comparison page — summary bar, index of changes and
// both versions side by side — for a page that links the stylesheet itself.
func SideBySide(in HTMLInput) (template.HTML, error) {
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, "comparison", newComparison(in)); err != nil {
		return "", fmt.Errorf("render comparison: %w", err)
	}
	return template.HTML(buf.String()), nil
}

// VersionText returns one version's text for a page, with its redacted spans drawn as
// black bars labelled with their exemption codes, and line numbers.
func VersionText(text []byte, redactions []diff.RedactedSpan) (template.HTML, error) {
	s := newSide(text, redactions)
	type line struct {
		N     int
		Parts []part
	}
	var lines []line
	start, n := 0, 1
	for start < len(s.text) {
		end := strings.IndexByte(s.text[start:], '\n')
		if end < 0 {
			end = len(s.text)
		} else {
			end += start + 1
		}
		// A redacted span across a line end stays whole, on the line where it starts.
		for j := s.bars.covering(end); j >= 0 && end < len(s.text); j = s.bars.covering(end) {
			next := strings.IndexByte(s.text[s.bars[j][1]:], '\n')
			if next < 0 {
				end = len(s.text)
			} else {
				end = s.bars[j][1] + next + 1
			}
		}
		lines = append(lines, line{N: n, Parts: s.parts(start, end, nil)})
		n += strings.Count(s.text[start:end], "\n")
		start = end
	}
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, "version", lines); err != nil {
		return "", fmt.Errorf("render version: %w", err)
	}
	return template.HTML(buf.String()), nil
}

// comparison is what the comparison templates draw.
type comparison struct {
	Old, New Source
	Summary  string
	Note     string
	Total    int
	Chips    []chip
	Groups   []indexGroup
	Rows     []row
}

// chip is one category's count in the summary bar.
type chip struct {
	Category string
	Count    int
	Detail   string // "5 lifted, 1 changed" for redactions
}

// indexGroup lists the shown changes of one category.
type indexGroup struct {
	Category string
	Title    string
	Entries  []indexEntry
}

// indexEntry is one change in the index: a link to its place in the view.
type indexEntry struct {
	N       int
	Kind    string
	Action  string
	Lines   string
	Old     string
	New     string
	Notes   string
	Classes string
}

// categoryTitles name the categories in headings.
var categoryTitles = map[diff.Category]string{
	diff.Redaction:     "Redactions",
	diff.Marking:       "Classification markings",
	diff.Name:          "Personal names",
	diff.Transcription: "Transcription fixes",
	diff.Text:          "Text edits",
	diff.Format:        "Layout",
}

// newComparison lays out the two texts in rows and indexes the shown changes.
func newComparison(in HTMLInput) *comparison {
	res := in.Result
	if res == nil {
		res = &diff.Result{}
	}
	shown := res.Filter(in.Only, in.All)
	number := shownNumbers(res, shown)
	c := &comparison{Old: in.Old, New: in.New, Summary: shown.Summary.String(), Total: len(shown.Changes)}
	if n := res.Stats.TimedOut + res.Stats.Fallbacks; n > 0 {
		c.Note = fmt.Sprintf("%d long changed stretches were too costly to compare word by word and are shown whole", n)
	}
	hiddenLayout := 0
	if !in.All && len(in.Only) == 0 {
		hiddenLayout = res.Summary.Format
	}
	for _, cat := range diff.Categories {
		n := shown.Summary.Count(cat)
		if cat == diff.Format && n == 0 {
			if hiddenLayout > 0 {
				c.Chips = append(c.Chips, chip{Category: string(cat), Detail: fmt.Sprintf("%d not shown", hiddenLayout)})
			}
			continue
		}
		ch := chip{Category: string(cat), Count: n}
		if cat == diff.Redaction {
			var parts []string
			for _, p := range []struct {
				n    int
				what string
			}{{shown.Summary.RedactionsLifted, "lifted"}, {shown.Summary.RedactionsAdded, "withheld again"}, {shown.Summary.RedactionsChanged, "changed"}} {
				if p.n > 0 {
					parts = append(parts, fmt.Sprintf("%d %s", p.n, p.what))
				}
			}
			ch.Detail = strings.Join(parts, ", ")
		}
		c.Chips = append(c.Chips, ch)
	}
	for _, cat := range diff.Categories {
		g := indexGroup{Category: string(cat), Title: categoryTitles[cat]}
		for i, ch := range shown.Changes {
			if ch.Has(cat) {
				g.Entries = append(g.Entries, newIndexEntry(i+1, ch))
			}
		}
		if len(g.Entries) > 0 {
			c.Groups = append(c.Groups, g)
		}
	}
	c.Rows = layRows(in, res, number)
	return c
}

// shownNumbers numbers the changes of res that shown keeps, 1-based in shown's order;
// the changes it left out get 0. Filter keeps the changes' order and values.
func shownNumbers(res, shown *diff.Result) []int {
	number := make([]int, len(res.Changes))
	j := 0
	for i, c := range res.Changes {
		if j < len(shown.Changes) && sameChange(c, shown.Changes[j]) {
			j++
			number[i] = j
		}
	}
	return number
}

func sameChange(a, b diff.Change) bool {
	return a.Kind == b.Kind && a.Action == b.Action && a.Old.Start == b.Old.Start && a.Old.End == b.Old.End &&
		a.New.Start == b.New.Start && a.New.End == b.New.End
}

func newIndexEntry(n int, c diff.Change) indexEntry {
	action := c.Action
	if c.Kind == diff.Redaction && c.Action == diff.ActionAdded {
		action = "withheld again"
	}
	return indexEntry{
		N: n, Kind: string(c.Kind), Action: action, Lines: lines(c),
		Old: excerpt(c.Old.Text, 120), New: excerpt(c.New.Text, 120),
		Notes: strings.Join(changeNotes(c), "; "), Classes: strings.TrimPrefix(changeClasses(c), "chg "),
	}
}

// layRows walks both texts at once (mergeSteps) and cuts them into rows at shared line
// breaks. Cost: O(n log n) in the texts' size and number of changes.
func layRows(in HTMLInput, res *diff.Result, number []int) []row {
	olds, news := newSide(in.OldText, in.OldRedactions), newSide(in.NewText, in.NewRedactions)
	var rows []row
	var cur row
	flush := func() {
		if len(cur.Old)+len(cur.New) > 0 {
			rows = append(rows, cur)
		}
		cur = row{}
	}
	add := func(s *side, cells *[]segment, line *int, start, end int, mark *changeMark, names []string) {
		seg := segment{Change: mark, Parts: s.parts(start, end, names)}
		if len(seg.Parts) == 0 && mark == nil {
			return
		}
		if *line == 0 && end > start {
			*line = s.lines.line(start)
		}
		*cells = append(*cells, seg)
	}
	for _, st := range mergeSteps(res) {
		if st.equal {
			po, pn := 0, 0
			if st.old != nil && st.new != nil {
				for _, b := range sharedBreaks(st.old.Text, st.new.Text) {
					if olds.bars.covering(st.old.Start+b[0]) >= 0 || news.bars.covering(st.new.Start+b[1]) >= 0 {
						continue
					}
					add(olds, &cur.Old, &cur.OldLine, st.old.Start+po, st.old.Start+b[0], nil, nil)
					add(news, &cur.New, &cur.NewLine, st.new.Start+pn, st.new.Start+b[1], nil, nil)
					flush()
					po, pn = b[0], b[1]
				}
			}
			if st.old != nil {
				add(olds, &cur.Old, &cur.OldLine, st.old.Start+po, st.old.End, nil, nil)
			}
			if st.new != nil {
				add(news, &cur.New, &cur.NewLine, st.new.Start+pn, st.new.End, nil, nil)
			}
			continue
		}
		c := res.Changes[st.change]
		n := number[st.change]
		var names []string
		if n > 0 && c.Has(diff.Name) {
			names = c.Detail.Names
		}
		if st.old != nil {
			add(olds, &cur.Old, &cur.OldLine, st.old.Start, st.old.End, newMark(c, n, "old", st.new == nil), names)
		}
		if st.new != nil {
			add(news, &cur.New, &cur.NewLine, st.new.Start, st.new.End, newMark(c, n, "new", st.old == nil), names)
		}
	}
	flush()
	return rows
}

// newMark describes how change c (number n among the shown, 0 when not shown) is drawn on
// one side; nil when it is not shown. half is set when the change's other side is drawn
// elsewhere (a moved passage).
func newMark(c diff.Change, n int, sideName string, half bool) *changeMark {
	if n == 0 {
		return nil
	}
	span := c.New
	if sideName == "old" {
		span = c.Old
	}
	m := &changeMark{
		N: n, Side: sideName, ID: fmt.Sprintf("c%d", n),
		Classes: changeClasses(c) + " " + sideName,
		Tag:     changeTag(c, sideName),
		Title:   changeTitle(c),
		Empty:   span.Start == span.End,
	}
	if sideName == "old" {
		m.ID += "-old"
	}
	if half {
		if sideName == "old" {
			m.Href = fmt.Sprintf("#c%d", n)
		} else {
			m.Href = fmt.Sprintf("#c%d-old", n)
		}
	}
	if m.Empty {
		m.Classes += " empty"
	}
	return m
}

// changeClasses are the CSS classes of a change: its kind, its action and every other
// category it belongs to.
func changeClasses(c diff.Change) string {
	cls := []string{"chg", "k-" + string(c.Kind), "a-" + c.Action}
	for _, cat := range c.Categories[min(1, len(c.Categories)):] {
		cls = append(cls, "has-"+string(cat))
	}
	if c.Detail.Direction != "" {
		cls = append(cls, "dir-"+c.Detail.Direction)
	}
	return strings.Join(cls, " ")
}

// changeTag is the short label drawn before a change's text on one side; "" for none.
// Transcription fixes, text edits and layout carry none: their colour says it.
func changeTag(c diff.Change, sideName string) string {
	d := c.Detail
	switch c.Kind {
	case diff.Redaction:
		switch c.Action {
		case diff.ActionLifted:
			if sideName == "new" {
				tag := "lifted"
				if len(d.ExemptionsOld) > 0 {
					tag += " " + strings.Join(d.ExemptionsOld, " ")
				}
				if d.Partial {
					tag += " (in part)"
				}
				return tag
			}
			return "lifted later"
		case diff.ActionAdded:
			if sideName == "new" {
				tag := "withheld again"
				if len(d.ExemptionsNew) > 0 {
					tag += " " + strings.Join(d.ExemptionsNew, " ")
				}
				return tag
			}
			return "withheld later"
		case diff.ActionChanged:
			if sideName == "new" {
				return fmt.Sprintf("%s → %s", orDash(d.ExemptionsOld), orDash(d.ExemptionsNew))
			}
			return ""
		}
	case diff.Marking:
		switch {
		case sideName == "new" && d.From != "" && d.To != "":
			tag := fmt.Sprintf("%s → %s", d.From, d.To)
			if d.Direction != "" {
				tag += " (" + d.Direction + ")"
			}
			return tag
		case sideName == "new" && c.Action == diff.ActionAdded:
			return "marking added"
		case sideName == "old" && c.Action == diff.ActionRemoved:
			return "marking removed"
		case sideName == "new" && c.Action == diff.ActionChanged:
			return "marking changed"
		}
	case diff.Name:
		switch {
		case sideName == "new" && c.Action == diff.ActionChanged && d.From != "" && d.To != "":
			return fmt.Sprintf("%s → %s", d.From, d.To)
		case sideName == "new" && c.Action != diff.ActionRemoved:
			return "name " + c.Action
		case sideName == "old" && c.Action == diff.ActionRemoved:
			return "name removed"
		}
	case diff.Text:
		if c.Action == diff.ActionMoved {
			if sideName == "new" {
				return fmt.Sprintf("moved from line %d", c.Old.Line)
			}
			return fmt.Sprintf("moved to line %d", c.New.Line)
		}
	}
	return ""
}

// changeTitle describes a change in one line, for the hover text.
func changeTitle(c diff.Change) string {
	s := fmt.Sprintf("%s %s, %s", c.Kind, c.Action, lines(c))
	if notes := changeNotes(c); len(notes) > 0 {
		s += " (" + strings.Join(notes, "; ") + ")"
	}
	return s
}

// changeNotes lists what a change's detail says, as the text output words it.
func changeNotes(c diff.Change) []string {
	var notes []string
	d := c.Detail
	if len(c.Categories) > 1 {
		var also []string
		for _, cat := range c.Categories[1:] {
			also = append(also, string(cat))
		}
		notes = append(notes, "also "+strings.Join(also, ", "))
	}
	if d.Direction != "" {
		notes = append(notes, fmt.Sprintf("%s %s → %s", d.Direction, d.From, d.To))
	}
	if len(d.ExemptionsOld) > 0 || len(d.ExemptionsNew) > 0 {
		notes = append(notes, fmt.Sprintf("exemptions %s → %s", orDash(d.ExemptionsOld), orDash(d.ExemptionsNew)))
	}
	if d.ExtentOld != "" || d.ExtentNew != "" {
		notes = append(notes, fmt.Sprintf("extent %s → %s", orDashS(d.ExtentOld), orDashS(d.ExtentNew)))
	}
	if d.Partial {
		notes = append(notes, "partly still withheld")
	}
	if len(d.Names) > 0 {
		notes = append(notes, "names: "+strings.Join(d.Names, "; "))
	}
	return notes
}

// excerpt folds a span's text onto one line and cuts it in the middle beyond width
// characters.
func excerpt(s string, width int) string {
	out := strings.Join(strings.Fields(s), " ")
	if n := utf8.RuneCountInString(out); n > width {
		rs := []rune(out)
		half := width / 2
		out = string(rs[:half]) + " … " + string(rs[n-half:])
	}
	return out
}
