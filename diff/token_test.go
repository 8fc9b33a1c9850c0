package diff

import (
	"reflect"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Token
	}{
		{"empty", "", []Token{}},
		{"spaces only", " \n\t ", []Token{}},
		{"words", "SecDef  called\nGrachev.", []Token{{0, 6, "SecDef"}, {8, 14, "called"}, {15, 23, "Grachev."}}},
		{"hyphenated at line end", "secu-\nrity risk", []Token{{0, 10, "security"}, {11, 15, "risk"}}},
		{"hyphen kept before capital", "all-\nEuropean", []Token{{0, 13, "all-European"}}},
		{"hyphen mid-line is kept", "all- European", []Token{{0, 4, "all-"}, {5, 13, "European"}}},
		{"no join across blank line", "secu-\n\nrity", []Token{{0, 5, "secu-"}, {7, 11, "rity"}}},
		{"no join after digit", "1994-\n1995", []Token{{0, 5, "1994-"}, {6, 10, "1995"}}},
		{"CRLF and tabs", "a\r\n\tb", []Token{{0, 1, "a"}, {4, 5, "b"}}},
		{"non-breaking space and BOM", "\uFEFFa\u00a0b", []Token{{3, 4, "a"}, {6, 7, "b"}}},
		{"multibyte words", "Grüße █████ 50X1-HUM", []Token{{0, 7, "Grüße"}, {8, 23, "█████"}, {24, 32, "50X1-HUM"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Tokenize([]byte(tt.in))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Tokenize(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}
