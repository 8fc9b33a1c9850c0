package web

import (
	"slices"
	"testing"

	"github.com/blackline/blackline/diff"
)

func TestWithheld(t *testing.T) {
	d, err := diff.New(diff.Options{})
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"Met (b)(6) in Vienna. (b)(1)\nThe rest. (b)(3)\n",
		"Met Mr. John Doe in Vienna. (b)(1)\nThe rest. (b)(3)\n",
		"Met Mr. John Doe in Vienna. He spoke of the plan at length.\nThe rest. (b)(3)\n",
		"Met (b)(6) in Vienna. He spoke of the plan at length.\nThe rest. (b)(3)\n",
	}
	versions := make([]diff.VersionText, len(texts))
	for i, s := range texts {
		versions[i] = diff.VersionText{Label: string(rune('a' + i)), Text: []byte(s)}
	}
	l, err := d.Ledger("ops/vienna", versions)
	if err != nil {
		t.Fatal(err)
	}
	got := withheld(l, map[string]string{"a": "1990-01-01", "d": "2020-01-01"})
	// (b)(6) hides "Mr. John Doe" (3 words) in a and d; (b)(1) hides "He spoke of the plan
	// at length." (7 words) in a and b; (b)(3) stays withheld, its words unknown.
	want := []withheldPoint{
		{Label: "a", Date: "1990-01-01", Spans: 3, Words: 3 + 7, Unknown: 1},
		{Label: "b", Spans: 2, Words: 7, Unknown: 1},
		{Label: "c", Spans: 1, Words: 0, Unknown: 1},
		{Label: "d", Date: "2020-01-01", Spans: 2, Words: 3, Unknown: 1},
	}
	if !slices.Equal(got, want) {
		t.Errorf("withheld(%q) =\n%+v\nwant\n%+v", texts, got, want)
	}
}

func TestNewChart(t *testing.T) {
	c := newChart([]withheldPoint{{Label: "a", Spans: 6, Words: 199}, {Label: "b", Spans: 1, Words: 17}, {Label: "c", Spans: 0, Words: 0}})
	if len(c.Bars) != 3 || c.Bars[0].H <= c.Bars[1].H || c.Bars[2].H != 0 {
		t.Errorf("newChart bars = %+v, want heights following the spans 6, 1, 0", c.Bars)
	}
	if c.Bars[0].WordY >= c.Bars[1].WordY || c.Bars[2].WordY != c.Base {
		t.Errorf("newChart words line = %q, want it falling from 199 to 0 words", c.Line)
	}
	if top := c.SpanTicks[len(c.SpanTicks)-1]; top.Value < 6 || top.Y != c.Top {
		t.Errorf("newChart span axis ends at %+v, want ≥ 6 at the top", top)
	}
}

func TestNiceScale(t *testing.T) {
	for _, tt := range []struct{ m, top, step int }{
		{1, 1, 1}, {4, 4, 1}, {6, 6, 2}, {9, 10, 5}, {17, 20, 5}, {199, 200, 50}, {1234, 1500, 500},
	} {
		if top, step := niceScale(tt.m); top != tt.top || step != tt.step {
			t.Errorf("niceScale(%d) = %d, %d, want %d, %d", tt.m, top, step, tt.top, tt.step)
		}
	}
}

func TestTitleOf(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"SECRET\n\nMEMORANDUM\nSUBJECT:  Memcon of 05 January (U)\nbody", "Memcon of 05 January (U)"},
		{"SECRET\n\nThe Secretary met the Minister today.\n", "The Secretary met the Minister today."},
		{"SECRET\nNOFORN\n", "SECRET"},
		{"", ""},
		{"Subject: A very long subject line that goes on and on and on and on and on and on and on and on and on and on and on and on", "A very long subject line that goes on and on and on and on and on and on and on and on and on and on and on and on"},
	} {
		if got := titleOf(tt.text); got != tt.want {
			t.Errorf("titleOf(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	long := "Subject: " + string(slices.Repeat([]byte("word "), 40))
	if got := titleOf(long); len([]rune(got)) != 120 {
		t.Errorf("titleOf(%q) has %d characters, want 120", long, len([]rune(got)))
	}
}
