package diff

import (
	"reflect"
	"strings"
	"testing"
)

// TestRedactionExemptions reads the exemption codes of redacted spans, each span's codes
// joined with "+", the spans with " | ": bare spellings only where they read as codes, and
// the spacing variants of the contract.
func TestRedactionExemptions(t *testing.T) {
	tests := []struct {
		name, text string
		want       string // spans' codes
	}{
		{"bare code in running text", "his name, b6, be kept from the liaison", "(b)(6)"},
		{"bare code after a preposition", "is approved under B1 and the travel", "(b)(1)"},
		{"bare code after a label", "Massachusetts File # b7E\n", "(b)(7)(E)"},
		{"bare code alone on its line", "The informant\nb6\nsaid so.\n", "(b)(6)"},
		{"bare codes next to each other", "NAME b6 b7C\n", "(b)(6)+(b)(7)(C)"},
		{"bare code next to a marker", "ACCOUNT [REDACTED] b6\n", "(b)(6)"},
		{"a date read as a bare code", "FOR: FILING\n\n1 Gun b4\n\n201-289248\n", ""},
		{"a designation after an article", "the B1 bomber flew over the base", ""},
		{"two codes apart", "(b)(1) (b)(3)", "(b)(1)+(b)(3)"},
		{"two codes with a comma", "(b)(6), (b)(7)(C)", "(b)(6)+(b)(7)(C)"},
		{"space inside a code", "withheld (b) (7)(C) here", "(b)(7)(C)"},
		{"sub-letters", "(b)(7)(C)(D)", "(b)(7)(C)(D)"},
		{"a code with its reason", "text (b)(1) 1.4(c) more", "(b)(1)+1.4(c)"},
		{"a bracketed note", "[Redacted: (b) (7)(A)]", "(b)(7)(A)"},
		{"b(6)", "name b(6) here", "(b)(6)"},
		{"CIA codes", "by 25X1 and 50X1-HUM during", "25X1+50X1-HUM"},
		{"glued codes", "(b)(1)(b)(3)", "(b)(1)+(b)(3)"},
		{"a sub-letter after a space", "(b)(7) (C) withheld", "(b)(7)(C)"},
		{"an E.O. 25-year exemption", "(b)(1) 3.3(b)(6) withheld", "(b)(1)+3.3(b)(6)"},
	}
	d, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var spans []string
			for _, r := range d.Redactions([]byte(tt.text)) {
				spans = append(spans, strings.Join(r.Exemptions, "+"))
			}
			if got := strings.Join(spans, " | "); got != tt.want {
				t.Errorf("Redactions(%q) exemptions = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestRedactionSpans checks that codes printed apart are separate spans' codes but one
// span, and the marker text of each.
func TestRedactionSpans(t *testing.T) {
	d, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := d.Redactions([]byte("Spring 2016. Campaign foreign policy advisor (b)(6), (b)(7)(C) made early"))
	var markers []string
	for _, r := range got {
		markers = append(markers, r.Marker)
	}
	if want := []string{"(b)(6), (b)(7)(C)"}; !reflect.DeepEqual(markers, want) {
		t.Errorf("Redactions markers = %q, want %q", markers, want)
	}
}
