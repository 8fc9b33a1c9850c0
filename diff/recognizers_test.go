package diff

import (
	"strings"
	"testing"
)

// TestMarkingStopsBeforeRedaction: a marking extended over the words of its line
// ("Classified by: …") stops before a redacted span on that line instead of covering it,
// so the marking and the redaction are both recognized. A fuzz finding.
func TestMarkingStopsBeforeRedaction(t *testing.T) {
	d, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("word ", 40) // a line longer than a stamp line: the match is extended
	tests := []struct {
		text string
		want string // the marking's text
	}{
		{long + "Classified by: Director (b)(6) Smith " + long, "Classified by: Director"},
		{long + "Declassify on: ████ 2010 " + long, "Declassify on:"},
	}
	for _, tt := range tests {
		text := []byte(tt.text)
		red := redactionSpans(d.redaction, text, 0, len(text))
		marks := markingSpans(d.marking, text, 0, len(text), red)
		if len(red) != 1 || len(marks) != 1 {
			t.Fatalf("markingSpans(%q) = %v with redactions %v, want one of each", tt.text, marks, red)
		}
		if got := string(text[marks[0].start:marks[0].end]); got != tt.want || overlapsAny(marks[0], red) {
			t.Errorf("markingSpans(%q) = %q, want %q, not overlapping the redaction %q", tt.text, got, tt.want, text[red[0].start:red[0].end])
		}
	}
}
