package render

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/blackline/blackline/cmd/blackline/samples"
	"github.com/blackline/blackline/diff"
)

var update = flag.Bool("update", false, "rewrite the want section of testdata/html/*.txtar")

// htmlInput compares old with new as blackline diff --format html does.
func htmlInput(t testing.TB, old, new string) HTMLInput {
	t.Helper()
	d, err := diff.New(diff.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := d.Diff([]byte(old), []byte(new))
	if err != nil {
		t.Fatal(err)
	}
	return HTMLInput{
		Old: Source{Path: "old.txt"}, New: Source{Path: "new.txt"},
		OldText: []byte(old), NewText: []byte(new), Result: res,
		OldRedactions: d.Redactions([]byte(old)), NewRedactions: d.Redactions([]byte(new)),
	}
}

// pairs are the comparisons the layout tests run on: small cases of every category, and
// the sample memo's releases and transcriptions.
func pairs(t testing.TB) map[string][2]string {
	t.Helper()
	p := map[string][2]string{
		"lifted":   {"SECRET\nThey met (b)(6) in Vienna.\n", "UNCLASSIFIED\nThey met Mr. John Doe in Vienna.\n"},
		"added":    {"He saw a need for a joint\nwarning system.\nThe end.\n", "He saw (b)(1) 1.4(g)\nThe end.\n"},
		"moved":    {"First point is here.\n\nSecond point made now.\n\nThird.", "Second point made now.\n\nFirst point is here.\n\nThird."},
		"ocr":      {"The c00peration was con rmed by\nthe Secretary.", "The cooperation was confirmed\nby the Secretary."},
		"empty":    {"", "Only new text.\n"},
		"same":     {"Same text.\n", "Same text.\n"},
		"frus":     {"[1 paragraph (5 lines) not\ndeclassified]\nAfter.", "The station chief\nreported.\nAfter."},
		"crlf":     {"(S) One.\r\nTwo (b)(3).\r\n", "(U) One.\r\nTwo words.\r\n"},
		"unicode":  {"Café ███████ naïve.\n", "Café Müller naïve.\n"},
		"scripted": {"The agent <script>alert(1)</script> met (b)(6).\n", "The agent <script>alert(1)</script> met John Doe.\n"},
	}
	versions, err := samples.Versions()
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(versions); i++ {
		for j := 0; j < i; j++ {
			p[versions[j].Label+"→"+versions[i].Label] = [2]string{string(versions[j].Text), string(versions[i].Text)}
		}
	}
	return p
}

// TestRowsCoverBothTexts checks the layout's invariant: read row by row, each side's
// pieces are that version's text, whole and in order, and every shown change is drawn
// once on each side.
func TestRowsCoverBothTexts(t *testing.T) {
	for name, p := range pairs(t) {
		t.Run(name, func(t *testing.T) {
			in := htmlInput(t, p[0], p[1])
			for _, all := range []bool{false, true} {
				in.All = all
				c := newComparison(in)
				var old, new strings.Builder
				var oldIDs, newIDs []string
				for _, r := range c.Rows {
					for _, s := range r.Old {
						for _, pt := range s.Parts {
							old.WriteString(pt.Text)
						}
						if s.Change != nil {
							oldIDs = append(oldIDs, s.Change.ID)
						}
					}
					for _, s := range r.New {
						for _, pt := range s.Parts {
							new.WriteString(pt.Text)
						}
						if s.Change != nil {
							newIDs = append(newIDs, s.Change.ID)
						}
					}
				}
				if old.String() != p[0] {
					t.Errorf("all=%v: old side drawn = %q, want %q", all, old.String(), p[0])
				}
				if new.String() != p[1] {
					t.Errorf("all=%v: new side drawn = %q, want %q", all, new.String(), p[1])
				}
				if len(oldIDs) != c.Total || len(newIDs) != c.Total {
					t.Errorf("all=%v: %d marks on the old side and %d on the new, want %d each", all, len(oldIDs), len(newIDs), c.Total)
				}
				slices.Sort(oldIDs)
				if len(slices.Compact(oldIDs)) != len(oldIDs) {
					t.Errorf("all=%v: a change is drawn twice on the old side: %v", all, oldIDs)
				}
			}
		})
	}
}

// TestRowsFollowLines checks that unchanged lines are rows of their own, numbered as in
// each version.
func TestRowsFollowLines(t *testing.T) {
	tests := []struct {
		old, new string
		want     []string // old line:new line at the start of each row
	}{
		{"One.\nTwo (b)(6).\nThree.\nFour.\n", "One.\nTwo John Doe.\nThree.\nFour.\n", []string{"1:1", "2:2", "3:3", "4:4"}},
		// The inserted line joins the row before it; every shared line after it is level.
		{"One.\nTwo (b)(6).\nThree.\nFour.\n", "One.\nZero.\nTwo John Doe.\nThree.\nFour.\n", []string{"1:1", "2:3", "3:4", "4:5"}},
		{"A (b)(1)\nB.\n", "A He said\nso, twice.\nB.\n", []string{"1:1", "2:3"}},
	}
	for _, tt := range tests {
		var got []string
		for _, r := range newComparison(htmlInput(t, tt.old, tt.new)).Rows {
			got = append(got, fmt.Sprintf("%d:%d", r.OldLine, r.NewLine))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("rows of (%q, %q) start at lines %q, want %q", tt.old, tt.new, got, tt.want)
		}
	}
}

func TestSharedBreaks(t *testing.T) {
	tests := []struct {
		old, new string
		want     [][2]int
	}{
		{"a\nb\n", "a\nb\n", [][2]int{{2, 2}, {4, 4}}},
		{"a\nb", "a b", nil},
		{" a\n\nb ", "a\nb\n\n", [][2]int{{3, 2}}},
		{"\na b", "\n\na b", [][2]int{{1, 1}}},
		{"a b", "a b c", nil},
	}
	for _, tt := range tests {
		if got := sharedBreaks(tt.old, tt.new); !slices.Equal(got, tt.want) {
			t.Errorf("sharedBreaks(%q, %q) = %v, want %v", tt.old, tt.new, got, tt.want)
		}
	}
}

// TestMergeStepsMoved checks that a moved passage is drawn as two halves, each where it
// stands, linked to each other.
func TestMergeStepsMoved(t *testing.T) {
	in := htmlInput(t, "First point is here.\n\nSecond point made now.\n\nThird.", "Second point made now.\n\nFirst point is here.\n\nThird.")
	var moved *diff.Change
	for i, c := range in.Result.Changes {
		if c.Action == diff.ActionMoved {
			moved = &in.Result.Changes[i]
		}
	}
	if moved == nil {
		t.Skipf("the differ reports no move here: %+v", in.Result.Changes)
	}
	var buf bytes.Buffer
	if err := HTML(&buf, in); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{`id="c1-old"`, `href="#c1"`, `id="c1"`, `href="#c1-old"`, "moved to line", "moved from line"} {
		if !strings.Contains(page, want) {
			t.Errorf("HTML of a move lacks %s", want)
		}
	}
}

// TestHTMLMarks checks how each kind of change is drawn.
func TestHTMLMarks(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     []string // regular expressions the page must match
		not      []string
	}{
		{
			name: "lifted", old: "They met (b)(6) in Vienna.\n", new: "They met Mr. John Doe in Vienna.\n",
			want: []string{
				`<span class="bar" title="withheld: \(b\)\(6\)"><span class="code">\(b\)\(6\)</span>`,
				`<span id="c1" class="chg k-redaction a-lifted has-name new"[^>]*><a class="tag" href="#i1">lifted \(b\)\(6\)</a>Mr\. <mark class="name">John Doe</mark></span>`,
				`<a class="chip cat-redaction" href="#list-redaction"><span class="count">1</span> redaction <span class="detail">\(1 lifted\)</span></a>`,
				`<li id="i1" class="entry k-redaction a-lifted has-name"><a href="#c1">`,
			},
		},
		{
			name: "withheld again", old: "Prep: Maj. Humpert, 307202\n", new: "Prep: Maj. Humpert, (b)(6)\n",
			want: []string{
				`class="chg k-redaction a-added new"[^>]*><a class="tag" href="#i1">withheld again \(b\)\(6\)</a><span class="bar"`,
				`class="chg k-redaction a-added old"[^>]*><a class="tag" href="#i1">withheld later</a>307202</span>`,
				`1 withheld again`,
			},
		},
		{
			name: "marking downgrade", old: "(S) Text here.\n", new: "(U) Text here.\n",
			want: []string{`class="chg k-marking a-changed dir-downgrade new"[^>]*><a class="tag" href="#i1">SECRET → UNCLASSIFIED \(downgrade\)</a>\(U\)</span>`},
		},
		{
			name: "transcription muted", old: "The c00peration was good.\n", new: "The cooperation was good.\n",
			want: []string{`class="chg k-transcription a-corrected old"[^>]*>c00peration</span>`},
			not:  []string{`class="tag"`},
		},
		{
			name: "deletion point", old: "Keep this. Drop these words. End.\n", new: "Keep this. End.\n",
			want: []string{`class="chg k-text a-deleted new empty"[^>]*></span>`},
		},
		{
			name: "no differences", old: "Same.\n", new: "Same.\n",
			want: []string{`<p class="same">No differences: no differences\.</p>`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := HTML(&buf, htmlInput(t, tt.old, tt.new)); err != nil {
				t.Fatal(err)
			}
			page := buf.String()
			for _, w := range tt.want {
				if !regexp.MustCompile(w).MatchString(page) {
					t.Errorf("HTML(%q, %q) does not match %s; page body:\n%s", tt.old, tt.new, w, body(page))
				}
			}
			for _, w := range tt.not {
				if regexp.MustCompile(w).MatchString(page) {
					t.Errorf("HTML(%q, %q) matches %s, want not", tt.old, tt.new, w)
				}
			}
		})
	}
}

// body cuts the page to its table of rows, for failure messages.
func body(page string) string {
	if i := strings.Index(page, "<table"); i >= 0 {
		page = page[i:]
	}
	if i := strings.Index(page, "</table>"); i >= 0 {
		page = page[:i]
	}
	return page
}

// TestHTMLEscapes checks that document text and sources reach the page as text only.
func TestHTMLEscapes(t *testing.T) {
	old := "SECRET\nThe agent <script>alert(1)</script> met (b)(6) \"here\" & 'there'.\n<img src=x onerror=alert(2)>\n"
	new := "UNCLASSIFIED\nThe agent <script>alert(1)</script> met <b>John</b> Doe \"here\" & 'there'.\n<img src=x onerror=alert(2)>\n"
	in := htmlInput(t, old, new)
	in.Old = Source{Path: `<script>alert("path")</script>.txt`}
	in.New = Source{Ref: `x@"><svg onload=alert(3)>`}
	var buf bytes.Buffer
	if err := HTML(&buf, in); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, bad := range []string{"<script>alert", "<img src=x", "<svg onload", "<b>John", `"><svg`} {
		if strings.Contains(page, bad) {
			t.Errorf("HTML page holds %q unescaped", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(2)&gt;", "&lt;b&gt;John&lt;/b&gt;"} {
		if !strings.Contains(page, want) {
			t.Errorf("HTML page lacks the escaped text %q", want)
		}
	}
	if n := strings.Count(page, "<script>"); n != 1 {
		t.Errorf("HTML page has %d <script> elements, want 1 (its own)", n)
	}
}

// TestHTMLSelfContained checks that the report needs nothing from elsewhere.
func TestHTMLSelfContained(t *testing.T) {
	var buf bytes.Buffer
	if err := HTML(&buf, htmlInput(t, "SECRET\nMet (b)(6).\n", "SECRET\nMet John Doe.\n")); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	if !strings.HasPrefix(page, "<!DOCTYPE html>") || !strings.Contains(page, "<style>") || !strings.Contains(page, ".bar {") {
		t.Errorf("HTML page does not start with a doctype and inline its stylesheet:\n%.300s", page)
	}
	for _, external := range []string{"<link", " src=", "@import", "url(", "http://", "https://"} {
		if strings.Contains(page, external) {
			t.Errorf("HTML page refers to something outside it: %q", external)
		}
	}
}

// TestHTMLOnly checks that --only flags some changes and draws the rest as plain text.
func TestHTMLOnly(t *testing.T) {
	in := htmlInput(t, "SECRET\nThe c00peration of (b)(6).\n", "CONFIDENTIAL\nThe cooperation of John Doe.\n")
	in.Only = []diff.Category{diff.Redaction}
	c := newComparison(in)
	if c.Total != 1 {
		t.Fatalf("newComparison with --only redaction shows %d changes, want 1", c.Total)
	}
	for _, r := range c.Rows {
		for _, s := range append(slices.Clone(r.Old), r.New...) {
			if s.Change != nil && !strings.Contains(s.Change.Classes, "k-redaction") {
				t.Errorf("--only redaction draws a %s change", s.Change.Classes)
			}
		}
	}
}

func TestVersionText(t *testing.T) {
	d, err := diff.New(diff.Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := "One <b>bold</b>.\nTwo [1 paragraph (2 lines) not\ndeclassified] then.\nThree."
	got, err := VersionText([]byte(text), d.Redactions([]byte(text)))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<tr id="L1"><td class="ln">1</td><td class="txt">One &lt;b&gt;bold&lt;/b&gt;.` + "\n</td></tr>",
		`<tr id="L2"><td class="ln">2</td><td class="txt">Two <span class="bar"`,
		`<tr id="L4"><td class="ln">4</td><td class="txt">Three.</td></tr>`,
	} {
		if !strings.Contains(string(got), want) {
			t.Errorf("VersionText(%q) lacks %q:\n%s", text, want, got)
		}
	}
}

// TestHTMLGolden compares SideBySide with testdata/html/*.txtar (-update rewrites them).
func TestHTMLGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/html/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no golden files in testdata/html")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			sections := map[string]string{}
			for _, f := range ar.Files {
				sections[f.Name] = string(f.Data)
			}
			got, err := SideBySide(htmlInput(t, sections["old"], sections["new"]))
			if err != nil {
				t.Fatal(err)
			}
			if *update {
				for i := range ar.Files {
					if ar.Files[i].Name == "want" {
						ar.Files[i].Data = []byte(string(got) + "\n")
					}
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want := strings.TrimSuffix(sections["want"], "\n"); string(got) != want {
				t.Errorf("SideBySide(%q, %q) =\n%s\nwant\n%s", sections["old"], sections["new"], got, want)
			}
		})
	}
}

func ExampleHTML() {
	d, _ := diff.New(diff.Options{})
	old, new := []byte("SECRET\nThey met (b)(6) in Vienna.\n"), []byte("UNCLASSIFIED\nThey met Mr. John Doe in Vienna.\n")
	res, _ := d.Diff(old, new)
	var page bytes.Buffer
	_ = HTML(&page, HTMLInput{
		Old: Source{Path: "1998.txt"}, New: Source{Path: "2016.txt"},
		OldText: old, NewText: new, Result: res,
		OldRedactions: d.Redactions(old), NewRedactions: d.Redactions(new),
	})
	fmt.Println(strings.Contains(page.String(), `<span class="bar" title="withheld: (b)(6)">`))
	fmt.Println(strings.Contains(page.String(), `lifted (b)(6)`))
	// Output:
	// true
	// true
}

func TestNextName(t *testing.T) {
	tests := []struct {
		text   string
		names  []string
		length int
		at     int
	}{
		{"Amb. Talbott agreed", []string{"Talbot"}, 0, 0},
		{"Talbot, Talbott", []string{"Talbott"}, 7, 8},
		{"Mr. John Doe met Doe", []string{"Doe", "John Doe"}, 8, 4},
		{"Müller met", []string{"Müller"}, 7, 0},
		{"no names", nil, 0, 0},
	}
	for _, tt := range tests {
		if length, at := nextName(tt.text, tt.names); length != tt.length || at != tt.at {
			t.Errorf("nextName(%q, %q) = %d, %d, want %d, %d", tt.text, tt.names, length, at, tt.length, tt.at)
		}
	}
}
