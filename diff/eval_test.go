package diff

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// evalFloors are the F1 figures below which TestEvaluation fails: set just under the
// measured figures, so a change that makes the differ worse shows.
var evalFloors = map[Category]float64{
	Redaction:     0.98,
	Marking:       0.98,
	Name:          0.97,
	Transcription: 0.98,
	Text:          0.97,
	Format:        0.98,
}

// evalLabel is one labelled change: "<category> <action> | <old text> | <new text>".
type evalLabel struct {
	category Category
	action   string
	old, new string // whitespace-normalized; empty matches anything
	line     string
}

// evalPair is one labelled pair of versions.
type evalPair struct {
	name     string
	old, new []byte
	labels   []evalLabel
	loose    bool // format: loose — unlabelled format changes are not errors
	// tuned: the differ has been tuned against the pair ("tuned: yes"); a pair without
	// that line counts as held out, so its figures measure how the differ generalizes.
	tuned bool
}

func normalizeSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// readEvalPair reads a txtar file with sections old, new and labels. A line "format: loose"
// in the comment says the pair's reflow is only partly labelled; "tuned: yes" that the
// differ has been tuned against it.
func readEvalPair(path string) (evalPair, error) {
	ar, err := txtar.ParseFile(path)
	if err != nil {
		return evalPair{}, err
	}
	p := evalPair{name: filepath.Base(path)}
	for _, line := range strings.Split(string(ar.Comment), "\n") {
		if v, ok := strings.CutPrefix(line, "format:"); ok && strings.HasPrefix(strings.TrimSpace(v), "loose") {
			p.loose = true
		}
		if v, ok := strings.CutPrefix(line, "tuned:"); ok && strings.HasPrefix(strings.TrimSpace(v), "yes") {
			p.tuned = true
		}
	}
	var labels []byte
	found := 0
	for _, f := range ar.Files {
		switch f.Name {
		case "old":
			p.old, found = f.Data, found+1
		case "new":
			p.new, found = f.Data, found+1
		case "labels":
			labels, found = f.Data, found+1
		}
	}
	if found != 3 {
		return evalPair{}, fmt.Errorf("%s: want sections old, new and labels", path)
	}
	for n, line := range strings.Split(string(labels), "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		parts := strings.Split(line, "|")
		head := strings.Fields(parts[0])
		if len(parts) != 3 || len(head) != 2 || precedence(Category(head[0])) >= len(Categories) {
			return evalPair{}, fmt.Errorf("%s: labels line %d: %q is not \"<category> <action> | <old> | <new>\"", path, n+1, line)
		}
		p.labels = append(p.labels, evalLabel{
			category: Category(head[0]), action: head[1],
			old: normalizeSpace(parts[1]), new: normalizeSpace(parts[2]), line: line,
		})
	}
	return p, nil
}

// matches reports whether a label describes change c (see TestEvaluation).
func (l evalLabel) matches(c Change, oldText, newText string) bool {
	if !c.Has(l.category) {
		return false
	}
	if c.Kind == l.category && c.Action != l.action {
		return false
	}
	return strings.Contains(oldText, l.old) && strings.Contains(newText, l.new)
}

// evalCounts accumulates one category's figures.
type evalCounts struct {
	reported, reportedMatched, labels, labelsMatched int
}

func (e evalCounts) precision() float64 { return ratio(e.reportedMatched, e.reported) }
func (e evalCounts) recall() float64    { return ratio(e.labelsMatched, e.labels) }
func (e evalCounts) f1() float64 {
	p, r := e.precision(), e.recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// evaluate matches the labels of one pair against the differ's changes (format included,
// as with --all). A label matches a change when its category is among the change's
// categories, its action equals the change's when the category is the change's kind, and
// its old and new texts (whitespace-normalized) are contained in the change's. Matching is
// greedy in label order and one-to-one within each category: a change with categories
// redaction and name can answer one redaction label and one name label.
func evaluate(d *Differ, p evalPair, counts map[Category]*evalCounts) (missed []string, extra []string, err error) {
	res, err := d.Diff(p.old, p.new)
	if err != nil {
		return nil, nil, err
	}
	type key struct {
		change int
		cat    Category
	}
	used := map[key]bool{}
	olds := make([]string, len(res.Changes))
	news := make([]string, len(res.Changes))
	for i, c := range res.Changes {
		olds[i], news[i] = normalizeSpace(c.Old.Text), normalizeSpace(c.New.Text)
	}
	for _, l := range p.labels {
		counts[l.category].labels++
		hit := false
		for i, c := range res.Changes {
			if used[key{i, l.category}] || !l.matches(c, olds[i], news[i]) {
				continue
			}
			used[key{i, l.category}] = true
			counts[l.category].labelsMatched++
			hit = true
			break
		}
		if !hit {
			missed = append(missed, l.line)
		}
	}
	for i, c := range res.Changes {
		for _, cat := range c.Categories {
			if used[key{i, cat}] {
				counts[cat].reported++
				counts[cat].reportedMatched++
				continue
			}
			if cat == Format && p.loose {
				continue
			}
			counts[cat].reported++
			extra = append(extra, fmt.Sprintf("%s (line %d): %s", cat, c.Old.Line, describe(c)))
		}
	}
	return missed, extra, nil
}

// evalTable formats per-category figures.
func evalTable(counts map[Category]*evalCounts) string {
	var table strings.Builder
	fmt.Fprintf(&table, "%-14s %6s %6s %9s %6s %6s\n", "category", "labels", "found", "precision", "recall", "F1")
	for _, c := range Categories {
		e := counts[c]
		fmt.Fprintf(&table, "%-14s %6d %6d %9.3f %6.3f %6.3f\n", c, e.labels, e.reported, e.precision(), e.recall(), e.f1())
	}
	return table.String()
}

func newEvalCounts() map[Category]*evalCounts {
	counts := map[Category]*evalCounts{}
	for _, c := range Categories {
		counts[c] = &evalCounts{}
	}
	return counts
}

// TestEvaluation measures the differ against the labelled pairs in testdata/eval and
// prints per-category precision, recall and F1 (go test ./diff -run TestEvaluation -v):
// over all pairs, then over the pairs the differ was tuned against and those it never
// was. It fails when a category's F1 over all pairs falls below its floor in evalFloors.
func TestEvaluation(t *testing.T) {
	files, err := filepath.Glob("testdata/eval/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no labelled pairs in testdata/eval: %v", err)
	}
	d, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	all, tuned, heldOut := newEvalCounts(), newEvalCounts(), newEvalCounts()
	var nTuned, nHeldOut int
	for _, f := range files {
		p, err := readEvalPair(f)
		if err != nil {
			t.Fatal(err)
		}
		counts := newEvalCounts()
		missed, extra, err := evaluate(d, p, counts)
		if err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		for _, m := range missed {
			t.Logf("%s: missed label: %s", p.name, m)
		}
		for _, e := range extra {
			t.Logf("%s: unlabelled change: %s", p.name, strings.ReplaceAll(e, "\n", `\n`))
		}
		part := heldOut
		if p.tuned {
			part, nTuned = tuned, nTuned+1
		} else {
			nHeldOut++
		}
		for _, c := range Categories {
			for _, into := range []map[Category]*evalCounts{all, part} {
				into[c].reported += counts[c].reported
				into[c].reportedMatched += counts[c].reportedMatched
				into[c].labels += counts[c].labels
				into[c].labelsMatched += counts[c].labelsMatched
			}
		}
	}
	t.Logf("evaluation over %d pairs:\n%s", len(files), evalTable(all))
	t.Logf("pairs tuned against (%d):\n%s", nTuned, evalTable(tuned))
	if nHeldOut > 0 {
		t.Logf("pairs never tuned against (%d):\n%s", nHeldOut, evalTable(heldOut))
	}
	for _, c := range Categories {
		if f1 := all[c].f1(); f1 < evalFloors[c] {
			t.Errorf("F1(%s) = %.3f, want at least %.2f", c, f1, evalFloors[c])
		}
	}
}
