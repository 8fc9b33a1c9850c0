package diff

import (
	"errors"
	"regexp"
	"strings"
	"testing"
)

func TestNewPatternError(t *testing.T) {
	for _, tt := range []struct {
		opts Options
		key  string
	}{
		{Options{RedactionPatterns: []string{"[unclosed"}}, "redaction.patterns"},
		{Options{MarkingPatterns: []string{"a(b"}}, "marking.patterns"},
	} {
		_, err := New(tt.opts)
		var pe *PatternError
		if !errors.As(err, &pe) || pe.Key != tt.key || pe.Err == nil {
			t.Errorf("New(%+v) error = %v, want a *PatternError for %s", tt.opts, err, tt.key)
		}
	}
}

func TestDiffRefusesNonText(t *testing.T) {
	d, _ := New(Options{})
	for _, tt := range []struct {
		old, new string
		side     string
		offset   int
	}{
		{"ok", "bad\x00", "new", 3},
		{"caf\xe9", "ok", "old", 3},
	} {
		_, err := d.Diff([]byte(tt.old), []byte(tt.new))
		var ie *InputError
		if !errors.As(err, &ie) || ie.Side != tt.side || ie.Offset != tt.offset || !errors.Is(err, ErrNotText) {
			t.Errorf("Diff(%q, %q) error = %v, want an *InputError for the %s side at byte %d", tt.old, tt.new, err, tt.side, tt.offset)
		}
	}
}

// TestOptions checks that configured patterns and names change what is recognized.
func TestOptions(t *testing.T) {
	tests := []struct {
		name     string
		opts     Options
		old, new string
		want     string // describe() of the one change expected
	}{
		{
			name: "extra redaction pattern", opts: Options{RedactionPatterns: []string{`\[WITHHELD BY [A-Z]+\]`}},
			old: "The source was [WITHHELD BY CIA] in May.", new: "The source was a diplomat in May.",
			want: "redaction lifted | [WITHHELD BY CIA] | a diplomat",
		},
		{
			name: "extra marking pattern", opts: Options{MarkingPatterns: []string{`\bPROPRIETARY\b`}},
			old: "PROPRIETARY\nThe report.", new: "The report.",
			want: "marking removed | PROPRIETARY |",
		},
		{
			name: "known name", opts: Options{KnownNames: []string{"Kari Brekke"}},
			old: "led by the minister today", new: "led by Kari Brekke today",
			want: "name+text added | the minister | Kari Brekke",
		},
		{
			name: "ignored name word", opts: Options{IgnoreNames: []string{"Fulton"}},
			old: "The call was placed today.", new: "The call was placed by Mr. Fulton today.",
			want: "text inserted | | by Mr. Fulton",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := New(tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			res, err := d.Diff([]byte(tt.old), []byte(tt.new))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range res.Changes {
				if c.Kind != Format {
					got = append(got, normalizeWant(describe(c)))
				}
			}
			var want []string
			for _, w := range strings.Split(tt.want, "\n") {
				want = append(want, normalizeWant(w))
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("Diff(%q, %q) with %+v =\n%s\nwant\n%s", tt.old, tt.new, tt.opts, strings.Join(got, "\n"), tt.want)
			}
		})
	}
}

func TestFilterAndParseCategories(t *testing.T) {
	d, _ := New(Options{})
	res, _ := d.Diff([]byte("SECRET\nMet (b)(6) in the c00l room\nof the house."), []byte("CONFIDENTIAL\nMet Mr. Robert Fulton in the cool room of the house."))
	only, err := ParseCategories(" Name, marking ")
	if err != nil {
		t.Fatal(err)
	}
	got := res.Filter(only, false)
	if len(got.Changes) != 2 || got.Summary.Redaction != 1 || got.Summary.Name != 1 || got.Summary.Marking != 1 || got.Summary.Transcription != 0 {
		t.Errorf("Filter(name,marking) = %+v, want the lift holding a name and the marking", got.Summary)
	}
	if all := res.Filter(nil, true); all.Summary.Format != 1 || len(all.Changes) != len(res.Changes) {
		t.Errorf("Filter(all) = %+v, want every change", all.Summary)
	}
	if some := res.Filter(nil, false); some.Summary.Format != 0 || len(some.Changes) != len(res.Changes)-1 {
		t.Errorf("Filter(without format) = %+v, want all but the format change", some.Summary)
	}
	if _, err := ParseCategories("redaction,secrets"); err == nil || !strings.Contains(err.Error(), `"secrets"`) {
		t.Errorf("ParseCategories(redaction,secrets) error = %v, want one naming secrets", err)
	}
}

// TestSkipFormat runs every case with Options.SkipFormat: the same changes but those of
// category format, and both texts still rebuilt from the result.
func TestSkipFormat(t *testing.T) {
	full, _ := New(Options{})
	skip, _ := New(Options{SkipFormat: true})
	for _, tc := range testCases {
		t.Run(tc.name, func(t *testing.T) {
			want, err := full.Diff([]byte(tc.old), []byte(tc.new))
			if err != nil {
				t.Fatal(err)
			}
			got, err := skip.Diff([]byte(tc.old), []byte(tc.new))
			if err != nil {
				t.Fatal(err)
			}
			checkResult(t, tc.old, tc.new, got)
			var g, w []string
			for _, c := range got.Changes {
				g = append(g, describe(c))
			}
			for _, c := range want.Changes {
				if c.Kind != Format {
					w = append(w, describe(c))
				}
			}
			if strings.Join(g, "\n") != strings.Join(w, "\n") {
				t.Errorf("Diff(%q, %q) with SkipFormat =\n%s\nwant\n%s", tc.old, tc.new, strings.Join(g, "\n"), strings.Join(w, "\n"))
			}
		})
	}
}

// TestDefaultPatternsCompile compiles every default expression, which a Differ otherwise
// compiles only when a text first needs it.
func TestDefaultPatternsCompile(t *testing.T) {
	exprs := []string{frusExtentExpr}
	for _, p := range defaultRedactionPatterns {
		exprs = append(exprs, p.expr)
	}
	for _, p := range defaultMarkingPatterns {
		exprs = append(exprs, p.expr)
	}
	for _, e := range exprs {
		if _, err := regexp.Compile(e); err != nil {
			t.Errorf("regexp.Compile(%q) = %v, want a compiled expression", e, err)
		}
	}
}
