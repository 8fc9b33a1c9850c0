package diff

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
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

// referenceWords splits text the plain way, rune by rune, into the byte ranges of its
// words (before any joining at hyphenated line ends).
func referenceWords(text string) [][2]int {
	var out [][2]int
	start := -1
	for i, r := range text {
		space := unicode.IsSpace(r) || r == '\uFEFF'
		switch {
		case space && start >= 0:
			out = append(out, [2]int{start, i})
			start = -1
		case !space && start < 0:
			start = i
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(text)})
	}
	return out
}

// FuzzTokenize checks the tokenizer against referenceWords: where no word is joined at a
// hyphenated line end the words are the same, and equal words, and only they, share an
// interned id, whichever way their hash was computed.
func FuzzTokenize(f *testing.F) {
	for _, tc := range testCases {
		f.Add(tc.old + "\n" + tc.new)
	}
	f.Add("abcdefgh ijklmnopq\x01rs tuvwxyz0123456789 █████ Grüße\u00a0a\u2028b")
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		var in interner
		toks := tokenize([]byte(text), &in)
		ref := referenceWords(text)
		if !strings.Contains(text, "-") && len(toks) != len(ref) {
			t.Fatalf("tokenize(%q) has %d words, want %d", text, len(toks), len(ref))
		}
		r := 0
		for _, tk := range toks {
			for r < len(ref) && ref[r][0] < int(tk.start) {
				r++
			}
			if r >= len(ref) || ref[r][0] != int(tk.start) {
				t.Fatalf("tokenize(%q): word at %d is not a reference word start", text, tk.start)
			}
			word := text[tk.start:tk.end]
			if key := in.keys[tk.id]; int(tk.end) == ref[r][1] && key != word {
				t.Fatalf("tokenize(%q): word %q has key %q", text, word, key)
			}
			if id := in.id([]byte(in.keys[tk.id])); id != tk.id {
				t.Fatalf("tokenize(%q): key %q interned again as %d, want %d", text, in.keys[tk.id], id, tk.id)
			}
		}
		seen := map[string]int32{}
		for id, key := range in.keys {
			if prev, ok := seen[key]; ok {
				t.Fatalf("tokenize(%q): key %q has ids %d and %d", text, key, prev, id)
			}
			seen[key] = int32(id)
		}
	})
}
